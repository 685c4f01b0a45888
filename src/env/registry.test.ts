import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../envs/index.js';
import { checkEnv, EnvCheckError } from './checker.js';
import { BaseEnv } from './env.js';
import { make, register, registeredIds, spec, unregister } from './registry.js';
import { Box, Discrete } from './spaces.js';
import { EnvError, type ResetResult, type StepResult } from './types.js';
import { TimeLimit } from './wrappers/index.js';

const BUILT_IN = ['Acrobot-v1', 'CartPole-v1', 'MountainCar-v0', 'MountainCarContinuous-v0', 'Pendulum-v1'];

test('make builds TimeLimit<OrderEnforcing<PassiveEnvChecker<env>>> with the registered spec', () => {
  const env = make('CartPole-v1');
  assert.equal(String(env), 'TimeLimit<OrderEnforcing<PassiveEnvChecker<CartPoleEnv<CartPole-v1>>>>');
  assert.equal(env.spec?.maxEpisodeSteps, 500);
  assert.equal(env.spec?.rewardThreshold, 475);
  assert.deepEqual(env.spec?.additionalWrappers, ['PassiveEnvChecker', 'OrderEnforcing', 'TimeLimit']);
  assert.equal(env.unwrapped.constructor.name, 'CartPoleEnv');
  assert.equal((make('CartPole-v1', { maxEpisodeSteps: 7 }) as TimeLimit).maxEpisodeSteps, 7);
  assert.ok(!String(make('CartPole-v1', { maxEpisodeSteps: -1 })).startsWith('TimeLimit'));
  assert.ok(!String(make('CartPole-v1', { disableEnvChecker: true })).includes('PassiveEnvChecker'));
  assert.equal(spec('Pendulum-v1').rewardThreshold, null);
  for (const id of BUILT_IN) assert.ok(registeredIds().includes(id));
});

test('truncates exactly at maxEpisodeSteps through make', () => {
  const env = make<Float32Array, Float32Array>('Pendulum-v1');
  env.reset({ seed: 0 });
  for (let t = 0; t < 200; t++) {
    const r = env.step(Float32Array.of(0));
    assert.equal(r.truncated, t === 199);
    assert.equal(r.terminated, false);
  }
});

test('unknown ids, bad options and misordered calls give clear errors', () => {
  assert.throws(() => make('CartPole-v0'), /unknown env id 'CartPole-v0'\. Did you mean 'CartPole-v1'/);
  assert.throws(() => make('cartpole-v1'), /Did you mean 'CartPole-v1'/);
  assert.throws(() => make('MountainCar'), /Did you mean 'MountainCar-v0'/);
  assert.throws(() => make('Zzzzzzzz-v9'), /Registered ids: .*CartPole-v1/);
  assert.throws(() => make('CartPole-v1', { gravity: 3 }), /unknown option 'gravity'/);
  assert.throws(() => register({ id: 'CartPole-v1', entryPoint: () => make('CartPole-v1') }), /already registered.*CartPole-v2/);
  assert.throws(() => register({ id: 'bad id!', entryPoint: () => make('CartPole-v1') }), /malformed env id/);
  const env = make('CartPole-v1');
  assert.throws(() => env.step(0), (e: unknown) => e instanceof EnvError && /before reset/.test(e.message));
  assert.throws(() => env.render(), /before reset/);
  env.reset({ seed: 3 });
  assert.throws(() => env.step(5), /outside the action space Discrete\(2\)/);
});

test('every registered env passes checkEnv, raw and through make', () => {
  const ids = registeredIds().filter((id) => !id.startsWith('ludus-test/'));
  for (const id of [...BUILT_IN, 'TicTacToe-v0']) assert.ok(ids.includes(id), id);
  for (const id of ids) {
    const warnings = checkEnv(make<unknown, unknown>(id));
    assert.ok(warnings.every((w) => typeof w === 'string'));
    checkEnv(make<unknown, unknown>(id).unwrapped, { skipRenderCheck: true });
  }
});

/** An env that breaks the seeding contract: its reset draws from a generator reset(seed) does not re-create. */
class LeakyEnv extends BaseEnv<Float32Array, number> {
  readonly observationSpace = new Box(-1, 1, [1]);
  readonly actionSpace = new Discrete(2);
  readonly metadata = { renderModes: [] };
  private counter = 0;
  reset(args?: { seed?: number }): ResetResult<Float32Array> {
    this.seedReset(args);
    this.counter++;
    return { obs: Float32Array.of(((this.counter * 0.37) % 2) - 1), info: {} };
  }
  step(): StepResult<Float32Array> {
    return { obs: Float32Array.of(0), reward: 0, terminated: false, truncated: false, info: {} };
  }
  render(): null {
    return null;
  }
}

test('checkEnv rejects an env whose seeded resets are not reproducible', () => {
  assert.throws(() => checkEnv(new LeakyEnv()), (e: unknown) => e instanceof EnvCheckError && /seed: 123/.test(e.message));
});

test('register makes user envs available to make', () => {
  register({ id: 'test/Leaky-v0', entryPoint: () => new LeakyEnv(), maxEpisodeSteps: 3 });
  try {
    const env = make('test/Leaky-v0');
    env.reset();
    env.step(0);
    env.step(0);
    assert.equal(env.step(0).truncated, true);
  } finally {
    unregister('test/Leaky-v0');
  }
});
