import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../envs/index.js';
import { parameter, scope } from '../../core/tensor.js';
import { evaluatePolicy } from '../evaluate.js';
import { impalaLoss, type LossBatch } from '../impala/loss.js';
import type { ImpalaMetrics } from '../impala/impala.js';
import { createErf, erfLoss } from './erf.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { make, register } from '../../env/registry.js';
import { train, type TrainOptions } from '../../cli/commands/train.js';
import { Run } from '../../runs/run.js';

const strip = <M extends object>(ms: M[]) => ms.map((m) => { const { stepsPerSecond: _s, wallSeconds: _w, ...rest } = m as Record<string, unknown>; return rest; });

register({ id: 'test/ShortCartPole-v0', entryPoint: () => make('CartPole-v1'), maxEpisodeSteps: 3 });

test('the ERF loss is IMPALA\'s without the entropy term, whatever the entropy cost', () => {
  const batch: LossBatch = {
    T: 2, B: 1, actions: Int32Array.from([0, 1]), behaviourLogProbs: Float32Array.from([Math.log(0.5), Math.log(0.5)]),
    rewards: Float32Array.from([1, 0]), discounts: Float32Array.from([0.9, 0.9]),
  };
  const output = () => ({ logits: parameter([3, 2], [0, 0, Math.log(3), 0, 0, 0]), value: parameter([3], [1, 2, 3]) });
  const workspace = { logRhos: new Float32Array(2), vs: new Float32Array(2), pgAdvantages: new Float32Array(2) };
  const coefficients = { entropyCost: 0.5, baselineCost: 0.5, rhoBar: 1, cBar: 1, rhoPgBar: 1 };
  scope(() => {
    const erf = erfLoss({ batch, output: output(), workspace, coefficients });
    const plain = impalaLoss({ batch, output: output(), workspace, coefficients: { ...coefficients, entropyCost: 0 } });
    const withEntropy = impalaLoss({ batch, output: output(), workspace, coefficients });
    assert.equal(erf.loss.item(), plain.loss.item());
    assert.ok(withEntropy.loss.item() < plain.loss.item() - 0.1);
    assert.ok(Math.abs(erf.loss.item() - (erf.stats.policyLoss + 0.5 * erf.stats.baselineLoss)) < 1e-5);
  });
});

test('arms are drawn per episode per env: with 3-step episodes every env cycles through the arms, and the bandits count every finished episode', async () => {
  const arms = [0.5, 1, 2, 4, 8].map((tau) => ({ tau }));
  const { learner, controller } = await createErf('test/ShortCartPole-v0', {
    actorMode: 'none', numActors: 2, envsPerActor: 2, unrollLength: 8, arms, banditWindows: [1000],
  }, 3);
  try {
    let episodes = 0;
    learner.learn(320, { onIteration: (m) => { episodes += m.episodes; } });
    assert.equal(episodes, 4 * 26); // 80 steps per env in one segment: 26 whole 3-step episodes each
    const counts = [0, 1].map((a) => controller.armCounts(a));
    assert.equal(counts.flat().reduce((x, y) => x + y), episodes);
    // 52 episodes per actor over 5 arms: UCB plays every arm, so each env's arm changed between its episodes.
    for (const c of counts) assert.ok(c.every((n) => n >= 2), `episodes per arm ${c}`);
    // The running episodes (4 envs) hold arms; a new segment abandons them and draws afresh.
    assert.ok([0, 1].every((a) => [0, 1].every((i) => controller.view.arm(a, i) >= 0)));
  } finally {
    learner.close();
  }
});

test('ERF learns CartPole in-thread; lockstep worker actors (sharing the bandits\' memory) reproduce it', async () => {
  const run = async (actorMode: 'none' | 'sync', steps: number) => {
    const { learner, controller } = await createErf('CartPole-v1', { actorMode }, 4);
    try {
      const metrics: ImpalaMetrics[] = [];
      learner.learn(steps, { onIteration: (m) => { metrics.push(m); } });
      return { metrics, bandits: controller.save(), evalMean: evaluatePolicy('CartPole-v1', (o) => learner.predict(o), 10, 77).mean };
    } finally {
      learner.close();
    }
  };
  const a = await run('none', 50_000);
  assert.ok(a.evalMean > 100, `greedy return ${a.evalMean} should beat random (~22) by far`); // seeds 1–4: 142–500
  assert.ok(a.metrics.every((m) => m.entropy !== null));
  const short = await run('none', 4096), workers = await run('sync', 4096);
  assert.deepEqual(strip(workers.metrics), strip(short.metrics));
  assert.ok(short.bandits.floats.some((x) => x > 0));
  assert.deepEqual(workers.bandits, short.bandits);
});

test('ludus train erf and casa: a killed run resumed from its checkpoint (bandits included) reproduces the uninterrupted run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-erf-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ numActors: 2, envsPerActor: 4, unrollLength: 16, banditWindows: [20, 60] }));
  for (const algo of ['erf', 'casa']) {
    const base = (name: string): TrainOptions => ({
      algo, env: 'CartPole-v1', steps: 1536, seed: 3, name: `${algo}-${name}`, dir, configPath, resume: false, evalEpisodes: 1, checkpoints: 3, quiet: true,
    });
    await train(base('a'));
    await assert.rejects(train({ ...base('c'), onMetrics: (m) => { if (m.step === 768) throw new Error('killed'); } }), /killed/);
    assert.equal(Run.open(`${algo}-c`, dir).loadLatestCheckpoint()!.step, 512);
    await train({ ...base('c'), resume: true });
    const a = Run.open(`${algo}-a`, dir), c = Run.open(`${algo}-c`, dir);
    assert.deepEqual(strip(c.readMetrics()), strip(a.readMetrics()));
    const ca = a.loadLatestCheckpoint()!, cc = c.loadLatestCheckpoint()!;
    assert.deepEqual(cc.state, ca.state);
    assert.ok(((ca.state.extension as { floats: number[] }).floats).some((x) => x > 1), `${algo}: the bandits learnt nothing`);
    for (const [name, t] of Object.entries(ca.tensors)) assert.deepEqual(cc.tensors[name].data, t.data, `${algo}: ${name}`);
  }
});
