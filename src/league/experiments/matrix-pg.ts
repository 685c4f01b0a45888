// League experiment on a symmetric zero-sum matrix game (ALGORITHMS.md §2.5, experiment 1): a
// softmax policy takes exact policy-gradient steps against the opponent mixture the league implies
// (p·learner + Σ_i (1 − p)·f_i·member_i), and the exploitability of the current policy and of the
// pool average are computed exactly after each learning period.

import { deriveSeed, Rng, type Seed } from '../../core/rng.js';
import { LeagueError } from '../errors.js';
import type { League } from '../league.js';

export interface MatrixPgConfig {
  /** Policy-gradient steps per learning period (§2.5: 200). */
  stepsPerPeriod: number;
  /** Step size on the logits (§2.5: 0.05). */
  lr: number;
  periods: number;
  /** Standard deviation of the initial logits, drawn from the run's seed. */
  initStd: number;
}

export const MATRIX_PG_DEFAULTS: MatrixPgConfig = { stepsPerPeriod: 200, lr: 0.05, periods: 60, initStd: 1 };

export interface MatrixPgResult {
  /** Exploitability max_b (A·π)_b of the current policy after each period (index 0: the initial policy). */
  current: number[];
  /** Exploitability of the uniform average of the pool members after each period (NaN while the pool is empty). */
  poolAverage: number[];
  admissions: { empty: number; threshold: number; forced: number };
  finalPolicy: number[];
}

/** Exploitability of a strategy x played by both seats of a symmetric zero-sum game: max_b (A x)_b (NashConv / 2). */
export function symmetricExploitability(payoff: readonly (readonly number[])[], x: ArrayLike<number>): number {
  let best = -Infinity;
  for (const row of payoff) {
    let v = 0;
    for (let a = 0; a < row.length; a++) v += row[a] * x[a];
    best = Math.max(best, v);
  }
  return best;
}

function checkSymmetricZeroSum(payoff: readonly (readonly number[])[]): void {
  const n = payoff.length;
  for (let a = 0; a < n; a++) {
    if (payoff[a].length !== n) throw new LeagueError(`matrix experiment: the payoff matrix must be square, row ${a} has ${payoff[a].length} entries for ${n} rows`);
    for (let b = 0; b < n; b++) {
      if (Math.abs(payoff[a][b] + payoff[b][a]) > 1e-12) throw new LeagueError(`matrix experiment: the game must be symmetric zero-sum (A = −Aᵀ); A[${a}][${b}] = ${payoff[a][b]}, A[${b}][${a}] = ${payoff[b][a]}`);
    }
  }
}

function softmax(logits: Float64Array, out: Float64Array): void {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let total = 0;
  for (let a = 0; a < logits.length; a++) { out[a] = Math.exp(logits[a] - max); total += out[a]; }
  for (let a = 0; a < logits.length; a++) out[a] /= total;
}

/**
 * Runs the league on the matrix game `payoff` (row player's payoffs, A = −Aᵀ). Results against member
 * i are recorded as expected scores (win 1, draw ½, loss 0 by the sign of the payoff, or +1/0/−1 under
 * 'plusMinus') with weight equal to its share of the opponent mixture at each step.
 */
export function runMatrixLeague(payoff: readonly (readonly number[])[], league: League<Float64Array>, config: MatrixPgConfig, seed: Seed): MatrixPgResult {
  checkSymmetricZeroSum(payoff);
  const n = payoff.length;
  const rng = new Rng(deriveSeed(seed, 'matrix-pg', 'init'));
  const logits = new Float64Array(n);
  for (let a = 0; a < n; a++) logits[a] = rng.normal(0, config.initStd);
  const pi = new Float64Array(n);
  const sigma = new Float64Array(n);
  const poolSum = new Float64Array(n);
  const plusMinus = league.config.score === 'plusMinus';
  const current: number[] = [];
  const poolAverage: number[] = [];
  const admissions = { empty: 0, threshold: 0, forced: 0 };
  softmax(logits, pi);
  current.push(symmetricExploitability(payoff, pi));
  poolAverage.push(NaN);
  for (let period = 0; period < config.periods; period++) {
    for (let step = 0; step < config.stepsPerPeriod; step++) {
      const { learner, members } = league.opponentProbabilities();
      for (let b = 0; b < n; b++) sigma[b] = learner * pi[b];
      league.members.forEach((m, i) => { for (let b = 0; b < n; b++) sigma[b] += members[i] * m.snapshot[b]; });
      // Expected score against each member this step, weighted by how often it would be drawn.
      league.members.forEach((m, i) => {
        if (members[i] === 0) return;
        let score = 0;
        for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
          const s = Math.sign(payoff[a][b]);
          score += pi[a] * m.snapshot[b] * (plusMinus ? s : (s + 1) / 2);
        }
        league.record(i, members[i] * score, members[i]);
      });
      // ∂/∂θ_a of πᵀAσ with σ held fixed: π_a((Aσ)_a − πᵀAσ).
      let value = 0;
      const q = new Float64Array(n);
      for (let a = 0; a < n; a++) { for (let b = 0; b < n; b++) q[a] += payoff[a][b] * sigma[b]; value += pi[a] * q[a]; }
      for (let a = 0; a < n; a++) logits[a] += config.lr * pi[a] * (q[a] - value);
      softmax(logits, pi);
    }
    const out = league.endPeriod(() => pi.slice());
    if (out.admitted !== null && out.member !== null) {
      admissions[out.admitted]++;
      for (let a = 0; a < n; a++) poolSum[a] += out.member.snapshot[a];
    }
    current.push(symmetricExploitability(payoff, pi));
    poolAverage.push(league.size > 0 ? symmetricExploitability(payoff, Array.from(poolSum, (v) => v / league.size)) : NaN);
  }
  return { current, poolAverage, admissions, finalPolicy: Array.from(pi) };
}
