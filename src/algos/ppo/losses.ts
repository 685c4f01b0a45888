// PPO's two clipped losses (ALGORITHMS.md §1.1), as differentiable tensor expressions.
import type { Tensor } from '../../core/tensor.js';
import * as op from '../../core/ops/index.js';

/** L_π = mean max(−A·ρ, −A·clip(ρ, 1−ε, 1+ε)) with ρ = exp(log π − log π_old). Returns [loss, ρ]. */
export function clippedPolicyLoss(newLogp: Tensor, oldLogp: Tensor, advantages: Tensor, clip: number): [loss: Tensor, ratio: Tensor] {
  const ratio = op.exp(op.sub(newLogp, oldLogp));
  const negAdv = op.neg(advantages);
  const loss = op.mean(op.maximum(op.mul(negAdv, ratio), op.mul(negAdv, op.clamp(ratio, 1 - clip, 1 + clip))));
  return [loss, ratio];
}

/**
 * L_V = ½·mean max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²), or ½·mean (V − R)² without
 * clipping (ε = null).
 */
export function clippedValueLoss(value: Tensor, oldValue: Tensor, returns: Tensor, clip: number | null): Tensor {
  const unclipped = op.square(op.sub(value, returns));
  if (clip === null) return op.scale(op.mean(unclipped), 0.5);
  const clipped = op.add(oldValue, op.clamp(op.sub(value, oldValue), -clip, clip));
  return op.scale(op.mean(op.maximum(unclipped, op.square(op.sub(clipped, returns)))), 0.5);
}
