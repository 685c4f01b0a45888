// LOCM league ablation (issue #8): the LOCM agent trained with OSFP, self-play and uniform FSP for
// the same trainer time each (process CPU seconds of the training iterations by default; the
// evaluations, checkpoints and I/O excluded), with learning curves of win rates (argmax play) against the
// fixed baselines, then a final evaluation (95% Wilson intervals), a round robin among the final
// policies and the baselines, and Elo ratings.
//   npx tsx bench/locm-ablation.ts [--version 1.5|1.2] [--minutes 10] [--seeds 1,2] [--out DIR]
//     [--eval-every 2 (trainer minutes)] [--eval-games 50] [--final-games 200] [--clock cpu|wall]
//     [--init policy.safetensors] [--actors N] [--config overrides.json] [--small] [--docs]
// --init warm-starts every run from the same policy file (the trainer's initPolicy; its widths must
// match); --actors sets the trainer's actor threads. With the cpu clock the budget counts the CPU
// time of every thread (actors included) during training iterations: equal compute on a shared machine.
// Every run has its own run folder (src/runs/run.ts) under --out: a finished run is skipped and an
// unfinished one resumes from its last checkpoint, with the trainer time already spent (the
// `trainSeconds` of its metrics), so a killed ablation continues at the same equal-time budget.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveSeed } from '../src/core/rng.js';
import type { Version } from '../src/envs/locm/engine.js';
import { LocmRunner } from '../src/envs/locm/play.js';
import { makeAgent, type LocmAgent } from '../src/envs/locm/agents/index.js';
import { wilsonInterval } from '../src/envs/locm/referee.js';
import { NeuralAgent, savePolicy } from '../src/envs/locm/agent/neural-agent.js';
import { LocmTrainer, resolveLocmTrainConfig, resolveStoredLocmTrainConfig, type LocmTrainConfig } from '../src/envs/locm/agent/train.js';
import { LEAGUE_PRESETS, ResultsMatrix, eloRatings, formatRatingsTable, type LeaguePreset } from '../src/league/index.js';
import { linePlot, seriesFromRuns, writeSvg, type Series } from '../src/plot/index.js';
import { Run, type MetricRecord } from '../src/runs/run.js';

class AblationError extends Error {
  override name = 'AblationError';
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  if (i + 1 >= process.argv.length || process.argv[i + 1].startsWith('--')) throw new AblationError(`--${name} needs a value`);
  return process.argv[i + 1];
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
function positive(name: string, fallback: string, integer = false): number {
  const v = Number(arg(name, fallback));
  if (!(v > 0 && (!integer || Number.isInteger(v)))) throw new AblationError(`--${name} must be a positive ${integer ? 'whole ' : ''}number, got ${arg(name, fallback)}`);
  return v;
}

const version = arg('version', '1.5') as Version;
if (version !== '1.5' && version !== '1.2') throw new AblationError(`--version must be 1.5 or 1.2, got ${version}`);
const minutes = positive('minutes', '10');
const seeds = arg('seeds', '1').split(',').map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n)) throw new AblationError(`--seeds takes whole numbers separated by commas, got ${arg('seeds', '1')}`);
  return n;
});
const outRoot = arg('out', join('.bench-out', 'locm-ablation', version));
const evalEveryMinutes = positive('eval-every', '2');
const evalGames = positive('eval-games', '50', true);
const finalGames = positive('final-games', '200', true);
const clock = arg('clock', 'cpu');
if (clock !== 'cpu' && clock !== 'wall') throw new AblationError(`--clock must be cpu or wall, got ${clock}`);
const small = flag('small');
const docs = flag('docs');
if (evalGames % 2 || finalGames % 2) throw new AblationError('--eval-games and --final-games must be even (each seed is played from both seats)');

/** Trainer overrides from --config (a JSON object of LocmTrainConfig settings), then --small's tiny widths. */
function overrides(): Partial<Omit<LocmTrainConfig, 'version'>> {
  const path = arg('config', '');
  let o: Partial<Omit<LocmTrainConfig, 'version'>> = {};
  if (path !== '') {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new AblationError(`--config ${path}: ${(e as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new AblationError(`--config ${path} must hold a JSON object of trainer settings`);
    o = value as Partial<Omit<LocmTrainConfig, 'version'>>;
    for (const k of ['seed', 'league', 'evalGames'] as const) if (k in o) throw new AblationError(`--config ${path}: '${k}' is set by the ablation (use --seeds, the presets, --eval-games)`);
  }
  const init = arg('init', ''), actors = arg('actors', '');
  if (init !== '') {
    if (!existsSync(init)) throw new AblationError(`--init ${init}: no such policy file`);
    o = { ...o, initPolicy: init };
  }
  if (actors !== '') {
    if (!(Number.isInteger(Number(actors)) && Number(actors) >= 0)) throw new AblationError(`--actors must be a whole number of threads (0: the learner's thread), got ${actors}`);
    o = { ...o, actors: Number(actors) };
  }
  // --small: a smoke-test scale (tiny widths, short league periods) that still admits league members in seconds.
  if (small) o = { policy: { cardHidden: 16, cardDim: 8, creatureDim: 8, playerDim: 8, trunk: [32], lstm: 16, buildHidden: 16 }, gamesPerIteration: 4, periodIterations: 3, ...o };
  return o;
}

const now = clock === 'cpu'
  ? (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; }
  : (): number => performance.now() / 1000;
const budget = minutes * 60, evalEvery = evalEveryMinutes * 60;
const figDir = docs ? join('docs', 'figures') : outRoot;
const COLORS: Record<LeaguePreset, string> = { selfPlay: '#e15759', uniformFsp: '#4e79a7', osfp: '#59a14f' };
const t0 = performance.now();

interface Trained {
  name: string;
  preset: LeaguePreset;
  seed: number;
  agent: NeuralAgent;
  games: number;
  iterations: number;
  leagueSize: number;
  trainSeconds: number;
  /** Greedy evaluations: trainer seconds and win rate per opponent. */
  evals: MetricRecord[];
}

/** Opens the run folder, or creates it; refuses one made with another configuration or clock. */
function openRun(name: string, seed: number, config: LocmTrainConfig): Run {
  if (!existsSync(join(outRoot, name, 'config.json'))) {
    return Run.create(outRoot, { name, algo: 'locm', env: `LOCM-${version}`, seed, config: { bench: 'locm-ablation', clock, resolved: config } });
  }
  const run = Run.open(join(outRoot, name));
  const stored = run.info.config as { clock?: string; resolved?: unknown };
  const was = resolveStoredLocmTrainConfig(stored.resolved) as unknown as Record<string, unknown>;
  const wanted = config as unknown as Record<string, unknown>;
  // The number of actor threads does not change a run (train.ts), so it may differ on resume.
  const differ = Object.keys(wanted).filter((k) => k !== 'actors' && JSON.stringify(wanted[k]) !== JSON.stringify(was[k]));
  if (stored.clock !== clock) differ.push('clock');
  if (differ.length > 0) throw new AblationError(`${run.dir} was trained with other settings (${differ.join(', ')}); pass the same flags, another --out, or delete the folder`);
  return run;
}

const lastNumber = (records: readonly MetricRecord[], key: string): number => {
  for (let i = records.length - 1; i >= 0; i--) if (typeof records[i][key] === 'number') return records[i][key] as number;
  return 0;
};
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Trains (or resumes, or skips) one preset × seed until `budget` trainer seconds have been spent. */
function trainOne(preset: LeaguePreset, seed: number): Trained {
  const name = `${preset}-s${seed}`;
  const config = resolveLocmTrainConfig(version, { ...overrides(), seed, league: preset, evalGames });
  const run = openRun(name, seed, config);
  const trainer = LocmTrainer.open(config, run);
  // Without a checkpoint the trainer starts afresh: drop whatever a killed first attempt logged.
  if (trainer.games === 0) run.truncateMetricsAfter(-1);
  let spent = lastNumber(run.readMetrics(), 'trainSeconds');
  const evaluate = (): void => {
    const ev = trainer.evaluate(evalGames);
    run.logMetrics({ step: trainer.games, trainSeconds: spent, ...Object.fromEntries(Object.entries(ev).map(([k, v]) => [`eval/${k}`, v])) });
    console.log(`  ${name} ${(spent / 60).toFixed(2)} min, ${trainer.games} games, league ${trainer.league.size}: ${Object.entries(ev).map(([k, v]) => `${k} ${pct(v)}`).join(', ')}`);
  };
  if (spent >= budget) console.log(`  ${name}: finished (${(spent / 60).toFixed(2)} trainer min, ${trainer.games} games), skipped`);
  else {
    console.log(`  ${name}: ${spent > 0 ? `resuming at ${(spent / 60).toFixed(2)} trainer min, ${trainer.games} games` : 'starting'} (${run.dir})`);
    if (trainer.games === 0) evaluate();
    let nextEval = (Math.floor(spent / evalEvery) + 1) * evalEvery, dt = 0, inFlight = false;
    try {
      while (spent < budget || inFlight) {
        // The next iteration's games are played ahead (by the actors, while the learner learns) except
        // into an evaluation, a checkpoint or the end of the budget: a checkpoint holds no games in
        // flight, and games played during an evaluation would be training the budget does not count.
        const ahead = spent + 2 * dt < Math.min(nextEval, budget) && (trainer.iteration + 1) % config.checkpointEvery !== 0;
        const a = now();
        const s = trainer.iterate(ahead);
        dt = now() - a;
        spent += dt;
        inFlight = ahead;
        run.logMetrics({
          step: s.games, trainSeconds: spent, iteration: s.iteration, policyLoss: s.policyLoss, valueLoss: s.valueLoss, entropy: s.entropy, clipFrac: s.clipFrac,
          trainWinRate: Number.isNaN(s.trainWinRate) ? null : s.trainWinRate, decisions: s.decisions, actSeconds: s.actSeconds, learnSeconds: s.learnSeconds, leagueSize: trainer.league.size,
        });
        if (inFlight) continue;
        const due = spent >= nextEval || spent >= budget;
        if (due) {
          evaluate();
          nextEval = (Math.floor(spent / evalEvery) + 1) * evalEvery;
        }
        if (due || s.iteration % config.checkpointEvery === 0) run.saveCheckpoint(trainer.checkpoint());
      }
    } finally {
      trainer.close();
    }
  }
  savePolicy(join(run.dir, 'policy.safetensors'), trainer.policy);
  return {
    name: seeds.length > 1 ? name : preset, preset, seed, agent: new NeuralAgent(trainer.policy, { greedy: true, name }),
    games: trainer.games, iterations: trainer.iteration, leagueSize: trainer.league.size, trainSeconds: spent,
    evals: run.readMetrics().filter((m) => Object.keys(m).some((k) => k.startsWith('eval/'))),
  };
}

console.log(`LOCM ${version} league ablation: ${LEAGUE_PRESETS.join(', ')} × seeds ${seeds.join(',')}, ${minutes} trainer min each (${clock} clock)` +
  `${small ? ', --small widths' : ''}; evaluations: ${evalGames} games per opponent every ${evalEveryMinutes} min`);
const trained: Trained[] = [];
for (const preset of LEAGUE_PRESETS) for (const seed of seeds) trained.push(trainOne(preset, seed));
const baselines = resolveLocmTrainConfig(version, overrides()).evalOpponents;

// Learning curves: win rate against trainer minutes, one figure per baseline, one series per preset
// (a single seed: its evaluations as they fell; several: interpolated onto the evaluation grid, mean ± std).
const grid: number[] = [];
for (let s = 0; s < budget; s += evalEvery) grid.push(s);
grid.push(budget);
function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (x <= xs[0]) return ys[0];
  for (let k = 1; k < xs.length; k++) if (x <= xs[k]) return ys[k - 1] + ((ys[k] - ys[k - 1]) * (x - xs[k - 1])) / (xs[k] - xs[k - 1]);
  return ys[ys.length - 1];
}
const figurePaths: string[] = [];
for (const opp of baselines) {
  const series: Series[] = LEAGUE_PRESETS.map((preset) => {
    const curves = trained.filter((t) => t.preset === preset).map((t) => ({
      x: t.evals.map((m) => (m.trainSeconds as number)), y: t.evals.map((m) => 100 * (m[`eval/${opp}`] as number)),
    }));
    if (curves.length === 1) return { name: preset, x: curves[0].x.map((s) => s / 60), y: curves[0].y, color: COLORS[preset] };
    return { ...seriesFromRuns(preset, grid.map((s) => s / 60), curves.map((c) => grid.map((s) => interpolate(c.x, c.y, s)))), color: COLORS[preset] };
  });
  const path = join(figDir, `locm-ablation-${version}-${opp}.svg`);
  writeSvg(path, linePlot(series, {
    title: `LOCM ${version} league ablation: win rate against ${opp} (argmax play)`,
    xLabel: `trainer minutes (${clock === 'cpu' ? 'process CPU time' : 'wall time'})${seeds.length > 1 ? `; mean ± std over ${seeds.length} seeds` : ''}`,
    yLabel: `win rate (%), ${evalGames} games per point`, yRange: [0, 100], xRange: [0, Math.max(minutes, ...trained.map((t) => t.trainSeconds / 60))],
  }));
  figurePaths.push(path);
}

// Final evaluation and round robin: every pair of players (final policies, baselines) on the same
// seeds, both seat orders; policy-vs-baseline pairs are the final evaluation.
const players: [string, LocmAgent][] = [...trained.map((t): [string, LocmAgent] => [t.name, t.agent]), ...baselines.map((b): [string, LocmAgent] => [b, makeAgent(b)])];
const results = new ResultsMatrix(players.map(([n]) => n));
const runner = new LocmRunner(version);
const FINAL_SEED = 0x10c8;
console.log(`\nFinal round robin: ${finalGames} games per pair, both seat orders`);
for (let i = 0; i < players.length; i++) for (let j = i + 1; j < players.length; j++) {
  const a = players[i][1], b = players[j][1];
  let wins = 0;
  for (let k = 0; k < finalGames; k++) {
    const seat = k & 1;
    if (runner.play(deriveSeed(FINAL_SEED, 'final', k >> 1), seat === 0 ? [a, b] : [b, a]).winner === seat) wins++;
  }
  results.add(i, j, wins, finalGames);
}
// One virtual draw per pair keeps the ratings finite when a player wins or loses every game.
const anchor = baselines.includes('random') ? 'random' : baselines[0];
const elo = eloRatings(results, { anchor, priorDraws: 1 });
const figures: Record<string, number> = {};
const round = (v: number): number => Math.round(v * 1e4) / 1e4;
const ci = (name: string, opp: string): string => {
  const w = results.score(name, opp), [lo, hi] = wilsonInterval(w, finalGames);
  return `${pct(w / finalGames)} [${(100 * lo).toFixed(1)}, ${(100 * hi).toFixed(1)}]`;
};
const header = `| preset | trainer min | games | league | ${baselines.map((b) => `vs ${b}`).join(' | ')} | Elo |`;
const rows = trained.map((t) => {
  const i = results.names.indexOf(t.name);
  figures[`${t.name}_elo`] = Math.round(elo[i]);
  figures[`${t.name}_games`] = t.games;
  figures[`${t.name}_train_minutes`] = round(t.trainSeconds / 60);
  for (const b of baselines) figures[`${t.name}_vs_${b}`] = round(results.winRate(t.name, b));
  return `| ${t.name} | ${(t.trainSeconds / 60).toFixed(2)} | ${t.games} | ${t.leagueSize} | ${baselines.map((b) => ci(t.name, b)).join(' | ')} | ${Math.round(elo[i])} |`;
});
// Several seeds: one more row per preset, its seeds' games pooled (Wilson over seeds × games) and its mean Elo.
if (seeds.length > 1) {
  for (const preset of LEAGUE_PRESETS) {
    const runs = trained.filter((t) => t.preset === preset), n = runs.length * finalGames;
    const meanOf = (f: (t: Trained) => number): number => runs.reduce((a, t) => a + f(t), 0) / runs.length;
    const eloMean = meanOf((t) => elo[results.names.indexOf(t.name)]);
    figures[`${preset}_elo_mean`] = Math.round(eloMean);
    const cells = baselines.map((b) => {
      const w = runs.reduce((a, t) => a + results.score(t.name, b), 0), [lo, hi] = wilsonInterval(w, n);
      figures[`${preset}_vs_${b}`] = round(w / n);
      return `${pct(w / n)} [${(100 * lo).toFixed(1)}, ${(100 * hi).toFixed(1)}]`;
    });
    rows.push(`| **${preset}** (${runs.length} seeds) | ${(meanOf((t) => t.trainSeconds) / 60).toFixed(2)} | ${Math.round(meanOf((t) => t.games))} | ${Math.round(meanOf((t) => t.leagueSize))} | ${cells.join(' | ')} | ${Math.round(eloMean)} |`);
  }
}
const table = [header, `|${'---|'.repeat(5 + baselines.length)}`, ...rows].join('\n');
const matrix = [
  `| | ${results.names.join(' | ')} | Elo |`, `|${'---|'.repeat(results.size + 2)}`,
  ...results.names.map((r, i) => `| ${r} | ${results.names.map((c, j) => (i === j ? '—' : pct(results.winRate(i, j)))).join(' | ')} | ${Math.round(elo[i])} |`),
].join('\n');
console.log(`\nFinal win rates, argmax play (${finalGames} games per baseline, 95% Wilson intervals) and Elo (anchor ${anchor} = 0, one virtual draw per pair):`);
console.log(table);
console.log(`\nWin rates (%, row against column) and Elo:\n${formatRatingsTable(results, elo)}`);
for (const b of baselines) figures[`${b}_elo`] = Math.round(elo[results.names.indexOf(b)]);

const snippet = `<!-- written by bench/locm-ablation.ts: LOCM ${version}, ${minutes} trainer min per run (${clock} clock), seeds ${seeds.join(',')}${small ? ', --small widths' : ''}${docs ? '; image links relative to docs/' : ''} -->
Final win rates, argmax play (${finalGames} games per baseline, both seat orders, 95% Wilson intervals) and Elo (anchor ${anchor} = 0):

${table}

Round robin (win rate of the row player against the column player, ${finalGames} games per pair):

${matrix}

${figurePaths.map((p) => `![${p.replace(/^.*locm-ablation-/, '').replace('.svg', '')}](${docs ? `figures/${p.split('/').pop()}` : p})`).join('\n')}
`;
mkdirSync(figDir, { recursive: true });
const snippetPath = join(figDir, `locm-ablation-${version}.md`);
writeFileSync(snippetPath, snippet);
figures.seconds = Math.round((performance.now() - t0) / 100) / 10;
console.log(`\nfigures: ${figurePaths.join(', ')}; table: ${snippetPath} (${figures.seconds} s)`);
const targets = {
  equal_time: `every run stops within one iteration past ${minutes} trainer min`,
  osfp_elo: 'highest of the three presets at equal time (issue #8 hypothesis: ByteRL trained with OSFP)',
  osfp_vs_greedy: 'above self-play and uniform FSP',
};
console.log(JSON.stringify({ bench: 'locm-ablation', figures, targets }));
