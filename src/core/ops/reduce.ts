// Reductions over axes (sum, mean, max, min, logsumexp), softmax and log-softmax, argmax.
// A reduction over a contiguous run of axes sees the tensor as [outer, len, inner] and reduces
// the middle; several runs are reduced one after another (every reduction here is associative).

import { Node, Tensor, empty, gradOf, run, scratchI32, ShapeError, fmt, type Shape } from '../tensor.js';
import { reshape } from './shape.js';

const enum R { Sum, Mean, Max, Min, Lse }

/** Normalises one axis (negative counts from the end). */
export function normAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) throw new ShapeError(`axis ${axis} is out of range for rank ${rank}`);
  return a;
}

class ReduceNode extends Node {
  /** For max/min: the winning position along the reduced axis, per output element. */
  arg: Int32Array | null;

  constructor(readonly kind: R, readonly x: Tensor, readonly y: Tensor, readonly outer: number, readonly len: number, readonly inner: number) {
    super([x], [y]);
    this.arg = kind === R.Max || kind === R.Min ? scratchI32(outer * inner) : null;
  }

  forward(): void {
    const x = this.x.data, y = this.y.data, { outer, len, inner, kind } = this;
    if (kind === R.Sum || kind === R.Mean) {
      const f = kind === R.Mean ? 1 / len : 1;
      if (inner === 1) {
        for (let o = 0; o < outer; o++) {
          let s = 0;
          for (let l = 0, k = o * len; l < len; l++, k++) s += x[k];
          y[o] = s * f;
        }
      } else {
        y.fill(0);
        for (let o = 0; o < outer; o++) {
          const yo = o * inner;
          for (let l = 0; l < len; l++) {
            const xo = (o * len + l) * inner;
            for (let i = 0; i < inner; i++) y[yo + i] += x[xo + i];
          }
          if (f !== 1) for (let i = 0; i < inner; i++) y[yo + i] *= f;
        }
      }
      return;
    }
    if (kind === R.Max || kind === R.Min) {
      const arg = this.arg as Int32Array, sign = kind === R.Max ? 1 : -1;
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          let base = o * len * inner + i, best = sign * x[base], bi = 0;
          for (let l = 1; l < len; l++) {
            base += inner;
            const v = sign * x[base];
            if (v > best || (best !== best)) { best = v; bi = l; } // NaN wins, so it propagates
          }
          y[o * inner + i] = sign * best;
          arg[o * inner + i] = bi;
        }
      }
      return;
    }
    // logsumexp with the max shift
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const b = o * len * inner + i;
        let m = -Infinity;
        for (let l = 0, k = b; l < len; l++, k += inner) if (x[k] > m) m = x[k];
        if (m === -Infinity) { y[o * inner + i] = -Infinity; continue; }
        let s = 0;
        for (let l = 0, k = b; l < len; l++, k += inner) s += Math.exp(x[k] - m);
        y[o * inner + i] = m + Math.log(s);
      }
    }
  }

  backward(): void {
    if (!this.x.requiresGrad) return;
    const gx = gradOf(this.x), g = this.y.grad as Float32Array, { outer, len, inner, kind } = this;
    if (kind === R.Sum || kind === R.Mean) {
      const f = kind === R.Mean ? 1 / len : 1;
      for (let o = 0; o < outer; o++) {
        for (let l = 0; l < len; l++) {
          const xo = (o * len + l) * inner, yo = o * inner;
          for (let i = 0; i < inner; i++) gx[xo + i] += g[yo + i] * f;
        }
      }
      return;
    }
    if (kind === R.Max || kind === R.Min) {
      const arg = this.arg as Int32Array;
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const j = o * inner + i;
          gx[(o * len + arg[j]) * inner + i] += g[j];
        }
      }
      return;
    }
    const x = this.x.data, y = this.y.data;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const j = o * inner + i, gj = g[j], yj = y[j];
        for (let l = 0, k = o * len * inner + i; l < len; l++, k += inner) gx[k] += gj * Math.exp(x[k] - yj);
      }
    }
  }
}

function reduce(kind: R, x: Tensor, axes: number | readonly number[] | undefined, keepDims: boolean): Tensor {
  const rank = x.shape.length;
  let ax: number[];
  if (axes === undefined) ax = Array.from({ length: rank }, (_, i) => i);
  else if (typeof axes === 'number') ax = [normAxis(axes, rank)];
  else ax = [...new Set(axes.map((a) => normAxis(a, rank)))].sort((p, q) => p - q);
  if (ax.length === 0) return reshape(x, x.shape);
  // Reduce contiguous runs of axes, last run first, keeping dimensions so indices stay valid.
  let t = x;
  let end = ax.length;
  while (end > 0) {
    let start = end - 1;
    while (start > 0 && ax[start - 1] === ax[start] - 1) start--;
    const a0 = ax[start], a1 = ax[end - 1] + 1;
    const sh = t.shape;
    let outer = 1, len = 1, inner = 1;
    for (let d = 0; d < a0; d++) outer *= sh[d];
    for (let d = a0; d < a1; d++) len *= sh[d];
    for (let d = a1; d < sh.length; d++) inner *= sh[d];
    if (len === 0) throw new ShapeError(`cannot reduce over an empty axis of shape ${fmt(sh)}`);
    const outShape = sh.slice();
    for (let d = a0; d < a1; d++) outShape[d] = 1;
    const y = empty(outShape);
    run(new ReduceNode(kind, t, y, outer, len, inner));
    t = y;
    end = start;
  }
  if (keepDims) return t;
  const finalShape: number[] = [];
  for (let d = 0, k = 0; d < rank; d++) {
    if (k < ax.length && ax[k] === d) k++;
    else finalShape.push(x.shape[d]);
  }
  return reshape(t, finalShape);
}

/** Sum over the given axes (all when omitted). */
export const sum = (x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor => reduce(R.Sum, x, axes, keepDims);
/** Mean over the given axes (all when omitted). */
export const mean = (x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor => reduce(R.Mean, x, axes, keepDims);
/** Maximum over the given axes; the gradient goes to the first maximal element. */
export const max = (x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor => reduce(R.Max, x, axes, keepDims);
/** Minimum over the given axes; the gradient goes to the first minimal element. */
export const min = (x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor => reduce(R.Min, x, axes, keepDims);
/** log Σ exp(x) over the given axes, computed with the max shift. */
export const logsumexp = (x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor => reduce(R.Lse, x, axes, keepDims);

// ---------------------------------------------------------------------------------------------
// Softmax and log-softmax along one axis.

class SoftmaxNode extends Node {
  constructor(readonly log: boolean, readonly x: Tensor, readonly y: Tensor, readonly outer: number, readonly len: number, readonly inner: number) {
    super([x], [y]);
  }

  forward(): void {
    const x = this.x.data, y = this.y.data, { outer, len, inner, log } = this;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const b = o * len * inner + i;
        let m = -Infinity;
        for (let l = 0, k = b; l < len; l++, k += inner) if (x[k] > m) m = x[k];
        let s = 0;
        if (log) {
          for (let l = 0, k = b; l < len; l++, k += inner) s += Math.exp(x[k] - m);
          const lse = m + Math.log(s);
          for (let l = 0, k = b; l < len; l++, k += inner) y[k] = x[k] - lse;
        } else {
          for (let l = 0, k = b; l < len; l++, k += inner) { const e = Math.exp(x[k] - m); y[k] = e; s += e; }
          const r = 1 / s;
          for (let l = 0, k = b; l < len; l++, k += inner) y[k] *= r;
        }
      }
    }
  }

  backward(): void {
    if (!this.x.requiresGrad) return;
    const gx = gradOf(this.x), g = this.y.grad as Float32Array, y = this.y.data, { outer, len, inner, log } = this;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const b = o * len * inner + i;
        let s = 0;
        if (log) {
          // d/dx log softmax: g − softmax · Σg
          for (let l = 0, k = b; l < len; l++, k += inner) s += g[k];
          for (let l = 0, k = b; l < len; l++, k += inner) gx[k] += g[k] - Math.exp(y[k]) * s;
        } else {
          // d/dx softmax: y · (g − Σ g·y)
          for (let l = 0, k = b; l < len; l++, k += inner) s += g[k] * y[k];
          for (let l = 0, k = b; l < len; l++, k += inner) gx[k] += y[k] * (g[k] - s);
        }
      }
    }
  }
}

function softmaxLike(log: boolean, x: Tensor, axis: number): Tensor {
  const sh: Shape = x.shape, a = normAxis(axis, sh.length);
  let outer = 1, inner = 1;
  for (let d = 0; d < a; d++) outer *= sh[d];
  for (let d = a + 1; d < sh.length; d++) inner *= sh[d];
  const y = empty(sh);
  run(new SoftmaxNode(log, x, y, outer, sh[a], inner));
  return y;
}

/** Softmax along `axis` (default: the last). */
export const softmax = (x: Tensor, axis = -1): Tensor => softmaxLike(false, x, axis);
/** Log-softmax along `axis` (default: the last), computed with the max shift. */
export const logSoftmax = (x: Tensor, axis = -1): Tensor => softmaxLike(true, x, axis);

/** Index of the largest value along `axis` (default: the last); first one on ties. Not differentiable. */
export function argmax(x: Tensor, axis = -1, out?: Int32Array): Int32Array {
  x.check('argmax');
  const sh = x.shape, a = normAxis(axis, sh.length), len = sh[a];
  let outer = 1, inner = 1;
  for (let d = 0; d < a; d++) outer *= sh[d];
  for (let d = a + 1; d < sh.length; d++) inner *= sh[d];
  const res = out ?? new Int32Array(outer * inner);
  if (res.length !== outer * inner) throw new ShapeError(`argmax: output has length ${res.length}, expected ${outer * inner}`);
  const xd = x.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let k = o * len * inner + i, best = xd[k], bi = 0;
      for (let l = 1; l < len; l++) {
        k += inner;
        if (xd[k] > best) { best = xd[k]; bi = l; }
      }
      res[o * inner + i] = bi;
    }
  }
  return res;
}
