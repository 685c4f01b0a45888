// The WebAssembly kernel module: one instance, one linear memory owned by the caller (wasm.ts).
// scripts/build.mjs compiles this file (and the '_' files it imports) into generated/kernels.ts.
export { gemm, scratchBytes } from './_gemm';
export { tanh } from './_elementwise';

/** Start of memory the caller may use (after static data). */
export function heapBase(): usize {
  return (__heap_base + 63) & ~63;
}
