import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Run } from '../../../runs/run.js';
import { LOCM_TRAIN_DEFAULTS, LocmTrainConfigError, LocmTrainer, resolveLocmTrainConfig, resolveStoredLocmTrainConfig } from './train.js';

const root = mkdtempSync(join(tmpdir(), 'ludus-locm-train-'));
const config = resolveLocmTrainConfig('1.2', {
  seed: 4, policy: { cardHidden: 8, cardDim: 8, creatureDim: 4, playerDim: 4, trunk: [16], lstm: 8, buildHidden: 8 },
  gamesPerIteration: 2, epochs: 2, minibatchTrajectories: 2, periodIterations: 1, fixedOpponentProb: 0.5, fixedOpponents: ['random'],
  evalGames: 2, evalOpponents: ['random'], checkpointEvery: 1,
});
const open = (name: string): Run => Run.create(root, { name, algo: 'locm', env: 'locm-1.2', seed: 4, config: {} });

test('LOCM trainer: a run resumed from its checkpoint continues exactly as an uninterrupted one (policy, Adam, league, metrics)', () => {
  const a = new LocmTrainer(config, open('a'));
  a.train(6);
  const runB = open('b');
  new LocmTrainer(config, runB).train(4);
  const b = LocmTrainer.open(config, Run.open(runB.dir));
  assert.equal(b.games, 4);
  b.train(6);
  assert.deepEqual(b.policy.tensors(), a.policy.tensors());
  assert.deepEqual(b.league.toJSON(), a.league.toJSON());
  assert.ok(a.league.size >= 1);
  assert.deepEqual(readdirSync(join(runB.dir, 'league')), readdirSync(join(a.run!.dir, 'league')));
  const metrics = Run.open(runB.dir).readMetrics();
  assert.ok(metrics.some((m) => typeof m['eval/random'] === 'number'));
  assert.ok(metrics.some((m) => typeof m.policyLoss === 'number' && Number.isFinite(m.policyLoss)));
  assert.notDeepEqual(a.policy.tensors(), new LocmTrainer(config).policy.tensors(), 'training changed the weights');
});

test('LOCM trainer: bad settings are refused with LocmTrainConfigError', () => {
  assert.throws(() => resolveLocmTrainConfig('1.5', { epochs: 0 }), LocmTrainConfigError);
  assert.throws(() => resolveLocmTrainConfig('1.5', { fixedOpponentProb: 0.5, fixedOpponents: [] }), LocmTrainConfigError);
  assert.throws(() => resolveLocmTrainConfig('1.5', { evalOpponents: ['nobody'] }));
});

test('LOCM trainer: a config stored by an older version resumes with the settings added since at their defaults', () => {
  const { checkpointEvery: _dropped, ...older } = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  const resolved = resolveStoredLocmTrainConfig(older);
  assert.equal(resolved.checkpointEvery, LOCM_TRAIN_DEFAULTS.checkpointEvery);
  assert.deepEqual({ ...resolved, checkpointEvery: config.checkpointEvery }, config);
  assert.throws(() => resolveStoredLocmTrainConfig(null), LocmTrainConfigError);
  assert.throws(() => resolveStoredLocmTrainConfig({ ...older, version: '2.0' }), LocmTrainConfigError);
});
