// The LOCM 1.5 procedural card generator (RULES §5.2): eleven seeded sub-generators, weighted
// choices over the referee's cardWeights.json (encoded below, checked against the file in the
// tests), a per-card budget spent on properties in a shuffled order, then a stable sort by cost.
import { JavaRandom, javaShuffle, type JavaSeed } from './java-random.js';
import {
  AREA_TARGET, BLUE_ITEM, BREAKTHROUGH, CHARGE, CREATURE, DRAIN, GREEN_ITEM, GUARD, LETHAL, RED_ITEM, WARD,
  keywordString, type Area, type Card, type CardType,
} from './cards.js';

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

/** A weighted choice as the referee draws it: entries stably sorted by ascending weight. */
class WeightedChoice {
  private readonly sorted: WeightEntry[];
  private readonly total: number;

  constructor(entries: readonly WeightEntry[], private readonly rnd: JavaRandom) {
    this.sorted = entries.slice().sort((a, b) => a.weight - b.weight);
    let total = 0;
    for (const e of entries) total += e.weight;
    this.total = total;
  }

  draw(): WeightEntry {
    let x = this.rnd.nextDouble() * this.total;
    for (const e of this.sorted) {
      x -= e.weight;
      if (x <= 0) return e;
    }
    return this.sorted[this.sorted.length - 1];
  }

  /** Draws among the entries whose name is not in `chosen`. */
  drawExcluding(chosen: readonly string[]): WeightEntry {
    let t = 0;
    let last: WeightEntry | null = null;
    for (const e of this.sorted) if (!chosen.includes(e.name)) { t += e.weight; last = e; }
    if (last === null) throw new RangeError('WeightedChoice.drawExcluding: every entry is excluded');
    let x = this.rnd.nextDouble() * t;
    for (const e of this.sorted) {
      if (chosen.includes(e.name)) continue;
      x -= e.weight;
      if (x <= 0) return e;
    }
    return last;
  }
}

const KEYWORD_BITS: Record<string, number> = { breakthrough: BREAKTHROUGH, charge: CHARGE, drain: DRAIN, guard: GUARD, lethal: LETHAL, ward: WARD };
const TYPE_CODES: Record<string, CardType> = { creature: CREATURE, itemGreen: GREEN_ITEM, itemRed: RED_ITEM, itemBlue: BLUE_ITEM };
const AREA_CODES: Record<string, Area> = { target: 0, lane1: 1, lane2: 2 };

const enum Prop { Area, Keywords, Draw, MyHealth, OppHealth }

/** Generates the 120-card set of one LOCM 1.5 game, numbered 0..119 in cost order. */
export function generateCards15(cardGenSeed: JavaSeed, count = 120): Card[] {
  const w = CARD_WEIGHTS_15;
  const master = new JavaRandom(cardGenSeed);
  const sub = (): JavaRandom => new JavaRandom(master.nextInt());
  const typeGen = new WeightedChoice(w.type, sub());
  const manaGen = new WeightedChoice(w.mana, sub());
  const areaGen = new WeightedChoice(w.area, sub());
  const orderRnd = sub();
  const keywordCountGen = new WeightedChoice(w.keywordCount, sub());
  const keywordGen = new WeightedChoice(w.keyword, sub());
  const drawGen = new WeightedChoice(w.draw, sub());
  const myHealthGen = new WeightedChoice(w.myHealth, sub());
  const oppHealthGen = new WeightedChoice(w.oppHealth, sub());
  const bonusAttack = sub();
  const bonusDefense = sub();

  // One list, shuffled again for every card and never reset (RULES §5.2).
  const order: Prop[] = [Prop.Area, Prop.Keywords, Prop.Draw, Prop.MyHealth, Prop.OppHealth];
  const generated: Omit<Card, 'id' | 'name'>[] = [];
  for (let n = 0; n < count; n++) {
    const type = TYPE_CODES[typeGen.draw().name];
    const cost = Number(manaGen.draw().name);
    let budget = cost;
    const tryAdd = (p: WeightEntry): boolean => {
      const nb = budget * p.multCost - p.addCost;
      if (nb < 0) {
        budget = (nb + p.addCost) / p.multCost;
        return false;
      }
      budget = nb;
      return true;
    };
    let area: Area = AREA_TARGET, keywords = 0, draw = 0, my = 0, opp = 0;
    javaShuffle(order, orderRnd);
    for (const prop of order) {
      if (prop === Prop.Area) {
        const e = areaGen.draw();
        if (tryAdd(e)) area = AREA_CODES[e.name];
      } else if (prop === Prop.Draw) {
        const e = drawGen.draw();
        if (tryAdd(e)) draw = Number(e.name);
      } else if (prop === Prop.MyHealth) {
        const e = myHealthGen.draw();
        if (tryAdd(e)) my = Number(e.name);
      } else if (prop === Prop.OppHealth) {
        const e = oppHealthGen.draw();
        if (tryAdd(e)) opp = Number(e.name);
      } else if (type !== BLUE_ITEM) {
        const k = Number(keywordCountGen.draw().name);
        const chosen: string[] = [];
        for (let i = 0; i < k; i++) {
          const e = keywordGen.drawExcluding(chosen);
          if (!tryAdd(e)) break;
          chosen.push(e.name);
          keywords |= KEYWORD_BITS[e.name];
        }
      }
    }
    let attack = Math.trunc(budget + (bonusAttack.nextDouble() * w.bonusAttack.std + w.bonusAttack.mean));
    let defense = Math.trunc(budget + (bonusDefense.nextDouble() * w.bonusDefense.std + w.bonusDefense.mean));
    if (type === CREATURE) { attack = Math.max(attack, 0); defense = Math.max(defense, 1); }
    else if (type === BLUE_ITEM) { attack = 0; defense = Math.max(defense, 0); }
    else { attack = Math.max(attack, 0); defense = Math.max(defense, 0); }
    if (type === RED_ITEM || type === BLUE_ITEM) { attack = -attack; defense = -defense; }
    // Normalise −0 (a negated 0) so the card prints and compares as 0.
    generated.push({ type, cost, attack: attack | 0, defense: defense | 0, keywords, myHealthChange: my, opponentHealthChange: opp, cardDraw: draw, area });
  }
  const sorted = generated.map((c, i) => ({ c, i })).sort((a, b) => a.c.cost - b.c.cost || a.i - b.i);
  return sorted.map(({ c }, id) => ({ id, name: `#${id}`, ...c }));
}

/** The referee's `Generated cards:` summary body for a card set (RULES §13). */
export function formatGeneratedCards(cards: readonly Card[]): string {
  return cards.map((c) => `-1 ${c.id} ${c.type} ${c.cost} ${c.attack} ${c.defense} ${keywordString(c.keywords)} ${c.myHealthChange} ${c.opponentHealthChange} ${c.cardDraw} ${c.area} `).join(', ');
}
