// Replays the golden trajectories recorded from Gymnasium 1.3.0 (../shared/envs/golden, read in place),
// teacher-forced (each step from the recorded state) and free-running (from the initial state only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedFile, skipUnlessShared } from '../../testing/shared.js';
import type { Box, Discrete } from '../../env/spaces.js';
import type { ClassicEnv } from './classic-env.js';
import { AcrobotEnv, CartPoleEnv, MountainCarContinuousEnv, MountainCarEnv, PendulumEnv } from './index.js';

interface SpaceJson { type: string; n?: number; start?: number; shape?: number[]; low?: (number | null)[]; high?: (number | null)[] }
interface Episode {
  episode: number;
  initial_obs: number[];
  initial_state: number[];
  actions: number[];
  obs: number[][];
  rewards: number[];
  terminated: boolean[];
  truncated: boolean[];
  states: number[][];
  length: number;
  final_terminated: boolean;
}
interface Golden {
  max_episode_steps: number;
  observation_space: SpaceJson;
  action_space: SpaceJson;
  numerics: { state_dtype_after_step: string };
  episodes: Episode[];
}

type AnyClassic = ClassicEnv<number> | ClassicEnv<Float32Array>;

interface Case {
  id: string;
  make: () => AnyClassic;
  /** Free-running state tolerance for an episode of the given length. */
  freeTol: (length: number) => number;
}

const CASES: Case[] = [
  { id: 'CartPole-v1', make: () => new CartPoleEnv(), freeTol: (len) => (len <= 300 ? 1e-9 : 1e-4) },
  { id: 'Acrobot-v1', make: () => new AcrobotEnv(), freeTol: () => 1e-4 },
  { id: 'MountainCar-v0', make: () => new MountainCarEnv(), freeTol: () => 1e-9 },
  { id: 'MountainCarContinuous-v0', make: () => new MountainCarContinuousEnv(), freeTol: () => 1e-9 },
  { id: 'Pendulum-v1', make: () => new PendulumEnv(), freeTol: () => 1e-9 },
];

function load(id: string): Golden {
  return JSON.parse(readFileSync(sharedFile(`envs/golden/${id}.json`)!, 'utf8')) as Golden;
}

function step(env: AnyClassic, action: number): ReturnType<AnyClassic['step']> {
  return env.actionSpace.shape.length === 0
    ? (env as ClassicEnv<number>).step(action)
    : (env as ClassicEnv<Float32Array>).step(Float32Array.of(action));
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= tol)) assert.fail(`${what}[${i}]: got ${actual[i]}, expected ${expected[i]} (error ${err} > ${tol})`);
  }
}

function assertObs(actual: Float32Array, expected: number[], stateTol: number, what: string): void {
  for (let i = 0; i < expected.length; i++) {
    const tol = Math.max(1e-6 * Math.max(1, Math.abs(expected[i])), stateTol);
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= tol)) assert.fail(`${what}[${i}]: got ${actual[i]}, expected ${expected[i]} (error ${err} > ${tol})`);
  }
}

for (const c of CASES) {
  const file = `envs/golden/${c.id}.json`;

  test(`${c.id} has Gymnasium's spaces`, { skip: skipUnlessShared(file) }, () => {
    const g = load(c.id);
    const env = c.make();
    const obsSpace = env.observationSpace as Box;
    assert.deepEqual(obsSpace.shape, g.observation_space.shape);
    g.observation_space.low!.forEach((v, i) => assert.equal(obsSpace.low[i], v ?? -Infinity, `low[${i}]`));
    g.observation_space.high!.forEach((v, i) => assert.equal(obsSpace.high[i], v ?? Infinity, `high[${i}]`));
    if (g.action_space.type === 'Discrete') assert.equal((env.actionSpace as Discrete).n, g.action_space.n);
    else assert.deepEqual([...(env.actionSpace as Box).low, ...(env.actionSpace as Box).high], [...g.action_space.low!, ...g.action_space.high!]);
  });

  test(`${c.id} matches Gymnasium trajectories, teacher-forced`, { skip: skipUnlessShared(file) }, () => {
    const g = load(c.id);
    const f32After = g.numerics.state_dtype_after_step.startsWith('float32');
    const env = c.make();
    env.reset({ seed: 0 });
    let steps = 0;
    for (const ep of g.episodes) {
      env.setState(ep.initial_state);
      assertObs(env.observation(), ep.initial_obs, 0, `${c.id} ep ${ep.episode} initial obs`);
      for (let t = 0; t < ep.length; t++) {
        env.setState(t === 0 ? ep.initial_state : ep.states[t - 1], { float32: f32After && t > 0 });
        const r = step(env, ep.actions[t]);
        const where = `${c.id} ep ${ep.episode} step ${t}`;
        assertClose(env.getState(), ep.states[t], 1e-9, `${where} state`);
        assertObs(r.obs, ep.obs[t], 0, `${where} obs`);
        assert.ok(Math.abs(r.reward - ep.rewards[t]) <= 1e-9, `${where} reward ${r.reward} vs ${ep.rewards[t]}`);
        assert.equal(r.terminated, ep.terminated[t], `${where} terminated`);
        assert.equal(r.truncated, false, `${where}: a raw env never truncates`);
        steps++;
      }
    }
    assert.ok(steps > 2000, `replayed ${steps} steps`);
  });

  test(`${c.id} matches Gymnasium trajectories, free-running`, { skip: skipUnlessShared(file) }, () => {
    const g = load(c.id);
    const env = c.make();
    for (const ep of g.episodes) {
      env.reset({ seed: ep.episode });
      env.setState(ep.initial_state);
      const tol = c.freeTol(ep.length);
      let t = 0;
      for (; t < g.max_episode_steps; t++) {
        const r = step(env, ep.actions[t]);
        const where = `${c.id} ep ${ep.episode} step ${t} (free-running)`;
        assertClose(env.getState(), ep.states[t], tol, `${where} state`);
        assertObs(r.obs, ep.obs[t], tol, `${where} obs`);
        assert.ok(Math.abs(r.reward - ep.rewards[t]) <= Math.max(tol, 1e-9), `${where} reward ${r.reward} vs ${ep.rewards[t]}`);
        assert.equal(r.terminated, ep.terminated[t], `${where} terminated`);
        // TimeLimit truncates at max_episode_steps; the recorded flag says exactly that.
        assert.equal(ep.truncated[t], t === g.max_episode_steps - 1, `${where} truncated`);
        if (r.terminated || t + 1 === g.max_episode_steps) break;
      }
      assert.equal(t + 1, ep.length, `${c.id} ep ${ep.episode} length`);
      assert.equal(ep.terminated[t], ep.final_terminated);
    }
  });
}
