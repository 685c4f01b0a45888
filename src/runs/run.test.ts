import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Run, RunError, defaultRunName, listRunNames } from './run.js';

const info = { name: 'ppo-cart', algo: 'ppo', env: 'CartPole-v1', seed: 1, config: { lr: 2.5e-4 } };

test('creates a run folder with its config and refuses to overwrite it', () => {
  const root = mkdtempSync(join(tmpdir(), 'ludus-run-'));
  const run = Run.create(root, info);
  assert.deepEqual(Run.open(run.dir).info.config, { lr: 2.5e-4 });
  assert.deepEqual(Run.open('ppo-cart', root).info.algo, 'ppo');
  assert.throws(() => Run.create(root, info), /already exists.*--resume/);
  assert.throws(() => Run.create(root, { ...info, name: 'a/b' }), RunError);
  assert.throws(() => Run.open('nope', root), /no run 'nope'.*runs in .*: ppo-cart/);
  assert.deepEqual(listRunNames(root), ['ppo-cart']);
});

test('checkpoints round-trip, keep the newest three, and resume truncates later metrics', () => {
  const root = mkdtempSync(join(tmpdir(), 'ludus-run-'));
  const run = Run.create(root, info);
  assert.equal(run.loadLatestCheckpoint(), null);
  for (let step = 100; step <= 500; step += 100) {
    run.logMetrics({ step, return: step / 10 });
    run.saveCheckpoint({ step, tensors: { w: { dtype: 'F32', shape: [2], data: new Float32Array([step, 1]) } }, state: { rng: [step] } });
  }
  run.logMetrics({ step: 600, return: 60 });
  appendFileSync(run.metricsPath, '{"step": 7'); // killed mid-write
  const ckpt = run.loadLatestCheckpoint()!;
  assert.equal(ckpt.step, 500);
  assert.deepEqual(Array.from(ckpt.tensors.w.data as Float32Array), [500, 1]);
  assert.deepEqual(ckpt.state, { rng: [500] });
  assert.equal(readdirSync(run.checkpointDir).filter((f) => f.endsWith('.safetensors')).length, 3);
  assert.equal(run.readMetrics().length, 6);
  run.truncateMetricsAfter(ckpt.step);
  assert.deepEqual(run.readMetrics().map((r) => r.step), [100, 200, 300, 400, 500]);
});

test('corrupt files give errors that name them', () => {
  const root = mkdtempSync(join(tmpdir(), 'ludus-run-'));
  const run = Run.create(root, info);
  writeFileSync(join(run.checkpointDir, 'latest.json'), '{oops');
  assert.throws(() => run.loadLatestCheckpoint(), /latest\.json is corrupt/);
  writeFileSync(join(run.dir, 'config.json'), 'not json');
  assert.throws(() => Run.open(run.dir), /config\.json is not valid JSON/);
  writeFileSync(run.metricsPath, '{"step":1}\nbad\n{"step":2}\n');
  assert.throws(() => run.readMetrics(), /line 2 is not valid JSON/);
});

test('default names are unique per algo, env, seed and time', () => {
  assert.equal(defaultRunName('ppo', 'MinAtar/Breakout-v1', 3, new Date('2026-01-02T03:04:05Z')), 'ppo-MinAtar_Breakout-v1-s3-20260102-030405');
});
