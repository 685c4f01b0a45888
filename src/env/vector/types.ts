// The vector-env contract (GYMNASIUM-SEMANTICS §5) with batched typed arrays: observations in one
// Float32Array [numEnvs × obsSize], actions as Int32Array (discrete spaces) or Float32Array (Box),
// rewards Float64Array, terminations/truncations Uint8Array. The arrays are preallocated and
// overwritten by the next call: copy what you keep.
import type { EnvMetadata, Info, Space } from '../types.js';

/** NextStep (default): the step after a done resets that sub-env. SameStep: the done step resets it at once. */
export type AutoresetMode = 'NextStep' | 'SameStep';

export const AUTORESET_MODES: readonly AutoresetMode[] = ['NextStep', 'SameStep'];

/**
 * Gymnasium's vector info: for each key any sub-env reported, `infos[k]` holds one entry per sub-env
 * (Float64Array for numbers, Uint8Array for booleans, a nested VectorInfo for objects, an array with
 * null elsewhere for anything else) and `infos['_' + k]` a Uint8Array mask of the sub-envs that gave it.
 */
export type VectorInfo = Record<string, unknown>;

export interface VectorResetArgs {
  /** An integer k seeds sub-env i with k + i; an array seeds each sub-env (null leaves it as it is). */
  seed?: number | ReadonlyArray<number | null>;
  options?: Record<string, unknown>;
}

export interface VectorResetResult {
  obs: Float32Array;
  infos: VectorInfo;
}

export interface VectorStepResult {
  obs: Float32Array;
  rewards: Float64Array;
  terminations: Uint8Array;
  truncations: Uint8Array;
  infos: VectorInfo;
}

export type ActionBuffer = Int32Array | Float32Array;

export interface VectorEnv {
  readonly numEnvs: number;
  readonly singleObservationSpace: Space<unknown>;
  readonly singleActionSpace: Space<unknown>;
  /** The batched spaces (batchSpace of the single ones). */
  readonly observationSpace: Space<unknown>;
  readonly actionSpace: Space<unknown>;
  /** Float32 values per observation, and numbers per action. */
  readonly obsSize: number;
  readonly actionSize: number;
  readonly metadata: EnvMetadata & { autoresetMode: AutoresetMode };
  reset(args?: VectorResetArgs): VectorResetResult;
  /**
   * Actions for all sub-envs: numEnvs × actionSize numbers (Int32Array for discrete spaces, Float32Array for Box).
   * If it throws (e.g. an action outside the space), some sub-envs may have stepped: reset before stepping again.
   */
  step(actions: ArrayLike<number>): VectorStepResult;
  /** A preallocated action array of the right type and length, convenient for filling in place. */
  newActionBuffer(): ActionBuffer;
  close(): void;
}

/** Per-sub-env infos of one call, before they are merged into a VectorInfo. */
export interface SubEnvInfos {
  /** The info of each sub-env (reset info after an autoreset), or null when empty. */
  info: (Info | null)[];
  /** SameStep: the info of the final step of a sub-env that was just reset, or null. */
  finalInfo: (Info | null)[];
}
