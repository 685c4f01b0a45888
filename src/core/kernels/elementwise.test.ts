import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../rng.js';
import { referenceKernels } from './reference.js';
import { wasmKernels } from './index.js';

const rng = new Rng(99);

test('tanh kernels stay within 1e-6 of Math.tanh, inside [-1, 1], for every length and offset', () => {
  assert.ok(wasmKernels);
  for (const kern of [referenceKernels, wasmKernels]) {
    for (const n of [0, 1, 3, 4, 5, 17, 1000]) {
      const x = new Float32Array(n + 7);
      for (let i = 0; i < x.length; i++) x[i] = rng.uniform(-12, 12) * (i % 3 === 0 ? 0.01 : 1);
      const y = new Float32Array(n + 9).fill(5);
      kern.tanh(x, 3, y, 2, n);
      for (let i = 0; i < y.length; i++) {
        if (i < 2 || i >= n + 2) {
          assert.equal(y[i], 5, `${kern.name}: wrote outside y[2, ${n + 2})`);
          continue;
        }
        const want = Math.tanh(x[i + 1]);
        assert.ok(Math.abs(y[i] - want) <= 1e-6 && Math.abs(y[i]) <= 1, `${kern.name}: tanh(${x[i + 1]}) = ${y[i]}, expected ${want}`);
      }
    }
  }
});

test('tanh is odd, saturates, propagates NaN and works in place', () => {
  assert.ok(wasmKernels);
  for (const kern of [referenceKernels, wasmKernels]) {
    const x = new Float32Array([0, -0, 1e-30, 0.5, -0.5, 20, -20, Infinity, -Infinity, NaN, 1e-3]);
    kern.tanh(x, 0, x, 0, x.length);
    assert.equal(x[0], 0);
    assert.ok(Math.abs(x[2] - 1e-30) < 1e-36, kern.name);
    assert.equal(x[3], -x[4], kern.name);
    assert.deepEqual([x[5], x[6], x[7], x[8]], [1, -1, 1, -1], kern.name);
    assert.ok(Number.isNaN(x[9]), `${kern.name}: NaN in, NaN out`);
    assert.ok(Math.abs(x[10] - Math.tanh(1e-3)) < 1e-9, kern.name);
  }
});
