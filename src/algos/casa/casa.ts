// CASA / CASA-B (Critic AS an Actor, with Bandits Vote; Xiao et al. 2021–23; ALGORITHMS.md §4) on the
// IMPALA core [reconstructed]: one network gives V(x) and A(x, ·); the policy is the critic's,
// π = softmax(A/τ), and Q = V + A − E_π[A] is consistent with V by construction. The loss is a
// truncated-IS policy gradient on Q̂ − V plus squared errors of V and Q against the doubly-robust trace;
// there is no entropy term: the Q term's gradient on A is (Q̂ − Q)·τ·(∂log π(a|x) + ∂H(π)), an implicit
// entropy step (ALGORITHMS.md writes τ² on the entropy part; the derivative gives τ). Actors explore with
// closed-form entropy-controlled behaviour policies; each actor's bandits vote on every episode's arm.
import type { Tensor } from '../../core/tensor.js';
import { fromBuffer } from '../../core/tensor.js';
import * as op from '../../core/ops/index.js';
import type { LossFn } from '../impala/loss.js';
import { createExploring, type ExploringLearner } from '../erf/erf.js';
import { computeDrTrace } from './trace.js';
import { resolveCasaConfig, type CasaConfig, type CasaOwnSettings } from './config.js';

/**
 * CASA's heads from logits z = A/τ and values V for n rows: log π = logSoftmax(z), and Q(x, a) for the
 * given actions, Q = V + τ·(z_a − Σ_b π_b·z_b). Differentiable in z and V.
 */
export function casaHeads(logits: Tensor, values: Tensor, actions: Int32Array, tau: number): { logp: Tensor; probs: Tensor; logpTaken: Tensor; qTaken: Tensor } {
  const n = values.shape[0];
  const logp = op.logSoftmax(logits, -1);
  const probs = op.exp(logp);
  const advantage = op.scale(logits, tau);
  const mean = op.sum(op.mul(probs, advantage), 1);
  const qTaken = op.add(values, op.sub(op.reshape(op.gather(advantage, 1, actions), [n]), mean));
  return { logp, probs, logpTaken: op.reshape(op.gather(logp, 1, actions), [n]), qTaken };
}

/**
 * CASA's loss over a V-trace-ready batch: Q̂, V̂ and Â = min(ρ̄_pg, ρ)·(Q̂ − V) from the DR trace, then
 * −Σ sg(Â)·log π(a|x) + c_V·½Σ(V̂ − V)² + c_Q·½Σ(Q̂ − Q(x, a))², summed over time and batch.
 * Stats: policyLoss, baselineLoss, qLoss, entropy (of π, mean per step), rhoClipFrac.
 */
export function casaLoss(s: CasaOwnSettings): LossFn {
  let qHat = new Float32Array(0);
  return ({ batch, output, workspace, coefficients: c }) => {
    const { T, B } = batch, TB = T * B;
    if (qHat.length !== TB) qHat = new Float32Array(TB);
    const logits = op.slice(output.logits, 0, 0, TB);
    const values = op.slice(output.value, 0, 0, TB);
    const h = casaHeads(logits, values, batch.actions, s.policyTemperature);
    const { logRhos, vs, pgAdvantages } = workspace;
    const lp = h.logpTaken.data, mu = batch.behaviourLogProbs, logRhoBar = Math.log(c.rhoBar);
    let clipped = 0;
    for (let k = 0; k < TB; k++) {
      logRhos[k] = lp[k] - mu[k];
      if (logRhos[k] > logRhoBar) clipped++;
    }
    const v = output.value.data;
    computeDrTrace(T, B, logRhos, batch.discounts, batch.rewards, h.qTaken.data, v, v.subarray(TB, TB + B), qHat, vs, pgAdvantages, {
      rhoBar: c.rhoBar, cBar: c.cBar, rhoPgBar: c.rhoPgBar, lambda: s.traceLambda,
    });
    const policyLoss = op.neg(op.sum(op.mul(h.logpTaken, fromBuffer(pgAdvantages, [TB]))));
    const baselineLoss = op.scale(op.sum(op.square(op.sub(fromBuffer(vs, [TB]), values))), 0.5);
    const qLoss = op.scale(op.sum(op.square(op.sub(fromBuffer(qHat, [TB]), h.qTaken))), 0.5);
    const loss = op.add(op.add(policyLoss, op.scale(baselineLoss, c.baselineCost)), op.scale(qLoss, s.qCost));
    const entropy = -op.sum(op.mul(h.probs, h.logp)).item() / TB;
    return {
      loss,
      stats: { policyLoss: policyLoss.item(), baselineLoss: baselineLoss.item(), qLoss: qLoss.item(), entropy, rhoClipFrac: clipped / TB },
    };
  };
}

/** CASA on `envId` (settings over CASA's defaults and IMPALA's env presets). */
export async function createCasa(envId: string, overrides: Partial<CasaConfig> = {}, seed = 1): Promise<ExploringLearner & { config: CasaConfig }> {
  const config = resolveCasaConfig(envId, overrides as Record<string, unknown>);
  return { ...(await createExploring(envId, config, seed, casaLoss(config))), config };
}
