import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../core/rng.js';
import { StateDictError } from '../core/state.js';
import { ReplayBuffer } from './replay-buffer.js';

/** Adds transition i: obs [i, −i], action i·10, reward i/2, next obs [i + 1, −i − 1], terminated when i is odd. */
function addNumbered(buf: ReplayBuffer, i: number): void {
  buf.add(Float32Array.of(i, -i), 0, [i * 10], 0, i / 2, Float32Array.of(0, 0, i + 1, -i - 1), 2, i % 2 === 1);
}

test('wraps around: the oldest transitions are overwritten in place', () => {
  const buf = new ReplayBuffer(3, 2, 1);
  for (let i = 0; i < 5; i++) addNumbered(buf, i);
  assert.equal(buf.size, 3);
  assert.equal(buf.pos, 2);
  // Slots 0 and 1 hold transitions 3 and 4; slot 2 still holds transition 2.
  assert.deepEqual([...buf.obs], [3, -3, 4, -4, 2, -2]);
  assert.deepEqual([...buf.nextObs], [4, -4, 5, -5, 3, -3]);
  assert.deepEqual([...buf.actions], [30, 40, 20]);
  assert.deepEqual([...buf.rewards], [1.5, 2, 1]);
  assert.deepEqual([...buf.terminations], [1, 0, 0]);
});

test('samples whole transitions uniformly, deterministically for a given RNG state', () => {
  const buf = new ReplayBuffer(50, 2, 1);
  for (let i = 0; i < 20; i++) addNumbered(buf, i);
  const a = buf.newBatch(64), b = buf.newBatch(64);
  buf.sample(new Rng(7), a);
  buf.sample(new Rng(7), b);
  assert.deepEqual(a, b);
  const seen = new Set<number>();
  for (let j = 0; j < 64; j++) {
    const i = a.obs[2 * j];
    seen.add(i);
    assert.ok(i >= 0 && i < 20, 'only filled slots are drawn');
    assert.deepEqual([a.obs[2 * j + 1], a.actions[j], a.rewards[j], a.nextObs[2 * j], a.terminations[j]], [-i, i * 10, i / 2, i + 1, i % 2]);
  }
  assert.ok(seen.size > 10, `64 draws from 20 transitions should cover most of them, got ${seen.size}`);
  const other = buf.newBatch(64);
  buf.sample(new Rng(8), other);
  assert.notDeepEqual(other.obs, a.obs);
});

test('checkpoints the filled part and restores it exactly, refusing inconsistent state', () => {
  const buf = new ReplayBuffer(4, 2, 1);
  for (let i = 0; i < 6; i++) addNumbered(buf, i);
  const saved = buf.stateDict();
  assert.deepEqual(saved.tensors['replay.obs'].shape, [4, 2]);
  const copy = new ReplayBuffer(4, 2, 1);
  copy.loadStateDict(saved.tensors, saved.state);
  assert.deepEqual([copy.pos, copy.size], [buf.pos, buf.size]);
  const x = buf.newBatch(16), y = copy.newBatch(16);
  buf.sample(new Rng(3), x);
  copy.sample(new Rng(3), y);
  assert.deepEqual(x, y);

  const partial = new ReplayBuffer(4, 2, 1);
  addNumbered(partial, 9);
  const p = partial.stateDict();
  assert.deepEqual(p.tensors['replay.rewards'].shape, [1, 1]);
  const into = new ReplayBuffer(4, 2, 1);
  into.loadStateDict(p.tensors, p.state);
  assert.deepEqual([into.size, into.pos, into.obs[0], into.obs[1]], [1, 1, 9, -9]);

  assert.throws(() => into.loadStateDict(p.tensors, { pos: 3, size: 1 }), StateDictError);
  assert.throws(() => new ReplayBuffer(2, 2, 1).loadStateDict(saved.tensors, saved.state), StateDictError);
  const { ['replay.actions']: _dropped, ...missing } = saved.tensors;
  assert.throws(() => copy.loadStateDict(missing, saved.state), /replay\.actions is missing/);
  assert.throws(() => new ReplayBuffer(0, 2, 1), RangeError);
  assert.throws(() => new ReplayBuffer(2, 2, 1).sample(new Rng(1), buf.newBatch(1)), /empty/);
});
