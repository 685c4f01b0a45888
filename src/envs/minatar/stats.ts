// Uniform-random-policy episode statistics of a MinAtar game, the same measurement as the
// reference numbers in ../shared/envs/minatar-random-policy-stats.json (MINATAR-SPEC §9), and the
// two-sample z-score the spec uses to compare them (§9.5). Used by the tests and bench/minatar.ts.

import { Rng } from '../../core/rng.js';
import { MinAtarEnv } from './env.js';
import type { GameName } from './game.js';

/** One run of the reference file (only the fields used here). */
export interface ReferenceRun {
  game: GameName;
  sticky_action_prob: number;
  action_set?: 'full' | 'minimal';
  difficulty_ramping?: boolean;
  episodes: number;
  seed: number;
  return_mean: number;
  return_se: number;
  length_mean: number;
  length_se: number;
  length_min: number;
  frac_return_zero: number;
}

export interface RandomPolicyConfig {
  game: GameName;
  stickyActionProb: number;
  difficultyRamping: boolean;
  actionSet: 'full' | 'minimal';
  episodes: number;
  /** Seeds the env once, before the first episode. */
  seed: number;
  /** Seeds the separate generator the actions are drawn from. */
  policySeed: number;
}

export interface EpisodeStats {
  episodes: number;
  returnMean: number;
  returnStd: number;
  returnSe: number;
  lengthMean: number;
  lengthStd: number;
  lengthSe: number;
  lengthMin: number;
  lengthMax: number;
  fracReturnZero: number;
}

/** Runs `episodes` full episodes with uniformly random actions (no time limit, as in the reference). */
export function runRandomPolicy(config: RandomPolicyConfig): EpisodeStats {
  const env = new MinAtarEnv({
    game: config.game,
    stickyActionProb: config.stickyActionProb,
    difficultyRamping: config.difficultyRamping,
    actionSet: config.actionSet,
    reuseObservation: true,
  });
  const policy = new Rng(config.policySeed);
  const n = env.actionSpace.n;
  let sumR = 0, sumR2 = 0, sumL = 0, sumL2 = 0, zero = 0;
  let minL = Infinity, maxL = 0;
  for (let e = 0; e < config.episodes; e++) {
    env.reset(e === 0 ? { seed: config.seed } : {});
    let ret = 0;
    let len = 0;
    for (;;) {
      const r = env.step(policy.int(n));
      ret += r.reward;
      len++;
      if (r.terminated) break;
    }
    sumR += ret; sumR2 += ret * ret; sumL += len; sumL2 += len * len;
    if (ret === 0) zero++;
    if (len < minL) minL = len;
    if (len > maxL) maxL = len;
  }
  const k = config.episodes;
  const returnStd = sampleStd(sumR, sumR2, k);
  const lengthStd = sampleStd(sumL, sumL2, k);
  return {
    episodes: k,
    returnMean: sumR / k,
    returnStd,
    returnSe: returnStd / Math.sqrt(k),
    lengthMean: sumL / k,
    lengthStd,
    lengthSe: lengthStd / Math.sqrt(k),
    lengthMin: minL,
    lengthMax: maxL,
    fracReturnZero: zero / k,
  };
}

function sampleStd(sum: number, sumSq: number, n: number): number {
  if (n < 2) return 0;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
}

/** (m₁ − m₂) / √(se₁² + se₂²); 0 when both standard errors are 0 and the means agree. */
export function zScore(mean: number, se: number, refMean: number, refSe: number): number {
  const d = mean - refMean;
  const s = Math.sqrt(se * se + refSe * refSe);
  if (s === 0) return d === 0 ? 0 : Infinity * Math.sign(d);
  return d / s;
}
