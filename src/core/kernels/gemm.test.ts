import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Rng } from '../rng.js';
import type { Kernels } from './types.js';
import { referenceKernels } from './reference.js';
import { wasmKernels, kernels, kernelsByName, loadWasmKernels, KernelSelectionError, KernelUnavailableError } from './index.js';

const rng = new Rng(20261121);

function randomArray(len: number): Float32Array {
  const out = new Float32Array(len);
  for (let i = 0; i < len; i++) out[i] = rng.uniform(-1, 1);
  return out;
}

// Textbook triple loop in double precision: the oracle both kernel sets are checked against.
function naive(transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, aOff: number, b: Float32Array, bOff: number, c: Float64Array, accumulate: boolean): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = accumulate ? c[i * n + j] : 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
        const bv = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
        s += av * bv;
      }
      c[i * n + j] = s;
    }
  }
}

const PAD = 5; // guard elements before and after each operand, to check offsets and overruns

function check(kern: Kernels, transA: boolean, transB: boolean, m: number, n: number, k: number, accumulate: boolean): void {
  const a = randomArray(m * k + 2 * PAD), b = randomArray(k * n + 2 * PAD), c = randomArray(m * n + 2 * PAD);
  const expected = new Float64Array(m * n);
  for (let i = 0; i < m * n; i++) expected[i] = c[PAD + i];
  naive(transA, transB, m, n, k, a, PAD, b, PAD, expected, accumulate);
  const before = c.slice();
  kern.gemm(transA, transB, m, n, k, a, PAD, b, PAD, c, PAD, accumulate);
  const label = `${kern.name} transA=${transA} transB=${transB} m=${m} n=${n} k=${k} accumulate=${accumulate}`;
  for (let i = 0; i < PAD; i++) {
    assert.equal(c[i], before[i], `${label}: wrote before C`);
    assert.equal(c[PAD + m * n + i], before[PAD + m * n + i], `${label}: wrote past C`);
  }
  // Inputs are in [-1, 1], so each entry's rounding error is bounded by ~k·2^-24 in float32.
  const tol = 1e-5 * (k + 2);
  for (let i = 0; i < m * n; i++) {
    const got = c[PAD + i];
    if (!(Math.abs(got - expected[i]) <= tol)) assert.fail(`${label}: C[${i}] = ${got}, expected ${expected[i]}`);
  }
}

const SIZES = [1, 2, 3, 7, 8, 10, 17, 65, 130];
const COMBOS: Array<[boolean, boolean]> = [[false, false], [true, false], [false, true], [true, true]];

function suite(kern: Kernels, sizes: number[]): void {
  for (const [transA, transB] of COMBOS) {
    for (const m of sizes) for (const n of sizes) for (const k of sizes) {
      check(kern, transA, transB, m, n, k, (m + n + k) % 2 === 0);
    }
  }
}

test('the wasm SIMD kernels load in Node and are the default', () => {
  assert.ok(wasmKernels, 'WebAssembly SIMD is available in Node ≥ 16.4, so the wasm kernels must load');
  if (process.env.LUDUS_KERNELS === undefined) assert.equal(kernels(), wasmKernels);
});

test('reference GEMM matches the triple loop for all transposes, odd sizes, offsets and accumulate', () => {
  suite(referenceKernels, [1, 3, 7, 17, 65]);
  for (const [transA, transB] of COMBOS) {
    for (const accumulate of [false, true]) check(referenceKernels, transA, transB, 130, 33, 130, accumulate);
    check(referenceKernels, transA, transB, 21, 37, 523, true); // several depth blocks
  }
});

test('wasm GEMM matches the triple loop for all transposes, odd sizes, offsets and accumulate', () => {
  assert.ok(wasmKernels);
  suite(wasmKernels, SIZES);
});

test('wasm GEMM handles products larger than one cache block in every dimension', () => {
  assert.ok(wasmKernels);
  // m > MC (144), k > KC (256), n spanning many panels; both accumulate modes.
  for (const [transA, transB] of COMBOS) {
    check(wasmKernels, transA, transB, 301, 37, 523, false);
    check(wasmKernels, transA, transB, 150, 70, 260, true);
    check(wasmKernels, transA, transB, 5, 37, 523, true); // small batch: B read in place, per depth block
  }
});

test('wasm GEMM with k = 0 clears C, or leaves it when accumulating', () => {
  assert.ok(wasmKernels);
  for (const kern of [wasmKernels, referenceKernels]) {
    const c = new Float32Array([1, 2, 3, 4]);
    kern.gemm(false, false, 2, 2, 0, new Float32Array(0), 0, new Float32Array(0), 0, c, 0, true);
    assert.deepEqual([...c], [1, 2, 3, 4], kern.name);
    kern.gemm(false, false, 2, 2, 0, new Float32Array(0), 0, new Float32Array(0), 0, c, 0, false);
    assert.deepEqual([...c], [0, 0, 0, 0], kern.name);
  }
});

test('GEMM propagates NaN and infinity like IEEE arithmetic', () => {
  assert.ok(wasmKernels);
  for (const kern of [wasmKernels, referenceKernels]) {
    const m = 20, n = 20, k = 20;
    const a = new Float32Array(m * k), b = randomArray(k * n), c = new Float32Array(m * n);
    b[3] = Number.POSITIVE_INFINITY; // row 0 of B; A is all zero, and 0·∞ = NaN
    kern.gemm(false, false, m, n, k, a, 0, b, 0, c, 0, false);
    assert.ok(Number.isNaN(c[3]), `${kern.name}: 0·∞ must give NaN`);
    assert.equal(c[4], 0, kern.name);
  }
});

test('kernelsByName selects a set and rejects unknown names', () => {
  assert.equal(kernelsByName('reference'), referenceKernels);
  assert.equal(kernelsByName('wasm'), wasmKernels);
  assert.throws(() => kernelsByName('gpu'), KernelSelectionError);
});

test('LUDUS_KERNELS chooses the kernel set at import', () => {
  const probe = (value: string) => spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
    `import { kernels } from '${new URL('./index.ts', import.meta.url).href}'; console.log(kernels().name);`],
  { env: { ...process.env, LUDUS_KERNELS: value }, encoding: 'utf8' });
  const ref = probe('reference');
  assert.equal(ref.status, 0, ref.stderr);
  assert.equal(ref.stdout.trim(), 'reference');
  const wasm = probe('wasm');
  assert.equal(wasm.stdout.trim(), 'wasm-simd');
  const bad = probe('cuda');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /LUDUS_KERNELS=cuda: unknown kernel set 'cuda'/);
});

test('a runtime without WebAssembly SIMD gets a clear KernelUnavailableError', (t) => {
  // validate() is how a runtime without SIMD reports the module; simulate one.
  const wasmApi = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
  t.mock.method(wasmApi, 'validate', () => false);
  assert.throws(() => loadWasmKernels(), (err: unknown) =>
    err instanceof KernelUnavailableError && /does not support WebAssembly SIMD.*reference kernels are used instead/.test(err.message));
});

test('each loaded wasm kernel set has its own memory and grows it on demand', () => {
  const fresh = loadWasmKernels();
  check(fresh, false, false, 50, 50, 50, false); // output > 2048 elements: copied through a cached view
  // Far larger than the initial 64 KiB page: forces memory.grow, which detaches the cached views.
  check(fresh, false, true, 200, 190, 180, false);
  check(fresh, false, false, 50, 50, 50, true);
  check(fresh, true, false, 3, 5, 7, true);
});

test('a product larger than the memory cap runs in JavaScript instead', () => {
  const capped = loadWasmKernels({ maxMemoryBytes: 1 << 20 });
  check(capped, false, false, 40, 40, 40, false); // fits in 1 MiB: wasm
  check(capped, true, true, 300, 310, 290, true); // needs ~1.4 MiB: reference, same result
  check(capped, false, false, 40, 40, 40, true); // and wasm again afterwards
  assert.throws(() => loadWasmKernels({ maxMemoryBytes: 1000 }), /at least one 64 KiB page/);
});
