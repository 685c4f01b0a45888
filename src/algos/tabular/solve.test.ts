import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TabularError } from './errors.js';
import { loadTabularGame } from './games.js';
import { compileGame } from './tree.js';
import { nashConvPlot } from './plot.js';
import { parseSolverAlgo, solve, type SolveProgress } from './solve.js';

test('reports NashConv on a log schedule ending at the last iteration', () => {
  const seen: SolveProgress[] = [];
  const r = solve(loadTabularGame('kuhn'), 'cfr', 50, (p) => seen.push(p));
  assert.deepEqual(seen.map((p) => p.iteration), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 44, 47, 50]);
  assert.equal(r.curve.length, seen.length);
  assert.equal(r.iterations, 50);
  assert.equal(r.stoppedBy, 'iterations');
  assert.ok(seen[seen.length - 1].nashConv < seen[0].nashConv);
  for (const p of seen) assert.ok(Math.abs(p.exploitability - p.nashConv / 2) < 1e-15);
  assert.ok(r.iterationsPerSecond > 0);
});

test('stops at the first measurement below the target, measuring every k iterations', () => {
  const game = loadTabularGame('kuhn_poker');
  const tree = compileGame(game);
  const r = solve(game, 'cfr+', 10_000, undefined, { evaluateEvery: 5, targetNashConv: 0.01, tree });
  assert.ok(r.reachedTargetAt !== null && r.reachedTargetAt % 5 === 0 && r.reachedTargetAt < 10_000);
  assert.equal(r.iterations, r.reachedTargetAt);
  assert.equal(r.stoppedBy, 'target');
  assert.ok(r.curve[r.curve.length - 1].nashConv < 0.01);
  assert.ok(r.curve[r.curve.length - 2].nashConv >= 0.01);
  assert.equal(r.tree, tree);
});

test('stops with a final measurement when the time limit passes', () => {
  const r = solve(loadTabularGame('leduc'), 'xfp', 1_000_000, undefined, { timeLimitSeconds: 0.05 });
  assert.equal(r.stoppedBy, 'timeLimit');
  assert.ok(r.iterations < 1_000_000);
  assert.equal(r.curve[r.curve.length - 1].iteration, r.iterations);
});

test('names games and algorithms it does not know, and checks its arguments', () => {
  assert.equal(parseSolverAlgo('CFR+'), 'cfr+');
  assert.throws(() => parseSolverAlgo('dcfr'), /unknown solver 'dcfr'; choose one of xfp, cfr, cfr\+/);
  assert.throws(() => loadTabularGame('chess'), (e: unknown) => e instanceof TabularError && /kuhn, leduc, rps, biased_rps/.test(e.message));
  assert.throws(() => solve(loadTabularGame('rps'), 'xfp', 0), /positive integer/);
  assert.throws(() => solve(loadTabularGame('rps'), 'xfp', 5, undefined, { timeLimitSeconds: 0 }), /timeLimitSeconds/);
  assert.throws(() => solve(loadTabularGame('rps'), 'xfp', 5, undefined, { tree: compileGame(loadTabularGame('kuhn')) }), /compiled from 'kuhn_poker'/);
});

test('plots NashConv against iterations or seconds, with the target line', () => {
  const game = loadTabularGame('kuhn');
  const runs = [solve(game, 'cfr', 40), solve(game, 'cfr+', 40)];
  const svg = nashConvPlot(runs, { target: 0.01 });
  assert.equal((svg.match(/<path class="line"/g) ?? []).length, 3);
  assert.match(svg, /data-series="cfr\+"/);
  assert.match(svg, />iterations</);
  assert.match(nashConvPlot(runs, { against: 'seconds' }), />solver seconds</);
  assert.throws(() => nashConvPlot([]), TabularError);
});
