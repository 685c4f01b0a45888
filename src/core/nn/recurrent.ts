// LSTM: a cell (one step) and a time-major unrolled layer with optional per-step state resets
// (the episode boundaries of a rollout, as in CleanRL's PPO-LSTM).

import type { Rng } from '../rng.js';
import { Tensor, zeros, fromBuffer, ShapeError, fmt } from '../tensor.js';
import * as op from '../ops/index.js';
import { Module } from './module.js';
import { initParameter } from './layers.js';
import * as init from './init.js';

export type LstmState = [h: Tensor, c: Tensor];

/** One LSTM step: `weight_ih` [in, 4H], `weight_hh` [H, 4H], `bias` [4H]; gates i, f, g, o. */
export class LSTMCell extends Module {
  readonly weightIh: Tensor;
  readonly weightHh: Tensor;
  readonly bias: Tensor;

  /** Initialised U(±1/sqrt(H)) as in PyTorch; `forgetBias` is added to the forget-gate bias. */
  constructor(readonly inputSize: number, readonly hiddenSize: number, rng: Rng, opts: { forgetBias?: number } = {}) {
    super();
    const u = init.uniform(-1 / Math.sqrt(hiddenSize), 1 / Math.sqrt(hiddenSize));
    this.weightIh = this.addParameter('weight_ih', initParameter([inputSize, 4 * hiddenSize], u, rng));
    this.weightHh = this.addParameter('weight_hh', initParameter([hiddenSize, 4 * hiddenSize], u, rng));
    this.bias = this.addParameter('bias', initParameter([4 * hiddenSize], u, rng));
    const fb = opts.forgetBias ?? 0;
    for (let j = hiddenSize; j < 2 * hiddenSize; j++) this.bias.data[j] += fb;
  }

  /** Zero state for a batch. */
  initialState(batch: number): LstmState {
    return [zeros([batch, this.hiddenSize]), zeros([batch, this.hiddenSize])];
  }

  forward(x: Tensor, state: LstmState): LstmState {
    return op.lstmCell(x, state[0], state[1], this.weightIh, this.weightHh, this.bias);
  }
}

export interface LstmOutput {
  /** Hidden states of every step, [T, B, H]. */
  output: Tensor;
  /** The final state. */
  state: LstmState;
}

/** A single-layer LSTM unrolled over time-major input [T, B, in]. Its cell is the child `cell`. */
export class LSTM extends Module {
  readonly cell: LSTMCell;

  constructor(readonly inputSize: number, readonly hiddenSize: number, rng: Rng, opts: { forgetBias?: number } = {}) {
    super();
    this.cell = this.addModule('cell', new LSTMCell(inputSize, hiddenSize, rng, opts));
  }

  /**
   * Runs the sequence. `keep` [T·B], when given, multiplies the state by keep[t, b] before step t
   * (0 at the first step of a new episode resets that environment's state, 1 carries it).
   */
  forward(xs: Tensor, state?: LstmState, keep?: Float32Array): LstmOutput {
    if (xs.shape.length !== 3 || xs.shape[2] !== this.inputSize) throw new ShapeError(`LSTM: input must be [T, B, ${this.inputSize}], got ${fmt(xs.shape)}`);
    const [T, B] = xs.shape;
    if (keep !== undefined && keep.length !== T * B) throw new ShapeError(`LSTM: keep has ${keep.length} values, expected T·B = ${T * B}`);
    let [h, c] = state ?? this.cell.initialState(B);
    const hs: Tensor[] = [];
    for (let t = 0; t < T; t++) {
      if (keep !== undefined) {
        const k = fromBuffer(keep.subarray(t * B, (t + 1) * B), [B, 1]);
        h = op.mul(h, k);
        c = op.mul(c, k);
      }
      const xt = op.reshape(op.slice(xs, 0, t, t + 1), [B, this.inputSize]);
      [h, c] = this.cell.forward(xt, [h, c]);
      hs.push(h);
    }
    return { output: op.stack(hs, 0), state: [h, c] };
  }
}
