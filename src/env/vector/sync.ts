// SyncVectorEnv: steps its sub-envs one after the other in this thread (§5.1), writing into
// preallocated batched buffers.
import { EnvError, type Env, type Info } from '../types.js';
import { SubEnvBatch } from './batch.js';
import { BufferedVectorEnv, plainAllocator, type VectorEnvOptions } from './buffered.js';

export class SyncVectorEnv extends BufferedVectorEnv {
  readonly envs: Env<unknown, unknown>[];
  private readonly batch: SubEnvBatch;

  /** `envFns` build the sub-envs (e.g. `() => make('CartPole-v1')`); all must share their spaces. */
  constructor(envFns: ReadonlyArray<() => Env<unknown, unknown>>, options: VectorEnvOptions = {}) {
    if (!Array.isArray(envFns) || envFns.length === 0) throw new EnvError('SyncVectorEnv: needs a non-empty array of functions that build the sub-envs');
    const envs = envFns.map((fn) => fn());
    super(envs[0], envs.length, options, plainAllocator);
    this.envs = envs;
    for (const e of envs) {
      if (String(e.observationSpace) !== String(envs[0].observationSpace) || String(e.actionSpace) !== String(envs[0].actionSpace)) {
        throw new EnvError(`SyncVectorEnv: sub-env spaces differ (${String(e.observationSpace)} / ${String(e.actionSpace)} vs ${String(envs[0].observationSpace)} / ${String(envs[0].actionSpace)})`);
      }
    }
    this.batch = new SubEnvBatch(envs, 0, this.buffers, this.obsSize, this.actionSize, this.autoresetMode);
  }

  protected resetAll(seeds: Float64Array | null, options: Record<string, unknown> | undefined): void {
    this.batch.reset(seeds, options);
  }

  protected stepAll(): void {
    this.batch.step();
  }

  protected hasInfos(): boolean {
    return this.batch.hasInfos();
  }

  protected forEachInfo(fn: (i: number, info: Info | null, finalInfo: Info | null) => void): void {
    const { info, finalInfo } = this.batch.infos;
    for (let i = 0; i < info.length; i++) if (info[i] !== null || finalInfo[i] !== null) fn(i, info[i], finalInfo[i]);
  }

  protected closeAll(): void {
    this.batch.close();
  }
}
