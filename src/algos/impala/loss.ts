// The learner's loss hook and IMPALA's own loss (ALGORITHMS.md §1.4): V-trace targets from the batch,
// then −Σ sg(A)·log π(a|x) + c_V·½·Σ (sg(v) − V(x))² − c_H·Σ H(π(·|x)), summed over time and batch as
// TorchBeast does. Later learners (ERF, CASA) plug in their own LossFn over the same batch.
import { fromBuffer, type Tensor } from '../../core/tensor.js';
import * as op from '../../core/ops/index.js';
import { Categorical } from '../../core/distributions/index.js';
import { computeVtrace } from '../returns.js';
import type { NetworkOutput } from './network.js';

/** A learner batch: B trajectories of T steps, time-major (element t·B + b). */
export interface LossBatch {
  T: number;
  B: number;
  actions: Int32Array;
  /** log μ(a_t|x_t) of the behaviour policy that acted. */
  behaviourLogProbs: Float32Array;
  /** Rewards after clipping. */
  rewards: Float32Array;
  /** γ·(1 − done_t) of each transition. */
  discounts: Float32Array;
}

/** Buffers of T·B floats the loss may overwrite (preallocated by the learner). */
export interface LossWorkspace {
  logRhos: Float32Array;
  vs: Float32Array;
  pgAdvantages: Float32Array;
}

export interface LossCoefficients {
  entropyCost: number;
  baselineCost: number;
  rhoBar: number;
  cBar: number;
  rhoPgBar: number;
}

export interface LossContext {
  batch: LossBatch;
  /** The network on all (T+1)·B observations (rows t·B + b; the last B are the bootstrap ones), with gradients. */
  output: NetworkOutput;
  workspace: LossWorkspace;
  coefficients: LossCoefficients;
}

export interface LossResult {
  loss: Tensor;
  /** Scalars reported in the iteration's metrics. */
  stats: Record<string, number>;
}

export type LossFn = (ctx: LossContext) => LossResult;

/** IMPALA's loss. Stats: policyLoss, baselineLoss, entropy (mean per step), rhoClipFrac. */
export const impalaLoss: LossFn = ({ batch, output, workspace, coefficients: c }) => {
  const { T, B } = batch, TB = T * B;
  const logits = op.slice(output.logits, 0, 0, TB);
  const values = op.slice(output.value, 0, 0, TB);
  const dist = new Categorical(logits);
  const logp = dist.logProb(batch.actions);
  const { logRhos, vs, pgAdvantages } = workspace;
  const lp = logp.data, mu = batch.behaviourLogProbs;
  const logRhoBar = Math.log(c.rhoBar);
  let clipped = 0;
  for (let k = 0; k < TB; k++) {
    logRhos[k] = lp[k] - mu[k];
    if (logRhos[k] > logRhoBar) clipped++;
  }
  const v = output.value.data;
  computeVtrace(T, B, logRhos, batch.discounts, batch.rewards, v, v.subarray(TB, TB + B), vs, pgAdvantages, {
    rhoBar: c.rhoBar, cBar: c.cBar, rhoPgBar: c.rhoPgBar,
  });
  const policyLoss = op.neg(op.sum(op.mul(logp, fromBuffer(pgAdvantages, [TB]))));
  const baselineLoss = op.scale(op.sum(op.square(op.sub(fromBuffer(vs, [TB]), values))), 0.5);
  const entropy = op.sum(dist.entropy());
  const loss = op.sub(op.add(policyLoss, op.scale(baselineLoss, c.baselineCost)), op.scale(entropy, c.entropyCost));
  return {
    loss,
    stats: { policyLoss: policyLoss.item(), baselineLoss: baselineLoss.item(), entropy: entropy.item() / TB, rhoClipFrac: clipped / TB },
  };
};
