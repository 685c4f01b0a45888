// Diagonal Gaussian policies: the plain one (PPO for continuous actions: a mean network plus a
// state-independent log-std parameter) and the tanh-squashed one of SAC. Log-densities and
// entropies are summed over the action dimension and are differentiable in mean and log-std.

import type { Rng } from '../rng.js';
import { Tensor, tensor, zeros, ShapeError, fmt } from '../tensor.js';
import * as op from '../ops/index.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** logStd broadcast to mean's shape (a [D] parameter is shared by every row). */
function fullLogStd(mean: Tensor, logStd: Tensor): Tensor {
  const D = mean.shape[mean.shape.length - 1];
  const same = logStd.shape.length === mean.shape.length && logStd.shape.every((d, i) => d === mean.shape[i]);
  if (same) return logStd;
  if (logStd.shape.length === 1 && logStd.shape[0] === D) return op.add(logStd, zeros(mean.shape));
  throw new ShapeError(`Gaussian: logStd ${fmt(logStd.shape)} fits neither mean ${fmt(mean.shape)} nor [${D}]`);
}

function asTensor(x: Tensor | Float32Array, shape: readonly number[]): Tensor {
  if (x instanceof Tensor) return x;
  if (x.length !== shape.reduce((a, b) => a * b, 1)) throw new ShapeError(`Gaussian: ${x.length} values for shape ${fmt(shape)}`);
  return tensor(x, shape);
}

/** N(mean, diag(exp(logStd))²) over the last dimension of mean [..., D]. */
export class DiagGaussian {
  readonly logStd: Tensor;
  readonly std: Tensor;
  readonly dim: number;

  constructor(readonly mean: Tensor, logStd: Tensor) {
    this.logStd = fullLogStd(mean, logStd);
    this.std = op.exp(this.logStd);
    this.dim = mean.shape[mean.shape.length - 1];
  }

  /** A sample as plain numbers (no gradient). */
  sample(rng: Rng, out?: Float32Array): Float32Array {
    const m = this.mean.data, s = this.std.data, res = out ?? new Float32Array(m.length);
    for (let i = 0; i < m.length; i++) res[i] = m[i] + s[i] * rng.normal();
    return res;
  }

  /** A reparameterised sample mean + std·ε (differentiable in mean and log-std). */
  rsample(rng: Rng): Tensor {
    const eps = new Float32Array(this.mean.size);
    for (let i = 0; i < eps.length; i++) eps[i] = rng.normal();
    return op.add(this.mean, op.mul(this.std, tensor(eps, this.mean.shape)));
  }

  /** Σ_d log N(a_d; mean_d, std_d), shape of the leading dimensions. */
  logProb(actions: Tensor | Float32Array): Tensor {
    const a = asTensor(actions, this.mean.shape);
    const z = op.div(op.sub(a, this.mean), this.std);
    return op.sub(op.sum(op.add(op.scale(op.square(z), -0.5), op.neg(this.logStd)), -1), this.dim * HALF_LOG_2PI);
  }

  /** Σ_d (log std_d + ½ log 2πe), shape of the leading dimensions. */
  entropy(): Tensor {
    return op.add(op.sum(this.logStd, -1), this.dim * (0.5 + HALF_LOG_2PI));
  }

  /** The mean (the deterministic action). */
  mode(): Tensor {
    return this.mean;
  }
}

export interface SquashedSample {
  /** tanh(u)·scale + offset, differentiable (reparameterised). */
  action: Tensor;
  /** log π(action), summed over the action dimension, differentiable. */
  logProb: Tensor;
}

/**
 * SAC's policy: u ~ N(mean, std²), action = tanh(u)·scale + offset, with the change-of-variables
 * correction as in CleanRL: log π(a) = Σ_d [log N(u_d) − log(scale_d·(1 − tanh²(u_d)) + 1e-6)].
 * For bounds [low, high]: scale = (high − low)/2, offset = (high + low)/2.
 */
export class TanhGaussian {
  readonly base: DiagGaussian;
  readonly scale: Float32Array;
  readonly offset: Float32Array;

  constructor(mean: Tensor, logStd: Tensor, low: ArrayLike<number> | number = -1, high: ArrayLike<number> | number = 1) {
    this.base = new DiagGaussian(mean, logStd);
    const D = this.base.dim;
    const lo = (i: number): number => (typeof low === 'number' ? low : low[i]);
    const hi = (i: number): number => (typeof high === 'number' ? high : high[i]);
    this.scale = Float32Array.from({ length: D }, (_, i) => (hi(i) - lo(i)) / 2);
    this.offset = Float32Array.from({ length: D }, (_, i) => (hi(i) + lo(i)) / 2);
  }

  /** A reparameterised action and its log-probability. */
  rsample(rng: Rng): SquashedSample {
    const b = this.base, n = b.mean.size, D = b.dim;
    const eps = new Float32Array(n);
    const rows = n / D, halfSq = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      let quad = 0;
      for (let d = 0; d < D; d++) { const e = rng.normal(); eps[r * D + d] = e; quad += e * e; }
      halfSq[r] = -0.5 * quad - D * HALF_LOG_2PI;
    }
    const u = op.add(b.mean, op.mul(b.std, tensor(eps, b.mean.shape)));
    const t = op.tanh(u);
    const sc = tensor(this.scale, [D]);
    const action = op.add(op.mul(t, sc), tensor(this.offset, [D]));
    // log N(u; mean, std) = −½ε² − log std − ½ log 2π, since (u − mean)/std = ε.
    const logN = op.sub(tensor(halfSq, b.mean.shape.slice(0, -1)), op.sum(b.logStd, -1));
    const logDet = op.sum(op.log(op.add(op.mul(op.sub(1, op.square(t)), sc), 1e-6)), -1);
    return { action, logProb: op.sub(logN, logDet) };
  }

  /** An action as plain numbers (no gradient). */
  sample(rng: Rng, out?: Float32Array): Float32Array {
    const u = this.base.sample(rng, out), D = this.base.dim;
    for (let i = 0; i < u.length; i++) u[i] = Math.tanh(u[i]) * this.scale[i % D] + this.offset[i % D];
    return u;
  }

  /** tanh(mean)·scale + offset (the deterministic action). */
  mode(): Tensor {
    const D = this.base.dim;
    return op.add(op.mul(op.tanh(this.base.mean), tensor(this.scale, [D])), tensor(this.offset, [D]));
  }
}
