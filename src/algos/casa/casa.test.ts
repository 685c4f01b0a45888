import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../envs/index.js';
import { Rng } from '../../core/rng.js';
import { fromBuffer, parameter, scope } from '../../core/tensor.js';
import * as op from '../../core/ops/index.js';
import { evaluatePolicy } from '../evaluate.js';
import type { ImpalaMetrics } from '../impala/impala.js';
import { computeDrTrace } from './trace.js';
import { casaHeads, createCasa } from './casa.js';
import { resolveCasaConfig } from './config.js';

const close = (a: number, b: number, what: string, tol = 1e-5) => assert.ok(Math.abs(a - b) < tol, `${what}: ${a} vs ${b}`);
const NO_CLIP = { rhoBar: 1e9, cBar: 1e9, rhoPgBar: 1e9, lambda: 1 };

test('the doubly-robust trace matches hand-computed Q̂, V̂ and advantages', () => {
  // T = 2, B = 1; ρ0 = 1, ρ1 = ½; Q(x_t, a_t) = 1.5, 2.5; V = 1, 2; bootstrap 3; γ = 0.9.
  const qHat = new Float64Array(2), vHat = new Float64Array(2), adv = new Float64Array(2);
  computeDrTrace(2, 1, [0, Math.log(0.5)], [0.9, 0.9], [1, 0], [1.5, 2.5], [1, 2], [3], qHat, vHat, adv, { rhoBar: 1, cBar: 1, rhoPgBar: 1, lambda: 1 });
  // δ1 = 0.9·3 − 2.5 = 0.2; δ0 = 1 + 0.9·2 − 1.5 = 1.3; g0 = 1.3 + 0.9·min(1, ½)·0.2 = 1.39.
  close(qHat[1], 2.7, 'Q̂1');
  close(qHat[0], 2.89, 'Q̂0');
  close(vHat[1], 2 + 0.5 * 0.2, 'V̂1');
  close(vHat[0], 1 + 1.39, 'V̂0');
  close(adv[0], 2.89 - 1, 'Â0');
  close(adv[1], 0.5 * (2.7 - 2), 'Â1');
  // λ = 0 cuts the trace: Q̂0 = r + γ·V(x1).
  computeDrTrace(2, 1, [0, Math.log(0.5)], [0.9, 0.9], [1, 0], [1.5, 2.5], [1, 2], [3], qHat, vHat, adv, { rhoBar: 1, cBar: 1, rhoPgBar: 1, lambda: 0 });
  close(qHat[0], 2.8, 'Q̂0 with λ = 0');
});

test('with untruncated ratios the trace is unbiased for V^π and Q^π from μ-data and a wrong critic (5 states, 3 actions)', () => {
  const S = 5, A = 3, H = 6, N = 40_000, gamma = 0.9, rng = new Rng(11);
  const dist = (k: number, floor: number) => { const p = Array.from({ length: k }, () => floor + rng.uniform()); const s = p.reduce((a, b) => a + b); return p.map((x) => x / s); };
  const P = Array.from({ length: S * A }, () => dist(S, 0));
  const R = Array.from({ length: S * A }, () => rng.uniform());
  const pi = Array.from({ length: S }, () => dist(A, 0.1)), mu = Array.from({ length: S }, () => dist(A, 0.3));
  const Q = Array.from({ length: S * A }, () => 3 * rng.uniform() - 1); // deliberately wrong
  const V = Array.from({ length: S }, (_, s) => pi[s].reduce((acc, p, a) => acc + p * Q[s * A + a], 0));
  // Exact finite-horizon Q^π_0 (the episode ends after H steps).
  let vNext = new Array<number>(S).fill(0), q0: number[] = [];
  for (let t = H - 1; t >= 0; t--) {
    const qt = Array.from({ length: S * A }, (_, sa) => R[sa] + (t < H - 1 ? gamma * P[sa].reduce((acc, p, s2) => acc + p * vNext[s2], 0) : 0));
    vNext = Array.from({ length: S }, (_, s) => pi[s].reduce((acc, p, a) => acc + p * qt[s * A + a], 0));
    q0 = qt;
  }
  const logRhos = new Float64Array(H * N), disc = new Float64Array(H * N), rew = new Float64Array(H * N), qT = new Float64Array(H * N), vals = new Float64Array(H * N);
  const a0 = new Int32Array(N);
  for (let b = 0; b < N; b++) {
    let s = 0;
    for (let t = 0; t < H; t++) {
      const k = t * N + b, a = rng.categorical(mu[s]);
      if (t === 0) a0[b] = a;
      logRhos[k] = Math.log(pi[s][a] / mu[s][a]);
      disc[k] = t < H - 1 ? gamma : 0;
      rew[k] = R[s * A + a];
      qT[k] = Q[s * A + a];
      vals[k] = V[s];
      s = rng.categorical(P[s * A + a]);
    }
  }
  const qHat = new Float64Array(H * N), vHat = new Float64Array(H * N), adv = new Float64Array(H * N);
  computeDrTrace(H, N, logRhos, disc, rew, qT, vals, new Float64Array(N), qHat, vHat, adv, NO_CLIP);
  const meanSe = (xs: number[]) => { const m = xs.reduce((a, b) => a + b) / xs.length; return [m, Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length)]; };
  const [vMean, vSe] = meanSe(Array.from(vHat.subarray(0, N)));
  assert.ok(Math.abs(vMean - vNext[0]) < 4 * vSe, `E[V̂0] ${vMean} vs V^π ${vNext[0]} (s.e. ${vSe})`);
  assert.ok(Math.abs(V[0] - vNext[0]) > 10 * vSe, 'the critic must be visibly wrong for the test to mean anything');
  for (let a = 0; a < A; a++) {
    const [qMean, qSe] = meanSe(Array.from(qHat.subarray(0, N)).filter((_, b) => a0[b] === a));
    assert.ok(Math.abs(qMean - q0[a]) < 4 * qSe, `E[Q̂0 | a=${a}] ${qMean} vs Q^π ${q0[a]} (s.e. ${qSe})`);
  }
});

// ALGORITHMS.md §4 writes the entropy part as τ²·∂H/∂A_b; differentiating Q = V + A_a − Σ_c π_c·A_c gives
// ∂Q/∂A_b = (1[a=b] − π_b) − π_b·(A_b − Ā)/τ = τ·∂log π(a)/∂A_b + τ·∂H/∂A_b, so the factor is τ (equal at τ = 1).
test('gradient identity: the Q-loss step on A is τ·(policy-gradient step) + τ·(entropy-gradient step), scaled by (Q̂ − Q)', () => {
  const rng = new Rng(5), n = 4, tau = 0.7, qTarget = 1.3;
  for (let trial = 0; trial < 5; trial++) {
    const z = Array.from({ length: n }, () => rng.normal()), v = rng.normal(), action = trial % n;
    const logits = parameter([1, n], z), values = parameter([1], [v]);
    const q = scope(() => {
      const h = casaHeads(logits, values, Int32Array.of(action), tau);
      op.scale(op.square(op.sub(fromBuffer(Float32Array.of(qTarget), [1]), h.qTaken)), 0.5).backward();
      return h.qTaken.item();
    });
    const A = z.map((x) => x * tau), m = Math.max(...z), e = z.map((x) => Math.exp(x - m)), sum = e.reduce((a, b) => a + b);
    const pi = e.map((x) => x / sum), aBar = pi.reduce((acc, p, b) => acc + p * A[b], 0);
    close(q, v + A[action] - aBar, 'Q = V + A − E_π[A]');
    for (let b = 0; b < n; b++) {
      const dLogPi = ((b === action ? 1 : 0) - pi[b]) / tau, dH = (-pi[b] * (A[b] - aBar)) / (tau * tau);
      const dLdA = -(qTarget - q) * (tau * dLogPi + tau * dH);
      close(logits.grad![b], tau * dLdA, `∂L/∂z_${b}`); // z = A/τ
    }
    close(values.grad![0], -(qTarget - q), '∂L/∂V');
  }
});

test('CASA settings: its own keys, no entropy cost, entropy-target arms voted by three bandits', () => {
  const c = resolveCasaConfig('CartPole-v1', { qCost: 1 });
  assert.equal(c.qCost, 1);
  assert.equal(c.entropyCost, 0);
  assert.deepEqual(c.banditWindows, [50, 200, 1000]);
  assert.ok(c.arms.every((a) => a.entropy !== undefined));
  assert.throws(() => resolveCasaConfig(null, { entropyCost: 0.01 }), /no 'entropyCost' setting/);
  assert.throws(() => resolveCasaConfig(null, { traceLambda: 2 }), /traceLambda must lie in \[0, 1\]/);
  assert.throws(() => resolveCasaConfig(null, { policyTemperature: 'hot' }), /must be a finite number/);
});

test('CASA learns CartPole in-thread and reports its losses', async () => {
  const { learner } = await createCasa('CartPole-v1', { actorMode: 'none' }, 4);
  try {
    const metrics: ImpalaMetrics[] = [];
    learner.learn(50_000, { onIteration: (m) => { metrics.push(m); } });
    const evalMean = evaluatePolicy('CartPole-v1', (o) => learner.predict(o), 10, 77).mean;
    assert.ok(evalMean > 100, `greedy return ${evalMean} should beat random (~22) by far`);
    assert.ok(metrics.every((m) => Number.isFinite(m.qLoss) && Number.isFinite(m.baselineLoss)));
  } finally {
    learner.close();
  }
});
