// The WebAssembly SIMD kernel set: GEMM and tanh compiled from assembly/, instantiated
// synchronously at import (the module is a few KiB, under the browsers' synchronous-compile
// limit). Operands are copied into the module's linear memory, which grows on demand; the copy
// costs O(mn + nk + mk) against O(mnk) arithmetic, and tiny products stay in JavaScript.
import type { Kernels } from './types.js';
import { referenceKernels } from './reference.js';
import { wasmBase64 } from './generated/kernels.js';

/** Thrown when the WebAssembly SIMD kernels are requested but this runtime cannot run them. */
export class KernelUnavailableError extends Error {
  override readonly name = 'KernelUnavailableError';
}

// The slice of the WebAssembly JS API used here, typed locally because the project compiles
// without the DOM library; looked up on globalThis so a runtime without it is detected, not crashed.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: object };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
}

interface GemmExports {
  heapBase(): number;
  scratchBytes(m: number, n: number, k: number): number;
  gemm(transA: number, transB: number, m: number, n: number, k: number,
    a: number, b: number, c: number, accumulate: number, scratch: number): void;
  tanh(x: number, y: number, n: number): void;
}

// Below this many multiply-adds the JavaScript loop beats the call and copy overhead
// (measured: at 8×4×8 they tie; an 8×64×64 product is ~6× faster in wasm).
const SMALL_GEMM_MACS = 512;
// Copies of a part of an array (an operand at an offset) with fewer elements run as a plain
// loop, which allocates nothing; longer ones go through a subarray view and memcpy, whose one
// small allocation is negligible next to the work. Whole arrays are copied without either.
const LOOP_COPY_MAX = 2048;
// Results are copied out (memcpy) from a view of the output region, cached per length; a
// training loop repeats a handful of shapes, so the cache stays small (cleared if it grows large).
const MAX_CACHED_VIEWS = 64;
const PAGE = 65536;
// wasm32 addresses are 32-bit; stay clear of the top of the address space.
const MAX_MEMORY_BYTES = 2 ** 32 - 16 * PAGE;

export interface WasmKernelOptions {
  /**
   * Most linear memory the kernels may use, in bytes (default: all a 32-bit module can address,
   * about 4 GiB). A call that would need more runs the reference kernel instead.
   */
  maxMemoryBytes?: number;
}

function decodeBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// Arithmetic, not bit masks: addresses may exceed 2^31, where JavaScript's bit operators wrap.
function align(x: number): number {
  return Math.ceil(x / 64) * 64;
}

function copyIn(dst: Float32Array, at: number, src: Float32Array, off: number, len: number): void {
  if (off === 0 && src.length === len) dst.set(src, at);
  else if (len > LOOP_COPY_MAX) dst.set(src.subarray(off, off + len), at);
  else for (let i = 0; i < len; i++) dst[at + i] = src[off + i];
}

/**
 * Compiles and instantiates a fresh WebAssembly kernel set (each has its own linear memory).
 * Throws KernelUnavailableError when the runtime lacks WebAssembly or its SIMD extension.
 */
export function loadWasmKernels(options: WasmKernelOptions = {}): Kernels {
  const maxBytes = Math.min(options.maxMemoryBytes ?? MAX_MEMORY_BYTES, MAX_MEMORY_BYTES);
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) throw new KernelUnavailableError('this runtime has no WebAssembly; the reference kernels are used instead');
  const bytes = decodeBase64(wasmBase64);
  if (!wasm.validate(bytes)) {
    throw new KernelUnavailableError('this runtime does not support WebAssembly SIMD (fixed-width v128); ' +
      'Node.js ≥ 16.4 and current browsers do — the reference kernels are used instead');
  }
  const maxPages = Math.floor(maxBytes / PAGE);
  if (maxPages < 1) throw new RangeError(`maxMemoryBytes must be at least one 64 KiB page, got ${options.maxMemoryBytes}`);
  // A declared maximum only when asked for: without one, the engine's own limit applies.
  const memory = new wasm.Memory(options.maxMemoryBytes === undefined ? { initial: 1 } : { initial: 1, maximum: maxPages });
  const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
  const ex = instance.exports as unknown as GemmExports;
  // Layout from `base`: the output (C, or tanh's in-place buffer) first, so its address is fixed
  // and its views can be cached; then A, B and the GEMM's packing scratch.
  const base = align(ex.heapBase());
  let heap = new Float32Array(memory.buffer);
  const outViews = new Map<number, Float32Array>();

  /** Makes the memory at least `bytesNeeded` long; false if that is more than it may grow to. */
  function ensure(bytesNeeded: number): boolean {
    const have = memory.buffer.byteLength;
    if (bytesNeeded <= have) return true;
    if (bytesNeeded > maxPages * PAGE) return false;
    // Grow geometrically so a sequence of slightly larger products does not grow every call.
    const want = Math.min(Math.max(bytesNeeded, have * 1.5), maxPages * PAGE);
    try {
      memory.grow(Math.ceil((want - have) / PAGE));
    } catch (err) {
      // The engine refused the memory (RangeError: out of memory): this call runs in JavaScript.
      if (err instanceof RangeError) return false;
      throw err;
    }
    heap = new Float32Array(memory.buffer);
    outViews.clear(); // views of the old buffer are detached
    return true;
  }

  function copyOut(dst: Float32Array, off: number, len: number): void {
    let view = outViews.get(len);
    if (view === undefined) {
      if (outViews.size >= MAX_CACHED_VIEWS) outViews.clear();
      view = heap.subarray(base >>> 2, (base >>> 2) + len);
      outViews.set(len, view);
    }
    dst.set(view, off);
  }

  return {
    name: 'wasm-simd',
    gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate) {
      if (m * n * k < SMALL_GEMM_MACS) {
        referenceKernels.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        return;
      }
      const aLen = m * k, bLen = k * n, cLen = m * n;
      const cPtr = base;
      const aPtr = align(cPtr + cLen * 4);
      const bPtr = align(aPtr + aLen * 4);
      const sPtr = align(bPtr + bLen * 4);
      if (!ensure(sPtr + ex.scratchBytes(m, n, k))) {
        referenceKernels.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        return;
      }
      copyIn(heap, aPtr >>> 2, a, aOff, aLen);
      copyIn(heap, bPtr >>> 2, b, bOff, bLen);
      if (accumulate) copyIn(heap, cPtr >>> 2, c, cOff, cLen);
      ex.gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, aPtr, bPtr, cPtr, accumulate ? 1 : 0, sPtr);
      copyOut(c, cOff, cLen);
    },
    tanh(x, xOff, y, yOff, n) {
      if (!ensure(base + n * 4)) {
        referenceKernels.tanh(x, xOff, y, yOff, n);
        return;
      }
      copyIn(heap, base >>> 2, x, xOff, n);
      ex.tanh(base, base, n);
      copyOut(y, yOff, n);
    },
  };
}

function tryInstantiate(): { kernels: Kernels | null; reason: string | null } {
  try {
    return { kernels: loadWasmKernels(), reason: null };
  } catch (err) {
    // Validation passed, so a failure here (e.g. a content-security policy forbidding compilation)
    // is a property of the runtime: report it and fall back rather than break every import.
    const message = err instanceof Error ? err.message : String(err);
    return { kernels: null, reason: err instanceof KernelUnavailableError ? message : `the WebAssembly kernel module failed to load: ${message}` };
  }
}

const loaded = tryInstantiate();

/** The WebAssembly SIMD kernels, or null when this runtime cannot run them (see wasmUnavailableReason). */
export const wasmKernels: Kernels | null = loaded.kernels;
/** Why wasmKernels is null; null when they loaded. */
export const wasmUnavailableReason: string | null = loaded.reason;
