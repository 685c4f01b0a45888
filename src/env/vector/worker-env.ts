// WorkerVectorEnv (Gymnasium's AsyncVectorEnv, with threads): splits the sub-envs across worker threads
// (default one per core), each re-creating its envs by id through the registry. Observations, rewards,
// flags and actions live in SharedArrayBuffers and a step is signalled with Atomics (no per-step
// structured clone). Same seeds give exactly the results of SyncVectorEnv.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { spawnWorker } from '../../core/worker.js';
import { make, spec as specOf, type MakeOptions } from '../registry.js';
import { EnvError, type Info } from '../types.js';
import { SubEnvBatch } from './batch.js';
import { BufferedVectorEnv, sharedAllocator, type VectorEnvOptions } from './buffered.js';
import {
  CMD, CMD_CLOSE, CMD_RESET, CMD_STEP, DONE, REQ, STATUS, STATUS_ERROR, STATUS_INFOS, WORDS_PER_WORKER, waitFor,
  type ErrorMessage, type InfosMessage, type ResetMessage, type WorkerInit,
} from './protocol.js';

export interface WorkerVectorEnvOptions extends VectorEnvOptions {
  /**
   * Number of worker threads. Default: one per core, less one when the main thread runs a share.
   */
  numWorkers?: number;
  /**
   * Whether the calling thread steps a share of the sub-envs itself while the workers step theirs,
   * instead of idling until they finish (default true).
   */
  useMainThread?: boolean;
  /** Options passed to make() for every sub-env (structured-cloneable). */
  makeOptions?: MakeOptions;
  /** Extra module URLs each worker imports before make(), e.g. ones that register wrappers' envs. */
  modules?: string[];
}

interface Slice {
  worker: Worker;
  port: MessagePort;
  first: number;
  count: number;
  infos: InfosMessage | null;
}

const stepLocal = (b: SubEnvBatch): void => b.step();

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker-main.ts' : './worker-main.js', import.meta.url);

export class WorkerVectorEnv extends BufferedVectorEnv {
  private readonly control: Int32Array;
  private readonly slices: Slice[] = [];
  /** The share stepped by the calling thread (sub-envs 0 … local.envs.length − 1), or null. */
  private readonly local: SubEnvBatch | null;
  private readonly seedBuffer: Float64Array;

  /** Starts the workers and waits until each has built its sub-envs. */
  static async create(id: string, numEnvs: number, options: WorkerVectorEnvOptions = {}): Promise<WorkerVectorEnv> {
    const env = new WorkerVectorEnv(id, numEnvs, options);
    try {
      await env.started;
    } catch (e) {
      env.terminate();
      throw e;
    }
    return env;
  }

  private readonly started: Promise<void>;

  private constructor(readonly id: string, numEnvs: number, options: WorkerVectorEnvOptions) {
    const registered = specOf(id);
    const makeOptions = options.makeOptions ?? {};
    const probe = make<unknown, unknown>(id, makeOptions);
    super(probe, numEnvs, options, sharedAllocator);
    probe.close();
    if (registered.module === undefined) {
      throw new EnvError(`WorkerVectorEnv: '${id}' was registered without a module URL, so worker threads cannot create it; register it with module: import.meta.url (from the registering module)`);
    }
    const useMain = options.useMainThread ?? true;
    const requested = options.numWorkers ?? Math.max(1, availableParallelism() - (useMain ? 1 : 0));
    if (!Number.isInteger(requested) || requested <= 0) throw new EnvError(`WorkerVectorEnv: numWorkers must be a positive integer, got ${options.numWorkers}`);
    const parts = Math.min(numEnvs, requested + (useMain ? 1 : 0));
    const share = (p: number): number => Math.floor(numEnvs / parts) + (p < numEnvs % parts ? 1 : 0);
    const localCount = useMain && parts > 1 ? share(0) : 0;
    const numWorkers = parts - (localCount > 0 ? 1 : 0);
    this.local = localCount > 0
      ? new SubEnvBatch(Array.from({ length: localCount }, () => make<unknown, unknown>(id, makeOptions)), 0, this.buffers, this.obsSize, this.actionSize, this.autoresetMode)
      : null;
    this.control = new Int32Array(new SharedArrayBuffer(numWorkers * WORDS_PER_WORKER * 4));
    this.seedBuffer = sharedAllocator(Float64Array, numEnvs);
    const modules = [registered.module, ...(options.modules ?? [])];
    const ready: Promise<void>[] = [];
    for (let w = 0, first = localCount; w < numWorkers; w++) {
      const count = share(w + (localCount > 0 ? 1 : 0));
      const { port1, port2 } = new MessageChannel();
      const init: WorkerInit = {
        modules, id, makeOptions, first, count, obsSize: this.obsSize, actionSize: this.actionSize, mode: this.autoresetMode,
        control: this.control, worker: w, port: port2, shared: { ...this.buffers, seeds: this.seedBuffer },
      };
      const worker = spawnWorker(WORKER_URL, { workerData: init, transferList: [port2] });
      this.slices.push({ worker, port: port1, first, count, infos: null });
      ready.push(new Promise<void>((resolve, reject) => {
        worker.once('message', (m: { ready?: boolean } & Partial<ErrorMessage>) => {
          if (m.ready) resolve();
          else reject(new EnvError(`WorkerVectorEnv: worker ${w} failed to start: ${m.error}`));
        });
        worker.once('error', (e) => reject(new EnvError(`WorkerVectorEnv: worker ${w} failed: ${e.message}`)));
      }));
      first += count;
    }
    this.started = Promise.all(ready).then(() => {
      for (const s of this.slices) s.worker.unref(); // idle workers must not keep the process alive
    });
  }

  get numWorkers(): number {
    return this.slices.length;
  }

  /** Number of sub-envs the calling thread steps itself. */
  get mainThreadEnvs(): number {
    return this.local?.envs.length ?? 0;
  }

  /** Sends a command to every worker, runs the local share meanwhile, waits for all, then collects infos and errors. */
  private run(cmd: number, local: ((b: SubEnvBatch) => void) | null): void {
    const c = this.control;
    for (let w = 0; w < this.slices.length; w++) {
      const base = w * WORDS_PER_WORKER;
      c[base + CMD] = cmd;
      Atomics.add(c, base + REQ, 1);
      Atomics.notify(c, base + REQ);
    }
    let error: string | null = null;
    if (this.local !== null && local !== null) {
      try {
        local(this.local);
      } catch (e) {
        error = `${(e as Error).message} (in the main thread, sub-envs 0..${this.local.envs.length - 1})`;
      }
    }
    for (let w = 0; w < this.slices.length; w++) {
      const base = w * WORDS_PER_WORKER;
      waitFor(c, base + DONE, Atomics.load(c, base + REQ));
      const slice = this.slices[w];
      slice.infos = null;
      const status = c[base + STATUS];
      if (status === STATUS_INFOS) slice.infos = receiveMessageOnPort(slice.port)?.message as InfosMessage;
      else if (status === STATUS_ERROR) {
        const m = receiveMessageOnPort(slice.port)?.message as ErrorMessage;
        error ??= `${m.error} (in worker ${w}, sub-envs ${slice.first}..${slice.first + slice.count - 1})`;
      }
    }
    if (error !== null) throw new EnvError(error);
  }

  protected resetAll(seeds: Float64Array | null, options: Record<string, unknown> | undefined): void {
    if (seeds !== null) this.seedBuffer.set(seeds);
    for (const s of this.slices) {
      const msg: ResetMessage = { hasSeeds: seeds !== null, ...(options !== undefined ? { options } : {}) };
      s.port.postMessage(msg);
    }
    this.run(CMD_RESET, (b) => b.reset(seeds, options));
  }

  protected stepAll(): void {
    this.run(CMD_STEP, stepLocal);
  }

  protected hasInfos(): boolean {
    if (this.local !== null && this.local.hasInfos()) return true;
    for (const s of this.slices) if (s.infos !== null) return true;
    return false;
  }

  protected forEachInfo(fn: (i: number, info: Info | null, finalInfo: Info | null) => void): void {
    if (this.local !== null) {
      const { info, finalInfo } = this.local.infos;
      for (let j = 0; j < info.length; j++) if (info[j] !== null || finalInfo[j] !== null) fn(j, info[j], finalInfo[j]);
    }
    for (const s of this.slices) {
      if (s.infos === null) continue;
      const { info, finalInfo } = s.infos;
      for (let j = 0; j < info.length; j++) if (info[j] !== null || finalInfo[j] !== null) fn(s.first + j, info[j], finalInfo[j]);
    }
  }

  protected closeAll(): void {
    try {
      this.run(CMD_CLOSE, (b) => b.close());
    } finally {
      this.terminate();
    }
  }

  private terminate(): void {
    for (const s of this.slices) {
      s.port.close();
      void s.worker.terminate();
    }
  }
}
