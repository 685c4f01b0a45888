// The league's opponent sampler (OSFP, ALGORITHMS.md §2.5, with plain self-play and uniform
// fictitious self-play as presets): a pool of frozen snapshots of the learner, the learner's running
// results against each member, the opponent choice at each episode start and the admission rule at
// the end of each learning period. Game- and learner-agnostic: a snapshot is an opaque value.

import { Rng, type RngState, type Seed } from '../core/rng.js';
import { LeagueError } from './errors.js';

/** How one game's result is scored: 'winLoss' win 1, draw ½, loss 0; 'plusMinus' win +1, draw 0, loss −1. */
export type ScoreConvention = 'winLoss' | 'plusMinus';

/**
 * The smooth function f that turns the learner's win-rate estimates ŵ_i against the members into
 * sampling weights: 'uniform' (fictitious self-play); 'pfsp' w_i ∝ (1 − ŵ_i)^q (AlphaStar's
 * prioritised FSP: favour the members the learner still loses to); 'softmax' w_i ∝ exp(−ŵ_i / T).
 */
export type SamplingFunction =
  | { kind: 'uniform' }
  | { kind: 'pfsp'; q: number }
  | { kind: 'softmax'; temperature: number };

/** When the results G, C are cleared: at the start of every period (the algorithm box) or only when a member is admitted. */
export type ResultsReset = 'everyPeriod' | 'onAdmission';

export interface LeagueConfig {
  /** Probability p that an episode's opponent is the current learner (self-play). */
  selfPlayProb: number;
  sampling: SamplingFunction;
  score: ScoreConvention;
  /** ξ: a snapshot is admitted when the mean score G_i/C_i against every member exceeds it (in the score convention's units). */
  admitThreshold: number;
  /** c: a snapshot is admitted anyway once more than c periods have ended since the last admission (0: every period). */
  maxWaitPeriods: number;
  resetResults: ResultsReset;
  /**
   * Pseudo-games at a 50% win rate added to every member's results when estimating ŵ_i for f, so that
   * members with few or no games this period get a finite, neutral estimate. Does not affect admission.
   */
  priorGames: number;
}

/** A frozen past policy in the pool. */
export interface LeagueMember<S> {
  /** Unique, increasing in order of admission. */
  readonly id: number;
  /** The learning period at whose end it was admitted. */
  readonly period: number;
  readonly snapshot: S;
}

/** The opponent of one episode. */
export type Opponent<S> =
  | { kind: 'learner' }
  | { kind: 'member'; index: number; member: LeagueMember<S> };

export interface PeriodOutcome<S> {
  /** The period that just ended. */
  period: number;
  /** Why a snapshot was admitted: the pool was empty, every member was beaten above ξ, or c was exceeded. */
  admitted: 'empty' | 'threshold' | 'forced' | null;
  member: LeagueMember<S> | null;
  /** G_i/C_i per member at the end of the period (NaN for a member without games). */
  meanScores: number[];
}

/** The league's whole state as plain JSON, for checkpoints. */
/** JSON has no ±Infinity, so ξ and c are written as numbers or as the strings 'Infinity' / '-Infinity'. */
export type LeagueConfigJson = Omit<LeagueConfig, 'admitThreshold' | 'maxWaitPeriods'> & {
  admitThreshold: number | string;
  maxWaitPeriods: number | string;
};

export interface LeagueJson {
  format: 'ludus-league/1';
  config: LeagueConfigJson;
  rng: RngState;
  period: number;
  periodsSinceAdmission: number;
  nextId: number;
  members: Array<{ id: number; period: number; snapshot: unknown; scoreSum: number; games: number }>;
}

function encodeNumber(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

function decodeNumber(v: number | string, field: string): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new LeagueError(`fromJSON: config.${field} must be a number, 'Infinity' or '-Infinity', got ${JSON.stringify(v)}`);
}

const SCORE_RANGE: Record<ScoreConvention, [number, number]> = { winLoss: [0, 1], plusMinus: [-1, 1] };

/** Checks a configuration and throws LeagueError naming the first bad field. */
export function validateLeagueConfig(config: LeagueConfig): void {
  const { selfPlayProb: p, sampling, score, admitThreshold: xi, maxWaitPeriods: c, resetResults, priorGames } = config;
  if (!(p >= 0 && p <= 1)) throw new LeagueError(`selfPlayProb must be in [0, 1], got ${p}`);
  if (score !== 'winLoss' && score !== 'plusMinus') throw new LeagueError(`score must be 'winLoss' or 'plusMinus', got '${String(score)}'`);
  if (Number.isNaN(xi)) throw new LeagueError('admitThreshold must be a number (±Infinity allowed), got NaN');
  if (!(c >= 0) || !(Number.isInteger(c) || c === Infinity)) throw new LeagueError(`maxWaitPeriods must be a non-negative integer or Infinity, got ${c}`);
  if (resetResults !== 'everyPeriod' && resetResults !== 'onAdmission') throw new LeagueError(`resetResults must be 'everyPeriod' or 'onAdmission', got '${String(resetResults)}'`);
  if (!(priorGames >= 0 && Number.isFinite(priorGames))) throw new LeagueError(`priorGames must be a finite number ≥ 0, got ${priorGames}`);
  switch (sampling.kind) {
    case 'uniform': break;
    case 'pfsp':
      if (!(sampling.q >= 0 && Number.isFinite(sampling.q))) throw new LeagueError(`pfsp needs a finite q ≥ 0, got ${sampling.q}`);
      break;
    case 'softmax':
      if (!(sampling.temperature > 0 && Number.isFinite(sampling.temperature))) throw new LeagueError(`softmax needs a finite temperature > 0, got ${sampling.temperature}`);
      break;
    default: throw new LeagueError(`unknown sampling function '${(sampling as { kind: string }).kind}'; choose uniform, pfsp or softmax`);
  }
}

/**
 * Sampling weights f(ŵ) over the members, normalised to sum to 1. If every weight is 0 (pfsp with
 * ŵ_i = 1 everywhere) the choice falls back to uniform: the learner beats everyone, any member will do.
 */
export function samplingWeights(sampling: SamplingFunction, winRates: ArrayLike<number>): Float64Array {
  const n = winRates.length;
  const w = new Float64Array(n);
  if (n === 0) return w;
  if (sampling.kind === 'uniform') return w.fill(1 / n);
  if (sampling.kind === 'pfsp') {
    for (let i = 0; i < n; i++) w[i] = Math.pow(Math.max(0, 1 - winRates[i]), sampling.q);
  } else {
    let lo = Infinity;
    for (let i = 0; i < n; i++) lo = Math.min(lo, winRates[i]);
    // exp(−(ŵ − min ŵ)/T): the shift keeps the largest weight at 1, so nothing underflows to all-zero.
    for (let i = 0; i < n; i++) w[i] = Math.exp(-(winRates[i] - lo) / sampling.temperature);
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  if (!(total > 0)) return w.fill(1 / n);
  for (let i = 0; i < n; i++) w[i] /= total;
  return w;
}

/** Encodes and decodes snapshots for `toJSON`/`fromJSON`; the identity suits snapshots that are already JSON. */
export interface SnapshotCodec<S> {
  encode(snapshot: S): unknown;
  decode(value: unknown): S;
}

export class League<S> {
  readonly config: LeagueConfig;
  private readonly rng: Rng;
  private readonly pool: LeagueMember<S>[] = [];
  /** G_i: the learner's score sum against member i; C_i: its number of games. */
  private scoreSum: number[] = [];
  private games: number[] = [];
  private periodIndex = 0;
  private sinceAdmission = 0;
  private nextId = 0;

  constructor(config: LeagueConfig, seed: Seed) {
    validateLeagueConfig(config);
    this.config = { ...config, sampling: { ...config.sampling } };
    this.rng = new Rng(seed);
  }

  get members(): readonly LeagueMember<S>[] { return this.pool; }
  get size(): number { return this.pool.length; }
  /** The index of the current learning period (0 for the first). */
  get period(): number { return this.periodIndex; }
  /** Periods ended since the last admission. */
  get periodsSinceAdmission(): number { return this.sinceAdmission; }

  /** The learner's win-rate estimate ŵ_i against each member (scores mapped to [0, 1], with priorGames at ½). */
  winRates(): Float64Array {
    const [lo, hi] = SCORE_RANGE[this.config.score];
    const k = this.config.priorGames;
    const out = new Float64Array(this.pool.length);
    for (let i = 0; i < this.pool.length; i++) {
      const c = this.games[i];
      const wins = (this.scoreSum[i] - lo * c) / (hi - lo);
      out[i] = c + k > 0 ? (wins + 0.5 * k) / (c + k) : 0.5;
    }
    return out;
  }

  /** G_i / C_i per member, in the score convention's units (NaN for a member without games). */
  meanScores(): number[] {
    return this.scoreSum.map((g, i) => (this.games[i] > 0 ? g / this.games[i] : NaN));
  }

  /** Results of the learner against each member so far: score sum G_i and games C_i. */
  results(): Array<{ scoreSum: number; games: number }> {
    return this.scoreSum.map((g, i) => ({ scoreSum: g, games: this.games[i] }));
  }

  /**
   * The opponent distribution an episode starts with: the learner's probability (p, or 1 with an
   * empty pool) and each member's, (1 − p)·f_i. Exact experiments play against this mixture.
   */
  opponentProbabilities(): { learner: number; members: Float64Array } {
    if (this.pool.length === 0) return { learner: 1, members: new Float64Array(0) };
    const p = this.config.selfPlayProb;
    const members = samplingWeights(this.config.sampling, this.winRates());
    for (let i = 0; i < members.length; i++) members[i] *= 1 - p;
    return { learner: p, members };
  }

  /** Draws the opponent of the next episode. */
  sampleOpponent(): Opponent<S> {
    if (this.pool.length === 0) return { kind: 'learner' };
    const p = this.config.selfPlayProb;
    // p = 1 and p = 0 draw nothing for the coin, so those presets spend the stream only on f.
    if (p === 1 || (p > 0 && this.rng.next() < p)) return { kind: 'learner' };
    const index = this.config.sampling.kind === 'uniform'
      ? this.rng.int(this.pool.length)
      : this.rng.categorical(samplingWeights(this.config.sampling, this.winRates()));
    return { kind: 'member', index, member: this.pool[index] };
  }

  /**
   * Records the learner's results against member `index`: `score` is the sum of the scores of `games`
   * games in the score convention (fractional games are allowed, e.g. expected results in exact
   * experiments). Games against the learner itself are not recorded.
   */
  record(index: number, score: number, games = 1): void {
    if (!(Number.isInteger(index) && index >= 0 && index < this.pool.length)) {
      throw new LeagueError(`record: no member ${index}; the pool has ${this.pool.length} members`);
    }
    if (!(games >= 0 && Number.isFinite(games))) throw new LeagueError(`record: games must be a finite number ≥ 0, got ${games}`);
    const [lo, hi] = SCORE_RANGE[this.config.score];
    const eps = 1e-9 * Math.max(1, games);
    if (!(score >= lo * games - eps && score <= hi * games + eps)) {
      throw new LeagueError(`record: a score sum of ${score} over ${games} games is outside [${lo * games}, ${hi * games}] for the '${this.config.score}' convention`);
    }
    this.scoreSum[index] += score;
    this.games[index] += games;
  }

  /**
   * Ends the current learning period and applies the admission rule: the learner is snapshotted into
   * the pool when the pool is empty, when G_i/C_i > ξ for every member (a member without games does
   * not count as beaten), or when more than c periods have ended since the last admission (this one
   * included). `snapshot` is called only when a member is admitted.
   */
  endPeriod(snapshot: () => S): PeriodOutcome<S> {
    const period = this.periodIndex;
    const meanScores = this.meanScores();
    this.sinceAdmission++;
    let admitted: PeriodOutcome<S>['admitted'] = null;
    if (this.pool.length === 0) admitted = 'empty';
    else if (meanScores.every((m) => m > this.config.admitThreshold)) admitted = 'threshold';
    else if (this.sinceAdmission > this.config.maxWaitPeriods) admitted = 'forced';
    let member: LeagueMember<S> | null = null;
    if (admitted !== null) {
      member = { id: this.nextId++, period, snapshot: snapshot() };
      this.pool.push(member);
      this.sinceAdmission = 0;
      this.clearResults();
    } else if (this.config.resetResults === 'everyPeriod') {
      this.clearResults();
    }
    this.periodIndex++;
    return { period, admitted, member, meanScores };
  }

  private clearResults(): void {
    this.scoreSum = new Array<number>(this.pool.length).fill(0);
    this.games = new Array<number>(this.pool.length).fill(0);
  }

  /** The whole state as JSON-ready data; `codec` encodes snapshots (default: stored as they are). */
  toJSON(codec?: SnapshotCodec<S>): LeagueJson {
    return {
      format: 'ludus-league/1',
      config: {
        ...this.config, sampling: { ...this.config.sampling },
        admitThreshold: encodeNumber(this.config.admitThreshold), maxWaitPeriods: encodeNumber(this.config.maxWaitPeriods),
      },
      rng: this.rng.getState(),
      period: this.periodIndex,
      periodsSinceAdmission: this.sinceAdmission,
      nextId: this.nextId,
      members: this.pool.map((m, i) => ({
        id: m.id, period: m.period, snapshot: codec ? codec.encode(m.snapshot) : m.snapshot, scoreSum: this.scoreSum[i], games: this.games[i],
      })),
    };
  }

  /** Restores a league from `toJSON` output (e.g. after JSON.parse); `codec` decodes snapshots. */
  static fromJSON<S>(json: LeagueJson, codec?: SnapshotCodec<S>): League<S> {
    if (json === null || typeof json !== 'object' || json.format !== 'ludus-league/1') {
      throw new LeagueError(`fromJSON: expected a 'ludus-league/1' checkpoint, got format '${String((json as { format?: unknown } | null)?.format)}'`);
    }
    const config: LeagueConfig = {
      ...json.config,
      admitThreshold: decodeNumber(json.config.admitThreshold, 'admitThreshold'),
      maxWaitPeriods: decodeNumber(json.config.maxWaitPeriods, 'maxWaitPeriods'),
    };
    const league = new League<S>(config, 0);
    league.rng.setState(json.rng);
    if (!Array.isArray(json.members)) throw new LeagueError('fromJSON: members must be an array');
    const ints = [json.period, json.periodsSinceAdmission, json.nextId];
    if (ints.some((v) => !(Number.isInteger(v) && v >= 0))) throw new LeagueError('fromJSON: period, periodsSinceAdmission and nextId must be non-negative integers');
    for (const m of json.members) {
      if (!(Number.isInteger(m.id) && Number.isInteger(m.period) && Number.isFinite(m.scoreSum) && m.games >= 0)) {
        throw new LeagueError(`fromJSON: malformed member ${JSON.stringify({ id: m.id, period: m.period, scoreSum: m.scoreSum, games: m.games })}`);
      }
      league.pool.push({ id: m.id, period: m.period, snapshot: codec ? codec.decode(m.snapshot) : (m.snapshot as S) });
      league.scoreSum.push(m.scoreSum);
      league.games.push(m.games);
    }
    league.periodIndex = json.period;
    league.sinceAdmission = json.periodsSinceAdmission;
    league.nextId = json.nextId;
    return league;
  }
}
