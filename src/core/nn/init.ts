// Parameter initialisers, all drawing from a seeded Rng. Shapes follow our layouts: a dense
// weight is [in, out] and a conv filter [kh, kw, in, out], so fan-in is size / out and fan-out
// is size / in (the receptive field times the channel count).

import type { Rng } from '../rng.js';
import { ShapeError } from '../tensor.js';

/** Fills `data` (of the given shape) in place. */
export type Initializer = (data: Float32Array, shape: readonly number[], rng: Rng) => void;

/** [fanIn, fanOut] of a weight shape (a vector counts as [1, n]). */
export function fans(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [1, shape[0]];
  const out = shape[shape.length - 1], inp = shape[shape.length - 2];
  let rf = 1;
  for (let i = 0; i < shape.length - 2; i++) rf *= shape[i];
  return [rf * inp, rf * out];
}

export function zeros(): Initializer {
  return (d) => d.fill(0);
}

export function constant(value: number): Initializer {
  return (d) => d.fill(value);
}

export function uniform(low: number, high: number): Initializer {
  return (d, _s, rng) => {
    for (let i = 0; i < d.length; i++) d[i] = rng.uniform(low, high);
  };
}

export function normal(std: number, mean = 0): Initializer {
  return (d, _s, rng) => {
    for (let i = 0; i < d.length; i++) d[i] = rng.normal(mean, std);
  };
}

/** Glorot/Xavier uniform: U(±gain·sqrt(6 / (fanIn + fanOut))). */
export function xavierUniform(gain = 1): Initializer {
  return (d, s, rng) => {
    const [fi, fo] = fans(s);
    const b = gain * Math.sqrt(6 / (fi + fo));
    for (let i = 0; i < d.length; i++) d[i] = rng.uniform(-b, b);
  };
}

/**
 * He/Kaiming uniform: U(±gain·sqrt(3 / fanIn)) with gain = sqrt(2 / (1 + a²)). With a = √5 this
 * is PyTorch's default for Linear and Conv weights: U(±1/sqrt(fanIn)).
 */
export function kaimingUniform(a = 0): Initializer {
  return (d, s, rng) => {
    const [fi] = fans(s);
    const b = Math.sqrt(2 / (1 + a * a)) * Math.sqrt(3 / fi);
    for (let i = 0; i < d.length; i++) d[i] = rng.uniform(-b, b);
  };
}

/** PyTorch's default bias for a layer with the given fan-in: U(±1/sqrt(fanIn)). */
export function fanInUniform(fanIn: number): Initializer {
  const b = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  return uniform(-b, b);
}

/**
 * A (semi-)orthogonal matrix times `gain` (Saxe et al. 2014), as torch.nn.init.orthogonal_:
 * the weight is viewed as a [size / out, out] matrix; a Gaussian matrix is QR-factorised (in
 * float64) and Q, sign-corrected by diag(R), has orthonormal columns, or rows when it is wide.
 * PPO's customary gains: sqrt(2) for hidden layers, 0.01 for the policy head, 1 for the value head.
 */
export function orthogonal(gain = 1): Initializer {
  return (d, s, rng) => {
    if (s.length < 2) throw new ShapeError(`orthogonal init needs at least 2 dimensions, got [${s.join(', ')}]`);
    const cols = s[s.length - 1], rows = d.length / cols;
    // Factorise the tall orientation: an n×m matrix with n ≥ m.
    const tall = rows >= cols;
    const n = tall ? rows : cols, m = tall ? cols : rows;
    const a = new Float64Array(n * m); // column-major: column j at a[j*n ...]
    for (let i = 0; i < a.length; i++) a[i] = rng.normal();
    // Modified Gram–Schmidt gives Q with positive diag(R), matching the sign correction.
    for (let j = 0; j < m; j++) {
      const cj = j * n;
      for (let k = 0; k < j; k++) {
        const ck = k * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += a[ck + i] * a[cj + i];
        for (let i = 0; i < n; i++) a[cj + i] -= dot * a[ck + i];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += a[cj + i] * a[cj + i];
      norm = Math.sqrt(norm);
      for (let i = 0; i < n; i++) a[cj + i] /= norm;
    }
    // Write the [rows, cols] weight: W[r][c] = Q[r][c] when tall, else Q[c][r].
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) d[r * cols + c] = gain * (tall ? a[c * n + r] : a[r * n + c]);
    }
  };
}
