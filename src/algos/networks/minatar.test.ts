import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../core/rng.js';
import { fromBuffer, scope } from '../../core/tensor.js';
import '../../envs/index.js';
import { loadNetworkFactory } from '../impala/network.js';
import { actorCriticSpecFor, minatarChannels } from './minatar.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { algorithm } from '../index.js';
import { train } from '../../cli/commands/train.js';
import { Run } from '../../runs/run.js';

test('MinAtar ids get the conv net with their channel count; flat observations keep the MLP', () => {
  assert.deepEqual(actorCriticSpecFor('MinAtar/Breakout-v1', [64], 'tanh').options, { channels: 4 });
  assert.deepEqual(actorCriticSpecFor('MinAtar/Seaquest-v0', [64], 'tanh').options, { channels: 10 });
  const cartpole = actorCriticSpecFor('CartPole-v1', [32], 'relu');
  assert.equal(cartpole.exportName, 'mlpActorCritic');
  assert.deepEqual(cartpole.options, { hidden: [32], activation: 'relu' });
  assert.equal(minatarChannels([10, 10]), null);
  assert.equal(minatarChannels([9, 10, 4]), null);
});

test('the MinAtar net maps [n, 10·10·C] to n×|A| logits and n values, and reads channels last', async () => {
  const spec = actorCriticSpecFor('MinAtar/Freeway-v1', [64], 'tanh');
  const factory = await loadNetworkFactory(spec);
  const net = factory({ obsSize: 700, numActions: 3 }, spec.options, new Rng(1));
  const shapes = net.namedParameters().map(([n, t]) => `${n}:${t.shape.join('x')}`);
  assert.deepEqual(shapes, ['conv.weight:3x3x7x16', 'conv.bias:16', 'dense.weight:1024x128', 'dense.bias:128', 'policy.weight:128x3', 'policy.bias:3', 'baseline.weight:128x1', 'baseline.bias:1']);
  const obs = new Float32Array(2 * 700);
  obs[700 + (4 * 10 + 4) * 7 + 6] = 1; // row 4, column 4, channel 6 of the second observation
  scope(() => {
    const out = net.forward(fromBuffer(obs, [2, 700]));
    assert.deepEqual(out.logits.shape, [2, 3]);
    assert.deepEqual(out.value.shape, [2]);
    // Zero-initialised biases: an empty grid gives exactly zero outputs, one lit cell does not.
    assert.equal(out.value.data[0], 0);
    assert.notEqual(out.value.data[1], 0);
  });
  assert.throws(() => factory({ obsSize: 100, numActions: 3 }, spec.options, new Rng(1)), /not 10×10×7/);
});

test('impala, erf and casa train on a MinAtar id with the conv net through the registry; ludus train erf works end to end', async () => {
  for (const name of ['impala', 'erf', 'casa']) {
    const learner = await algorithm(name)!.create('MinAtar/Breakout-v1', { actorMode: 'none', numActors: 1, envsPerActor: 2, unrollLength: 5 }, 1);
    try {
      learner.learn(20, {}, {});
      assert.equal(learner.globalStep, 20);
      const ckpt = learner.checkpoint();
      const names = Object.keys(ckpt.tensors);
      assert.ok(names.includes('conv.weight'), `${name}: ${names.join(', ')}`);
      assert.equal('extension' in ckpt.state, name !== 'impala'); // the bandits' state
      assert.ok([0, 1, 2].includes(learner.act(new Float32Array(400)) as number));
    } finally {
      learner.close();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'ludus-minatar-'));
  const result = await train({
    algo: 'erf', env: 'MinAtar/Breakout-v1', steps: 640, seed: 2, name: 'erf', dir, resume: false, evalEpisodes: 1, checkpoints: 1, quiet: true,
    configPath: undefined,
  });
  assert.equal(result.steps, 640);
  assert.ok(Run.open('erf', dir).loadLatestCheckpoint()!.tensors['conv.weight'] !== undefined);
});
