import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../core/rng.js';
import { fromBuffer, scope } from '../../core/tensor.js';
import { ConfigError } from '../ppo/config.js';
import { ARM_ENTROPY, ARM_TEMPERATURE, behaviourDistribution, entropyOf, temperatureForEntropy, temperedSoftmax } from './behaviour.js';
import { BanditVote, SlidingWindowUcb, type ArmSelector } from './bandit.js';
import { resolveErfConfig } from './config.js';
import { ExplorationController } from './controller.js';
import { exploringActorCritic } from './network.js';
import { defaultNetworkSpec } from '../impala/network.js';

const close = (a: number, b: number, what: string, tol = 1e-9) => assert.ok(Math.abs(a - b) < tol, `${what}: ${a} vs ${b}`);

test('closed-form behaviour: μ = (1 − ε)·softmax(z/τ) + ε/|A| on hand values', () => {
  const z = [7, 0, Math.log(3)]; // the row starts at offset 1
  const mu = new Float64Array(2);
  temperedSoftmax(z, 1, 2, 1, mu);
  close(mu[0], 0.25, 'τ = 1');
  temperedSoftmax(z, 1, 2, 2, mu);
  close(mu[0], 1 / (1 + Math.sqrt(3)), 'τ = 2');
  behaviourDistribution(z, 1, 2, ARM_TEMPERATURE, 1, 0.1, mu);
  close(mu[0], 0.9 * 0.25 + 0.05, 'ε mix');
  close(mu[1], 0.9 * 0.75 + 0.05, 'ε mix');
  // τ → 0 is greedy, large τ uniform.
  temperedSoftmax(z, 1, 2, 1e-3, mu);
  close(mu[1], 1, 'greedy');
  temperedSoftmax(z, 1, 2, 1e6, mu);
  close(mu[0], 0.5, 'uniform', 1e-6);
});

test('entropy arms: bisection finds the τ whose tempered softmax has the target entropy', () => {
  const z = Float32Array.from([0, Math.log(3)]);
  const scratch = new Float64Array(2);
  const h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
  close(temperatureForEntropy(z, 0, 2, h, scratch), 1, 'τ for H(¼, ¾)', 1e-6);
  const mu = new Float64Array(2);
  behaviourDistribution(z, 0, 2, ARM_ENTROPY, 0.5, 0, mu);
  close(entropyOf(mu, 2), 0.5 * Math.LN2, 'half of log|A|', 1e-7);
  // Targets beyond reach clamp to the temperature range (equal logits: every τ gives log|A|).
  close(temperatureForEntropy([1, 1], 0, 2, 0.1, scratch), 1e-3, 'unreachable low target', 1e-6);
});

test('sliding-window UCB: normalised means plus √(ln N / n) bonus, eviction, pending plays, unplayed arms first', () => {
  const b = new SlidingWindowUcb(3, 3, 1);
  assert.equal(b.select(), 0);
  assert.equal(b.select([1, 0, 0]), 1);
  b.update(0, 1);
  b.update(1, 0);
  b.update(2, 0.5);
  const s = new Float64Array(3);
  b.scores(s);
  const bonus = Math.sqrt(Math.log(3));
  close(s[0], 1 + bonus, 'arm 0');
  close(s[1], 0 + bonus, 'arm 1');
  close(s[2], 0.5 + bonus, 'arm 2');
  assert.equal(b.select(), 0);
  b.update(0, 0); // evicts (0, 1): window (1, 0), (2, 0.5), (0, 0); min 0, max 0.5
  assert.equal(b.count(0), 1);
  b.scores(s);
  close(s[2], 1 + bonus, 'arm 2 after eviction');
  close(s[0], bonus, 'arm 0 after eviction');
  assert.equal(b.select(), 2);
  // 30 pending plays of arm 2: 1 + √(ln 33 / 31) < √(ln 33) for arm 0.
  b.scores(s, [0, 0, 30]);
  close(s[2], 1 + Math.sqrt(Math.log(33) / 31), 'arm 2 with pending');
  assert.equal(b.select([0, 0, 30]), 0);
  assert.throws(() => new SlidingWindowUcb(3, 0, 1), ConfigError);
});

test('bandits vote: the majority wins, a tie goes to the earliest proposal, every member learns', () => {
  const seen: string[] = [];
  const fixed = (arm: number): ArmSelector => ({ arms: 3, select: () => arm, update: (a, r) => { seen.push(`${arm}:${a}:${r}`); } });
  assert.equal(new BanditVote([fixed(2), fixed(1), fixed(1)]).select(), 1);
  assert.equal(new BanditVote([fixed(2), fixed(1), fixed(0)]).select(), 2);
  new BanditVote([fixed(0), fixed(1)]).update(1, 0.5);
  assert.deepEqual(seen, ['0:1:0.5', '1:1:0.5']);
  assert.throws(() => new BanditVote([fixed(0), { ...fixed(1), arms: 2 }]), /same arms/);
});

test('per-episode arms: each actor\'s bandit picks an arm at every episode start and learns from the episode\'s return', () => {
  const arms = [{ tau: 0.5, eps: 0 }, { tau: 2, eps: 0.1 }, { entropy: 0.5, eps: 0 }];
  const c = new ExplorationController({ arms, banditWindows: [10], banditBeta: 1 }, 2, 2);
  const e = c.view;
  assert.equal(e.arm(0, 0), -1);
  e.start(0, 0);
  e.start(0, 1);
  assert.deepEqual([e.arm(0, 0), e.arm(0, 1)], [0, 1]); // the running arm 0 counts as pending
  e.end(0, 0, 5);
  assert.equal(e.arm(0, 0), -1);
  e.start(0, 0);
  assert.equal(e.arm(0, 0), 2); // the unplayed arm first
  assert.deepEqual(c.armCounts(0), [1, 0, 0]);
  assert.deepEqual(c.armCounts(1), [0, 0, 0]); // actor 1 has its own bandit
  close(e.bandits[0][0].mean(0), 5, 'arm 0 rewarded with the return');
  const snap = c.save();
  e.end(0, 1, 1);
  e.end(0, 0, 2);
  e.reset(0); // abandons running episodes: no reward
  assert.deepEqual([e.arm(0, 0), e.arm(0, 1)], [-1, -1]);
  assert.deepEqual(c.armCounts(0), [1, 1, 1]);
  c.load(JSON.parse(JSON.stringify(snap)));
  assert.deepEqual([e.arm(0, 0), e.arm(0, 1), e.bandits[0][0].plays], [2, 1, 1]);
  assert.throws(() => c.load({ floats: [1, 2] }), /has 2 values, these settings \(2 actors × 2 envs, 3 arms, windows 10\) need/);
});

test('the exploring network acts with the μ of its env\'s current arm and records log μ(a|x)', () => {
  const c = new ExplorationController({ arms: [{ tau: 1e-3, eps: 0 }, { tau: 1, eps: 1 }], banditWindows: [4], banditBeta: 1 }, 2, 2);
  const spec = c.networkSpec(defaultNetworkSpec([8], 'tanh'));
  const net = exploringActorCritic({ obsSize: 4, numActions: 2 }, spec.options, new Rng(1));
  assert.ok(net.namedParameters().every(([, t]) => t.requiresGrad));
  net.episodes!.reset(1);
  net.episodes!.start(1, 0); // arm 0: greedy
  net.episodes!.start(1, 1); // arm 1: uniform
  assert.deepEqual([c.view.arm(1, 0), c.view.arm(1, 1)], [0, 1]); // one shared state
  const logits = fromBuffer(Float32Array.from([0, 1, 0, 1]), [2, 2]);
  const actions = new Int32Array(2), logMu = new Float32Array(2), rng = new Rng(3);
  const counts = [0, 0];
  scope(() => {
    for (let k = 0; k < 400; k++) {
      net.behaviour!({ logits, value: fromBuffer(new Float32Array(2), [2]) }, rng, actions, logMu, 1);
      assert.equal(actions[0], 1);
      close(logMu[0], 0, 'greedy log μ', 1e-6);
      close(logMu[1], Math.log(0.5), 'uniform log μ', 1e-6);
      counts[actions[1]]++;
    }
    assert.throws(() => net.behaviour!({ logits, value: fromBuffer(new Float32Array(2), [2]) }, rng, actions, logMu, 0), /acts outside an episode/);
  });
  assert.ok(counts[0] > 150 && counts[1] > 150, `uniform env counts ${counts}`);
  assert.throws(() => c.networkSpec({ module: 'x', exportName: 'lstm', options: {} }), /cannot wrap 'lstm'/);
});

test('ERF settings: no entropy cost, arms validated with actionable messages', () => {
  const c = resolveErfConfig('CartPole-v1');
  assert.equal(c.entropyCost, 0);
  assert.equal(c.arms.length, 12);
  assert.equal(c.unrollLength, 16);
  assert.throws(() => resolveErfConfig(null, { entropyCost: 0.01 }), /no 'entropyCost' setting/);
  assert.throws(() => resolveErfConfig(null, { arms: [{ tau: 1, entropy: 0.5 }] }), /exactly one of tau and entropy/);
  assert.throws(() => resolveErfConfig(null, { arms: [{ entropy: 2 }] }), /fraction of log\|A\| in \(0, 1\]/);
  assert.throws(() => resolveErfConfig(null, { banditWindows: [0] }), /banditWindows/);
  assert.throws(() => resolveErfConfig(null, { unroll: 3 }), /unknown IMPALA setting 'unroll'/);
  assert.deepEqual(resolveErfConfig(null, { arms: [{ tau: 3 }] }).arms, [{ tau: 3, eps: 0 }]);
});
