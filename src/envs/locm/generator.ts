// The LOCM 1.5 procedural card generator (RULES §5.2): eleven seeded sub-generators, weighted
// choices over the referee's cardWeights.json (encoded below, checked against the file in the
// tests), a per-card budget spent on properties in a shuffled order, then a stable sort by cost.
import { JavaRandom, javaShuffle, type JavaSeed } from './java-random.js';
import * as C from './cards.js';
import { keywordString, type Area, type Card, type CardType } from './cards.js';

// Module-local copies: reading an imported binding costs a getter call under tsx.
const AREA_TARGET = C.AREA_TARGET, BLUE_ITEM = C.BLUE_ITEM, CREATURE = C.CREATURE, GREEN_ITEM = C.GREEN_ITEM, RED_ITEM = C.RED_ITEM;
const BREAKTHROUGH = C.BREAKTHROUGH, CHARGE = C.CHARGE, DRAIN = C.DRAIN, GUARD = C.GUARD, LETHAL = C.LETHAL, WARD = C.WARD;

export interface WeightEntry {
  readonly name: string;
  readonly weight: number;
  readonly multCost: number;
  readonly addCost: number;
}

/** The referee's cardWeights.json (W15), each table in the file's order. */
export const CARD_WEIGHTS_15 = {
  type: [['creature', 0.4], ['itemGreen', 0.2], ['itemRed', 0.2], ['itemBlue', 0.2]].map(([n, w]) => entry(n as string, w as number)),
  mana: Array.from({ length: 13 }, (_, i) => entry(String(i), 0.1)),
  area: [entry('target', 50, 1, 0), entry('lane1', 25, 0.7, 0), entry('lane2', 25, 0.6, 0)],
  keywordCount: [['0', 10], ['1', 5], ['2', 3], ['3', 2], ['4', 1], ['5', 1], ['6', 1]].map(([n, w]) => entry(n as string, w as number)),
  keyword: ['breakthrough', 'charge', 'drain', 'guard', 'lethal', 'ward'].map((n) => entry(n, 1, 1, 1)),
  draw: [entry('0', 100, 1, 0), entry('1', 50, 1, 0), entry('2', 25, 1, 1), entry('3', 25, 1, 1), entry('4', 5, 1, 2)],
  myHealth: [entry('0', 100, 1, 0), entry('1', 50, 1, 0), entry('2', 25, 1, 1), entry('3', 25, 1, 1)],
  oppHealth: [entry('0', 100, 1, 0), entry('-1', 50, 1, 0), entry('-2', 25, 1, 1), entry('-3', 25, 1, 1)],
  bonusAttack: { mean: 1.0, std: 2.0 },
  bonusDefense: { mean: 1.0, std: 2.0 },
} as const;

function entry(name: string, weight: number, multCost = 1, addCost = 0): WeightEntry {
  return { name, weight, multCost, addCost };
}

/**
 * A weighted-choice table as the referee draws from it: entries stably sorted by ascending
 * weight, the total summed in file order (RULES §5.2). Built once; the draws take a generator.
 */
class WeightTable {
  readonly weights: Float64Array;
  readonly multCost: Float64Array;
  readonly addCost: Float64Array;
  /** Each sorted entry's value: the number its name spells, or its position in `codes`. */
  readonly values: Int32Array;
  readonly total: number;

  constructor(entries: readonly WeightEntry[], codes?: Record<string, number>) {
    const sorted = entries.slice().sort((a, b) => a.weight - b.weight);
    this.weights = Float64Array.from(sorted, (e) => e.weight);
    this.multCost = Float64Array.from(sorted, (e) => e.multCost);
    this.addCost = Float64Array.from(sorted, (e) => e.addCost);
    this.values = Int32Array.from(sorted, (e) => (codes ? codes[e.name] : Number(e.name)));
    let total = 0;
    for (const e of entries) total += e.weight;
    this.total = total;
  }

  /** Index of the drawn sorted entry. */
  draw(rnd: JavaRandom): number {
    const w = this.weights, n = w.length;
    let x = rnd.nextDouble() * this.total;
    for (let i = 0; i < n; i++) {
      x -= w[i];
      if (x <= 0) return i;
    }
    return n - 1;
  }

  /** Index of the drawn sorted entry among those whose bit is not set in `excluded`. */
  drawExcluding(rnd: JavaRandom, excluded: number): number {
    const w = this.weights, n = w.length;
    let t = 0, last = -1;
    for (let i = 0; i < n; i++) if (!(excluded & (1 << i))) { t += w[i]; last = i; }
    if (last < 0) throw new RangeError('WeightTable.drawExcluding: every entry is excluded');
    let x = rnd.nextDouble() * t;
    for (let i = 0; i < n; i++) {
      if (excluded & (1 << i)) continue;
      x -= w[i];
      if (x <= 0) return i;
    }
    return last;
  }
}

const KEYWORD_BITS: Record<string, number> = { breakthrough: BREAKTHROUGH, charge: CHARGE, drain: DRAIN, guard: GUARD, lethal: LETHAL, ward: WARD };
const TYPE_CODES: Record<string, number> = { creature: CREATURE, itemGreen: GREEN_ITEM, itemRed: RED_ITEM, itemBlue: BLUE_ITEM };
const AREA_CODES: Record<string, number> = { target: 0, lane1: 1, lane2: 2 };

const W = CARD_WEIGHTS_15;
const TYPE_TABLE = new WeightTable(W.type, TYPE_CODES);
const MANA_TABLE = new WeightTable(W.mana);
const AREA_TABLE = new WeightTable(W.area, AREA_CODES);
const KEYWORD_COUNT_TABLE = new WeightTable(W.keywordCount);
const KEYWORD_TABLE = new WeightTable(W.keyword, KEYWORD_BITS);
const DRAW_TABLE = new WeightTable(W.draw);
const MY_HEALTH_TABLE = new WeightTable(W.myHealth);
const OPP_HEALTH_TABLE = new WeightTable(W.oppHealth);

const PROP_AREA = 0, PROP_KEYWORDS = 1, PROP_DRAW = 2, PROP_MY_HEALTH = 3, PROP_OPP_HEALTH = 4;

/** The budget a card spends on its properties; `tryAdd` as in the referee's CardBuilder. */
class Budget {
  value = 0;

  /** Pays for sorted entry i of `table`; on failure the budget is recomputed, not restored. */
  tryAdd(table: WeightTable, i: number): boolean {
    const mult = table.multCost[i], add = table.addCost[i];
    const nb = this.value * mult - add;
    if (nb < 0) {
      this.value = (nb + add) / mult;
      return false;
    }
    this.value = nb;
    return true;
  }
}

/** Generates the 120-card set of one LOCM 1.5 game, numbered 0..119 in cost order. */
export function generateCards15(cardGenSeed: JavaSeed, count = 120): Card[] {
  const master = new JavaRandom(cardGenSeed);
  const sub = (): JavaRandom => new JavaRandom(master.nextInt());
  const typeRnd = sub(), manaRnd = sub(), areaRnd = sub(), orderRnd = sub(), keywordCountRnd = sub(), keywordRnd = sub();
  const drawRnd = sub(), myHealthRnd = sub(), oppHealthRnd = sub(), bonusAttack = sub(), bonusDefense = sub();

  // One list, shuffled again for every card and never reset (RULES §5.2).
  const order = [PROP_AREA, PROP_KEYWORDS, PROP_DRAW, PROP_MY_HEALTH, PROP_OPP_HEALTH];
  const budget = new Budget();
  const generated: Card[] = [];
  for (let n = 0; n < count; n++) {
    const type = TYPE_TABLE.values[TYPE_TABLE.draw(typeRnd)] as CardType;
    const cost = MANA_TABLE.values[MANA_TABLE.draw(manaRnd)];
    budget.value = cost;
    let area = AREA_TARGET, keywords = 0, draw = 0, my = 0, opp = 0;
    javaShuffle(order, orderRnd);
    for (let k = 0; k < 5; k++) {
      const prop = order[k];
      if (prop === PROP_AREA) {
        const i = AREA_TABLE.draw(areaRnd);
        if (budget.tryAdd(AREA_TABLE, i)) area = AREA_TABLE.values[i];
      } else if (prop === PROP_DRAW) {
        const i = DRAW_TABLE.draw(drawRnd);
        if (budget.tryAdd(DRAW_TABLE, i)) draw = DRAW_TABLE.values[i];
      } else if (prop === PROP_MY_HEALTH) {
        const i = MY_HEALTH_TABLE.draw(myHealthRnd);
        if (budget.tryAdd(MY_HEALTH_TABLE, i)) my = MY_HEALTH_TABLE.values[i];
      } else if (prop === PROP_OPP_HEALTH) {
        const i = OPP_HEALTH_TABLE.draw(oppHealthRnd);
        if (budget.tryAdd(OPP_HEALTH_TABLE, i)) opp = OPP_HEALTH_TABLE.values[i];
      } else if (type !== BLUE_ITEM) {
        const wanted = KEYWORD_COUNT_TABLE.values[KEYWORD_COUNT_TABLE.draw(keywordCountRnd)];
        let chosen = 0; // bits of sorted keyword entries already taken
        for (let j = 0; j < wanted; j++) {
          const i = KEYWORD_TABLE.drawExcluding(keywordRnd, chosen);
          if (!budget.tryAdd(KEYWORD_TABLE, i)) break;
          chosen |= 1 << i;
          keywords |= KEYWORD_TABLE.values[i];
        }
      }
    }
    let attack = Math.trunc(budget.value + (bonusAttack.nextDouble() * W.bonusAttack.std + W.bonusAttack.mean));
    let defense = Math.trunc(budget.value + (bonusDefense.nextDouble() * W.bonusDefense.std + W.bonusDefense.mean));
    if (type === CREATURE) { attack = Math.max(attack, 0); defense = Math.max(defense, 1); }
    else if (type === BLUE_ITEM) { attack = 0; defense = Math.max(defense, 0); }
    else { attack = Math.max(attack, 0); defense = Math.max(defense, 0); }
    // Red and blue items are negated; `| 0` turns a negated 0 into 0.
    if (type === RED_ITEM || type === BLUE_ITEM) { attack = -attack | 0; defense = -defense | 0; }
    generated.push({ id: n, name: '', type, cost, attack, defense, keywords, myHealthChange: my, opponentHealthChange: opp, cardDraw: draw, area: area as Area });
  }
  // Stable sort by cost (generation order breaks ties), then number 0..count−1.
  generated.sort((a, b) => a.cost - b.cost || a.id - b.id);
  return generated.map((c, id) => ({ ...c, id, name: `#${id}` }));
}

/** The referee's `Generated cards:` summary body for a card set (RULES §13). */
export function formatGeneratedCards(cards: readonly Card[]): string {
  return cards.map((c) => `-1 ${c.id} ${c.type} ${c.cost} ${c.attack} ${c.defense} ${keywordString(c.keywords)} ${c.myHealthChange} ${c.opponentHealthChange} ${c.cardDraw} ${c.area} `).join(', ');
}
