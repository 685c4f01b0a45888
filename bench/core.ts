// Core numeric benchmark: Ludus against TensorFlow.js (cpu and wasm backends) on the workloads RL
// runs — policy inference, PPO minibatch updates, a MinAtar-sized conv net update — and raw GEMM.
// Ludus runs with the WebAssembly SIMD kernels and, for comparison, the plain TypeScript ones.
// Timings are medians of several samples after warm-up; on a shared machine they are noisy.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { Rng } from '../src/core/rng.js';
import { kernels, useKernels, referenceKernels, wasmKernels, type Kernels } from '../src/core/kernels/index.js';

const QUICK = process.argv.includes('--quick');
const SAMPLE_MS = QUICK ? 40 : 120;
const SAMPLES = QUICK ? 3 : 5;

// ---- timing -------------------------------------------------------------------------------------

/** Median milliseconds per call of `fn`, after warm-up, over SAMPLES samples of ~SAMPLE_MS each. */
function timeIt(fn: () => void): number {
  let calls = 0;
  const warmStart = performance.now();
  while (calls < 3 || (performance.now() - warmStart < SAMPLE_MS && calls < 1000)) {
    fn();
    calls++;
    // A call longer than a whole sample is warm after one run; three samples of one call suffice.
    if (performance.now() - warmStart > SAMPLE_MS) break;
  }
  const perCall = (performance.now() - warmStart) / calls;
  const reps = Math.max(1, Math.round(SAMPLE_MS / perCall));
  const samples: number[] = [];
  const sampleCount = perCall > SAMPLE_MS ? 3 : SAMPLES;
  for (let s = 0; s < sampleCount; s++) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) fn();
    samples.push((performance.now() - t0) / reps);
  }
  samples.sort((x, y) => x - y);
  return samples[Math.floor(samples.length / 2)];
}

const rng = new Rng(1234);

function randomArray(n: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal(0, scale);
  return out;
}

// ---- TensorFlow.js setup ------------------------------------------------------------------------

type Backend = 'cpu' | 'wasm';

async function useTf(backend: Backend): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
  await tf.ready();
}

const figures: Record<string, number> = {};
const targets: Record<string, { target: number; value: number; met: boolean }> = {};
const lines: string[] = [];

function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

function record(key: string, value: number): void {
  figures[key] = Number(value.toPrecision(4));
}

function target(key: string, goal: number, value: number): void {
  targets[key] = { target: goal, value: Number(value.toPrecision(4)), met: value >= goal };
}

// ---- (d) GEMM -----------------------------------------------------------------------------------

function ludusGemm(k: Kernels, n: number): number {
  const a = randomArray(n * n), b = randomArray(n * n), c = new Float32Array(n * n);
  const ms = timeIt(() => k.gemm(false, false, n, n, n, a, 0, b, 0, c, 0, false));
  return (2 * n * n * n) / ms / 1e6;
}

function tfGemm(n: number): number {
  const a = tf.tensor2d(randomArray(n * n), [n, n]), b = tf.tensor2d(randomArray(n * n), [n, n]);
  const ms = timeIt(() => {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  });
  a.dispose();
  b.dispose();
  return (2 * n * n * n) / ms / 1e6;
}

async function benchGemm(): Promise<void> {
  lines.push('', '(d) GEMM, C = A·B, single thread [GFLOP/s, higher is better]');
  lines.push('  size      ludus-wasm  ludus-ref  tfjs-wasm  tfjs-cpu   ludus/tfjs-wasm');
  for (const n of [256, 1024]) {
    const lw = wasmKernels ? ludusGemm(wasmKernels, n) : NaN;
    const lr = n <= 256 || !QUICK ? ludusGemm(referenceKernels, n) : NaN;
    await useTf('wasm');
    const tw = tfGemm(n);
    await useTf('cpu');
    const tc = n <= 256 || !QUICK ? tfGemm(n) : NaN;
    lines.push(`  ${`${n}³`.padEnd(8)}  ${fmt(lw).padStart(10)}  ${fmt(lr).padStart(9)}  ${fmt(tw).padStart(9)}  ${fmt(tc).padStart(8)}   ${fmt(lw / tw, 2).padStart(8)}×`);
    record(`d_gemm${n}_ludus_wasm_gflops`, lw);
    record(`d_gemm${n}_ludus_ref_gflops`, lr);
    record(`d_gemm${n}_tfjs_wasm_gflops`, tw);
    record(`d_gemm${n}_tfjs_cpu_gflops`, tc);
    target(`d_gemm${n}_vs_tfjs_wasm`, 0.9, lw / tw);
  }
}

// ---- main ---------------------------------------------------------------------------------------

setWasmPaths(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).pathname);
setThreadsCount(1);
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

const initialKernels = kernels();
await benchGemm();
useKernels(initialKernels);

console.log(`Ludus core benchmark — Node ${process.version}, kernels: ${wasmKernels ? 'wasm-simd available' : 'wasm unavailable'}; ` +
  `tfjs ${tf.version.tfjs}, single-threaded. Timings are medians of ${SAMPLES} samples; the machine is shared, so expect ±10-20% noise.`);
for (const l of lines) console.log(l);
console.log(JSON.stringify({ bench: 'core', figures, targets }));
