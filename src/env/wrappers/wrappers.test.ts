import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BaseEnv } from '../env.js';
import { Box } from '../spaces.js';
import { EnvError, type ResetArgs, type ResetResult, type StepResult } from '../types.js';
import { PendulumEnv } from '../../envs/classic/index.js';
import {
  Autoreset, ClipAction, FrameStack, NormalizeObservation, NormalizeReward, RecordEpisodeStatistics, RescaleAction,
  StickyAction, TimeLimit, findWrapper,
} from './index.js';

/** Observes the action it was given; episodes end after `length` steps; rewards are given by `rewards`. */
class EchoEnv extends BaseEnv<Float32Array, Float32Array> {
  readonly observationSpace = new Box(-10, 10, [1]);
  readonly actionSpace: Box;
  readonly metadata = { renderModes: [] };
  t = 0;
  constructor(low = -2, high = 2, private readonly length = 1000, private readonly rewards: number[] = [1]) {
    super();
    this.actionSpace = new Box(low, high, [1]);
  }
  reset(args?: ResetArgs): ResetResult<Float32Array> {
    this.seedReset(args);
    this.t = 0;
    return { obs: Float32Array.of(this.npRandom.uniform(-1, 1)), info: { reset: true } };
  }
  step(action: Float32Array): StepResult<Float32Array> {
    this.t++;
    const reward = this.rewards[(this.t - 1) % this.rewards.length];
    return { obs: Float32Array.of(action[0]), reward, terminated: this.t >= this.length, truncated: false, info: {} };
  }
  render(): null {
    return null;
  }
}

const act = (x: number): Float32Array => Float32Array.of(x);

test('TimeLimit truncates at the limit and keeps truncating; reset restarts the count', () => {
  const env = new TimeLimit(new PendulumEnv(), 3);
  env.reset({ seed: 0 });
  assert.deepEqual([1, 2, 3, 4].map(() => env.step(act(0)).truncated), [false, false, true, true]);
  env.reset();
  assert.equal(env.step(act(0)).truncated, false);
  assert.throws(() => new TimeLimit(new PendulumEnv(), 0), /positive integer/);
});

test('RecordEpisodeStatistics reports return, length and time on the last step and keeps capped queues', () => {
  const env = new RecordEpisodeStatistics(new EchoEnv(-2, 2, 3, [1, 2, 3]), 2);
  for (let ep = 0; ep < 3; ep++) {
    env.reset({ seed: ep });
    assert.equal(env.step(act(0)).info.episode, undefined);
    env.step(act(0));
    const r = env.step(act(0));
    assert.ok(r.terminated);
    const stats = r.info.episode as { r: number; l: number; t: number };
    assert.equal(stats.r, 6);
    assert.equal(stats.l, 3);
    assert.ok(stats.t >= 0);
  }
  assert.equal(env.episodeCount, 3);
  assert.deepEqual(env.returnQueue, [6, 6]);
  assert.equal(findWrapper(new TimeLimit(env, 5), RecordEpisodeStatistics), env);
});

test('ClipAction clips into the inner bounds and exposes an unbounded space', () => {
  const env = new ClipAction(new EchoEnv(-2, 2));
  assert.equal(String(env.actionSpace), 'Box(-inf, inf, (1,), float32)');
  env.reset({ seed: 0 });
  assert.equal(env.step(act(5)).obs[0], 2);
  assert.equal(env.step(act(-7)).obs[0], -2);
  assert.equal(env.step(act(0.5)).obs[0], 0.5);
});

test('RescaleAction maps [min, max] affinely onto the inner bounds without clipping', () => {
  const env = new RescaleAction(new EchoEnv(-2, 2), -1, 1);
  assert.equal(String(env.actionSpace), 'Box(-1.0, 1.0, (1,), float32)');
  env.reset({ seed: 0 });
  assert.equal(env.step(act(0.5)).obs[0], 1.0);
  assert.equal(env.step(act(1.5)).obs[0], 3.0);
  const skew = new RescaleAction(new EchoEnv(0, 10), 0, 1);
  skew.reset({ seed: 0 });
  assert.ok(Math.abs(skew.step(act(0.25)).obs[0] - 2.5) < 1e-6);
  assert.throws(() => new RescaleAction(new EchoEnv(), 1, 1), /must differ/);
});

test('NormalizeObservation follows the parallel-variance merge from count 1e-4', () => {
  const inner = new EchoEnv();
  const env = new NormalizeObservation(inner);
  const x0 = inner.reset({ seed: 9 }).obs[0];
  const out = env.reset({ seed: 9 }).obs[0];
  const total = 1e-4 + 1;
  const mean = Math.fround(x0 / total);
  const v = Math.fround((1 * 1e-4 + (x0 * x0 * 1e-4) / total) / total);
  assert.ok(Math.abs(out - (x0 - mean) / Math.sqrt(v + 1e-8)) < 1e-4);
  for (let i = 0; i < 2000; i++) env.step(act(3 + (i % 2)));
  assert.ok(Math.abs(env.obsRms.mean[0] - 3.5) < 0.01, `mean ${env.obsRms.mean[0]}`);
  assert.ok(Math.abs(env.obsRms.var[0] - 0.25) < 0.01, `var ${env.obsRms.var[0]}`);
  const z = env.step(act(3.5)).obs;
  assert.ok(z instanceof Float32Array && Math.abs(z[0]) < 0.05);
  env.updateRunningMean = false;
  const before = env.obsRms.count;
  env.step(act(1));
  assert.equal(env.obsRms.count, before);
});

test('NormalizeReward scales by the running std of the discounted return (first reward 1 → ≈70.71)', () => {
  const env = new NormalizeReward(new EchoEnv(-2, 2, 2, [1]));
  env.reset({ seed: 0 });
  const first = env.step(act(0)).reward;
  assert.ok(Math.abs(first - 70.714) < 1e-3, `got ${first}`);
  env.step(act(0)); // terminates: the accumulator is cleared on the next step
  env.reset();
  env.step(act(0));
  assert.throws(() => new NormalizeReward(new EchoEnv(), 1.5), /gamma/);
});

test('FrameStack keeps the last frames oldest first, padded with the reset obs or zeros', () => {
  const env = new FrameStack(new EchoEnv(), 3);
  assert.deepEqual(env.observationSpace.shape, [3, 1]);
  const r0 = env.reset({ seed: 1 }).obs;
  assert.equal(r0.length, 3);
  assert.ok(r0[0] === r0[1] && r0[1] === r0[2]);
  assert.deepEqual([...env.step(act(1)).obs], [r0[0], r0[0], 1]);
  const s = env.step(act(2)).obs;
  assert.deepEqual([...s], [r0[0], 1, 2]);
  assert.deepEqual([...env.step(act(3)).obs], [1, 2, 3]);
  assert.deepEqual([...s], [r0[0], 1, 2], 'returned stacks are copies');
  const zero = new FrameStack(new EchoEnv(), 2, 'zero');
  const z = zero.reset({ seed: 1 }).obs;
  assert.equal(z[0], 0);
});

test('StickyAction repeats the previous action with the given probability, from the env generator', () => {
  const never = new StickyAction(new EchoEnv(), 0);
  never.reset({ seed: 0 });
  for (let i = 0; i < 20; i++) assert.equal(never.step(act(i / 20)).obs[0], Math.fround(i / 20));
  const often = new StickyAction(new EchoEnv(), 0.9);
  often.reset({ seed: 0 });
  often.step(act(1));
  let repeated = 0;
  for (let i = 0; i < 200; i++) if (often.step(act(0)).obs[0] === 1) repeated++;
  assert.ok(repeated > 0 && repeated < 200, `${repeated} repeats of the first action`);
  const runs = (seed: number): number[] => {
    const e = new StickyAction(new EchoEnv(), 0.5, 2);
    e.reset({ seed });
    return Array.from({ length: 30 }, (_, i) => e.step(act(i)).obs[0]);
  };
  assert.deepEqual(runs(3), runs(3));
  assert.throws(() => new StickyAction(new EchoEnv(), 1), /\[0, 1\)/);
});

test('Autoreset resets on the step after the episode ended and ignores its action', () => {
  const env = new Autoreset(new EchoEnv(-2, 2, 2));
  env.reset({ seed: 0 });
  env.step(act(1));
  assert.equal(env.step(act(1)).terminated, true);
  const r = env.step(act(1.5));
  assert.deepEqual([r.reward, r.terminated, r.truncated, r.info.reset], [0, false, false, true]);
  assert.equal(env.step(act(1.5)).obs[0], 1.5);
});

test('wrappers forward the generator of the innermost env', () => {
  const inner = new PendulumEnv();
  const env = new TimeLimit(new ClipAction(inner), 5);
  env.reset({ seed: 11 });
  assert.equal(env.npRandomSeed, 11);
  assert.equal(env.npRandom, inner.npRandom);
  assert.throws(() => new TimeLimit(null as unknown as PendulumEnv, 1), EnvError);
});
