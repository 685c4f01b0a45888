// CASA's doubly-robust trace (ALGORITHMS.md §4) [reconstructed]: Retrace-style targets for Q and a
// doubly-robust correction of the direct estimate V = E_π[Q] for V, on time-major [T × B] arrays in
// place (element t·B + b), like computeVtrace. No allocation: callers own every buffer.

export interface DrTraceOptions {
  /** Truncation ρ̄ of the importance weight in V̂ (Infinity for none). */
  rhoBar: number;
  /** Truncation c̄ of the trace coefficients. */
  cBar: number;
  /** Truncation ρ̄_pg of the weight in the policy-gradient advantage. */
  rhoPgBar: number;
  /** Trace decay λ: c_i = λ·min(c̄, π/μ). */
  lambda: number;
}

/**
 * With δ_k = r_k + γ_k·V(x_{k+1}) − Q(x_k, a_k) and c_i = λ·min(c̄, ρ_i), ρ = π/μ:
 * - Q̂_t = Q(x_t, a_t) + Σ_{k≥t} (Π_{i=t+1}^{k} γ_{i−1}·c_i)·δ_k, i.e. g_t = δ_t + γ_t·c_{t+1}·g_{t+1};
 * - V̂_t = E_π[Q(x_t, ·)] + min(ρ̄, ρ_t)·(Q̂_t − Q(x_t, a_t)), where E_π[Q] = V(x_t) for CASA's consistent Q;
 * - pgAdvantages_t = min(ρ̄_pg, ρ_t)·(Q̂_t − V(x_t)).
 * `discounts` = γ·(1 − done) per transition; `qTaken` = Q(x_t, a_t); `values` = V(x_t) = E_π[Q(x_t, ·)];
 * `bootstrap` = V(x_T) per trajectory. With untruncated ratios E_μ[Q̂_t] = Q^π(x_t, a_t) and E_μ[V̂_t] =
 * V^π(x_t) for episodes that end inside the unroll (the bootstrap's own error remains otherwise).
 */
export function computeDrTrace(
  T: number, B: number,
  logRhos: ArrayLike<number>, discounts: ArrayLike<number>, rewards: ArrayLike<number>,
  qTaken: ArrayLike<number>, values: ArrayLike<number>, bootstrap: ArrayLike<number>,
  qHat: Float32Array | Float64Array, vHat: Float32Array | Float64Array, pgAdvantages: Float32Array | Float64Array,
  o: DrTraceOptions,
): void {
  for (let b = 0; b < B; b++) {
    // g = Q̂_{t+1} − Q(x_{t+1}, a_{t+1}) and c = c_{t+1}; both 0 past the unroll.
    let g = 0, c = 0;
    for (let t = T - 1; t >= 0; t--) {
      const k = t * B + b;
      const nextValue = t === T - 1 ? bootstrap[b] : values[k + B];
      const delta = rewards[k] + discounts[k] * nextValue - qTaken[k];
      g = delta + discounts[k] * c * g;
      const rho = Math.exp(logRhos[k]);
      qHat[k] = qTaken[k] + g;
      vHat[k] = values[k] + Math.min(o.rhoBar, rho) * g;
      pgAdvantages[k] = Math.min(o.rhoPgBar, rho) * (qHat[k] - values[k]);
      c = o.lambda * Math.min(o.cBar, rho);
    }
  }
}
