// The LOCM battle engine for versions 1.2 and 1.5 (RULES §6–§10, §12.3): turn start, mana,
// draws (runes or damage-based), legality, summon/attack/use resolution, win check, and the
// battle input text. The whole position lives in one Int32Array, so a copy for search is a
// single typed-array copy and no action allocates.
import * as C from './cards.js';
import { keywordString, type Card } from './cards.js';

// Module-local copies: reading an imported binding costs a getter call under tsx, in the hot path.
const AREA_LANE1 = C.AREA_LANE1, AREA_LANE2 = C.AREA_LANE2, BLUE_ITEM = C.BLUE_ITEM, CREATURE = C.CREATURE, GREEN_ITEM = C.GREEN_ITEM;
const BREAKTHROUGH = C.BREAKTHROUGH, CHARGE = C.CHARGE, DRAIN = C.DRAIN, GUARD = C.GUARD, LETHAL = C.LETHAL, WARD = C.WARD;
const RED_ITEM = C.RED_ITEM;
const GUARD_SHIFT = 31 - Math.clz32(GUARD);

export type Version = '1.2' | '1.5';

/** Action kinds, as stored in action triples (kind, a1, a2). */
export const PASS = 0;
export const SUMMON = 1;
export const ATTACK = 2;
export const USE = 3;
export const ACTION_NAMES = ['PASS', 'SUMMON', 'ATTACK', 'USE'] as const;

/** Where an instance is. */
export const LOC_NONE = 0;
export const LOC_DECK = 1;
export const LOC_HAND = 2;
export const LOC_BOARD = 3;
export const LOC_GONE = 4;

export const MAX_HAND = 8;
export const LANE_SIZE = 3;
export const TURN_LIMIT = 50;
export const INITIAL_HEALTH = 30;
/** Instance ids must lie in [0, MAX_INSTANCES). */
export const MAX_INSTANCES = 128;
const DECK_CAP = 60;
const BOARD_CAP = 6;
// Executed actions per turn: at most 8 plays (no draws mid-turn) and 22 attacks (6 + 16 summoned).
const PERF_CAP = 32;
/** Upper bound on the number of legal actions in any position (PASS, 16 summons, 8×7 uses, 6×4 attacks). */
export const MAX_LEGAL = 1 + 16 + 8 * 7 + 6 * 4;

// Global fields.
// G_HIGH: one past the largest instance id in use; copies and id checks stop there.
const G_TURN = 0, G_CURRENT = 1, G_WINNER = 2, G_NEXT_ID = 3, G_HIGH = 4;
// Player fields, relative to the player's base.
const P_HEALTH = 0, P_MAX_MANA = 1, P_MANA = 2, P_BONUS = 3, P_NEXT_DRAW = 4, P_DRAW_SHOW = 5, P_RUNES = 6, P_LOST = 7;
const P_DECK_POS = 8, P_DECK_END = 9, P_HAND_LEN = 10, P_BOARD_LEN = 11, P_PERF_LEN = 12;
const P_DECK = 16, P_HAND = P_DECK + DECK_CAP, P_BOARD = P_HAND + MAX_HAND, P_PERF = P_BOARD + BOARD_CAP;
const P_SIZE = P_PERF + 4 * PERF_CAP;
const PLAYER_BASE = 8;
// Instance fields.
export const F_CARD = 0, F_TYPE = 1, F_COST = 2, F_ATK = 3, F_DEF = 4, F_KW = 5, F_MY = 6, F_OPP = 7, F_DRAW = 8, F_AREA = 9;
export const F_LANE = 10, F_CAN_ATTACK = 11, F_HAS_ATTACKED = 12, F_OWNER = 13, F_LOC = 14, F_MODIFIED = 15;
const NF = 16;
const INST_BASE = PLAYER_BASE + 2 * P_SIZE;
// countLegal's scratch for sampleLegal: 1 when own lane 0 has room; actions per affordable hand
// card by card type (summons into free lanes, or item targets plus the face for blue); per lane,
// the enemy guards and the attacks of one ready creature; the actions of each hand slot.
const S_FREE0 = 0, S_PER_TYPE = 1, S_GUARDS = 5, S_ATTACKS = 7, S_HAND = 9, S_SIZE = S_HAND + MAX_HAND;
const STATE_SIZE = INST_BASE + NF * MAX_INSTANCES;

/** How 1.5 Area copies are numbered: the competition's global counter, or the later `id + 1`. */
export type IdScheme = 'competition' | 'later';

export class LocmEngineError extends Error {
  override name = 'LocmEngineError';
}

/** A deck as the battle receives it: cards top first, with their instance ids. */
export interface DeckSpec {
  cards: readonly Card[];
  ids: ArrayLike<number>;
}

/** One player's line of a battle input (RULES §12.3), with the hand size the input shows. */
export interface SeenPlayer {
  health: number;
  maxMana: number;
  deckSize: number;
  /** 1.2: the largest remaining rune (0 when none); ignored in 1.5. */
  nextRune: number;
  drawValueToShow: number;
  handSize: number;
}

/** One card line of a battle input: `card` carries the shown type, cost, stats and keywords. */
export interface SeenCard {
  card: Card;
  instanceId: number;
  /** 0 own hand, 1 own board, −1 opponent board. */
  location: number;
  lane: number;
}

/** Everything a battle input shows, plus the global turn and the next Area-copy id it implies. */
export interface SeenPosition {
  players: readonly [SeenPlayer, SeenPlayer];
  cards: readonly SeenCard[];
  /** The opponent's executed actions of its last turn: [card number, kind, a1, a2]. */
  opponentActions: readonly (readonly [number, number, number, number])[];
  turn: number;
  nextInstanceId: number;
}

export class LocmGame {
  /** The whole position; layout private to this module. */
  readonly s = new Int32Array(STATE_SIZE);
  readonly v12: boolean;
  // Scratch of countLegal and sampleLegal (not position state), indexed by S_*.
  private readonly scan = new Int32Array(S_SIZE);

  constructor(readonly version: Version, readonly idScheme: IdScheme = 'competition') {
    this.v12 = version === '1.2';
  }

  // ---- Setup ------------------------------------------------------------------------------

  /** Starts a battle (RULES §6 setup): decks given top first; player 0 draws 4, player 1 draws 5. */
  setup(deck0: DeckSpec, deck1: DeckSpec, nextInstanceId = 61): void {
    const s = this.s;
    s.fill(0);
    s[G_TURN] = -1;
    s[G_CURRENT] = 1;
    s[G_WINNER] = -1;
    s[G_NEXT_ID] = nextInstanceId;
    const decks = [deck0, deck1];
    for (let p = 0; p < 2; p++) {
      const b = base(p);
      const d = decks[p];
      if (d.cards.length !== d.ids.length || d.cards.length > DECK_CAP) {
        throw new LocmEngineError(`deck ${p}: needs at most ${DECK_CAP} cards with one instance id each (got ${d.cards.length} cards, ${d.ids.length} ids)`);
      }
      s[b + P_HEALTH] = INITIAL_HEALTH;
      s[b + P_MAX_MANA] = p;
      s[b + P_MANA] = p;
      s[b + P_BONUS] = p;
      s[b + P_NEXT_DRAW] = 1;
      s[b + P_DRAW_SHOW] = 1;
      s[b + P_RUNES] = this.v12 ? 5 : 0;
      s[b + P_DECK_END] = d.cards.length;
      for (let i = 0; i < d.cards.length; i++) {
        const id = d.ids[i];
        if (!Number.isInteger(id) || id < 0 || id >= MAX_INSTANCES) throw new LocmEngineError(`instance id ${id} outside [0, ${MAX_INSTANCES})`);
        if (s[INST_BASE + id * NF + F_LOC] !== LOC_NONE) throw new LocmEngineError(`instance id ${id} is used twice`);
        this.initInstance(id, d.cards[i], p, LOC_DECK);
        s[b + P_DECK + i] = id;
      }
    }
    this.draw(0, 4, 0);
    this.draw(1, 5, 0);
  }

  private initInstance(id: number, c: Card, owner: number, loc: number): void {
    const s = this.s, o = INST_BASE + id * NF;
    s[o + F_CARD] = c.id; s[o + F_TYPE] = c.type; s[o + F_COST] = c.cost; s[o + F_ATK] = c.attack; s[o + F_DEF] = c.defense;
    s[o + F_KW] = c.keywords; s[o + F_MY] = c.myHealthChange; s[o + F_OPP] = c.opponentHealthChange; s[o + F_DRAW] = c.cardDraw;
    s[o + F_AREA] = c.area; s[o + F_LANE] = -1; s[o + F_CAN_ATTACK] = 0; s[o + F_HAS_ATTACKED] = 0; s[o + F_OWNER] = owner;
    s[o + F_LOC] = loc; s[o + F_MODIFIED] = 0;
    if (id >= s[G_HIGH]) s[G_HIGH] = id + 1;
  }

  /** Copies another game's position into this one (same version). */
  copyFrom(other: LocmGame): void {
    if (other.version !== this.version) throw new LocmEngineError(`cannot copy a ${other.version} position into a ${this.version} game`);
    // Slots at or past G_HIGH are never read, so only the used prefix is copied.
    this.s.set(other.s.subarray(0, INST_BASE + NF * other.s[G_HIGH]));
  }

  clone(): LocmGame {
    const g = new LocmGame(this.version, this.idScheme);
    g.s.set(this.s);
    return g;
  }

  // ---- Accessors --------------------------------------------------------------------------

  get turn(): number { return this.s[G_TURN]; }
  get currentPlayer(): number { return this.s[G_CURRENT]; }
  /** 0 or 1 once decided, −1 while the game runs. */
  get winner(): number { return this.s[G_WINNER]; }
  health(p: number): number { return this.s[base(p) + P_HEALTH]; }
  maxMana(p: number): number { return this.s[base(p) + P_MAX_MANA]; }
  mana(p: number): number { return this.s[base(p) + P_MANA]; }
  nextTurnDraw(p: number): number { return this.s[base(p) + P_NEXT_DRAW]; }
  drawValueToShow(p: number): number { return this.s[base(p) + P_DRAW_SHOW]; }
  /** Largest remaining rune (1.2), or 0. */
  nextRune(p: number): number { return 5 * this.s[base(p) + P_RUNES]; }
  deckSize(p: number): number { const b = base(p); return this.s[b + P_DECK_END] - this.s[b + P_DECK_POS]; }
  /** Instance id of the i-th card from the top of p's deck. */
  deckCard(p: number, i: number): number { const b = base(p); return this.s[b + P_DECK + this.s[b + P_DECK_POS] + i]; }
  handSize(p: number): number { return this.s[base(p) + P_HAND_LEN]; }
  handCard(p: number, i: number): number { return this.s[base(p) + P_HAND + i]; }
  boardSize(p: number): number { return this.s[base(p) + P_BOARD_LEN]; }
  boardCard(p: number, i: number): number { return this.s[base(p) + P_BOARD + i]; }
  /** Field `f` (F_ATK, F_DEF, ...) of instance `id`. */
  field(id: number, f: number): number { return this.s[INST_BASE + id * NF + f]; }
  /** Offset of instance `id`'s fields in `s`: `s[fieldOffset(id) + F_ATK]` is its attack. */
  fieldOffset(id: number): number { return INST_BASE + id * NF; }
  performedCount(p: number): number { return this.s[base(p) + P_PERF_LEN]; }
  /** The i-th executed action of p's last turn: [card number, kind, a1, a2] at index 0..3. */
  performed(p: number, i: number, k: number): number { return this.s[base(p) + P_PERF + 4 * i + k]; }

  /** Number of p's creatures in lane `lane`. */
  laneCount(p: number, lane: number): number {
    const s = this.s, b = base(p), n = s[b + P_BOARD_LEN];
    let c = 0;
    for (let i = 0; i < n; i++) if (s[INST_BASE + s[b + P_BOARD + i] * NF + F_LANE] === lane) c++;
    return c;
  }

  /** Instance id of p's `slot`-th creature in `lane` (board order), or −1. */
  laneCard(p: number, lane: number, slot: number): number {
    const s = this.s, b = base(p), n = s[b + P_BOARD_LEN];
    for (let i = 0; i < n; i++) {
      const id = s[b + P_BOARD + i];
      if (s[INST_BASE + id * NF + F_LANE] === lane && slot-- === 0) return id;
    }
    return -1;
  }

  // ---- Turn start (RULES §7) --------------------------------------------------------------

  /** Ends the current player's turn and starts the other's: mana, draws, win check. */
  startTurn(): void {
    const s = this.s;
    this.checkWinner();
    const prev = s[G_CURRENT], pb = base(prev);
    for (let i = 0, n = s[pb + P_BOARD_LEN]; i < n; i++) {
      const o = INST_BASE + s[pb + P_BOARD + i] * NF;
      s[o + F_CAN_ATTACK] = 0;
      s[o + F_HAS_ATTACKED] = 0;
    }
    s[pb + P_DRAW_SHOW] = s[pb + P_NEXT_DRAW];
    const p = 1 - prev, b = base(p);
    s[G_CURRENT] = p;
    s[b + P_PERF_LEN] = 0;
    const t = ++s[G_TURN];
    // Mana and the second player's bonus (RULES §7.1).
    const bonus = s[b + P_BONUS] > 0 ? 1 : 0;
    if (s[b + P_MAX_MANA] < 12 + bonus) s[b + P_MAX_MANA]++;
    if (bonus && s[b + P_MANA] === 0) {
      if (--s[b + P_BONUS] === 0) s[b + P_MAX_MANA]--;
    }
    s[b + P_MANA] = s[b + P_MAX_MANA];
    for (let i = 0, n = s[b + P_BOARD_LEN]; i < n; i++) s[INST_BASE + s[b + P_BOARD + i] * NF + F_CAN_ATTACK] = 1;
    this.draw(p, s[b + P_NEXT_DRAW], t >> 1);
    s[b + P_DRAW_SHOW] = s[b + P_NEXT_DRAW];
    s[b + P_NEXT_DRAW] = 1;
    if (!this.v12) s[b + P_LOST] = 0;
    this.checkWinner();
  }

  private draw(p: number, n: number, k: number): void {
    const s = this.s, b = base(p);
    if (this.v12) {
      for (let i = 0; i < n; i++) {
        if (s[b + P_DECK_POS] === s[b + P_DECK_END] || k >= TURN_LIMIT) {
          // Deck-out burns the largest rune; health is set, not damaged (RULES §7.2).
          if (s[b + P_RUNES] > 0) s[b + P_HEALTH] = 5 * s[b + P_RUNES]--;
          else s[b + P_HEALTH] = 0;
          continue;
        }
        if (s[b + P_HAND_LEN] === MAX_HAND) break;
        this.moveTopToHand(p);
      }
    } else {
      if (k >= TURN_LIMIT) s[b + P_HEALTH] -= 10;
      for (let i = 0; i < n; i++) {
        if (s[b + P_HAND_LEN] === MAX_HAND) continue;
        if (s[b + P_DECK_POS] === s[b + P_DECK_END]) s[b + P_HEALTH] -= 10;
        else this.moveTopToHand(p);
      }
    }
  }

  private moveTopToHand(p: number): void {
    const s = this.s, b = base(p);
    const id = s[b + P_DECK + s[b + P_DECK_POS]++];
    s[b + P_HAND + s[b + P_HAND_LEN]++] = id;
    s[INST_BASE + id * NF + F_LOC] = LOC_HAND;
  }

  /** Sets the winner if a player is at ≤ 0 health; the opponent is tested first (RULES §10). */
  checkWinner(): void {
    const s = this.s;
    if (s[G_WINNER] >= 0) return;
    const p = s[G_CURRENT];
    if (s[base(1 - p) + P_HEALTH] <= 0) s[G_WINNER] = p;
    else if (s[base(p) + P_HEALTH] <= 0) s[G_WINNER] = 1 - p;
  }

  /** Ends the game with `winner` winning (a hard error or a timeout of the other player). */
  forfeit(loser: number): void {
    this.s[G_WINNER] = 1 - loser;
  }

  // ---- Legality (RULES §8) ----------------------------------------------------------------

  /** Whether (kind, a1, a2) is legal for the current player now. PASS is always legal. */
  isLegal(kind: number, a1: number, a2: number): boolean {
    if (kind === PASS) return true;
    const s = this.s, p = s[G_CURRENT];
    if (!(a1 >= 0 && a1 < s[G_HIGH])) return false;
    const o = INST_BASE + a1 * NF;
    if (s[o + F_OWNER] !== p) return false;
    const loc = s[o + F_LOC];
    if (kind === SUMMON) {
      return loc === LOC_HAND && s[o + F_TYPE] === CREATURE && s[o + F_COST] <= s[base(p) + P_MANA]
        && (a2 === 0 || a2 === 1) && this.laneCount(p, a2) < LANE_SIZE;
    }
    if (kind === ATTACK) {
      if (loc !== LOC_BOARD || s[o + F_CAN_ATTACK] === 0) return false;
      const lane = s[o + F_LANE];
      const guarded = this.laneHasGuard(1 - p, lane);
      if (a2 === -1) return !guarded;
      if (!(a2 >= 0 && a2 < s[G_HIGH])) return false;
      const t = INST_BASE + a2 * NF;
      return s[t + F_OWNER] === 1 - p && s[t + F_LOC] === LOC_BOARD && s[t + F_LANE] === lane
        && (!guarded || (s[t + F_KW] & GUARD) !== 0);
    }
    if (kind === USE) {
      const type = s[o + F_TYPE];
      if (loc !== LOC_HAND || type === CREATURE || s[o + F_COST] > s[base(p) + P_MANA]) return false;
      if (a2 === -1) return type === BLUE_ITEM;
      if (!(a2 >= 0 && a2 < s[G_HIGH])) return false;
      const t = INST_BASE + a2 * NF;
      if (s[t + F_LOC] !== LOC_BOARD) return false;
      return s[t + F_OWNER] === (type === GREEN_ITEM ? p : 1 - p);
    }
    return false;
  }

  /**
   * Writes every legal action of the current player as (kind, a1, a2) triples into `out`
   * (PASS first, then summons, uses and attacks in hand and board order) and returns how many.
   * `out` needs 3 × MAX_LEGAL entries.
   */
  listLegal(out: Int32Array): number {
    const s = this.s, p = s[G_CURRENT], q = 1 - p, b = base(p), qb = base(q);
    let n = putAction(out, 0, PASS, 0, 0);
    const mana = s[b + P_MANA];
    // One pass over each board: own lane occupancy, enemy guards per lane.
    let own0 = 0, own1 = 0, guard0 = false, guard1 = false;
    const nb = s[b + P_BOARD_LEN], nq = s[qb + P_BOARD_LEN];
    for (let i = 0; i < nb; i++) {
      if (s[INST_BASE + s[b + P_BOARD + i] * NF + F_LANE] === 0) own0++; else own1++;
    }
    for (let j = 0; j < nq; j++) {
      const to = INST_BASE + s[qb + P_BOARD + j] * NF;
      if ((s[to + F_KW] & GUARD) !== 0) { if (s[to + F_LANE] === 0) guard0 = true; else guard1 = true; }
    }
    const free0 = own0 < LANE_SIZE, free1 = own1 < LANE_SIZE;
    for (let i = 0, nh = s[b + P_HAND_LEN]; i < nh; i++) {
      const id = s[b + P_HAND + i], o = INST_BASE + id * NF;
      if (s[o + F_COST] > mana) continue;
      const type = s[o + F_TYPE];
      if (type === CREATURE) {
        if (free0) n = putAction(out, n, SUMMON, id, 0);
        if (free1) n = putAction(out, n, SUMMON, id, 1);
      } else {
        const side = type === GREEN_ITEM ? b : qb;
        if (type === BLUE_ITEM) n = putAction(out, n, USE, id, -1);
        for (let j = 0, ns = s[side + P_BOARD_LEN]; j < ns; j++) n = putAction(out, n, USE, id, s[side + P_BOARD + j]);
      }
    }
    for (let i = 0; i < nb; i++) {
      const id = s[b + P_BOARD + i], o = INST_BASE + id * NF;
      if (s[o + F_CAN_ATTACK] === 0) continue;
      const lane = s[o + F_LANE], guarded = lane === 0 ? guard0 : guard1;
      if (!guarded) n = putAction(out, n, ATTACK, id, -1);
      for (let j = 0; j < nq; j++) {
        const t = s[qb + P_BOARD + j], to = INST_BASE + t * NF;
        if (s[to + F_LANE] === lane && (!guarded || (s[to + F_KW] & GUARD) !== 0)) n = putAction(out, n, ATTACK, id, t);
      }
    }
    return n;
  }

  /** How many actions `listLegal` would write now, without writing them. */
  countLegal(): number {
    const s = this.s, p = s[G_CURRENT], b = base(p), qb = base(1 - p), t = this.scan;
    const nb = s[b + P_BOARD_LEN], nq = s[qb + P_BOARD_LEN];
    // Branch-free sums: in random play these conditions flip unpredictably from call to call.
    // Board lanes are 0 or 1, so sums of lanes and of masks count per lane.
    let own1 = 0, ready = 0, ready1 = 0, enemies1 = 0, guards0 = 0, guards1 = 0;
    for (let i = 0; i < nb; i++) {
      const o = INST_BASE + s[b + P_BOARD + i] * NF, lane = s[o + F_LANE], canAttack = s[o + F_CAN_ATTACK];
      own1 += lane; ready += canAttack; ready1 += canAttack & lane;
    }
    for (let j = 0; j < nq; j++) {
      const to = INST_BASE + s[qb + P_BOARD + j] * NF, lane = s[to + F_LANE], guard = (s[to + F_KW] >> GUARD_SHIFT) & 1;
      enemies1 += lane; guards1 += guard & lane; guards0 += guard & (lane ^ 1);
    }
    const free0 = (nb - own1 - LANE_SIZE) >>> 31, free1 = (own1 - LANE_SIZE) >>> 31;
    t[S_FREE0] = free0; t[S_GUARDS] = guards0; t[S_GUARDS + 1] = guards1;
    // Attacks of one ready creature: its lane's guards, or the face and every creature there.
    const attacks0 = guards0 > 0 ? guards0 : 1 + nq - enemies1, attacks1 = guards1 > 0 ? guards1 : 1 + enemies1;
    t[S_ATTACKS] = attacks0; t[S_ATTACKS + 1] = attacks1;
    // Actions per affordable hand card, by card type.
    t[S_PER_TYPE + CREATURE] = free0 + free1; t[S_PER_TYPE + GREEN_ITEM] = nb; t[S_PER_TYPE + RED_ITEM] = nq; t[S_PER_TYPE + BLUE_ITEM] = nq + 1;
    const mana = s[b + P_MANA];
    let n = 1 + (ready - ready1) * attacks0 + ready1 * attacks1;
    // The hand slots' counts stay in `scan` for sampleLegal's walk.
    for (let i = 0, nh = s[b + P_HAND_LEN]; i < nh; i++) {
      const o = INST_BASE + s[b + P_HAND + i] * NF;
      n += t[S_HAND + i] = (((mana - s[o + F_COST]) >>> 31) ^ 1) * t[S_PER_TYPE + s[o + F_TYPE]];
    }
    return n;
  }

  /**
   * Writes into out[0..2] the action `listLegal` would put at index `rng.int(count)`, where
   * `count` is how many it would write: a uniformly random legal action, without the list.
   */
  sampleLegal(rng: { int(n: number): number }, out: Int32Array): void {
    const n = this.countLegal(), k = rng.int(n);
    if (!((k | 0) === k && k >= 0 && k < n)) throw new LocmEngineError(`sampleLegal: the generator gave ${k}, not an integer in [0, ${n}) (the legal actions now)`);
    // The walk below always ends on an action: the per-slot counts sum to n − 1.
    if (k === 0) { out[0] = PASS; out[1] = 0; out[2] = 0; return; }
    const s = this.s, p = s[G_CURRENT], b = base(p), qb = base(1 - p), t = this.scan;
    let r = k - 1;
    for (let i = 0, nh = s[b + P_HAND_LEN]; i < nh; i++) {
      const c = t[S_HAND + i];
      if (r >= c) { r -= c; continue; }
      const id = s[b + P_HAND + i], type = s[INST_BASE + id * NF + F_TYPE];
      out[1] = id;
      if (type === CREATURE) { out[0] = SUMMON; out[2] = t[S_FREE0] === 1 ? r : 1; return; }
      const side = type === GREEN_ITEM ? b : qb, blue = type === BLUE_ITEM ? 1 : 0;
      out[0] = USE; out[2] = r < blue ? -1 : s[side + P_BOARD + r - blue];
      return;
    }
    for (let i = 0, nb = s[b + P_BOARD_LEN]; i < nb; i++) {
      const id = s[b + P_BOARD + i], o = INST_BASE + id * NF, lane = s[o + F_LANE], c = s[o + F_CAN_ATTACK] * t[S_ATTACKS + lane];
      if (r >= c) { r -= c; continue; }
      out[0] = ATTACK; out[1] = id;
      const guarded = t[S_GUARDS + lane] > 0;
      if (!guarded && r-- === 0) { out[2] = -1; return; }
      for (let j = 0, nq = s[qb + P_BOARD_LEN]; j < nq; j++) {
        const e = s[qb + P_BOARD + j], to = INST_BASE + e * NF;
        if (s[to + F_LANE] === lane && (!guarded || (s[to + F_KW] & GUARD) !== 0) && r-- === 0) { out[2] = e; return; }
      }
    }
  }

  private laneHasGuard(p: number, lane: number): boolean {
    const s = this.s, b = base(p);
    for (let i = 0, n = s[b + P_BOARD_LEN]; i < n; i++) {
      const o = INST_BASE + s[b + P_BOARD + i] * NF;
      if (s[o + F_LANE] === lane && (s[o + F_KW] & GUARD) !== 0) return true;
    }
    return false;
  }

  // ---- Resolution (RULES §9) --------------------------------------------------------------

  /** Applies a legal action of the current player (check with isLegal first), then the win check. */
  apply(kind: number, a1: number, a2: number): void {
    if (kind === PASS) return;
    const s = this.s, p = s[G_CURRENT], q = 1 - p;
    const o = INST_BASE + a1 * NF;
    const cardNo = s[o + F_CARD];
    let mine = 0, theirs = 0, draw = 0;
    if (kind === SUMMON) {
      this.removeFromHand(p, a1);
      s[base(p) + P_MANA] -= s[o + F_COST];
      this.placeCreature(p, a1, a2);
      let n = 1;
      if (!this.v12) {
        const area = s[o + F_AREA];
        const copyLane = area === AREA_LANE1 ? a2 : area === AREA_LANE2 ? 1 - a2 : -1;
        if (copyLane >= 0 && this.laneCount(p, copyLane) < LANE_SIZE) {
          const copy = this.idScheme === 'competition' ? s[G_NEXT_ID]++ : a1 + 1;
          if (copy >= MAX_INSTANCES || (copy < s[G_HIGH] && s[INST_BASE + copy * NF + F_LOC] !== LOC_NONE)) {
            throw new LocmEngineError(`no free instance id for an Area copy (tried ${copy})`);
          }
          s.copyWithin(INST_BASE + copy * NF, o, o + NF);
          if (copy >= s[G_HIGH]) s[G_HIGH] = copy + 1;
          this.placeCreature(p, copy, copyLane);
          n = 2;
        }
      }
      mine = n * s[o + F_MY];
      theirs = n * s[o + F_OPP];
      draw = n * s[o + F_DRAW];
    } else if (kind === ATTACK) {
      const atk = s[o + F_ATK], kw = s[o + F_KW];
      // 1.2 quirk Q1: any attack, on the face too, makes the input show 0 0 0 effects (DS12 confirms).
      s[o + F_MODIFIED] = 1;
      if (a2 === -1) {
        s[o + F_CAN_ATTACK] = 0;
        s[o + F_HAS_ATTACKED] = 1;
        theirs = -atk;
        mine = kw & DRAIN ? atk : 0;
      } else {
        const d = INST_BASE + a2 * NF;
        const datk = s[d + F_ATK], ddef = s[d + F_DEF], dkw = s[d + F_KW], adef = s[o + F_DEF];
        s[o + F_CAN_ATTACK] = 0;
        s[o + F_HAS_ATTACKED] = 1;
        if (dkw & WARD && atk !== 0) s[d + F_KW] = dkw & ~WARD;
        if (kw & WARD && datk !== 0) s[o + F_KW] = kw & ~WARD;
        const given = dkw & WARD ? 0 : atk;
        const taken = kw & WARD ? 0 : datk;
        let dDies = given >= ddef;
        if (kw & BREAKTHROUGH && dDies) theirs = ddef - given;
        if (kw & LETHAL && given > 0) dDies = true;
        if (kw & DRAIN && given > 0) mine = atk;
        let aDies = taken >= adef;
        if (dkw & LETHAL && taken > 0) aDies = true;
        if (dDies) this.removeFromBoard(q, a2);
        else { s[d + F_DEF] = ddef - given; s[d + F_MODIFIED] = 1; }
        if (aDies) this.removeFromBoard(p, a1);
        else s[o + F_DEF] = adef - taken;
      }
    } else if (kind === USE) {
      this.removeFromHand(p, a1);
      s[o + F_LOC] = LOC_GONE;
      s[base(p) + P_MANA] -= s[o + F_COST];
      if (a2 === -1) {
        mine = s[o + F_MY];
        theirs = s[o + F_DEF] + s[o + F_OPP];
        draw = s[o + F_DRAW];
      } else {
        const green = s[o + F_TYPE] === GREEN_ITEM;
        const side = green ? p : q;
        const area = this.v12 ? 0 : s[o + F_AREA];
        let c = 0;
        if (area === 0) {
          this.useOn(o, a2, side, green);
          c = 1;
        } else {
          const lane = s[INST_BASE + a2 * NF + F_LANE];
          const b = base(side);
          // Visit in board order; a creature removed on the way shifts the ones after it.
          for (let i = 0; i < s[b + P_BOARD_LEN];) {
            const id = s[b + P_BOARD + i];
            if (area === AREA_LANE1 && s[INST_BASE + id * NF + F_LANE] !== lane) { i++; continue; }
            c++;
            if (!this.useOn(o, id, side, green)) i++;
          }
        }
        mine = c * s[o + F_MY];
        theirs = c * s[o + F_OPP];
        draw = c * s[o + F_DRAW];
      }
    }
    this.modifyHealth(p, mine);
    this.modifyHealth(q, theirs);
    const b = base(p);
    s[b + P_NEXT_DRAW] += draw;
    const n = s[b + P_PERF_LEN];
    if (n < PERF_CAP) {
      const r = b + P_PERF + 4 * n;
      s[r] = cardNo; s[r + 1] = kind; s[r + 2] = a1; s[r + 3] = a2;
      s[b + P_PERF_LEN] = n + 1;
    }
    this.checkWinner();
  }

  /** Applies item `o` (an offset) to creature `id` of `side`; returns true when it died and was removed. */
  private useOn(o: number, id: number, side: number, green: boolean): boolean {
    const s = this.s, t = INST_BASE + id * NF;
    let kw = s[t + F_KW];
    const ikw = s[o + F_KW];
    if (green) {
      kw |= ikw;
      if (ikw & CHARGE) s[t + F_CAN_ATTACK] = s[t + F_HAS_ATTACKED] ? 0 : 1;
    } else {
      kw &= ~ikw;
    }
    const atk = Math.max(0, s[t + F_ATK] + s[o + F_ATK]);
    let def = s[t + F_DEF];
    const idef = s[o + F_DEF];
    if (kw & WARD && idef < 0) kw &= ~WARD;
    else def += idef;
    if (def <= 0) {
      // 1.2 quirk Q2: a green item that kills leaves the creature unchanged (unreachable with CL12).
      if (this.v12 && green) return false;
      this.removeFromBoard(side, id);
      return true;
    }
    s[t + F_KW] = kw; s[t + F_ATK] = atk; s[t + F_DEF] = def; s[t + F_MODIFIED] = 1;
    return false;
  }

  /** `modifyHealth` with the version's extra-draw rule (RULES §9.5). */
  private modifyHealth(p: number, m: number): void {
    const s = this.s, b = base(p);
    s[b + P_HEALTH] += m;
    if (m >= 0) return;
    if (this.v12) {
      while (s[b + P_RUNES] > 0 && s[b + P_HEALTH] <= 5 * s[b + P_RUNES]) {
        s[b + P_RUNES]--;
        s[b + P_NEXT_DRAW]++;
      }
    } else {
      s[b + P_NEXT_DRAW] -= Math.floor(s[b + P_LOST] / 5);
      s[b + P_LOST] -= m;
      s[b + P_NEXT_DRAW] += Math.floor(s[b + P_LOST] / 5);
    }
  }

  private placeCreature(p: number, id: number, lane: number): void {
    const s = this.s, b = base(p), o = INST_BASE + id * NF;
    s[b + P_BOARD + s[b + P_BOARD_LEN]++] = id;
    s[o + F_LOC] = LOC_BOARD;
    s[o + F_LANE] = lane;
    s[o + F_CAN_ATTACK] = s[o + F_KW] & CHARGE ? 1 : 0;
    s[o + F_HAS_ATTACKED] = 0;
  }

  private removeFromHand(p: number, id: number): void {
    removeFromList(this.s, base(p) + P_HAND, base(p) + P_HAND_LEN, id);
  }

  private removeFromBoard(p: number, id: number): void {
    removeFromList(this.s, base(p) + P_BOARD, base(p) + P_BOARD_LEN, id);
    this.s[INST_BASE + id * NF + F_LOC] = LOC_GONE;
  }

  // ---- Positions rebuilt from a bot's input (RULES §12.3) --------------------------------

  /**
   * Loads what player `p`'s battle input shows, at p's turn start (full mana, own creatures
   * ready), so a bot serving the text protocol can plan its turn on the engine. The input hides
   * the decks and the opponent's hand: they keep their sizes with placeholder entries only.
   */
  loadSeen(p: number, seen: SeenPosition): void {
    const s = this.s, q = 1 - p;
    s.fill(0);
    s[G_TURN] = seen.turn;
    s[G_CURRENT] = p;
    s[G_WINNER] = -1;
    s[G_NEXT_ID] = seen.nextInstanceId;
    for (let x = 0; x < 2; x++) {
      const b = base(x), v = seen.players[x];
      if (!(v.deckSize >= 0 && v.deckSize <= DECK_CAP)) throw new LocmEngineError(`player ${x}: deck size ${v.deckSize} outside [0, ${DECK_CAP}]`);
      s[b + P_HEALTH] = v.health;
      s[b + P_MAX_MANA] = v.maxMana;
      s[b + P_MANA] = x === p ? v.maxMana : 0;
      s[b + P_NEXT_DRAW] = x === p ? 1 : v.drawValueToShow;
      s[b + P_DRAW_SHOW] = v.drawValueToShow;
      s[b + P_RUNES] = this.v12 ? Math.floor(v.nextRune / 5) : 0;
      s[b + P_DECK_END] = v.deckSize;
    }
    const hidden = seen.players[q].handSize;
    if (!(hidden >= 0 && hidden <= MAX_HAND)) throw new LocmEngineError(`opponent hand size ${hidden} outside [0, ${MAX_HAND}]`);
    s[base(q) + P_HAND_LEN] = hidden;
    for (const c of seen.cards) {
      const id = c.instanceId, owner = c.location === -1 ? q : p, b = base(owner);
      if (!(id > 0 && id < MAX_INSTANCES)) throw new LocmEngineError(`instance id ${id} outside [1, ${MAX_INSTANCES})`);
      if (s[INST_BASE + id * NF + F_LOC] !== LOC_NONE) throw new LocmEngineError(`instance id ${id} is shown twice`);
      if (c.location === 0) {
        if (s[b + P_HAND_LEN] === MAX_HAND) throw new LocmEngineError(`more than ${MAX_HAND} cards in hand`);
        this.initInstance(id, c.card, owner, LOC_HAND);
        s[b + P_HAND + s[b + P_HAND_LEN]++] = id;
      } else {
        if (s[b + P_BOARD_LEN] === BOARD_CAP || !(c.lane === 0 || c.lane === 1)) throw new LocmEngineError(`instance ${id}: no room in lane ${c.lane}`);
        this.initInstance(id, c.card, owner, LOC_BOARD);
        s[b + P_BOARD + s[b + P_BOARD_LEN]++] = id;
        s[INST_BASE + id * NF + F_LANE] = c.lane;
        s[INST_BASE + id * NF + F_CAN_ATTACK] = owner === p ? 1 : 0;
      }
    }
    const qb = base(q), n = Math.min(seen.opponentActions.length, PERF_CAP);
    for (let i = 0; i < n; i++) for (let k = 0; k < 4; k++) s[qb + P_PERF + 4 * i + k] = seen.opponentActions[i][k];
    s[qb + P_PERF_LEN] = n;
  }

  // ---- Input text (RULES §12.3) -----------------------------------------------------------

  /** The battle input of player `p`, as the referee sends it (lines without newlines). */
  inputLines(p: number): string[] {
    const s = this.s, q = 1 - p, lines: string[] = [];
    const playerLine = (x: number): string => {
      const b = base(x);
      return this.v12
        ? `${s[b + P_HEALTH]} ${s[b + P_MAX_MANA]} ${this.deckSize(x)} ${this.nextRune(x)} ${s[b + P_DRAW_SHOW]}`
        : `${s[b + P_HEALTH]} ${s[b + P_MAX_MANA]} ${this.deckSize(x)} ${s[b + P_DRAW_SHOW]}`;
    };
    lines.push(playerLine(p), playerLine(q));
    const nPerf = this.performedCount(q);
    lines.push(`${this.handSize(q)} ${nPerf}`);
    for (let i = 0; i < nPerf; i++) {
      lines.push(`${this.performed(q, i, 0)} ${ACTION_NAMES[this.performed(q, i, 1)]} ${this.performed(q, i, 2)} ${this.performed(q, i, 3)}`);
    }
    const hand = this.handSize(p), mine = this.boardSize(p), theirs = this.boardSize(q);
    lines.push(String(hand + mine + theirs));
    for (let i = 0; i < hand; i++) lines.push(this.cardLine(this.handCard(p, i), 0));
    for (let i = 0; i < mine; i++) lines.push(this.cardLine(this.boardCard(p, i), 1));
    for (let i = 0; i < theirs; i++) lines.push(this.cardLine(this.boardCard(q, i), -1));
    return lines;
  }

  private cardLine(id: number, location: number): string {
    const s = this.s, o = INST_BASE + id * NF;
    const hidden = this.v12 && s[o + F_MODIFIED] === 1 && location !== 0;
    const effects = hidden ? '0 0 0' : `${s[o + F_MY]} ${s[o + F_OPP]} ${s[o + F_DRAW]}`;
    const area = this.v12 ? '' : ` ${s[o + F_AREA]}`;
    const lane = location === 0 ? -1 : s[o + F_LANE];
    return `${s[o + F_CARD]} ${id} ${location} ${s[o + F_TYPE]} ${s[o + F_COST]} ${s[o + F_ATK]} ${s[o + F_DEF]} ${keywordString(s[o + F_KW])} ${effects}${area} ${lane} `;
  }
}

function base(p: number): number {
  return PLAYER_BASE + p * P_SIZE;
}

function putAction(out: Int32Array, n: number, kind: number, a1: number, a2: number): number {
  out[3 * n] = kind; out[3 * n + 1] = a1; out[3 * n + 2] = a2;
  return n + 1;
}

function removeFromList(s: Int32Array, start: number, lenAt: number, id: number): void {
  const n = s[lenAt];
  let i = 0;
  while (i < n && s[start + i] !== id) i++;
  if (i === n) return;
  // A plain loop: the lists hold at most 8 entries, too few for copyWithin's call overhead.
  for (; i < n - 1; i++) s[start + i] = s[start + i + 1];
  s[lenAt] = n - 1;
}

/** Canonical action text `TYPE a1 a2` (PASS alone). */
export function actionText(kind: number, a1: number, a2: number): string {
  return kind === PASS ? 'PASS' : `${ACTION_NAMES[kind]} ${a1} ${a2}`;
}
