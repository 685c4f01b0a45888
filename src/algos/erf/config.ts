// Settings of the exploring learners on the IMPALA core: the exploration arms and bandit settings
// shared by ERF and CASA, validated here, and ERF's configuration (IMPALA's with no entropy term).
import { resolveImpalaConfig, type ImpalaConfig } from '../impala/config.js';
import { ConfigError } from '../ppo/config.js';
import type { ExplorationArm } from './behaviour.js';

export interface ExplorationSettings {
  /** The bandit's arms: closed-form behaviour policies `{tau, eps}` or `{entropy, eps}` (see behaviour.ts). */
  arms: ExplorationArm[];
  /** Window W (in episodes of one actor) of each sliding-window UCB; more than one votes. */
  banditWindows: number[];
  /** UCB bonus β on normalised rewards. */
  banditBeta: number;
}

export interface ErfConfig extends ImpalaConfig, ExplorationSettings {}

/** ERF's suggested arms [design: ALGORITHMS.md §3]: τ ∈ {0.5, 1, 2, 4} × ε ∈ {0, 0.01, 0.1}; one UCB over each actor's last 500 episodes. */
export const ERF_EXPLORATION_DEFAULTS: Readonly<ExplorationSettings> = Object.freeze({
  arms: [0.5, 1, 2, 4].flatMap((tau) => [0, 0.01, 0.1].map((eps) => ({ tau, eps }))),
  banditWindows: [500],
  banditBeta: 1,
});

const EXPLORATION_KEYS = ['arms', 'banditWindows', 'banditBeta'] as const;

function checkArm(algo: string, arm: unknown, index: number): ExplorationArm {
  const where = `${algo}: arms[${index}]`;
  if (typeof arm !== 'object' || arm === null || Array.isArray(arm)) throw new ConfigError(`${where} must be an object like {"tau": 2, "eps": 0.01} or {"entropy": 0.5}`);
  const { tau, entropy, eps, ...rest } = arm as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) throw new ConfigError(`${where}: unknown key '${extra[0]}' (known: tau, entropy, eps)`);
  if ((tau === undefined) === (entropy === undefined)) throw new ConfigError(`${where} needs exactly one of tau and entropy`);
  if (tau !== undefined && !(typeof tau === 'number' && tau > 0 && Number.isFinite(tau))) throw new ConfigError(`${where}: tau must be a positive number, got ${JSON.stringify(tau)}`);
  if (entropy !== undefined && !(typeof entropy === 'number' && entropy > 0 && entropy <= 1)) throw new ConfigError(`${where}: entropy is a fraction of log|A| in (0, 1], got ${JSON.stringify(entropy)}`);
  if (eps !== undefined && !(typeof eps === 'number' && eps >= 0 && eps <= 1)) throw new ConfigError(`${where}: eps must lie in [0, 1], got ${JSON.stringify(eps)}`);
  return tau !== undefined ? { tau: tau as number, eps: (eps as number | undefined) ?? 0 } : { entropy: entropy as number, eps: (eps as number | undefined) ?? 0 };
}

/**
 * Splits `overrides` into exploration settings (over `defaults`, validated) and the rest; `forbidden`
 * IMPALA keys (such as entropyCost for learners without an entropy term) are refused.
 */
export function splitExploration(
  algo: string, defaults: Readonly<ExplorationSettings>, overrides: Record<string, unknown>, forbidden: readonly string[],
): { exploration: ExplorationSettings; rest: Record<string, unknown> } {
  const rest: Record<string, unknown> = {};
  const exploration: ExplorationSettings = { arms: defaults.arms.map((a) => ({ ...a })), banditWindows: [...defaults.banditWindows], banditBeta: defaults.banditBeta };
  for (const [key, value] of Object.entries(overrides)) {
    if (forbidden.includes(key)) throw new ConfigError(`${algo} has no '${key}' setting: its loss has no entropy term by design`);
    if (!(EXPLORATION_KEYS as readonly string[]).includes(key)) {
      rest[key] = value;
      continue;
    }
    if (key === 'arms') {
      if (!Array.isArray(value) || value.length === 0) throw new ConfigError(`${algo}: arms must be a non-empty list`);
      exploration.arms = value.map((a, i) => checkArm(algo, a, i));
    } else if (key === 'banditWindows') {
      if (!Array.isArray(value) || value.length === 0 || !value.every((w) => Number.isInteger(w) && w > 0)) throw new ConfigError(`${algo}: banditWindows must be a non-empty list of positive integers, got ${JSON.stringify(value)}`);
      exploration.banditWindows = value as number[];
    } else {
      if (!(typeof value === 'number' && value >= 0 && Number.isFinite(value))) throw new ConfigError(`${algo}: banditBeta must be a number ≥ 0, got ${JSON.stringify(value)}`);
      exploration.banditBeta = value;
    }
  }
  return { exploration, rest };
}

/** ERF: IMPALA's defaults and env presets with the entropy cost fixed at 0, plus the exploration settings. */
export function resolveErfConfig(envId: string | null, overrides: Record<string, unknown> = {}): ErfConfig {
  const { exploration, rest } = splitExploration('ERF', ERF_EXPLORATION_DEFAULTS, overrides, ['entropyCost']);
  return { ...resolveImpalaConfig(envId, rest), entropyCost: 0, ...exploration };
}

