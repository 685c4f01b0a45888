// Finite-difference gradient checking for ops and models.
// The objective is L = Σ_outputs Σ_i w_i · out_i with fixed random weights w, so every output
// element's gradient matters. Analytic gradients come from backward() seeded with w; numeric ones
// from central differences in float32 with the objective summed in float64. The step actually
// taken (after rounding x ± eps to float32) is used as the denominator.

import { Rng } from './rng.js';
import { Tensor, noGrad, scope, backward } from './tensor.js';

export interface GradcheckOptions {
  /** Finite-difference step. Default 1e-2 (float32 data: smaller steps drown in rounding). */
  eps?: number;
  /** Absolute tolerance per element. Default 2e-3. */
  atol?: number;
  /** Relative tolerance per element. Default 2e-2. */
  rtol?: number;
  /** Seed of the random output weights. */
  seed?: number;
}

export interface GradcheckResult {
  ok: boolean;
  /** Largest |analytic − numeric| / (atol + rtol·max(|analytic|, |numeric|)); ok when ≤ 1. */
  worstRatio: number;
  /** Where the worst element was found. */
  worst: { input: number; index: number; analytic: number; numeric: number } | null;
  /** Number of elements checked. */
  checked: number;
}

type OpFn = (...xs: Tensor[]) => Tensor | readonly Tensor[];

function asList(r: Tensor | readonly Tensor[]): readonly Tensor[] {
  return r instanceof Tensor ? [r] : r;
}

/**
 * Compares the analytic gradients of fn with respect to every input that requires a gradient
 * against central differences. Inputs' data are perturbed in place and restored.
 */
export function gradcheck(fn: OpFn, inputs: readonly Tensor[], opts: GradcheckOptions = {}): GradcheckResult {
  const eps = opts.eps ?? 1e-2, atol = opts.atol ?? 2e-3, rtol = opts.rtol ?? 2e-2;
  const rng = new Rng(opts.seed ?? 12345);

  // Analytic gradients.
  const analytic: Float32Array[] = [];
  let weights: Float32Array[] = [];
  scope(() => {
    for (const x of inputs) x.grad = null;
    const outs = asList(fn(...inputs));
    weights = outs.map((o) => Float32Array.from({ length: o.size }, () => rng.uniform(-1, 1)));
    outs.forEach((o, i) => {
      if (o.requiresGrad) backward(o, weights[i]);
    });
    for (const x of inputs) analytic.push(x.grad !== null ? Float32Array.from(x.grad) : new Float32Array(x.size));
  });

  const objective = (): number => scope(() => noGrad(() => {
    const outs = asList(fn(...inputs));
    let s = 0;
    outs.forEach((o, k) => {
      const w = weights[k], d = o.data;
      for (let i = 0; i < d.length; i++) s += w[i] * d[i];
    });
    return s;
  }));

  let worstRatio = 0, checked = 0;
  let worst: GradcheckResult['worst'] = null;
  const f32 = new Float32Array(1);
  inputs.forEach((x, xi) => {
    if (!x.requiresGrad) return;
    const d = x.data;
    for (let i = 0; i < d.length; i++) {
      const orig = d[i];
      f32[0] = orig + eps; const up = f32[0];
      f32[0] = orig - eps; const down = f32[0];
      d[i] = up;
      const fp = objective();
      d[i] = down;
      const fm = objective();
      d[i] = orig;
      const num = (fp - fm) / (up - down);
      const ana = analytic[xi][i];
      const ratio = Math.abs(ana - num) / (atol + rtol * Math.max(Math.abs(ana), Math.abs(num)));
      checked++;
      if (worst === null || !(ratio <= worstRatio)) { // NaN counts as the worst
        worstRatio = Number.isNaN(ratio) ? Infinity : ratio;
        worst = { input: xi, index: i, analytic: ana, numeric: num };
      }
    }
  });
  return { ok: worstRatio <= 1, worstRatio, worst, checked };
}

/** gradcheck that throws a descriptive error on failure (for tests). */
export function assertGradients(fn: OpFn, inputs: readonly Tensor[], opts: GradcheckOptions = {}): GradcheckResult {
  const r = gradcheck(fn, inputs, opts);
  if (!r.ok) {
    const w = r.worst;
    throw new Error(`gradient check failed: input ${w?.input} element ${w?.index}: analytic ${w?.analytic} vs numeric ${w?.numeric} (error ${r.worstRatio.toFixed(2)}× tolerance)`);
  }
  return r;
}
