// The single-agent environment contract, after Gymnasium 1.x (../shared/envs/GYMNASIUM-SEMANTICS.md).
// Everything else (time limits, normalisation, statistics, vectorisation) is a wrapper around it.

export type Info = Record<string, unknown>;

export type RenderMode = 'ansi' | 'rgb_array' | 'human';

/** An RGB image: height × width × 3 bytes, row-major. */
export interface RgbFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface EnvMetadata {
  renderModes: RenderMode[];
  renderFps?: number;
  [key: string]: unknown;
}

export interface ResetArgs {
  /** A non-negative integer re-creates the env's generator; omitted, the current stream continues. */
  seed?: number;
  options?: Record<string, unknown>;
}

export interface ResetResult<O> {
  obs: O;
  info: Info;
}

/**
 * What `step` returns. A raw env returns a fresh object and a fresh observation each step, so both may be
 * kept; wrappers may adjust the object they received from inside before passing it out.
 */
export interface StepResult<O> {
  obs: O;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Info;
}

/** A space of values: what an observation or an action may be. */
export interface Space<T> {
  /** Shape of one element (for Discrete, []). */
  readonly shape: readonly number[];
  /** Seeds the space's own generator (spaces are not seeded by env.reset). */
  seed(seed: number): void;
  sample(): T;
  contains(x: unknown): boolean;
  /** A short description, e.g. `Discrete(2)` or `Box(-1, 1, [3], float32)`, used in error messages. */
  toString(): string;
}

export interface Env<O = Float32Array, A = number> {
  readonly observationSpace: Space<O>;
  readonly actionSpace: Space<A>;
  readonly metadata: EnvMetadata;
  readonly renderMode: RenderMode | null;
  /** The spec `make` used, or null for an env built directly. */
  spec: EnvSpec | null;
  reset(args?: ResetArgs): ResetResult<O>;
  step(action: A): StepResult<O>;
  /** Text for 'ansi', a frame for 'rgb_array'; null when the env was built without a render mode. */
  render(): string | RgbFrame | null;
  /** Idempotent. */
  close(): void;
  /** The innermost env (itself for a raw env). */
  readonly unwrapped: Env<unknown, unknown>;
}

export interface EnvSpec {
  id: string;
  maxEpisodeSteps: number | null;
  rewardThreshold: number | null;
  kwargs: Record<string, unknown>;
  /** True when equal seeds need not give equal trajectories (the checker then skips determinism checks). */
  nondeterministic?: boolean;
  /** Whether `make` adds OrderEnforcing (default true). */
  orderEnforce?: boolean;
  /** Whether `make` leaves out the PassiveEnvChecker (default false). */
  disableEnvChecker?: boolean;
  /**
   * URL of an ES module whose import registers this id (usually the registering module's `import.meta.url`).
   * Worker-thread vector envs import it to re-create the env by id in each worker.
   */
  module?: string;
  /** Names of the wrappers around the env, innermost first, when it came from `make`. */
  additionalWrappers?: string[];
}

/** The reused result of the allocation-free path; overwritten by the next call. `info` null means empty. */
export interface FlatStepResult {
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Info | null;
}

/**
 * An optional allocation-free path over flat numeric spaces (observations read as float32), used by
 * vector envs and benchmarks. Actions are read from a typed array: one number for Discrete, the Box's
 * size for a Box. Same semantics as reset/step, including errors for bad actions and misordered calls.
 */
export interface FlatEnv {
  /** Number of float32 values in one observation; −1 on a wrapper whose inner env has no flat path. */
  readonly obsSize: number;
  /** Number of numbers in one action. */
  readonly actionSize: number;
  resetInto(obs: Float32Array, offset: number, args?: ResetArgs): Info | null;
  stepInto(actions: ArrayLike<number>, actionOffset: number, obs: Float32Array, offset: number): FlatStepResult;
}

export function isFlatEnv(env: object): env is FlatEnv {
  const e = env as Partial<FlatEnv>;
  return typeof e.stepInto === 'function' && typeof e.resetInto === 'function' && typeof e.obsSize === 'number' && e.obsSize >= 0;
}

/** Thrown for misuse of the contract: bad action, step after the end, unknown id, bad seed. */
export class EnvError extends Error {
  override name = 'EnvError';
}
