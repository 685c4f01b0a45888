import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../envs/index.js';
import { Rng } from '../../core/rng.js';
import { fromBuffer, noGrad, parameter } from '../../core/tensor.js';
import { makeVec } from '../../env/vector/index.js';
import { train, type TrainOptions } from '../../cli/commands/train.js';
import { Run } from '../../runs/run.js';
import { SAC, SacActor, alphaLoss, softTdTargets } from './sac.js';
import { resolveSacConfig } from './config.js';

/** Φ(x) through erf (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2, t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return 0.5 * (1 + (x >= 0 ? erf : -erf));
}

test('the squashed log-density carries the tanh change-of-variables correction (hand formula and numerical density)', () => {
  const low = Float32Array.of(-2), high = Float32Array.of(2);
  const actor = new SacActor(3, [8], 1, new Rng(4), low, high);
  const obs = Float32Array.of(0.3, -0.2, 0.9, -1, 0.5, 0.1);
  noGrad(() => {
    const dist = actor.forward(fromBuffer(obs, [2, 3]));
    const mean = [...dist.base.mean.data], logStd = [...dist.base.logStd.data];
    for (const ls of logStd) assert.ok(ls >= -5 && ls <= 2, `log-std ${ls} lies in [−5, 2]`);
    const draw = dist.rsample(new Rng(9));
    const eps = new Rng(9);
    for (let r = 0; r < 2; r++) {
      const e = eps.normal(), std = Math.exp(logStd[r]), u = mean[r] + std * e;
      const a = draw.action.data[r];
      assert.ok(Math.abs(a - 2 * Math.tanh(u)) < 1e-5, 'a = tanh(u)·scale + offset');
      const logN = -0.5 * e * e - logStd[r] - 0.5 * Math.log(2 * Math.PI);
      const expected = logN - Math.log(2 * (1 - Math.tanh(u) ** 2) + 1e-6);
      assert.ok(Math.abs(draw.logProb.data[r] - expected) < 1e-4, `log π ${draw.logProb.data[r]} vs hand formula ${expected}`);
      // Numerically: P(a − h < A < a + h) / 2h through u = atanh(a / 2).
      const h = 1e-4, cdf = (x: number) => normalCdf((Math.atanh(x / 2) - mean[r]) / std);
      const numeric = Math.log((cdf(a + h) - cdf(a - h)) / (2 * h));
      assert.ok(Math.abs(draw.logProb.data[r] - numeric) < 2e-3, `log π ${draw.logProb.data[r]} vs numerical ${numeric}`);
    }
  });
});

test('α update on hand values: ∂L_α/∂log α = −α·mean(log π + H̄), positive (α shrinks) when the entropy exceeds the target', () => {
  const logAlpha = parameter([1], [Math.log(0.5)]);
  // log π = −2 and −1: entropy estimate 1.5 > H̄ = −1.
  const loss = alphaLoss(logAlpha, Float32Array.of(-2, -1), -1);
  assert.ok(Math.abs(loss.item() - 1.25) < 1e-6);
  loss.backward();
  assert.ok(Math.abs(logAlpha.grad![0] - 1.25) < 1e-6);
  const low = parameter([1], [0]);
  alphaLoss(low, Float32Array.of(3, 1), -1).backward(); // entropy −2 < H̄: α grows
  assert.ok(Math.abs(low.grad![0] - -1) < 1e-6);
});

test('soft TD targets bootstrap through truncation: (1 − terminated) only, with the entropy term', () => {
  const out = softTdTargets(Float32Array.of(1, 1), Float32Array.of(0, 1), Float32Array.of(10, 10), Float32Array.of(-1, -1), 0.5, 0.9, new Float32Array(2));
  assert.ok(Math.abs(out[0] - (1 + 0.9 * (10 + 0.5))) < 1e-5);
  assert.equal(out[1], 1);
});

test('random warm-up before learningStarts with nothing learned; then critics, actor, α and targets move', async () => {
  const env = await makeVec('Pendulum-v1', 1, { autoresetMode: 'SameStep' });
  const sac = new SAC(env, { learningStarts: 30, batchSize: 8, hidden: [8], logInterval: 10 }, 2);
  const snapshot = () => sac.namedParameters().map(([n, t]) => [n, [...t.data]] as const);
  const before = snapshot();
  const alphas: number[] = [];
  sac.learn(31, { onIteration: (m) => { alphas.push(m.alpha); assert.equal(m.qfLoss, null); } });
  assert.deepEqual(snapshot(), before);
  const actions = [...sac.replay.actions.subarray(0, 31)];
  assert.ok(actions.every((a) => a >= -2 && a <= 2) && new Set(actions).size === 31, 'uniform random actions within the bounds');
  sac.learn(4);
  const after = new Map(snapshot());
  for (const [name, values] of before) assert.notDeepEqual(after.get(name), values, `${name} should have changed`);
  // t = 31..34: 4 critic steps; t = 32 and 34: 2 actor and α steps each.
  assert.deepEqual([sac.qOptimizer.stepCount, sac.actorOptimizer.stepCount, sac.alphaOptimizer.stepCount], [4, 4, 4]);
  assert.ok(Math.abs(sac.alpha - Math.exp(sac.logAlpha.data[0])) < 1e-12);
  assert.ok(alphas.every((a) => a === 1), 'α starts at 1');
  env.close();
});

test('config: presets apply per env, and mistakes are refused with the setting named', () => {
  assert.equal(resolveSacConfig(null).learningStarts, 5000);
  assert.equal(resolveSacConfig('Pendulum-v1').policyLr, 1e-3);
  assert.throws(() => resolveSacConfig(null, { autotune: 1 }), /'autotune' must be true or false/);
  assert.throws(() => resolveSacConfig(null, { qlr: 1 }), /unknown SAC setting 'qlr'/);
  assert.throws(() => resolveSacConfig(null, { policyFrequency: 1.5 }), /'policyFrequency' must be a positive integer/);
});

// Timing fields differ between runs; everything else must be identical.
const strip = (records: Record<string, unknown>[]) => records.map(({ wallSeconds: _w, stepsPerSecond: _s, ...rest }) => rest);

test('same seed, same metrics; a killed SAC run resumed from its checkpoint reproduces the uninterrupted run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-sac-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ hidden: [16], learningStarts: 100, batchSize: 16, bufferSize: 350, logInterval: 100 }));
  const base = (name: string): TrainOptions => ({
    algo: 'sac', env: 'Pendulum-v1', steps: 600, seed: 5, name, dir, configPath, resume: false, evalEpisodes: 1, checkpoints: 3, quiet: true,
  });
  await train(base('a'));
  await train(base('b'));
  const a = strip(Run.open('a', dir).readMetrics());
  assert.equal(a.filter((m) => typeof m.alpha === 'number' && m.alpha !== 1).length, 5);
  assert.deepEqual(strip(Run.open('b', dir).readMetrics()), a);
  await assert.rejects(train({ ...base('c'), onMetrics: (m) => { if (m.step === 300) throw new Error('killed'); } }), /killed/);
  assert.equal(Run.open('c', dir).loadLatestCheckpoint()!.step, 200);
  await train({ ...base('c'), resume: true });
  assert.deepEqual(strip(Run.open('c', dir).readMetrics()), a);
});
