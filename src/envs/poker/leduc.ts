// Leduc poker (Southey et al., 2005), two players, standard rules as in OpenSpiel's leduc_poker:
// six cards (J, Q, K in two suits; card c has rank c >> 1), ante 1, a private card each, then two
// betting rounds (raises of 2, then 4; at most two raises per round) around one public card.
// A pair with the public card wins, else the higher private card; equal ranks split the pot.
// Actions: 0 = fold (only when facing a raise), 1 = check/call, 2 = raise. 936 information sets.

import type { Rng } from '../../core/rng.js';
import { CHANCE, TERMINAL, type Game, type GameState, type Player } from '../../env/game.js';
import type { RenderMode } from '../../env/types.js';
import { EngineEnv, EngineState, type GameEngine } from './engine.js';

export const LEDUC_FOLD = 0;
export const LEDUC_CALL = 1;
export const LEDUC_RAISE = 2;
const NUM_CARDS = 6;
const MAX_RAISES = 2;
/** Longest betting sequence of a round: call, raise, raise, call. */
const MAX_BETS = 4;
const RAISE_AMOUNT = [2, 4];
const TENSOR_SIZE = 2 + NUM_CARDS + NUM_CARDS + 2 * MAX_BETS * 2;
const ACTION_CHARS = ['f', 'c', 'r'];
const ACTION_NAMES = ['Fold', 'Call', 'Raise'];

function cardName(card: number): string {
  return card < 0 ? '?' : 'JQK'[card >> 1] + 'ab'[card & 1];
}

/** Leduc poker's rules, mutable; wrapped by LeducPoker (tree view) and LeducEnv (learner view). */
export class LeducEngine implements GameEngine<LeducEngine> {
  readonly numPlayers = 2;
  readonly tensorSize = TENSOR_SIZE;
  readonly numDistinctActions = 3;
  private readonly privateCards = new Int8Array([-1, -1]);
  private publicCard = -1;
  private readonly inDeck = new Uint8Array(NUM_CARDS).fill(1);
  private deckSize = NUM_CARDS;
  /** 0 or 1. */
  private round = 0;
  /** Chips each player has put in the pot. */
  private readonly contributed = new Int32Array([1, 1]);
  /** The contribution every player must match to stay in. */
  private stakes = 1;
  private numRaises = 0;
  private numCalls = 0;
  private folded = -1;
  private player: Player = CHANCE;
  private over = false;
  private readonly bets = [new Int8Array(MAX_BETS), new Int8Array(MAX_BETS)];
  private readonly numBets = new Int32Array(2);

  clone(): LeducEngine {
    const e = new LeducEngine();
    e.privateCards.set(this.privateCards);
    e.publicCard = this.publicCard;
    e.inDeck.set(this.inDeck);
    e.deckSize = this.deckSize;
    e.round = this.round;
    e.contributed.set(this.contributed);
    e.stakes = this.stakes;
    e.numRaises = this.numRaises;
    e.numCalls = this.numCalls;
    e.folded = this.folded;
    e.player = this.player;
    e.over = this.over;
    e.bets[0].set(this.bets[0]);
    e.bets[1].set(this.bets[1]);
    e.numBets.set(this.numBets);
    return e;
  }

  reset(): void {
    this.privateCards.fill(-1);
    this.publicCard = -1;
    this.inDeck.fill(1);
    this.deckSize = NUM_CARDS;
    this.round = 0;
    this.contributed.fill(1);
    this.stakes = 1;
    this.numRaises = 0;
    this.numCalls = 0;
    this.folded = -1;
    this.player = CHANCE;
    this.over = false;
    this.bets[0].fill(0);
    this.bets[1].fill(0);
    this.numBets.fill(0);
  }

  currentPlayer(): Player {
    return this.over ? TERMINAL : this.player;
  }

  isLegal(action: number): boolean {
    if (this.over || this.player < 0) return false;
    if (action === LEDUC_CALL) return true;
    if (action === LEDUC_FOLD) return this.stakes > this.contributed[this.player];
    if (action === LEDUC_RAISE) return this.numRaises < MAX_RAISES;
    return false;
  }

  legalActions(): number[] {
    const out: number[] = [];
    for (let a = 0; a < 3; a++) if (this.isLegal(a)) out.push(a);
    return out;
  }

  chanceOutcomes(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let c = 0; c < NUM_CARDS; c++) if (this.inDeck[c]) out.push([c, 1 / this.deckSize]);
    return out;
  }

  sampleChance(rng: Rng): number {
    let k = rng.int(this.deckSize);
    for (let c = 0; c < NUM_CARDS; c++) {
      if (this.inDeck[c] && k-- === 0) return c;
    }
    throw new RangeError('LeducEngine.sampleChance: the deck is empty');
  }

  apply(action: number): void {
    if (this.player === CHANCE) {
      this.inDeck[action] = 0;
      this.deckSize--;
      if (this.privateCards[0] < 0) this.privateCards[0] = action;
      else if (this.privateCards[1] < 0) {
        this.privateCards[1] = action;
        this.player = 0;
      } else {
        this.publicCard = action;
        this.player = 0;
      }
      return;
    }
    const p = this.player;
    const r = this.round;
    this.bets[r][this.numBets[r]++] = action;
    if (action === LEDUC_FOLD) {
      this.folded = p;
      this.over = true;
      return;
    }
    if (action === LEDUC_CALL) {
      this.contributed[p] = this.stakes;
      this.numCalls++;
    } else {
      this.stakes += RAISE_AMOUNT[r];
      this.contributed[p] = this.stakes;
      this.numRaises++;
      this.numCalls = 0;
    }
    const roundOver = this.numRaises === 0 ? this.numCalls === 2 : this.numCalls === 1;
    if (!roundOver) this.player = 1 - p;
    else if (r === 1) this.over = true;
    else {
      this.round = 1;
      this.numRaises = 0;
      this.numCalls = 0;
      this.player = CHANCE;
    }
  }

  writeReturns(out: Float64Array): void {
    out.fill(0);
    if (!this.over) return;
    let winner: number;
    if (this.folded >= 0) winner = 1 - this.folded;
    else {
      const publicRank = this.publicCard >> 1;
      const r0 = this.privateCards[0] >> 1;
      const r1 = this.privateCards[1] >> 1;
      if (r0 === publicRank) winner = 0;
      else if (r1 === publicRank) winner = 1;
      else if (r0 !== r1) winner = r0 > r1 ? 0 : 1;
      else return; // split pot
    }
    const loser = 1 - winner;
    out[winner] = this.contributed[loser];
    out[loser] = -this.contributed[loser];
  }

  informationStateKey(player: Player): string {
    let key = String(this.privateCards[player]) + ':';
    for (let i = 0; i < this.numBets[0]; i++) key += ACTION_CHARS[this.bets[0][i]];
    if (this.publicCard >= 0) {
      key += ':' + String(this.publicCard) + ':';
      for (let i = 0; i < this.numBets[1]; i++) key += ACTION_CHARS[this.bets[1][i]];
    }
    return key;
  }

  writeInformationStateTensor(player: Player, out: Float32Array): void {
    out[player] = 1;
    if (this.privateCards[player] >= 0) out[2 + this.privateCards[player]] = 1;
    if (this.publicCard >= 0) out[2 + NUM_CARDS + this.publicCard] = 1;
    const base = 2 + 2 * NUM_CARDS;
    for (let r = 0; r < 2; r++) {
      for (let i = 0; i < this.numBets[r]; i++) {
        const a = this.bets[r][i];
        if (a === LEDUC_CALL) out[base + (r * MAX_BETS + i) * 2] = 1;
        else if (a === LEDUC_RAISE) out[base + (r * MAX_BETS + i) * 2 + 1] = 1;
      }
    }
  }

  actionToString(action: number): string {
    if (this.player === CHANCE) return `Deal:${cardName(action)}`;
    return ACTION_NAMES[action] ?? `?${action}`;
  }

  toString(): string {
    const seq = (r: number): string => Array.from(this.bets[r].subarray(0, this.numBets[r]), (a) => ACTION_CHARS[a]).join('');
    return `leduc_poker private ${cardName(this.privateCards[0])} ${cardName(this.privateCards[1])} public ${cardName(this.publicCard)} ` +
      `round1 '${seq(0)}' round2 '${seq(1)}' pot ${this.contributed[0] + this.contributed[1]}`;
  }
}

/** Leduc poker as a tree (the Game interface). */
export class LeducPoker implements Game {
  readonly name = 'leduc_poker';
  numPlayers(): number { return 2; }
  numDistinctActions(): number { return 3; }
  newInitialState(): GameState { return new EngineState(new LeducEngine()); }
  informationStateTensorSize(): number { return TENSOR_SIZE; }
}

/** Leduc poker for learners: cards are dealt from a seeded generator. */
export class LeducEnv extends EngineEnv<LeducEngine> {
  constructor(options: { renderMode?: RenderMode | null; seed?: number } = {}) {
    super(new LeducEngine(), options.renderMode ?? null, options.seed ?? 0);
  }
}
