// Win-rate matrices and Elo ratings across league members and fixed baselines: results accumulate in
// a ResultsMatrix (scores: win 1, draw ½, loss 0), and eloRatings fits the maximum-likelihood
// Bradley–Terry model, P(i beats j) = 1 / (1 + 10^((R_j − R_i)/400)), with one player anchored.

import { LeagueError } from './errors.js';

/** Pairwise results: score[i][j] is i's score sum against j over games[i][j] games (symmetric). */
export class ResultsMatrix {
  readonly names: readonly string[];
  private readonly scores: Float64Array;
  private readonly counts: Float64Array;

  constructor(names: readonly string[]) {
    if (new Set(names).size !== names.length) throw new LeagueError(`ResultsMatrix: player names must be distinct, got [${names.join(', ')}]`);
    this.names = names.slice();
    this.scores = new Float64Array(names.length * names.length);
    this.counts = new Float64Array(names.length * names.length);
  }

  get size(): number { return this.names.length; }

  private index(player: number | string): number {
    const i = typeof player === 'number' ? player : this.names.indexOf(player);
    if (!(Number.isInteger(i) && i >= 0 && i < this.names.length)) {
      throw new LeagueError(`ResultsMatrix: no player ${JSON.stringify(player)}; players are ${this.names.join(', ')}`);
    }
    return i;
  }

  /** Adds `games` games of a against b in which a scored `scoreA` (b scores games − scoreA). Fractional games are allowed (expected results). */
  add(a: number | string, b: number | string, scoreA: number, games = 1): void {
    const i = this.index(a);
    const j = this.index(b);
    if (i === j) throw new LeagueError(`ResultsMatrix: '${this.names[i]}' cannot play itself`);
    if (!(games >= 0 && Number.isFinite(games))) throw new LeagueError(`ResultsMatrix: games must be a finite number ≥ 0, got ${games}`);
    if (!(scoreA >= -1e-9 && scoreA <= games + 1e-9)) throw new LeagueError(`ResultsMatrix: a score of ${scoreA} over ${games} games is outside [0, ${games}]`);
    const n = this.names.length;
    this.scores[i * n + j] += scoreA;
    this.scores[j * n + i] += games - scoreA;
    this.counts[i * n + j] += games;
    this.counts[j * n + i] += games;
  }

  score(a: number | string, b: number | string): number { return this.scores[this.index(a) * this.size + this.index(b)]; }
  games(a: number | string, b: number | string): number { return this.counts[this.index(a) * this.size + this.index(b)]; }

  /** a's mean score against b (its win rate, draws counting ½), or NaN without games. */
  winRate(a: number | string, b: number | string): number {
    const g = this.games(a, b);
    return g > 0 ? this.score(a, b) / g : NaN;
  }
}

export interface EloOptions {
  /** The player whose rating is fixed (index or name; default the first). */
  anchor?: number | string;
  /** The anchor's rating (default 0). */
  anchorRating?: number;
  /**
   * Virtual drawn games added to every pair that has played, so that a player who won or lost every
   * game keeps a finite rating (default 0: the plain maximum-likelihood estimate).
   */
  priorDraws?: number;
  /** Stop when no rating moves by more than this many Elo points (default 1e-9). */
  tolerance?: number;
  maxIterations?: number;
}

/** Elo difference for a mean score s of one player against another: 400·log10(s / (1 − s)). */
export function eloDifference(score: number): number {
  return 400 * Math.log10(score / (1 - score));
}

/** Expected score of a player rated `diff` Elo points above the opponent. */
export function expectedScore(diff: number): number {
  return 1 / (1 + Math.pow(10, -diff / 400));
}

/**
 * Maximum-likelihood Elo ratings (Bradley–Terry, fitted by Hunter's 2004 MM iterations). The estimate
 * exists only when every player has taken points from, and lost points to, the rest in a strongly
 * connected way; otherwise a LeagueError suggests priorDraws.
 */
export function eloRatings(results: ResultsMatrix, options: EloOptions = {}): number[] {
  const n = results.size;
  const anchor = options.anchor === undefined ? 0 : typeof options.anchor === 'number' ? options.anchor : results.names.indexOf(options.anchor);
  if (!(Number.isInteger(anchor) && anchor >= 0 && anchor < n)) throw new LeagueError(`eloRatings: anchor ${JSON.stringify(options.anchor)} is not a player`);
  const prior = options.priorDraws ?? 0;
  if (!(prior >= 0 && Number.isFinite(prior))) throw new LeagueError(`eloRatings: priorDraws must be a finite number ≥ 0, got ${prior}`);
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 100_000;
  const score = new Float64Array(n * n);
  const games = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const g = results.games(i, j);
      const extra = g > 0 ? prior : 0;
      score[i * n + j] = results.score(i, j) + extra / 2;
      games[i * n + j] = g + extra;
    }
  }
  checkStronglyConnected(results.names, score);
  const wins = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) wins[i] += score[i * n + j];
  // gamma_i = 10^(R_i / 400); the MM step increases the likelihood monotonically.
  let gamma = new Float64Array(n).fill(1);
  for (let it = 0; it < maxIterations; it++) {
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let denom = 0;
      for (let j = 0; j < n; j++) if (j !== i && games[i * n + j] > 0) denom += games[i * n + j] / (gamma[i] + gamma[j]);
      next[i] = wins[i] / denom;
    }
    const scale = next[anchor];
    let moved = 0;
    for (let i = 0; i < n; i++) {
      next[i] /= scale;
      moved = Math.max(moved, Math.abs(400 * Math.log10(next[i] / gamma[i])));
    }
    gamma = next;
    if (moved <= tolerance) break;
  }
  const base = options.anchorRating ?? 0;
  return Array.from(gamma, (g) => base + 400 * Math.log10(g));
}

/** Throws unless "i took points from j" links every player to every other (the condition for a finite MLE). */
function checkStronglyConnected(names: readonly string[], score: Float64Array): void {
  const n = names.length;
  if (n < 2) throw new LeagueError('eloRatings: rating needs at least two players');
  // Transitive closure (Floyd–Warshall on booleans): pools and baselines are a few hundred players at most.
  const reach = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) reach[i * n + j] = i === j || score[i * n + j] > 0 ? 1 : 0;
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (reach[i * n + k]) for (let j = 0; j < n; j++) if (reach[k * n + j]) reach[i * n + j] = 1;
  const groups: string[][] = [];
  const grouped = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (grouped[i]) continue;
    const group: string[] = [];
    for (let j = i; j < n; j++) if (reach[i * n + j] && reach[j * n + i]) { grouped[j] = 1; group.push(names[j]); }
    groups.push(group);
  }
  if (groups.length > 1) {
    throw new LeagueError(`eloRatings: no finite maximum-likelihood ratings: the players split into groups where one side never took a point from the other (a perfect or empty record): ${groups.map((g) => `{${g.join(', ')}}`).join(' ')}; pass priorDraws > 0 or play more games`);
  }
}

/** A fixed-width table: one row per player with its Elo and its win rate (%) against every column player. */
export function formatRatingsTable(results: ResultsMatrix, ratings: readonly number[]): string {
  const n = results.size;
  if (ratings.length !== n) throw new LeagueError(`formatRatingsTable: expected ${n} ratings, got ${ratings.length}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ratings[b] - ratings[a]);
  const nameWidth = Math.max(6, ...results.names.map((s) => s.length));
  const colWidth = Math.max(6, ...results.names.map((s) => s.length)) + 1;
  const pad = (s: string, w: number): string => (s.length >= w ? s : ' '.repeat(w - s.length) + s);
  const lines = [`${'player'.padEnd(nameWidth)} ${pad('Elo', 7)}${order.map((j) => pad(results.names[j], colWidth)).join('')}`];
  for (const i of order) {
    const cells = order.map((j) => {
      const w = i === j ? NaN : results.winRate(i, j);
      return pad(Number.isNaN(w) ? '—' : (100 * w).toFixed(1), colWidth);
    });
    lines.push(`${results.names[i].padEnd(nameWidth)} ${pad(ratings[i].toFixed(0), 7)}${cells.join('')}`);
  }
  return lines.join('\n');
}
