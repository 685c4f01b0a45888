import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../rng.js';
import { parameter, tensor, zeros, type Tensor } from '../tensor.js';
import { assertGradients } from '../gradcheck.js';
import * as op from '../ops/index.js';
import { lgamma, digamma, trigamma } from '../ops/special.js';
import { Categorical, DiagGaussian, TanhGaussian, Beta, sampleGamma } from './index.js';

const close = (a: number, b: number, tol = 1e-5): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('uniform categorical entropy is log n, also with a mask', () => {
  const d = new Categorical(zeros([3, 5]));
  for (const h of d.entropy().toArray()) close(h, Math.log(5));
  const legal = Uint8Array.from([1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1]);
  const m = new Categorical(zeros([3, 5]), legal);
  const h = m.entropy().toArray();
  close(h[0], Math.log(2)); close(h[1], Math.log(5)); close(h[2], Math.log(1));
  assert.deepEqual(Array.from(m.probs()).slice(0, 5).map((p) => +p.toFixed(6)), [0.5, 0.5, 0, 0, 0]);
});

test('masked actions are never sampled, even with the largest logits; frequencies match', () => {
  const logits = tensor([1000, 0.5, -0.5, 2, 0.1, 1000], [1, 6]);
  const legal = Uint8Array.from([0, 1, 1, 1, 1, 0]);
  const d = new Categorical(logits, legal);
  const p = d.probs();
  const rng = new Rng(1), counts = new Array(6).fill(0), n = 40_000;
  const out = new Int32Array(1);
  for (let i = 0; i < n; i++) counts[d.sample(rng, out)[0]]++;
  assert.equal(counts[0] + counts[5], 0);
  for (let a = 1; a < 5; a++) close(counts[a] / n, p[a], 4 * Math.sqrt(p[a] / n) + 1e-3);
  assert.equal(d.mode()[0], 3);
  assert.throws(() => new Categorical(zeros([2, 3]), Uint8Array.from([1, 0, 0, 0, 0, 0])), /allows no action/);
});

test('categorical log-prob is the log-softmax of the taken action; gradients check out', () => {
  const rng = new Rng(2);
  const logits = parameter([4, 3], Array.from({ length: 12 }, () => rng.normal()));
  const legal = Uint8Array.from([1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]);
  const actions = Int32Array.from([2, 1, 0, 1]);
  const lp = new Categorical(logits).logProb(actions).toArray();
  const ls = op.logSoftmax(logits).toArray();
  lp.forEach((v, i) => close(v, ls[i * 3 + actions[i]]));
  assertGradients((l) => new Categorical(l, legal).logProb(actions), [logits]);
  assertGradients((l) => new Categorical(l, legal).entropy(), [logits]);
  const g = (logits.grad = null, new Categorical(logits, legal));
  op.sum(g.entropy()).backward();
  assert.equal(logits.grad![3], 0, 'no gradient to a masked logit');
});

test('diagonal Gaussian log-prob and entropy match the formulas; gradients check out', () => {
  const mean = parameter([2, 2], [0, 1, -1, 0.5]), logStd = parameter([2], [0, Math.log(2)]);
  const d = new DiagGaussian(mean, logStd);
  const lp = d.logProb(Float32Array.from([1, 1, -1, 2.5])).toArray();
  const c = 0.5 * Math.log(2 * Math.PI);
  close(lp[0], -0.5 - c + (0 - Math.log(2) - c));
  close(lp[1], -c + (-0.5 - Math.log(2) - c));
  for (const h of d.entropy().toArray()) close(h, 2 * (0.5 + c) + Math.log(2));
  const a = Float32Array.from([0.3, -0.2, 0.1, 0.9]);
  assertGradients((m, s) => new DiagGaussian(m, s).logProb(a), [mean, logStd]);
  assertGradients((m, s) => new DiagGaussian(m, s).entropy(), [mean, logStd]);
  assertGradients((m, s) => new DiagGaussian(m, s).rsample(new Rng(3)), [mean, logStd]);
  const rng = new Rng(4);
  let s1 = 0, s2 = 0;
  const n = 20_000, out = new Float32Array(4);
  for (let i = 0; i < n; i++) { d.sample(rng, out); s1 += out[1]; s2 += (out[1] - 1) ** 2; }
  close(s1 / n, 1, 0.05); close(Math.sqrt(s2 / n), 2, 0.05);
});

test('tanh-squashed Gaussian: log-density passes a numerical change-of-variables check', () => {
  const mean = parameter([3, 1], [0.2, -1, 1.5]), logStd = parameter([1], [Math.log(0.7)]);
  const low = -2, high = 2, c = (high - low) / 2;
  const d = new TanhGaussian(mean, logStd, low, high);
  const { action, logProb } = d.rsample(new Rng(5));
  for (let i = 0; i < 3; i++) {
    const a = action.data[i], mu = mean.data[i], s = 0.7;
    const u = Math.atanh(a / c);
    // p_a(a) = p_u(u) · |du/da|, with du/da by central differences of the inverse map.
    const h = 1e-4, dudA = (Math.atanh((a + h) / c) - Math.atanh((a - h) / c)) / (2 * h);
    const logPu = -0.5 * ((u - mu) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    close(logProb.data[i], logPu + Math.log(dudA), 2e-3);
    assert.ok(a > low && a < high);
  }
  assertGradients((m, s) => new TanhGaussian(m, s, low, high).rsample(new Rng(5)).logProb, [mean, logStd], { eps: 1e-3, rtol: 3e-2 });
  assertGradients((m, s) => new TanhGaussian(m, s, low, high).rsample(new Rng(5)).action, [mean, logStd], { eps: 1e-3 });
  close(d.mode().data[0], Math.tanh(0.2) * 2, 1e-6);
  const smp = d.sample(new Rng(6));
  assert.ok(smp.every((v) => v > low && v < high));
});

test('special functions match known values', () => {
  close(lgamma(0.5), 0.5723649429247001, 1e-12);
  close(lgamma(10), Math.log(362880), 1e-11);
  close(lgamma(1), 0, 1e-13);
  close(lgamma(0.01), 4.599479878042022, 1e-11);
  close(digamma(1), -0.5772156649015329, 1e-12);
  close(digamma(0.5), -1.9635100260214235, 1e-12);
  close(digamma(7.3), 1.917820335637986, 1e-12);
  close(trigamma(1), Math.PI ** 2 / 6, 1e-11);
  close(trigamma(0.5), Math.PI ** 2 / 2, 1e-11);
});

test('Beta log-prob matches a hand value; entropy matches numerical integration', () => {
  const alpha = parameter([2, 1], [2, 0.7]), beta = parameter([2, 1], [3, 1.8]);
  const unit = new Beta(alpha, beta);
  // Beta(2, 3) at 0.4: 0.4 · 0.6² / B(2, 3) = 0.144 · 12 = 1.728
  close(unit.logProb(Float32Array.from([0.4, 0.5])).data[0], Math.log(1.728), 1e-5);
  const scaled = new Beta(alpha, beta, -1, 1);
  close(scaled.logProb(Float32Array.from([-0.2, 0])).data[0], Math.log(1.728) - Math.log(2), 1e-5);
  const ent = unit.entropy().toArray();
  [[2, 3], [0.7, 1.8]].forEach(([a, b], k) => {
    const logB = lgamma(a) + lgamma(b) - lgamma(a + b);
    // −∫ p log p over (0, 1), substituting x = t² near 0 singularities via a fine midpoint rule
    let h = 0;
    const n = 400_000;
    for (let i = 0; i < n; i++) {
      const x = (i + 0.5) / n;
      const lp = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB;
      h -= Math.exp(lp) * lp / n;
    }
    close(ent[k], h, 2e-3);
  });
  close(scaled.entropy().data[0], ent[0] + Math.log(2), 1e-5);
  const x = Float32Array.from([0.3, 0.8]);
  assertGradients((a, b) => new Beta(a, b).logProb(x), [alpha, beta]);
  assertGradients((a, b) => new Beta(a, b).entropy(), [alpha, beta]);
});

test('Beta and Gamma samples have the right means and stay in bounds', () => {
  const rng = new Rng(7);
  for (const k of [0.4, 1, 3.5]) {
    let s = 0;
    for (let i = 0; i < 20_000; i++) s += sampleGamma(rng, k);
    close(s / 20_000, k, 0.05 * k + 0.02);
  }
  const d = new Beta(tensor([2, 0.5], [1, 2]), tensor([5, 0.5], [1, 2]), -3, 1);
  const m = d.mean().toArray();
  close(m[0], -3 + 4 * 2 / 7); close(m[1], -1);
  const out = new Float32Array(2);
  let s0 = 0;
  for (let i = 0; i < 20_000; i++) {
    d.sample(rng, out);
    assert.ok(out[0] >= -3 && out[0] <= 1 && out[1] >= -3 && out[1] <= 1);
    s0 += out[0];
  }
  close(s0 / 20_000, m[0], 0.02);
});

test('distribution ops compose with modules: a Beta policy head from softplus', () => {
  const z = parameter([2, 2], [0.1, -0.3, 0.8, 0.2]);
  const head = (t: Tensor): Beta => new Beta(op.add(op.softplus(op.slice(t, 1, 0, 1)), 1), op.add(op.softplus(op.slice(t, 1, 1, 2)), 1));
  assertGradients((t) => head(t).logProb(Float32Array.from([0.25, 0.6])), [z]);
});
