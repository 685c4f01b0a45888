// Cross-check against TensorFlow.js (cpu backend, used only as an oracle): the same weights in
// both, the same PPO loss (CleanRL: clipped surrogate + clipped value loss − entropy bonus), and
// the loss and every parameter gradient must agree — for an MLP actor-critic and a small conv net.
// The Ludus side doubles as the reference usage of the API for a PPO minibatch.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { Rng } from './rng.js';
import { Tensor, fromBuffer, scope, parameter } from './tensor.js';
import * as op from './ops/index.js';
import { Module, MLP, Sequential, Conv2d, Linear, Flatten, Activation, init } from './nn/index.js';
import { Categorical } from './distributions/index.js';

before(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const CLIP = 0.2, ENT = 0.01, VF = 0.5;

interface Minibatch {
  B: number; A: number;
  obs: Float32Array; obsShape: number[];
  actions: Int32Array; legal: Uint8Array | null;
  oldLogp: Float32Array; adv: Float32Array; returns: Float32Array; oldValues: Float32Array;
}

/** Ludus PPO loss for a network whose output is [B, A + 1] (A logits, then the value). */
function ludusPpoLoss(net: Module & { forward(x: Tensor): Tensor }, mb: Minibatch): Tensor {
  const { B, A } = mb;
  const out = net.forward(fromBuffer(mb.obs, mb.obsShape));
  const dist = new Categorical(op.slice(out, 1, 0, A), mb.legal);
  const value = op.reshape(op.slice(out, 1, A, A + 1), [B]);
  const ratio = op.exp(op.sub(dist.logProb(mb.actions), fromBuffer(mb.oldLogp, [B])));
  const adv = fromBuffer(mb.adv, [B]);
  const pgLoss = op.mean(op.maximum(op.mul(op.neg(adv), ratio), op.mul(op.neg(adv), op.clamp(ratio, 1 - CLIP, 1 + CLIP))));
  const ret = fromBuffer(mb.returns, [B]), oldV = fromBuffer(mb.oldValues, [B]);
  const vUnclipped = op.square(op.sub(value, ret));
  const vClipped = op.add(oldV, op.clamp(op.sub(value, oldV), -CLIP, CLIP));
  const vLoss = op.scale(op.mean(op.maximum(vUnclipped, op.square(op.sub(vClipped, ret)))), 0.5);
  return op.add(op.sub(pgLoss, op.scale(op.mean(dist.entropy()), ENT)), op.scale(vLoss, VF));
}

/** The same loss in tfjs, given the network's [B, A + 1] output. */
function tfPpoLoss(out: tf.Tensor2D, mb: Minibatch): tf.Scalar {
  const { B, A } = mb;
  let logits = tf.slice(out, [0, 0], [B, A]);
  if (mb.legal !== null) logits = tf.where(tf.tensor2d(mb.legal, [B, A], 'bool'), logits, tf.fill([B, A], -1e8));
  const value = tf.reshape(tf.slice(out, [0, A], [B, 1]), [B]);
  const logp = tf.logSoftmax(logits);
  const newLogp = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(mb.actions, 'int32'), A)), 1);
  const ratio = tf.exp(tf.sub(newLogp, tf.tensor1d(mb.oldLogp)));
  const adv = tf.tensor1d(mb.adv);
  const pgLoss = tf.mean(tf.maximum(tf.mul(tf.neg(adv), ratio), tf.mul(tf.neg(adv), tf.clipByValue(ratio, 1 - CLIP, 1 + CLIP))));
  const ret = tf.tensor1d(mb.returns), oldV = tf.tensor1d(mb.oldValues);
  const vUnclipped = tf.square(tf.sub(value, ret));
  const vClipped = tf.add(oldV, tf.clipByValue(tf.sub(value, oldV), -CLIP, CLIP));
  const vLoss = tf.mul(0.5, tf.mean(tf.maximum(vUnclipped, tf.square(tf.sub(vClipped, ret)))));
  const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 1));
  return tf.add(tf.sub(pgLoss, tf.mul(ENT, tf.mean(entropy))), tf.mul(VF, vLoss)) as tf.Scalar;
}

/** A minibatch whose old log-probs are off by enough that both clips are active for some samples. */
function minibatch(rng: Rng, net: Module & { forward(x: Tensor): Tensor }, B: number, A: number, obsShape: number[], masked: boolean): Minibatch {
  const n = obsShape.reduce((a, b) => a * b, 1);
  const obs = Float32Array.from({ length: n }, () => rng.normal());
  const legal = masked ? Uint8Array.from({ length: B * A }, (_, i) => (i % A === 0 || rng.next() < 0.7 ? 1 : 0)) : null;
  const actions = new Int32Array(B);
  for (let b = 0; b < B; b++) do actions[b] = rng.int(A); while (legal !== null && legal[b * A + actions[b]] === 0);
  const { logp, value } = scope(() => {
    const out = net.forward(fromBuffer(obs, obsShape));
    const d = new Categorical(op.slice(out, 1, 0, A), legal);
    return { logp: d.logProb(actions), value: op.reshape(op.slice(out, 1, A, A + 1), [B]) };
  });
  const adv = Float32Array.from({ length: B }, () => rng.normal());
  // Per-minibatch advantage normalisation, as CleanRL (unbiased std).
  const mean = adv.reduce((s, v) => s + v, 0) / B;
  const std = Math.sqrt(adv.reduce((s, v) => s + (v - mean) ** 2, 0) / (B - 1));
  for (let i = 0; i < B; i++) adv[i] = (adv[i] - mean) / (std + 1e-8);
  return {
    B, A, obs, obsShape, actions, legal, adv,
    oldLogp: Float32Array.from(logp.data, (v) => v + 0.4 * rng.normal()),
    oldValues: Float32Array.from(value.data, (v) => v + 0.3 * rng.normal()),
    returns: Float32Array.from(value.data, (v) => v + rng.normal()),
  };
}

/** Compares loss and gradients; every parameter is loaded into tfjs by name. */
function compare(net: Module & { forward(x: Tensor): Tensor }, mb: Minibatch, tfForward: (x: tf.Tensor, vars: Record<string, tf.Variable>) => tf.Tensor2D): void {
  const named = net.namedParameters();
  const lossL = scope(() => {
    net.zeroGrad();
    const loss = ludusPpoLoss(net, mb);
    loss.backward();
    return loss.item();
  });
  const vars: Record<string, tf.Variable> = {};
  for (const [n, p] of named) vars[n] = tf.variable(tf.tensor(Float32Array.from(p.data), [...p.shape]), true, `${n}_${Math.random()}`);
  const x = tf.tensor(mb.obs, mb.obsShape);
  const { value, grads } = tf.variableGrads(() => tfPpoLoss(tfForward(x, vars), mb), Object.values(vars));
  const lossT = value.dataSync()[0];
  assert.ok(Math.abs(lossL - lossT) <= 1e-5 + 1e-4 * Math.abs(lossT), `loss ${lossL} vs tfjs ${lossT}`);
  let checked = 0;
  for (const [n, p] of named) {
    const g = grads[vars[n].name].dataSync();
    const mine = p.grad!;
    let scale = 0;
    for (let i = 0; i < g.length; i++) scale = Math.max(scale, Math.abs(g[i]));
    assert.ok(scale > 0, `${n}: tfjs gradient is zero`);
    for (let i = 0; i < g.length; i++) {
      assert.ok(Math.abs(mine[i] - g[i]) <= 1e-6 + 1e-3 * scale, `${n}[${i}]: ${mine[i]} vs tfjs ${g[i]}`);
      checked++;
    }
  }
  assert.ok(checked === net.numParameters());
  tf.dispose([value, x, ...Object.values(grads), ...Object.values(vars)]);
}

test('PPO loss and gradients of an 8→64→64→(4+1) tanh MLP match tfjs', () => {
  const rng = new Rng(42);
  const net = new MLP([8, 64, 64, 5], rng, {
    activation: 'tanh', hiddenInit: init.orthogonal(Math.SQRT2), outputInit: init.orthogonal(1), biasInit: init.uniform(-0.1, 0.1),
  });
  const forward = (x: tf.Tensor, v: Record<string, tf.Variable>): tf.Tensor2D => {
    const h1 = tf.tanh(tf.add(tf.matMul(x as tf.Tensor2D, v['0.weight'] as tf.Tensor2D), v['0.bias']));
    const h2 = tf.tanh(tf.add(tf.matMul(h1, v['2.weight'] as tf.Tensor2D), v['2.bias']));
    return tf.add(tf.matMul(h2, v['4.weight'] as tf.Tensor2D), v['4.bias']) as tf.Tensor2D;
  };
  compare(net, minibatch(rng, net, 32, 4, [32, 8], false), forward);
  compare(net, minibatch(rng, net, 32, 4, [32, 8], true), forward);
});

test('PPO loss and gradients of a MinAtar-style conv net (10×10×4 → conv 3×3×16 → 128 → 6+1) match tfjs', () => {
  const rng = new Rng(43);
  const net = new Sequential(
    new Conv2d(4, 16, 3, rng), new Activation('relu'), new Flatten(),
    new Linear(8 * 8 * 16, 128, rng), new Activation('relu'), new Linear(128, 7, rng),
  );
  const forward = (x: tf.Tensor, v: Record<string, tf.Variable>): tf.Tensor2D => {
    const c = tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, v['0.weight'] as tf.Tensor4D, 1, 'valid'), v['0.bias']));
    const h = tf.relu(tf.add(tf.matMul(tf.reshape(c, [c.shape[0], -1]) as tf.Tensor2D, v['3.weight'] as tf.Tensor2D), v['3.bias']));
    return tf.add(tf.matMul(h, v['5.weight'] as tf.Tensor2D), v['5.bias']) as tf.Tensor2D;
  };
  compare(net, minibatch(rng, net, 6, 6, [6, 10, 10, 4], true), forward);
});

test('primitive forward values match tfjs (conv padding and stride, layer norm, attention pieces)', () => {
  const rng = new Rng(44);
  const rand = (shape: number[]): Float32Array => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
  const near = (a: ArrayLike<number>, b: ArrayLike<number>, what: string): void => {
    assert.equal(a.length, b.length, what);
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1e-5 + 1e-4 * Math.abs(b[i]), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
  };
  scope(() => {
    const x = rand([2, 7, 6, 3]), w = rand([3, 3, 3, 5]);
    for (const [stride, pad] of [[2, 'same'], [1, 'same'], [2, 'valid']] as [number, 'same' | 'valid'][]) {
      const mine = op.conv2d(fromBuffer(x, [2, 7, 6, 3]), parameter([3, 3, 3, 5], w), null, { stride, padding: pad });
      const theirs = tf.conv2d(tf.tensor4d(x, [2, 7, 6, 3]), tf.tensor4d(w, [3, 3, 3, 5]), stride, pad);
      assert.deepEqual(mine.shape, theirs.shape);
      near(mine.data, theirs.dataSync(), `conv2d stride ${stride} ${pad}`);
    }
    const y = rand([4, 6]);
    const { mean, variance } = tf.moments(tf.tensor2d(y, [4, 6]), 1, true);
    const ln = tf.div(tf.sub(tf.tensor2d(y, [4, 6]), mean), tf.sqrt(tf.add(variance, 1e-5)));
    near(op.layerNorm(fromBuffer(y, [4, 6])).data, ln.dataSync(), 'layerNorm');
    near(op.logsumexp(fromBuffer(y, [4, 6]), 0).data, tf.logSumExp(tf.tensor2d(y, [4, 6]), 0).dataSync(), 'logsumexp');
    near(op.softmax(fromBuffer(y, [2, 2, 6]), 1).data, tf.softmax(tf.transpose(tf.tensor3d(y, [2, 2, 6]), [0, 2, 1])).transpose([0, 2, 1]).dataSync(), 'softmax axis 1');
    near(op.gelu(fromBuffer(y, [24])).data, tf.tensor1d(y).mul(0.5).mul(tf.tanh(tf.tensor1d(y).add(tf.tensor1d(y).pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1)).dataSync(), 'gelu');
    near(op.tanh(fromBuffer(y, [24])).data, tf.tanh(tf.tensor1d(y)).dataSync(), 'tanh');
  });
});
