// Multi-head scaled dot-product attention, fused: head split, scores, causal mask, softmax and
// the weighted sum in one node, with the products done by the GEMM kernel per (batch, head).
//   per head h: P = softmax(Q_h·K_hᵀ / sqrt(D) + mask),  O_h = P·V_h,  out = [O_1 … O_H]
// q [B, Tq, C], k and v [B, Tk, C], C = heads·D; out [B, Tq, C]. With `causal`, query i sees keys
// j ≤ i + (Tk − Tq) (the usual lower-triangular mask when Tq = Tk).

import { kernels } from '../kernels/index.js';
import { Node, Tensor, empty, gradOf, run, scratchF32, ShapeError, fmt } from '../tensor.js';

export interface AttentionOptions {
  /** Mask future keys (decoder self-attention). Default false. */
  causal?: boolean;
}

class AttentionNode extends Node {
  // Head-major copies [B, H, T, D] of the inputs, the attention weights [B, H, Tq, Tk], workspace.
  readonly qh: Float32Array;
  readonly kh: Float32Array;
  readonly vh: Float32Array;
  readonly p: Float32Array;
  readonly tmp: Float32Array;

  constructor(
    readonly q: Tensor, readonly k: Tensor, readonly v: Tensor, readonly y: Tensor,
    readonly B: number, readonly Tq: number, readonly Tk: number, readonly H: number, readonly D: number, readonly causal: boolean,
  ) {
    super([q, k, v], [y]);
    this.qh = scratchF32(B * H * Tq * D);
    this.kh = scratchF32(B * H * Tk * D);
    this.vh = scratchF32(B * H * Tk * D);
    this.p = scratchF32(B * H * Tq * Tk);
    this.tmp = scratchF32(Tq * D);
  }

  forward(): void {
    const { B, Tq, Tk, H, D, causal } = this, C = H * D, g = kernels();
    split(this.q.data, this.qh, B, Tq, H, D);
    split(this.k.data, this.kh, B, Tk, H, D);
    split(this.v.data, this.vh, B, Tk, H, D);
    const P = this.p, out = this.y.data, tmp = this.tmp, sc = 1 / Math.sqrt(D), shift = Tk - Tq;
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < H; h++) {
        const bh = b * H + h, qo = bh * Tq * D, ko = bh * Tk * D, po = bh * Tq * Tk;
        g.gemm(false, true, Tq, Tk, D, this.qh, qo, this.kh, ko, P, po, false);
        for (let i = 0; i < Tq; i++) {
          const row = po + i * Tk, lim = causal ? Math.min(Tk, i + shift + 1) : Tk;
          let m = -Infinity;
          for (let j = 0; j < lim; j++) { const s = P[row + j] * sc; P[row + j] = s; if (s > m) m = s; }
          let z = 0;
          for (let j = 0; j < lim; j++) { const e = Math.exp(P[row + j] - m); P[row + j] = e; z += e; }
          const r = lim > 0 ? 1 / z : 0;
          for (let j = 0; j < lim; j++) P[row + j] *= r;
          for (let j = lim; j < Tk; j++) P[row + j] = 0;
        }
        g.gemm(false, false, Tq, D, Tk, P, po, this.vh, ko, tmp, 0, false);
        for (let t = 0; t < Tq; t++) {
          const yo = (b * Tq + t) * C + h * D;
          for (let d = 0; d < D; d++) out[yo + d] = tmp[t * D + d];
        }
      }
    }
  }

  backward(): void {
    const { B, Tq, Tk, H, D } = this, C = H * D, g = kernels(), G = this.y.grad as Float32Array, P = this.p;
    const gq = this.q.requiresGrad ? gradOf(this.q) : null;
    const gk = this.k.requiresGrad ? gradOf(this.k) : null;
    const gv = this.v.requiresGrad ? gradOf(this.v) : null;
    const dO = scratchF32(Tq * D), dP = scratchF32(Tq * Tk), dT = scratchF32(Math.max(Tq, Tk) * D);
    const sc = 1 / Math.sqrt(D);
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < H; h++) {
        const bh = b * H + h, qo = bh * Tq * D, ko = bh * Tk * D, po = bh * Tq * Tk;
        for (let t = 0; t < Tq; t++) {
          const yo = (b * Tq + t) * C + h * D;
          for (let d = 0; d < D; d++) dO[t * D + d] = G[yo + d];
        }
        if (gv !== null) {
          g.gemm(true, false, Tk, D, Tq, P, po, dO, 0, dT, 0, false); // dV = Pᵀ·dO
          merge(dT, gv, b, Tk, h, H, D);
        }
        if (gq === null && gk === null) continue;
        g.gemm(false, true, Tq, Tk, D, dO, 0, this.vh, ko, dP, 0, false); // dP = dO·Vᵀ
        for (let i = 0; i < Tq; i++) {
          // dS = P ⊙ (dP − Σ_j dP·P), times the score scale
          const row = i * Tk, prow = po + i * Tk;
          let s = 0;
          for (let j = 0; j < Tk; j++) s += dP[row + j] * P[prow + j];
          for (let j = 0; j < Tk; j++) dP[row + j] = P[prow + j] * (dP[row + j] - s) * sc;
        }
        if (gq !== null) {
          g.gemm(false, false, Tq, D, Tk, dP, 0, this.kh, ko, dT, 0, false); // dQ = dS·K
          merge(dT, gq, b, Tq, h, H, D);
        }
        if (gk !== null) {
          g.gemm(true, false, Tk, D, Tq, dP, 0, this.qh, qo, dT, 0, false); // dK = dSᵀ·Q
          merge(dT, gk, b, Tk, h, H, D);
        }
      }
    }
  }
}

/** [B, T, H·D] → [B, H, T, D]. */
function split(src: Float32Array, dst: Float32Array, B: number, T: number, H: number, D: number): void {
  const C = H * D;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      let o = ((b * H + h) * T) * D;
      for (let t = 0; t < T; t++) {
        const s = (b * T + t) * C + h * D;
        for (let d = 0; d < D; d++) dst[o++] = src[s + d];
      }
    }
  }
}

/** Adds one head's [T, D] gradient into its columns of a [B, T, H·D] gradient. */
function merge(src: Float32Array, dst: Float32Array, b: number, T: number, h: number, H: number, D: number): void {
  const C = H * D;
  for (let t = 0; t < T; t++) {
    const o = (b * T + t) * C + h * D;
    for (let d = 0; d < D; d++) dst[o + d] += src[t * D + d];
  }
}

/** Multi-head attention over q [B, Tq, C], k and v [B, Tk, C] with `heads` heads of size C / heads. */
export function multiHeadAttention(q: Tensor, k: Tensor, v: Tensor, heads: number, opts: AttentionOptions = {}): Tensor {
  if (q.shape.length !== 3 || k.shape.length !== 3 || v.shape.length !== 3) throw new ShapeError('multiHeadAttention: q, k and v must be [B, T, C]');
  const [B, Tq, C] = q.shape, Tk = k.shape[1];
  if (k.shape[0] !== B || v.shape[0] !== B || k.shape[2] !== C || v.shape[2] !== C || v.shape[1] !== Tk) {
    throw new ShapeError(`multiHeadAttention: q ${fmt(q.shape)}, k ${fmt(k.shape)}, v ${fmt(v.shape)} do not fit`);
  }
  if (!(Number.isInteger(heads) && heads > 0 && C % heads === 0)) throw new ShapeError(`multiHeadAttention: ${heads} heads do not divide ${C} channels`);
  const y = empty([B, Tq, C]);
  run(new AttentionNode(q, k, v, y, B, Tq, Tk, heads, C / heads, opts.causal ?? false));
  return y;
}
