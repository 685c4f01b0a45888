// Vector envs (GYMNASIUM-SEMANTICS §5): SyncVectorEnv, the worker-thread WorkerVectorEnv, and makeVec.
import { make, type MakeOptions } from '../registry.js';
import { EnvError, type Env } from '../types.js';
import { SyncVectorEnv } from './sync.js';
import { WorkerVectorEnv } from './worker-env.js';
import type { AutoresetMode, VectorEnv } from './types.js';

export { addInfo } from './info.js';
export { RecordEpisodeStatisticsVector } from './record-episode-statistics.js';
export { SyncVectorEnv } from './sync.js';
export { WorkerVectorEnv, type WorkerVectorEnvOptions } from './worker-env.js';
export type { VectorEnvOptions } from './buffered.js';
export * from './types.js';

export interface MakeVecOptions {
  /** 'sync' (default) steps the sub-envs in this thread; 'async' in worker threads. */
  vectorizationMode?: 'sync' | 'async';
  autoresetMode?: AutoresetMode;
  /** For 'async': number of worker threads (default one per core). */
  numWorkers?: number;
  /** Options for make() of every sub-env. */
  makeOptions?: MakeOptions;
  /** For 'sync': single-env wrappers applied to each sub-env after make(). */
  wrappers?: ReadonlyArray<(env: Env<unknown, unknown>) => Env<unknown, unknown>>;
}

/** Builds `numEnvs` copies of a registered env behind one vector env (Gymnasium's make_vec). */
export async function makeVec(id: string, numEnvs: number, options: MakeVecOptions = {}): Promise<VectorEnv> {
  if (options.vectorizationMode === 'async') {
    if (options.wrappers !== undefined && options.wrappers.length > 0) {
      throw new EnvError('makeVec: wrappers (functions) cannot be sent to worker threads; register an env id whose entry point applies them');
    }
    return WorkerVectorEnv.create(id, numEnvs, { autoresetMode: options.autoresetMode, numWorkers: options.numWorkers, makeOptions: options.makeOptions });
  }
  const wrap = (e: Env<unknown, unknown>): Env<unknown, unknown> => (options.wrappers ?? []).reduce((acc, w) => w(acc), e);
  return new SyncVectorEnv(Array.from({ length: numEnvs }, () => () => wrap(make<unknown, unknown>(id, options.makeOptions))), { autoresetMode: options.autoresetMode });
}
