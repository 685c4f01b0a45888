import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnvError } from '../../env/types.js';
import { biasedRockPaperScissors, MatrixGame, MatrixGameEnv, rockPaperScissors, zeroSumSpec } from './matrix-game.js';

test('plays rows then columns and pays the matrix entries', () => {
  const game = biasedRockPaperScissors();
  const root = game.newInitialState();
  assert.equal(root.currentPlayer(), 0);
  assert.deepEqual(root.legalActions(), [0, 1, 2]);
  const afterRock = root.child(0);
  assert.equal(afterRock.currentPlayer(), 1);
  assert.deepEqual(afterRock.child(2).returns(), [2, -2]);
  assert.deepEqual(root.child(2).child(0).returns(), [-2, 2]);
  assert.deepEqual(rockPaperScissors().newInitialState().child(1).child(0).returns(), [1, -1]);
});

test('the column player cannot see the row chosen', () => {
  const root = rockPaperScissors().newInitialState();
  const keys = [0, 1, 2].map((a) => root.child(a).informationStateKey(1));
  assert.deepEqual(new Set(keys).size, 1);
  assert.notEqual(keys[0], root.informationStateKey(0));
});

test('rejects malformed payoff matrices with a message naming the problem', () => {
  assert.throws(() => new MatrixGame(zeroSumSpec('bad', ['a', 'b'], [[1, 2]])), (e: unknown) => e instanceof EnvError && /2×2/.test(e.message));
  assert.throws(() => new MatrixGame(zeroSumSpec('nan', ['a'], [[NaN]])), EnvError);
});

test('the learner view ends after both moves with zero-sum rewards', () => {
  const env = new MatrixGameEnv(biasedRockPaperScissors().spec);
  env.reset({ seed: 0 });
  env.step(1);
  assert.equal(env.terminated(), false);
  env.step(0);
  assert.equal(env.terminated(), true);
  assert.deepEqual(Array.from(env.rewards()), [1, -1]);
});
