// `ludus runs`: a table of the runs in a folder with their progress and best returns.
import { Run, listRunNames } from '../../runs/run.js';
import type { Command } from '../command.js';

export interface RunSummary {
  name: string;
  algo: string;
  env: string;
  seed: number;
  steps: number;
  bestReturn: number | null;
  lastReturn: number | null;
}

export function summariseRuns(root: string): RunSummary[] {
  return listRunNames(root).map((name) => {
    const run = Run.open(name, root);
    const metrics = run.readMetrics();
    let best: number | null = null;
    let last: number | null = null;
    for (const m of metrics) {
      const r = m.episodeReturn ?? m.evalReturn;
      if (typeof r === 'number') {
        last = r;
        if (best === null || r > best) best = r;
      }
    }
    return {
      name, algo: run.info.algo, env: run.info.env, seed: run.info.seed,
      steps: metrics.length ? metrics[metrics.length - 1].step : 0, bestReturn: best, lastReturn: last,
    };
  });
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

export const runsCommand: Command = {
  name: 'runs',
  summary: 'Lists training runs with their steps and best returns.',
  positionals: [],
  options: { dir: { type: 'string', description: 'folder that holds the runs', default: 'runs' } },
  run({ options }) {
    const root = String(options.dir);
    const runs = summariseRuns(root);
    if (!runs.length) {
      console.log(`no runs in ${root}/ yet — start one with: ludus train ppo CartPole-v1`);
      return;
    }
    const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(1));
    console.log(formatTable([
      ['name', 'algo', 'env', 'seed', 'steps', 'best return', 'last return'],
      ...runs.map((r) => [r.name, r.algo, r.env, String(r.seed), String(r.steps), fmt(r.bestReturn), fmt(r.lastReturn)]),
    ]));
  },
};
