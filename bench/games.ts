// Tabular equilibrium-finding benchmark (issue #6): iterations and time for XFP, CFR and CFR+ to bring
// the exact NashConv of their average policy below 1e-3 on Kuhn poker and below 0.01 on Leduc poker,
// iterations per second (wall clock and CPU time), and plots of NashConv against iterations and
// against solver time in .bench-out/. NashConv is measured whenever the iteration count has grown by
// 1%, so "iterations to target" is the first such measurement below the target (within 1%).
// Then the league with PPO best responses on Leduc: exact NashConv of the current network and of the
// pool average against training time for self-play, uniform FSP and OSFP, at equal time budgets over
// several seeds (the presets interleaved per seed, so load drifts on a shared machine hit them alike).
// Usage: npm run bench:games [-- --seconds 120] [-- --out .bench-out] [-- --parts tabular,ppo]
//        [-- --ppo-seconds 30] [-- --ppo-seeds 3] [-- --ppo-game leduc]

import { join } from 'node:path';
import { writeFileAtomic } from '../src/core/atomic-file.js';
import {
  compileGame, createSolver, loadTabularGame, nashConvPlot, solve, SOLVER_ALGOS, type CompiledTree, type SolveResult, type SolverAlgo,
} from '../src/algos/tabular/index.js';
import { linePlot, seriesFromRuns, writeSvg, type Series } from '../src/plot/index.js';
import { League, LEAGUE_PRESETS, presetConfig, type LeaguePreset } from '../src/league/index.js';
import { PPO_LEAGUE_DEFAULTS, pokerLeagueGame, runPpoLeague, type PpoLeagueResult } from '../src/league/experiments/index.js';
import { deriveSeed } from '../src/core/rng.js';
import type { MLP } from '../src/core/nn/index.js';

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
  const parts = argValue('parts', 'tabular,ppo').split(',');
  for (const p of parts) if (p !== 'tabular' && p !== 'ppo') throw new Error(`--parts takes a comma-separated list of tabular and ppo, got '${p}'`);
  if (!(secondsPerRun > 0)) throw new Error(`--seconds must be a positive number, got ${secondsPerRun}`);
  const figures: Record<string, number | null> = {};
  const targets: Record<string, number> = {};
  if (parts.includes('tabular')) tabular(secondsPerRun, outDir, figures, targets);
  if (parts.includes('ppo')) {
    const seconds = Number(argValue('ppo-seconds', '30'));
    const seeds = Number(argValue('ppo-seeds', '3'));
    if (!(seconds > 0)) throw new Error(`--ppo-seconds must be a positive number, got ${seconds}`);
    if (!(Number.isInteger(seeds) && seeds > 0)) throw new Error(`--ppo-seeds must be a positive integer, got ${seeds}`);
    ppoLeague(argValue('ppo-game', 'leduc'), seconds, seeds, outDir, figures);
  }
  console.log(JSON.stringify({ bench: 'games', figures, targets }));
}

function tabular(secondsPerRun: number, outDir: string, figures: Record<string, number | null>, targets: Record<string, number>): void {
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
}

/** The value of a run's step curve at time t: its last checkpoint at or before t. */
function valueAt(seconds: readonly number[], values: readonly number[], t: number): number {
  let k = 0;
  while (k + 1 < seconds.length && seconds[k + 1] <= t) k++;
  return values[k];
}

function meanStd(xs: readonly number[]): [number, number] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.length > 1 ? xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) : 0;
  return [m, Math.sqrt(v)];
}

const PRESET_COLORS: Record<LeaguePreset, string> = { selfPlay: '#4e79a7', uniformFsp: '#f28e2b', osfp: '#e15759' };
const GRID_POINTS = 60;

function ppoLeague(gameName: string, budget: number, seeds: number, outDir: string, figures: Record<string, number | null>): void {
  const game = pokerLeagueGame(gameName);
  const { ppo, iterationsPerPeriod } = PPO_LEAGUE_DEFAULTS;
  console.log(`League with PPO best responses on ${game.tree.gameName}: ${budget} s of training per run (evaluation excluded), ${seeds} seeds per preset;`);
  console.log(`PPO ${ppo.numEnvs} envs × ${ppo.numSteps} moves, ${iterationsPerPeriod} iterations (${iterationsPerPeriod * ppo.numEnvs! * ppo.numSteps!} learner moves) per league period.`);
  const runs: Record<LeaguePreset, PpoLeagueResult[]> = { selfPlay: [], uniformFsp: [], osfp: [] };
  for (let seed = 1; seed <= seeds; seed++) {
    for (const preset of LEAGUE_PRESETS) {
      const league = new League<MLP>(presetConfig(preset), deriveSeed(seed, 'bench-games', 'league'));
      const r = runPpoLeague(game, league, { ...PPO_LEAGUE_DEFAULTS, seconds: budget }, seed);
      runs[preset].push(r);
      const n = r.steps.length - 1;
      console.log(`  seed ${seed} ${preset.padEnd(10)} ${String(n).padStart(4)} periods ${String(r.steps[n]).padStart(7)} moves ${(r.steps[n] / r.seconds[n]).toFixed(0).padStart(6)} moves/s  pool ${league.size}  NashConv ${r.current[n].toFixed(3)} (pool avg ${r.poolAverage[n].toFixed(3)})`);
    }
  }
  const grid = Array.from({ length: GRID_POINTS + 1 }, (_, k) => (budget * k) / GRID_POINTS);
  const series: Series[] = [];
  const perSeed: Record<string, Record<LeaguePreset, number[]>> = { 'current NashConv at the end': { selfPlay: [], uniformFsp: [], osfp: [] }, 'current NashConv averaged over time': { selfPlay: [], uniformFsp: [], osfp: [] }, 'pool-average NashConv at the end': { selfPlay: [], uniformFsp: [], osfp: [] } };
  const marks = [0.25, 0.5, 1];
  console.log(`\nExact NashConv at equal training time (mean ± std over ${seeds} seeds; the uniform policy's is ${runs.osfp[0].current[0].toFixed(3)}):`);
  console.log(`${'preset'.padEnd(11)} ${marks.map((f) => `current @${(f * budget).toFixed(0)}s`.padStart(17)).join(' ')} ${'pool avg @end'.padStart(15)} ${'mean over time'.padStart(15)} ${'moves/s'.padStart(8)}`);
  for (const preset of LEAGUE_PRESETS) {
    const rs = runs[preset];
    const cur = rs.map((r) => grid.map((t) => valueAt(r.seconds, r.current, t)));
    const pool = rs.map((r) => grid.map((t) => valueAt(r.seconds, r.poolAverage, t)));
    series.push({ ...seriesFromRuns(`${preset} current`, grid, cur), color: PRESET_COLORS[preset] });
    const first = grid.findIndex((_, k) => pool.every((p) => Number.isFinite(p[k])));
    if (first >= 0) series.push({ ...seriesFromRuns(`${preset} pool average`, grid.slice(first), pool.map((p) => p.slice(first))), color: PRESET_COLORS[preset], dashed: true });
    const at = marks.map((f) => meanStd(rs.map((r) => valueAt(r.seconds, r.current, f * budget))));
    const poolEnd = meanStd(rs.map((r) => valueAt(r.seconds, r.poolAverage, budget)));
    const auc = meanStd(cur.map((c) => c.reduce((a, b) => a + b, 0) / c.length));
    const rate = meanStd(rs.map((r) => r.steps[r.steps.length - 1] / r.seconds[r.seconds.length - 1]));
    perSeed['current NashConv at the end'][preset] = rs.map((r) => valueAt(r.seconds, r.current, budget));
    perSeed['current NashConv averaged over time'][preset] = cur.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
    perSeed['pool-average NashConv at the end'][preset] = rs.map((r) => valueAt(r.seconds, r.poolAverage, budget));
    const pm = ([m, s]: [number, number]): string => `${m.toFixed(3)} ± ${s.toFixed(3)}`;
    console.log(`${preset.padEnd(11)} ${at.map((v) => pm(v).padStart(17)).join(' ')} ${pm(poolEnd).padStart(15)} ${pm(auc).padStart(15)} ${rate[0].toFixed(0).padStart(8)}`);
    const key = `${gameName}_ppo_${preset.toLowerCase()}`;
    figures[`${key}_nashconv_mean`] = +at[2][0].toPrecision(4);
    figures[`${key}_nashconv_std`] = +at[2][1].toPrecision(4);
    figures[`${key}_nashconv_half_budget_mean`] = +at[1][0].toPrecision(4);
    figures[`${key}_pool_nashconv_mean`] = +poolEnd[0].toPrecision(4);
    figures[`${key}_pool_nashconv_std`] = +poolEnd[1].toPrecision(4);
    figures[`${key}_nashconv_time_avg_mean`] = +auc[0].toPrecision(4);
    figures[`${key}_moves_per_s`] = Math.round(rate[0]);
  }
  figures[`${gameName}_ppo_seconds_per_run`] = budget;
  figures[`${gameName}_ppo_seeds`] = seeds;
  // Does OSFP's optimism help? Its difference to each ablation, with twice the standard error of the difference.
  console.log('\nOSFP minus each ablation (negative: OSFP less exploitable; ± 2 standard errors over seeds):');
  for (const [measure, values] of Object.entries(perSeed)) {
    const parts = (['selfPlay', 'uniformFsp'] as const).map((other) => {
      const [ma, sa] = meanStd(values.osfp), [mb, sb] = meanStd(values[other]);
      const d = ma - mb, se2 = 2 * Math.sqrt((sa * sa) / values.osfp.length + (sb * sb) / values[other].length);
      const verdict = Math.abs(d) <= se2 ? 'no clear difference' : d < 0 ? 'OSFP better' : 'OSFP worse';
      return `vs ${other} ${d >= 0 ? '+' : ''}${d.toFixed(3)} ± ${se2.toFixed(3)} (${verdict})`;
    });
    console.log(`  ${measure.padEnd(36)} ${parts.join('; ')}`);
  }
  const svg = join(outDir, `${gameName}-ppo-league.svg`);
  writeSvg(svg, linePlot(series, {
    title: `${game.tree.gameName}: league with PPO best responses (mean ± std, ${seeds} seeds)`,
    xLabel: 'training seconds (this machine)', yLabel: 'exact NashConv',
  }));
  writeFileAtomic(join(outDir, `${gameName}-ppo-league.json`), JSON.stringify(Object.fromEntries(LEAGUE_PRESETS.map((p) => [p, runs[p].map((r) => ({
    steps: r.steps, seconds: r.seconds, current: r.current, poolAverage: r.poolAverage, admissions: r.admissions, games: r.games,
  }))]))) + '\n');
  console.log(`plot: ${svg} (solid: current network, dashed: pool average); curves: ${outDir}/${gameName}-ppo-league.json\n`);
}

function plotCurves(outDir: string, gameName: string, target: number, results: SolveResult[]): void {
  writeSvg(join(outDir, `games-${gameName}-nashconv.svg`), nashConvPlot(results, { target }));
  writeSvg(join(outDir, `games-${gameName}-nashconv-time.svg`), nashConvPlot(results, {
    target, against: 'seconds', title: `${gameName}: NashConv against solver time (this machine)`,
  }));
}

main();
