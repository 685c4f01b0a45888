// DQN's configuration: CleanRL's `dqn.py` defaults (ALGORITHMS.md §1.2), and per-environment
// presets that Ludus uses by default when one is known (tuned settings from the RL Zoo).
import { ConfigError } from '../ppo/config.js';

export type DqnNetwork = 'auto' | 'mlp' | 'minatar-conv';
export const DQN_NETWORKS: readonly DqnNetwork[] = ['auto', 'mlp', 'minatar-conv'];

export interface DqnConfig {
  learningRate: number;
  /** Replay capacity in transitions. */
  bufferSize: number;
  gamma: number;
  /** Target-network update θ⁻ ← τθ + (1 − τ)θ⁻ (1: a hard copy). */
  tau: number;
  /** Environment steps between target-network updates. */
  targetNetworkFrequency: number;
  batchSize: number;
  /** ε decays linearly from startE to endE over explorationFraction of the run's total steps. */
  startE: number;
  endE: number;
  explorationFraction: number;
  /** No learning (and no target update) until the step count exceeds this. */
  learningStarts: number;
  /** Environment steps between training phases. */
  trainFrequency: number;
  /** Gradient steps per training phase (CleanRL: 1; the RL Zoo trains in bursts). */
  gradientSteps: number;
  /**
   * Steps of the linear ε decay; 0: explorationFraction of the run's total steps instead (CleanRL).
   * A step count keeps the schedule independent of the budget (the MinAtar paper's 100k frames).
   */
  explorationSteps: number;
  /**
   * The Q-network: 'mlp' (hidden sizes below), 'minatar-conv' (the MinAtar paper's 3×3×16 conv, dense
   * 128) or 'auto': the conv net for [10, 10, C] grid observations, else the MLP.
   */
  network: DqnNetwork;
  /** Hidden sizes of the Q-network MLP (ReLU, PyTorch's default initialisation). */
  hidden: number[];
  /** Environment steps per reported iteration (metrics line). */
  logInterval: number;
}

/** CleanRL `dqn.py` (CartPole-v1), verified against ALGORITHMS.md §1.2. */
export const DQN_DEFAULTS: Readonly<DqnConfig> = Object.freeze({
  learningRate: 2.5e-4,
  bufferSize: 10_000,
  gamma: 0.99,
  tau: 1,
  targetNetworkFrequency: 500,
  batchSize: 128,
  startE: 1,
  endE: 0.05,
  explorationFraction: 0.5,
  learningStarts: 10_000,
  trainFrequency: 10,
  gradientSteps: 1,
  explorationSteps: 0,
  network: 'auto',
  hidden: [120, 84],
  logInterval: 1000,
});

/**
 * Known-good settings per environment. CartPole-v1 follows the RL Zoo's tuned DQN
 * (`rl-baselines3-zoo/hyperparams/dqn.yml`, "CartPole-v1": lr 2.3e-3, batch 64, buffer 1e5,
 * learning starts 1000, target update every 10 steps, 128 gradient steps every 256 steps, ε to
 * 0.04 over 16% of the run, 256-256 network; tuned for 50k steps), which solves it far sooner
 * than CleanRL's defaults. The Zoo trains with SB3's Huber loss and gradient clipping; Ludus keeps
 * CleanRL's plain MSE update.
 */
export const DQN_PRESETS: Readonly<Record<string, Partial<DqnConfig>>> = Object.freeze({
  'CartPole-v1': {
    learningRate: 2.3e-3, batchSize: 64, bufferSize: 100_000, learningStarts: 1000, gamma: 0.99, targetNetworkFrequency: 10,
    trainFrequency: 256, gradientSteps: 128, explorationFraction: 0.16, endE: 0.04, hidden: [256, 256],
  },
});

/**
 * DQN on every MinAtar id, after the MinAtar paper (Young & Tian 2019, its DQN baseline): replay 100k,
 * batch 32, a hard target update every 1,000 steps, ε from 1 to 0.1 over the first 100k frames, learning
 * from 5,000 frames on, one gradient step per frame, γ = 0.99, lr 2.5e-4, the conv Q-network. [adapted:
 * Ludus] Adam instead of the paper's RMSprop and CleanRL's MSE instead of its Huber loss.
 */
export const DQN_MINATAR_PRESET: Readonly<Partial<DqnConfig>> = Object.freeze({
  learningRate: 2.5e-4, bufferSize: 100_000, batchSize: 32, targetNetworkFrequency: 1000, startE: 1, endE: 0.1,
  explorationSteps: 100_000, learningStarts: 5000, trainFrequency: 1, gradientSteps: 1, gamma: 0.99, network: 'minatar-conv',
});

/** The preset Ludus applies to `envId`: its own, or the MinAtar preset for any MinAtar id. */
export function dqnPresetFor(envId: string): Partial<DqnConfig> {
  return DQN_PRESETS[envId] ?? (envId.startsWith('MinAtar/') ? DQN_MINATAR_PRESET : {});
}

/** Defaults, then the env's preset, then the user's overrides; rejects unknown or invalid keys. */
export function resolveDqnConfig(envId: string | null, overrides: Record<string, unknown> = {}): DqnConfig {
  const out: DqnConfig = { ...DQN_DEFAULTS, hidden: [...DQN_DEFAULTS.hidden], ...(envId ? dqnPresetFor(envId) : {}) };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in DQN_DEFAULTS)) throw new ConfigError(`unknown DQN setting '${key}'; known: ${Object.keys(DQN_DEFAULTS).join(', ')}`);
    const expected = DQN_DEFAULTS[key as keyof DqnConfig];
    const ok = Array.isArray(expected) ? Array.isArray(value) && value.length > 0 && value.every((v) => Number.isInteger(v) && v > 0)
      : key === 'network' ? DQN_NETWORKS.includes(value as DqnNetwork)
      : typeof value === typeof expected && Number.isFinite(value);
    const wanted = Array.isArray(expected) ? 'a non-empty list of positive integers' : key === 'network' ? `one of ${DQN_NETWORKS.join(', ')}` : 'a finite number';
    if (!ok) throw new ConfigError(`DQN setting '${key}' must be ${wanted}, got ${JSON.stringify(value)}`);
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  const positiveInts: (keyof DqnConfig)[] = ['bufferSize', 'targetNetworkFrequency', 'batchSize', 'trainFrequency', 'gradientSteps', 'logInterval'];
  for (const k of positiveInts) {
    const v = out[k] as number;
    if (!(Number.isInteger(v) && v > 0)) throw new ConfigError(`DQN setting '${k}' must be a positive integer, got ${v}`);
  }
  if (!(Number.isInteger(out.learningStarts) && out.learningStarts >= 0)) throw new ConfigError(`DQN: learningStarts must be a whole number ≥ 0, got ${out.learningStarts}`);
  if (!(Number.isInteger(out.explorationSteps) && out.explorationSteps >= 0)) throw new ConfigError(`DQN: explorationSteps must be a whole number ≥ 0 (0: use explorationFraction), got ${out.explorationSteps}`);
  if (!(out.learningRate > 0)) throw new ConfigError(`DQN: learningRate must be positive, got ${out.learningRate}`);
  if (!(out.tau > 0 && out.tau <= 1)) throw new ConfigError(`DQN: tau must lie in (0, 1], got ${out.tau}`);
  if (!(out.gamma >= 0 && out.gamma <= 1)) throw new ConfigError(`DQN: gamma must lie in [0, 1], got ${out.gamma}`);
  for (const k of ['startE', 'endE'] as const) {
    if (!(out[k] >= 0 && out[k] <= 1)) throw new ConfigError(`DQN: ${k} must lie in [0, 1], got ${out[k]}`);
  }
  if (!(out.explorationFraction > 0 && out.explorationFraction <= 1)) throw new ConfigError(`DQN: explorationFraction must lie in (0, 1], got ${out.explorationFraction}`);
  return out;
}
