// Return and advantage estimators shared by the learners: GAE (PPO) and V-trace (IMPALA and the
// learners built on it). Both work in place on time-major [T × N] typed arrays: element t*N + i is
// step t of environment (or unroll) i. No allocation: callers own every buffer.

/**
 * Generalised advantage estimation, CleanRL's convention (see ALGORITHMS.md §1.1):
 * `dones[t*N+i]` is 1 when observation t of env i is the first of a new episode, so the
 * transition t → t+1 continues only when dones at t+1 is 0; `nextValues`/`nextDones` describe
 * the observation after the rollout. Writes advantages and value targets (advantage + value).
 */
export function computeGae(
  T: number, N: number,
  rewards: ArrayLike<number>, values: ArrayLike<number>, dones: ArrayLike<number>,
  nextValues: ArrayLike<number>, nextDones: ArrayLike<number>,
  gamma: number, lambda: number,
  advantages: Float32Array | Float64Array, returns: Float32Array | Float64Array,
): void {
  for (let i = 0; i < N; i++) {
    let lastAdv = 0;
    for (let t = T - 1; t >= 0; t--) {
      const k = t * N + i;
      const notDone = t === T - 1 ? 1 - nextDones[i] : 1 - dones[k + N];
      const nextValue = t === T - 1 ? nextValues[i] : values[k + N];
      const delta = rewards[k] + gamma * nextValue * notDone - values[k];
      lastAdv = delta + gamma * lambda * notDone * lastAdv;
      advantages[k] = lastAdv;
      returns[k] = lastAdv + values[k];
    }
  }
}

export interface VtraceOptions {
  /** Truncation of the importance weights in the value targets (ρ̄); Infinity for none. */
  rhoBar?: number;
  /** Truncation of the trace coefficients (c̄). */
  cBar?: number;
  /** Truncation of the weights in the policy-gradient advantage (ρ̄_pg). */
  rhoPgBar?: number;
  /** Trace decay λ (IMPALA: 1). */
  lambda?: number;
}

/**
 * V-trace targets (Espeholt et al. 2018; ALGORITHMS.md §1.4) for B unrolls of length T.
 * `logRhos` = log π(a|x) − log μ(a|x); `discounts` = γ·(1 − done) of each transition;
 * `values` = V(x_t); `bootstrap` = V(x_T) per unroll. Writes `vs` (value targets) and
 * `pgAdvantages` = min(ρ̄_pg, ρ)·(r + γ_t·v_{t+1} − V(x_t)).
 */
export function computeVtrace(
  T: number, B: number,
  logRhos: ArrayLike<number>, discounts: ArrayLike<number>, rewards: ArrayLike<number>,
  values: ArrayLike<number>, bootstrap: ArrayLike<number>,
  vs: Float32Array | Float64Array, pgAdvantages: Float32Array | Float64Array,
  options: VtraceOptions = {},
): void {
  const rhoBar = options.rhoBar ?? 1;
  const cBar = options.cBar ?? 1;
  const rhoPgBar = options.rhoPgBar ?? 1;
  const lambda = options.lambda ?? 1;
  for (let b = 0; b < B; b++) {
    // acc = v_{t+1} − V(x_{t+1}), zero past the bootstrap.
    let acc = 0;
    for (let t = T - 1; t >= 0; t--) {
      const k = t * B + b;
      const rho = Math.exp(logRhos[k]);
      const nextValue = t === T - 1 ? bootstrap[b] : values[k + B];
      const delta = Math.min(rhoBar, rho) * (rewards[k] + discounts[k] * nextValue - values[k]);
      acc = delta + discounts[k] * lambda * Math.min(cBar, rho) * acc;
      vs[k] = values[k] + acc;
    }
    for (let t = 0; t < T; t++) {
      const k = t * B + b;
      const nextVs = t === T - 1 ? bootstrap[b] : vs[k + B];
      const rho = Math.exp(logRhos[k]);
      pgAdvantages[k] = Math.min(rhoPgBar, rho) * (rewards[k] + discounts[k] * nextVs - values[k]);
    }
  }
}
