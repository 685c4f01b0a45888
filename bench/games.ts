// Tabular equilibrium-finding benchmark (issue #6): iterations and time for XFP, CFR and CFR+ to bring
// the exact NashConv of their average policy below 1e-3 on Kuhn poker and below 0.01 on Leduc poker,
// iterations per second (wall clock and CPU time), and plots of NashConv against iterations and
// against solver time in .bench-out/. NashConv is measured whenever the iteration count has grown by
// 1%, so "iterations to target" is the first such measurement below the target (within 1%).
// Usage: npm run bench:games [-- --seconds 120] [-- --out .bench-out]

import { join } from 'node:path';
import { writeFileAtomic } from '../src/core/atomic-file.js';
import {
  compileGame, createSolver, loadTabularGame, nashConvPlot, solve, SOLVER_ALGOS, type CompiledTree, type SolveResult, type SolverAlgo,
} from '../src/algos/tabular/index.js';
import { writeSvg } from '../src/plot/index.js';

interface Case { game: string; target: number; maxIterations: number }

const CASES: Case[] = [
  { game: 'kuhn', target: 1e-3, maxIterations: 2_000_000 },
  { game: 'leduc', target: 0.01, maxIterations: 2_000_000 },
];

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** Solver iterations per wall-clock second and per CPU second, over about `seconds` of steady running. */
function throughput(tree: CompiledTree, algo: SolverAlgo, seconds: number): { wall: number; cpu: number } {
  const solver = createSolver(tree, algo);
  for (let i = 0; i < 20; i++) solver.step();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < seconds * 1000) {
    for (let i = 0; i < 10; i++) solver.step();
    n += 10;
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall: n / wall, cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

function fmt(v: number | null, digits = 4): string {
  return v === null ? '—' : v >= 1000 ? v.toFixed(0) : v.toPrecision(digits);
}

function main(): void {
  const secondsPerRun = Number(argValue('seconds', '120'));
  const outDir = argValue('out', '.bench-out');
  if (!(secondsPerRun > 0)) throw new Error(`--seconds must be a positive number, got ${secondsPerRun}`);
  const figures: Record<string, number | null> = {};
  const targets: Record<string, number> = {};
  const curves: Record<string, Record<string, Array<[number, number, number]>>> = {};

  console.log('Exact NashConv of the average policy (two-player zero-sum, NashConv = 2 × exploitability).');
  console.log('Timings come from a shared, loaded machine and are noisy; CPU-time rates are steadier than wall-clock ones.\n');
  for (const c of CASES) {
    const game = loadTabularGame(c.game);
    const t0 = performance.now();
    const tree = compileGame(game);
    const compileMs = performance.now() - t0;
    console.log(`${game.name}: ${tree.numNodes} nodes, ${tree.infosets.numInfosets} information sets, compiled in ${compileMs.toFixed(0)} ms; target NashConv < ${c.target}`);
    console.log(`${'algo'.padEnd(6)} ${'iterations'.padStart(11)} ${'solver s'.padStart(9)} ${'NashConv'.padStart(10)} ${'value p0'.padStart(10)} ${'it/s wall'.padStart(10)} ${'it/s CPU'.padStart(10)}`);
    figures[`${c.game}_nodes`] = tree.numNodes;
    figures[`${c.game}_infosets`] = tree.infosets.numInfosets;
    targets[`${c.game}_nashconv`] = c.target;
    curves[c.game] = {};
    const results: SolveResult[] = [];
    for (const algo of SOLVER_ALGOS) {
      const r = solve(game, algo, c.maxIterations, undefined, {
        tree, evaluateEvery: 'log', logStep: 0.01, targetNashConv: c.target, timeLimitSeconds: secondsPerRun,
      });
      results.push(r);
      const last = r.curve[r.curve.length - 1];
      const rate = throughput(tree, algo, 1.5);
      const key = `${c.game}_${algo.replace('+', 'plus')}`;
      figures[`${key}_iterations_to_target`] = r.reachedTargetAt;
      figures[`${key}_seconds_to_target`] = r.reachedTargetAt === null ? null : +last.solverSeconds.toFixed(3);
      figures[`${key}_final_nashconv`] = +last.nashConv.toPrecision(4);
      figures[`${key}_iterations_run`] = r.iterations;
      figures[`${key}_iter_per_s`] = Math.round(rate.wall);
      figures[`${key}_iter_per_cpu_s`] = Math.round(rate.cpu);
      curves[c.game][algo] = r.curve.map((p) => [p.iteration, p.solverSeconds, p.nashConv]);
      const reached = r.reachedTargetAt === null ? `>${r.iterations}`.padStart(11) : String(r.reachedTargetAt).padStart(11);
      console.log(`${algo.padEnd(6)} ${reached} ${last.solverSeconds.toFixed(2).padStart(9)} ${last.nashConv.toExponential(2).padStart(10)} ${last.expectedValues[0].toFixed(5).padStart(10)} ${fmt(rate.wall).padStart(10)} ${fmt(rate.cpu).padStart(10)}` +
        (r.stoppedBy === 'timeLimit' ? `  (stopped by the ${secondsPerRun} s limit)` : ''));
      if (c.game === 'kuhn') figures[`${key}_value_error`] = +Math.abs(last.expectedValues[0] + 1 / 18).toExponential(2);
    }
    if (c.game === 'kuhn') targets.kuhn_value_error = 1e-3;
    plotCurves(outDir, game.name, c.target, results);
    console.log('');
  }
  writeFileAtomic(join(outDir, 'games-curves.json'), JSON.stringify(curves) + '\n');
  console.log(`plots: ${outDir}/games-<game>-nashconv.svg (against iterations) and games-<game>-nashconv-time.svg (against solver seconds)\n`);
  console.log(JSON.stringify({ bench: 'games', figures, targets }));
}

function plotCurves(outDir: string, gameName: string, target: number, results: SolveResult[]): void {
  writeSvg(join(outDir, `games-${gameName}-nashconv.svg`), nashConvPlot(results, { target }));
  writeSvg(join(outDir, `games-${gameName}-nashconv-time.svg`), nashConvPlot(results, {
    target, against: 'seconds', title: `${gameName}: NashConv against solver time (this machine)`,
  }));
}

main();
