// CASA's settings: IMPALA's core settings (no entropy cost), the exploration arms and bandits (Bandits
// Vote), and its own: the policy temperature τ of π = softmax(A/τ), the Q-loss weight and the trace λ.
import { resolveImpalaConfig, type ImpalaConfig } from '../impala/config.js';
import { ConfigError } from '../ppo/config.js';
import { splitExploration, type ExplorationSettings } from '../erf/config.js';

export interface CasaOwnSettings {
  /** τ in π = softmax(A/τ); the network's logits are A/τ. */
  policyTemperature: number;
  /** c_Q, the weight of ½(Q̂ − Q(x, a))² (the V term uses IMPALA's baselineCost). */
  qCost: number;
  /** λ of the trace coefficients c_i = λ·min(c̄, π/μ). */
  traceLambda: number;
}

export interface CasaConfig extends ImpalaConfig, ExplorationSettings, CasaOwnSettings {}

/**
 * [design: Ludus] τ = 0.1: A is fitted to Q − V, which with clipped rewards is O(0.1), so softmax(A/1)
 * stays near uniform and the policy never sharpens (MinAtar Breakout-v0, 1M steps, seed 1: training
 * return 0.56 with τ = 1, as random; 3.33 with τ = 0.1, IMPALA's level).
 */
export const CASA_DEFAULTS: Readonly<CasaOwnSettings> = Object.freeze({ policyTemperature: 0.1, qCost: 0.5, traceLambda: 1 });

/**
 * CASA-B's exploration [design]: "progressive closed-form entropy control" as arms of target behaviour
 * entropy, 0.1 … 0.9 of log|A|, chosen by the vote of three sliding-window UCBs (windows of 50, 200 and 1000 episodes per actor).
 */
export const CASA_EXPLORATION_DEFAULTS: Readonly<ExplorationSettings> = Object.freeze({
  arms: [0.1, 0.3, 0.5, 0.7, 0.9].map((entropy) => ({ entropy, eps: 0 })),
  banditWindows: [50, 200, 1000],
  banditBeta: 1,
});

/** CASA's defaults over IMPALA's defaults and env presets, then the user's overrides. */
export function resolveCasaConfig(envId: string | null, overrides: Record<string, unknown> = {}): CasaConfig {
  const { exploration, rest } = splitExploration('CASA', CASA_EXPLORATION_DEFAULTS, overrides, ['entropyCost']);
  const own: CasaOwnSettings = { ...CASA_DEFAULTS };
  const core: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (!(key in CASA_DEFAULTS)) {
      core[key] = value;
      continue;
    }
    if (!(typeof value === 'number' && Number.isFinite(value))) throw new ConfigError(`CASA setting '${key}' must be a finite number, got ${JSON.stringify(value)}`);
    own[key as keyof CasaOwnSettings] = value;
  }
  if (!(own.policyTemperature > 0)) throw new ConfigError(`CASA: policyTemperature must be positive, got ${own.policyTemperature}`);
  if (!(own.qCost >= 0)) throw new ConfigError(`CASA: qCost must be ≥ 0, got ${own.qCost}`);
  if (!(own.traceLambda >= 0 && own.traceLambda <= 1)) throw new ConfigError(`CASA: traceLambda must lie in [0, 1], got ${own.traceLambda}`);
  return { ...resolveImpalaConfig(envId, core), entropyCost: 0, ...exploration, ...own };
}
