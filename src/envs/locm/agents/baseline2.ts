// Baseline2, the organisers' "max attack" bot (AGENTS §2), re-implemented from its description:
// draft the highest-attack creature; in battle emit every attack (face, then each guard by
// defense) and every summon (both lanes), highest attack first, and let the referee skip the
// illegal ones. For 1.5 decks it takes the highest-attack creatures, two copies each.
import { CREATURE, GUARD, type Card } from '../cards.js';
import { ATTACK, F_ATK, F_DEF, F_KW, F_TYPE, SUMMON, type LocmGame } from '../engine.js';
import { constructByScore, type ActionList, type LocmAgent } from './agent.js';

export class Baseline2Agent implements LocmAgent {
  readonly name = 'baseline2';
  private readonly board: number[] = [];
  private readonly hand: number[] = [];
  private readonly guards: number[] = [];

  reset(): void {}

  draft(triple: readonly Card[]): number {
    let best = 0, bestAttack = -1;
    for (let i = 0; i < triple.length; i++) {
      if (triple[i].type === CREATURE && triple[i].attack > bestAttack) { best = i; bestAttack = triple[i].attack; }
    }
    return best;
  }

  construct(offered: readonly Card[]): number[] {
    return constructByScore(offered, (c) => (c.type === CREATURE ? 100 + c.attack * 16 - c.cost : 0));
  }

  battle(game: LocmGame, out: ActionList): void {
    const p = game.currentPlayer, q = 1 - p;
    const board = this.board, hand = this.hand, guards = this.guards;
    board.length = 0; hand.length = 0; guards.length = 0;
    for (let i = 0; i < game.boardSize(p); i++) board.push(game.boardCard(p, i));
    for (let i = 0; i < game.handSize(p); i++) hand.push(game.handCard(p, i));
    for (let i = 0; i < game.boardSize(q); i++) {
      const id = game.boardCard(q, i);
      if (game.field(id, F_KW) & GUARD) guards.push(id);
    }
    // Array.prototype.sort is stable, like Python's sorted().
    const byAttack = (a: number, b: number): number => game.field(b, F_ATK) - game.field(a, F_ATK);
    board.sort(byAttack);
    hand.sort(byAttack);
    guards.sort((a, b) => game.field(b, F_DEF) - game.field(a, F_DEF));
    for (const c of board) {
      out.push(ATTACK, c, -1);
      for (const g of guards) out.push(ATTACK, c, g);
    }
    for (const c of hand) {
      if (game.field(c, F_TYPE) !== CREATURE) continue;
      out.push(SUMMON, c, 0);
      out.push(SUMMON, c, 1);
    }
  }
}
