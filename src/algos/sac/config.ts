// SAC's configuration: CleanRL's `sac_continuous_action.py` defaults (ALGORITHMS.md §1.3), and
// per-environment presets that Ludus uses by default when one is known (tuned settings from the RL Zoo).
import { ConfigError } from '../ppo/config.js';

export interface SacConfig {
  /** Replay capacity in transitions. */
  bufferSize: number;
  gamma: number;
  /** Polyak coefficient of the target critics: θ̄ ← τθ + (1 − τ)θ̄. */
  tau: number;
  batchSize: number;
  /** Uniformly random actions before this step; learning once the step count exceeds it. */
  learningStarts: number;
  policyLr: number;
  /** Learning rate of both critics (one Adam) and of log α. */
  qLr: number;
  /** Every policyFrequency steps, policyFrequency actor (and α) updates (TD3's delay, compensated). */
  policyFrequency: number;
  /** Environment steps between target-critic updates. */
  targetNetworkFrequency: number;
  /** The temperature when autotune is off. */
  alpha: number;
  /** Tune α so that the policy's entropy tracks −dim(A). */
  autotune: boolean;
  /** Hidden sizes of the actor and of each critic (ReLU, PyTorch's default initialisation). */
  hidden: number[];
  /** Environment steps per reported iteration (metrics line). */
  logInterval: number;
}

/** CleanRL `sac_continuous_action.py`, verified against ALGORITHMS.md §1.3. */
export const SAC_DEFAULTS: Readonly<SacConfig> = Object.freeze({
  bufferSize: 1_000_000,
  gamma: 0.99,
  tau: 0.005,
  batchSize: 256,
  learningStarts: 5000,
  policyLr: 3e-4,
  qLr: 1e-3,
  policyFrequency: 2,
  targetNetworkFrequency: 1,
  alpha: 0.2,
  autotune: true,
  hidden: [256, 256],
  logInterval: 1000,
});

/**
 * Known-good settings per environment. Pendulum-v1 follows the RL Zoo's tuned SAC
 * (`rl-baselines3-zoo/hyperparams/sac.yml`, "Pendulum-v1": learning rate 1e-3 for actor, critics
 * and α, SB3's learning_starts of 100; tuned for 20k steps, where the Zoo reports −157 ± 89).
 */
export const SAC_PRESETS: Readonly<Record<string, Partial<SacConfig>>> = Object.freeze({
  'Pendulum-v1': { policyLr: 1e-3, qLr: 1e-3, learningStarts: 100 },
});

/** Defaults, then the env's preset, then the user's overrides; rejects unknown or invalid keys. */
export function resolveSacConfig(envId: string | null, overrides: Record<string, unknown> = {}): SacConfig {
  const out: SacConfig = { ...SAC_DEFAULTS, hidden: [...SAC_DEFAULTS.hidden], ...(envId ? SAC_PRESETS[envId] ?? {} : {}) };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in SAC_DEFAULTS)) throw new ConfigError(`unknown SAC setting '${key}'; known: ${Object.keys(SAC_DEFAULTS).join(', ')}`);
    const expected = SAC_DEFAULTS[key as keyof SacConfig];
    const ok = Array.isArray(expected) ? Array.isArray(value) && value.length > 0 && value.every((v) => Number.isInteger(v) && v > 0)
      : typeof expected === 'boolean' ? typeof value === 'boolean'
        : typeof value === 'number' && Number.isFinite(value);
    if (!ok) {
      const what = Array.isArray(expected) ? 'a non-empty list of positive integers' : typeof expected === 'boolean' ? 'true or false' : 'a finite number';
      throw new ConfigError(`SAC setting '${key}' must be ${what}, got ${JSON.stringify(value)}`);
    }
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  const positiveInts: (keyof SacConfig)[] = ['bufferSize', 'batchSize', 'policyFrequency', 'targetNetworkFrequency', 'logInterval'];
  for (const k of positiveInts) {
    const v = out[k] as number;
    if (!(Number.isInteger(v) && v > 0)) throw new ConfigError(`SAC setting '${k}' must be a positive integer, got ${v}`);
  }
  if (!(Number.isInteger(out.learningStarts) && out.learningStarts >= 0)) throw new ConfigError(`SAC: learningStarts must be a whole number ≥ 0, got ${out.learningStarts}`);
  for (const k of ['policyLr', 'qLr'] as const) if (!(out[k] > 0)) throw new ConfigError(`SAC: ${k} must be positive, got ${out[k]}`);
  if (!(out.tau > 0 && out.tau <= 1)) throw new ConfigError(`SAC: tau must lie in (0, 1], got ${out.tau}`);
  if (!(out.gamma >= 0 && out.gamma <= 1)) throw new ConfigError(`SAC: gamma must lie in [0, 1], got ${out.gamma}`);
  if (!(out.alpha >= 0)) throw new ConfigError(`SAC: alpha must be ≥ 0, got ${out.alpha}`);
  return out;
}
