// Matrix products through the active GEMM kernel (kernels().gemm), so a faster kernel speeds
// up every layer: batched matmul with transpose flags, and `linear` (x·W + b, the dense layer).

import { kernels } from '../kernels/index.js';
import { Node, Tensor, empty, gradOf, run, ShapeError, fmt } from '../tensor.js';

export interface MatmulOptions {
  /** Use Aᵀ: A's last two dimensions are [K, M]. */
  transA?: boolean;
  /** Use Bᵀ: B's last two dimensions are [N, K]. */
  transB?: boolean;
}

class MatmulNode extends Node {
  constructor(
    readonly a: Tensor, readonly b: Tensor, readonly y: Tensor,
    readonly transA: boolean, readonly transB: boolean,
    readonly batch: number, readonly m: number, readonly n: number, readonly k: number,
    /** Whether A (B) has one matrix per batch entry, rather than one shared matrix. */
    readonly batchA: boolean, readonly batchB: boolean,
  ) {
    super([a, b], [y]);
  }

  forward(): void {
    const { transA, transB, batch, m, n, k, batchA, batchB } = this;
    const A = this.a.data, Bd = this.b.data, Y = this.y.data, g = kernels();
    // A batch of row-major [M, K] matrices times one shared B is a single [batch·M, K] product.
    if (batchA && !batchB && !transA) {
      g.gemm(false, transB, batch * m, n, k, A, 0, Bd, 0, Y, 0, false);
      return;
    }
    for (let i = 0; i < batch; i++) {
      g.gemm(transA, transB, m, n, k, A, batchA ? i * m * k : 0, Bd, batchB ? i * k * n : 0, Y, i * m * n, false);
    }
  }

  backward(): void {
    const { transA, transB, batch, m, n, k, batchA, batchB } = this;
    const A = this.a.data, Bd = this.b.data, G = this.y.grad as Float32Array, g = kernels();
    if (this.a.requiresGrad) {
      const GA = gradOf(this.a);
      if (batchA && !batchB && !transA) {
        // dA = dY · op(B)ᵀ
        g.gemm(false, !transB, batch * m, k, n, G, 0, Bd, 0, GA, 0, true);
      } else {
        for (let i = 0; i < batch; i++) {
          const ao = batchA ? i * m * k : 0, bo = batchB ? i * k * n : 0, yo = i * m * n;
          if (!transA) g.gemm(false, !transB, m, k, n, G, yo, Bd, bo, GA, ao, true);
          else g.gemm(transB, true, k, m, n, Bd, bo, G, yo, GA, ao, true); // dAᵀ = op(B) · dYᵀ
        }
      }
    }
    if (this.b.requiresGrad) {
      const GB = gradOf(this.b);
      if (batchA && !batchB && !transA) {
        if (!transB) g.gemm(true, false, k, n, batch * m, A, 0, G, 0, GB, 0, true); // dB = Aᵀ · dY
        else g.gemm(true, false, n, k, batch * m, G, 0, A, 0, GB, 0, true); // dBᵀ = dYᵀ · A
      } else {
        for (let i = 0; i < batch; i++) {
          const ao = batchA ? i * m * k : 0, bo = batchB ? i * k * n : 0, yo = i * m * n;
          if (!transB) g.gemm(!transA, false, k, n, m, A, ao, G, yo, GB, bo, true);
          else g.gemm(true, transA, n, k, m, G, yo, A, ao, GB, bo, true);
        }
      }
    }
  }
}

/**
 * Matrix product op(A)·op(B) over the last two dimensions. Leading (batch) dimensions must be
 * equal, or one operand is a plain matrix shared by every batch entry.
 */
export function matmul(a: Tensor, b: Tensor, opts: MatmulOptions = {}): Tensor {
  const transA = opts.transA ?? false, transB = opts.transB ?? false;
  const sa = a.shape, sb = b.shape;
  if (sa.length < 2 || sb.length < 2) throw new ShapeError(`matmul needs matrices, got ${fmt(sa)} and ${fmt(sb)}`);
  const m = transA ? sa[sa.length - 1] : sa[sa.length - 2];
  const ka = transA ? sa[sa.length - 2] : sa[sa.length - 1];
  const kb = transB ? sb[sb.length - 1] : sb[sb.length - 2];
  const n = transB ? sb[sb.length - 2] : sb[sb.length - 1];
  if (ka !== kb) throw new ShapeError(`matmul: inner dimensions differ: ${fmt(sa)}${transA ? 'ᵀ' : ''} · ${fmt(sb)}${transB ? 'ᵀ' : ''}`);
  const ba = sa.slice(0, -2), bb = sb.slice(0, -2);
  const batchA = ba.length > 0, batchB = bb.length > 0;
  if (batchA && batchB && (ba.length !== bb.length || ba.some((d, i) => d !== bb[i]))) {
    throw new ShapeError(`matmul: batch dimensions ${fmt(ba)} and ${fmt(bb)} differ`);
  }
  const bdims = batchA ? ba : bb;
  let batch = 1;
  for (const d of bdims) batch *= d;
  const y = empty([...bdims, m, n]);
  run(new MatmulNode(a, b, y, transA, transB, batch, m, n, ka, batchA, batchB));
  return y;
}

// ---------------------------------------------------------------------------------------------

/** Writes `row` (length n) into each of the first `rows` rows of y, by doubling copies. */
export function fillRows(y: Float32Array, row: Float32Array, rows: number, n: number): void {
  if (rows === 0 || n === 0) return;
  for (let j = 0; j < n; j++) y[j] = row[j];
  let filled = n;
  const total = rows * n;
  while (filled < total) {
    const c = Math.min(filled, total - filled);
    y.copyWithin(filled, 0, c);
    filled += c;
  }
}

let ones = new Float32Array(256).fill(1);

/**
 * out[j] += Σ_r g[r·n + j] (the gradient of a bias broadcast over rows), as a 1×rows by rows×n
 * product so that the GEMM kernel's vector loops do the work.
 */
export function addColumnSums(g: Float32Array, rows: number, n: number, out: Float32Array): void {
  if (rows === 0 || n === 0) return;
  if (ones.length < rows) ones = new Float32Array(Math.max(rows, 2 * ones.length)).fill(1);
  kernels().gemm(false, false, 1, n, rows, ones, 0, g, 0, out, 0, true);
}

class LinearNode extends Node {
  constructor(readonly x: Tensor, readonly w: Tensor, readonly b: Tensor | null, readonly y: Tensor, readonly rows: number, readonly nIn: number, readonly nOut: number) {
    super(b !== null ? [x, w, b] : [x, w], [y]);
  }

  forward(): void {
    const { rows, nIn, nOut } = this, Y = this.y.data;
    if (this.b !== null) fillRows(Y, this.b.data, rows, nOut);
    kernels().gemm(false, false, rows, nOut, nIn, this.x.data, 0, this.w.data, 0, Y, 0, this.b !== null);
  }

  backward(): void {
    const { rows, nIn, nOut } = this, G = this.y.grad as Float32Array, g = kernels();
    if (this.x.requiresGrad) g.gemm(false, true, rows, nIn, nOut, G, 0, this.w.data, 0, gradOf(this.x), 0, true);
    if (this.w.requiresGrad) g.gemm(true, false, nIn, nOut, rows, this.x.data, 0, G, 0, gradOf(this.w), 0, true);
    if (this.b !== null && this.b.requiresGrad) addColumnSums(G, rows, nOut, gradOf(this.b));
  }
}

/**
 * The dense layer y = x·W + b over the last dimension of x: x [..., in], W [in, out], b [out].
 * (W is stored input-major, as in tf.layers.dense; a PyTorch nn.Linear weight is its transpose.)
 */
export function linear(x: Tensor, w: Tensor, b: Tensor | null = null): Tensor {
  const sx = x.shape, sw = w.shape;
  if (sw.length !== 2 || sx.length < 1 || sx[sx.length - 1] !== sw[0]) throw new ShapeError(`linear: input ${fmt(sx)} does not fit weight ${fmt(sw)} ([in, out])`);
  if (b !== null && (b.shape.length !== 1 || b.shape[0] !== sw[1])) throw new ShapeError(`linear: bias ${fmt(b.shape)} does not fit weight ${fmt(sw)}`);
  const nIn = sw[0], nOut = sw[1];
  const shape = sx.slice();
  shape[shape.length - 1] = nOut;
  const y = empty(shape);
  run(new LinearNode(x, w, b, y, nIn === 0 ? 0 : x.size / nIn, nIn, nOut));
  return y;
}
