// Global-norm gradient clipping (PPO clips at 0.5).

import type { Tensor } from '../tensor.js';

/** The Euclidean norm of all gradients together (parameters without a gradient count as zero). */
export function gradNorm(params: readonly Tensor[]): number {
  let s = 0;
  for (const p of params) {
    const g = p.grad;
    if (g === null) continue;
    for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  }
  return Math.sqrt(s);
}

/**
 * Scales all gradients together so that their global norm is at most maxNorm (as
 * torch.nn.utils.clip_grad_norm_: factor maxNorm / (norm + 1e-6) when below 1). Returns the norm before clipping.
 */
export function clipGradNorm(params: readonly Tensor[], maxNorm: number): number {
  const norm = gradNorm(params);
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) {
    for (const p of params) {
      const g = p.grad;
      if (g === null) continue;
      for (let i = 0; i < g.length; i++) g[i] *= coef;
    }
  }
  return norm;
}
