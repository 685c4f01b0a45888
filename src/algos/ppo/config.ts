// PPO's configuration: CleanRL's `ppo.py` defaults (ALGORITHMS.md §1.1), and per-environment
// presets that Ludus uses by default when one is known (tuned settings from the RL Zoo).

export interface PpoConfig {
  /** Parallel environments N. */
  numEnvs: number;
  /** Steps per environment per rollout T (batch = N·T). */
  numSteps: number;
  learningRate: number;
  /** Linear annealing of the learning rate (and of the clip range when `annealClip`) to 0. */
  annealLr: boolean;
  annealClip: boolean;
  gamma: number;
  gaeLambda: number;
  numMinibatches: number;
  updateEpochs: number;
  normAdv: boolean;
  clipCoef: number;
  clipVloss: boolean;
  entCoef: number;
  vfCoef: number;
  maxGradNorm: number;
  /** Stop the epochs early when approx KL exceeds this (null: never). */
  targetKl: number | null;
  /** Hidden sizes of the separate actor and critic MLPs. */
  hidden: number[];
  activation: 'tanh' | 'relu';
}

/** CleanRL `ppo.py` (CartPole-v1), verified against its source. */
export const PPO_DEFAULTS: Readonly<PpoConfig> = Object.freeze({
  numEnvs: 4,
  numSteps: 128,
  learningRate: 2.5e-4,
  annealLr: true,
  annealClip: false,
  gamma: 0.99,
  gaeLambda: 0.95,
  numMinibatches: 4,
  updateEpochs: 4,
  normAdv: true,
  clipCoef: 0.2,
  clipVloss: true,
  entCoef: 0.01,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  targetKl: null,
  hidden: [64, 64],
  activation: 'tanh',
});

/**
 * Known-good settings per environment. CartPole-v1 follows the RL Zoo's tuned PPO (8 envs × 32
 * steps, 20 epochs, γ 0.98, λ 0.8, lr and clip annealed from 1e-3 and 0.2, no entropy bonus),
 * which solves it within 100k steps.
 */
export const PPO_PRESETS: Readonly<Record<string, Partial<PpoConfig>>> = Object.freeze({
  'CartPole-v1': {
    numEnvs: 8, numSteps: 32, learningRate: 1e-3, annealLr: true, annealClip: true, gamma: 0.98, gaeLambda: 0.8,
    numMinibatches: 1, updateEpochs: 20, entCoef: 0, clipCoef: 0.2,
  },
  'Acrobot-v1': { numEnvs: 16, numSteps: 256, gamma: 0.99, gaeLambda: 0.94, updateEpochs: 4, entCoef: 0, learningRate: 1e-3, numMinibatches: 16 },
  // The RL Zoo's tuned PPO for Pendulum-v1 (`hyperparams/ppo.yml`: 4 envs × 1024 steps, γ 0.9,
  // λ 0.95, 10 epochs of minibatches of 64, constant lr 1e-3, no entropy bonus; SB3 clips no value
  // loss) without its gSDE exploration: it reaches −200 in about 60–80k steps, no normalisation needed.
  'Pendulum-v1': {
    numEnvs: 4, numSteps: 1024, gamma: 0.9, gaeLambda: 0.95, updateEpochs: 10, numMinibatches: 64, entCoef: 0,
    learningRate: 1e-3, annealLr: false, clipCoef: 0.2, clipVloss: false,
  },
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Defaults, then the env's preset, then the user's overrides; rejects unknown or invalid keys. */
export function resolvePpoConfig(envId: string | null, overrides: Record<string, unknown> = {}): PpoConfig {
  const out: PpoConfig = { ...PPO_DEFAULTS, hidden: [...PPO_DEFAULTS.hidden], ...(envId ? PPO_PRESETS[envId] ?? {} : {}) };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in PPO_DEFAULTS)) throw new ConfigError(`unknown PPO setting '${key}'; known: ${Object.keys(PPO_DEFAULTS).join(', ')}`);
    const expected = PPO_DEFAULTS[key as keyof PpoConfig];
    const ok = expected === null ? value === null || typeof value === 'number'
      : Array.isArray(expected) ? Array.isArray(value) && value.every((v) => Number.isInteger(v) && v > 0)
        : typeof value === typeof expected;
    if (!ok) throw new ConfigError(`PPO setting '${key}' must be ${Array.isArray(expected) ? 'a list of positive integers' : typeof expected}, got ${JSON.stringify(value)}`);
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  const positiveInts: (keyof PpoConfig)[] = ['numEnvs', 'numSteps', 'numMinibatches', 'updateEpochs'];
  for (const k of positiveInts) {
    const v = out[k] as number;
    if (!(Number.isInteger(v) && v > 0)) throw new ConfigError(`PPO setting '${k}' must be a positive integer, got ${v}`);
  }
  if ((out.numEnvs * out.numSteps) % out.numMinibatches !== 0) {
    throw new ConfigError(`PPO: the batch (numEnvs·numSteps = ${out.numEnvs * out.numSteps}) must divide into ${out.numMinibatches} minibatches`);
  }
  if (!(out.learningRate > 0)) throw new ConfigError(`PPO: learningRate must be positive, got ${out.learningRate}`);
  if (out.activation !== 'tanh' && out.activation !== 'relu') throw new ConfigError(`PPO: activation must be tanh or relu`);
  return out;
}
