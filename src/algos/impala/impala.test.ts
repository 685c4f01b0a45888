import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../envs/index.js';
import { ConfigError } from '../ppo/config.js';
import { evaluatePolicy } from '../evaluate.js';
import { train, type TrainOptions } from '../../cli/commands/train.js';
import { Run } from '../../runs/run.js';
import { resolveImpalaConfig, type ActorMode } from './config.js';
import { Impala, type ImpalaMetrics } from './impala.js';
import { impalaLoss, type LossFn } from './loss.js';

// Timing fields differ between runs; everything else must be identical.
const strip = (records: Record<string, unknown>[]) => records.map(({ wallSeconds: _w, stepsPerSecond: _s, ...rest }) => rest);

async function run(actorMode: ActorMode, steps: number): Promise<{ metrics: ImpalaMetrics[]; threads: number; evalMean: number }> {
  const learner = await Impala.create('CartPole-v1', resolveImpalaConfig('CartPole-v1', { actorMode }), 5);
  try {
    const metrics: ImpalaMetrics[] = [];
    learner.learn(steps, { onIteration: (m) => { metrics.push(m); } });
    const evalMean = evaluatePolicy('CartPole-v1', (obs) => learner.predict(obs), 10, 77).mean;
    return { metrics, threads: learner.actorThreads, evalMean };
  } finally {
    learner.close();
  }
}

test('settings: the CartPole preset applies, and mistakes are rejected naming the setting', () => {
  assert.equal(resolveImpalaConfig('CartPole-v1').unrollLength, 16);
  assert.equal(resolveImpalaConfig(null).unrollLength, 80);
  assert.throws(() => resolveImpalaConfig(null, { unroll: 5 }), (e: Error) => e instanceof ConfigError && /unknown IMPALA setting 'unroll'/.test(e.message));
  assert.throws(() => resolveImpalaConfig(null, { actorMode: 'threads' }), /actorMode must be one of none, sync, async/);
  assert.throws(() => resolveImpalaConfig(null, { numActors: 0 }), /numActors' must be a positive integer/);
});

test('in-thread actors learn CartPole, and lockstep worker actors on 2 threads reproduce that run exactly', async () => {
  const inThread = await run('none', 60_000);
  assert.equal(inThread.threads, 0);
  assert.ok(inThread.evalMean > 150, `greedy return ${inThread.evalMean} should beat random (~22) by far`);
  const workers = await run('sync', 60_000);
  assert.equal(workers.threads, 2);
  assert.deepEqual(strip(workers.metrics), strip(inThread.metrics));
  assert.equal(workers.evalMean, inThread.evalMean);
  assert.ok(workers.metrics.every((m) => m.policyLag === 0));
});

test('async worker actors run ahead of the learner (policy lag > 0) and still learn', async () => {
  const { metrics, threads } = await run('async', 60_000);
  assert.equal(threads, 2);
  assert.ok(Math.max(...metrics.map((m) => m.policyLag)) >= 1, 'async actors should act with stale weights at times');
  const returns = metrics.map((m) => m.episodeReturn).filter((r): r is number => r !== null).slice(-10);
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  assert.ok(mean > 60, `recent training return ${mean} should beat random (~22)`);
});

test('ludus train impala: same seed, same metrics; a killed run resumed from its checkpoint reproduces the uninterrupted run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-impala-'));
  const base = (name: string): TrainOptions => ({
    algo: 'impala', env: 'CartPole-v1', steps: 3072, seed: 3, name, dir, resume: false, evalEpisodes: 2, checkpoints: 3, quiet: true,
  });
  await train(base('a'));
  const a = strip(Run.open('a', dir).readMetrics());
  assert.equal(a.filter((m) => typeof m.iteration === 'number').length, 12);
  // Crash in the middle of the second segment, after the checkpoint at 1024 steps.
  await assert.rejects(train({ ...base('c'), onMetrics: (m) => { if (m.step === 1536) throw new Error('killed'); } }), /killed/);
  assert.equal(Run.open('c', dir).loadLatestCheckpoint()!.step, 1024);
  await train({ ...base('c'), resume: true });
  assert.deepEqual(strip(Run.open('c', dir).readMetrics()), a);
});

test('a plugged-in loss sees the time-major batch with bootstrap rows, and its stats reach the metrics', async () => {
  const seen: string[] = [];
  const noEntropy: LossFn = (ctx) => {
    const { T, B, discounts, behaviourLogProbs } = ctx.batch;
    seen.push(`${T}x${B}:${ctx.output.logits.shape.join('x')}:${ctx.output.value.shape.join('x')}`);
    assert.ok(discounts.every((d) => d === 0 || Math.abs(d - 0.99) < 1e-6));
    assert.ok(behaviourLogProbs.every((l) => l <= 0 && l > -10));
    const r = impalaLoss({ ...ctx, coefficients: { ...ctx.coefficients, entropyCost: 0 } });
    return { loss: r.loss, stats: { ...r.stats, custom: 1 } };
  };
  const config = resolveImpalaConfig('CartPole-v1', { actorMode: 'none', numActors: 3, envsPerActor: 2, unrollLength: 5 });
  const learner = await Impala.create('CartPole-v1', config, 1, { loss: noEntropy });
  const metrics: ImpalaMetrics[] = [];
  learner.learn(60, { onIteration: (m) => { metrics.push(m); } });
  learner.close();
  assert.deepEqual(seen, ['5x6:36x2:36', '5x6:36x2:36']);
  assert.deepEqual(metrics.map((m) => [m.step, m.custom]), [[30, 1], [60, 1]]);
});
