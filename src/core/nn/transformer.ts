// A small decoder-style Transformer block (pre-norm, GPT-2 layout):
//   x ← x + proj(attention(ln1(x)));  x ← x + fc2(gelu(fc1(ln2(x))))

import type { Rng } from '../rng.js';
import { Tensor, ShapeError } from '../tensor.js';
import * as op from '../ops/index.js';
import { Module, type Layer } from './module.js';
import { LayerNorm, Linear, type LinearOptions } from './layers.js';

/** Multi-head self-attention with query/key/value/output projections (`q`, `k`, `v`, `proj`). */
export class SelfAttention extends Module implements Layer {
  readonly q: Linear;
  readonly k: Linear;
  readonly v: Linear;
  readonly proj: Linear;

  constructor(readonly dim: number, readonly heads: number, rng: Rng, readonly causal = true, linear: LinearOptions = {}) {
    super();
    if (dim % heads !== 0) throw new ShapeError(`SelfAttention: ${heads} heads do not divide width ${dim}`);
    this.q = this.addModule('q', new Linear(dim, dim, rng, linear));
    this.k = this.addModule('k', new Linear(dim, dim, rng, linear));
    this.v = this.addModule('v', new Linear(dim, dim, rng, linear));
    this.proj = this.addModule('proj', new Linear(dim, dim, rng, linear));
  }

  /** x [B, T, dim] → [B, T, dim]. */
  forward(x: Tensor): Tensor {
    const a = op.multiHeadAttention(this.q.forward(x), this.k.forward(x), this.v.forward(x), this.heads, { causal: this.causal });
    return this.proj.forward(a);
  }
}

export interface TransformerBlockOptions {
  /** Hidden width of the MLP as a multiple of dim. Default 4. */
  mlpRatio?: number;
  /** Default true (decoder). */
  causal?: boolean;
  /** Initialisation of every Linear. Default: PyTorch's Linear default. */
  linear?: LinearOptions;
}

/** Pre-norm Transformer block: `ln1`, `attn`, `ln2`, `fc1`, `fc2`. */
export class TransformerBlock extends Module implements Layer {
  readonly ln1: LayerNorm;
  readonly attn: SelfAttention;
  readonly ln2: LayerNorm;
  readonly fc1: Linear;
  readonly fc2: Linear;

  constructor(readonly dim: number, readonly heads: number, rng: Rng, opts: TransformerBlockOptions = {}) {
    super();
    const hidden = Math.round(dim * (opts.mlpRatio ?? 4));
    this.ln1 = this.addModule('ln1', new LayerNorm(dim));
    this.attn = this.addModule('attn', new SelfAttention(dim, heads, rng, opts.causal ?? true, opts.linear));
    this.ln2 = this.addModule('ln2', new LayerNorm(dim));
    this.fc1 = this.addModule('fc1', new Linear(dim, hidden, rng, opts.linear));
    this.fc2 = this.addModule('fc2', new Linear(hidden, dim, rng, opts.linear));
  }

  /** x [B, T, dim] → [B, T, dim]. */
  forward(x: Tensor): Tensor {
    const h = op.add(x, this.attn.forward(this.ln1.forward(x)));
    return op.add(h, this.fc2.forward(op.gelu(this.fc1.forward(this.ln2.forward(h)))));
  }
}
