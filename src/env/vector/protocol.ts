// The shared-memory protocol between a WorkerVectorEnv and its worker threads. Each worker has a
// control block of Int32 words in a SharedArrayBuffer (64 bytes apart, so no false sharing):
// the main thread writes CMD, bumps REQ and notifies; the worker runs the command on its slice of
// sub-envs, writes STATUS, sets DONE = REQ and notifies. Observations, rewards, flags and actions live
// in shared buffers; only infos (rare) and errors travel as messages, read with receiveMessageOnPort.
import type { MessagePort } from 'node:worker_threads';
import type { AutoresetMode } from './types.js';

export const WORDS_PER_WORKER = 16;
export const REQ = 0;
export const DONE = 1;
export const CMD = 2;
export const STATUS = 3;

export const CMD_RESET = 1;
export const CMD_STEP = 2;
export const CMD_CLOSE = 3;

export const STATUS_OK = 0;
/** The worker posted the slice's infos on its port. */
export const STATUS_INFOS = 1;
/** The worker posted an error on its port. */
export const STATUS_ERROR = 2;

/** Busy-wait iterations before sleeping on the futex: a step is often shorter than a wake-up. */
export const SPIN = 4000;

export interface WorkerInit {
  modules: string[];
  id: string;
  makeOptions: Record<string, unknown>;
  /** Global index of the worker's first sub-env, and how many it runs. */
  first: number;
  count: number;
  obsSize: number;
  actionSize: number;
  mode: AutoresetMode;
  control: Int32Array;
  worker: number;
  port: MessagePort;
  shared: {
    obs: Float32Array;
    rewards: Float64Array;
    terminations: Uint8Array;
    truncations: Uint8Array;
    finalObs: Float32Array;
    finalFlags: Uint8Array;
    actions: Int32Array | Float32Array;
    seeds: Float64Array;
  };
}

export interface ResetMessage {
  hasSeeds: boolean;
  options?: Record<string, unknown>;
}

export interface InfosMessage {
  info: (Record<string, unknown> | null)[];
  finalInfo: (Record<string, unknown> | null)[];
}

export interface ErrorMessage {
  error: string;
  name: string;
}

/** Waits until control[base + DONE] equals `seq`: spins a little, then sleeps on the futex. */
export function waitFor(control: Int32Array, index: number, seq: number): void {
  for (let k = 0; k < SPIN; k++) if (Atomics.load(control, index) === seq) return;
  let v = Atomics.load(control, index);
  while (v !== seq) {
    Atomics.wait(control, index, v);
    v = Atomics.load(control, index);
  }
}
