import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../core/rng.js';
import { CHANCE, TERMINAL, type GameState } from '../../env/game.js';
import { LeducEnv, LeducPoker, LEDUC_CALL as C, LEDUC_FOLD as F, LEDUC_RAISE as R } from './leduc.js';

/** Cards: J = 0/1, Q = 2/3, K = 4/5. */
function play(p0: number, p1: number, round1: number[], pub?: number, round2: number[] = []): GameState {
  let s = new LeducPoker().newInitialState().child(p0).child(p1);
  for (const a of round1) s = s.child(a);
  if (pub !== undefined) {
    assert.equal(s.currentPlayer(), CHANCE);
    s = s.child(pub);
    for (const a of round2) s = s.child(a);
  }
  return s;
}

function countTree(s: GameState, keys: Set<string>): number {
  const p = s.currentPlayer();
  if (s.isTerminal()) return 1;
  if (p >= 0) keys.add(s.informationStateKey(p));
  const actions = p === CHANCE ? s.chanceOutcomes().map(([a]) => a) : s.legalActions();
  return 1 + actions.reduce((sum, a) => sum + countTree(s.child(a), keys), 0);
}

test('has the standard tree: 9457 nodes and 936 information sets', () => {
  const keys = new Set<string>();
  assert.equal(countTree(new LeducPoker().newInitialState(), keys), 9457);
  assert.equal(keys.size, 936);
});

test('fold is legal only facing a raise, and a round allows two raises', () => {
  assert.deepEqual(play(0, 2, []).legalActions(), [C, R]);
  assert.deepEqual(play(0, 2, [R]).legalActions(), [F, C, R]);
  assert.deepEqual(play(0, 2, [R, R]).legalActions(), [F, C]);
  assert.deepEqual(play(0, 2, [C, C], 4).legalActions(), [C, R]);
  assert.equal(play(0, 2, [C, C]).currentPlayer(), CHANCE);
  assert.equal(play(0, 2, [R, C]).currentPlayer(), CHANCE);
  assert.deepEqual(play(0, 2, [C, C]).chanceOutcomes(), [[1, 0.25], [3, 0.25], [4, 0.25], [5, 0.25]]);
});

test('pays pairs, high cards, splits and folds with 2-chip then 4-chip raises', () => {
  // Folding to the first raise loses the ante.
  assert.deepEqual(play(0, 4, [R, F]).returns(), [1, -1]);
  // Raise, re-raise, call: 1 + 2 + 2 = 5 each; then check-check, K beats J.
  assert.deepEqual(play(0, 4, [R, R, C], 2, [C, C]).returns(), [-5, 5]);
  // A pair with the public card beats a higher card: J pairs with the public J.
  assert.deepEqual(play(0, 4, [C, C], 1, [R, C]).returns(), [5, -5]);
  // Equal ranks split the pot.
  assert.deepEqual(play(2, 3, [C, C], 4, [R, C]).returns(), [0, 0]);
  // Second-round raise, re-raise, and player 0 folds, losing the 1 + 4 put in.
  assert.deepEqual(play(4, 2, [C, C], 0, [R, R, F]).returns(), [-5, 5]);
  assert.equal(play(4, 2, [C, C], 0, [R, R, C]).isTerminal(), true);
  assert.deepEqual(play(4, 2, [C, C], 0, [R, R, C]).returns(), [9, -9]);
});

test('information states hide the opponent card and carry the public history', () => {
  const s = play(3, 4, [C, R, C], 0, [R]);
  assert.equal(s.informationStateKey(1), '4:crc:0:r');
  assert.equal(s.informationStateKey(0), '3:crc:0:r');
  const t = s.informationStateTensor!(1);
  assert.equal(t.length, 30);
  assert.equal(t[1], 1); // player 1
  assert.equal(t[2 + 4], 1); // private K
  assert.equal(t[8 + 0], 1); // public J
  assert.deepEqual(Array.from(t.subarray(14, 30)), [1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
});

test('random playouts in the learner view end zero-sum, within the stake limits', () => {
  const env = new LeducEnv();
  const rng = new Rng(1);
  const mask = new Uint8Array(3);
  const obs = new Float32Array(env.spec.observationSize);
  for (let game = 0; game < 300; game++) {
    env.reset({ seed: game });
    let steps = 0;
    while (!env.terminated()) {
      const p = env.currentPlayer();
      env.observe(p, obs);
      assert.equal(obs[p], 1);
      env.legalActions(mask);
      const legal = [0, 1, 2].filter((a) => mask[a] === 1);
      env.step(legal[rng.int(legal.length)]);
      steps++;
    }
    assert.equal(env.currentPlayer(), TERMINAL);
    const [r0, r1] = env.rewards();
    assert.equal(r0 + r1, 0);
    assert.ok(Math.abs(r0) <= 13 && steps >= 2 && steps <= 8);
  }
});
