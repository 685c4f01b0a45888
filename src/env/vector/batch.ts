// The per-sub-env loop shared by the synchronous vector env and each worker thread: reset and step a
// slice of sub-envs, reading actions from and writing observations, rewards and flags into flat buffers,
// with the NextStep/SameStep autoreset rules (§5.4). Sub-envs with the FlatEnv path allocate nothing.
import { Discrete, flatSize } from '../spaces.js';
import { EnvError, isFlatEnv, type Env, type FlatEnv, type Info } from '../types.js';
import type { AutoresetMode, SubEnvInfos } from './types.js';

export interface BatchBuffers {
  /** numEnvs × obsSize */
  obs: Float32Array;
  rewards: Float64Array;
  terminations: Uint8Array;
  truncations: Uint8Array;
  /** SameStep: the final observation of each sub-env reset in this step (numEnvs × obsSize). */
  finalObs: Float32Array;
  /** SameStep: 1 where finalObs holds a final observation from this step. */
  finalFlags: Uint8Array;
  /** numEnvs × actionSize */
  actions: Int32Array | Float32Array;
}

function isEmpty(info: Info | null | undefined): boolean {
  if (info == null) return true;
  for (const _ in info) return false;
  return true;
}

/** Writes an observation value (typed array, number array or a number) into out[offset..offset+size). */
function writeObservation(obs: unknown, out: Float32Array, offset: number, size: number, where: string): void {
  if (typeof obs === 'number') {
    if (size !== 1) throw new EnvError(`${where}: got a number observation, expected ${size} values`);
    out[offset] = obs;
    return;
  }
  if ((ArrayBuffer.isView(obs) || Array.isArray(obs)) && (obs as ArrayLike<number>).length === size) {
    const a = obs as ArrayLike<number>;
    for (let k = 0; k < size; k++) out[offset + k] = a[k];
    return;
  }
  throw new EnvError(`${where}: vector envs need flat numeric observations of ${size} values`);
}

export class SubEnvBatch {
  readonly infos: SubEnvInfos;
  private readonly flat: (FlatEnv | null)[];
  private readonly discrete: boolean;
  private readonly autoreset: Uint8Array;

  /**
   * @param envs the sub-envs of this slice, global indices first … first + envs.length − 1
   */
  constructor(
    readonly envs: Env<unknown, unknown>[],
    readonly first: number,
    private readonly buffers: BatchBuffers,
    readonly obsSize: number,
    readonly actionSize: number,
    readonly mode: AutoresetMode,
  ) {
    this.flat = envs.map((e) => (isFlatEnv(e) ? e : null));
    this.discrete = envs.length > 0 && envs[0].actionSpace instanceof Discrete;
    this.autoreset = new Uint8Array(envs.length);
    this.infos = { info: new Array<Info | null>(envs.length).fill(null), finalInfo: new Array<Info | null>(envs.length).fill(null) };
    for (const e of envs) {
      if (flatSize(e.observationSpace) !== obsSize) throw new EnvError(`vector env: sub-env ${String(e)} has observations of ${flatSize(e.observationSpace)} values, expected ${obsSize}`);
    }
  }

  /** True when the last call left an info or final info for some sub-env of this slice. */
  hasInfos(): boolean {
    const { info, finalInfo } = this.infos;
    for (let j = 0; j < info.length; j++) if (info[j] !== null || finalInfo[j] !== null) return true;
    return false;
  }

  private resetOne(j: number, seed: number | undefined, options: Record<string, unknown> | undefined): Info | null {
    const args = seed === undefined && options === undefined ? undefined : { seed, options };
    const offset = (this.first + j) * this.obsSize;
    const f = this.flat[j];
    if (f !== null) return f.resetInto(this.buffers.obs, offset, args);
    const r = this.envs[j].reset(args);
    writeObservation(r.obs, this.buffers.obs, offset, this.obsSize, String(this.envs[j]));
    return r.info;
  }

  /** Resets every sub-env of the slice; seeds[j] (global index) NaN means no seed. */
  reset(seeds: ArrayLike<number> | null, options: Record<string, unknown> | undefined): void {
    const { info, finalInfo } = this.infos;
    for (let j = 0; j < this.envs.length; j++) {
      const s = seeds === null ? NaN : seeds[this.first + j];
      const r = this.resetOne(j, Number.isNaN(s) ? undefined : s, options);
      info[j] = isEmpty(r) ? null : r;
      finalInfo[j] = null;
      this.autoreset[j] = 0;
      const g = this.first + j;
      this.buffers.rewards[g] = 0;
      this.buffers.terminations[g] = 0;
      this.buffers.truncations[g] = 0;
      this.buffers.finalFlags[g] = 0;
    }
  }

  /** Steps every sub-env of the slice with the actions in the buffer. */
  step(): void {
    const b = this.buffers;
    const { info, finalInfo } = this.infos;
    const sameStep = this.mode === 'SameStep';
    for (let j = 0; j < this.envs.length; j++) {
      const g = this.first + j;
      finalInfo[j] = null;
      b.finalFlags[g] = 0;
      if (this.autoreset[j] === 1) {
        // NextStep: this step's action is ignored; the slot holds the reset observation, reward 0, no flags.
        this.autoreset[j] = 0;
        const r = this.resetOne(j, undefined, undefined);
        info[j] = isEmpty(r) ? null : r;
        b.rewards[g] = 0;
        b.terminations[g] = 0;
        b.truncations[g] = 0;
        continue;
      }
      const offset = g * this.obsSize;
      let reward: number;
      let terminated: boolean;
      let truncated: boolean;
      let stepInfo: Info | null;
      const f = this.flat[j];
      if (f !== null) {
        const r = f.stepInto(b.actions, g * this.actionSize, b.obs, offset);
        reward = r.reward; terminated = r.terminated; truncated = r.truncated; stepInfo = r.info;
      } else {
        const action = this.discrete ? b.actions[g] : b.actions.slice(g * this.actionSize, (g + 1) * this.actionSize);
        const r = this.envs[j].step(action);
        writeObservation(r.obs, b.obs, offset, this.obsSize, String(this.envs[j]));
        reward = r.reward; terminated = r.terminated; truncated = r.truncated; stepInfo = r.info;
      }
      b.rewards[g] = reward;
      b.terminations[g] = terminated ? 1 : 0;
      b.truncations[g] = truncated ? 1 : 0;
      info[j] = isEmpty(stepInfo) ? null : stepInfo;
      if (terminated || truncated) {
        if (sameStep) {
          b.finalObs.set(b.obs.subarray(offset, offset + this.obsSize), offset);
          b.finalFlags[g] = 1;
          finalInfo[j] = info[j] ?? {};
          const r = this.resetOne(j, undefined, undefined);
          info[j] = isEmpty(r) ? null : r;
        } else {
          this.autoreset[j] = 1;
        }
      }
    }
  }

  close(): void {
    for (const e of this.envs) e.close();
  }
}
