// A whole LOCM match as the Java referee runs it: seed derivation (RULES §4), the 1.2 draft or
// the 1.5 constructed phase, decks and instance ids (§5), then battle turns with the referee's
// frame bookkeeping (§11): illegal actions skipped with warnings, hard errors, summary lines.
// Text in, text out: the referee/bot protocol, replays and fuzzing drive it line by line.
import { CARDS_12, describeCard, type Card } from './cards.js';
import { generateCards15 } from './generator.js';
import { JavaRandom, javaShuffle, parseJavaLong, type JavaSeed } from './java-random.js';
import { ACTION_NAMES, LocmGame, PASS, type DeckSpec, type IdScheme, type Version } from './engine.js';
import {
  ProtocolError, constructedInputLines, draftInputLines, parseBattleLine, parseConstructedAnswer, parseDraftAnswer,
  type ParsedAction,
} from './protocol.js';

export type Phase = 'draft' | 'constructed' | 'battle' | 'ended';

export interface MatchOptions {
  /** Referee parameters (`seed`, `draftChoicesSeed`, `cardGenSeed`, `shufflePlayer0Seed`, ...). */
  params?: Record<string, string>;
  /** The framework's game seed, used when `params.seed` is absent or not a number. */
  fallbackSeed?: bigint;
  /** 1.5 Area-copy numbering; DS15 and COG 2022 use 'competition'. */
  idScheme?: IdScheme;
  /** 1.5 only: a fixed card list instead of generated cards (`predefinedCardListFile`). */
  cardList?: readonly Card[];
}

/** The sub-seeds a match uses, after derivation and explicit overrides. */
export interface MatchSeeds {
  draftChoicesSeed?: bigint;
  cardGenSeed?: bigint;
  constructedChoicesSeed?: bigint;
  shufflePlayer0Seed: bigint;
  shufflePlayer1Seed: bigint;
}

// Plain functions and loops below, not closures: under tsx every arrow function costs a naming
// helper call each time it is created, and these run once or twice per game in LocmRunner.

/** `params[key]` when it parses as a Java long, else `derived`. */
function seedParam(params: Record<string, string>, key: string, derived: bigint): bigint {
  const text = params[key];
  return (text !== undefined ? parseJavaLong(text) : null) ?? derived;
}

/** Derives the sub-seeds from `seed` and applies explicit values (RULES §4). */
export function deriveMatchSeeds(version: Version, params: Record<string, string>, fallbackSeed = 0n): MatchSeeds {
  const m = new JavaRandom(seedParam(params, 'seed', fallbackSeed));
  if (version === '1.2') {
    const d = m.nextLong(), s0 = m.nextLong(), s1 = m.nextLong();
    return {
      draftChoicesSeed: seedParam(params, 'draftChoicesSeed', d),
      shufflePlayer0Seed: seedParam(params, 'shufflePlayer0Seed', s0), shufflePlayer1Seed: seedParam(params, 'shufflePlayer1Seed', s1),
    };
  }
  const g = m.nextLong(), c = m.nextLong(), s0 = m.nextLong(), s1 = m.nextLong();
  return {
    cardGenSeed: seedParam(params, 'cardGenSeed', g), constructedChoicesSeed: seedParam(params, 'constructedChoicesSeed', c),
    shufflePlayer0Seed: seedParam(params, 'shufflePlayer0Seed', s0), shufflePlayer1Seed: seedParam(params, 'shufflePlayer1Seed', s1),
  };
}

/** Distinct cards in the 1.2 draft pool. */
const DRAFT_POOL = 60;
/** Entries `draftIndices` writes: 3 per pick, 30 picks. */
export const DRAFT_INDICES = 90;
// draftIndices' scratch, reused from call to call: the generator, the pool and pool membership.
const draftRandom = new JavaRandom(0);
const draftPool = new Int32Array(DRAFT_POOL);
let inDraftPool = new Uint8Array(CARDS_12.length);

/**
 * The 30 draft triples of LOCM 1.2 (RULES §5.1) as indices into a list of `cardCount` cards:
 * pick k offers out[3k], out[3k + 1], out[3k + 2]. Allocates no arrays, for runners that play
 * many games; `draftTriples` gives the same triples as cards.
 */
export function draftIndices(draftChoicesSeed: JavaSeed, cardCount: number, out: Int32Array): void {
  if (!(Number.isInteger(cardCount) && cardCount >= DRAFT_POOL)) throw new RangeError(`draftIndices: the draft pool needs ${DRAFT_POOL} distinct cards, got a list of ${cardCount}`);
  if (out.length < DRAFT_INDICES) throw new RangeError(`draftIndices: out needs ${DRAFT_INDICES} entries, has ${out.length}`);
  const rnd = draftRandom, pool = draftPool;
  rnd.setSeed(draftChoicesSeed);
  if (inDraftPool.length < cardCount) inDraftPool = new Uint8Array(cardCount);
  const inPool = inDraftPool;
  inPool.fill(0, 0, cardCount);
  for (let n = 0; n < DRAFT_POOL;) {
    const i = rnd.nextIntBounded(cardCount);
    if (!inPool[i]) { inPool[i] = 1; pool[n++] = i; }
  }
  for (let k = 0; k < DRAFT_INDICES; k += 3) {
    const a = pool[rnd.nextIntBounded(DRAFT_POOL)];
    let b: number, c: number;
    do b = pool[rnd.nextIntBounded(DRAFT_POOL)]; while (b === a);
    do c = pool[rnd.nextIntBounded(DRAFT_POOL)]; while (c === a || c === b);
    out[k] = a; out[k + 1] = b; out[k + 2] = c;
  }
}

/** The 30 draft triples of LOCM 1.2 (RULES §5.1). */
export function draftTriples(draftChoicesSeed: JavaSeed, cards: readonly Card[] = CARDS_12): Card[][] {
  const idx = new Int32Array(DRAFT_INDICES);
  draftIndices(draftChoicesSeed, cards.length, idx);
  const triples: Card[][] = [];
  for (let k = 0; k < DRAFT_INDICES; k += 3) triples.push([cards[idx[k]], cards[idx[k + 1]], cards[idx[k + 2]]]);
  return triples;
}

/** Triples from `predefinedDraftIds`: 30 comma-separated triples of card numbers; `_` reads as a space. */
export function parsePredefinedDraft(text: string, cards: readonly Card[] = CARDS_12): Card[][] {
  const triples = text.replace(/_/g, ' ').split(',').map((t) => t.trim().split(/\s+/).map((x) => {
    const card = cards.find((c) => c.id === Number(x));
    if (card === undefined) throw new ProtocolError(`predefinedDraftIds: unknown card number "${x}"`);
    return card;
  }));
  if (triples.length !== 30 || triples.some((t) => t.length !== 3)) throw new ProtocolError('predefinedDraftIds needs 30 comma-separated triples of card numbers');
  return triples;
}

/** The 1.5 offered list: distinct random picks, sorted by (cost, card number) (RULES §5.3). */
export function constructedList(cards: readonly Card[], constructedChoicesSeed: bigint | number, size = 120): Card[] {
  // When every card is taken, the draws cannot change the sorted result (RULES §5.3, Q6).
  if (cards.length <= size) return cards.slice().sort((a, b) => a.cost - b.cost || a.id - b.id);
  const rnd = new JavaRandom(constructedChoicesSeed);
  const n = size;
  const taken = new Uint8Array(cards.length);
  const chosen: Card[] = [];
  while (chosen.length < n) {
    const i = rnd.nextIntBounded(cards.length);
    if (!taken[i]) { taken[i] = 1; chosen.push(cards[i]); }
  }
  return chosen.sort((a, b) => a.cost - b.cost || a.id - b.id);
}

/** A battle deck with arrays of its own, which `fillBattleDeck` overwrites. */
export interface DeckBuffer extends DeckSpec {
  cards: Card[];
  ids: number[];
}

/**
 * Player p's battle deck from the cards it chose (RULES §5.1, §5.4), written into `out` (whose
 * arrays are reused) and returned: 1.2 shuffles, then numbers 2i + p + 1; 1.5 numbers in choice
 * order (competition: 1..30 and 31..60; later: 2 × (30p + i)), then shuffles.
 */
export function fillBattleDeck(version: Version, chosen: readonly Card[], p: number, shuffleSeed: JavaSeed, idScheme: IdScheme, out: DeckBuffer): DeckBuffer {
  const n = chosen.length, cards = out.cards, ids = out.ids;
  // Shuffling the choice indices makes the same swaps as shuffling the cards (or the 1.5
  // card-and-number pairs): deck slot i gets choice ids[i].
  for (let i = 0; i < n; i++) ids[i] = i;
  ids.length = n;
  javaShuffle(ids, new JavaRandom(shuffleSeed));
  const v12 = version === '1.2', later = idScheme === 'later';
  for (let i = 0; i < n; i++) {
    const c = ids[i];
    cards[i] = chosen[c];
    ids[i] = v12 ? 2 * i + p + 1 : later ? 2 * (30 * p + c) : 30 * p + c + 1;
  }
  cards.length = n;
  return out;
}

/** The two battle decks from the chosen cards, as `fillBattleDeck` builds them. */
export function battleDecks(version: Version, chosen: readonly (readonly Card[])[], seeds: Pick<MatchSeeds, 'shufflePlayer0Seed' | 'shufflePlayer1Seed'>, idScheme: IdScheme = 'competition'): [DeckSpec, DeckSpec] {
  return [
    fillBattleDeck(version, chosen[0], 0, seeds.shufflePlayer0Seed, idScheme, { cards: [], ids: [] }),
    fillBattleDeck(version, chosen[1], 1, seeds.shufflePlayer1Seed, idScheme, { cards: [], ids: [] }),
  ];
}

const MAX_WARNINGS_SHOWN = 3;

export class LocmMatch {
  readonly game: LocmGame;
  readonly seeds: MatchSeeds;
  /** Referee summary lines, in order (actions, warnings, errors, the winner). */
  readonly summary: string[] = [];
  /** 1.2: the 30 triples; 1.5: empty. */
  readonly triples: Card[][] = [];
  /** 1.5: the offered list; 1.2: empty. */
  readonly offered: Card[] = [];
  /** The cards each player chose, in choice order. */
  readonly chosen: [Card[], Card[]] = [[], []];
  /** Scores as the referee reports them: 1/0 for a normal end, −1 for a hard error. */
  readonly scores: [number, number] = [0, 0];
  private phaseNow: Phase;
  private pick = 0;
  private waiting = 0;
  private winnerNow = -1;
  private readonly battleAnswers = [0, 0];

  constructor(readonly version: Version, options: MatchOptions = {}) {
    const params = options.params ?? {};
    this.seeds = deriveMatchSeeds(version, params, options.fallbackSeed);
    this.game = new LocmGame(version, options.idScheme ?? 'competition');
    if (version === '1.2') {
      this.triples = params.predefinedDraftIds !== undefined ? parsePredefinedDraft(params.predefinedDraftIds) : draftTriples(this.seeds.draftChoicesSeed!);
      this.phaseNow = 'draft';
    } else {
      const cards = options.cardList ?? generateCards15(this.seeds.cardGenSeed!);
      this.offered = constructedList(cards, this.seeds.constructedChoicesSeed!);
      this.phaseNow = 'constructed';
    }
  }

  get phase(): Phase { return this.phaseNow; }
  /** The winner once the match is over, else −1. */
  get winner(): number { return this.winnerNow; }
  /** The player whose answer the referee waits for, or −1 when the match is over. */
  get awaiting(): number { return this.phaseNow === 'ended' ? -1 : this.waiting; }
  /** 0-based draft pick (1.2 draft phase). */
  get draftPick(): number { return this.pick; }

  /**
   * The referee's time limit for the awaited answer, in ms (RULES §1): 1000 for the first draft
   * pick and for each player's first battle turn, 100 for later picks, 4000 for the constructed
   * turn, 200 for later battle turns.
   */
  timeLimitMs(): number {
    if (this.phaseNow === 'draft') return this.pick === 0 ? 1000 : 100;
    if (this.phaseNow === 'constructed') return 4000;
    return this.battleAnswers[this.waiting] === 0 ? 1000 : 200;
  }

  /** The input text for the awaited player, as lines. */
  inputLines(): string[] {
    const p = this.waiting;
    switch (this.phaseNow) {
      case 'draft': return draftInputLines(this.pick, p, this.triples[this.pick]);
      case 'constructed': return constructedInputLines(this.offered);
      case 'battle': return this.game.inputLines(p);
      default: throw new ProtocolError('the match is over: no input to send');
    }
  }

  /** Processes the awaited player's answer line (without its newline). */
  submit(line: string): void {
    const p = this.waiting;
    try {
      switch (this.phaseNow) {
        case 'draft': this.submitDraft(p, line); break;
        case 'constructed': this.submitConstructed(p, line); break;
        case 'battle': this.submitBattle(p, parseBattleLine(line)); break;
        default: throw new ProtocolError('the match is over: no answer expected');
      }
    } catch (e) {
      if (!(e instanceof ProtocolError) || this.phaseNow === 'ended') throw e;
      this.hardError(p, e.message);
    }
  }

  /** Ends the match because player p failed (crash, timeout, malformed output): p scores −1. */
  hardError(p: number, message: string): void {
    this.summary.push(`$${p}: ${message}`);
    this.scores[p] = -1;
    this.scores[1 - p] = 0;
    this.winnerNow = 1 - p;
    this.game.forfeit(p);
    this.phaseNow = 'ended';
  }

  private submitDraft(p: number, line: string): void {
    const triple = this.triples[this.pick];
    const card = triple[parseDraftAnswer(line, triple)];
    this.chosen[p].push(card);
    this.summary.push(`Player $${p} chose ${describeCard(card)}`);
    if (p === 0) { this.waiting = 1; return; }
    this.waiting = 0;
    if (++this.pick === this.triples.length) this.startBattle();
  }

  private submitConstructed(p: number, line: string): void {
    const picks = parseConstructedAnswer(line, this.offered);
    for (const i of picks) this.chosen[p].push(this.offered[i]);
    const counts = new Map<number, number>();
    for (const c of this.chosen[p]) counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
    const list = [...counts].sort((a, b) => a[0] - b[0]).map(([id, n]) => `${id}x${n}`).join(', ');
    this.summary.push(`Player $${p} chose cards ${list}.`);
    if (p === 0) { this.waiting = 1; return; }
    this.waiting = 0;
    this.startBattle();
  }

  private startBattle(): void {
    const [d0, d1] = battleDecks(this.version, this.chosen, this.seeds, this.game.idScheme);
    this.game.setup(d0, d1, 61);
    this.phaseNow = 'battle';
    this.game.startTurn();
    this.waiting = this.game.currentPlayer;
  }

  private submitBattle(p: number, actions: ParsedAction[]): void {
    const g = this.game;
    this.battleAnswers[p]++;
    let i = 0;
    for (;;) {
      i = this.dropIllegal(p, actions, i);
      if (g.winner >= 0) {
        this.finish(g.winner);
        return;
      }
      if (i === actions.length) break;
      const a = actions[i++];
      this.summary.push(`Player $${p} performed action: ${ACTION_NAMES[a.kind]} ${a.a1} ${a.a2}`);
      g.apply(a.kind, a.a1, a.a2);
    }
    g.startTurn();
    this.waiting = g.currentPlayer;
  }

  /** Skips PASS and illegal actions from index i, logging the frame's warnings; returns the new index. */
  private dropIllegal(p: number, actions: ParsedAction[], i: number): number {
    let warned = 0;
    while (i < actions.length) {
      const a = actions[i];
      if (a.kind !== PASS) {
        if (this.game.isLegal(a.kind, a.a1, a.a2)) break;
        if (warned < MAX_WARNINGS_SHOWN) this.summary.push(`[Warning] $${p} Action is not legal: ${ACTION_NAMES[a.kind]} ${a.a1} ${a.a2} ${a.text}`);
        warned++;
      }
      i++;
    }
    if (warned > MAX_WARNINGS_SHOWN) this.summary.push(`[Warning] $${p} Performed another ${warned - MAX_WARNINGS_SHOWN} illegalActions`);
    return i;
  }

  private finish(winner: number): void {
    this.winnerNow = winner;
    this.scores[winner] = 1;
    this.scores[1 - winner] = 0;
    this.summary.push(`¤GREEN¤$${winner} won!§GREEN§`);
    this.phaseNow = 'ended';
  }
}
