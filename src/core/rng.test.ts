import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, deriveSeed } from './rng.js';

test('xoshiro128** matches the reference C implementation from state {1,2,3,4}', () => {
  const r = new Rng();
  r.setState({ s: [1, 2, 3, 4], spareNormal: null });
  assert.deepEqual(Array.from({ length: 6 }, () => r.nextU32()), [11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
});

test('the same seed gives the same numbers; different seeds differ', () => {
  const a = new Rng(42), b = new Rng(42), c = new Rng(43);
  const xa = Array.from({ length: 100 }, () => a.next());
  const xb = Array.from({ length: 100 }, () => b.next());
  const xc = Array.from({ length: 100 }, () => c.next());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
});

test('state round-trips exactly, including the cached normal', () => {
  const a = new Rng(7);
  a.normal();
  const saved = JSON.parse(JSON.stringify(a.getState()));
  const expected = [a.normal(), a.next(), a.int(10)];
  const b = new Rng(0);
  b.setState(saved);
  assert.deepEqual([b.normal(), b.next(), b.int(10)], expected);
});

test('uniform, int and normal have the right moments', () => {
  const r = new Rng(1);
  const n = 200_000;
  let s = 0, s2 = 0, counts = new Array(6).fill(0);
  for (let i = 0; i < n; i++) {
    const z = r.normal();
    s += z; s2 += z * z;
    counts[r.int(6)]++;
    const u = r.next();
    assert.ok(u >= 0 && u < 1);
  }
  assert.ok(Math.abs(s / n) < 0.01);
  assert.ok(Math.abs(s2 / n - 1) < 0.01);
  for (const c of counts) assert.ok(Math.abs(c / n - 1 / 6) < 0.005);
});

test('fork and deriveSeed give independent, reproducible streams', () => {
  const a = new Rng(5).fork(), b = new Rng(5).fork();
  assert.equal(a.nextU32(), b.nextU32());
  assert.equal(deriveSeed(1, 'env', 0), deriveSeed(1, 'env', 0));
  assert.notEqual(deriveSeed(1, 'env', 0), deriveSeed(1, 'env', 1));
  assert.throws(() => new Rng(NaN), /finite/);
  assert.throws(() => new Rng(0).int(0), /integer n/);
});
