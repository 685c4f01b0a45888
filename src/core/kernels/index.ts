// The active kernel set. Primitives call `kernels()`; `useKernels` swaps the implementation.
import type { Kernels } from './types.js';
import { referenceKernels } from './reference.js';

export type { Kernels } from './types.js';
export { referenceKernels } from './reference.js';

let active: Kernels = referenceKernels;

export function kernels(): Kernels {
  return active;
}

export function useKernels(k: Kernels): void {
  active = k;
}
