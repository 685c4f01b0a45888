// Baseline1, the organisers' rule-based bot (AGENTS §1), re-implemented from its description:
// draft guard creatures; in battle make passes over the cards in input order (summon what is
// affordable into lane n mod 2, attack the first guard of the lane or the face, use at most one
// item), with the persistent pass counter and the Python list-mutation skip reproduced.
// For 1.5 decks it prefers guard creatures, then cheap creatures.
import { BLUE_ITEM, CHARGE, CREATURE, GREEN_ITEM, GUARD, RED_ITEM, type Card } from '../cards.js';
import { ATTACK, F_COST, F_KW, F_LANE, F_TYPE, SUMMON, USE, type LocmGame } from '../engine.js';
import { constructByScore, type ActionList, type LocmAgent } from './agent.js';

interface Entry {
  id: number;
  type: number;
  cost: number;
  kw: number;
  /** 0 hand, 1 own board, −1 enemy board. */
  location: number;
  lane: number;
  canAttack: boolean;
}

export class Baseline1Agent implements LocmAgent {
  readonly name = 'baseline1';
  /** The bot's global counter: −1 at start, left at 1 or 2 by the draft loop. */
  private n = -1;

  reset(): void { this.n = -1; }

  draft(triple: readonly Card[]): number {
    // The original loops n over 1, 2 and breaks on a guard creature; the counter keeps the value.
    for (this.n = 1; this.n < 3; this.n++) {
      const c = triple[this.n];
      if (c.type === CREATURE && (c.keywords & GUARD) !== 0) return this.n;
    }
    this.n = 2;
    return 0;
  }

  construct(offered: readonly Card[]): number[] {
    return constructByScore(offered, (c) => (c.type !== CREATURE ? 0 : (c.keywords & GUARD ? 100 : 50) - c.cost));
  }

  battle(game: LocmGame, out: ActionList): void {
    const p = game.currentPlayer, q = 1 - p;
    const cards: Entry[] = [];
    const add = (id: number, location: number): void => {
      cards.push({ id, type: game.field(id, F_TYPE), cost: game.field(id, F_COST), kw: game.field(id, F_KW), location, lane: location === 0 ? -1 : game.field(id, F_LANE), canAttack: location === 1 });
    };
    for (let i = 0; i < game.handSize(p); i++) add(game.handCard(p, i), 0);
    for (let i = 0; i < game.boardSize(p); i++) add(game.boardCard(p, i), 1);
    for (let i = 0; i < game.boardSize(q); i++) add(game.boardCard(q, i), -1);
    let mana = game.maxMana(p);
    let itemUsed = false;
    for (;;) {
      this.n++;
      let stop = false;
      const before = out.length;
      const onBoard = cards.filter((c) => c.location === 1);
      const foes = cards.filter((c) => c.location === -1);
      for (let i = 0; i < cards.length; i++) {
        const c = cards[i];
        const affordable = c.location === 0 && c.cost <= mana;
        if (affordable && c.type === CREATURE) {
          out.push(SUMMON, c.id, this.n % 2);
          mana -= c.cost;
          c.location = 1;
          c.canAttack = (c.kw & CHARGE) !== 0;
        } else if (c.location === 1 && c.canAttack) {
          const guard = cards.find((e) => e.location === -1 && e.lane === c.lane && (e.kw & GUARD) !== 0);
          out.push(ATTACK, c.id, guard ? guard.id : -1);
          c.canAttack = false;
        } else if (affordable && !itemUsed && ((c.type === GREEN_ITEM && onBoard.length > 0) || (c.type === RED_ITEM && foes.length > 0) || c.type === BLUE_ITEM)) {
          out.push(USE, c.id, c.type === GREEN_ITEM ? onBoard[0].id : c.type === RED_ITEM ? foes[0].id : -1);
          mana -= c.cost;
          itemUsed = true;
          // Removing the current element makes Python's loop skip the next card.
          cards.splice(i, 1);
        } else {
          stop = true;
        }
      }
      // An empty card list would loop forever in the original; nothing to do ends the turn.
      if (stop || out.length === before) break;
    }
  }
}
