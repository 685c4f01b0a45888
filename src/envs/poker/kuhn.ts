// Kuhn poker (Kuhn, 1950): three cards J < Q < K, ante 1, one betting round with bets of 1.
// Conventions follow OpenSpiel's kuhn_poker (ALGORITHMS.md §2.3): chance deals player 0's card, then
// player 1's; action 0 = pass/fold, 1 = bet/call; information-state keys are the card index then the
// history ("0", "1pb", "2b"); the tensor is [player one-hot (2), card one-hot (3), history (3 × 2 bits)].

import type { Rng } from '../../core/rng.js';
import { CHANCE, TERMINAL, type Game, type GameState, type Player } from '../../env/game.js';
import type { RenderMode } from '../../env/types.js';
import { EngineEnv, EngineState, type GameEngine } from './engine.js';

export const KUHN_PASS = 0;
export const KUHN_BET = 1;
const CARD_NAMES = ['J', 'Q', 'K'];
const NUM_CARDS = 3;
const MAX_HISTORY = 3;

/** Kuhn poker's rules, mutable; wrapped by KuhnPoker (tree view) and KuhnEnv (learner view). */
export class KuhnEngine implements GameEngine<KuhnEngine> {
  readonly numPlayers = 2;
  readonly tensorSize = 2 + NUM_CARDS + 2 * MAX_HISTORY;
  readonly numDistinctActions = 2;
  private readonly cards = new Int8Array([-1, -1]);
  private readonly history = new Int8Array(MAX_HISTORY);
  private dealt = 0;
  private length = 0;

  clone(): KuhnEngine {
    const e = new KuhnEngine();
    e.cards.set(this.cards);
    e.history.set(this.history);
    e.dealt = this.dealt;
    e.length = this.length;
    return e;
  }

  reset(): void {
    this.cards.fill(-1);
    this.history.fill(0);
    this.dealt = 0;
    this.length = 0;
  }

  private isOver(): boolean {
    const h = this.history;
    // Terminal histories: pp, bp, bb (length 2 unless pass-bet), and pbp, pbb.
    return this.length === 3 || (this.length === 2 && !(h[0] === KUHN_PASS && h[1] === KUHN_BET));
  }

  currentPlayer(): Player {
    if (this.dealt < 2) return CHANCE;
    if (this.isOver()) return TERMINAL;
    return this.length % 2;
  }

  legalActions(): number[] {
    return this.currentPlayer() >= 0 ? [KUHN_PASS, KUHN_BET] : [];
  }

  isLegal(action: number): boolean {
    return this.currentPlayer() >= 0 && (action === KUHN_PASS || action === KUHN_BET);
  }

  chanceOutcomes(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const p = 1 / (NUM_CARDS - this.dealt);
    for (let c = 0; c < NUM_CARDS; c++) if (c !== this.cards[0]) out.push([c, p]);
    return out;
  }

  sampleChance(rng: Rng): number {
    const k = rng.int(NUM_CARDS - this.dealt);
    // The k-th card not yet dealt (only player 0's card can have been dealt before).
    return this.dealt === 0 || k < this.cards[0] ? k : k + 1;
  }

  apply(action: number): void {
    if (this.dealt < 2) this.cards[this.dealt++] = action;
    else this.history[this.length++] = action;
  }

  writeReturns(out: Float64Array): void {
    out.fill(0);
    if (this.currentPlayer() !== TERMINAL) return;
    const h = this.history;
    let paid0 = 1;
    let paid1 = 1;
    for (let i = 0; i < this.length; i++) {
      if (i % 2 === 0) paid0 += h[i];
      else paid1 += h[i];
    }
    // A pass right after a bet is a fold by the player who passed.
    let loser: number;
    const last = this.length - 1;
    if (h[last] === KUHN_PASS && last > 0 && h[last - 1] === KUHN_BET) loser = last % 2;
    else loser = this.cards[0] > this.cards[1] ? 1 : 0;
    const winner = 1 - loser;
    const stake = loser === 0 ? paid0 : paid1;
    out[winner] = stake;
    out[loser] = -stake;
  }

  informationStateKey(player: Player): string {
    let key = this.cards[player] >= 0 ? String(this.cards[player]) : '';
    for (let i = 0; i < this.length; i++) key += this.history[i] === KUHN_BET ? 'b' : 'p';
    return key;
  }

  writeInformationStateTensor(player: Player, out: Float32Array): void {
    out[player] = 1;
    if (this.cards[player] >= 0) out[2 + this.cards[player]] = 1;
    for (let i = 0; i < this.length; i++) out[2 + NUM_CARDS + 2 * i + this.history[i]] = 1;
  }

  actionToString(action: number): string {
    if (this.dealt < 2) return `Deal:${CARD_NAMES[action] ?? action}`;
    return action === KUHN_PASS ? 'Pass' : action === KUHN_BET ? 'Bet' : `?${action}`;
  }

  toString(): string {
    const cards = Array.from(this.cards, (c) => (c >= 0 ? CARD_NAMES[c] : '?')).join(' ');
    let history = '';
    for (let i = 0; i < this.length; i++) history += this.history[i] === KUHN_BET ? 'b' : 'p';
    return `kuhn_poker cards ${cards} history '${history}'`;
  }
}

/** Kuhn poker as a tree (the Game interface). */
export class KuhnPoker implements Game {
  readonly name = 'kuhn_poker';
  numPlayers(): number { return 2; }
  numDistinctActions(): number { return 2; }
  newInitialState(): GameState { return new EngineState(new KuhnEngine()); }
  informationStateTensorSize(): number { return 2 + NUM_CARDS + 2 * MAX_HISTORY; }
}

/** Kuhn poker for learners: cards are dealt from a seeded generator at reset. */
export class KuhnEnv extends EngineEnv<KuhnEngine> {
  constructor(options: { renderMode?: RenderMode | null; seed?: number } = {}) {
    super(new KuhnEngine(), options.renderMode ?? null, options.seed ?? 0);
  }
}
