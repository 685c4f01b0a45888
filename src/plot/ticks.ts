// Axis scales and tick placement for the SVG plots: "nice" linear ticks (1, 2, 5 × 10^k steps,
// after Heckbert's Graphics Gems labelling) and decade ticks for log scales.

import { PlotError } from './errors.js';

function niceStep(rough: number): number {
  const exponent = Math.floor(Math.log10(rough));
  const fraction = rough / 10 ** exponent;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * 10 ** exponent;
}

/** Removes the round-off of k · step (e.g. 0.30000000000000004 → 0.3). */
function clean(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(Math.min(digits, 20)));
}

export interface LinearTicks {
  /** The axis range, widened to whole steps around the data. */
  min: number;
  max: number;
  ticks: number[];
}

/** About `target` evenly spaced round ticks covering [min, max]; a zero-width range is widened. */
export function niceTicks(min: number, max: number, target = 6): LinearTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new PlotError(`niceTicks: the range [${min}, ${max}] must be finite`);
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep((max - min) / Math.max(1, target - 1));
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let k = 0; lo + k * step <= hi + step * 1e-9; k++) ticks.push(clean(lo + k * step, step));
  return { min: clean(lo, step), max: clean(hi, step), ticks };
}

/** Decade ticks (1, 10, 100, …) for a log axis over [min, max] (both > 0), with 2 and 5 in between when the range is short. */
export function logTicks(min: number, max: number): LinearTicks {
  if (!(min > 0 && max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) {
    throw new PlotError(`logTicks: a log axis needs a positive finite range, got [${min}, ${max}]`);
  }
  if (min > max) [min, max] = [max, min];
  let lo = Math.floor(Math.log10(min) + 1e-9);
  let hi = Math.ceil(Math.log10(max) - 1e-9);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const decades = hi - lo;
  const every = Math.ceil(decades / 8);
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++) {
    if ((e - lo) % every !== 0 && e !== hi) continue;
    ticks.push(Number(`1e${e}`));
    if (decades <= 2 && e < hi) ticks.push(Number(`2e${e}`), Number(`5e${e}`));
  }
  return { min: Number(`1e${lo}`), max: Number(`1e${hi}`), ticks };
}

/** A short label: plain decimals for ordinary magnitudes, 1e-4 style otherwise. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const a = Math.abs(value);
  if (a >= 1e5 || a < 1e-3) {
    const [mantissa, exponent] = value.toExponential().split('e');
    const m = Number(Number(mantissa).toPrecision(3));
    return `${m}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(6)));
}
