// The active kernel set. Primitives call `kernels()`; `useKernels` swaps the implementation.
// The default is the WebAssembly SIMD set when the runtime supports it, else the reference;
// the environment variable LUDUS_KERNELS=reference|wasm overrides that choice at import.
import type { Kernels } from './types.js';
import { referenceKernels } from './reference.js';
import { wasmKernels, wasmUnavailableReason, KernelUnavailableError } from './wasm.js';

export type { Kernels } from './types.js';
export { referenceKernels } from './reference.js';
export { wasmKernels, wasmUnavailableReason, loadWasmKernels, KernelUnavailableError, type WasmKernelOptions } from './wasm.js';

/** Thrown when LUDUS_KERNELS names no known kernel set. */
export class KernelSelectionError extends Error {
  override readonly name = 'KernelSelectionError';
}

/** The kernel set called `name` ('reference' or 'wasm'); throws if it cannot run here. */
export function kernelsByName(name: string): Kernels {
  if (name === 'reference') return referenceKernels;
  if (name === 'wasm') {
    if (wasmKernels === null) throw new KernelUnavailableError(`the wasm kernels were requested but cannot run: ${wasmUnavailableReason}`);
    return wasmKernels;
  }
  throw new KernelSelectionError(`unknown kernel set '${name}': use 'reference' or 'wasm'`);
}

function initialKernels(): Kernels {
  // `process` is absent in browsers; there the default applies.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const requested = env?.LUDUS_KERNELS;
  if (requested !== undefined && requested !== '') {
    try {
      return kernelsByName(requested);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new KernelSelectionError(`LUDUS_KERNELS=${requested}: ${message}`);
    }
  }
  return wasmKernels ?? referenceKernels;
}

let active: Kernels = initialKernels();

export function kernels(): Kernels {
  return active;
}

export function useKernels(k: Kernels): void {
  active = k;
}
