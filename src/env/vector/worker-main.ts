// Entry point of a WorkerVectorEnv worker thread: imports the modules that register the env id,
// builds its slice of sub-envs with make(), then serves reset/step/close commands over shared memory.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { make } from '../registry.js';
import { SubEnvBatch } from './batch.js';
import {
  CMD, CMD_CLOSE, CMD_RESET, CMD_STEP, DONE, REQ, SPIN, STATUS, STATUS_ERROR, STATUS_INFOS, STATUS_OK,
  WORDS_PER_WORKER, type ErrorMessage, type InfosMessage, type ResetMessage, type WorkerInit,
} from './protocol.js';

async function main(init: WorkerInit): Promise<void> {
  for (const m of init.modules) await import(m);
  const envs = Array.from({ length: init.count }, () => make<unknown, unknown>(init.id, init.makeOptions));
  const s = init.shared;
  const batch = new SubEnvBatch(envs, init.first, s, init.obsSize, init.actionSize, init.mode);
  const control = init.control;
  const base = init.worker * WORDS_PER_WORKER;
  // Read the request counter before announcing readiness: the first command may follow at once.
  let seq = Atomics.load(control, base + REQ);
  parentPort!.postMessage({ ready: true });
  for (;;) {
    let k = 0;
    while (k < SPIN && Atomics.load(control, base + REQ) === seq) k++;
    while (Atomics.load(control, base + REQ) === seq) Atomics.wait(control, base + REQ, seq);
    seq = Atomics.load(control, base + REQ);
    const cmd = control[base + CMD];
    let status = STATUS_OK;
    try {
      if (cmd === CMD_STEP) batch.step();
      else if (cmd === CMD_RESET) {
        const msg = receiveMessageOnPort(init.port)?.message as ResetMessage;
        batch.reset(msg.hasSeeds ? s.seeds : null, msg.options);
      } else if (cmd === CMD_CLOSE) batch.close();
      if (cmd !== CMD_CLOSE && batch.hasInfos()) {
        const infos: InfosMessage = batch.infos;
        init.port.postMessage(infos);
        status = STATUS_INFOS;
      }
    } catch (e) {
      const err = e as Error;
      const msg: ErrorMessage = { error: err.message, name: err.name };
      init.port.postMessage(msg);
      status = STATUS_ERROR;
    }
    control[base + STATUS] = status;
    Atomics.store(control, base + DONE, seq);
    Atomics.notify(control, base + DONE);
    if (cmd === CMD_CLOSE) break;
  }
  init.port.close();
}

main(workerData as WorkerInit).catch((e: unknown) => {
  const err = e as Error;
  parentPort!.postMessage({ error: err.message ?? String(e), name: err.name ?? 'Error' });
});
