// League benchmark (issues #6 and #8): self-play, uniform fictitious self-play and OSFP compared by
// exact exploitability. Biased RPS with exact policy-gradient steps (ALGORITHMS.md §2.5, experiment
// 1, 10 seeds); Kuhn and Leduc poker with a tabular softmax policy trained by sampled policy gradient
// at equal episode budgets; an Elo table across Kuhn learners and baselines. Plots go to .bench-out/.

import { compileGame, Cfr, CFR_PLUS_DEFAULTS, PolicyEvaluator, TabularPolicy, type CompiledTree } from '../src/algos/tabular/index.js';
import { biasedRockPaperScissors } from '../src/envs/matrix/index.js';
import { KuhnPoker, LeducPoker } from '../src/envs/poker/index.js';
import { League, LEAGUE_PRESETS, presetConfig, ResultsMatrix, eloRatings, formatRatingsTable, type LeaguePreset } from '../src/league/index.js';
import { MATRIX_PG_DEFAULTS, runMatrixLeague, runTreeLeague, PoolAverage, type TreePgConfig, type TreePgResult } from '../src/league/experiments/index.js';
import { linePlot, seriesFromRuns, writeSvg, type Series } from '../src/plot/index.js';

const OUT = '.bench-out';
const COLORS: Record<LeaguePreset, string> = { selfPlay: '#e15759', uniformFsp: '#4e79a7', osfp: '#59a14f' };
const figures: Record<string, number> = {};
const t0 = performance.now();

const mean = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
const median = (x: readonly number[]): number => {
  const s = [...x].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stat = (x: readonly number[]): string => `${mean(x).toFixed(3)} (median ${median(x).toFixed(3)}, ${Math.min(...x).toFixed(2)}–${Math.max(...x).toFixed(2)})`;
const round = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Current (solid) and pool-average (dashed) curves per preset, mean ± std across seeds; the pool curve starts once it exists. */
function curves(x: readonly number[], runs: Record<LeaguePreset, { current: number[]; poolAverage: number[] }[]>): Series[] {
  const out: Series[] = [];
  for (const name of LEAGUE_PRESETS) {
    out.push({ ...seriesFromRuns(`${name} current`, x, runs[name].map((r) => r.current)), color: COLORS[name] });
    out.push({ ...seriesFromRuns(`${name} pool average`, x.slice(1), runs[name].map((r) => r.poolAverage.slice(1))), color: COLORS[name], dashed: true });
  }
  return out;
}

// 1. Biased RPS, §2.5 experiment 1: 60 periods × 200 exact PG steps of lr 0.05, 10 seeds.
const rps = biasedRockPaperScissors().spec.rowPayoff;
const rpsRuns = {} as Record<LeaguePreset, ReturnType<typeof runMatrixLeague>[]>;
console.log('Biased RPS, exact policy gradient, 10 seeds: exploitability max_b (Aπ)_b after 60 periods');
console.log(`${'preset'.padEnd(11)} ${'current policy'.padEnd(36)} ${'pool average'.padEnd(36)} admissions (threshold/forced)`);
for (const name of LEAGUE_PRESETS) {
  rpsRuns[name] = Array.from({ length: 10 }, (_, seed) => runMatrixLeague(rps, new League<Float64Array>(presetConfig(name), seed), MATRIX_PG_DEFAULTS, seed));
  const cur = rpsRuns[name].map((r) => r.current.at(-1) as number);
  const pool = rpsRuns[name].map((r) => r.poolAverage.at(-1) as number);
  const adm = rpsRuns[name].map((r) => r.admissions);
  console.log(`${name.padEnd(11)} ${stat(cur).padEnd(36)} ${stat(pool).padEnd(36)} ${mean(adm.map((a) => a.threshold)).toFixed(1)}/${mean(adm.map((a) => a.forced)).toFixed(1)}`);
  Object.assign(figures, {
    [`rps_${name}_current_mean`]: round(mean(cur)), [`rps_${name}_current_median`]: round(median(cur)),
    [`rps_${name}_pool_mean`]: round(mean(pool)), [`rps_${name}_pool_median`]: round(median(pool)),
  });
}
const periods = Array.from({ length: MATRIX_PG_DEFAULTS.periods + 1 }, (_, i) => i);
writeSvg(`${OUT}/league-rps.svg`, linePlot(curves(periods, rpsRuns), {
  title: 'Biased RPS: exploitability (mean ± std, 10 seeds)', xLabel: 'learning period (200 exact PG steps each)', yLabel: 'exploitability max_b (Aπ)_b',
}));

// 2. Kuhn and Leduc poker: tabular softmax policy, sampled policy gradient, equal episode budgets.
interface PokerSetup { name: string; tree: CompiledTree; config: TreePgConfig; seeds: number }
const setups: PokerSetup[] = [
  { name: 'kuhn', tree: compileGame(new KuhnPoker()), config: { episodesPerPeriod: 20_000, periods: 50, lr: 0.01, baselineRate: 0.01 }, seeds: 5 },
  { name: 'leduc', tree: compileGame(new LeducPoker()), config: { episodesPerPeriod: 50_000, periods: 40, lr: 0.01, baselineRate: 0.01 }, seeds: 3 },
];
const kuhnFinal = {} as Record<LeaguePreset, TreePgResult>;
let kuhnOsfpPool: Float64Array[] = [];
for (const { name: game, tree, config, seeds } of setups) {
  const episodes = config.episodesPerPeriod * config.periods;
  console.log(`\n${game} poker, tabular sampled policy gradient, ${episodes.toLocaleString('en-US')} episodes per run, ${seeds} seeds: final exact NashConv`);
  console.log(`${'preset'.padEnd(11)} ${'current learner'.padEnd(36)} ${'pool average'.padEnd(36)} admissions  episodes/s`);
  const runs = {} as Record<LeaguePreset, TreePgResult[]>;
  for (const name of LEAGUE_PRESETS) {
    runs[name] = Array.from({ length: seeds }, (_, seed) => {
      const league = new League<Float64Array>(presetConfig(name), seed);
      const result = runTreeLeague(tree, league, config, seed);
      if (game === 'kuhn' && seed === 0) {
        kuhnFinal[name] = result;
        if (name === 'osfp') kuhnOsfpPool = league.members.map((m) => m.snapshot);
      }
      return result;
    });
    const cur = runs[name].map((r) => r.current.at(-1) as number);
    const pool = runs[name].map((r) => r.poolAverage.at(-1) as number);
    const rate = episodes / mean(runs[name].map((r) => r.seconds.at(-1) as number));
    const adm = runs[name].map((r) => r.admissions);
    console.log(`${name.padEnd(11)} ${stat(cur).padEnd(36)} ${stat(pool).padEnd(36)} ${mean(adm.map((a) => a.threshold)).toFixed(1)}/${mean(adm.map((a) => a.forced)).toFixed(1)}`.padEnd(98) + `${Math.round(rate).toLocaleString('en-US')}`);
    Object.assign(figures, {
      [`${game}_${name}_current_mean`]: round(mean(cur)), [`${game}_${name}_pool_mean`]: round(mean(pool)),
      [`${game}_${name}_episodes_per_s`]: Math.round(rate),
    });
  }
  writeSvg(`${OUT}/league-${game}.svg`, linePlot(curves(runs.osfp[0].episodes, runs), {
    title: `${game === 'kuhn' ? 'Kuhn' : 'Leduc'} poker: NashConv against training episodes (mean ± std, ${seeds} seeds)`,
    xLabel: 'episodes played by the learner', yLabel: 'NashConv (exact)', yScale: 'log', logFloor: 1e-3,
  }));
}

// 3. Elo across Kuhn learners, OSFP pool members and baselines, from exact expected payoffs mapped
// linearly to a score in [0, 1] (½ + chips / (2·2), 2 chips being Kuhn's largest win), both seats averaged.
// (A hand-won rate would rank the equilibrium below the uniform policy: it wins less often, but more.)
const kuhn = setups[0].tree;
const evaluator = new PolicyEvaluator(kuhn);
const cfr = new Cfr(kuhn, CFR_PLUS_DEFAULTS);
for (let i = 0; i < 2000; i++) cfr.step();
const players: Array<[string, Float64Array]> = [
  ['uniform', TabularPolicy.uniform(kuhn.infosets).probs],
  ['always-pass', TabularPolicy.firstAction(kuhn.infosets).probs],
  ['cfr+', cfr.averagePolicy().probs],
  ...LEAGUE_PRESETS.map((name): [string, Float64Array] => [`${name}-final`, kuhnFinal[name].finalPolicy]),
];
const osfpAverage = new PoolAverage(kuhn);
kuhnOsfpPool.forEach((p, i) => { osfpAverage.add(p); if (i % 3 === 0) players.push([`osfp-m${i}`, p]); });
players.push(['osfp-pool-avg', osfpAverage.policy().probs]);
const results = new ResultsMatrix(players.map(([n]) => n));
const seat = (a: Float64Array, b: Float64Array): TabularPolicy => {
  const p = new TabularPolicy(kuhn.infosets, a.slice());
  for (let I = 0; I < kuhn.infosets.numInfosets; I++) {
    if (kuhn.infosets.player[I] === 1) for (let s = kuhn.infosets.offset[I]; s < kuhn.infosets.offset[I + 1]; s++) p.probs[s] = b[s];
  }
  return p;
};
for (let i = 0; i < players.length; i++) for (let j = i + 1; j < players.length; j++) {
  const a = players[i][1];
  const b = players[j][1];
  const chips = 0.5 * (evaluator.expectedValues(seat(a, b))[0] + evaluator.expectedValues(seat(b, a))[1]);
  const score = 0.5 + chips / 4;
  results.add(i, j, score, 1);
}
const elo = eloRatings(results, { anchor: 'uniform' });
console.log('\nKuhn: Elo (anchor: uniform = 0) and scores (%, row vs column: 50 + 25·expected chips per hand, seats averaged)');
console.log(formatRatingsTable(results, elo));
players.forEach(([n], i) => { if (!n.startsWith('osfp-m')) figures[`kuhn_elo_${n}`] = Math.round(elo[i]); });

figures.seconds = Math.round((performance.now() - t0) / 100) / 10;
console.log(`\nplots: ${OUT}/league-rps.svg, ${OUT}/league-kuhn.svg, ${OUT}/league-leduc.svg (${figures.seconds} s)`);
const targets = {
  rps_selfPlay_current: '0.56–0.70 (§2.5 prototype)',
  rps_osfp_current: '≈0.36 (§2.5 prototype)',
  rps_osfp_pool: '≈0.21 (§2.5 prototype)',
  rps_uniformFsp_current: '>1.1 (§2.5 prototype)',
  kuhn_osfp_vs_selfPlay_current: 'OSFP current below self-play current (§2.5 experiment 2, reconstructed expectation)',
};
console.log(JSON.stringify({ bench: 'league', figures, targets }));
