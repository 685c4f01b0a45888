import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../rng.js';
import { Node, Tensor, parameter, tensor, empty, run, gradOf } from '../tensor.js';
import { assertGradients, gradcheck } from '../gradcheck.js';
import * as op from './index.js';

const rng = new Rng(2024);

/** A leaf requiring a gradient, with uniform values in [lo, hi), kept at least `gap` away from `avoid` points. */
function leaf(shape: number[], lo = -1, hi = 1, avoid: ArrayLike<number> = [], gap = 0.05): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let x: number;
    do x = rng.uniform(lo, hi); while (Array.prototype.some.call(avoid, (a: number) => Math.abs(x - a) < gap));
    v[i] = x;
  }
  return parameter(shape, v);
}

/** A leaf whose values are pairwise at least `gap` apart, and apart from `avoid` (no ties for max/min). */
function distinct(shape: number[], avoid: ArrayLike<number> = [], gap = 0.05): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const taken = Array.from(avoid);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let x: number;
    do x = rng.uniform(-2, 2); while (taken.some((a) => Math.abs(x - a) < gap));
    taken.push(x);
    v[i] = x;
  }
  return parameter(shape, v);
}

function check(name: string, fn: (...xs: Tensor[]) => Tensor | readonly Tensor[], inputs: Tensor[], opts = {}): void {
  test(`gradient check: ${name}`, () => {
    const r = assertGradients(fn, inputs, opts);
    assert.ok(r.checked > 0);
  });
}

// ---- elementwise -------------------------------------------------------------------------------

check('add (same shape)', (a, b) => op.add(a, b), [leaf([3, 4]), leaf([3, 4])]);
check('add (bias row broadcast)', (a, b) => op.add(a, b), [leaf([3, 4]), leaf([4])]);
check('sub (two-sided broadcast)', (a, b) => op.sub(a, b), [leaf([2, 1, 4]), leaf([3, 1])]);
check('mul (two-sided broadcast)', (a, b) => op.mul(a, b), [leaf([2, 3, 1]), leaf([1, 4])]);
check('mul (scalar tensor)', (a, b) => op.mul(a, b), [leaf([3, 4]), leaf([])]);
check('div (broadcast)', (a, b) => op.div(a, b), [leaf([3, 4]), leaf([3, 1], 0.5, 2)]);
const mb1 = distinct([5]), mb2 = distinct([4, 1]);
check('maximum', (a, b) => op.maximum(a, b), [distinct([4, 5], mb1.data), mb1]);
check('minimum', (a, b) => op.minimum(a, b), [distinct([4, 5], mb2.data), mb2]);
check('number operands', (a) => op.add(op.sub(2, op.mul(a, 3)), op.div(1, op.add(op.div(a, 4), 2))), [leaf([6])]);
check('neg', (a) => op.neg(a), [leaf([5])]);
check('exp', (a) => op.exp(a), [leaf([5])]);
check('log', (a) => op.log(a), [leaf([5], 0.5, 2)]);
check('sqrt', (a) => op.sqrt(a), [leaf([5], 0.5, 2)]);
check('tanh', (a) => op.tanh(a), [leaf([5], -2, 2)]);
check('sigmoid', (a) => op.sigmoid(a), [leaf([5], -3, 3)]);
check('relu', (a) => op.relu(a), [leaf([8], -1, 1, [0])]);
check('leakyRelu', (a) => op.leakyRelu(a, 0.1), [leaf([8], -1, 1, [0])]);
check('gelu', (a) => op.gelu(a), [leaf([8], -3, 3)]);
check('softplus', (a) => op.softplus(a), [leaf([8], -5, 5)]);
check('logSigmoid', (a) => op.logSigmoid(a), [leaf([8], -5, 5)]);
check('abs', (a) => op.abs(a), [leaf([8], -1, 1, [0])]);
check('square', (a) => op.square(a), [leaf([8])]);
check('pow', (a) => op.pow(a, 2.5), [leaf([8], 0.5, 2)]);
check('clamp', (a) => op.clamp(a, -0.5, 0.5), [leaf([12], -1, 1, [-0.5, 0.5])]);
check('maximum/minimum with a number', (a) => op.minimum(op.maximum(a, -0.3), 0.4), [leaf([12], -1, 1, [-0.3, 0.4])]);
check('sin and cos', (a) => op.mul(op.sin(a), op.cos(a)), [leaf([6], -3, 3)]);
check('lgamma', (a) => op.lgamma(a), [leaf([6], 0.2, 6)]);
check('digamma', (a) => op.digamma(a), [leaf([6], 0.3, 6)]);

test('where and maskedFill select values and route the gradient', () => {
  const a = leaf([2, 3]), b = leaf([2, 3]);
  const cond = Uint8Array.from([1, 0, 1]);
  const y = op.where(cond, a, b);
  assert.deepEqual(y.toArray(), [a.data[0], b.data[1], a.data[2], a.data[3], b.data[4], a.data[5]]);
  assertGradients((p, q) => op.where(cond, p, q), [a, b]);
  assertGradients((p) => op.maskedFill(p, cond, -7), [a]);
  assertGradients((p) => op.where(cond, 3, p), [b]);
  assert.deepEqual(op.maskedFill(tensor([1, 2, 3]), Uint8Array.from([0, 1, 0]), -1).toArray(), [1, -1, 3]);
});

// ---- reductions --------------------------------------------------------------------------------

check('sum (all)', (a) => op.sum(a), [leaf([3, 4])]);
check('sum (axis 0, keepDims)', (a) => op.sum(a, 0, true), [leaf([3, 4])]);
check('sum (middle axis of 3-D)', (a) => op.sum(a, 1), [leaf([2, 3, 4])]);
check('sum (non-contiguous axes)', (a) => op.sum(a, [0, 2]), [leaf([2, 3, 4])]);
check('mean (last axis)', (a) => op.mean(a, -1), [leaf([3, 5])]);
check('mean (axes 1,2)', (a) => op.mean(a, [1, 2], true), [leaf([2, 3, 4])]);
check('max (last axis)', (a) => op.max(a, -1), [distinct([4, 6])]);
check('max (axis 0)', (a) => op.max(a, 0), [distinct([4, 6])]);
check('min (axes 0,2)', (a) => op.min(a, [0, 2]), [distinct([3, 2, 4])]);
check('logsumexp (last axis)', (a) => op.logsumexp(a, -1), [leaf([3, 5], -3, 3)]);
check('logsumexp (axis 1 of 3-D)', (a) => op.logsumexp(a, 1, true), [leaf([2, 4, 3], -3, 3)]);
check('softmax (last axis)', (a) => op.softmax(a), [leaf([3, 5], -2, 2)]);
check('softmax (axis 1 of 3-D)', (a) => op.softmax(a, 1), [leaf([2, 4, 3], -2, 2)]);
check('logSoftmax (last axis)', (a) => op.logSoftmax(a), [leaf([3, 5], -2, 2)]);
check('logSoftmax (axis 0)', (a) => op.logSoftmax(a, 0), [leaf([4, 3], -2, 2)]);

test('reductions compute the right values', () => {
  const x = tensor([1, 5, 3, -2, 0, 4], [2, 3]);
  assert.deepEqual(op.sum(x, 1).toArray(), [9, 2]);
  assert.deepEqual(op.sum(x, 0).toArray(), [-1, 5, 7]);
  assert.deepEqual(op.max(x, 1).toArray(), [5, 4]);
  assert.deepEqual(op.min(x).toArray(), [-2]);
  assert.deepEqual(op.mean(x, [0, 1]).shape, []);
  assert.ok(Math.abs(op.mean(x).item() - 11 / 6) < 1e-6);
  const lse = op.logsumexp(x, 1).toArray();
  assert.ok(Math.abs(lse[0] - Math.log(Math.exp(1) + Math.exp(5) + Math.exp(3))) < 1e-5);
  const sm = op.softmax(x).toArray();
  assert.ok(Math.abs(sm[0] + sm[1] + sm[2] - 1) < 1e-6);
  assert.deepEqual(Array.from(op.argmax(x)), [1, 2]);
  assert.deepEqual(Array.from(op.argmax(x, 0)), [0, 0, 1]);
});

// ---- matrix products ---------------------------------------------------------------------------

for (const transA of [false, true]) {
  for (const transB of [false, true]) {
    const a = transA ? [4, 3] : [3, 4], b = transB ? [5, 4] : [4, 5];
    check(`matmul transA=${transA} transB=${transB}`, (x, y) => op.matmul(x, y, { transA, transB }), [leaf(a), leaf(b)]);
    check(`batched matmul transA=${transA} transB=${transB}`, (x, y) => op.matmul(x, y, { transA, transB }), [leaf([2, ...a]), leaf([2, ...b])]);
    check(`batched A, shared B, transA=${transA} transB=${transB}`, (x, y) => op.matmul(x, y, { transA, transB }), [leaf([2, ...a]), leaf(b)]);
    check(`shared A, batched B, transA=${transA} transB=${transB}`, (x, y) => op.matmul(x, y, { transA, transB }), [leaf(a), leaf([2, ...b])]);
  }
}
check('linear with bias', (x, w, b) => op.linear(x, w, b), [leaf([3, 4]), leaf([4, 5]), leaf([5])]);
check('linear without bias on 3-D input', (x, w) => op.linear(x, w), [leaf([2, 3, 4]), leaf([4, 2])]);

test('matmul computes the product', () => {
  const a = tensor([1, 2, 3, 4, 5, 6], [2, 3]), b = tensor([1, 0, 0, 1, 1, 1], [3, 2]);
  assert.deepEqual(op.matmul(a, b).toArray(), [4, 5, 10, 11]);
  assert.deepEqual(op.matmul(a, a, { transB: true }).toArray(), [14, 32, 32, 77]);
  assert.deepEqual(op.matmul(a, a, { transA: true }).shape, [3, 3]);
  assert.deepEqual(op.linear(a, b, tensor([10, 20])).toArray(), [14, 25, 20, 31]);
});

// ---- indexing ----------------------------------------------------------------------------------

check('gather (last axis, one per row)', (x) => op.gather(x, 1, Int32Array.from([2, 0, 1])), [leaf([3, 4])]);
check('gather (axis 0, repeated)', (x) => op.gather(x, 0, Int32Array.from([1, 1, 0, 2, 2, 2, 0, 0])), [leaf([3, 4])]);
check('scatterAdd', (x, s) => op.scatterAdd(x, 1, Int32Array.from([0, 0, 3, 1, 2, 1]), s), [leaf([3, 4]), leaf([3, 2])]);
check('indexSelect (axis 0, repeated rows)', (x) => op.indexSelect(x, 0, Int32Array.from([2, 0, 2])), [leaf([3, 4])]);
check('indexSelect (axis 1)', (x) => op.indexSelect(x, 1, Int32Array.from([3, 1])), [leaf([2, 4, 2])]);
check('embedding', (w) => op.embedding(w, Int32Array.from([1, 3, 1, 0, 2, 3]), [2, 3]), [leaf([4, 5])]);

test('gather and indexSelect pick the right values and reject bad indices', () => {
  const x = tensor([0, 1, 2, 10, 11, 12], [2, 3]);
  assert.deepEqual(op.gather(x, 1, Int32Array.from([2, 0])).toArray(), [2, 10]);
  assert.deepEqual(op.gather(x, 1, Int32Array.from([2, 0])).shape, [2, 1]);
  assert.deepEqual(op.indexSelect(x, 0, Int32Array.from([1, 1, 0])).toArray(), [10, 11, 12, 10, 11, 12, 0, 1, 2]);
  assert.deepEqual(op.embedding(x, Int32Array.from([1])).shape, [1, 3]);
  assert.deepEqual(op.scatterAdd(x, 1, Int32Array.from([0, 0]), tensor([5, 7], [2, 1])).toArray(), [5, 1, 2, 17, 11, 12]);
  assert.throws(() => op.gather(x, 1, Int32Array.from([3, 0])), RangeError);
  assert.throws(() => op.indexSelect(x, 0, Int32Array.from([-1])), RangeError);
});

// ---- shape -------------------------------------------------------------------------------------

check('reshape', (x) => op.mul(op.reshape(x, [4, -1]), op.reshape(x, [4, 3])), [leaf([2, 6])]);
check('permute (3-D)', (x) => op.permute(x, [2, 0, 1]), [leaf([2, 3, 4])]);
check('transpose (2-D)', (x) => op.transpose(x), [leaf([3, 5])]);
check('concat (axis 0)', (a, b) => op.concat([a, b], 0), [leaf([2, 3]), leaf([1, 3])]);
check('concat (axis 1, three inputs)', (a, b, c) => op.concat([a, b, c], 1), [leaf([2, 2]), leaf([2, 3]), leaf([2, 1])]);
check('stack', (a, b) => op.stack([a, b], 1), [leaf([2, 3]), leaf([2, 3])]);
check('slice (middle axis)', (x) => op.slice(x, 1, 1, 3), [leaf([2, 4, 3])]);
check('split (last axis)', (x) => op.split(x, [4, 1]), [leaf([3, 5])]);
check('flatten/unsqueeze/squeeze', (x) => op.squeeze(op.unsqueeze(op.flatten(x), 0), 0), [leaf([2, 2, 3])]);

test('shape ops move values where expected', () => {
  const x = tensor([0, 1, 2, 3, 4, 5], [2, 3]);
  assert.deepEqual(op.transpose(x).toArray(), [0, 3, 1, 4, 2, 5]);
  assert.deepEqual(op.transpose(x).shape, [3, 2]);
  assert.deepEqual(op.concat([x, x], 1).toArray(), [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5]);
  assert.deepEqual(op.slice(x, 1, 1).toArray(), [1, 2, 4, 5]);
  assert.deepEqual(op.slice(x, 0, -1).toArray(), [3, 4, 5]);
  assert.deepEqual(op.reshape(x, [3, -1]).shape, [3, 2]);
  assert.equal(op.reshape(x, [6]).data, x.data, 'reshape is a view');
  assert.deepEqual(op.stack([x, x]).shape, [2, 2, 3]);
  const p = op.permute(tensor(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]), [2, 0, 1]);
  assert.deepEqual(p.shape, [4, 2, 3]);
  assert.equal(p.get(3, 1, 2), 1 * 12 + 2 * 4 + 3);
});

// ---- convolution, normalisation, recurrent and attention blocks --------------------------------

check('conv2d valid 3×3 with bias', (x, w, b) => op.conv2d(x, w, b), [leaf([2, 5, 5, 2]), leaf([3, 3, 2, 3]), leaf([3])], { rtol: 3e-2 });
check('conv2d same padding, stride 2', (x, w) => op.conv2d(x, w, null, { padding: 'same', stride: 2 }), [leaf([1, 6, 5, 3]), leaf([3, 2, 3, 2])], { rtol: 3e-2 });
check('conv2d explicit padding, stride [2,1]', (x, w, b) => op.conv2d(x, w, b, { padding: 1, stride: [2, 1] }), [leaf([2, 4, 4, 1]), leaf([3, 3, 1, 2]), leaf([2])], { rtol: 3e-2 });
check('conv2d 1×1 (no im2col)', (x, w, b) => op.conv2d(x, w, b), [leaf([2, 3, 3, 4]), leaf([1, 1, 4, 3]), leaf([3])]);
check('layerNorm with gamma and beta', (x, g, b) => op.layerNorm(x, g, b), [leaf([3, 6], -2, 2), leaf([6], 0.5, 1.5), leaf([6])], { rtol: 3e-2 });
check('layerNorm without affine', (x) => op.layerNorm(x), [leaf([2, 2, 5], -2, 2)], { rtol: 3e-2 });
check('lstmCell (h and c)', (x, h, c, wi, wh, b) => op.lstmCell(x, h, c, wi, wh, b), [leaf([3, 4]), leaf([3, 2]), leaf([3, 2]), leaf([4, 8]), leaf([2, 8]), leaf([8])], { rtol: 3e-2 });
check('additiveScores (repeated keys, with bias)', (k, q, w, b) => op.additiveScores(k, Int32Array.from([0, 2, 2, 1, 3, 0]), q, w, b), [leaf([4, 5]), leaf([3, 5]), leaf([5, 1]), leaf([1])], { rtol: 3e-2 });
test('additiveScores is a Linear(h, 1) over relu(keys[index] + queries)', () => {
  const keys = leaf([4, 3]), q = leaf([2, 3]), w = leaf([3, 1]), b = leaf([1]), index = Int32Array.from([3, 0, 0, 1, 2, 3]);
  const y = op.additiveScores(keys, index, q, w, b).data;
  const want = op.linear(op.relu(op.add(op.reshape(op.indexSelect(keys, 0, index), [2, 3, 3]), op.reshape(q, [2, 1, 3]))), w, b).data;
  assert.equal(y.length, 6);
  for (let i = 0; i < 6; i++) assert.ok(Math.abs(y[i] - want[i]) < 1e-6, `score ${i}: ${y[i]} vs ${want[i]}`);
});
check('lstmSequence (three steps)', (zx, wh) => op.lstmSequence(zx, wh), [leaf([3, 2, 8]), leaf([2, 8])], { rtol: 3e-2 });
test('lstmSequence gives the hidden states of lstmCell stepped from zero state', () => {
  const T = 4, B = 3, I = 5, H = 6, x = leaf([T, B, I]), wi = leaf([I, 4 * H]), wh = leaf([H, 4 * H]), b = leaf([4 * H]);
  const seq = op.lstmSequence(op.linear(x, wi, b), wh).data;
  let h = tensor(new Float32Array(B * H), [B, H]), c = tensor(new Float32Array(B * H), [B, H]);
  for (let t = 0; t < T; t++) {
    [h, c] = op.lstmCell(op.reshape(op.slice(x, 0, t, t + 1), [B, I]), h, c, wi, wh, b);
    for (let i = 0; i < B * H; i++) assert.ok(Math.abs(seq[t * B * H + i] - h.data[i]) < 1e-6, `h at t = ${t}, ${i}`);
  }
});
check('lstmCell (h only, two steps)', (x, h, c, wi, wh) => {
  const [h1, c1] = op.lstmCell(x, h, c, wi, wh);
  return op.lstmCell(x, h1, c1, wi, wh)[0];
}, [leaf([2, 3]), leaf([2, 2]), leaf([2, 2]), leaf([3, 8]), leaf([2, 8])], { rtol: 3e-2 });
check('multiHeadAttention causal self-attention', (x) => op.multiHeadAttention(x, op.mul(x, 0.7), op.sin(x), 2, { causal: true }), [leaf([2, 4, 6])], { rtol: 3e-2 });
check('multiHeadAttention cross-attention (Tq ≠ Tk)', (q, k, v) => op.multiHeadAttention(q, k, v, 3), [leaf([1, 2, 6]), leaf([1, 5, 6]), leaf([1, 5, 6])], { rtol: 3e-2 });

test('conv2d matches a direct convolution', () => {
  const x = leaf([2, 5, 4, 3]), w = leaf([3, 2, 3, 4]), b = leaf([4]);
  const y = op.conv2d(x, w, b, { padding: 1, stride: 2 });
  const [, Ho, Wo] = y.shape;
  assert.deepEqual(y.shape, [2, 3, 3, 4]);
  for (let n = 0; n < 2; n++) for (let oy = 0; oy < Ho; oy++) for (let ox = 0; ox < Wo; ox++) for (let f = 0; f < 4; f++) {
    let s = b.data[f];
    for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 2; kx++) for (let c = 0; c < 3; c++) {
      const iy = oy * 2 - 1 + ky, ix = ox * 2 - 1 + kx;
      if (iy < 0 || iy >= 5 || ix < 0 || ix >= 4) continue;
      s += x.get(n, iy, ix, c) * w.get(ky, kx, c, f);
    }
    assert.ok(Math.abs(y.get(n, oy, ox, f) - s) < 1e-5);
  }
});

test('layerNorm normalises rows', () => {
  const y = op.layerNorm(tensor([1, 2, 3, 4, 10, 10, 10, 14], [2, 4]));
  const r = y.toArray();
  for (const row of [r.slice(0, 4), r.slice(4)]) {
    const m = row.reduce((a, b) => a + b) / 4;
    const v = row.reduce((a, b) => a + (b - m) ** 2, 0) / 4;
    assert.ok(Math.abs(m) < 1e-6 && Math.abs(v - 1) < 1e-3);
  }
});

test('causal attention ignores future positions and matches a direct computation', () => {
  const q = leaf([1, 3, 4]), k = leaf([1, 3, 4]), v = leaf([1, 3, 4]);
  const y = op.multiHeadAttention(q, k, v, 2, { causal: true });
  // Changing the last key/value must not change the first two outputs.
  const k2 = parameter([1, 3, 4], k.data), v2 = parameter([1, 3, 4], v.data);
  for (let d = 0; d < 4; d++) { k2.data[8 + d] += 1; v2.data[8 + d] -= 1; }
  const y2 = op.multiHeadAttention(q, k2, v2, 2, { causal: true });
  for (let i = 0; i < 8; i++) assert.ok(Math.abs(y.data[i] - y2.data[i]) < 1e-6);
  // Direct computation for head 1, query 1.
  const D = 2, h = 1, t = 1;
  const s = [0, 1].map((j) => (q.get(0, t, h * D) * k.get(0, j, h * D) + q.get(0, t, h * D + 1) * k.get(0, j, h * D + 1)) / Math.sqrt(D));
  const m = Math.max(...s), e = s.map((z) => Math.exp(z - m)), z = e[0] + e[1];
  for (let d = 0; d < D; d++) {
    const want = (e[0] * v.get(0, 0, h * D + d) + e[1] * v.get(0, 1, h * D + d)) / z;
    assert.ok(Math.abs(y.get(0, t, h * D + d) - want) < 1e-5);
  }
});

// ---- the checker itself ------------------------------------------------------------------------

class WrongTanhNode extends Node {
  constructor(readonly x: Tensor, readonly y: Tensor, readonly factor: number) {
    super([x], [y]);
  }
  forward(): void {
    for (let i = 0; i < this.y.size; i++) this.y.data[i] = Math.tanh(this.x.data[i]);
  }
  backward(): void {
    const g = this.y.grad as Float32Array, gx = gradOf(this.x);
    for (let i = 0; i < g.length; i++) gx[i] += this.factor * g[i] * (1 - this.y.data[i] ** 2);
  }
}

test('gradcheck catches a backward that is off by 5%', () => {
  const x = leaf([10], -2, 2);
  const make = (factor: number) => (t: Tensor) => {
    const y = empty(t.shape);
    run(new WrongTanhNode(t, y, factor));
    return y;
  };
  assert.equal(gradcheck(make(1), [x]).ok, true);
  assert.equal(gradcheck(make(1.05), [x]).ok, false);
  assert.equal(gradcheck(make(0.95), [x]).ok, false);
  // A dropped broadcast reduction (bias gradient of one row only) is caught too.
  const bad = gradcheck((a, b) => {
    const y = op.add(a, b);
    return op.slice(y, 0, 0, 1);
  }, [leaf([3, 4]), leaf([4])]);
  assert.equal(bad.ok, true, 'a correct composite passes');
});
