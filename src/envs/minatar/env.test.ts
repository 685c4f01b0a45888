import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/rng.js';
import { checkEnv } from '../../env/checker.js';
import { make } from '../../env/registry.js';
import { EnvError, type RgbFrame } from '../../env/types.js';
import { MinAtarEnv, GAME_NAMES } from './env.js';
import { Breakout } from './breakout.js';
import { MINATAR_IDS } from './index.js';

const CHANNELS = { asterix: 4, breakout: 4, freeway: 7, seaquest: 10, space_invaders: 6 } as const;

test('spaces: Box(0, 1, [10, 10, C], uint8) observations of 0/1, Discrete(6) or the minimal set', () => {
  const minimal = { asterix: [0, 1, 2, 3, 4], breakout: [0, 1, 3], freeway: [0, 2, 4], seaquest: [0, 1, 2, 3, 4, 5], space_invaders: [0, 1, 3, 5] };
  for (const game of GAME_NAMES) {
    const env = new MinAtarEnv({ game });
    assert.deepEqual(env.observationSpace.shape, [10, 10, CHANNELS[game]]);
    assert.equal(env.observationSpace.dtype, 'uint8');
    assert.equal(env.actionSpace.n, 6);
    const { obs } = env.reset({ seed: 0 });
    assert.ok(env.observationSpace.contains(obs));
    assert.ok(obs.every((v) => v === 0 || v === 1));
    const small = new MinAtarEnv({ game, actionSet: 'minimal' });
    assert.deepEqual(small.actions, minimal[game]);
    assert.equal(small.actionSpace.n, minimal[game].length);
  }
});

test('every registered id passes the env checker and builds the right game and action set', () => {
  assert.equal(MINATAR_IDS.length, 10);
  for (const id of MINATAR_IDS) {
    const env = make<Uint8Array, number>(id);
    const raw = env.unwrapped as MinAtarEnv;
    assert.ok(raw instanceof MinAtarEnv);
    assert.deepEqual(raw.actions, id.endsWith('-v0') ? [0, 1, 2, 3, 4, 5] : raw.game.minimalActions, id);
    assert.equal(env.spec?.maxEpisodeSteps, null, 'no TimeLimit');
    checkEnv(raw);
    checkEnv(make(id, { renderMode: 'ansi' }).unwrapped);
    checkEnv(make(id, { renderMode: 'rgb_array' }).unwrapped);
  }
  assert.throws(() => make('MinAtar/Breakout-v1', { stickyActionProbability: 0.2 }), /unknown option 'stickyActionProbability'/);
  assert.throws(() => make('MinAtar/Breakout-v1', { stickyActionProb: 2 }), EnvError);
});

function trajectory(env: MinAtarEnv, seed: number, steps: number): number[] {
  const out: number[] = [];
  const policy = new Rng(99);
  let { obs } = env.reset({ seed });
  for (let t = 0; t < steps; t++) {
    let h = 0;
    for (let i = 0; i < obs.length; i++) h = (Math.imul(h, 31) + obs[i] * (i + 1)) | 0;
    out.push(h);
    const r = env.step(policy.int(6));
    out.push(r.reward);
    obs = r.obs;
    if (r.terminated) obs = env.reset().obs;
  }
  return out;
}

test('determinism: one seed gives one trajectory; another seed gives another', () => {
  for (const game of ['asterix', 'seaquest', 'freeway'] as const) {
    const a = trajectory(new MinAtarEnv({ game }), 7, 600);
    const b = trajectory(new MinAtarEnv({ game }), 7, 600);
    const c = trajectory(new MinAtarEnv({ game }), 8, 600);
    assert.deepEqual(a, b, game);
    assert.notDeepEqual(a, c, game);
  }
});

test('sticky actions: p = 1 repeats the last game action, which starts at no-op and survives reset', () => {
  const env = new MinAtarEnv({ game: 'breakout', stickyActionProb: 1 });
  env.reset({ seed: 1 });
  env.step(1); // sticky: the no-op is repeated
  assert.equal((env.game as Breakout).paddle, 4);
  assert.equal(env.lastAction, 0);

  const free = new MinAtarEnv({ game: 'breakout', stickyActionProb: 0, actionSet: 'minimal' });
  free.reset({ seed: 1 });
  free.step(1); // minimal index 1 is left
  assert.equal(free.lastAction, 1);
  free.step(2); // minimal index 2 is right (game action 3): stickiness works on game actions
  assert.equal(free.lastAction, 3);
  while (!free.step(2).terminated);
  free.reset();
  assert.equal(free.lastAction, 3, 'the last action is not reset between episodes');
});

test('sticky actions: with p = 0.1 about one step in ten repeats the previous action', () => {
  const env = new MinAtarEnv({ game: 'space_invaders' });
  env.reset({ seed: 3 });
  let repeats = 0, steps = 0;
  for (let i = 0; i < 20000; i++) {
    const want = i % 2 === 0 ? 1 : 3; // alternate left/right so a repeat is visible
    const r = env.step(want);
    if (env.lastAction !== want) repeats++;
    steps++;
    if (r.terminated) env.reset();
  }
  // A repeat shows when it brings back the opposite action: after an odd run of repeats, so the
  // visible rate is p · (1 − p) / (1 − p²) = p / (1 + p) = 1/11 for p = 0.1 (sd ≈ 0.002 here).
  assert.ok(Math.abs(repeats / steps - 1 / 11) < 0.008, `repeat rate ${repeats / steps}`);
});

test('contract errors: step before reset, after the end, bad actions, bad seeds', () => {
  const env = new MinAtarEnv({ game: 'breakout', stickyActionProb: 0 });
  assert.throws(() => env.step(0), /before reset/);
  env.reset({ seed: 2 });
  for (const bad of [-1, 6, 1.5, NaN]) assert.throws(() => env.step(bad), EnvError);
  while (!env.step(0).terminated);
  assert.throws(() => env.step(0), /ended/);
  assert.throws(() => env.reset({ seed: -1 }), EnvError);
  assert.throws(() => new MinAtarEnv({ game: 'pong' as 'breakout' }), /unknown game/);
  assert.throws(() => new MinAtarEnv({ game: 'breakout', renderMode: 'human' }), EnvError);
});

test('observation ownership: fresh observations stay put; reuse mode returns one buffer', () => {
  const env = new MinAtarEnv({ game: 'breakout', stickyActionProb: 0 });
  const first = env.reset({ seed: 4 }).obs;
  const saved = first.slice();
  const steps = [];
  for (let i = 0; i < 40 && steps.length < 40; i++) {
    const r = env.step(0);
    steps.push(r.obs);
    if (r.terminated) break;
  }
  assert.deepEqual(first, saved, 'later steps do not overwrite an earlier observation');
  assert.notEqual(steps[0], steps[1]);

  const shared = new MinAtarEnv({ game: 'breakout', reuseObservation: true });
  const a = shared.reset({ seed: 4 }).obs;
  const b = shared.step(0).obs;
  assert.equal(a, b);
});

test('the flat path writes float observations equal to step() and reuses its result', () => {
  for (const game of GAME_NAMES) {
    const a = new MinAtarEnv({ game });
    const b = new MinAtarEnv({ game });
    const buf = new Float32Array(3 + a.obsSize);
    const r0 = a.reset({ seed: 5 });
    b.resetInto(buf, 3, { seed: 5 });
    assert.deepEqual([...buf.subarray(3)], [...r0.obs]);
    const policy = new Rng(1);
    const actions = new Int32Array(1);
    for (let t = 0; t < 300; t++) {
      actions[0] = policy.int(6);
      const ra = a.step(actions[0]);
      const rb = b.stepInto(actions, 0, buf, 3);
      assert.equal(rb.reward, ra.reward);
      assert.equal(rb.terminated, ra.terminated);
      assert.deepEqual([...buf.subarray(3)], [...ra.obs], `${game} step ${t}`);
      if (ra.terminated) { a.reset(); b.resetInto(buf, 3); }
    }
    assert.throws(() => a.observeInto(new Uint8Array(10)), /needs/);
  }
});

test('rendering: an ansi picture with a caption, an rgb frame coloured where objects are', () => {
  const text = new MinAtarEnv({ game: 'breakout', renderMode: 'ansi', stickyActionProb: 0 });
  text.reset({ seed: 6 });
  text.step(0);
  const picture = text.render() as string;
  const lines = picture.trimEnd().split('\n');
  assert.equal(lines.length, 13);
  assert.equal(lines[2], '|##########|');
  assert.equal(lines[10][5], '=', 'paddle at column 4');
  assert.match(lines[12], /breakout {2}step 1 {2}return 0/);

  const rgb = new MinAtarEnv({ game: 'space_invaders', renderMode: 'rgb_array' });
  rgb.reset({ seed: 6 });
  const frame = rgb.render() as RgbFrame;
  assert.equal(frame.width, 160);
  assert.equal(frame.height, 160);
  const pixel = (x: number, y: number): number[] => [...frame.data.subarray((y * 160 + x) * 3, (y * 160 + x) * 3 + 3)];
  assert.deepEqual(pixel(8, 8), [0, 0, 0], 'empty cell (0, 0)');
  assert.notDeepEqual(pixel(2 * 16 + 8, 8), [0, 0, 0], 'alien at (0, 2)');
  assert.notDeepEqual(pixel(5 * 16 + 8, 9 * 16 + 8), [0, 0, 0], 'cannon at (9, 5)');
  assert.equal(new MinAtarEnv({ game: 'asterix' }).render(), null);
});
