import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JavaRandom, javaShuffle, parseJavaLong } from './java-random.js';

// Vectors computed with the JDK (RULES §3.6).
test('Random(42) gives the JDK sequence across nextInt, bounded ints, nextLong and nextDouble', () => {
  const r = new JavaRandom(42);
  assert.equal(r.nextInt(), -1170105035);
  assert.equal(r.nextIntBounded(10), 3);
  assert.equal(r.nextIntBounded(160), 48);
  assert.equal(r.nextLong(), 884324181205335268n);
  assert.equal(r.nextDouble(), 0.9420735430282128);
  assert.equal(r.nextIntBounded(16), 11);
  assert.equal(r.nextIntBounded(2 ** 30), 714627759);
  assert.equal(r.nextIntBounded(1000000007), 196118093);
});

test('nextInt(10) for seed 42 starts 0, 3, 8, 4, 0, 5, 5, 8', () => {
  const r = new JavaRandom(42);
  assert.deepEqual(Array.from({ length: 8 }, () => r.nextIntBounded(10)), [0, 3, 8, 4, 0, 5, 5, 8]);
});

test('negative 64-bit seeds, negative seeds and the seed derivation stream match the JDK', () => {
  const a = new JavaRandom(-5113144502819146988n);
  assert.equal(a.nextLong(), 6066533838299833753n);
  assert.equal(a.nextLong(), 7669828799989627387n);
  assert.equal(a.nextDouble(), 0.6090656762987089);
  const b = new JavaRandom(1);
  assert.deepEqual([b.nextInt(), b.nextInt(), b.nextInt()], [-1155869325, 431529176, 1761283695]);
  assert.equal(new JavaRandom(1).nextDouble(), 0.7308781907032909);
  assert.equal(new JavaRandom(-1).nextIntBounded(60), 53);
  const m = new JavaRandom(12700);
  assert.deepEqual([m.nextLong(), m.nextLong(), m.nextLong(), m.nextLong()],
    [7356565147623928353n, -1638849014660642291n, 5538750765244948829n, 4516129289662562326n]);
});

test('Collections.shuffle of 0..29 with Random(7) matches the JDK', () => {
  const list = Array.from({ length: 30 }, (_, i) => i);
  javaShuffle(list, new JavaRandom(7));
  assert.deepEqual(list, [5, 19, 15, 1, 24, 28, 11, 22, 9, 18, 6, 3, 2, 14, 7, 23, 26, 20, 17, 0, 12, 10, 21, 29, 4, 8, 13, 25, 27, 16]);
});

test('parseJavaLong accepts the signed 64-bit range only', () => {
  assert.equal(parseJavaLong('-9223372036854775808'), -9223372036854775808n);
  assert.equal(parseJavaLong('9223372036854775808'), null);
  assert.equal(parseJavaLong('12a'), null);
  assert.equal(parseJavaLong('+17'), 17n);
  assert.throws(() => new JavaRandom(0.5), RangeError);
  assert.throws(() => new JavaRandom(1).nextIntBounded(0), RangeError);
});
