// Plots of NashConv against iterations or solver time for solve() runs, for `ludus solve` and
// bench:games: log–log, one line per run, and the target as a dashed line.

import { linePlot, type Series } from '../../plot/index.js';
import { TabularError } from './errors.js';
import type { SolveResult } from './solve.js';

export interface NashConvPlotOptions {
  /** The x axis: iterations (default) or solver seconds (evaluation excluded). */
  against?: 'iterations' | 'seconds';
  /** Draws a dashed horizontal line at this NashConv. */
  target?: number;
  title?: string;
  /** Legend names; default each run's algorithm. */
  names?: readonly string[];
}

/** An SVG of the runs' NashConv curves (log–log; a NashConv of exactly 0 is drawn at 1e-12). */
export function nashConvPlot(results: readonly SolveResult[], options: NashConvPlotOptions = {}): string {
  if (results.length === 0) throw new TabularError('nashConvPlot: give at least one solve() result');
  const against = options.against ?? 'iterations';
  const xOf = (p: SolveResult['curve'][number]): number => (against === 'iterations' ? p.iteration : p.solverSeconds);
  const series: Series[] = results.map((r, i) => ({
    name: options.names?.[i] ?? r.algo,
    x: r.curve.map(xOf),
    y: r.curve.map((p) => p.nashConv),
  }));
  if (options.target !== undefined) {
    const xs = series.flatMap((s) => Array.from(s.x)).filter((v) => v > 0);
    series.push({ name: `target ${options.target}`, x: [Math.min(...xs), Math.max(...xs)], y: [options.target, options.target], color: '#888888', dashed: true });
  }
  const games = [...new Set(results.map((r) => r.game))].join(', ');
  return linePlot(series, {
    title: options.title ?? `${games}: NashConv of the average policy`,
    xLabel: against === 'iterations' ? 'iterations' : 'solver seconds',
    yLabel: 'NashConv',
    xScale: 'log',
    yScale: 'log',
    logFloor: 1e-12,
  });
}
