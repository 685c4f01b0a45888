// The closed-form behaviour policies of the entropy-regularisation-free mechanism (ALGORITHMS.md §3),
// shared with CASA (§4): μ_{τ,ε} = (1 − ε)·softmax(z/τ) + ε/|A| from the learned logits z, with τ given
// directly or found per state by bisection so that softmax(z/τ) has a target entropy. Works on one row
// of logits at a time into caller-owned buffers (no allocation: actors call it every step).

/** How an arm sets the temperature: directly, or from a target entropy of the tempered softmax. */
export const ARM_TEMPERATURE = 0, ARM_ENTROPY = 1;

/**
 * One exploration arm. `tau`: μ = (1 − ε)·softmax(z/τ) + ε/|A|. `entropy`: a level in (0, 1], the
 * target entropy of softmax(z/τ) as a fraction of log|A| (the per-state τ that meets it is found by
 * bisection; the ε mix is applied afterwards). Exactly one of tau and entropy is given; eps defaults to 0.
 */
export interface ExplorationArm {
  tau?: number;
  entropy?: number;
  eps?: number;
}

/** Temperature search range of the entropy arms (τ ∈ [1e-3, 1e3], bisected on log τ). */
const LOG_TAU_MIN = Math.log(1e-3), LOG_TAU_MAX = Math.log(1e3), BISECTION_STEPS = 40;

/** Writes softmax(z/τ) of `logits[offset … offset+n)` into `out[0 … n)`. */
export function temperedSoftmax(logits: ArrayLike<number>, offset: number, n: number, tau: number, out: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[offset + i]);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp((logits[offset + i] - max) / tau);
    out[i] = e;
    total += e;
  }
  for (let i = 0; i < n; i++) out[i] /= total;
}

/** Shannon entropy (nats) of the distribution `p[0 … n)`. */
export function entropyOf(p: ArrayLike<number>, n: number): number {
  let h = 0;
  for (let i = 0; i < n; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}

/**
 * The τ at which softmax(z/τ) has entropy `target` nats (H is non-decreasing in τ for fixed logits),
 * clamped to [1e-3, 1e3]; `scratch` holds n floats. [design: ALGORITHMS.md §3, "closed-form entropy control"]
 */
export function temperatureForEntropy(logits: ArrayLike<number>, offset: number, n: number, target: number, scratch: Float64Array): number {
  let lo = LOG_TAU_MIN, hi = LOG_TAU_MAX;
  for (let k = 0; k < BISECTION_STEPS; k++) {
    const mid = 0.5 * (lo + hi);
    temperedSoftmax(logits, offset, n, Math.exp(mid), scratch);
    if (entropyOf(scratch, n) < target) lo = mid;
    else hi = mid;
  }
  return Math.exp(0.5 * (lo + hi));
}

/**
 * Fills `mu[0 … n)` with the behaviour distribution of one state for an arm given as (kind, value, ε):
 * kind ARM_TEMPERATURE with value τ, or ARM_ENTROPY with value the entropy level (fraction of log n).
 */
export function behaviourDistribution(
  logits: ArrayLike<number>, offset: number, n: number, kind: number, value: number, eps: number, mu: Float64Array,
): void {
  const tau = kind === ARM_ENTROPY ? temperatureForEntropy(logits, offset, n, value * Math.log(n), mu) : value;
  temperedSoftmax(logits, offset, n, tau, mu);
  if (eps > 0) for (let i = 0; i < n; i++) mu[i] = (1 - eps) * mu[i] + eps / n;
}
