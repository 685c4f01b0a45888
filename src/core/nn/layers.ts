// Feed-forward layers: activations, Linear, MLP, Conv2d, Flatten, LayerNorm, Embedding.
// Every layer with parameters takes the Rng that initialises them, so a model is a function of its seed.

import type { Rng } from '../rng.js';
import { Tensor, parameter, ShapeError } from '../tensor.js';
import * as op from '../ops/index.js';
import { Module, Sequential, type Layer } from './module.js';
import * as init from './init.js';
import type { Initializer } from './init.js';

export type ActivationName = 'tanh' | 'relu' | 'gelu' | 'sigmoid' | 'softplus' | 'leakyRelu' | 'identity';

/** Applies a named activation. */
export function activate(x: Tensor, name: ActivationName): Tensor {
  switch (name) {
    case 'tanh': return op.tanh(x);
    case 'relu': return op.relu(x);
    case 'gelu': return op.gelu(x);
    case 'sigmoid': return op.sigmoid(x);
    case 'softplus': return op.softplus(x);
    case 'leakyRelu': return op.leakyRelu(x);
    case 'identity': return x;
  }
}

/** A parameterless activation layer (takes an index in Sequential, as nn.Tanh does in PyTorch). */
export class Activation extends Module implements Layer {
  constructor(readonly kind: ActivationName) {
    super();
  }
  forward(x: Tensor): Tensor {
    return activate(x, this.kind);
  }
}

/** Makes a parameter of the given shape filled by an initialiser. */
export function initParameter(shape: readonly number[], initializer: Initializer, rng: Rng): Tensor {
  const p = parameter(shape);
  initializer(p.data, shape, rng);
  return p;
}

export interface LinearOptions {
  /** Default true. */
  bias?: boolean;
  /** Default: PyTorch's U(±1/sqrt(in)). */
  weightInit?: Initializer;
  /** Default: PyTorch's U(±1/sqrt(in)). */
  biasInit?: Initializer;
}

/** y = x·W + b with W [in, out] (`weight`) and b [out] (`bias`). */
export class Linear extends Module implements Layer {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, rng: Rng, opts: LinearOptions = {}) {
    super();
    this.weight = this.addParameter('weight', initParameter([inFeatures, outFeatures], opts.weightInit ?? init.kaimingUniform(Math.sqrt(5)), rng));
    this.bias = opts.bias === false ? null
      : this.addParameter('bias', initParameter([outFeatures], opts.biasInit ?? init.fanInUniform(inFeatures), rng));
  }

  forward(x: Tensor): Tensor {
    return op.linear(x, this.weight, this.bias);
  }
}

export interface MLPOptions {
  /** Between layers. Default 'tanh'. */
  activation?: ActivationName;
  /** After the last layer. Default 'identity' (none). */
  outputActivation?: ActivationName;
  /** Weights of the hidden layers. Default: PyTorch's Linear default. */
  hiddenInit?: Initializer;
  /** Weights of the last layer. Default: hiddenInit. */
  outputInit?: Initializer;
  /** All biases. Default: PyTorch's Linear default. */
  biasInit?: Initializer;
}

/**
 * Linear layers of the given sizes with an activation between them, numbered like PyTorch's
 * nn.Sequential(Linear, Tanh, Linear, …): sizes [8, 64, 64, 5] give layers 0, 2, 4 (parameters
 * `0.weight`, `2.bias`, …) and activations 1, 3.
 */
export class MLP extends Sequential {
  readonly linears: Linear[] = [];

  constructor(readonly sizes: readonly number[], rng: Rng, opts: MLPOptions = {}) {
    super();
    if (sizes.length < 2) throw new ShapeError(`MLP needs at least input and output sizes, got [${sizes.join(', ')}]`);
    const act = opts.activation ?? 'tanh';
    for (let i = 0; i + 1 < sizes.length; i++) {
      const last = i + 2 === sizes.length;
      const l = new Linear(sizes[i], sizes[i + 1], rng, {
        weightInit: last ? opts.outputInit ?? opts.hiddenInit : opts.hiddenInit,
        biasInit: opts.biasInit,
      });
      this.linears.push(l);
      this.push(l);
      if (!last) this.push(new Activation(act));
      else if (opts.outputActivation !== undefined && opts.outputActivation !== 'identity') this.push(new Activation(opts.outputActivation));
    }
  }
}

export interface Conv2dLayerOptions extends op.Conv2dOptions {
  bias?: boolean;
  /** Default: PyTorch's U(±1/sqrt(fanIn)), fanIn = kh·kw·in. */
  weightInit?: Initializer;
  biasInit?: Initializer;
}

/** 2-D convolution over NHWC input with filter `weight` [kh, kw, in, out] and `bias` [out]. */
export class Conv2d extends Module implements Layer {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly options: op.Conv2dOptions;

  constructor(readonly inChannels: number, readonly outChannels: number, kernel: number | readonly [number, number], rng: Rng, opts: Conv2dLayerOptions = {}) {
    super();
    const kh = typeof kernel === 'number' ? kernel : kernel[0], kw = typeof kernel === 'number' ? kernel : kernel[1];
    this.weight = this.addParameter('weight', initParameter([kh, kw, inChannels, outChannels], opts.weightInit ?? init.kaimingUniform(Math.sqrt(5)), rng));
    this.bias = opts.bias === false ? null
      : this.addParameter('bias', initParameter([outChannels], opts.biasInit ?? init.fanInUniform(kh * kw * inChannels), rng));
    this.options = { stride: opts.stride, padding: opts.padding };
  }

  forward(x: Tensor): Tensor {
    return op.conv2d(x, this.weight, this.bias, this.options);
  }
}

/** [B, ...] → [B, prod(...)]. */
export class Flatten extends Module implements Layer {
  forward(x: Tensor): Tensor {
    return op.flatten(x, 1);
  }
}

/** Layer normalisation over the last dimension with `weight` (ones) and `bias` (zeros). */
export class LayerNorm extends Module implements Layer {
  readonly weight: Tensor;
  readonly bias: Tensor;

  constructor(readonly dim: number, readonly eps = 1e-5) {
    super();
    this.weight = this.addParameter('weight', parameter([dim], new Float32Array(dim).fill(1)));
    this.bias = this.addParameter('bias', parameter([dim]));
  }

  forward(x: Tensor): Tensor {
    return op.layerNorm(x, this.weight, this.bias, this.eps);
  }
}

/** A lookup table `weight` [vocab, dim], initialised N(0, 1) as in PyTorch. */
export class Embedding extends Module {
  readonly weight: Tensor;

  constructor(readonly vocab: number, readonly dim: number, rng: Rng, weightInit: Initializer = init.normal(1)) {
    super();
    this.weight = this.addParameter('weight', initParameter([vocab, dim], weightInit, rng));
  }

  /** Rows for `ids`; output shape idsShape + [dim]. */
  forward(ids: Int32Array, idsShape: readonly number[] = [ids.length]): Tensor {
    return op.embedding(this.weight, ids, idsShape);
  }
}
