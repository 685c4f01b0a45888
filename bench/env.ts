// Environment throughput: CartPole-v1 steps per second through the single-env API (raw env and make()'s
// wrapper stack), the allocation-free flat path, the synchronous vector env (16 and 256 sub-envs) and the
// worker-thread vector env (one worker plus the calling thread: both cores). Actions are pre-generated. Baseline: Gymnasium's Python
// CartPole-v1, about 146k steps/s on the reference machine.
import { availableParallelism, loadavg } from 'node:os';
import { Rng } from '../src/core/rng.js';
import { CartPoleEnv, make } from '../src/envs/index.js';
import { SyncVectorEnv, WorkerVectorEnv, type VectorEnv } from '../src/env/vector/index.js';
import type { Env } from '../src/env/types.js';

const GYMNASIUM_STEPS_PER_SEC = 146_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
const ACTIONS = new Int32Array(1 << 16);
{
  const rng = new Rng(0);
  for (let i = 0; i < ACTIONS.length; i++) ACTIONS[i] = rng.int(2);
}
const MASK = ACTIONS.length - 1;

/** Runs `chunk` until SECONDS have passed (after a warm-up); returns steps per second. */
function measure(chunk: () => number): number {
  const warmEnd = performance.now() + 300;
  while (performance.now() < warmEnd) chunk();
  let steps = 0;
  const start = performance.now();
  let now = start;
  while (now - start < SECONDS * 1000) {
    steps += chunk();
    now = performance.now();
  }
  return steps / ((now - start) / 1000);
}

function singleEnv(env: Env): number {
  env.reset({ seed: 0 });
  let k = 0;
  return measure(() => {
    for (let i = 0; i < 10_000; i++) {
      const r = env.step(ACTIONS[k++ & MASK]);
      if (r.terminated || r.truncated) env.reset();
    }
    return 10_000;
  });
}

function flatEnv(): number {
  const env = new CartPoleEnv();
  const obs = new Float32Array(4);
  env.resetInto(obs, 0, { seed: 0 });
  let k = 0;
  return measure(() => {
    for (let i = 0; i < 10_000; i++) {
      const r = env.stepInto(ACTIONS, k++ & MASK, obs, 0);
      if (r.terminated) env.resetInto(obs, 0);
    }
    return 10_000;
  });
}

function vector(env: VectorEnv): number {
  env.reset({ seed: 0 });
  const n = env.numEnvs;
  // Windows of the pre-generated actions, one per step, without copying.
  const windows = Array.from({ length: 64 }, (_, w) => ACTIONS.subarray((w * n) & MASK, ((w * n) & MASK) + n)).filter((a) => a.length === n);
  let k = 0;
  const stepsPerChunk = Math.max(1, Math.round(40_000 / n));
  return measure(() => {
    for (let i = 0; i < stepsPerChunk; i++) env.step(windows[k++ % windows.length]);
    return stepsPerChunk * n;
  });
}

function fmt(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${(x / 1e3).toFixed(0)}k`;
}

const figures: Record<string, number> = {};
function report(name: string, stepsPerSec: number): void {
  figures[name] = Math.round(stepsPerSec);
  console.log(`${name.padEnd(34)} ${fmt(stepsPerSec).padStart(8)} steps/s   ${(stepsPerSec / GYMNASIUM_STEPS_PER_SEC).toFixed(1).padStart(6)}× Gymnasium`);
}

const load = loadavg()[0];
console.log(`CartPole-v1 throughput on ${availableParallelism()} cores, load average ${load.toFixed(1)} (timings are noisy when other work shares the machine)`);
report('single_raw', singleEnv(new CartPoleEnv()));
report('single_make', singleEnv(make('CartPole-v1')));
report('single_flat', flatEnv());
for (const n of [16, 256]) {
  const env = new SyncVectorEnv(Array.from({ length: n }, () => () => make('CartPole-v1')));
  report(`sync_vector_${n}`, vector(env));
  env.close();
}
// Two threads on two cores: one worker plus the calling thread stepping its own share.
for (const n of [256, 1024, 4096]) {
  const env = await WorkerVectorEnv.create('CartPole-v1', n, { numWorkers: 1, useMainThread: true });
  report(`worker_vector_${n}_2threads`, vector(env));
  env.close();
}

const targets = { single_api: 30 * GYMNASIUM_STEPS_PER_SEC, vector: 100 * GYMNASIUM_STEPS_PER_SEC };
const best = (prefix: string): number => Math.max(...Object.entries(figures).filter(([k]) => k.startsWith(prefix)).map(([, v]) => v));
console.log(`targets: single-env API ≥ ${fmt(targets.single_api)} (30×): ${best('single_raw') >= targets.single_api ? 'met' : 'not met'}; vector ≥ ${fmt(targets.vector)} (100×): ${Math.max(best('sync_'), best('worker_')) >= targets.vector ? 'met' : 'not met'}`);
console.log(JSON.stringify({ bench: 'env', figures, targets, loadAverage: Math.round(load * 10) / 10 }));
