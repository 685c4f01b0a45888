// A greedy one-ply agent (in the spirit of the Nim "Greedy", AGENTS §5.1): at each step it tries
// every legal action on a scratch copy, keeps the strictly best by a hand-crafted evaluation
// (PASS first, so it wins ties) and stops when PASS is best. Decks by a cost-efficiency score.
import { BREAKTHROUGH, CREATURE, DRAIN, GUARD, LETHAL, WARD, type Card } from '../cards.js';
import { F_ATK, F_DEF, F_KW, LocmGame, MAX_LEGAL } from '../engine.js';
import { battleBySteps, constructByScore, type ActionList, type LocmAgent } from './agent.js';

/** A creature's worth on the board: stats plus keyword bonuses. */
export function creatureValue(atk: number, def: number, kw: number): number {
  let v = atk + def + 3;
  if (kw & GUARD) v += 1 + def * 0.25;
  if (kw & WARD) v += atk;
  if (kw & LETHAL) v += 3;
  if (kw & DRAIN) v += atk * 0.5;
  if (kw & BREAKTHROUGH) v += 0.5;
  return v;
}

/** Evaluation of a position from player p's side. */
export function evaluate(g: LocmGame, p: number): number {
  const q = 1 - p;
  if (g.winner === p) return 1e6;
  if (g.winner === q) return -1e6;
  let score = 2 * (g.health(p) - g.health(q));
  for (let i = 0; i < g.boardSize(p); i++) {
    const id = g.boardCard(p, i);
    score += creatureValue(g.field(id, F_ATK), g.field(id, F_DEF), g.field(id, F_KW));
  }
  for (let i = 0; i < g.boardSize(q); i++) {
    const id = g.boardCard(q, i);
    score -= 1.2 * creatureValue(g.field(id, F_ATK), g.field(id, F_DEF), g.field(id, F_KW));
  }
  score += 1.5 * g.nextTurnDraw(p) + 0.5 * g.handSize(p);
  return score;
}

/** Deck-building worth of a card: value per mana, favouring creatures. */
export function cardScore(c: Card): number {
  const effects = c.myHealthChange - c.opponentHealthChange + 2 * c.cardDraw;
  const body = c.type === CREATURE ? creatureValue(c.attack, c.defense, c.keywords) : Math.abs(c.attack) + Math.abs(c.defense) + 2;
  return (body + effects) / (c.cost + 1.5) + (c.type === CREATURE ? 0.5 : 0);
}

export class GreedyAgent implements LocmAgent {
  readonly name = 'greedy';
  private scratch: LocmGame | null = null;
  private trial: LocmGame | null = null;
  private readonly legal = new Int32Array(3 * MAX_LEGAL);
  private readonly action = new Int32Array(3);

  reset(): void {}

  draft(triple: readonly Card[]): number {
    let best = 0;
    for (let i = 1; i < triple.length; i++) if (cardScore(triple[i]) > cardScore(triple[best])) best = i;
    return best;
  }

  construct(offered: readonly Card[]): number[] {
    return constructByScore(offered, cardScore);
  }

  battle(game: LocmGame, out: ActionList): void {
    this.ensureScratch(game);
    battleBySteps(this, this.scratch!, game, out, this.action);
  }

  /** The legal action with the strictly best evaluation after it (PASS first, so it wins ties). */
  step(game: LocmGame, out: Int32Array): void {
    this.ensureScratch(game);
    const t = this.trial!, legal = this.legal, p = game.currentPlayer;
    const n = game.listLegal(legal);
    let best = 0, bestScore = evaluate(game, p);
    for (let k = 1; k < n; k++) {
      t.copyFrom(game);
      t.apply(legal[3 * k], legal[3 * k + 1], legal[3 * k + 2]);
      const v = evaluate(t, p);
      if (v > bestScore) { best = k; bestScore = v; }
    }
    out[0] = legal[3 * best]; out[1] = legal[3 * best + 1]; out[2] = legal[3 * best + 2];
  }

  private ensureScratch(game: LocmGame): void {
    if (this.scratch === null || this.scratch.version !== game.version) {
      this.scratch = new LocmGame(game.version, game.idScheme);
      this.trial = new LocmGame(game.version, game.idScheme);
    }
  }
}
