// Entry point of an IMPALA actor thread: builds its envs and a forward-only copy of the network, then
// serves commands from the learner over shared memory — reset, one unroll (sync mode), or run freely
// into its own slots until told to stop (async mode). Weights are re-read whenever the version moves.
import { parentPort, workerData } from 'node:worker_threads';
import { Rng } from '../../core/rng.js';
import { Actor, slotViews } from './actor.js';
import { copyParametersFlat, loadNetworkFactory } from './network.js';
import {
  ACTOR_BASE, ACTOR_WORDS, CMD, CMD_CLOSE, CMD_RESET, CMD_RUN, CMD_UNROLL, DONE, FILLED, REQ, SEED, SLOT_FREE, SLOT_FULL,
  STATUS, STATUS_ERROR, STATUS_OK, STOP, VERSION, slotBase, type ActorWorkerInit,
} from './pool.js';

async function main(init: ActorWorkerInit): Promise<void> {
  for (const m of init.envModules) await import(m);
  const factory = await loadNetworkFactory(init.network);
  const net = factory(init.dims, init.network.options, new Rng(0));
  const params = net.namedParameters().map(([, t]) => t);
  const actor = new Actor(init.envId, init.shape, net, init.actor);
  const control = new Int32Array(init.control);
  const weights = init.params.map((b) => new Float32Array(b));
  const K = init.slotsPerActor;
  const slots = Array.from({ length: K }, (_, k) => slotViews(init.slots[init.actor * K + k], init.shape));
  const base = ACTOR_BASE + init.actor * ACTOR_WORDS;
  const sb = slotBase(init.numActors) + 2 * init.actor * K;
  let version = -1;

  /** Reads the newest weights; retries if the learner overwrote that buffer meanwhile (two versions on). */
  const syncWeights = (): void => {
    for (;;) {
      const v = Atomics.load(control, VERSION);
      if (v === version) return;
      copyParametersFlat(params, weights[v & 1], 'fromFlat');
      if (Atomics.load(control, VERSION) - v < 2) {
        version = v;
        return;
      }
    }
  };

  const run = (): void => {
    for (let k = 0; ; k = (k + 1) % K) {
      let state: number;
      while ((state = Atomics.load(control, sb + 2 * k)) !== SLOT_FREE && Atomics.load(control, STOP) === 0) {
        Atomics.wait(control, sb + 2 * k, state, 100);
      }
      if (Atomics.load(control, STOP) !== 0) return;
      syncWeights();
      actor.unroll(slots[k], version);
      control[sb + 2 * k + 1] = Atomics.add(control, FILLED, 1);
      Atomics.store(control, sb + 2 * k, SLOT_FULL);
      Atomics.notify(control, FILLED);
    }
  };

  let seq = Atomics.load(control, base + REQ);
  parentPort!.postMessage({ ready: true });
  for (;;) {
    while (Atomics.load(control, base + REQ) === seq) Atomics.wait(control, base + REQ, seq);
    seq = Atomics.load(control, base + REQ);
    const cmd = control[base + CMD];
    let status = STATUS_OK;
    try {
      if (cmd === CMD_RESET) actor.reset(control[base + SEED] >>> 0);
      else if (cmd === CMD_UNROLL) {
        syncWeights();
        actor.unroll(slots[0], version);
      } else if (cmd === CMD_RUN) run();
      else if (cmd === CMD_CLOSE) actor.close();
    } catch (e) {
      const err = e as Error;
      init.port.postMessage({ error: err.message, name: err.name });
      status = STATUS_ERROR;
    }
    control[base + STATUS] = status;
    Atomics.store(control, base + DONE, seq);
    Atomics.notify(control, base + DONE);
    // A failed async actor also wakes a learner waiting for unrolls.
    if (status === STATUS_ERROR) Atomics.notify(control, FILLED);
    if (cmd === CMD_CLOSE) break;
  }
  init.port.close();
}

main(workerData as ActorWorkerInit).catch((e: unknown) => {
  const err = e as Error;
  parentPort!.postMessage({ error: `${err.name ?? 'Error'}: ${err.message ?? String(e)}` });
});
