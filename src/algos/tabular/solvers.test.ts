import { test } from 'node:test';
import assert from 'node:assert/strict';
import { biasedRockPaperScissors, BIASED_RPS_EQUILIBRIUM, rockPaperScissors } from '../../envs/matrix/index.js';
import { KuhnPoker, LeducPoker } from '../../envs/poker/index.js';
import { Cfr, CFR_PLUS_DEFAULTS } from './cfr.js';
import { nashConv } from './evaluate.js';
import { createSolver, SOLVER_ALGOS, type SolverAlgo } from './solve.js';
import { compileGame, type CompiledTree } from './tree.js';

const kuhn = compileGame(new KuhnPoker());
const leduc = compileGame(new LeducPoker());

/** NashConv of the average policy after each number of iterations in `checkpoints`. */
function curve(tree: CompiledTree, algo: SolverAlgo, checkpoints: number[]): number[] {
  const solver = createSolver(tree, algo);
  const out: number[] = [];
  for (const target of checkpoints) {
    while (solver.iteration < target) solver.step();
    out.push(nashConv(tree, solver.averagePolicy()).nashConv);
  }
  return out;
}

function assertDecreasing(values: number[], label: string): void {
  for (let i = 1; i < values.length; i++) assert.ok(values[i] < values[i - 1], `${label}: NashConv ${values.join(' → ')} does not decrease`);
}

// OpenSpiel's checks: CFR after 300 iterations and CFR+ after 200 reach [−1/18, +1/18] within 1e-3.
// XFP's 100-iteration check hinges on how exact best-response ties are broken (float noise in
// OpenSpiel; lowest action here, which gives 1.08e-3 at 100), so XFP is held to 1e-3 at 1000.
for (const [algo, iterations] of [['cfr', 300], ['cfr+', 200], ['xfp', 1000]] as const) {
  test(`${algo}: the Kuhn average policy reaches the game value −1/18 within 1e-3 after ${iterations} iterations`, () => {
    const solver = createSolver(kuhn, algo);
    for (let i = 0; i < iterations; i++) solver.step();
    const r = nashConv(kuhn, solver.averagePolicy());
    assert.ok(Math.abs(r.expectedValues[0] + 1 / 18) < 1e-3, `value ${r.expectedValues[0]}`);
    assert.ok(Math.abs(r.expectedValues[1] - 1 / 18) < 1e-3);
    assert.ok(r.nashConv < 0.02, `NashConv ${r.nashConv}`);
  });
}

for (const algo of SOLVER_ALGOS) {
  test(`${algo}: exploitability decreases on Kuhn and Leduc`, () => {
    const k = curve(kuhn, algo, [1, 10, 100, 1000]);
    assertDecreasing(k, `${algo} on Kuhn`);
    const l = curve(leduc, algo, [1, 10, 100]);
    assertDecreasing(l, `${algo} on Leduc`);
    assert.ok(l[2] < 4.747222222222222 / 5, 'far below the uniform policy');
  });
}

test('cfr+ converges much faster than cfr on Leduc (NashConv after 200 iterations)', () => {
  const [cfr] = curve(leduc, 'cfr', [200]);
  const [plus] = curve(leduc, 'cfr+', [200]);
  assert.ok(plus < 0.02 && plus < cfr / 3, `cfr ${cfr}, cfr+ ${plus}`);
});

test('biased RPS: the solvers find the analytic equilibrium (1/4, 1/2, 1/4); uniform RPS stays put', () => {
  const brps = compileGame(biasedRockPaperScissors());
  for (const algo of SOLVER_ALGOS) {
    const solver = createSolver(brps, algo);
    for (let i = 0; i < 3000; i++) solver.step();
    const probs = solver.averagePolicy().probs;
    for (let k = 0; k < 6; k++) assert.ok(Math.abs(probs[k] - BIASED_RPS_EQUILIBRIUM[k % 3]) < 0.02, `${algo}: ${Array.from(probs).join(', ')}`);
  }
  const rps = compileGame(rockPaperScissors());
  const cfr = new Cfr(rps);
  for (let i = 0; i < 10; i++) cfr.step();
  assert.ok(nashConv(rps, cfr.averagePolicy()).nashConv < 1e-12);
  // With no regrets anywhere, the current regret-matching policy stays uniform too.
  assert.deepEqual(Array.from(cfr.currentPolicy().probs), Array(6).fill(1 / 3));
});

test('solvers are deterministic and the CFR variants are named by their settings', () => {
  assert.deepEqual(curve(leduc, 'xfp', [5, 20]), curve(leduc, 'xfp', [5, 20]));
  assert.equal(new Cfr(kuhn).name, 'cfr');
  assert.equal(new Cfr(kuhn, CFR_PLUS_DEFAULTS).name, 'cfr+');
  assert.equal(new Cfr(kuhn, { regretMatchingPlus: true }).name, 'cfr(rm+)');
});
