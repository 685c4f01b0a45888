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
}

/** Thrown for misuse of the contract: bad action, step after the end, unknown id, bad seed. */
export class EnvError extends Error {
  override name = 'EnvError';
}
