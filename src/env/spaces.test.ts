import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Box, Dict, Discrete, MultiBinary, MultiDiscrete, Tuple, batchSpace, zeroElement } from './spaces.js';
import { EnvError } from './types.js';

test('Discrete samples start..start+n−1, honours masks and probabilities, and rejects non-integers', () => {
  const d = new Discrete(3, -1);
  d.seed(7);
  const seen = new Set<number>();
  for (let i = 0; i < 200; i++) seen.add(d.sample());
  assert.deepEqual([...seen].sort(), [-1, 0, 1]);
  for (let i = 0; i < 50; i++) assert.equal(d.sample([0, 1, 0]), 0);
  assert.equal(d.sample([0, 0, 0]), -1);
  for (let i = 0; i < 50; i++) assert.equal(d.sample(null, [0, 0, 1]), 1);
  assert.throws(() => d.sample([1, 1, 1], [1, 0, 0]), EnvError);
  assert.ok(d.contains(1) && d.contains(true) && !d.contains(2) && !d.contains(1.5) && !d.contains('1') && !d.contains([0]));
  assert.equal(String(d), 'Discrete(3, start=-1)');
  assert.equal(String(new Discrete(2)), 'Discrete(2)');
  assert.throws(() => new Discrete(0), /positive integer/);
});

test('equal seeds give equal sample streams, different seeds different ones', () => {
  const a = new Box(-1, 1, [5]);
  const b = new Box(-1, 1, [5]);
  a.seed(3); b.seed(3);
  assert.deepEqual(a.sample(), b.sample());
  b.seed(4);
  assert.notDeepEqual(a.sample(), b.sample());
  assert.throws(() => a.seed(-1), /greater or equal to zero/);
});

test('Box samples follow the bounded/unbounded rules and contains is inclusive and dtype-strict', () => {
  const box = new Box([-2, 0, -Infinity, -Infinity], [2, Infinity, 5, Infinity], null, 'float32');
  box.seed(1);
  assert.deepEqual(box.shape, [4]);
  assert.ok(!box.isBounded('both') && !box.isBounded('below') && !box.isBounded('above'));
  let sawNegative = false;
  for (let i = 0; i < 500; i++) {
    const x = box.sample();
    assert.ok(x instanceof Float32Array);
    assert.ok(x[0] >= -2 && x[0] <= 2);
    assert.ok(x[1] >= 0);
    assert.ok(x[2] <= 5);
    if (x[3] < 0) sawNegative = true;
    assert.ok(box.contains(x));
  }
  assert.ok(sawNegative, 'the unbounded component is normal, so it takes both signs');
  assert.ok(box.contains([2, 0, 5, 1e30]), 'bounds are inclusive; plain arrays are converted');
  assert.ok(!box.contains(new Float64Array([0, 0, 0, 0])), 'a float64 array is not in a float32 box');
  assert.ok(!box.contains(new Float32Array(3)), 'wrong size');
  assert.ok(!box.contains([3, 0, 0, 0]));
  assert.equal(String(new Box(-1, 1, [3])), 'Box(-1.0, 1.0, (3,), float32)');
  assert.throws(() => new Box(1, 0, [2]), /low > high/);
  assert.throws(() => new Box([0, 0], [1, 1, 1]), /needs 2/);
});

test('integer Box includes high, replaces infinite bounds by the dtype range', () => {
  const box = new Box(0, 3, [64], 'uint8');
  box.seed(2);
  const x = box.sample();
  assert.ok(x instanceof Uint8Array);
  assert.ok(x.includes(3) && x.includes(0));
  const wide = new Box(-Infinity, Infinity, [2], 'int8');
  assert.deepEqual([...wide.low], [-128, -128]);
  assert.throws(() => new Box(-Infinity, 1, [1], 'uint8'), /unsigned/);
  assert.ok(!box.contains(new Float32Array(64)), 'floats are not in an integer box');
});

test('MultiDiscrete and MultiBinary sample within bounds and check membership', () => {
  const md = new MultiDiscrete([2, 3], [1, -1]);
  md.seed(5);
  for (let i = 0; i < 50; i++) assert.ok(md.contains(md.sample()));
  assert.deepEqual([...md.sample([[0, 0], [0, 0, 1]])], [1, 1]);
  assert.ok(!md.contains([0, 0]) && !md.contains(new Float32Array([1, 0])) && md.contains([2, 1]));
  const mb = new MultiBinary(4);
  mb.seed(5);
  assert.deepEqual([...mb.sample([0, 1, 0, 1])], [0, 1, 0, 1]);
  assert.ok(mb.contains([0, 1, 1, 0]) && mb.contains(new Float32Array([1, 0, 0, 0])) && !mb.contains([0, 2, 0, 0]));
});

test('Dict sorts plain keys, seeds subspaces reproducibly and checks exact key sets', () => {
  const d = new Dict({ b: new Discrete(4), a: new Box(0, 1, [2]) });
  assert.deepEqual(d.keys(), ['a', 'b']);
  d.seed(9);
  const s1 = d.sample();
  d.seed(9);
  const s2 = d.sample();
  assert.deepEqual(s1, s2);
  assert.ok(d.contains(s1));
  assert.ok(!d.contains({ a: s1.a }), 'missing key');
  assert.ok(!d.contains({ ...s1, c: 1 }), 'extra key');
  const ordered = new Dict([['z', new Discrete(2)], ['y', new Discrete(2)]]);
  assert.deepEqual(ordered.keys(), ['z', 'y']);
  const t = new Tuple([new Discrete(2), new MultiBinary(2)]);
  t.seed(1);
  assert.ok(t.contains(t.sample()) && !t.contains([0]));
});

test('batchSpace and zeroElement follow Gymnasium', () => {
  const b = batchSpace(new Box(-1, 2, [3]), 4) as Box;
  assert.deepEqual(b.shape, [4, 3]);
  const md = batchSpace(new Discrete(3, 1), 2) as MultiDiscrete;
  assert.deepEqual([...md.nvec], [3, 3]);
  assert.deepEqual([...md.start], [1, 1]);
  const mb = batchSpace(new MultiBinary(2), 3) as Box<'int8'>;
  assert.equal(mb.dtype, 'int8');
  assert.deepEqual(mb.shape, [3, 2]);
  assert.deepEqual([...(zeroElement(new Box([1, -3, -1], [2, -2, 1])) as Float32Array)], [1, -2, 0]);
  assert.equal(zeroElement(new Discrete(3, 5)), 5);
});
