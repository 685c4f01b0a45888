import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Tensor, DisposedTensorError, ShapeError, tensor, zeros, parameter, fromBuffer, scope, noGrad,
  beginScope, endScope, scopeDepth,
} from './tensor.js';
import { pool } from './pool.js';
import { trace } from './trace.js';
import * as op from './ops/index.js';

test('backward accumulates into leaves and follows shared subexpressions', () => {
  const x = parameter([3], [1, 2, 3]);
  const y = op.mul(x, x); // shared input
  const loss = op.sum(op.add(y, op.scale(x, 3)));
  loss.backward();
  assert.deepEqual(Array.from(x.grad!), [5, 7, 9]);
  op.sum(x).backward();
  assert.deepEqual(Array.from(x.grad!), [6, 8, 10], 'leaf gradients accumulate');
  x.zeroGrad();
  assert.deepEqual(Array.from(x.grad!), [0, 0, 0]);
});

test('intermediate gradients are released after backward unless retained', () => {
  const x = parameter([2], [1, 2]);
  const h = op.tanh(x);
  const k = op.exp(x).retainGrad();
  op.sum(op.add(h, k)).backward();
  assert.equal(h.grad, null);
  assert.ok(k.grad !== null && Math.abs(k.grad[0] - 1) < 1e-7);
});

test('backward needs a scalar or a seed, and a graph', () => {
  const x = parameter([2], [1, 2]);
  const y = op.mul(x, 2);
  assert.throws(() => y.backward(), ShapeError);
  y.backward(Float32Array.from([1, 10]));
  assert.deepEqual(Array.from(x.grad!), [2, 20]);
  assert.throws(() => tensor([1]).backward(), /does not require a gradient/);
  const z = noGrad(() => op.sum(op.mul(x, 2)));
  assert.equal(z.requiresGrad, false);
  assert.equal(z.node, null);
});

test('a scope recycles what it made and keeps what it returns, without its graph', () => {
  const w = parameter([2, 2], [1, 0, 0, 1]);
  let inner: Tensor | null = null;
  const before = pool.stats().pooledBuffers;
  const out = scope(() => {
    inner = op.tanh(op.linear(tensor([1, 2], [1, 2]), w));
    return op.mul(inner, 2);
  });
  assert.equal(inner!.isDisposed, true);
  assert.throws(() => inner!.toArray(), DisposedTensorError);
  assert.throws(() => op.exp(inner!), DisposedTensorError);
  assert.equal(out.isDisposed, false);
  assert.ok(Math.abs(out.data[1] - 2 * Math.tanh(2)) < 1e-6);
  assert.throws(() => op.sum(out).backward(), /does not require a gradient|left the scope/);
  assert.ok(pool.stats().pooledBuffers > before, 'buffers went back to the pool');
  assert.equal(w.isDisposed, false, 'parameters are never tracked');
  out.dispose();
  out.dispose(); // idempotent
});

test('kept tensors move to the enclosing scope; views keep their base alive', () => {
  let a: Tensor | null = null, v: Tensor | null = null;
  scope(() => {
    scope(() => {
      a = tensor([1, 2, 3, 4]);
      v = op.reshape(a, [2, 2]).keep();
    });
    assert.equal(a!.isDisposed, false);
    assert.deepEqual(v!.toArray(), [1, 2, 3, 4]);
  });
  assert.equal(a!.isDisposed, true);
  assert.equal(v!.isDisposed, true);
});

test('returning an outer tensor from an inner scope does not extend its life', () => {
  let outer: Tensor | null = null;
  scope(() => {
    outer = tensor([1, 2]);
    const same = scope(() => outer as Tensor);
    assert.equal(same, outer);
    assert.equal(outer.isDisposed, false);
  });
  assert.equal(outer!.isDisposed, true);
});

test('beginScope/endScope pair up and close on errors in scope()', () => {
  const d = scopeDepth();
  beginScope();
  const t = zeros([3]);
  endScope();
  assert.equal(t.isDisposed, true);
  assert.throws(() => scope(() => { throw new Error('boom'); }), /boom/);
  assert.equal(scopeDepth(), d);
});

test('repeated steps with equal shapes reuse pooled buffers', () => {
  const w = parameter([4, 4], Array.from({ length: 16 }, (_, i) => i / 16));
  const x = fromBuffer(new Float32Array(8).fill(0.5), [2, 4]);
  const step = (): void => scope(() => {
    w.zeroGrad();
    op.mean(op.square(op.tanh(op.linear(x, w)))).backward();
  });
  step();
  step();
  const created = pool.stats().createdF32;
  for (let i = 0; i < 50; i++) step();
  assert.equal(pool.stats().createdF32, created);
});

test('tensor factories validate shapes', () => {
  assert.throws(() => tensor([1, 2, 3], [2, 2]), ShapeError);
  assert.throws(() => zeros([2, -1]), ShapeError);
  assert.throws(() => new Tensor(new Float32Array(3), [4]), ShapeError);
  assert.equal(tensor([5]).item(), 5);
  assert.throws(() => tensor([1, 2]).item(), ShapeError);
  assert.equal(tensor([1, 2, 3, 4, 5, 6], [2, 3]).get(1, 2), 6);
  assert.equal(zeros([0, 3]).size, 0);
});

test('a trace replays a forward pass on new inputs into the same buffers', () => {
  const w = parameter([3, 2], [1, 2, 3, 4, 5, 6]), b = parameter([2], [0.5, -0.5]);
  const x = zeros([2, 3]);
  const f = trace(() => op.softmax(op.tanh(op.linear(x, w, b))));
  const out = f.output;
  for (const vals of [[1, 0, 0, 0, 1, 0], [0.1, -0.2, 0.3, 1, 1, -1]]) {
    x.data.set(vals);
    assert.equal(f.run(), out);
    const eager = noGrad(() => op.softmax(op.tanh(op.linear(tensor(vals, [2, 3]), w, b))));
    assert.deepEqual(Array.from(out.data), Array.from(eager.data));
  }
  // Recording inside a scope does not hand the trace's buffers to that scope.
  const g = scope(() => trace(() => op.exp(x)));
  x.data.fill(0);
  assert.deepEqual(Array.from(g.run().data), [1, 1, 1, 1, 1, 1]);
});
