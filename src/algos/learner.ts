// The one shape every learner has (after Stable-Baselines3): built from an env id and a typed
// config, `learn(steps, callbacks)`, a policy for evaluation, and checkpoint/restore for runs.
import type { LoadableEntry, StateDict } from '../core/state.js';

/** What a learner reports after each of its iterations; `step` counts environment steps. */
export interface LearnerMetrics {
  step: number;
  episodeReturn: number | null;
  [key: string]: number | null;
}

export interface Learner {
  readonly config: object;
  readonly globalStep: number;
  learn(steps: number, callbacks: { onIteration?(m: LearnerMetrics): void | boolean }, options: { horizonSteps?: number }): void;
  /** The deterministic action for one observation. */
  act(obs: Float32Array): number | Float32Array;
  checkpoint(): { tensors: StateDict; state: object };
  restore(tensors: Record<string, LoadableEntry>, state?: object): void;
  close(): void;
}

export interface AlgorithmEntry {
  name: string;
  summary: string;
  /** Builds a learner for a registered env; `overrides` come from --config and are validated. */
  create(envId: string, overrides: Record<string, unknown>, seed: number): Promise<Learner>;
  /** The fully resolved config a run would use (for config.json and --help). */
  resolveConfig(envId: string, overrides: Record<string, unknown>): object;
}

/** What every concrete learner (PPO, DQN, SAC, IMPALA and its variants) offers, structurally. */
export interface TrainableCore<S extends object, M extends { step: number; episodeReturn: number | null }> {
  readonly globalStep: number;
  learn(steps: number, callbacks: { onIteration?(m: M): void | boolean }, options?: { horizonSteps?: number }): void;
  checkpoint(): { tensors: StateDict; state: S };
  restore(tensors: Record<string, LoadableEntry>, state?: S): void;
}

/** The Learner face of a concrete learner: one adapter for all of them. */
export function asLearner<S extends object, M extends { step: number; episodeReturn: number | null }>(
  core: TrainableCore<S, M>, config: object, act: (obs: Float32Array) => number | Float32Array, close: () => void,
): Learner {
  return {
    config,
    get globalStep() { return core.globalStep; },
    learn: (steps, callbacks, options) => core.learn(steps, { onIteration: (m) => callbacks.onIteration?.({ ...m } as unknown as LearnerMetrics) }, options),
    act,
    checkpoint: () => core.checkpoint(),
    restore: (tensors, state) => core.restore(tensors, state as S | undefined),
    close,
  };
}
