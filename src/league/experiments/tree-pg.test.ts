import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../core/rng.js';
import { compileGame, expectedValues, TabularPolicy, type CompiledTree } from '../../algos/tabular/index.js';
import { KuhnPoker } from '../../envs/poker/index.js';
import { League } from '../league.js';
import { presetConfig } from '../presets.js';
import { PoolAverage, runTreeLeague } from './tree-pg.js';

const tree = compileGame(new KuhnPoker());

function randomPolicy(t: CompiledTree, rng: Rng): TabularPolicy {
  const p = new TabularPolicy(t.infosets);
  for (let I = 0; I < t.infosets.numInfosets; I++) {
    let total = 0;
    for (let s = t.infosets.offset[I]; s < t.infosets.offset[I + 1]; s++) { p.probs[s] = rng.next() + 0.01; total += p.probs[s]; }
    for (let s = t.infosets.offset[I]; s < t.infosets.offset[I + 1]; s++) p.probs[s] /= total;
  }
  return p;
}

/** Player 0's part from `a`, player 1's from `b`. */
function profile(a: TabularPolicy, b: TabularPolicy): TabularPolicy {
  const out = a.clone();
  for (let I = 0; I < tree.infosets.numInfosets; I++) {
    if (tree.infosets.player[I] !== 1) continue;
    for (let s = tree.infosets.offset[I]; s < tree.infosets.offset[I + 1]; s++) out.probs[s] = b.probs[s];
  }
  return out;
}

test('the pool average is realization-equivalent to drawing one member per seat for the whole game', () => {
  const rng = new Rng(4);
  const members = [randomPolicy(tree, rng), randomPolicy(tree, rng), randomPolicy(tree, rng)];
  const avg = new PoolAverage(tree);
  for (const m of members) avg.add(m.probs);
  const mixed = expectedValues(tree, avg.policy())[0];
  let direct = 0;
  for (const a of members) for (const b of members) direct += expectedValues(tree, profile(a, b))[0] / 9;
  assert.ok(Math.abs(mixed - direct) < 1e-12, `${mixed} vs ${direct}`);
  // A per-information-set average of the probabilities is not equivalent in general.
  const naive = new TabularPolicy(tree.infosets, members[0].probs.map((_, s) => members.reduce((t, m) => t + m.probs[s], 0) / 3));
  assert.ok(Math.abs(expectedValues(tree, naive)[0] - direct) > 1e-6);
});

test('self-play policy gradient on Kuhn lowers NashConv from the uniform 11/12, deterministically per seed', () => {
  const config = { episodesPerPeriod: 4000, periods: 10, lr: 0.01, baselineRate: 0.01 };
  const run = () => runTreeLeague(tree, new League<Float64Array>(presetConfig('selfPlay'), 1), config, 1);
  const a = run();
  assert.ok(Math.abs(a.current[0] - 11 / 12) < 1e-12);
  assert.ok((a.poolAverage.at(-1) as number) < 0.3, `pool average NashConv ${a.poolAverage.at(-1)}`);
  assert.equal(a.episodes.at(-1), 40_000);
  const b = run();
  assert.deepEqual(b.current, a.current);
  assert.deepEqual(b.poolAverage, a.poolAverage);
});

test('against the pool, the learner reports its results to the league', () => {
  const league = new League<Float64Array>(presetConfig('osfp', { resetResults: 'onAdmission', maxWaitPeriods: 100, admitThreshold: 1 }), 2);
  runTreeLeague(tree, league, { episodesPerPeriod: 1000, periods: 2, lr: 0.01, baselineRate: 0.01 }, 2);
  const games = league.results()[0].games;
  // Period 1 plays the single member with probability 1 − p = 0.4.
  assert.ok(Math.abs(games - 400) < 5 * Math.sqrt(1000 * 0.4 * 0.6), `${games} games recorded`);
});
