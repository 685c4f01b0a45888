import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANCE, TERMINAL, type GameState } from '../../env/game.js';
import { EnvError } from '../../env/types.js';
import { KuhnEnv, KuhnPoker, KUHN_BET, KUHN_PASS } from './kuhn.js';

function play(cards: [number, number], actions: number[]): GameState {
  let s = new KuhnPoker().newInitialState();
  s = s.child(cards[0]).child(cards[1]);
  for (const a of actions) s = s.child(a);
  return s;
}

test('deals one card to each player by chance, without replacement', () => {
  const root = new KuhnPoker().newInitialState();
  assert.equal(root.currentPlayer(), CHANCE);
  assert.deepEqual(root.chanceOutcomes(), [[0, 1 / 3], [1, 1 / 3], [2, 1 / 3]]);
  const afterQ = root.child(1);
  assert.deepEqual(afterQ.chanceOutcomes(), [[0, 0.5], [2, 0.5]]);
  assert.throws(() => afterQ.child(1), EnvError);
  assert.equal(afterQ.child(2).currentPlayer(), 0);
});

test('pays the standard Kuhn returns for every terminal sequence', () => {
  const P = KUHN_PASS;
  const B = KUHN_BET;
  // cards: player 0 holds K (2), player 1 holds J (0)
  assert.deepEqual(play([2, 0], [P, P]).returns(), [1, -1]);
  assert.deepEqual(play([2, 0], [B, P]).returns(), [1, -1]);
  assert.deepEqual(play([2, 0], [B, B]).returns(), [2, -2]);
  assert.deepEqual(play([2, 0], [P, B, P]).returns(), [-1, 1]);
  assert.deepEqual(play([2, 0], [P, B, B]).returns(), [2, -2]);
  assert.deepEqual(play([0, 1], [P, P]).returns(), [-1, 1]);
  assert.deepEqual(play([0, 1], [B, B]).returns(), [-2, 2]);
  assert.deepEqual(play([0, 1], [B, P]).returns(), [1, -1]);
  for (const h of [[P, P], [B, P], [B, B], [P, B, P], [P, B, B]]) assert.equal(play([1, 2], h).isTerminal(), true);
  assert.equal(play([1, 2], [P, B]).currentPlayer(), 0);
  assert.equal(play([1, 2], [P]).currentPlayer(), 1);
});

test('information states follow OpenSpiel: card index, then the public history', () => {
  const s = play([1, 2], [KUHN_PASS, KUHN_BET]);
  assert.equal(s.informationStateKey(0), '1pb');
  assert.equal(s.informationStateKey(1), '2pb');
  const t = s.informationStateTensor!(0);
  assert.deepEqual(Array.from(t), [1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0]);
  assert.equal(t.length, new KuhnPoker().informationStateTensorSize());
});

test('the learner view deals from its seed, takes turns and pays zero-sum terminal rewards', () => {
  const env = new KuhnEnv();
  const deal = (seed: number): string => {
    env.reset({ seed });
    return Array.from(env.observe(0)).join('') + Array.from(env.observe(1)).join('');
  };
  assert.equal(deal(7), deal(7));
  const deals = new Set<string>();
  for (let seed = 0; seed < 60; seed++) deals.add(deal(seed));
  assert.equal(deals.size, 6, 'all six deals occur');
  env.reset({ seed: 3 });
  assert.equal(env.currentPlayer(), 0);
  assert.deepEqual(Array.from(env.legalActions()), [1, 1]);
  env.step(KUHN_BET);
  assert.equal(env.currentPlayer(), 1);
  assert.deepEqual(Array.from(env.rewards()), [0, 0]);
  env.step(KUHN_PASS);
  assert.equal(env.terminated(), true);
  assert.equal(env.currentPlayer(), TERMINAL);
  assert.deepEqual(Array.from(env.rewards()), [1, -1]);
  assert.throws(() => env.step(KUHN_BET), /game is over/);
  env.reset();
  assert.throws(() => env.step(5), /illegal action/);
});
