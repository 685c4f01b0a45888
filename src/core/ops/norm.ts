// Layer normalisation over the last dimension, fused: one pass for statistics, one for the output,
// and a closed-form backward.

import { Node, Tensor, empty, gradOf, run, scratchF32, ShapeError, fmt } from '../tensor.js';

class LayerNormNode extends Node {
  /** Per row: mean and 1/sqrt(var + eps). */
  readonly mean: Float32Array;
  readonly rstd: Float32Array;

  constructor(readonly x: Tensor, readonly gamma: Tensor | null, readonly beta: Tensor | null, readonly y: Tensor, readonly rows: number, readonly d: number, readonly eps: number) {
    super([x, ...(gamma !== null ? [gamma] : []), ...(beta !== null ? [beta] : [])], [y]);
    this.mean = scratchF32(rows);
    this.rstd = scratchF32(rows);
  }

  forward(): void {
    const x = this.x.data, y = this.y.data, { rows, d, eps } = this;
    const ga = this.gamma?.data ?? null, be = this.beta?.data ?? null;
    for (let r = 0; r < rows; r++) {
      const o = r * d;
      let s = 0;
      for (let i = 0; i < d; i++) s += x[o + i];
      const mu = s / d;
      let v = 0;
      for (let i = 0; i < d; i++) { const t = x[o + i] - mu; v += t * t; }
      const rs = 1 / Math.sqrt(v / d + eps);
      this.mean[r] = mu;
      this.rstd[r] = rs;
      for (let i = 0; i < d; i++) {
        let t = (x[o + i] - mu) * rs;
        if (ga !== null) t *= ga[i];
        if (be !== null) t += be[i];
        y[o + i] = t;
      }
    }
  }

  backward(): void {
    const x = this.x.data, g = this.y.grad as Float32Array, { rows, d } = this;
    const ga = this.gamma?.data ?? null;
    const gg = this.gamma !== null && this.gamma.requiresGrad ? gradOf(this.gamma) : null;
    const gbeta = this.beta !== null && this.beta.requiresGrad ? gradOf(this.beta) : null;
    const gx = this.x.requiresGrad ? gradOf(this.x) : null;
    for (let r = 0; r < rows; r++) {
      const o = r * d, mu = this.mean[r], rs = this.rstd[r];
      // dx = rstd · (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat)), dxhat = dy · gamma
      let s1 = 0, s2 = 0;
      for (let i = 0; i < d; i++) {
        const xh = (x[o + i] - mu) * rs, gy = g[o + i];
        if (gg !== null) gg[i] += gy * xh;
        if (gbeta !== null) gbeta[i] += gy;
        const dxh = ga !== null ? gy * ga[i] : gy;
        s1 += dxh;
        s2 += dxh * xh;
      }
      if (gx === null) continue;
      s1 /= d;
      s2 /= d;
      for (let i = 0; i < d; i++) {
        const xh = (x[o + i] - mu) * rs;
        const dxh = ga !== null ? g[o + i] * ga[i] : g[o + i];
        gx[o + i] += rs * (dxh - s1 - xh * s2);
      }
    }
  }
}

/** (x − mean) / sqrt(var + eps) · gamma + beta over the last dimension (biased variance, as PyTorch). */
export function layerNorm(x: Tensor, gamma: Tensor | null = null, beta: Tensor | null = null, eps = 1e-5): Tensor {
  const d = x.shape[x.shape.length - 1];
  if (x.shape.length === 0 || d === 0) throw new ShapeError(`layerNorm: cannot normalise shape ${fmt(x.shape)}`);
  for (const p of [gamma, beta]) {
    if (p !== null && (p.shape.length !== 1 || p.shape[0] !== d)) throw new ShapeError(`layerNorm: parameter ${fmt(p.shape)} does not fit last dimension ${d}`);
  }
  const y = empty(x.shape);
  run(new LayerNormNode(x, gamma, beta, y, x.size / d, d, eps));
  return y;
}
