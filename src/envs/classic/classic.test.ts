import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnvError } from '../../env/types.js';
import type { Canvas } from '../../env/raster.js';
import { AcrobotEnv, CartPoleEnv, MountainCarContinuousEnv, MountainCarEnv, PendulumEnv } from './index.js';

test('reset samples lie in the documented ranges, and options override them', () => {
  const cp = new CartPoleEnv();
  const ac = new AcrobotEnv();
  const mc = new MountainCarEnv();
  const mcc = new MountainCarContinuousEnv();
  const pe = new PendulumEnv();
  cp.reset({ seed: 1 });
  ac.reset({ seed: 1 });
  mc.reset({ seed: 1 });
  mcc.reset({ seed: 1 });
  pe.reset({ seed: 1 });
  for (let i = 0; i < 200; i++) {
    cp.reset();
    for (const v of cp.getState()) assert.ok(v >= -0.05 && v < 0.05);
    ac.reset();
    for (const v of ac.getState()) assert.ok(v >= -0.1 && v <= 0.1 && v === Math.fround(v), 'Acrobot reset state is float32');
    for (const env of [mc, mcc]) {
      env.reset();
      const [p, v] = env.getState();
      assert.ok(p >= -0.6 && p < -0.4 && v === 0);
    }
    pe.reset();
    const [th, thdot] = pe.getState();
    assert.ok(th >= -Math.PI && th < Math.PI && thdot >= -1 && thdot < 1);
  }
  cp.reset({ options: { low: 0.2, high: 0.3 } });
  for (const v of cp.getState()) assert.ok(v >= 0.2 && v < 0.3);
  pe.reset({ options: { x_init: 0.1, y_init: 0.01 } });
  assert.ok(Math.abs(pe.getState()[0]) <= 0.1 && Math.abs(pe.getState()[1]) <= 0.01);
  assert.throws(() => mc.reset({ options: { low: 1, high: 0 } }), /low ≤ high/);
});

test('seeding once continues the stream; re-seeding repeats it', () => {
  const env = new CartPoleEnv();
  const a = [env.reset({ seed: 42 }).obs, env.reset().obs];
  const b = [env.reset({ seed: 42 }).obs, env.reset().obs];
  assert.deepEqual(a, b);
  assert.notDeepEqual(a[0], a[1]);
  assert.notDeepEqual(env.reset({ seed: 43 }).obs, a[0]);
  assert.throws(() => env.reset({ seed: -1 }), /greater or equal to zero/);
  assert.throws(() => env.reset({ seed: 1.5 }), /non-negative integer/);
});

test('bad actions and misordered calls give clear EnvErrors', () => {
  const env = new CartPoleEnv();
  assert.throws(() => env.step(0), (e: unknown) => e instanceof EnvError && /before reset/.test(e.message));
  env.reset({ seed: 0 });
  assert.throws(() => env.step(2), /action 2 is outside the action space Discrete\(2\)/);
  assert.throws(() => env.step(0.5), /outside the action space/);
  let r = env.step(1);
  while (!r.terminated) r = env.step(1);
  assert.throws(() => env.step(1), /after the episode ended/);
  env.reset();
  env.step(0);
  const pe = new PendulumEnv();
  pe.reset({ seed: 0 });
  assert.throws(() => pe.step(Float32Array.of(Number.NaN)), /finite/);
  assert.throws(() => pe.step(new Float32Array(2)), /length 1/);
  assert.ok(pe.step(Float32Array.of(5)).reward <= 0, 'out-of-range torques are clipped, not rejected, as in Gymnasium');
});

test('the flat path gives the same trajectory as step()', () => {
  const a = new AcrobotEnv();
  const b = new AcrobotEnv();
  const buf = new Float32Array(6);
  a.reset({ seed: 5 });
  b.resetInto(buf, 0, { seed: 5 });
  const actions = Int32Array.of(0, 1, 2, 2, 1, 0, 2, 2, 2, 0);
  for (let i = 0; i < actions.length; i++) {
    const r = a.step(actions[i]);
    const f = b.stepInto(actions, i, buf, 0);
    assert.deepEqual([...buf], [...r.obs]);
    assert.equal(f.reward, r.reward);
    assert.equal(f.terminated, r.terminated);
  }
  assert.throws(() => b.stepInto(Int32Array.of(3), 0, buf, 0), /outside the action space/);
});

test('renders text and RGB frames', () => {
  for (const Env of [CartPoleEnv, AcrobotEnv, MountainCarEnv, MountainCarContinuousEnv, PendulumEnv]) {
    const text = new Env({ renderMode: 'ansi' });
    assert.throws(() => text.render(), /before reset/);
    text.reset({ seed: 0 });
    assert.equal(typeof text.render(), 'string');
    const rgb = new Env({ renderMode: 'rgb_array' });
    rgb.reset({ seed: 0 });
    const frame = rgb.render() as Canvas;
    assert.equal(frame.data.length, frame.width * frame.height * 3);
    let nonWhite = 0;
    for (let i = 0; i < frame.data.length; i += 3) if (frame.data[i] + frame.data[i + 1] + frame.data[i + 2] < 765) nonWhite++;
    assert.ok(nonWhite > 500, `${Env.name} draws something (${nonWhite} pixels)`);
    assert.equal(new Env().render(), null);
    assert.throws(() => new Env({ renderMode: 'human' }), /not supported/);
  }
});
