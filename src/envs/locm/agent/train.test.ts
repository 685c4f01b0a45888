import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../../../core/rng.js';
import { Run } from '../../../runs/run.js';
import { LocmActorError, WorkerActors } from './actors.js';
import { savePolicy } from './neural-agent.js';
import { LocmPolicy, policyConfig } from './policy.js';
import { LOCM_TRAIN_DEFAULTS, LocmTrainConfigError, LocmTrainer, resolveLocmTrainConfig, resolveStoredLocmTrainConfig, type LocmTrainConfig } from './train.js';

const root = mkdtempSync(join(tmpdir(), 'ludus-locm-train-'));
const widths = { cardHidden: 8, cardDim: 8, creatureDim: 4, playerDim: 4, trunk: [16], lstm: 8, buildHidden: 8 };
const config = resolveLocmTrainConfig('1.2', {
  seed: 6, policy: widths, gamesPerIteration: 2, epochs: 2, minibatchTrajectories: 2, periodIterations: 1, fixedOpponentProb: 0.5, fixedOpponents: ['random'],
  evalGames: 2, evalOpponents: ['random'], checkpointEvery: 2, actors: 1,
});
const open = (name: string): Run => Run.create(root, { name, algo: 'locm', env: 'locm-1.2', seed: 4, config: {} });

test('LOCM trainer: a run resumed from its checkpoint continues exactly as an uninterrupted one (policy, Adam, league, metrics), with actor threads playing ahead', () => {
  const a = new LocmTrainer(config, open('a'));
  a.train(8);
  const runB = open('b');
  new LocmTrainer(config, runB).train(4);
  const b = LocmTrainer.open(config, Run.open(runB.dir));
  assert.equal(b.games, 4);
  b.train(8);
  assert.deepEqual(b.policy.tensors(), a.policy.tensors());
  assert.deepEqual(b.league.toJSON(), a.league.toJSON());
  assert.ok(a.league.size >= 1);
  assert.deepEqual(readdirSync(join(runB.dir, 'league')), readdirSync(join(a.run!.dir, 'league')));
  const metrics = Run.open(runB.dir).readMetrics();
  assert.ok(metrics.some((m) => typeof m['eval/random'] === 'number'));
  assert.ok(metrics.some((m) => typeof m.policyLoss === 'number' && Number.isFinite(m.policyLoss)));
  assert.notDeepEqual(a.policy.tensors(), new LocmTrainer(config).policy.tensors(), 'training changed the weights');
});

test('LOCM trainer: one seed gives one run, whether the games are played in one actor thread (twice), two, or the learner\'s thread', () => {
  const ahead: LocmTrainConfig = { ...config, checkpointEvery: 10 };
  const runs = [1, 1, 2, 0].map((actors, i) => {
    const t = new LocmTrainer({ ...ahead, actors }, open(`same-${i}`));
    t.train(8);
    return { tensors: t.policy.tensors(), league: t.league.toJSON() };
  });
  assert.ok(runs[0].league.members.length >= 1, 'league members played');
  for (const r of runs.slice(1)) assert.deepEqual(r, runs[0]);
});

test('LOCM trainer: a fresh run starts from initPolicy; other widths are refused; a resumed run ignores it', () => {
  const file = join(root, 'init.safetensors'), init = new LocmPolicy(policyConfig('1.2', widths), new Rng(77));
  savePolicy(file, init);
  const t = new LocmTrainer({ ...config, initPolicy: file });
  assert.deepEqual(t.policy.tensors(), init.tensors());
  assert.throws(() => new LocmTrainer({ ...config, initPolicy: file, policy: { ...widths, lstm: 16 } }), (e: Error) => e instanceof LocmTrainConfigError && /lstm 8.*lstm 16/.test(e.message));
  assert.throws(() => new LocmTrainer({ ...config, version: '1.5', initPolicy: file }), LocmTrainConfigError);
  const run = open('warm');
  new LocmTrainer({ ...config, actors: 0 }, run).train(4);
  const resumed = LocmTrainer.open({ ...config, initPolicy: join(root, 'missing.safetensors') }, Run.open(run.dir));
  assert.equal(resumed.games, 4);
});

test('LOCM trainer: an actor thread\'s failure surfaces in the learner as a LocmActorError naming the cause', () => {
  const policy = new LocmPolicy(policyConfig('1.2', widths), new Rng(1));
  const actors = new WorkerActors(1, policy, ['random']);
  try {
    actors.submit([{ seed: 1, seat: 0, opponent: { kind: 'member', path: join(root, 'no-such-member.safetensors') } }], policy);
    assert.throws(() => actors.collect(), (e: Error) => e instanceof LocmActorError && /no-such-member/.test(e.message));
  } finally {
    actors.close();
  }
});

test('LOCM trainer: bad settings are refused with LocmTrainConfigError', () => {
  assert.throws(() => resolveLocmTrainConfig('1.5', { epochs: 0 }), LocmTrainConfigError);
  assert.throws(() => resolveLocmTrainConfig('1.5', { fixedOpponentProb: 0.5, fixedOpponents: [] }), LocmTrainConfigError);
  assert.throws(() => resolveLocmTrainConfig('1.5', { actors: -1 }), LocmTrainConfigError);
  assert.throws(() => resolveLocmTrainConfig('1.5', { initPolicy: '' }), LocmTrainConfigError);
  assert.throws(() => resolveLocmTrainConfig('1.5', { evalOpponents: ['nobody'] }));
});

test('LOCM trainer: a config stored by an older version resumes with the settings added since at their defaults', () => {
  const { actors: _a, initPolicy: _i, ...older } = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  const resolved = resolveStoredLocmTrainConfig(older);
  assert.equal(resolved.actors, LOCM_TRAIN_DEFAULTS.actors);
  assert.equal(resolved.initPolicy, null);
  assert.deepEqual({ ...resolved, actors: config.actors }, config);
  assert.throws(() => resolveStoredLocmTrainConfig(null), LocmTrainConfigError);
  assert.throws(() => resolveStoredLocmTrainConfig({ ...older, version: '2.0' }), LocmTrainConfigError);
});

test('LOCM trainer: a lookahead run may start from a file without lookahead (its lookahead head keeps the greedy prior), not the reverse; it trains with actor threads', () => {
  const plain = join(root, 'plain.safetensors'), init = new LocmPolicy(policyConfig('1.2', widths), new Rng(78));
  savePolicy(plain, init);
  const look = { ...config, policy: { ...widths, lookahead: true } };
  const t = new LocmTrainer({ ...look, initPolicy: plain }, open('lookahead')), fresh = new LocmPolicy(policyConfig('1.2', { ...widths, lookahead: true }), new Rng(1));
  const tensors = t.policy.tensors();
  for (const [k, v] of Object.entries(init.tensors())) assert.deepEqual(tensors[k], v, k);
  assert.deepEqual(tensors['lookahead.bias'], fresh.tensors()['lookahead.bias']);
  const withLookahead = join(root, 'lookahead.safetensors');
  savePolicy(withLookahead, fresh);
  assert.throws(() => new LocmTrainer({ ...config, initPolicy: withLookahead }), (e: Error) => e instanceof LocmTrainConfigError && /lookahead true.*lookahead false/.test(e.message));
  t.train(4);
  assert.notDeepEqual(t.policy.tensors()['lookahead.weight'], tensors['lookahead.weight'], 'the lookahead head learns');
});
