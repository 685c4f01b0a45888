import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../rng.js';
import { parameter, fromBuffer, scope, type Tensor } from '../tensor.js';
import * as op from '../ops/index.js';
import { Linear, MLP } from '../nn/index.js';
import { StateDictError } from '../state.js';
import { Adam, AdamW, SGD, RMSprop, clipGradNorm, gradNorm, constantLr, linearLr, cosineLr, warmupLr, type Optimizer } from './index.js';

const close = (a: number, b: number, tol = 1e-6): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

/** Runs `steps` updates on one parameter with the given gradient sequence; returns the values after each. */
function trajectory(make: (p: Tensor[]) => Optimizer, w0: number[], grads: number[][]): number[][] {
  const p = parameter([w0.length], w0);
  const opt = make([p]);
  return grads.map((g) => {
    p.grad = Float32Array.from(g);
    opt.step();
    return Array.from(p.data);
  });
}

test('Adam: the first step moves each weight by lr·sign(g); later steps match the bias-corrected formula', () => {
  const t = trajectory((p) => new Adam(p, { lr: 0.1 }), [1, -2], [[0.5, -1], [0.5, -1]]);
  close(t[0][0], 0.9); close(t[0][1], -1.9);
  close(t[1][0], 0.8); close(t[1][1], -1.8); // constant gradients: lr·sign(g) again
  // Changing gradients, against a direct double-precision evaluation of the update rule.
  const gs = [1, -3, 0.5];
  const got = trajectory((p) => new Adam(p, { lr: 0.01, betas: [0.9, 0.999], eps: 1e-8 }), [0], gs.map((g) => [g]));
  let w = 0, m = 0, v = 0;
  gs.forEach((g, i) => {
    const k = i + 1;
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    w -= (0.01 * (m / (1 - 0.9 ** k))) / (Math.sqrt(v / (1 - 0.999 ** k)) + 1e-8);
    close(got[i][0], w, 1e-7);
  });
  close(got[1][0], -0.0050581017, 1e-9); // step 2 by hand: m = −0.21, v = 0.009999
});

test('Adam with L2 and AdamW with decoupled decay differ as specified', () => {
  const l2 = trajectory((p) => new Adam(p, { lr: 0.1, weightDecay: 0.5 }), [2], [[1]]);
  close(l2[0][0], 1.9); // g + wd·w = 2 > 0: still lr·sign
  const dw = trajectory((p) => new AdamW(p, { lr: 0.1, weightDecay: 0.1 }), [2], [[1]]);
  close(dw[0][0], 2 * (1 - 0.01) - 0.1);
});

test('SGD: momentum and Nesterov match hand-computed steps', () => {
  const plain = trajectory((p) => new SGD(p, { lr: 0.1 }), [0], [[1], [2]]);
  close(plain[1][0], -0.3);
  const mom = trajectory((p) => new SGD(p, { lr: 0.1, momentum: 0.9 }), [0], [[1], [1]]);
  close(mom[0][0], -0.1); close(mom[1][0], -0.29);
  const nes = trajectory((p) => new SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true }), [0], [[1], [1]]);
  close(nes[0][0], -0.19); close(nes[1][0], -0.461);
  assert.throws(() => new SGD([parameter([1])], { nesterov: true }), RangeError);
});

test('RMSprop matches hand-computed steps', () => {
  const r = trajectory((p) => new RMSprop(p, { lr: 0.01, alpha: 0.99 }), [0], [[1], [1]]);
  close(r[0][0], -0.01 / Math.sqrt(0.01), 1e-6);
  close(r[1][0], r[0][0] - 0.01 / Math.sqrt(0.99 * 0.01 + 0.01), 1e-6);
  const c = trajectory((p) => new RMSprop(p, { lr: 0.01, alpha: 0.5, centered: true, momentum: 0.5 }), [0], [[1], [-1]]);
  // step 1: v = 0.5, ḡ = 0.5, denom = sqrt(0.5 − 0.25); buf = 1/0.5 = 2 → w = −0.02
  close(c[0][0], -0.02, 1e-6);
});

test('clipGradNorm returns the norm before clipping and scales only when above the limit', () => {
  const a = parameter([2]), b = parameter([1]);
  a.grad = Float32Array.from([3, 0]);
  b.grad = Float32Array.from([4]);
  close(clipGradNorm([a, b], 10), 5, 1e-6);
  assert.deepEqual(Array.from(a.grad), [3, 0]);
  close(clipGradNorm([a, b], 1), 5, 1e-6);
  close(gradNorm([a, b]), 1, 1e-5);
  close(b.grad[0], 0.8, 1e-5);
});

test('learning-rate schedules', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(linearLr(1, 0, 4)), [1, 0.75, 0.5, 0.25, 0, 0]);
  const c = cosineLr(1, 0.1, 2);
  close(c(0), 1); close(c(1), 0.55); close(c(2), 0.1); close(c(9), 0.1);
  assert.deepEqual([0, 1, 2, 3].map(warmupLr(2, linearLr(1, 0, 2))), [0.5, 1, 1, 0.5]);
  assert.equal(constantLr(3e-4)(1000), 3e-4);
});

test('Adam fits a small regression', () => {
  const rng = new Rng(3);
  const N = 64;
  const xs = Float32Array.from({ length: N }, () => rng.uniform(-2, 2));
  const ys = Float32Array.from(xs, (x) => Math.sin(1.5 * x) + 0.5 * x);
  const net = new MLP([1, 32, 1], rng);
  const opt = new Adam(net, { lr: 0.02 });
  const lossOf = (): number => scope(() => {
    const loss = op.mean(op.square(op.sub(op.reshape(net.forward(fromBuffer(xs, [N, 1])), [N]), fromBuffer(ys, [N]))));
    opt.zeroGrad();
    loss.backward();
    opt.step();
    return loss.item();
  });
  const first = lossOf();
  let last = first;
  for (let i = 0; i < 1500; i++) last = lossOf();
  assert.ok(last < 0.01 && last < first / 20, `loss ${first} → ${last}`);
  const lin = new Linear(1, 1, rng), sgd = new SGD(lin, { lr: 0.1, momentum: 0.9 });
  for (let i = 0; i < 300; i++) scope(() => {
    const l = op.mean(op.square(op.sub(op.reshape(lin.forward(fromBuffer(xs, [N, 1])), [N]), op.add(op.mul(fromBuffer(xs, [N]), 3), -2))));
    sgd.zeroGrad();
    l.backward();
    sgd.step();
  });
  close(lin.weight.data[0], 3, 1e-3);
  close(lin.bias!.data[0], -2, 1e-3);
});

test('optimiser state exports as named arrays and resumes exactly', () => {
  const rng = new Rng(4);
  const data = Float32Array.from({ length: 40 }, () => rng.normal());
  const makeStep = (net: MLP, opt: Optimizer) => (): void => scope(() => {
    const l = op.mean(op.square(net.forward(fromBuffer(data, [10, 4]))));
    opt.zeroGrad();
    l.backward();
    opt.step();
  });
  const netA = new MLP([4, 6, 2], new Rng(5)), optA = new AdamW(netA, { lr: 0.01 });
  const stepA = makeStep(netA, optA);
  for (let i = 0; i < 5; i++) stepA();
  const state = optA.stateDict();
  assert.equal(state.step, 5);
  assert.deepEqual(Object.keys(state.tensors).slice(0, 3), ['0.weight.exp_avg', '0.bias.exp_avg', '2.weight.exp_avg']);
  assert.equal(state.tensors['2.bias.exp_avg_sq'].dtype, 'F32');
  const netB = new MLP([4, 6, 2], new Rng(6)), optB = new AdamW(netB, { lr: 0.5 });
  netB.loadStateDict(netA.stateDict());
  optB.loadStateDict(state);
  assert.equal(optB.lr, 0.01);
  const stepB = makeStep(netB, optB);
  for (let i = 0; i < 5; i++) { stepA(); stepB(); }
  assert.deepEqual(netB.parameters().map((p) => Array.from(p.data)), netA.parameters().map((p) => Array.from(p.data)));
  assert.throws(() => optB.loadStateDict({ step: 1, tensors: {} }), StateDictError);
});
