// Dependency-free SVG line plots for all of Ludus: learning curves, exploitability against
// iterations. Several named series, optional shaded bands (mean ± std across seeds), linear or log
// axes with nice ticks, title, axis labels and a legend; the output is a standalone SVG string.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../core/atomic-file.js';
import { PlotError } from './errors.js';
import { formatTick, logTicks, niceTicks, type LinearTicks } from './ticks.js';

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** A shaded band around the line, e.g. mean ± std across seeds (same length as x). */
  band?: { lower: ArrayLike<number>; upper: ArrayLike<number> };
  /** Any SVG colour; defaults to the next colour of the palette. */
  color?: string;
  dashed?: boolean;
}

export type AxisScale = 'linear' | 'log';

export interface LinePlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Pixels (default 720 × 440). */
  width?: number;
  height?: number;
  xScale?: AxisScale;
  yScale?: AxisScale;
  /**
   * What a log axis does with values ≤ 0: 'error' (default) throws PlotError naming the series;
   * a positive number clamps such values up to it (e.g. 1e-6 for an exploitability that reached 0).
   * Band edges ≤ 0 on a log axis (a mean − std below zero) always run to the bottom of the plot.
   */
  logFloor?: 'error' | number;
  /** Fixed axis ranges instead of ranges fitted to the data. */
  xRange?: [number, number];
  yRange?: [number, number];
  /** Default true. */
  legend?: boolean;
}

/** Tableau 10, a palette that stays distinguishable for common colour-vision deficiencies. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

interface Axis {
  scale: AxisScale;
  ticks: LinearTicks;
  /** Data value → pixel. */
  toPixel(v: number): number;
}

function makeAxis(scale: AxisScale, lo: number, hi: number, fixed: boolean, p0: number, p1: number): Axis {
  const ticks = scale === 'log'
    ? (fixed ? { min: lo, max: hi, ticks: logTicks(lo, hi).ticks.filter((t) => t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) } : logTicks(lo, hi))
    : (fixed ? { min: lo, max: hi, ticks: niceTicks(lo, hi).ticks.filter((t) => t >= lo - 1e-12 && t <= hi + 1e-12) } : niceTicks(lo, hi));
  const f = scale === 'log' ? Math.log10 : (v: number) => v;
  const a = f(ticks.min);
  const b = f(ticks.max);
  return { scale, ticks, toPixel: (v) => p0 + ((f(v) - a) / (b - a)) * (p1 - p0) };
}

/** Renders the series as a standalone SVG document. */
export function linePlot(series: readonly Series[], options: LinePlotOptions = {}): string {
  if (series.length === 0) throw new PlotError('linePlot: give at least one series');
  const width = options.width ?? 720;
  const height = options.height ?? 440;
  if (!(width >= 200 && height >= 150)) throw new PlotError(`linePlot: the plot must be at least 200 × 150 pixels, got ${width} × ${height}`);
  const xScale = options.xScale ?? 'linear';
  const yScale = options.yScale ?? 'linear';
  const logFloor = options.logFloor ?? 'error';
  if (logFloor !== 'error' && !(logFloor > 0)) throw new PlotError(`linePlot: logFloor must be 'error' or a positive number, got ${logFloor}`);

  // Validate and gather the values each axis must show (non-finite values leave gaps).
  const prepared = series.map((s) => {
    const n = s.x.length;
    if (s.y.length !== n) throw new PlotError(`series '${s.name}': x has ${n} values but y has ${s.y.length}`);
    if (s.band && (s.band.lower.length !== n || s.band.upper.length !== n)) throw new PlotError(`series '${s.name}': the band must have ${n} lower and upper values`);
    const fix = (v: number, scale: AxisScale, axis: string): number => {
      if (scale !== 'log' || !Number.isFinite(v) || v > 0) return v;
      if (logFloor === 'error') {
        throw new PlotError(`series '${s.name}': ${axis} value ${v} cannot be shown on a log axis; pass logFloor (e.g. 1e-9) to clamp values ≤ 0, or use a linear axis`);
      }
      return logFloor;
    };
    const x = Array.from(s.x, (v) => fix(v, xScale, 'x'));
    const y = Array.from(s.y, (v) => fix(v, yScale, 'y'));
    const lower = s.band ? Array.from(s.band.lower) : null;
    const upper = s.band ? Array.from(s.band.upper) : null;
    return { s, x, y, lower, upper };
  });
  const range = (values: number[], fixed: [number, number] | undefined, label: string, scale: AxisScale): [number, number, boolean] => {
    if (fixed) {
      if (!(fixed[0] < fixed[1]) || (scale === 'log' && !(fixed[0] > 0))) throw new PlotError(`linePlot: ${label}Range [${fixed.join(', ')}] must be increasing (and positive on a log axis)`);
      return [fixed[0], fixed[1], true];
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (lo > hi) throw new PlotError(`linePlot: no finite ${label} values to plot`);
    return [lo, hi, false];
  };
  const [x0, x1, xFixed] = range(prepared.flatMap((p) => p.x), options.xRange, 'x', xScale);
  const bandValues = prepared.flatMap((p) => [...(p.lower ?? []), ...(p.upper ?? [])]).filter((v) => yScale === 'linear' || v > 0);
  const [y0, y1, yFixed] = range([...prepared.flatMap((p) => p.y), ...bandValues], options.yRange, 'y', yScale);

  const showLegend = options.legend ?? true;
  const legendWidth = showLegend ? 34 + 7 * Math.max(...series.map((s) => s.name.length)) : 0;
  const left = 72;
  const right = width - 20 - legendWidth;
  const top = options.title ? 40 : 16;
  const bottom = height - (options.xLabel ? 52 : 32);
  if (right - left < 80) throw new PlotError('linePlot: the series names leave no room for the plot; widen it or shorten the names');
  const xAxis = makeAxis(xScale, x0, x1, xFixed, left, right);
  const yAxis = makeAxis(yScale, y0, y1, yFixed, bottom, top);
  const X = (v: number): number => Math.min(right + 1, Math.max(left - 1, xAxis.toPixel(v)));
  const Y = (v: number): number => Math.min(bottom + 1, Math.max(top - 1, yAxis.toPixel(v)));
  const bandY = (v: number): number => (yScale === 'log' && v <= 0 ? bottom + 1 : Y(v));

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) out.push(`<text class="title" x="${num((left + right) / 2)}" y="24" text-anchor="middle" font-size="16" ${FONT}>${escapeXml(options.title)}</text>`);
  // Named by its geometry: SVGs inlined in one page share id space, and equal ids then mean equal rects.
  const clipId = `ludus-plot-area-${[left, top, right - left, bottom - top].map((v) => Math.round(v)).join('-')}`;
  out.push(`<defs><clipPath id="${clipId}"><rect x="${left}" y="${top}" width="${num(right - left)}" height="${num(bottom - top)}"/></clipPath></defs>`);

  out.push('<g class="grid" stroke="#e6e6e6" stroke-width="1">');
  for (const t of xAxis.ticks.ticks) out.push(`<line x1="${num(X(t))}" y1="${top}" x2="${num(X(t))}" y2="${bottom}"/>`);
  for (const t of yAxis.ticks.ticks) out.push(`<line x1="${left}" y1="${num(Y(t))}" x2="${num(right)}" y2="${num(Y(t))}"/>`);
  out.push('</g>');

  out.push(`<g class="axes" font-size="11" ${FONT} fill="#333333">`);
  out.push(`<rect x="${left}" y="${top}" width="${num(right - left)}" height="${num(bottom - top)}" fill="none" stroke="#888888"/>`);
  for (const t of xAxis.ticks.ticks) {
    out.push(`<line x1="${num(X(t))}" y1="${bottom}" x2="${num(X(t))}" y2="${bottom + 5}" stroke="#888888"/>`);
    out.push(`<text class="tick" x="${num(X(t))}" y="${bottom + 18}" text-anchor="middle">${formatTick(t)}</text>`);
  }
  for (const t of yAxis.ticks.ticks) {
    out.push(`<line x1="${left - 5}" y1="${num(Y(t))}" x2="${left}" y2="${num(Y(t))}" stroke="#888888"/>`);
    out.push(`<text class="tick" x="${left - 8}" y="${num(Y(t) + 4)}" text-anchor="end">${formatTick(t)}</text>`);
  }
  if (options.xLabel) out.push(`<text class="label" x="${num((left + right) / 2)}" y="${height - 14}" text-anchor="middle" font-size="13">${escapeXml(options.xLabel)}</text>`);
  if (options.yLabel) out.push(`<text class="label" transform="translate(18 ${num((top + bottom) / 2)}) rotate(-90)" text-anchor="middle" font-size="13">${escapeXml(options.yLabel)}</text>`);
  out.push('</g>');

  out.push(`<g class="series" clip-path="url(#${clipId})">`);
  prepared.forEach((p, i) => {
    const color = escapeXml(p.s.color ?? PALETTE[i % PALETTE.length]);
    const name = escapeXml(p.s.name);
    if (p.lower && p.upper) {
      for (const run of finiteRuns(p.x, p.lower, p.upper)) {
        const up = run.map((k) => `${num(X(p.x[k]))} ${num(bandY(p.upper![k]))}`);
        const down = run.slice().reverse().map((k) => `${num(X(p.x[k]))} ${num(bandY(p.lower![k]))}`);
        out.push(`<path class="band" data-series="${name}" d="M ${up.join(' L ')} L ${down.join(' L ')} Z" fill="${color}" fill-opacity="0.2" stroke="none"/>`);
      }
    }
    const d = finiteRuns(p.x, p.y).map((run) => `M ${run.map((k) => `${num(X(p.x[k]))} ${num(Y(p.y[k]))}`).join(' L ')}`).join(' ');
    const dash = p.s.dashed ? ' stroke-dasharray="6 4"' : '';
    if (d) out.push(`<path class="line" data-series="${name}" d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash} stroke-linejoin="round"/>`);
    else out.push(`<!-- series ${name.replace(/--/g, '- -')} has no finite points -->`);
  });
  out.push('</g>');

  if (showLegend) {
    out.push(`<g class="legend" font-size="12" ${FONT} fill="#333333">`);
    series.forEach((s, i) => {
      const y = top + 12 + i * 20;
      const color = escapeXml(s.color ?? PALETTE[i % PALETTE.length]);
      const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
      out.push(`<line x1="${num(right + 12)}" y1="${y}" x2="${num(right + 32)}" y2="${y}" stroke="${color}" stroke-width="2"${dash}/>`);
      out.push(`<text x="${num(right + 38)}" y="${y + 4}">${escapeXml(s.name)}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Index runs over which every given array is finite (gaps split a line). */
function finiteRuns(...arrays: number[][]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  for (let k = 0; k < arrays[0].length; k++) {
    if (arrays.every((a) => Number.isFinite(a[k]))) run.push(k);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** A series with a mean ± std band from several runs (e.g. seeds) sampled at the same x. */
export function seriesFromRuns(name: string, x: ArrayLike<number>, runs: readonly ArrayLike<number>[]): Series {
  if (runs.length === 0) throw new PlotError(`series '${name}': give at least one run`);
  const n = x.length;
  for (const r of runs) if (r.length !== n) throw new PlotError(`series '${name}': every run must have ${n} values, one per x`);
  const mean = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let m = 0;
    for (const r of runs) m += r[k];
    m /= runs.length;
    let v = 0;
    for (const r of runs) v += (r[k] - m) ** 2;
    const std = runs.length > 1 ? Math.sqrt(v / (runs.length - 1)) : 0;
    mean[k] = m;
    lower[k] = m - std;
    upper[k] = m + std;
  }
  return { name, x, y: mean, band: { lower, upper } };
}

/** Writes an SVG file atomically (temporary file + rename), creating its directory if needed. */
export function writeSvg(path: string, svg: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, svg);
}
