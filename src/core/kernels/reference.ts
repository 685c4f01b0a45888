// Plain TypeScript kernels: the reference every faster kernel is checked against.
import type { Kernels } from './types.js';

export const referenceKernels: Kernels = {
  name: 'reference',
  gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate) {
    if (!accumulate) c.fill(0, cOff, cOff + m * n);
    // i-p-j loop order keeps the inner loop contiguous in B and C when B is not transposed.
    for (let i = 0; i < m; i++) {
      const cRow = cOff + i * n;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
        if (av === 0) continue;
        if (transB) {
          for (let j = 0; j < n; j++) c[cRow + j] += av * b[bOff + j * k + p];
        } else {
          const bRow = bOff + p * n;
          for (let j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
        }
      }
    }
  },
};
