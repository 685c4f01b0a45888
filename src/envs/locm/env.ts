// LOCM 1.2 and 1.5 as a TurnBasedEnv: deck building one choice at a time (1.2: 1 of 3 per
// draft pick; 1.5: 30 sequential choices out of 120, at most 2 copies), then the battle with
// one atomic action per step in the 145-action encoding of gym-locm/ByteRL (AGENTS §8.5).
// Observations carry per-card feature vectors (16 features in 1.2, 19 in 1.5, AGENTS §8.3).
// The engine (`game`) is exposed for search agents; the seeds follow the referee (RULES §4).
import { Rng } from '../../core/rng.js';
import { TERMINAL, type Player, type TurnBasedEnv, type TurnBasedEnvSpec } from '../../env/game.js';
import { EnvError, type Info, type RenderMode } from '../../env/types.js';
import { type Card } from './cards.js';
import {
  ATTACK, F_AREA, F_ATK, F_CAN_ATTACK, F_COST, F_DEF, F_DRAW, F_KW, F_LANE, F_MY, F_OPP, F_OWNER, F_TYPE, LocmGame, MAX_INSTANCES,
  MAX_LEGAL, PASS, SUMMON, USE, actionText, type Version,
} from './engine.js';
import { generateCards15 } from './generator.js';
import { battleDecks, constructedList, deriveMatchSeeds, draftTriples, type MatchSeeds } from './match.js';

export const NUM_BATTLE_ACTIONS = 145;
const FIXED = 3 + 12;

/** Feature count of one card: 16 (1.2) or 19 (1.5, with the Area one-hot). */
export function cardFeatureSize(version: Version): number {
  return version === '1.2' ? 16 : 19;
}

/** Observation layout offsets for a version. */
export function observationLayout(version: Version): { hand: number; ownLanes: number; enemyLanes: number; offer: number; counts: number; size: number } {
  const f = cardFeatureSize(version);
  const hand = FIXED, ownLanes = hand + 8 * f, enemyLanes = ownLanes + 6 * 9, offer = enemyLanes + 6 * 8;
  const offered = version === '1.2' ? 3 : 120;
  const counts = offer + offered * f;
  return { hand, ownLanes, enemyLanes, offer, counts, size: counts + (version === '1.2' ? 0 : 120) + 1 };
}

/** Writes a card's features (type one-hot, cost, attack, defense, effects, keywords, area). */
export function writeCardFeatures(out: Float32Array, at: number, withArea: boolean, type: number, cost: number, attack: number, defense: number,
  keywords: number, my: number, opp: number, draw: number, area: number): void {
  out[at + type] = 1;
  out[at + 4] = cost / 12;
  out[at + 5] = attack / 12;
  out[at + 6] = Math.max(-12, defense) / 12;
  out[at + 7] = my / 12;
  out[at + 8] = opp / 12;
  out[at + 9] = draw / 2;
  for (let k = 0; k < 6; k++) out[at + 10 + k] = (keywords >> k) & 1;
  if (withArea) out[at + 16 + area] = 1;
}

function writeCard(out: Float32Array, at: number, withArea: boolean, c: Card): void {
  writeCardFeatures(out, at, withArea, c.type, c.cost, c.attack, c.defense, c.keywords, c.myHealthChange, c.opponentHealthChange, c.cardDraw, c.area);
}

export interface LocmEnvOptions {
  version?: Version;
}

/**
 * The 145-action battle encoding (AGENTS §8.5) over any engine position: action index ↔ engine
 * action (kind, a1, a2) of the player to move, and the legal mask. Shared by the env and by
 * agents that act on a LocmGame directly (the neural agent), so both see the same actions.
 */
export class BattleActionCodec {
  private readonly decoded = new Int32Array(3);
  private readonly legalBuf = new Int32Array(3 * MAX_LEGAL);
  private readonly handIdx = new Int32Array(MAX_INSTANCES);
  /** Lane slot of a board creature: 0..2 in lane 0, 3..5 in lane 1. */
  private readonly slot = new Int32Array(MAX_INSTANCES);

  /** Decodes a battle action index into (kind, a1, a2) for the player to move in `g`; null if it names no card. */
  decode(g: LocmGame, action: number): Int32Array | null {
    const p = g.currentPlayer, q = 1 - p, d = this.decoded;
    if (!Number.isInteger(action) || action < 0 || action >= NUM_BATTLE_ACTIONS) return null;
    if (action === 0) { d[0] = PASS; d[1] = 0; d[2] = 0; return d; }
    if (action < 17) {
      const h = (action - 1) >> 1;
      if (h >= g.handSize(p)) return null;
      d[0] = SUMMON; d[1] = g.handCard(p, h); d[2] = (action - 1) & 1;
      return d;
    }
    if (action < 121) {
      const j = action - 17, h = Math.floor(j / 13), t = j % 13;
      if (h >= g.handSize(p)) return null;
      let target = -1;
      if (t >= 1) {
        const side = t <= 6 ? p : q, k = t <= 6 ? t - 1 : t - 7;
        target = g.laneCard(side, Math.floor(k / 3), k % 3);
        if (target < 0) return null;
      }
      d[0] = USE; d[1] = g.handCard(p, h); d[2] = target;
      return d;
    }
    const j = action - 121, u = j & 3, ls = j >> 2, lane = Math.floor(ls / 3);
    const attacker = g.laneCard(p, lane, ls % 3);
    if (attacker < 0) return null;
    const target = u === 0 ? -1 : g.laneCard(q, lane, u - 1);
    if (target < 0 && u !== 0) return null;
    d[0] = ATTACK; d[1] = attacker; d[2] = target;
    return d;
  }

  /** The action index of a battle action (kind, a1, a2) of the current player, or −1 if it names no hand card or board slot. */
  encode(g: LocmGame, kind: number, a1: number, a2: number): number {
    const p = g.currentPlayer;
    if (kind === PASS) return 0;
    if (kind === SUMMON) {
      const h = this.handPos(g, p, a1);
      return h < 0 || (a2 !== 0 && a2 !== 1) ? -1 : 1 + 2 * h + a2;
    }
    if (kind === USE) {
      const h = this.handPos(g, p, a1);
      if (h < 0) return -1;
      if (a2 === -1) return 17 + 13 * h;
      const own = this.slotOf(g, p, a2), enemy = own < 0 ? this.slotOf(g, 1 - p, a2) : -1;
      return own >= 0 ? 17 + 13 * h + 1 + own : enemy >= 0 ? 17 + 13 * h + 7 + enemy : -1;
    }
    if (kind === ATTACK) {
      const from = this.slotOf(g, p, a1);
      if (from < 0) return -1;
      if (a2 === -1) return 121 + 4 * from;
      const to = this.slotOf(g, 1 - p, a2);
      return to >= 0 && (to >= 3) === (from >= 3) ? 121 + 4 * from + 1 + (to % 3) : -1;
    }
    return -1;
  }

  private handPos(g: LocmGame, p: number, id: number): number {
    for (let i = 0, n = g.handSize(p); i < n; i++) if (g.handCard(p, i) === id) return i;
    return -1;
  }

  /** 3·lane + slot of board creature `id` of `side`, or −1. */
  private slotOf(g: LocmGame, side: number, id: number): number {
    let n0 = 0, n1 = 0;
    for (let i = 0, n = g.boardSize(side); i < n; i++) {
      const c = g.boardCard(side, i), lane = g.field(c, F_LANE);
      if (c === id) return lane === 0 ? n0 : 3 + n1;
      if (lane === 0) n0++; else n1++;
    }
    return -1;
  }

  /** Writes the legal mask of the player to move in `g` (a running battle) into `out` [145]. */
  legalMask(g: LocmGame, out: Uint8Array): Uint8Array {
    out.fill(0);
    // Map each legal (kind, id, target) of the engine to its index: hand positions and lane slots first.
    const p = g.currentPlayer, handIdx = this.handIdx, slot = this.slot;
    for (let i = 0, n = g.handSize(p); i < n; i++) handIdx[g.handCard(p, i)] = i;
    for (let side = 0; side < 2; side++) {
      let n0 = 0, n1 = 0;
      for (let i = 0, n = g.boardSize(side); i < n; i++) {
        const id = g.boardCard(side, i);
        slot[id] = g.field(id, F_LANE) === 0 ? n0++ : 3 + n1++;
      }
    }
    const legal = this.legalBuf, n = g.listLegal(legal);
    for (let k = 0; k < n; k++) {
      const kind = legal[3 * k], id = legal[3 * k + 1], target = legal[3 * k + 2];
      if (kind === PASS) out[0] = 1;
      else if (kind === SUMMON) out[1 + 2 * handIdx[id] + target] = 1;
      else if (kind === USE) {
        const t = target === -1 ? 0 : (g.field(target, F_OWNER) === p ? 1 : 7) + slot[target];
        out[17 + 13 * handIdx[id] + t] = 1;
      } else {
        const s0 = slot[id], lane = s0 >= 3 ? 1 : 0;
        out[121 + 4 * (3 * lane + (s0 - 3 * lane)) + (target === -1 ? 0 : 1 + slot[target] - 3 * lane)] = 1;
      }
    }
    return out;
  }
}

export class LocmEnv implements TurnBasedEnv {
  readonly spec: TurnBasedEnvSpec;
  readonly renderMode: RenderMode | null;
  readonly version: Version;
  /** The battle engine; valid once the battle phase has begun (see `phase`). */
  readonly game: LocmGame;
  private readonly layout: ReturnType<typeof observationLayout>;
  private readonly rng = new Rng(0);
  private seeds: MatchSeeds | null = null;
  private triples: Card[][] = [];
  private offered: Card[] = [];
  private readonly counts = [new Int32Array(120), new Int32Array(120)];
  private chosen: [Card[], Card[]] = [[], []];
  private building = true;
  private builder = 0;
  private ended = false;
  private readonly rew = new Float64Array(2);
  private readonly offerFeatures = new Float32Array(120 * 19);
  private readonly codec = new BattleActionCodec();

  constructor(options: LocmEnvOptions = {}, renderMode: RenderMode | null = null) {
    this.version = options.version ?? '1.5';
    if (this.version !== '1.2' && this.version !== '1.5') throw new EnvError(`LocmEnv: version must be '1.2' or '1.5', got ${String(this.version)}`);
    if (renderMode !== null && renderMode !== 'ansi') throw new EnvError(`LocmEnv: render mode '${renderMode}' is not supported; use 'ansi' or null`);
    this.renderMode = renderMode;
    this.layout = observationLayout(this.version);
    this.spec = { numPlayers: 2, observationSize: this.layout.size, numActions: NUM_BATTLE_ACTIONS };
    this.game = new LocmGame(this.version);
  }

  /** 'build' (draft or constructed) or 'battle'. */
  get phase(): 'build' | 'battle' { return this.building ? 'build' : 'battle'; }
  /** The 1.2 triple being drafted or the 1.5 offered list, during deck building. */
  get offer(): readonly Card[] { return this.version === '1.2' ? this.triples[this.pickIndex()] ?? [] : this.offered; }
  /** Cards chosen so far by player p. */
  chosenCards(p: number): readonly Card[] { return this.chosen[p]; }
  /** The seeds of the current game (referee parameters, so a match can be re-run by the referee). */
  get matchSeeds(): MatchSeeds | null { return this.seeds; }

  /**
   * Starts a game. `seed` is the referee's `seed` parameter (sub-seeds derived as the referee
   * does); without one, a seed is drawn from the env's own stream. `options.params` may give
   * explicit referee parameters (`draftChoicesSeed`, `cardGenSeed`, `shufflePlayer0Seed`, ...).
   */
  reset(args: { seed?: number; options?: Record<string, unknown> } = {}): void {
    if (args.seed !== undefined) {
      if (!Number.isSafeInteger(args.seed)) throw new EnvError(`LocmEnv.reset: seed must be a safe integer, got ${args.seed}`);
      this.rng.seed(args.seed);
    }
    const params = args.options?.params ?? {};
    if (typeof params !== 'object' || params === null || Object.values(params).some((v) => typeof v !== 'string')) {
      throw new EnvError('LocmEnv.reset: options.params must map referee parameter names to strings, e.g. { cardGenSeed: "4047" }');
    }
    const seed = args.seed !== undefined ? BigInt(args.seed) : BigInt(this.rng.nextU32());
    this.seeds = deriveMatchSeeds(this.version, params as Record<string, string>, seed);
    this.chosen = [[], []];
    this.counts[0].fill(0);
    this.counts[1].fill(0);
    if (this.version === '1.2') this.triples = draftTriples(this.seeds.draftChoicesSeed!);
    else {
      this.offered = constructedList(generateCards15(this.seeds.cardGenSeed!), this.seeds.constructedChoicesSeed!);
      // The 120 offered cards are shown at every constructed step: encode them once per game.
      this.offerFeatures.fill(0);
      for (let i = 0; i < this.offered.length; i++) writeCard(this.offerFeatures, i * 19, true, this.offered[i]);
    }
    this.building = true;
    this.builder = 0;
    this.ended = false;
    this.rew.fill(0);
  }

  private pickIndex(): number {
    return this.chosen[1].length;
  }

  currentPlayer(): Player {
    if (this.ended) return TERMINAL;
    return this.building ? this.builder : this.game.currentPlayer;
  }

  /** Decodes a battle action index into (kind, a1, a2) for the current player; null if it names no card. */
  decode(action: number): Int32Array | null {
    return this.codec.decode(this.game, action);
  }

  /** The action index of a battle action (kind, a1, a2) of the current player, or −1 if it names no hand card or board slot. */
  encode(kind: number, a1: number, a2: number): number {
    return this.codec.encode(this.game, kind, a1, a2);
  }

  legalActions(out: Uint8Array = new Uint8Array(NUM_BATTLE_ACTIONS)): Uint8Array {
    out.fill(0);
    if (this.ended) return out;
    if (this.building) {
      if (this.version === '1.2') out.fill(1, 0, 3);
      else {
        const c = this.counts[this.builder];
        for (let i = 0; i < this.offered.length; i++) out[i] = c[i] < 2 ? 1 : 0;
      }
      return out;
    }
    return this.codec.legalMask(this.game, out);
  }

  step(action: number): void {
    if (this.ended) throw new EnvError('LocmEnv.step: the game is over; call reset() to start a new one');
    if (this.seeds === null) throw new EnvError('LocmEnv.step: call reset() before step()');
    this.rew.fill(0);
    if (this.building) { this.stepBuild(action); return; }
    const d = this.decode(action);
    if (d === null || !this.game.isLegal(d[0], d[1], d[2])) {
      throw new EnvError(`LocmEnv.step: action ${action} (${d === null ? 'no such card or slot' : actionText(d[0], d[1], d[2])}) is not legal now; use legalActions()`);
    }
    if (d[0] === PASS) this.game.startTurn();
    else this.game.apply(d[0], d[1], d[2]);
    this.afterBattleStep();
  }

  /** Applies a battle action given as (kind, a1, a2) instance ids, e.g. from a search agent. */
  stepTriple(kind: number, a1: number, a2: number): void {
    if (this.ended || this.building) throw new EnvError('LocmEnv.stepTriple: only during the battle phase');
    if (!this.game.isLegal(kind, a1, a2)) throw new EnvError(`LocmEnv.stepTriple: ${actionText(kind, a1, a2)} is not legal now`);
    this.rew.fill(0);
    if (kind === PASS) this.game.startTurn();
    else this.game.apply(kind, a1, a2);
    this.afterBattleStep();
  }

  private afterBattleStep(): void {
    const w = this.game.winner;
    if (w >= 0) {
      this.ended = true;
      this.rew[w] = 1;
      this.rew[1 - w] = -1;
    }
  }

  private stepBuild(action: number): void {
    const p = this.builder;
    if (this.version === '1.2') {
      if (!(action === 0 || action === 1 || action === 2)) throw new EnvError(`LocmEnv.step: a draft action is 0, 1 or 2, got ${action}`);
      this.chosen[p].push(this.triples[this.pickIndex()][action]);
      this.builder = 1 - p;
      if (this.chosen[1].length === 30) this.startBattle();
      return;
    }
    if (!Number.isInteger(action) || action < 0 || action >= this.offered.length || this.counts[p][action] >= 2) {
      throw new EnvError(`LocmEnv.step: constructed action ${action} is not an offered card with a copy left; use legalActions()`);
    }
    this.counts[p][action]++;
    this.chosen[p].push(this.offered[action]);
    if (this.chosen[p].length === 30) {
      if (p === 0) this.builder = 1;
      else this.startBattle();
    }
  }

  private startBattle(): void {
    const [d0, d1] = battleDecks(this.version, this.chosen, this.seeds!);
    this.game.setup(d0, d1, 61);
    this.game.startTurn();
    this.building = false;
    this.afterBattleStep();
  }

  observe(player: Player, out: Float32Array = new Float32Array(this.layout.size)): Float32Array {
    if (player !== 0 && player !== 1) throw new EnvError(`LocmEnv.observe: player must be 0 or 1, got ${player}`);
    out.fill(0);
    const L = this.layout, withArea = this.version === '1.5', f = cardFeatureSize(this.version);
    out[0] = this.building ? 1 : 0;
    out[1] = this.building ? 0 : 1;
    out[2] = this.currentPlayer() === player ? 1 : 0;
    if (this.building) {
      if (withArea) out.set(this.offerFeatures, L.offer);
      else {
        const offer = this.offer;
        for (let i = 0; i < offer.length; i++) writeCard(out, L.offer + i * f, false, offer[i]);
      }
      if (withArea) for (let i = 0; i < 120; i++) out[L.counts + i] = this.counts[player][i] / 2;
      out[L.size - 1] = this.chosen[player].length / 30;
      return out;
    }
    const g = this.game, q = 1 - player, s = g.s;
    const own = player === g.currentPlayer;
    out[3] = g.health(player) / 30; out[4] = (own ? g.mana(player) : g.maxMana(player)) / 13; out[5] = g.maxMana(player) / 13;
    out[6] = g.deckSize(player) / 30; out[7] = g.nextTurnDraw(player) / 6; out[8] = g.nextRune(player) / 30;
    out[9] = g.health(q) / 30; out[10] = g.maxMana(q) / 13; out[11] = g.maxMana(q) / 13;
    out[12] = g.deckSize(q) / 30; out[13] = g.drawValueToShow(q) / 6; out[14] = g.nextRune(q) / 30;
    for (let i = 0, n = g.handSize(player); i < n; i++) {
      const id = g.handCard(player, i), o = g.fieldOffset(id);
      writeCardFeatures(out, L.hand + i * f, withArea, s[o + F_TYPE], s[o + F_COST], s[o + F_ATK], s[o + F_DEF], s[o + F_KW], s[o + F_MY], s[o + F_OPP], s[o + F_DRAW], s[o + F_AREA]);
    }
    for (let lane = 0; lane < 2; lane++) {
      for (let slot = 0; slot < 3; slot++) {
        const mine = g.laneCard(player, lane, slot);
        if (mine >= 0) {
          const o = g.fieldOffset(mine), at = L.ownLanes + (lane * 3 + slot) * 9;
          out[at] = s[o + F_ATK] / 12; out[at + 1] = s[o + F_DEF] / 12; out[at + 2] = own ? s[o + F_CAN_ATTACK] : 0;
          for (let k = 0; k < 6; k++) out[at + 3 + k] = (s[o + F_KW] >> k) & 1;
        }
        const theirs = g.laneCard(q, lane, slot);
        if (theirs >= 0) {
          const o = g.fieldOffset(theirs), at = L.enemyLanes + (lane * 3 + slot) * 8;
          out[at] = s[o + F_ATK] / 12; out[at + 1] = s[o + F_DEF] / 12;
          for (let k = 0; k < 6; k++) out[at + 2 + k] = (s[o + F_KW] >> k) & 1;
        }
      }
    }
    out[L.size - 1] = Math.min(1, g.turn / 100);
    return out;
  }

  rewards(): Float64Array { return this.rew; }
  terminated(): boolean { return this.ended; }
  truncated(): boolean { return false; }

  info(): Info {
    return { phase: this.phase, turn: this.building ? -1 : this.game.turn, winner: this.ended ? this.game.winner : -1 };
  }

  render(): string | null {
    if (this.renderMode !== 'ansi') return null;
    if (this.building) return `deck building: player ${this.builder}, ${this.chosen[this.builder].length}/30 chosen`;
    return this.game.inputLines(this.game.currentPlayer).join('\n');
  }

  close(): void {}
}
