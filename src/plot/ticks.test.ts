import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTick, logTicks, niceTicks } from './ticks.js';

test('linear ticks are round steps that cover the data', () => {
  assert.deepEqual(niceTicks(0, 1), { min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
  assert.deepEqual(niceTicks(0.013, 0.87).ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(-3, 7).ticks, [-4, -2, 0, 2, 4, 6, 8]);
  assert.deepEqual(niceTicks(0, 0.3, 4).ticks, [0, 0.1, 0.2, 0.3]);
  assert.deepEqual(niceTicks(5, 5).ticks, [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]);
  for (const [lo, hi] of [[0.0012, 0.0047], [123, 98765], [-1e-6, 3e-6]]) {
    const t = niceTicks(lo, hi);
    assert.ok(t.min <= lo && t.max >= hi && t.ticks.length >= 3 && t.ticks.length <= 11, JSON.stringify(t));
  }
  assert.throws(() => niceTicks(0, Infinity), /finite/);
});

test('log ticks are decades, with 2 and 5 when the range is short', () => {
  assert.deepEqual(logTicks(0.0003, 4.7).ticks, [1e-4, 1e-3, 1e-2, 1e-1, 1, 10]);
  assert.deepEqual(logTicks(1.5, 80).ticks, [1, 2, 5, 10, 20, 50, 100]);
  assert.ok(logTicks(1e-12, 1e6).ticks.length <= 11);
  assert.throws(() => logTicks(0, 1), /positive/);
});

test('labels are short', () => {
  assert.deepEqual([0, 0.2, 1000, 0.001, 0.0001, 250000, -0.5, 0.30000000000000004].map(formatTick), ['0', '0.2', '1000', '0.001', '1e-4', '2.5e5', '-0.5', '0.3']);
});
