import { test } from 'node:test';
import assert from 'node:assert/strict';
import { biasedRockPaperScissors, BIASED_RPS_EQUILIBRIUM, rockPaperScissors } from '../../envs/matrix/index.js';
import { KuhnPoker, LeducPoker } from '../../envs/poker/index.js';
import { TabularError } from './errors.js';
import { bestResponse, expectedValues, nashConv, nashConvOfCallback } from './evaluate.js';
import { TabularPolicy } from './policy.js';
import { compileGame } from './tree.js';

const kuhn = compileGame(new KuhnPoker());
const close = (actual: number, expected: number, tol = 1e-9): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`);

/** Kuhn's equilibrium family (ALGORITHMS.md §2.3), for α in [0, 1/3]. */
function kuhnEquilibrium(alpha: number): TabularPolicy {
  const pol = TabularPolicy.uniform(kuhn.infosets);
  const bet = (key: string, p: number): void => pol.setActionProbabilities(key, { 0: 1 - p, 1: p });
  bet('0', alpha); bet('1', 0); bet('2', 3 * alpha);
  bet('0pb', 0); bet('1pb', alpha + 1 / 3); bet('2pb', 1);
  bet('0b', 0); bet('1b', 1 / 3); bet('2b', 1);
  bet('0p', 1 / 3); bet('1p', 0); bet('2p', 1);
  return pol;
}

test('Kuhn: the uniform policy has NashConv 11/12 with best-response values 1/2 and 5/12', () => {
  const r = nashConv(kuhn, TabularPolicy.uniform(kuhn.infosets));
  close(r.nashConv, 11 / 12, 1e-12);
  close(r.exploitability, 11 / 24, 1e-12);
  close(r.bestResponseValues[0], 1 / 2, 1e-12);
  close(r.bestResponseValues[1], 5 / 12, 1e-12);
  close(r.expectedValues[0], 1 / 8, 1e-12);
});

test('Kuhn: always passing/folding has NashConv 2', () => {
  close(nashConv(kuhn, TabularPolicy.firstAction(kuhn.infosets)).nashConv, 2, 1e-12);
});

test('Kuhn: the equilibrium family has NashConv 0 and value −1/18 for player 0', () => {
  for (const alpha of [0, 0.2, 1 / 3]) {
    const r = nashConv(kuhn, kuhnEquilibrium(alpha));
    close(r.nashConv, 0);
    close(r.expectedValues[0], -1 / 18);
    close(expectedValues(kuhn, kuhnEquilibrium(alpha))[1], 1 / 18);
  }
  // Off the family (player 0 bets Q sometimes) the profile is exploitable.
  const off = kuhnEquilibrium(0.2);
  off.setActionProbabilities('1', { 0: 0.7, 1: 0.3 });
  assert.ok(nashConv(kuhn, off).nashConv > 0.01);
});

test('Kuhn: best responses to uniform are the ones OpenSpiel reports', () => {
  const uniform = TabularPolicy.uniform(kuhn.infosets);
  const br0 = bestResponse(kuhn, uniform, 0).policy;
  const bets = (pol: TabularPolicy, key: string): number => pol.actionProbabilities(key).get(1)!;
  // Player 0 bets J and Q; with K both actions are worth the same and the lowest (pass) is chosen.
  assert.deepEqual(['0', '1', '2'].map((k) => bets(br0, k)), [1, 1, 0]);
  assert.deepEqual(['0pb', '1pb', '2pb'].map((k) => bets(br0, k)), [0, 1, 1]);
  // Player 1's information sets are left as they were.
  assert.equal(bets(br0, '0p'), 0.5);
  const br1 = bestResponse(kuhn, uniform, 1).policy;
  assert.deepEqual(['0p', '1p', '2p', '0b', '1b', '2b'].map((k) => bets(br1, k)), [1, 1, 1, 0, 1, 1]);
});

test('Kuhn: the best response to an opponent who always bets and calls, checked by hand', () => {
  // Player 0 then loses 1 with J (pass, fold), breaks even with Q, wins 2 with K: value (−1 + 0 + 2)/3.
  const aggressive = TabularPolicy.uniform(kuhn.infosets);
  for (const k of ['0p', '1p', '2p', '0b', '1b', '2b']) aggressive.setActionProbabilities(k, { 1: 1 });
  const br = bestResponse(kuhn, aggressive, 0);
  close(br.value, 1 / 3, 1e-12);
  const act = (key: string): number => (br.policy.actionProbabilities(key).get(1) === 1 ? 1 : 0);
  // J: pass then fold; Q: pass (tie with bet) then call; K: pass (tie with bet) then call.
  assert.deepEqual(['0', '0pb', '1', '1pb', '2', '2pb'].map(act), [0, 0, 0, 1, 0, 1]);
  // And against an opponent who always passes and folds, betting everything wins the ante.
  close(bestResponse(kuhn, TabularPolicy.firstAction(kuhn.infosets), 0).value, 1, 1e-12);
});

test('Leduc: uniform NashConv 4.747222…, value −0.078125, first-action NashConv 2 (OpenSpiel tests)', () => {
  const leduc = compileGame(new LeducPoker());
  assert.equal(leduc.infosets.numInfosets, 936);
  assert.equal(leduc.numNodes, 9457);
  const r = nashConv(leduc, TabularPolicy.uniform(leduc.infosets));
  close(r.nashConv, 4.747222222222222, 1e-12);
  close(r.expectedValues[0], -0.078125, 1e-12);
  close(nashConv(leduc, TabularPolicy.firstAction(leduc.infosets)).nashConv, 2, 1e-12);
});

test('matrix games: uniform RPS is Nash; biased RPS has BR = max (A x) and its analytic equilibrium', () => {
  const rps = compileGame(rockPaperScissors());
  close(nashConv(rps, TabularPolicy.uniform(rps.infosets)).nashConv, 0, 1e-15);
  const game = biasedRockPaperScissors();
  const brps = compileGame(game);
  const A = game.spec.rowPayoff;
  for (const x of [[1 / 3, 1 / 3, 1 / 3], [0.5, 0.2, 0.3], BIASED_RPS_EQUILIBRIUM]) {
    const pol = new TabularPolicy(brps.infosets, Float64Array.from([...x, ...x]));
    const br = Math.max(...A.map((row) => row.reduce((s, a, j) => s + a * x[j], 0)));
    const r = nashConv(brps, pol);
    close(r.bestResponseValues[0], br, 1e-12);
    close(r.nashConv, 2 * br, 1e-12);
  }
  close(nashConv(brps, new TabularPolicy(brps.infosets, Float64Array.from([...BIASED_RPS_EQUILIBRIUM, ...BIASED_RPS_EQUILIBRIUM]))).nashConv, 0, 1e-15);
});

test('a policy callback over information-state tensors is evaluated exactly', () => {
  // Full-length outputs (one per game action) and legal-length outputs give the same policy.
  const uniformAll = nashConvOfCallback(kuhn, () => [1, 1]);
  close(uniformAll.nashConv, 11 / 12, 1e-12);
  // A "network" that reads the tensor: bet with K (card bit 2+2), otherwise pass.
  const rule = nashConvOfCallback(kuhn, ({ state, player }) => {
    const t = state.informationStateTensor!(player);
    return t[4] === 1 ? [0, 1] : [1, 0];
  });
  const manual = TabularPolicy.firstAction(kuhn.infosets);
  for (const k of ['2', '2pb', '2p', '2b']) manual.setActionProbabilities(k, { 1: 1 });
  close(rule.nashConv, nashConv(kuhn, manual).nashConv, 1e-12);
  assert.throws(() => nashConvOfCallback(kuhn, () => [1, 1, 1]), TabularError);
  assert.throws(() => nashConvOfCallback(kuhn, () => [0, 0]), /total weight 0/);
  assert.throws(() => nashConvOfCallback(kuhn, () => [-1, 2]), /non-negative/);
});

test('policies refuse unknown keys, illegal actions, non-distributions and other trees', () => {
  const pol = TabularPolicy.uniform(kuhn.infosets);
  assert.throws(() => pol.setActionProbabilities('9x', { 0: 1 }), /no information set '9x'/);
  assert.throws(() => pol.setActionProbabilities('0', { 2: 1 }), /not legal/);
  assert.throws(() => pol.setActionProbabilities('0', { 0: 0.5 }), /sum to 0.5/);
  pol.probs[0] = 2;
  assert.throws(() => pol.validate(), TabularError);
  const other = compileGame(new KuhnPoker());
  assert.throws(() => nashConv(other, TabularPolicy.uniform(kuhn.infosets)), /another game tree/);
});
