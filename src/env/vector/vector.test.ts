import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../envs/index.js';
import { Rng } from '../../core/rng.js';
import { make } from '../registry.js';
import { EnvError, type Env } from '../types.js';
import { STATS_ENV_ID } from './test-envs.js';
import { RecordEpisodeStatisticsVector, SyncVectorEnv, WorkerVectorEnv, makeVec, type AutoresetMode, type VectorEnv, type VectorInfo } from './index.js';

const N = 4;

function randomActions(rng: Rng, n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.int(2);
  return a;
}

/** Replays the vector rules on single envs and compares every slot of every step. */
function checkAgainstSingleEnvs(mode: AutoresetMode): void {
  const vec = new SyncVectorEnv(Array.from({ length: N }, () => () => make('CartPole-v1', { maxEpisodeSteps: 25 })), { autoresetMode: mode });
  const refs: Env[] = Array.from({ length: N }, () => make('CartPole-v1', { maxEpisodeSteps: 25 }));
  const pending = new Array<boolean>(N).fill(false);
  const r0 = vec.reset({ seed: 100 });
  refs.forEach((e, i) => assert.deepEqual([...r0.obs.subarray(i * 4, i * 4 + 4)], [...e.reset({ seed: 100 + i }).obs]));
  const rng = new Rng(1);
  let dones = 0;
  let autoresetSteps = 0;
  for (let t = 0; t < 200; t++) {
    const actions = randomActions(rng, N);
    const r = vec.step(actions);
    for (let i = 0; i < N; i++) {
      const slot = [...r.obs.subarray(i * 4, i * 4 + 4)];
      const where = `${mode} step ${t} env ${i}`;
      if (pending[i]) {
        pending[i] = false;
        autoresetSteps++;
        assert.deepEqual(slot, [...refs[i].reset().obs], `${where}: reset observation`);
        assert.deepEqual([r.rewards[i], r.terminations[i], r.truncations[i]], [0, 0, 0], `${where}: reward 0, no flags`);
        continue;
      }
      const s = refs[i].step(actions[i]);
      assert.deepEqual([r.rewards[i], r.terminations[i], r.truncations[i]], [s.reward, Number(s.terminated), Number(s.truncated)], where);
      const done = s.terminated || s.truncated;
      if (done) dones++;
      if (mode === 'NextStep') {
        assert.deepEqual(slot, [...s.obs], `${where}: final observation in the slot`);
        pending[i] = done;
        assert.equal(r.infos.final_obs, undefined);
      } else if (done) {
        const finalObs = r.infos.final_obs as (Float32Array | null)[];
        assert.deepEqual([...finalObs[i]!], [...s.obs], `${where}: final_obs`);
        assert.equal((r.infos._final_obs as Uint8Array)[i], 1);
        assert.equal((r.infos._final_info as Uint8Array)[i], 1);
        assert.deepEqual(slot, [...refs[i].reset().obs], `${where}: reset observation in the same step`);
      } else {
        assert.deepEqual(slot, [...s.obs], where);
        if (r.infos._final_obs !== undefined) assert.equal((r.infos._final_obs as Uint8Array)[i], 0);
      }
    }
  }
  assert.ok(dones > 10, `${dones} episodes ended`);
  if (mode === 'NextStep') assert.ok(autoresetSteps > 10);
  vec.close();
}

test('NextStep autoreset: final obs at the done step, reset obs with reward 0 on the next, action ignored', () => {
  checkAgainstSingleEnvs('NextStep');
});

test('SameStep autoreset: reset obs in the done step, final_obs and final_info in the info', () => {
  checkAgainstSingleEnvs('SameStep');
});

test('reset seeds sub-env i with k + i; an array seeds each, null leaves one alone', () => {
  const vec = new SyncVectorEnv([() => make('CartPole-v1'), () => make('CartPole-v1')]);
  const single = make('CartPole-v1');
  const a = vec.reset({ seed: 7 }).obs.slice();
  assert.deepEqual([...a.subarray(4)], [...single.reset({ seed: 8 }).obs]);
  const b = vec.reset({ seed: [8, null] }).obs.slice();
  assert.deepEqual([...b.subarray(0, 4)], [...a.subarray(4)]);
  assert.notDeepEqual([...b.subarray(4)], [...a.subarray(4)], 'the unseeded sub-env continued its stream');
  assert.throws(() => vec.reset({ seed: [1] }), /expected 2 seeds/);
  assert.throws(() => vec.reset({ seed: -3 }), /greater or equal to zero/);
  assert.throws(() => vec.step(Int32Array.of(0)), /expected 2 actions/);
  assert.throws(() => vec.step([0, 0.5]), /not an integer/);
  assert.throws(() => vec.step(Int32Array.of(0, 3)), /action 3 is outside the action space Discrete\(2\)/);
});

function stripTimes(infos: VectorInfo): unknown {
  return JSON.parse(JSON.stringify(infos, (k, v: unknown) => (k === 't' ? undefined : ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v)));
}

async function compareSyncAndWorker(id: string, mode: AutoresetMode, numEnvs: number, useMainThread: boolean): Promise<number> {
  const sync = await makeVec(id, numEnvs, { autoresetMode: mode, makeOptions: { maxEpisodeSteps: 30 } });
  const worker = await WorkerVectorEnv.create(id, numEnvs, { numWorkers: 2, useMainThread, autoresetMode: mode, makeOptions: { maxEpisodeSteps: 30 } });
  let infoSteps = 0;
  try {
    assert.equal(worker.numWorkers, 2);
    assert.equal(worker.mainThreadEnvs > 0, useMainThread);
    const a = sync.reset({ seed: 5 });
    const b = worker.reset({ seed: 5 });
    assert.deepEqual(b.obs, a.obs);
    const rng = new Rng(2);
    for (let t = 0; t < 300; t++) {
      const actions = randomActions(rng, numEnvs);
      const x = sync.step(actions);
      const y = worker.step(actions);
      assert.deepEqual(y.obs, x.obs, `obs at step ${t}`);
      assert.deepEqual(y.rewards, x.rewards);
      assert.deepEqual(y.terminations, x.terminations);
      assert.deepEqual(y.truncations, x.truncations);
      assert.deepEqual(stripTimes(y.infos), stripTimes(x.infos), `infos at step ${t}`);
      if (Object.keys(x.infos).length > 0) infoSteps++;
    }
  } finally {
    sync.close();
    worker.close();
  }
  return infoSteps;
}

test('the worker-thread vector env gives exactly the sync results for the same seeds (NextStep)', async () => {
  await compareSyncAndWorker('CartPole-v1', 'NextStep', 5, true);
  await compareSyncAndWorker('CartPole-v1', 'NextStep', 4, false);
});

test('the worker-thread vector env gives exactly the sync results, infos included (SameStep, episode stats)', async () => {
  const infoSteps = await compareSyncAndWorker(STATS_ENV_ID, 'SameStep', 5, true);
  assert.ok(infoSteps > 10, `${infoSteps} steps carried infos`);
});

test('episode statistics appear at the top level under NextStep and under final_info under SameStep', async () => {
  for (const mode of ['NextStep', 'SameStep'] as const) {
    const vec = await makeVec(STATS_ENV_ID, 2, { autoresetMode: mode });
    vec.reset({ seed: 0 });
    let found = false;
    for (let t = 0; t < 100 && !found; t++) {
      const r = vec.step(Int32Array.of(0, 0));
      const holder = mode === 'NextStep' ? r.infos : (r.infos.final_info as VectorInfo | undefined);
      const episode = holder?.episode as { r: Float64Array; l: Float64Array; _r: Uint8Array } | undefined;
      if (episode !== undefined) {
        found = true;
        const i = (holder!._episode as Uint8Array).indexOf(1);
        assert.equal(episode.r[i], episode.l[i]);
        assert.equal(episode._r[i], 1);
      }
    }
    assert.ok(found, `${mode}: an episode ended with stats`);
    vec.close();
  }
});

test('worker errors surface as EnvErrors naming the sub-envs; unknown ids fail early', async () => {
  const vec: VectorEnv = await WorkerVectorEnv.create('CartPole-v1', 4, { numWorkers: 2 });
  try {
    vec.reset({ seed: 0 });
    // Sub-envs 0–1 run in the main thread, 2 in worker 0, 3 in worker 1.
    assert.throws(() => vec.step(Int32Array.of(0, 0, 0, 7)), (e: unknown) => e instanceof EnvError && /action 7 is outside/.test(e.message) && /worker 1, sub-envs 3\.\.3/.test(e.message));
    vec.reset();
    assert.throws(() => vec.step(Int32Array.of(9, 0, 0, 0)), /action 9 is outside.*main thread, sub-envs 0\.\.1/);
  } finally {
    vec.close();
    vec.close();
  }
  await assert.rejects(WorkerVectorEnv.create('CartPol-v1', 2), /Did you mean 'CartPole-v1'/);
});

test('vector RecordEpisodeStatistics matches the single-env statistics in both autoreset modes', async () => {
  for (const mode of ['NextStep', 'SameStep'] as const) {
    const inner = await makeVec(STATS_ENV_ID, 3, { autoresetMode: mode });
    const vec = new RecordEpisodeStatisticsVector(inner, 100, 'vepisode');
    vec.reset({ seed: 4 });
    const rng = new Rng(8);
    let checked = 0;
    for (let t = 0; t < 200; t++) {
      const r = vec.step(randomActions(rng, 3));
      const mine = r.infos.vepisode as { r: Float64Array; l: Float64Array } | undefined;
      // The sub-envs' own RecordEpisodeStatistics is the reference.
      const holder = (mode === 'NextStep' ? r.infos : r.infos.final_info) as VectorInfo | undefined;
      const ref = holder?.episode as { r: Float64Array; l: Float64Array } | undefined;
      assert.equal(mine === undefined, ref === undefined, `${mode} step ${t}`);
      if (mine !== undefined && ref !== undefined) {
        assert.deepEqual([...(r.infos._vepisode as Uint8Array)], [...(holder!._episode as Uint8Array)]);
        assert.deepEqual([...mine.r], [...ref.r]);
        assert.deepEqual([...mine.l], [...ref.l]);
        checked++;
      }
    }
    assert.ok(checked > 5 && vec.episodeCount >= checked, `${mode}: ${checked} steps with episode ends`);
    vec.close();
  }
});
