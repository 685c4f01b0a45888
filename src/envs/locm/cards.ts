// LOCM card data: the card record shared by both versions, keyword and type codes, the fixed
// 160-card list of LOCM 1.2 (game facts, written as a table here and checked against the
// referee's cardlist.txt in the tests) and a parser for that file format (RULES §2).

export const CREATURE = 0;
export const GREEN_ITEM = 1;
export const RED_ITEM = 2;
export const BLUE_ITEM = 3;
export type CardType = 0 | 1 | 2 | 3;

/** Keyword bits, in the fixed display order B C D G L W. */
export const BREAKTHROUGH = 1;
export const CHARGE = 2;
export const DRAIN = 4;
export const GUARD = 8;
export const LETHAL = 16;
export const WARD = 32;
const KEYWORD_LETTERS = 'BCDGLW';

/** Area codes (1.5 only; 1.2 cards are all `target`). */
export const AREA_TARGET = 0;
export const AREA_LANE1 = 1;
export const AREA_LANE2 = 2;
export type Area = 0 | 1 | 2;

export interface Card {
  /** Card number: 1..160 in the fixed list, 0..119 for generated 1.5 cards. */
  readonly id: number;
  readonly name: string;
  readonly type: CardType;
  readonly cost: number;
  readonly attack: number;
  readonly defense: number;
  /** Keyword bit set (BREAKTHROUGH | CHARGE | ...). */
  readonly keywords: number;
  readonly myHealthChange: number;
  readonly opponentHealthChange: number;
  readonly cardDraw: number;
  readonly area: Area;
}

export class CardListError extends Error {
  override name = 'CardListError';
}

/** The 6-character keyword string, e.g. `-C--LW`. */
export function keywordString(bits: number): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += bits & (1 << i) ? KEYWORD_LETTERS[i] : '-';
  return s;
}

/** Parses a 6-character keyword string; letters must sit at their fixed positions. */
export function parseKeywords(text: string): number {
  if (text.length !== 6) throw new CardListError(`keyword string must have 6 characters (B C D G L W or -), got "${text}"`);
  let bits = 0;
  for (let i = 0; i < 6; i++) {
    if (text[i] === KEYWORD_LETTERS[i]) bits |= 1 << i;
    else if (text[i] !== '-') throw new CardListError(`keyword string "${text}": position ${i + 1} must be ${KEYWORD_LETTERS[i]} or -`);
  }
  return bits;
}

const TYPE_WORDS: Record<string, CardType> = { creature: CREATURE, itemGreen: GREEN_ITEM, itemRed: RED_ITEM, itemBlue: BLUE_ITEM };
export const TYPE_NAMES = ['creature', 'itemGreen', 'itemRed', 'itemBlue'] as const;
const AREA_WORDS: Record<string, Area> = { target: AREA_TARGET, lane1: AREA_LANE1, lane2: AREA_LANE2 };
export const AREA_NAMES = ['target', 'lane1', 'lane2'] as const;

/**
 * Parses a referee card list (CL12: 11 columns, CL15: 12 with area before the text): comments
 * from `//` are cut, lines trimmed, empty lines skipped, fields split on `;`.
 */
export function parseCardList(text: string, withArea: boolean): Card[] {
  const cards: Card[] = [];
  const columns = withArea ? 12 : 11;
  text.split(/\r?\n/).forEach((raw, lineIndex) => {
    const cut = raw.indexOf('//');
    const line = (cut >= 0 ? raw.slice(0, cut) : raw).trim();
    if (line === '') return;
    const f = line.split(';').map((x) => x.trim());
    if (f.length < columns - 1) throw new CardListError(`card list line ${lineIndex + 1}: expected ${columns} ';'-separated fields, got ${f.length}`);
    const int = (i: number): number => {
      const v = Number(f[i]);
      if (!Number.isInteger(v)) throw new CardListError(`card list line ${lineIndex + 1}: field ${i + 1} must be an integer, got "${f[i]}"`);
      return v;
    };
    const type = TYPE_WORDS[f[2]];
    if (type === undefined) throw new CardListError(`card list line ${lineIndex + 1}: unknown type "${f[2]}"`);
    const area = withArea ? AREA_WORDS[f[10]] : AREA_TARGET;
    if (area === undefined) throw new CardListError(`card list line ${lineIndex + 1}: unknown area "${f[10]}"`);
    cards.push({
      id: int(0), name: f[1], type, cost: int(3), attack: int(4), defense: int(5), keywords: parseKeywords(f[6]),
      myHealthChange: int(7), opponentHealthChange: int(8), cardDraw: int(9), area,
    });
  });
  return cards;
}

type Row = readonly [number, string, CardType, number, number, number, string, number, number, number];

// id, name, type (0 creature, 1 green, 2 red, 3 blue), cost, attack, defense, keywords, my HP, opponent HP, draw.
const ROWS_12: readonly Row[] = [
  [1, 'Slimer', 0, 1, 2, 1, '------', 1, 0, 0],
  [2, 'Scuttler', 0, 1, 1, 2, '------', 0, -1, 0],
  [3, 'Beavrat', 0, 1, 2, 2, '------', 0, 0, 0],
  [4, 'Plated Toad', 0, 2, 1, 5, '------', 0, 0, 0],
  [5, 'Grime Gnasher', 0, 2, 4, 1, '------', 0, 0, 0],
  [6, 'Murgling', 0, 2, 3, 2, '------', 0, 0, 0],
  [7, 'Rootkin Sapling', 0, 2, 2, 2, '-----W', 0, 0, 0],
  [8, 'Psyshroom', 0, 2, 2, 3, '------', 0, 0, 0],
  [9, 'Corrupted Beavrat', 0, 3, 3, 4, '------', 0, 0, 0],
  [10, 'Carnivorous Bush', 0, 3, 3, 1, '--D---', 0, 0, 0],
  [11, 'Snowsaur', 0, 3, 5, 2, '------', 0, 0, 0],
  [12, 'Woodshroom', 0, 3, 2, 5, '------', 0, 0, 0],
  [13, 'Swamp Terror', 0, 4, 5, 3, '------', 1, -1, 0],
  [14, 'Fanged Lunger', 0, 4, 9, 1, '------', 0, 0, 0],
  [15, 'Pouncing Flailmouth', 0, 4, 4, 5, '------', 0, 0, 0],
  [16, 'Wrangler Fish', 0, 4, 6, 2, '------', 0, 0, 0],
  [17, 'Ash Walker', 0, 4, 4, 5, '------', 0, 0, 0],
  [18, 'Acid Golem', 0, 4, 7, 4, '------', 0, 0, 0],
  [19, 'Foulbeast', 0, 5, 5, 6, '------', 0, 0, 0],
  [20, 'Hedge Demon', 0, 5, 8, 2, '------', 0, 0, 0],
  [21, 'Crested Scuttler', 0, 5, 6, 5, '------', 0, 0, 0],
  [22, 'Sigbovak', 0, 6, 7, 5, '------', 0, 0, 0],
  [23, 'Titan Cave Hog', 0, 7, 8, 8, '------', 0, 0, 0],
  [24, 'Exploding Skitterbug', 0, 1, 1, 1, '------', 0, -1, 0],
  [25, 'Spiney Chompleaf', 0, 2, 3, 1, '------', -2, -2, 0],
  [26, 'Razor Crab', 0, 2, 3, 2, '------', 0, -1, 0],
  [27, 'Nut Gatherer', 0, 2, 2, 2, '------', 2, 0, 0],
  [28, 'Infested Toad', 0, 2, 1, 2, '------', 0, 0, 1],
  [29, 'Steelplume Nestling', 0, 2, 2, 1, '------', 0, 0, 1],
  [30, 'Venomous Bog Hopper', 0, 3, 4, 2, '------', 0, -2, 0],
  [31, 'Woodland Hunter', 0, 3, 3, 1, '------', 0, -1, 0],
  [32, 'Sandsplat', 0, 3, 3, 2, '------', 0, 0, 1],
  [33, 'Chameleskulk', 0, 4, 4, 3, '------', 0, 0, 1],
  [34, 'Eldritch Cyclops', 0, 5, 3, 5, '------', 0, 0, 1],
  [35, 'Snail-eyed Hulker', 0, 6, 5, 2, 'B-----', 0, 0, 1],
  [36, 'Possessed Skull', 0, 6, 4, 4, '------', 0, 0, 2],
  [37, 'Eldritch Multiclops', 0, 6, 5, 7, '------', 0, 0, 1],
  [38, 'Imp', 0, 1, 1, 3, '--D---', 0, 0, 0],
  [39, 'Voracious Imp', 0, 1, 2, 1, '--D---', 0, 0, 0],
  [40, 'Rock Gobbler', 0, 3, 2, 3, '--DG--', 0, 0, 0],
  [41, 'Blizzard Demon', 0, 3, 2, 2, '-CD---', 0, 0, 0],
  [42, 'Flying Leech', 0, 4, 4, 2, '--D---', 0, 0, 0],
  [43, 'Screeching Nightmare', 0, 6, 5, 5, '--D---', 0, 0, 0],
  [44, 'Deathstalker', 0, 6, 3, 7, '--D-L-', 0, 0, 0],
  [45, 'Night Howler', 0, 6, 6, 5, 'B-D---', -3, 0, 0],
  [46, 'Soul Devourer', 0, 9, 7, 7, '--D---', 0, 0, 0],
  [47, 'Gnipper', 0, 2, 1, 5, '--D---', 0, 0, 0],
  [48, 'Venom Hedgehog', 0, 1, 1, 1, '----L-', 0, 0, 0],
  [49, 'Shiny Prowler', 0, 2, 1, 2, '---GL-', 0, 0, 0],
  [50, 'Puff Biter', 0, 3, 3, 2, '----L-', 0, 0, 0],
  [51, 'Elite Bilespitter', 0, 4, 3, 5, '----L-', 0, 0, 0],
  [52, 'Bilespitter', 0, 4, 2, 4, '----L-', 0, 0, 0],
  [53, 'Possessed Abomination', 0, 4, 1, 1, '-C--L-', 0, 0, 0],
  [54, 'Shadow Biter', 0, 3, 2, 2, '----L-', 0, 0, 0],
  [55, 'Hermit Slime', 0, 2, 0, 5, '---G--', 0, 0, 0],
  [56, 'Giant Louse', 0, 4, 2, 7, '------', 0, 0, 0],
  [57, 'Dream-Eater', 0, 4, 1, 8, '------', 0, 0, 0],
  [58, 'Darkscale Predator', 0, 6, 5, 6, 'B-----', 0, 0, 0],
  [59, 'Sea Ghost', 0, 7, 7, 7, '------', 1, -1, 0],
  [60, 'Gritsuck Troll', 0, 7, 4, 8, '------', 0, 0, 0],
  [61, 'Alpha Troll', 0, 9, 10, 10, '------', 0, 0, 0],
  [62, 'Mutant Troll', 0, 12, 12, 12, 'B--G--', 0, 0, 0],
  [63, 'Rootkin Drone', 0, 2, 0, 4, '---G-W', 0, 0, 0],
  [64, 'Coppershell Tortoise', 0, 2, 1, 1, '---G-W', 0, 0, 0],
  [65, 'Steelplume Defender', 0, 2, 2, 2, '-----W', 0, 0, 0],
  [66, 'Staring Wickerbeast', 0, 5, 5, 1, '-----W', 0, 0, 0],
  [67, 'Flailing Hammerhead', 0, 6, 5, 5, '-----W', 0, -2, 0],
  [68, 'Giant Squid', 0, 6, 7, 5, '-----W', 0, 0, 0],
  [69, 'Charging Boarhound', 0, 3, 4, 4, 'B-----', 0, 0, 0],
  [70, 'Murglord', 0, 4, 6, 3, 'B-----', 0, 0, 0],
  [71, 'Flying Murgling', 0, 4, 3, 2, 'BC----', 0, 0, 0],
  [72, 'Shuffling Nightmare', 0, 4, 5, 3, 'B-----', 0, 0, 0],
  [73, 'Bog Bounder', 0, 4, 4, 4, 'B-----', 4, 0, 0],
  [74, 'Crusher', 0, 5, 5, 4, 'B--G--', 0, 0, 0],
  [75, 'Titan Prowler', 0, 5, 6, 5, 'B-----', 0, 0, 0],
  [76, 'Crested Chomper', 0, 6, 5, 5, 'B-D---', 0, 0, 0],
  [77, 'Lumbering Giant', 0, 7, 7, 7, 'B-----', 0, 0, 0],
  [78, 'Shambler', 0, 8, 5, 5, 'B-----', 0, -5, 0],
  [79, 'Scarlet Colossus', 0, 8, 8, 8, 'B-----', 0, 0, 0],
  [80, 'Corpse Guzzler', 0, 8, 8, 8, 'B--G--', 0, 0, 1],
  [81, 'Flying Corpse Guzzler', 0, 9, 6, 6, 'BC----', 0, 0, 0],
  [82, 'Slithering Nightmare', 0, 7, 5, 5, 'B-D--W', 0, 0, 0],
  [83, 'Restless Owl', 0, 0, 1, 1, '-C----', 0, 0, 0],
  [84, 'Fighter Tick', 0, 2, 1, 1, '-CD--W', 0, 0, 0],
  [85, 'Heartless Crow', 0, 3, 2, 3, '-C----', 0, 0, 0],
  [86, 'Crazed Nose-pincher', 0, 3, 1, 5, '-C----', 0, 0, 0],
  [87, 'Bloat Demon', 0, 4, 2, 5, '-C-G--', 0, 0, 0],
  [88, 'Abyss Nightmare', 0, 5, 4, 4, '-C----', 0, 0, 0],
  [89, 'Boombeak', 0, 5, 4, 1, '-C----', 2, 0, 0],
  [90, 'Eldritch Swooper', 0, 8, 5, 5, '-C----', 0, 0, 0],
  [91, 'Flumpy', 0, 0, 1, 2, '---G--', 0, 1, 0],
  [92, 'Wurm', 0, 1, 0, 1, '---G--', 2, 0, 0],
  [93, 'Spinekid', 0, 1, 2, 1, '---G--', 0, 0, 0],
  [94, 'Rootkin Defender', 0, 2, 1, 4, '---G--', 0, 0, 0],
  [95, 'Wildum', 0, 2, 2, 3, '---G--', 0, 0, 0],
  [96, 'Prairie Protector', 0, 2, 3, 2, '---G--', 0, 0, 0],
  [97, 'Turta', 0, 3, 3, 3, '---G--', 0, 0, 0],
  [98, 'Lilly Hopper', 0, 3, 2, 4, '---G--', 0, 0, 0],
  [99, 'Cave Crab', 0, 3, 2, 5, '---G--', 0, 0, 0],
  [100, 'Stalagopod', 0, 3, 1, 6, '---G--', 0, 0, 0],
  [101, 'Engulfer', 0, 4, 3, 4, '---G--', 0, 0, 0],
  [102, 'Mole Demon', 0, 4, 3, 3, '---G--', 0, -1, 0],
  [103, 'Mutating Rootkin', 0, 4, 3, 6, '---G--', 0, 0, 0],
  [104, 'Deepwater Shellcrab', 0, 4, 4, 4, '---G--', 0, 0, 0],
  [105, 'King Shellcrab', 0, 5, 4, 6, '---G--', 0, 0, 0],
  [106, 'Far-reaching Nightmare', 0, 5, 5, 5, '---G--', 0, 0, 0],
  [107, 'Worker Shellcrab', 0, 5, 3, 3, '---G--', 3, 0, 0],
  [108, 'Rootkin Elder', 0, 5, 2, 6, '---G--', 0, 0, 0],
  [109, 'Elder Engulfer', 0, 5, 5, 6, '------', 0, 0, 0],
  [110, 'Gargoyle', 0, 5, 0, 9, '---G--', 0, 0, 0],
  [111, 'Turta Knight', 0, 6, 6, 6, '---G--', 0, 0, 0],
  [112, 'Rootkin Leader', 0, 6, 4, 7, '---G--', 0, 0, 0],
  [113, 'Tamed Bilespitter', 0, 6, 2, 4, '---G--', 4, 0, 0],
  [114, 'Gargantua', 0, 7, 7, 7, '---G--', 0, 0, 0],
  [115, 'Rootkin Warchief', 0, 8, 5, 5, '---G-W', 0, 0, 0],
  [116, 'Emperor Nightmare', 0, 12, 8, 8, 'BCDGLW', 0, 0, 0],
  [117, 'Protein', 1, 1, 1, 1, 'B-----', 0, 0, 0],
  [118, 'Royal Helm', 1, 0, 0, 3, '------', 0, 0, 0],
  [119, 'Serrated Shield', 1, 1, 1, 2, '------', 0, 0, 0],
  [120, 'Venomfruit', 1, 2, 1, 0, '----L-', 0, 0, 0],
  [121, 'Enchanted Hat', 1, 2, 0, 3, '------', 0, 0, 1],
  [122, 'Bolstering Bread', 1, 2, 1, 3, '---G--', 0, 0, 0],
  [123, 'Wristguards', 1, 2, 4, 0, '------', 0, 0, 0],
  [124, 'Blood Grapes', 1, 3, 2, 1, '--D---', 0, 0, 0],
  [125, 'Healthy Veggies', 1, 3, 1, 4, '------', 0, 0, 0],
  [126, 'Heavy Shield', 1, 3, 2, 3, '------', 0, 0, 0],
  [127, 'Imperial Helm', 1, 3, 0, 6, '------', 0, 0, 0],
  [128, 'Enchanted Cloth', 1, 4, 4, 3, '------', 0, 0, 0],
  [129, 'Enchanted Leather', 1, 4, 2, 5, '------', 0, 0, 0],
  [130, 'Helm of Remedy', 1, 4, 0, 6, '------', 4, 0, 0],
  [131, 'Heavy Gauntlet', 1, 4, 4, 1, '------', 0, 0, 0],
  [132, 'High Protein', 1, 5, 3, 3, 'B-----', 0, 0, 0],
  [133, 'Pie of Power', 1, 5, 4, 0, '-----W', 0, 0, 0],
  [134, 'Light The Way', 1, 4, 2, 2, '------', 0, 0, 1],
  [135, 'Imperial Armour', 1, 6, 5, 5, '------', 0, 0, 0],
  [136, 'Buckler', 1, 0, 1, 1, '------', 0, 0, 0],
  [137, 'Ward', 1, 2, 0, 0, '-----W', 0, 0, 0],
  [138, 'Grow Horns', 1, 2, 0, 0, '---G--', 0, 0, 1],
  [139, 'Grow Stingers', 1, 4, 0, 0, '----LW', 0, 0, 0],
  [140, 'Grow Wings', 1, 2, 0, 0, '-C----', 0, 0, 0],
  [141, 'Throwing Knife', 2, 0, -1, -1, '------', 0, 0, 0],
  [142, 'Staff of Suppression', 2, 0, 0, 0, 'BCDGLW', 0, 0, 0],
  [143, 'Pierce Armour', 2, 0, 0, 0, '---G--', 0, 0, 0],
  [144, 'Rune Axe', 2, 1, 0, -2, '------', 0, 0, 0],
  [145, 'Cursed Sword', 2, 3, -2, -2, '------', 0, 0, 0],
  [146, 'Cursed Scimitar', 2, 4, -2, -2, '------', 0, -2, 0],
  [147, 'Quick Shot', 2, 2, 0, -1, '------', 0, 0, 1],
  [148, 'Helm Crusher', 2, 2, 0, -2, 'BCDGLW', 0, 0, 0],
  [149, 'Rootkin Ritual', 2, 3, 0, 0, 'BCDGLW', 0, 0, 1],
  [150, 'Throwing Axe', 2, 2, 0, -3, '------', 0, 0, 0],
  [151, 'Decimate', 2, 5, 0, -99, 'BCDGLW', 0, 0, 0],
  [152, 'Mighty Throwing Axe', 2, 7, 0, -7, '------', 0, 0, 1],
  [153, 'Healing Potion', 3, 2, 0, 0, '------', 5, 0, 0],
  [154, 'Poison', 3, 2, 0, 0, '------', 0, -2, 1],
  [155, 'Scroll of Firebolt', 3, 3, 0, -3, '------', 0, -1, 0],
  [156, 'Major Life Steal Potion', 3, 3, 0, 0, '------', 3, -3, 0],
  [157, 'Life Sap Drop', 3, 3, 0, -1, '------', 1, 0, 1],
  [158, 'Tome of Thunder', 3, 3, 0, -4, '------', 0, 0, 0],
  [159, 'Vial of Soul Drain', 3, 4, 0, -3, '------', 3, 0, 0],
  [160, 'Minor Life Steal Potion', 3, 2, 0, 0, '------', 2, -2, 0],];

/** The fixed LOCM 1.2 card list, indexed by card number − 1. */
export const CARDS_12: readonly Card[] = ROWS_12.map(([id, name, type, cost, attack, defense, kw, my, opp, draw]) => ({
  id, name, type, cost, attack, defense, keywords: parseKeywords(kw), myHealthChange: my, opponentHealthChange: opp, cardDraw: draw, area: AREA_TARGET,
}));

const KEYWORD_NAMES = ['Breakthrough', 'Charge', 'Drain', 'Guard', 'Lethal', 'Ward'];

/**
 * The referee's one-line card description, as in the 1.2 draft summary `Player $0 chose ...`:
 * name, number, type, cost and stats (signed for items), then the generated rules text
 * (keywords, then summon or use effects; opponent healing is never described).
 */
export function describeCard(c: Card): string {
  const keywords: string[] = [];
  for (let i = 0; i < 6; i++) if (c.keywords & (1 << i)) keywords.push(KEYWORD_NAMES[i]);
  const effects: string[] = [];
  if (c.myHealthChange > 0) effects.push(`gain ${c.myHealthChange} health`);
  if (c.myHealthChange < 0) effects.push(`deal ${-c.myHealthChange} damage to yourself`);
  if (c.opponentHealthChange < 0) effects.push(`deal ${-c.opponentHealthChange} damage to your opponent`);
  if (c.cardDraw > 0) effects.push(c.cardDraw === 1 ? 'draw a card' : `draw ${c.cardDraw} cards`);
  const hasEffects = c.myHealthChange !== 0 || c.opponentHealthChange !== 0 || c.cardDraw !== 0;
  let text: string;
  if (c.type === BLUE_ITEM) {
    text = `${effects.join(', ')}.`;
  } else {
    const prefix = c.type === CREATURE ? '' : c.type === GREEN_ITEM ? 'Give ' : 'Remove ';
    text = keywords.length > 0 ? prefix + keywords.join(', ') : '';
    if (hasEffects) text += `${keywords.length > 0 ? '; ' : ''}${c.type === CREATURE ? 'Summon: ' : ''}${effects.join(', ')}.`;
  }
  const signed = (v: number): string => (c.type === CREATURE ? String(v) : v >= 0 ? `+${v}` : String(v));
  return `${c.name} (#${c.id}) ${TYPE_NAMES[c.type]} COST:${c.cost} ATT:${signed(c.attack)} DEF:${signed(c.defense)}  ${text}`;
}
