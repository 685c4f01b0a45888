import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../envs/index.js';
import { parameter, scope } from '../../core/tensor.js';
import { evaluatePolicy } from '../evaluate.js';
import { impalaLoss, type LossBatch } from '../impala/loss.js';
import type { ImpalaMetrics } from '../impala/impala.js';
import { SlidingWindowUcb } from './bandit.js';
import { ExplorationController } from './controller.js';
import { createErf, erfLoss } from './erf.js';
import { exploringActorCritic } from './network.js';
import { defaultNetworkSpec } from '../impala/network.js';
import { Rng } from '../../core/rng.js';

const strip = (ms: ImpalaMetrics[]) => ms.map(({ stepsPerSecond: _s, ...rest }) => rest);

test('the ERF loss is IMPALA\'s without the entropy term, whatever the entropy cost', () => {
  const batch: LossBatch = {
    T: 2, B: 1, actions: Int32Array.from([0, 1]), behaviourLogProbs: Float32Array.from([Math.log(0.5), Math.log(0.5)]),
    rewards: Float32Array.from([1, 0]), discounts: Float32Array.from([0.9, 0.9]),
  };
  const net = exploringActorCritic({ obsSize: 1, numActions: 2 }, { base: defaultNetworkSpec([4], 'tanh'), lanes: 1 }, new Rng(1));
  const controller = new ExplorationController([{ tau: 1 }], new SlidingWindowUcb(1, 4, 1), 1);
  controller.attach(net);
  const output = () => ({ logits: parameter([3, 2], [0, 0, Math.log(3), 0, 0, 0]), value: parameter([3], [1, 2, 3]) });
  const workspace = { logRhos: new Float32Array(2), vs: new Float32Array(2), pgAdvantages: new Float32Array(2) };
  const coefficients = { entropyCost: 0.5, baselineCost: 0.5, rhoBar: 1, cBar: 1, rhoPgBar: 1 };
  scope(() => {
    const erf = erfLoss(controller)({ batch, output: output(), workspace, coefficients });
    const plain = impalaLoss({ batch, output: output(), workspace, coefficients: { ...coefficients, entropyCost: 0 } });
    const withEntropy = impalaLoss({ batch, output: output(), workspace, coefficients });
    assert.equal(erf.loss.item(), plain.loss.item());
    assert.ok(withEntropy.loss.item() < plain.loss.item() - 0.1);
    assert.ok(Math.abs(erf.loss.item() - (erf.stats.policyLoss + 0.5 * erf.stats.baselineLoss)) < 1e-5);
    assert.equal(erf.stats.rewardRate, 0.5);
  });
  assert.equal(controller.selector.arms, 1);
});

test('ERF learns CartPole in-thread; lockstep worker actors (arms published with the weights) reproduce it', async () => {
  const run = async (actorMode: 'none' | 'sync', steps: number) => {
    const { learner, controller } = await createErf('CartPole-v1', { actorMode }, 4);
    try {
      const metrics: ImpalaMetrics[] = [];
      learner.learn(steps, { onIteration: (m) => { metrics.push(m); } });
      return { metrics, arms: Array.from(controller.laneArms), evalMean: evaluatePolicy('CartPole-v1', (o) => learner.predict(o), 10, 77).mean };
    } finally {
      learner.close();
    }
  };
  const a = await run('none', 50_000);
  assert.ok(a.evalMean > 100, `greedy return ${a.evalMean} should beat random (~22) by far`); // seeds 1–4: 142–500
  assert.ok(a.metrics.every((m) => m.entropy !== null && m.rewardRate !== null));
  const short = await run('none', 4096), workers = await run('sync', 4096);
  assert.deepEqual(strip(workers.metrics), strip(short.metrics));
  assert.deepEqual(workers.arms, short.arms);
});
