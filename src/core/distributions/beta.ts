// Beta distribution for bounded continuous actions (Chou et al. 2017), optionally rescaled from
// [0, 1] to [low, high]. Log-density and entropy are differentiable in α and β through the
// lgamma and digamma primitives. A policy usually produces α = 1 + softplus(z_α), β = 1 + softplus(z_β).

import type { Rng } from '../rng.js';
import { Tensor, tensor, ShapeError, fmt } from '../tensor.js';
import * as op from '../ops/index.js';

/** A Gamma(shape, 1) draw (Marsaglia & Tsang 2000; boosted for shape < 1). */
export function sampleGamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    return sampleGamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(α, β) per element of alpha/beta [..., D], on [low, high]; densities summed over D. */
export class Beta {
  readonly dim: number;
  /** log B(α, β) = lgamma(α) + lgamma(β) − lgamma(α + β). */
  private readonly logB: Tensor;

  constructor(readonly alpha: Tensor, readonly beta: Tensor, readonly low = 0, readonly high = 1) {
    if (alpha.shape.length === 0 || alpha.shape.length !== beta.shape.length || alpha.shape.some((d, i) => d !== beta.shape[i])) {
      throw new ShapeError(`Beta: alpha ${fmt(alpha.shape)} and beta ${fmt(beta.shape)} must be equal [..., D] shapes`);
    }
    if (!(high > low)) throw new RangeError(`Beta: high ${high} must exceed low ${low}`);
    this.dim = alpha.shape[alpha.shape.length - 1];
    this.logB = op.sub(op.add(op.lgamma(alpha), op.lgamma(beta)), op.lgamma(op.add(alpha, beta)));
  }

  /** A sample on [low, high] as plain numbers (no gradient). */
  sample(rng: Rng, out?: Float32Array): Float32Array {
    const a = this.alpha.data, b = this.beta.data, res = out ?? new Float32Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const x = sampleGamma(rng, a[i]), y = sampleGamma(rng, b[i]);
      res[i] = this.low + (this.high - this.low) * (x / (x + y));
    }
    return res;
  }

  /**
   * Σ_d log p(x_d), for x on [low, high] (values are kept 1e-6 inside the open interval so that
   * log x and log(1 − x) stay finite); includes the −log(high − low) of the rescaling.
   */
  logProb(x: Float32Array): Tensor {
    if (x.length !== this.alpha.size) throw new ShapeError(`Beta.logProb: ${x.length} values for ${this.alpha.size}`);
    const n = x.length, ly = new Float32Array(n), l1y = new Float32Array(n), w = this.high - this.low;
    for (let i = 0; i < n; i++) {
      const y = Math.min(Math.max((x[i] - this.low) / w, 1e-6), 1 - 1e-6);
      ly[i] = Math.log(y);
      l1y[i] = Math.log1p(-y);
    }
    const sh = this.alpha.shape;
    const t = op.add(op.mul(op.sub(this.alpha, 1), tensor(ly, sh)), op.mul(op.sub(this.beta, 1), tensor(l1y, sh)));
    return op.sub(op.sum(op.sub(t, this.logB), -1), this.dim * Math.log(w));
  }

  /** Differential entropy summed over D (including + log(high − low) per dimension). */
  entropy(): Tensor {
    const a = this.alpha, b = this.beta;
    const ab = op.add(a, b);
    // H = log B(α,β) − (α−1)ψ(α) − (β−1)ψ(β) + (α+β−2)ψ(α+β)
    const h = op.add(
      op.sub(op.sub(this.logB, op.mul(op.sub(a, 1), op.digamma(a))), op.mul(op.sub(b, 1), op.digamma(b))),
      op.mul(op.sub(ab, 2), op.digamma(ab)),
    );
    return op.add(op.sum(h, -1), this.dim * Math.log(this.high - this.low));
  }

  /** The mean α/(α+β), rescaled to [low, high]. */
  mean(): Tensor {
    return op.add(op.mul(op.div(this.alpha, op.add(this.alpha, this.beta)), this.high - this.low), this.low);
  }
}
