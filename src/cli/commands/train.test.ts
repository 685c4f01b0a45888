import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train, type TrainOptions } from './train.js';
import { Run } from '../../runs/run.js';
import { main } from '../main.js';

const base = (dir: string, name: string): TrainOptions => ({
  algo: 'ppo', env: 'CartPole-v1', steps: 6144, seed: 3, name, dir, resume: false, evalEpisodes: 2, checkpoints: 3, quiet: true,
});

// Timing fields differ between runs; everything else must be identical.
const strip = (records: Record<string, unknown>[]) => records.map(({ wallSeconds: _w, stepsPerSecond: _s, ...rest }) => rest);

test('same seed, same metrics; a killed run resumed from its checkpoint reproduces the uninterrupted run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-train-'));
  await train(base(dir, 'a'));
  await train(base(dir, 'b'));
  const a = strip(Run.open('a', dir).readMetrics());
  assert.deepEqual(strip(Run.open('b', dir).readMetrics()), a);

  // Crash in the middle of the second segment, after a checkpoint at 2048 steps.
  await assert.rejects(train({ ...base(dir, 'c'), onMetrics: (m) => { if (m.step === 3072) throw new Error('killed'); } }), /killed/);
  assert.equal(Run.open('c', dir).loadLatestCheckpoint()!.step, 2048);
  await train({ ...base(dir, 'c'), resume: true });
  assert.deepEqual(strip(Run.open('c', dir).readMetrics()), a);
  assert.ok(existsSync(Run.open('c', dir).curvePath));
});

test('a short seeded PPO run on CartPole clearly beats random', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-train-'));
  const r = await train({ ...base(dir, 'short'), steps: 50_000, checkpoints: 1, evalEpisodes: 10, seed: 1 });
  assert.ok(r.evalMean > 150, `mean evaluation return ${r.evalMean} should beat random (~22) by far`);
  assert.match(readFileSync(r.run.curvePath, 'utf8'), /<svg/);
});

test('the command line reports mistakes with usage, not a stack trace', async () => {
  const errors: string[] = [];
  const orig = console.error;
  console.error = (s: string) => errors.push(s);
  try {
    assert.equal(await main(['train', 'ppo', 'CartPol-v1']), 2);
    assert.match(errors.join('\n'), /unknown environment 'CartPol-v1'; did you mean CartPole-v1\?/);
    assert.equal(await main(['train', 'ppx', 'CartPole-v1']), 2);
    assert.match(errors.join('\n'), /unknown algorithm 'ppx'; did you mean ppo\?/);
    assert.equal(await main(['train', 'ppo']), 2);
    assert.match(errors.join('\n'), /missing <env>[\s\S]*usage: ludus train/);
  } finally {
    console.error = orig;
  }
});
