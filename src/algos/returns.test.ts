import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeGae, computeVtrace } from './returns.js';

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-9) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) < tol, `[${i}] ${actual[i]} vs ${expected[i]}`);
}

test('GAE matches hand-computed values, cutting the trace where an episode starts', () => {
  const adv = new Float64Array(3), ret = new Float64Array(3);
  // dones[2] = 1: observation 2 begins a new episode, so step 1 does not bootstrap from it.
  computeGae(3, 1, [1, 1, 1], [0.5, 0.4, 0.3], [0, 0, 1], [0.2], [0], 0.9, 0.8, adv, ret);
  close(adv, [1.292, 0.6, 0.88]);
  close(ret, [1.792, 1.0, 1.18]);
});

test('GAE with λ = 1 is the discounted return minus V; with λ = 0 the one-step TD error', () => {
  const T = 4, N = 2;
  const r = [1, 0, 2, 1, 0, 3, 1, 1], v = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const d = new Array(8).fill(0), nv = [1.5, -0.5], nd = [0, 0], g = 0.95;
  const adv = new Float64Array(8), ret = new Float64Array(8);
  computeGae(T, N, r, v, d, nv, nd, g, 1, adv, ret);
  for (let i = 0; i < N; i++) {
    let G = nv[i];
    for (let t = T - 1; t >= 0; t--) {
      G = r[t * N + i] + g * G;
      assert.ok(Math.abs(ret[t * N + i] - G) < 1e-12);
    }
  }
  computeGae(T, N, r, v, d, nv, nd, g, 0, adv, ret);
  for (let k = 0; k < 8; k++) {
    const next = k + N < 8 ? v[k + N] : nv[k % N];
    assert.ok(Math.abs(adv[k] - (r[k] + g * next - v[k])) < 1e-12);
  }
});

test('V-trace with π = μ gives n-step bootstrapped returns', () => {
  const vs = new Float64Array(2), pg = new Float64Array(2);
  computeVtrace(2, 1, [0, 0], [0.9, 0.9], [1, 2], [0.5, 1.0], [3], vs, pg);
  close(vs, [5.23, 4.7]);
  close(pg, [4.73, 3.7]);
});

test('V-trace truncates importance weights and cuts traces at episode ends', () => {
  const vs = new Float64Array(2), pg = new Float64Array(2);
  computeVtrace(2, 1, [Math.log(2), Math.log(0.5)], [0.9, 0.9], [1, 2], [0.5, 1.0], [3], vs, pg);
  close(vs, [3.565, 2.85]);
  close(pg, [3.065, 1.85]);
  computeVtrace(2, 1, [Math.log(2), Math.log(0.5)], [0, 0.9], [1, 2], [0.5, 1.0], [3], vs, pg);
  close(vs, [1.0, 2.85]);
  // Without truncation (ρ̄ = c̄ = ∞) the weight 2 counts in full.
  computeVtrace(2, 1, [Math.log(2), 0], [0.9, 0.9], [1, 2], [0.5, 1.0], [3], vs, pg, { rhoBar: Infinity, cBar: Infinity, rhoPgBar: Infinity });
  close(vs, [0.5 + 2 * 1.4 + 0.9 * 2 * 3.7, 4.7]);
});
