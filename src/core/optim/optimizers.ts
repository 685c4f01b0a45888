// Adam, AdamW, SGD (momentum, Nesterov) and RMSprop, each with PyTorch's update equations so
// hyperparameters carry over from reference implementations unchanged.

import { Optimizer, type ParamSource } from './optimizer.js';

export interface AdamOptions {
  lr?: number;
  /** Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Default 1e-8 (CleanRL's PPO uses 1e-5). */
  eps?: number;
  /** L2 penalty added to the gradient (Adam) or decoupled decay (AdamW). Default 0 (AdamW: 0.01). */
  weightDecay?: number;
}

/**
 * Adam (Kingma & Ba), as torch.optim.Adam: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 * w ← w − lr/(1−β1ᵗ) · m / (sqrt(v)/sqrt(1−β2ᵗ) + eps). Weight decay adds wd·w to g.
 */
export class Adam extends Optimizer {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** Decoupled weight decay (AdamW) instead of an L2 term in the gradient. */
  protected decoupled = false;

  constructor(params: ParamSource, opts: AdamOptions = {}) {
    super(params, opts.lr ?? 1e-3, ['exp_avg', 'exp_avg_sq']);
    [this.beta1, this.beta2] = opts.betas ?? [0.9, 0.999];
    this.eps = opts.eps ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0;
  }

  protected update(i: number, w: Float32Array, g: Float32Array): void {
    const m = this.slots[0][i], v = this.slots[1][i];
    const b1 = this.beta1, b2 = this.beta2, eps = this.eps, wd = this.weightDecay, t = this.stepCount;
    const stepSize = this.lr / (1 - Math.pow(b1, t));
    const invBc2 = 1 / Math.sqrt(1 - Math.pow(b2, t));
    const c1 = 1 - b1, c2 = 1 - b2;
    if (wd === 0) {
      for (let k = 0; k < w.length; k++) {
        const gk = g[k];
        const mk = b1 * m[k] + c1 * gk;
        const vk = b2 * v[k] + c2 * gk * gk;
        m[k] = mk;
        v[k] = vk;
        w[k] -= (stepSize * mk) / (Math.sqrt(vk) * invBc2 + eps);
      }
      return;
    }
    const l2 = this.decoupled ? 0 : wd;
    const shrink = this.decoupled ? 1 - this.lr * wd : 1;
    for (let k = 0; k < w.length; k++) {
      const wk = w[k], gk = g[k] + l2 * wk;
      const mk = b1 * m[k] + c1 * gk;
      const vk = b2 * v[k] + c2 * gk * gk;
      m[k] = mk;
      v[k] = vk;
      w[k] = wk * shrink - (stepSize * mk) / (Math.sqrt(vk) * invBc2 + eps);
    }
  }

  hyperparameters(): Record<string, number> {
    return { lr: this.lr, beta1: this.beta1, beta2: this.beta2, eps: this.eps, weightDecay: this.weightDecay };
  }

  protected override setHyperparameters(h: Record<string, number>): void {
    super.setHyperparameters(h);
    if (typeof h.beta1 === 'number') this.beta1 = h.beta1;
    if (typeof h.beta2 === 'number') this.beta2 = h.beta2;
    if (typeof h.eps === 'number') this.eps = h.eps;
    if (typeof h.weightDecay === 'number') this.weightDecay = h.weightDecay;
  }
}

/** AdamW (Loshchilov & Hutter), as torch.optim.AdamW: w ← w·(1 − lr·wd) before the Adam step. Default wd 0.01. */
export class AdamW extends Adam {
  constructor(params: ParamSource, opts: AdamOptions = {}) {
    super(params, { ...opts, weightDecay: opts.weightDecay ?? 0.01 });
    this.decoupled = true;
  }
}

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
}

/** SGD as torch.optim.SGD: optional momentum (buffer starts at the first gradient), dampening, Nesterov, L2. */
export class SGD extends Optimizer {
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;

  constructor(params: ParamSource, opts: SGDOptions = {}) {
    super(params, opts.lr ?? 1e-2, ['momentum_buffer']);
    this.momentum = opts.momentum ?? 0;
    this.dampening = opts.dampening ?? 0;
    this.nesterov = opts.nesterov ?? false;
    this.weightDecay = opts.weightDecay ?? 0;
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) throw new RangeError('SGD: Nesterov momentum needs momentum > 0 and no dampening');
  }

  protected update(i: number, w: Float32Array, g: Float32Array): void {
    const buf = this.slots[0][i], mu = this.momentum, damp = this.dampening, wd = this.weightDecay, lr = this.lr;
    const first = this.stepCount === 1;
    for (let k = 0; k < w.length; k++) {
      let d = g[k] + wd * w[k];
      if (mu !== 0) {
        const b = first ? d : mu * buf[k] + (1 - damp) * d;
        buf[k] = b;
        d = this.nesterov ? d + mu * b : b;
      }
      w[k] -= lr * d;
    }
  }

  hyperparameters(): Record<string, number> {
    return { lr: this.lr, momentum: this.momentum, dampening: this.dampening, nesterov: this.nesterov ? 1 : 0, weightDecay: this.weightDecay };
  }
}

export interface RMSpropOptions {
  lr?: number;
  /** Smoothing constant. Default 0.99. */
  alpha?: number;
  eps?: number;
  momentum?: number;
  /** Normalise by the variance estimate rather than the raw second moment. */
  centered?: boolean;
  weightDecay?: number;
}

/** RMSprop as torch.optim.RMSprop: v ← α·v + (1−α)·g²; w ← w − lr·g/(sqrt(v) + eps) (with optional momentum/centering). */
export class RMSprop extends Optimizer {
  alpha: number;
  eps: number;
  momentum: number;
  centered: boolean;
  weightDecay: number;

  constructor(params: ParamSource, opts: RMSpropOptions = {}) {
    super(params, opts.lr ?? 1e-2, ['square_avg', 'momentum_buffer', 'grad_avg']);
    this.alpha = opts.alpha ?? 0.99;
    this.eps = opts.eps ?? 1e-8;
    this.momentum = opts.momentum ?? 0;
    this.centered = opts.centered ?? false;
    this.weightDecay = opts.weightDecay ?? 0;
  }

  protected update(i: number, w: Float32Array, g: Float32Array): void {
    const v = this.slots[0][i], buf = this.slots[1][i], ga = this.slots[2][i];
    const a = this.alpha, eps = this.eps, mu = this.momentum, wd = this.weightDecay, lr = this.lr;
    for (let k = 0; k < w.length; k++) {
      const gk = g[k] + wd * w[k];
      const vk = a * v[k] + (1 - a) * gk * gk;
      v[k] = vk;
      let denom: number;
      if (this.centered) {
        const gak = a * ga[k] + (1 - a) * gk;
        ga[k] = gak;
        denom = Math.sqrt(vk - gak * gak) + eps;
      } else denom = Math.sqrt(vk) + eps;
      if (mu > 0) {
        const b = mu * buf[k] + gk / denom;
        buf[k] = b;
        w[k] -= lr * b;
      } else w[k] -= (lr * gk) / denom;
    }
  }

  hyperparameters(): Record<string, number> {
    return { lr: this.lr, alpha: this.alpha, eps: this.eps, momentum: this.momentum, centered: this.centered ? 1 : 0, weightDecay: this.weightDecay };
  }
}
