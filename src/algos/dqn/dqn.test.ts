import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../envs/index.js';
import { make } from '../../env/registry.js';
import { makeVec, SyncVectorEnv } from '../../env/vector/index.js';
import { ConfigError } from '../ppo/config.js';
import { train, type TrainOptions } from '../../cli/commands/train.js';
import { Run } from '../../runs/run.js';
import { DQN, linearSchedule, tdTargets } from './dqn.js';
import { resolveDqnConfig } from './config.js';
import { Rng } from '../../core/rng.js';
import { fromBuffer } from '../../core/tensor.js';
import { gradcheck } from '../../core/gradcheck.js';
import { MinatarQNetwork } from '../networks/minatar.js';

const flat = (d: DQN, which: 'q' | 'target'): number[] =>
  d.namedParameters().filter(([n]) => n.startsWith(`${which}.`)).flatMap(([, t]) => [...t.data]);

test('TD targets bootstrap through truncation: (1 − terminated), never (1 − (terminated or truncated))', () => {
  const out = tdTargets(Float32Array.of(1, 1, 0.5), Float32Array.of(0, 1, 0), Float32Array.of(10, 10, -2), 0.9, new Float32Array(3));
  assert.deepEqual([...out], [1 + 0.9 * 10, 1, Math.fround(0.5 - 0.9 * 2)]);
});

test('ε decays linearly over the exploration fraction, then stays at its floor', () => {
  assert.equal(linearSchedule(1, 0.05, 500, 0), 1);
  assert.ok(Math.abs(linearSchedule(1, 0.05, 500, 250) - 0.525) < 1e-12);
  assert.ok(Math.abs(linearSchedule(1, 0.05, 500, 500) - 0.05) < 1e-12);
  assert.equal(linearSchedule(1, 0.05, 500, 10_000), 0.05);
});

test('stores the real final observation on truncation with terminated = 0', () => {
  // A 5-step time limit truncates CartPole episodes before the pole falls under random play.
  const env = new SyncVectorEnv([() => make('CartPole-v1', { maxEpisodeSteps: 5 })], { autoresetMode: 'SameStep' });
  const dqn = new DQN(env, { learningStarts: 1000, bufferSize: 100, hidden: [8] }, 2);
  dqn.learn(40);
  const { obs, nextObs, terminations, size } = dqn.replay;
  assert.equal(size, 40);
  let truncations = 0;
  for (let k = 0; k + 1 < size; k++) {
    const next = [...nextObs.subarray(4 * k, 4 * k + 4)], following = [...obs.subarray(4 * k + 4, 4 * k + 8)];
    if ((k + 1) % 5 === 0) {
      truncations++;
      assert.equal(terminations[k], 0, `transition ${k} was truncated, not terminated`);
      assert.notDeepEqual(next, following, `transition ${k}: s' must be the final observation, not the reset one`);
    } else {
      assert.deepEqual(next, following, `transition ${k}: s' is the next state`);
    }
  }
  assert.equal(truncations, 7);
  env.close();
});

test('nothing learns before learningStarts, and the target network changes only on its schedule', async () => {
  const env = await makeVec('CartPole-v1', 1, { autoresetMode: 'SameStep' });
  const dqn = new DQN(env, { learningStarts: 20, trainFrequency: 1, targetNetworkFrequency: 7, batchSize: 8, hidden: [8] }, 3);
  assert.deepEqual(flat(dqn, 'target'), flat(dqn, 'q'), 'the target starts as a copy');
  const q0 = flat(dqn, 'q');
  dqn.learn(21); // steps t = 0..20: t > 20 never holds
  assert.equal(dqn.optimizer.stepCount, 0);
  assert.deepEqual(flat(dqn, 'q'), q0);
  for (let t = 21; t < 40; t++) {
    const before = flat(dqn, 'target');
    dqn.learn(1);
    const after = flat(dqn, 'target');
    if (t % 7 === 0) assert.deepEqual(after, flat(dqn, 'q'), `step ${t}: hard copy`);
    else assert.deepEqual(after, before, `step ${t}: target untouched`);
  }
  assert.equal(dqn.optimizer.stepCount, 19);
  assert.notDeepEqual(flat(dqn, 'q'), q0);
  env.close();
});

test('config: presets apply per env, and mistakes are refused with the setting named', () => {
  assert.equal(resolveDqnConfig(null).learningStarts, 10_000);
  assert.equal(resolveDqnConfig('CartPole-v1').gradientSteps, 128);
  assert.equal(resolveDqnConfig('CartPole-v1', { gradientSteps: 4 }).gradientSteps, 4);
  assert.throws(() => resolveDqnConfig(null, { learningRat: 1 }), /unknown DQN setting 'learningRat'/);
  assert.throws(() => resolveDqnConfig(null, { batchSize: 0 }), /'batchSize' must be a positive integer/);
  assert.throws(() => resolveDqnConfig(null, { hidden: [] }), ConfigError);
  assert.throws(() => resolveDqnConfig(null, { endE: 2 }), /endE must lie in \[0, 1\]/);
});

// Timing fields differ between runs; everything else must be identical.
const strip = (records: Record<string, unknown>[]) => records.map(({ wallSeconds: _w, stepsPerSecond: _s, ...rest }) => rest);

test('same seed, same metrics; a killed DQN run resumed from its checkpoint reproduces the uninterrupted run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-dqn-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ hidden: [16], learningStarts: 100, trainFrequency: 4, gradientSteps: 2, targetNetworkFrequency: 50, batchSize: 16, bufferSize: 500, logInterval: 100 }));
  const base = (name: string): TrainOptions => ({
    algo: 'dqn', env: 'CartPole-v1', steps: 900, seed: 5, name, dir, configPath, resume: false, evalEpisodes: 1, checkpoints: 3, quiet: true,
  });
  await train(base('a'));
  await train(base('b'));
  const a = strip(Run.open('a', dir).readMetrics());
  assert.equal(a.filter((m) => typeof m.tdLoss === 'number').length, 8);
  assert.deepEqual(strip(Run.open('b', dir).readMetrics()), a);
  // Killed in the second segment, after the checkpoint at 300 steps; the 500-slot buffer wraps after the resume.
  await assert.rejects(train({ ...base('c'), onMetrics: (m) => { if (m.step === 500) throw new Error('killed'); } }), /killed/);
  assert.equal(Run.open('c', dir).loadLatestCheckpoint()!.step, 300);
  await train({ ...base('c'), resume: true });
  assert.deepEqual(strip(Run.open('c', dir).readMetrics()), a);
});

test('a short seeded DQN run on CartPole clearly beats random', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-dqn-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ hidden: [64, 64] }));
  const r = await train({
    algo: 'dqn', env: 'CartPole-v1', steps: 12_000, seed: 1, name: 'short', dir, configPath, resume: false, evalEpisodes: 10, checkpoints: 1, quiet: true,
  });
  assert.ok(r.evalMean > 100, `mean greedy return ${r.evalMean} should beat random (~22) by far`);
});

test('DQN picks the MinAtar conv net for [10, 10, C] grids (the MinAtar preset) and the MLP for flat observations', async () => {
  const c = resolveDqnConfig('MinAtar/Breakout-v1');
  assert.deepEqual(
    [c.bufferSize, c.batchSize, c.targetNetworkFrequency, c.startE, c.endE, c.explorationSteps, c.learningStarts, c.learningRate, c.gamma, c.network],
    [100_000, 32, 1000, 1, 0.1, 100_000, 5000, 2.5e-4, 0.99, 'minatar-conv'],
  );
  assert.equal(resolveDqnConfig('CartPole-v1').network, 'auto');
  assert.throws(() => resolveDqnConfig(null, { network: 'cnn' }), /network' must be one of auto, mlp, minatar-conv/);
  const grid = new SyncVectorEnv([() => make('MinAtar/Breakout-v1')], { autoresetMode: 'SameStep' });
  const cart = new SyncVectorEnv([() => make('CartPole-v1')], { autoresetMode: 'SameStep' });
  try {
    const auto = new DQN(grid, { learningStarts: 50, batchSize: 8, logInterval: 100 }, 1);
    assert.equal(auto.network, 'minatar-conv');
    assert.deepEqual(auto.namedParameters().filter(([n]) => n.startsWith('q.')).map(([n, t]) => `${n}:${t.shape.join('x')}`), [
      'q.conv.weight:3x3x4x16', 'q.conv.bias:16', 'q.dense.weight:1024x128', 'q.dense.bias:128', 'q.head.weight:128x3', 'q.head.bias:3',
    ]);
    assert.equal(new DQN(grid, { network: 'mlp' }, 1).network, 'mlp');
    assert.equal(new DQN(cart, {}, 1).network, 'mlp');
    assert.throws(() => new DQN(cart, { network: 'minatar-conv' }, 1), /needs \[10, 10, C\] grid observations/);
    // ε follows explorationSteps, whatever the run's length.
    const eps: number[] = [];
    const d = new DQN(grid, { learningStarts: 50, batchSize: 8, logInterval: 100, explorationSteps: 200, startE: 1, endE: 0.1 }, 1);
    const before = flat(d, 'q');
    d.learn(300, { onIteration: (m) => { eps.push(m.epsilon); assert.ok(m.tdLoss === null || Number.isFinite(m.tdLoss)); } });
    assert.deepEqual(eps.map((e) => Math.round(e * 1000) / 1000), [0.555, 0.104, 0.1]); // ε at steps 99, 199, 299
    assert.notDeepEqual(flat(d, 'q'), before);
  } finally {
    grid.close();
    cart.close();
  }
});

// The conv, bias and head weights (the dense layer's 131k weights would take minutes; Linear has its own checks).
test('the MinAtar Q-network\'s gradients match finite differences', () => {
  const rng = new Rng(3);
  const net = new MinatarQNetwork(2, 3, rng);
  const obs = fromBuffer(Float32Array.from({ length: 2 * 200 }, () => (rng.uniform() < 0.3 ? 1 : 0)), [2, 200]);
  const params = net.namedParameters().filter(([n]) => n !== 'dense.weight').map(([, t]) => t);
  const r = gradcheck(() => net.forward(obs), params, { eps: 1e-3, atol: 5e-3, rtol: 5e-2 });
  assert.ok(r.ok, `worst ratio ${r.worstRatio} at ${JSON.stringify(r.worst)}`);
});
