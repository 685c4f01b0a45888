// Common face of the vector envs: the batched spaces, the preallocated result buffers, seeding
// (k → sub-env i gets k + i), action validation, and merging sub-env infos into a vector info
// (SameStep adds final_obs / final_info). Subclasses decide where the sub-envs run.
import { checkSeed } from '../seeding.js';
import { Box, Discrete, MultiBinary, MultiDiscrete, batchSpace, flatSize } from '../spaces.js';
import { EnvError, type Env, type EnvMetadata, type Info, type Space } from '../types.js';
import type { BatchBuffers } from './batch.js';
import { addInfo, EMPTY_INFO } from './info.js';
import {
  AUTORESET_MODES, type ActionBuffer, type AutoresetMode, type VectorEnv, type VectorInfo, type VectorResetArgs,
  type VectorResetResult, type VectorStepResult,
} from './types.js';

export interface VectorEnvOptions {
  autoresetMode?: AutoresetMode;
}

/** Allocates a typed array on a plain or a shared buffer. */
export type Allocator = <T extends Float32Array | Float64Array | Uint8Array | Int32Array>(ctor: { new (b: ArrayBufferLike, o: number, n: number): T; BYTES_PER_ELEMENT: number }, n: number) => T;

export const plainAllocator: Allocator = (ctor, n) => new ctor(new ArrayBuffer(n * ctor.BYTES_PER_ELEMENT), 0, n);
export const sharedAllocator: Allocator = (ctor, n) => new ctor(new SharedArrayBuffer(Math.max(1, n) * ctor.BYTES_PER_ELEMENT), 0, n);

export function integerActions(space: Space<unknown>): boolean {
  return space instanceof Discrete || space instanceof MultiDiscrete || space instanceof MultiBinary;
}

export abstract class BufferedVectorEnv implements VectorEnv {
  readonly numEnvs: number;
  readonly singleObservationSpace: Space<unknown>;
  readonly singleActionSpace: Space<unknown>;
  readonly observationSpace: Space<unknown>;
  readonly actionSpace: Space<unknown>;
  readonly obsSize: number;
  readonly actionSize: number;
  readonly metadata: EnvMetadata & { autoresetMode: AutoresetMode };
  protected readonly buffers: BatchBuffers;
  private readonly seeds: Float64Array;
  private readonly stepResult: VectorStepResult;
  protected closed = false;

  protected constructor(probe: Env<unknown, unknown>, numEnvs: number, options: VectorEnvOptions, allocate: Allocator) {
    if (!Number.isInteger(numEnvs) || numEnvs <= 0) throw new EnvError(`vector env: numEnvs must be a positive integer, got ${numEnvs}`);
    const mode = options.autoresetMode ?? 'NextStep';
    if (!AUTORESET_MODES.includes(mode)) throw new EnvError(`vector env: autoresetMode must be one of ${AUTORESET_MODES.join(', ')}, got ${String(mode)}`);
    this.numEnvs = numEnvs;
    this.singleObservationSpace = probe.observationSpace;
    this.singleActionSpace = probe.actionSpace;
    this.observationSpace = batchSpace(probe.observationSpace, numEnvs);
    this.actionSpace = batchSpace(probe.actionSpace, numEnvs);
    this.obsSize = flatSize(probe.observationSpace);
    this.actionSize = flatSize(probe.actionSpace);
    if (!(probe.actionSpace instanceof Box) && !integerActions(probe.actionSpace)) throw new EnvError(`vector env: unsupported action space ${String(probe.actionSpace)}`);
    this.metadata = { ...probe.metadata, autoresetMode: mode };
    this.buffers = {
      obs: allocate(Float32Array, numEnvs * this.obsSize),
      rewards: allocate(Float64Array, numEnvs),
      terminations: allocate(Uint8Array, numEnvs),
      truncations: allocate(Uint8Array, numEnvs),
      finalObs: allocate(Float32Array, mode === 'SameStep' ? numEnvs * this.obsSize : 0),
      finalFlags: allocate(Uint8Array, numEnvs),
      actions: integerActions(probe.actionSpace) ? allocate(Int32Array, numEnvs * this.actionSize) : allocate(Float32Array, numEnvs * this.actionSize),
    };
    this.seeds = allocate(Float64Array, numEnvs);
    const b = this.buffers;
    this.stepResult = { obs: b.obs, rewards: b.rewards, terminations: b.terminations, truncations: b.truncations, infos: EMPTY_INFO };
  }

  get autoresetMode(): AutoresetMode {
    return this.metadata.autoresetMode;
  }

  newActionBuffer(): ActionBuffer {
    return this.buffers.actions instanceof Int32Array ? new Int32Array(this.buffers.actions.length) : new Float32Array(this.buffers.actions.length);
  }

  /** Runs reset on all sub-envs; seeds[i] NaN = no seed. Subclass fills the buffers and returns the per-env infos. */
  protected abstract resetAll(seeds: Float64Array | null, options: Record<string, unknown> | undefined): void;
  /** Steps all sub-envs with the actions in the buffer. */
  protected abstract stepAll(): void;
  /** Calls fn(i, info, finalInfo) for every sub-env that reported something in the last call. */
  protected abstract forEachInfo(fn: (i: number, info: Info | null, finalInfo: Info | null) => void): void;
  protected abstract hasInfos(): boolean;
  protected abstract closeAll(): void;

  private name(): string {
    return this.constructor.name;
  }

  reset(args: VectorResetArgs = {}): VectorResetResult {
    if (this.closed) throw new EnvError(`${this.name()}: reset() after close()`);
    let seeds: Float64Array | null = null;
    const seed = args.seed;
    if (typeof seed === 'number') {
      checkSeed(seed, `${this.name()}.reset`);
      seeds = this.seeds;
      for (let i = 0; i < this.numEnvs; i++) seeds[i] = checkSeed(seed + i, `${this.name()}.reset`);
    } else if (Array.isArray(seed)) {
      if (seed.length !== this.numEnvs) throw new EnvError(`${this.name()}.reset: expected ${this.numEnvs} seeds, got ${seed.length}`);
      seeds = this.seeds;
      for (let i = 0; i < this.numEnvs; i++) seeds[i] = seed[i] == null ? NaN : checkSeed(seed[i], `${this.name()}.reset`);
    } else if (seed !== undefined && seed !== null) {
      throw new EnvError(`${this.name()}.reset: seed must be a non-negative integer, an array of them, or undefined; got ${String(seed)}`);
    }
    this.resetAll(seeds, args.options);
    return { obs: this.buffers.obs, infos: this.collectInfos() };
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    if (this.closed) throw new EnvError(`${this.name()}: step() after close()`);
    const buf = this.buffers.actions;
    if (actions == null || actions.length !== buf.length) {
      throw new EnvError(`${this.name()}.step: expected ${buf.length} actions (numEnvs ${this.numEnvs} × ${this.actionSize}), got ${actions == null ? String(actions) : actions.length}`);
    }
    if (buf instanceof Int32Array && !(actions instanceof Int32Array)) {
      for (let i = 0; i < actions.length; i++) {
        if (!Number.isInteger(actions[i])) throw new EnvError(`${this.name()}.step: action ${actions[i]} for sub-env ${Math.floor(i / this.actionSize)} is not an integer (action space ${String(this.singleActionSpace)})`);
      }
    }
    if (actions !== buf) buf.set(actions);
    this.stepAll();
    this.stepResult.infos = this.collectInfos();
    return this.stepResult;
  }

  private collectInfos(): VectorInfo {
    if (!this.hasInfos()) return EMPTY_INFO;
    const infos: VectorInfo = {};
    const n = this.numEnvs, size = this.obsSize;
    this.forEachInfo((i, info, finalInfo) => {
      if (finalInfo !== null) {
        addInfo(infos, { final_obs: this.buffers.finalObs.slice(i * size, (i + 1) * size), final_info: finalInfo }, i, n);
      }
      if (info !== null) addInfo(infos, info, i, n);
    });
    return infos;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeAll();
  }
}
