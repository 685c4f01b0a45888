// Where the actors run, behind one face: in the learner's thread, or in worker threads (one per actor)
// that share unroll slots and the published weights through SharedArrayBuffers. The learner publishes
// weights with a version counter (double-buffered, seqlock-style, so async actors never read a torn
// copy) and takes one unroll per actor for each update.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { deriveSeed } from '../../core/rng.js';
import { spawnWorker } from '../../core/worker.js';
import { spec as specOf } from '../../env/registry.js';
import { Actor, slotBytes, slotViews, type UnrollShape, type UnrollSlot } from './actor.js';
import { copyParametersFlat, type ImpalaNetwork, type NetworkDims, type NetworkSpec } from './network.js';
import type { Tensor } from '../../core/tensor.js';

export class ImpalaActorError extends Error {
  override name = 'ImpalaActorError';
}

export interface ActorPool {
  /** Worker threads the actors run in (0 in the learner's thread). */
  readonly threads: number;
  /** Restarts every actor's envs and sampling stream from `seed`; async actors start running. */
  start(seed: number): void;
  /** Makes `flat` (all weights, in the network's parameter order) the actors' weights, tagged `version`. */
  publish(flat: Float32Array, version: number): void;
  /** Blocks until there is one unroll per actor's worth of unrolls; they stay valid until release(). */
  take(): readonly UnrollSlot[];
  release(): void;
  /** Stops async actors (their queued unrolls are dropped); a no-op for the others. */
  pause(): void;
  close(): void;
}

/** Actors stepped one after another in the learner's thread, sharing one forward-only network. */
export class InThreadPool implements ActorPool {
  private readonly actors: Actor[];
  private readonly slots: UnrollSlot[];
  private readonly params: Tensor[];
  private version = 0;
  readonly threads = 0;

  constructor(envId: string, numActors: number, shape: UnrollShape, private readonly net: ImpalaNetwork) {
    this.actors = Array.from({ length: numActors }, (_, i) => new Actor(envId, shape, net, i));
    this.slots = Array.from({ length: numActors }, () => slotViews(new ArrayBuffer(slotBytes(shape)), shape));
    this.params = net.namedParameters().map(([, t]) => t);
  }

  start(seed: number): void {
    this.actors.forEach((a, i) => a.reset(deriveSeed(seed, 'actor', i)));
  }

  publish(flat: Float32Array, version: number): void {
    copyParametersFlat(this.params, flat, 'fromFlat');
    this.version = version;
  }

  take(): readonly UnrollSlot[] {
    this.actors.forEach((a, i) => a.unroll(this.slots[i], this.version));
    return this.slots;
  }

  release(): void {}
  pause(): void {}

  close(): void {
    for (const a of this.actors) a.close();
  }
}

// Shared control words. Global: the published version, a counter bumped on every filled slot, the stop
// flag. Per actor (ACTOR_WORDS each, from ACTOR_BASE): request/done sequence numbers, the command, the
// status and a seed. Per slot (from slotBase): its state and the fill sequence number.
export const VERSION = 0, FILLED = 1, STOP = 2, ACTOR_BASE = 4, ACTOR_WORDS = 6;
export const REQ = 0, DONE = 1, CMD = 2, STATUS = 3, SEED = 4;
export const CMD_RESET = 1, CMD_UNROLL = 2, CMD_RUN = 3, CMD_CLOSE = 4;
export const STATUS_OK = 0, STATUS_ERROR = 1;
export const SLOT_FREE = 0, SLOT_FULL = 1, SLOT_TAKEN = 2;

export function slotBase(numActors: number): number {
  return ACTOR_BASE + numActors * ACTOR_WORDS;
}

export interface ActorWorkerInit {
  envId: string;
  /** Modules that register the env id (imported first). */
  envModules: string[];
  network: NetworkSpec;
  dims: NetworkDims;
  shape: UnrollShape;
  actor: number;
  numActors: number;
  slotsPerActor: number;
  control: SharedArrayBuffer;
  /** Two weight buffers: version v lives in buffer v mod 2. */
  params: [SharedArrayBuffer, SharedArrayBuffer];
  slots: SharedArrayBuffer[];
  port: MessagePort;
}

/** How long the learner waits for actors before it reports them stuck. */
const STUCK_MS = 120_000;

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './actor-worker.ts' : './actor-worker.js', import.meta.url);

/** One worker thread per actor: 'sync' steps them in lockstep, 'async' lets them run ahead. */
export class WorkerPool implements ActorPool {
  private readonly control: Int32Array;
  private readonly params: [Float32Array, Float32Array];
  private readonly slots: UnrollSlot[];
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly taken: number[] = [];
  private readonly takenSlots: UnrollSlot[] = [];
  private readonly K: number;
  private running = false;
  private closed = false;

  get threads(): number {
    return this.workers.length;
  }

  /** Starts the workers and waits until each has built its envs and network. */
  static async create(
    envId: string, numActors: number, shape: UnrollShape, network: NetworkSpec, dims: NetworkDims, paramCount: number,
    mode: 'sync' | 'async', slotsPerActor: number,
  ): Promise<WorkerPool> {
    const pool = new WorkerPool(numActors, shape, paramCount, mode, slotsPerActor);
    const registered = specOf(envId);
    if (registered.module === undefined) {
      throw new ImpalaActorError(`IMPALA: '${envId}' was registered without a module URL, so actor threads cannot create it; register it with module: import.meta.url`);
    }
    const controlBuffer = pool.control.buffer as SharedArrayBuffer;
    const paramBuffers = pool.params.map((p) => p.buffer as SharedArrayBuffer) as [SharedArrayBuffer, SharedArrayBuffer];
    const slotBuffers = pool.slots.map((s) => s.obs.buffer as SharedArrayBuffer);
    const ready: Promise<void>[] = [];
    for (let a = 0; a < numActors; a++) {
      const { port1, port2 } = new MessageChannel();
      const init: ActorWorkerInit = {
        envId, envModules: [registered.module], network, dims, shape, actor: a, numActors, slotsPerActor: pool.K,
        control: controlBuffer, params: paramBuffers, slots: slotBuffers, port: port2,
      };
      const w = spawnWorker(WORKER_URL, { workerData: init, transferList: [port2] });
      pool.workers.push(w);
      pool.ports.push(port1);
      ready.push(new Promise((resolve, reject) => {
        w.once('message', (m: { ready?: boolean; error?: string }) => (m.ready ? resolve() : reject(new ImpalaActorError(`IMPALA actor ${a} failed to start: ${m.error}`))));
        w.once('error', (e) => reject(new ImpalaActorError(`IMPALA actor ${a} failed to start: ${e.message}`)));
      }));
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      pool.terminate();
      throw e;
    }
    return pool;
  }

  private constructor(private readonly numActors: number, shape: UnrollShape, paramCount: number, private readonly mode: 'sync' | 'async', slotsPerActor: number) {
    this.K = mode === 'sync' ? 1 : slotsPerActor;
    this.control = new Int32Array(new SharedArrayBuffer(4 * (slotBase(numActors) + 2 * numActors * this.K)));
    this.params = [new Float32Array(new SharedArrayBuffer(4 * paramCount)), new Float32Array(new SharedArrayBuffer(4 * paramCount))];
    this.slots = Array.from({ length: numActors * this.K }, () => slotViews(new SharedArrayBuffer(slotBytes(shape)), shape));
  }

  /** Sends a command to every actor (with actor a's seed derived from `seed`) and waits for all of them. */
  private command(cmd: number, seed = 0): void {
    const c = this.control;
    for (let a = 0; a < this.numActors; a++) {
      const base = ACTOR_BASE + a * ACTOR_WORDS;
      c[base + CMD] = cmd;
      c[base + SEED] = deriveSeed(seed, 'actor', a) | 0;
      Atomics.add(c, base + REQ, 1);
      Atomics.notify(c, base + REQ);
    }
    for (let a = 0; a < this.numActors; a++) this.waitDone(a);
  }

  private waitDone(a: number): void {
    const c = this.control, base = ACTOR_BASE + a * ACTOR_WORDS;
    const req = Atomics.load(c, base + REQ);
    const t0 = Date.now();
    for (;;) {
      const done = Atomics.load(c, base + DONE);
      if (done === req) break;
      if (Atomics.wait(c, base + DONE, done, 1000) === 'timed-out' && Date.now() - t0 > STUCK_MS) {
        throw new ImpalaActorError(`IMPALA actor ${a} did not answer within ${STUCK_MS / 1000} s`);
      }
    }
    this.checkStatus(a);
  }

  private checkStatus(a: number): void {
    if (this.control[ACTOR_BASE + a * ACTOR_WORDS + STATUS] !== STATUS_ERROR) return;
    const msg = receiveMessageOnPort(this.ports[a])?.message as { error: string; name: string } | undefined;
    throw new ImpalaActorError(`IMPALA actor ${a} failed: ${msg ? `${msg.name}: ${msg.error}` : 'unknown error'}`);
  }

  start(seed: number): void {
    this.command(CMD_RESET, seed);
    if (this.mode === 'async') {
      const c = this.control, sb = slotBase(this.numActors);
      Atomics.store(c, STOP, 0);
      for (let s = 0; s < this.slots.length; s++) Atomics.store(c, sb + 2 * s, SLOT_FREE);
      for (let a = 0; a < this.numActors; a++) {
        const base = ACTOR_BASE + a * ACTOR_WORDS;
        c[base + CMD] = CMD_RUN;
        Atomics.add(c, base + REQ, 1);
        Atomics.notify(c, base + REQ);
      }
      this.running = true;
    }
  }

  publish(flat: Float32Array, version: number): void {
    this.params[version & 1].set(flat);
    Atomics.store(this.control, VERSION, version);
  }

  take(): readonly UnrollSlot[] {
    if (this.mode === 'sync') {
      this.command(CMD_UNROLL);
      return this.slots;
    }
    const c = this.control, sb = slotBase(this.numActors);
    const t0 = Date.now();
    for (;;) {
      const filled = Atomics.load(c, FILLED);
      this.taken.length = 0;
      for (let s = 0; s < this.slots.length; s++) if (Atomics.load(c, sb + 2 * s) === SLOT_FULL) this.taken.push(s);
      if (this.taken.length >= this.numActors) break;
      for (let a = 0; a < this.numActors; a++) this.checkStatus(a);
      if (Atomics.wait(c, FILLED, filled, 1000) === 'timed-out' && Date.now() - t0 > STUCK_MS) {
        throw new ImpalaActorError(`IMPALA: no unrolls arrived within ${STUCK_MS / 1000} s`);
      }
    }
    // The oldest unrolls first (fill order), one actor's worth per actor.
    this.taken.sort((x, y) => c[sb + 2 * x + 1] - c[sb + 2 * y + 1]);
    this.taken.length = this.numActors;
    this.takenSlots.length = 0;
    for (const s of this.taken) {
      Atomics.store(c, sb + 2 * s, SLOT_TAKEN);
      this.takenSlots.push(this.slots[s]);
    }
    return this.takenSlots;
  }

  release(): void {
    if (this.mode === 'sync') return;
    const c = this.control, sb = slotBase(this.numActors);
    for (const s of this.taken) {
      Atomics.store(c, sb + 2 * s, SLOT_FREE);
      Atomics.notify(c, sb + 2 * s);
    }
    this.taken.length = 0;
  }

  pause(): void {
    if (!this.running) return;
    this.running = false;
    const c = this.control, sb = slotBase(this.numActors);
    Atomics.store(c, STOP, 1);
    for (let s = 0; s < this.slots.length; s++) {
      Atomics.store(c, sb + 2 * s, SLOT_FREE);
      Atomics.notify(c, sb + 2 * s);
    }
    for (let a = 0; a < this.numActors; a++) this.waitDone(a);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.pause();
      this.command(CMD_CLOSE);
    } finally {
      this.terminate();
    }
  }

  private terminate(): void {
    for (const p of this.ports) p.close();
    for (const w of this.workers) void w.terminate();
  }
}
