// Elementwise primitives: unary maps, binary ops with NumPy broadcasting, and selection by mask.
// Broadcast binary ops walk the output as rows of the innermost (collapsed) dimension with a
// stride per operand (0 where it is broadcast), so the same short loop serves equal shapes,
// bias rows, scalars and general broadcasting; backward uses the same walk, and a stride of 0
// makes the gradient of a broadcast operand sum over the repeated positions.

import { Node, Tensor, empty, gradOf, passGrad, run, ShapeError, fmt, type Shape } from '../tensor.js';
import { kernels } from '../kernels/index.js';
import { lgamma as lgammaF, digamma as digammaF, trigamma as trigammaF } from './special.js';

// ---------------------------------------------------------------------------------------------
// Unary maps.

const enum U {
  Neg, Exp, Log, Sqrt, Tanh, Sigmoid, Relu, LeakyRelu, Gelu, Softplus, LogSigmoid, Abs, Square,
  Pow, Scale, AddS, RSub, RDiv, Clamp, Lgamma, Digamma, Sin, Cos,
}

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_K = 0.044715;

// tanh as a rational function (the odd 13/6 minimax fit used by Eigen and XLA for float32):
// at most ~2 float32 ulps from Math.tanh, and ten times faster than it in V8. The tanh op itself
// uses the kernel set's tanh; this one serves GELU.
const TANH_CLAMP = 7.90531110763549805;
const TA1 = 4.89352455891786e-3, TA3 = 6.37261928875436e-4, TA5 = 1.48572235717979e-5, TA7 = 5.12229709037114e-8;
const TA9 = -8.60467152213735e-11, TA11 = 2.00018790482477e-13, TA13 = -2.76076847742355e-16;
const TB0 = 4.89352518554385e-3, TB2 = 2.268434632439e-3, TB4 = 1.18534705686654e-4, TB6 = 1.19825839466702e-6;

/** Fast float32-accurate tanh. */
function tanhF(v: number): number {
  const x = v > TANH_CLAMP ? TANH_CLAMP : v < -TANH_CLAMP ? -TANH_CLAMP : v;
  const x2 = x * x;
  const p = x * (TA1 + x2 * (TA3 + x2 * (TA5 + x2 * (TA7 + x2 * (TA9 + x2 * (TA11 + x2 * TA13))))));
  const q = TB0 + x2 * (TB2 + x2 * (TB4 + x2 * TB6));
  return p / q;
}

function sigmoidF(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function softplusF(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

class UnaryNode extends Node {
  constructor(readonly kind: U, readonly x: Tensor, readonly y: Tensor, readonly p0: number, readonly p1: number) {
    super([x], [y]);
  }

  forward(): void {
    const x = this.x.data, y = this.y.data, n = y.length, p0 = this.p0, p1 = this.p1;
    switch (this.kind) {
      case U.Neg: for (let i = 0; i < n; i++) y[i] = -x[i]; break;
      case U.Exp: for (let i = 0; i < n; i++) y[i] = Math.exp(x[i]); break;
      case U.Log: for (let i = 0; i < n; i++) y[i] = Math.log(x[i]); break;
      case U.Sqrt: for (let i = 0; i < n; i++) y[i] = Math.sqrt(x[i]); break;
      case U.Tanh: kernels().tanh(x, 0, y, 0, n); break;
      case U.Sigmoid: for (let i = 0; i < n; i++) y[i] = sigmoidF(x[i]); break;
      case U.Relu: for (let i = 0; i < n; i++) { const v = x[i]; y[i] = (v + Math.abs(v)) * 0.5; } break; // branch-free
      case U.LeakyRelu: for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v > 0 ? v : p0 * v; } break;
      case U.Gelu:
        for (let i = 0; i < n; i++) {
          const v = x[i];
          y[i] = 0.5 * v * (1 + tanhF(GELU_C * (v + GELU_K * v * v * v)));
        }
        break;
      case U.Softplus: for (let i = 0; i < n; i++) y[i] = softplusF(x[i]); break;
      case U.LogSigmoid: for (let i = 0; i < n; i++) y[i] = -softplusF(-x[i]); break;
      case U.Abs: for (let i = 0; i < n; i++) y[i] = Math.abs(x[i]); break;
      case U.Square: for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v * v; } break;
      case U.Pow: for (let i = 0; i < n; i++) y[i] = Math.pow(x[i], p0); break;
      case U.Scale: for (let i = 0; i < n; i++) y[i] = p0 * x[i]; break;
      case U.AddS: for (let i = 0; i < n; i++) y[i] = x[i] + p0; break;
      case U.RSub: for (let i = 0; i < n; i++) y[i] = p0 - x[i]; break;
      case U.RDiv: for (let i = 0; i < n; i++) y[i] = p0 / x[i]; break;
      case U.Clamp: for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v < p0 ? p0 : v > p1 ? p1 : v; } break;
      case U.Lgamma: for (let i = 0; i < n; i++) y[i] = lgammaF(x[i]); break;
      case U.Digamma: for (let i = 0; i < n; i++) y[i] = digammaF(x[i]); break;
      case U.Sin: for (let i = 0; i < n; i++) y[i] = Math.sin(x[i]); break;
      case U.Cos: for (let i = 0; i < n; i++) y[i] = Math.cos(x[i]); break;
    }
  }

  backward(): void {
    if (!this.x.requiresGrad) return;
    if (this.kind === U.AddS) { passGrad(this.x, this.y); return; }
    const g = this.y.grad as Float32Array, gx = gradOf(this.x);
    const x = this.x.data, y = this.y.data, n = y.length, p0 = this.p0, p1 = this.p1;
    switch (this.kind) {
      case U.Neg: for (let i = 0; i < n; i++) gx[i] -= g[i]; break;
      case U.Exp: for (let i = 0; i < n; i++) gx[i] += g[i] * y[i]; break;
      case U.Log: for (let i = 0; i < n; i++) gx[i] += g[i] / x[i]; break;
      case U.Sqrt: for (let i = 0; i < n; i++) gx[i] += (0.5 * g[i]) / y[i]; break;
      case U.Tanh: for (let i = 0; i < n; i++) { const t = y[i]; gx[i] += g[i] * (1 - t * t); } break;
      case U.Sigmoid: for (let i = 0; i < n; i++) { const s = y[i]; gx[i] += g[i] * s * (1 - s); } break;
      case U.Relu: for (let i = 0; i < n; i++) if (x[i] > 0) gx[i] += g[i]; break;
      case U.LeakyRelu: for (let i = 0; i < n; i++) gx[i] += x[i] > 0 ? g[i] : p0 * g[i]; break;
      case U.Gelu:
        for (let i = 0; i < n; i++) {
          const v = x[i], t = tanhF(GELU_C * (v + GELU_K * v * v * v));
          gx[i] += g[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * v * v));
        }
        break;
      case U.Softplus: for (let i = 0; i < n; i++) gx[i] += g[i] * sigmoidF(x[i]); break;
      case U.LogSigmoid: for (let i = 0; i < n; i++) gx[i] += g[i] * sigmoidF(-x[i]); break;
      case U.Abs: for (let i = 0; i < n; i++) { const v = x[i]; gx[i] += v > 0 ? g[i] : v < 0 ? -g[i] : 0; } break;
      case U.Square: for (let i = 0; i < n; i++) gx[i] += 2 * x[i] * g[i]; break;
      case U.Pow: for (let i = 0; i < n; i++) gx[i] += g[i] * p0 * Math.pow(x[i], p0 - 1); break;
      case U.Scale: for (let i = 0; i < n; i++) gx[i] += p0 * g[i]; break;
      case U.RSub: for (let i = 0; i < n; i++) gx[i] -= g[i]; break;
      case U.RDiv: for (let i = 0; i < n; i++) gx[i] -= (g[i] * y[i]) / x[i]; break;
      case U.Clamp: for (let i = 0; i < n; i++) { const v = x[i]; if (v >= p0 && v <= p1) gx[i] += g[i]; } break;
      case U.Lgamma: for (let i = 0; i < n; i++) gx[i] += g[i] * digammaF(x[i]); break;
      case U.Digamma: for (let i = 0; i < n; i++) gx[i] += g[i] * trigammaF(x[i]); break;
      case U.Sin: for (let i = 0; i < n; i++) gx[i] += g[i] * Math.cos(x[i]); break;
      case U.Cos: for (let i = 0; i < n; i++) gx[i] -= g[i] * Math.sin(x[i]); break;
    }
  }
}

function unary(kind: U, x: Tensor, p0 = 0, p1 = 0): Tensor {
  const y = empty(x.shape);
  run(new UnaryNode(kind, x, y, p0, p1));
  return y;
}

export const neg = (x: Tensor): Tensor => unary(U.Neg, x);
export const exp = (x: Tensor): Tensor => unary(U.Exp, x);
export const log = (x: Tensor): Tensor => unary(U.Log, x);
export const sqrt = (x: Tensor): Tensor => unary(U.Sqrt, x);
export const tanh = (x: Tensor): Tensor => unary(U.Tanh, x);
export const sigmoid = (x: Tensor): Tensor => unary(U.Sigmoid, x);
export const relu = (x: Tensor): Tensor => unary(U.Relu, x);
/** max(x, slope·x) for slope < 1. */
export const leakyRelu = (x: Tensor, slope = 0.01): Tensor => unary(U.LeakyRelu, x, slope);
/** GELU, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export const gelu = (x: Tensor): Tensor => unary(U.Gelu, x);
/** log(1 + eˣ), computed stably. */
export const softplus = (x: Tensor): Tensor => unary(U.Softplus, x);
/** log σ(x) = −softplus(−x), computed stably. */
export const logSigmoid = (x: Tensor): Tensor => unary(U.LogSigmoid, x);
export const abs = (x: Tensor): Tensor => unary(U.Abs, x);
export const square = (x: Tensor): Tensor => unary(U.Square, x);
/** x^p for a constant exponent p. */
export const pow = (x: Tensor, p: number): Tensor => unary(U.Pow, x, p);
/** k·x for a constant k. */
export const scale = (x: Tensor, k: number): Tensor => unary(U.Scale, x, k);
/** Limits x to [lo, hi]; the gradient passes where lo ≤ x ≤ hi. */
export const clamp = (x: Tensor, lo: number, hi: number): Tensor => unary(U.Clamp, x, lo, hi);
/** log Γ(x) (gradient: digamma). */
export const lgamma = (x: Tensor): Tensor => unary(U.Lgamma, x);
/** ψ(x) = d/dx log Γ(x) (gradient: trigamma). */
export const digamma = (x: Tensor): Tensor => unary(U.Digamma, x);
export const sin = (x: Tensor): Tensor => unary(U.Sin, x);
export const cos = (x: Tensor): Tensor => unary(U.Cos, x);

// ---------------------------------------------------------------------------------------------
// Broadcasting binary ops.

const enum B { Add, Sub, Mul, Div, Max, Min }

/** How two shapes broadcast: the output shape, and collapsed loop dimensions with per-operand strides. */
export interface Broadcast {
  readonly shape: number[];
  readonly dims: number[];
  readonly sa: number[];
  readonly sb: number[];
}

/** NumPy broadcasting of two shapes (right-aligned; a dimension of 1 stretches). */
export function broadcastShapes(a: Shape, b: Shape): Broadcast {
  if (a.length === b.length) {
    let same = true;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { same = false; break; }
    if (same) {
      let n = 1;
      for (let i = 0; i < a.length; i++) n *= a[i];
      return { shape: a.slice(), dims: [n], sa: [1], sb: [1] };
    }
  }
  const r = Math.max(a.length, b.length);
  const shape = new Array<number>(r);
  const sa = new Array<number>(r), sb = new Array<number>(r);
  let stA = 1, stB = 1;
  for (let d = r - 1; d >= 0; d--) {
    const da = d - (r - a.length) >= 0 ? a[d - (r - a.length)] : 1;
    const db = d - (r - b.length) >= 0 ? b[d - (r - b.length)] : 1;
    if (da !== db && da !== 1 && db !== 1) throw new ShapeError(`shapes ${fmt(a)} and ${fmt(b)} do not broadcast`);
    const n = da === 1 ? db : da;
    shape[d] = n;
    sa[d] = da === 1 ? 0 : stA;
    sb[d] = db === 1 ? 0 : stB;
    stA *= da;
    stB *= db;
  }
  // Collapse: drop unit dimensions, merge neighbours that are contiguous for both operands.
  const dims: number[] = [], ca: number[] = [], cb: number[] = [];
  for (let d = 0; d < r; d++) {
    if (shape[d] === 1) continue;
    const k = dims.length - 1;
    if (k >= 0 && ca[k] === sa[d] * shape[d] && cb[k] === sb[d] * shape[d]) {
      dims[k] *= shape[d];
      ca[k] = sa[d];
      cb[k] = sb[d];
    } else {
      dims.push(shape[d]);
      ca.push(sa[d]);
      cb.push(sb[d]);
    }
  }
  if (dims.length === 0) {
    dims.push(1);
    ca.push(0);
    cb.push(0);
  }
  return { shape, dims, sa: ca, sb: cb };
}

const odo = new Int32Array(64);

function binaryRow(kind: B, a: Float32Array, ia: number, sa: number, b: Float32Array, ib: number, sb: number, y: Float32Array, io: number, n: number): void {
  const end = io + n;
  switch (kind) {
    case B.Add:
      if (sa === 1 && sb === 1) for (let o = io; o < end; o++, ia++, ib++) y[o] = a[ia] + b[ib];
      else for (let o = io; o < end; o++, ia += sa, ib += sb) y[o] = a[ia] + b[ib];
      break;
    case B.Sub: for (let o = io; o < end; o++, ia += sa, ib += sb) y[o] = a[ia] - b[ib]; break;
    case B.Mul:
      if (sa === 1 && sb === 1) for (let o = io; o < end; o++, ia++, ib++) y[o] = a[ia] * b[ib];
      else for (let o = io; o < end; o++, ia += sa, ib += sb) y[o] = a[ia] * b[ib];
      break;
    case B.Div: for (let o = io; o < end; o++, ia += sa, ib += sb) y[o] = a[ia] / b[ib]; break;
    case B.Max: for (let o = io; o < end; o++, ia += sa, ib += sb) { const u = a[ia], v = b[ib]; y[o] = u >= v ? u : v; } break;
    case B.Min: for (let o = io; o < end; o++, ia += sa, ib += sb) { const u = a[ia], v = b[ib]; y[o] = u <= v ? u : v; } break;
  }
}

function binaryRowBack(
  kind: B, g: Float32Array, io: number, n: number,
  a: Float32Array, ia: number, sa: number, ga: Float32Array | null,
  b: Float32Array, ib: number, sb: number, gb: Float32Array | null,
): void {
  const end = io + n;
  switch (kind) {
    case B.Add:
    case B.Sub: {
      const s = kind === B.Add ? 1 : -1;
      if (ga !== null) for (let o = io, i = ia; o < end; o++, i += sa) ga[i] += g[o];
      if (gb !== null) for (let o = io, i = ib; o < end; o++, i += sb) gb[i] += s * g[o];
      break;
    }
    case B.Mul:
      if (ga !== null) for (let o = io, i = ia, j = ib; o < end; o++, i += sa, j += sb) ga[i] += g[o] * b[j];
      if (gb !== null) for (let o = io, i = ia, j = ib; o < end; o++, i += sa, j += sb) gb[j] += g[o] * a[i];
      break;
    case B.Div:
      if (ga !== null) for (let o = io, i = ia, j = ib; o < end; o++, i += sa, j += sb) ga[i] += g[o] / b[j];
      if (gb !== null) for (let o = io, i = ia, j = ib; o < end; o++, i += sa, j += sb) { const v = b[j]; gb[j] -= (g[o] * a[i]) / (v * v); }
      break;
    case B.Max:
    case B.Min: {
      // The larger (smaller) operand takes the gradient; ties split it evenly, as PyTorch does.
      const sign = kind === B.Max ? 1 : -1;
      for (let o = io, i = ia, j = ib; o < end; o++, i += sa, j += sb) {
        const d = sign * (a[i] - b[j]);
        const wa = d > 0 ? 1 : d < 0 ? 0 : 0.5;
        if (ga !== null) ga[i] += wa * g[o];
        if (gb !== null) gb[j] += (1 - wa) * g[o];
      }
      break;
    }
  }
}

class BinaryNode extends Node {
  constructor(readonly kind: B, readonly a: Tensor, readonly b: Tensor, readonly y: Tensor, readonly bc: Broadcast) {
    super([a, b], [y]);
  }

  forward(): void {
    const { dims, sa, sb } = this.bc, r = dims.length, kind = this.kind;
    const a = this.a.data, b = this.b.data, y = this.y.data;
    const n = dims[r - 1], sai = sa[r - 1], sbi = sb[r - 1];
    if (r === 1) {
      binaryRow(kind, a, 0, sai, b, 0, sbi, y, 0, n);
      return;
    }
    odo.fill(0, 0, r);
    let ia = 0, ib = 0;
    for (let io = 0; io < y.length; io += n) {
      binaryRow(kind, a, ia, sai, b, ib, sbi, y, io, n);
      for (let d = r - 2; d >= 0; d--) {
        ia += sa[d];
        ib += sb[d];
        if (++odo[d] < dims[d]) break;
        ia -= sa[d] * dims[d];
        ib -= sb[d] * dims[d];
        odo[d] = 0;
      }
    }
  }

  backward(): void {
    const ga = this.a.requiresGrad ? gradOf(this.a) : null;
    const gb = this.b.requiresGrad ? gradOf(this.b) : null;
    if (ga === null && gb === null) return;
    const { dims, sa, sb } = this.bc, r = dims.length, kind = this.kind;
    const a = this.a.data, b = this.b.data, g = this.y.grad as Float32Array;
    const n = dims[r - 1], sai = sa[r - 1], sbi = sb[r - 1];
    if (r === 1) {
      binaryRowBack(kind, g, 0, n, a, 0, sai, ga, b, 0, sbi, gb);
      return;
    }
    odo.fill(0, 0, r);
    let ia = 0, ib = 0;
    for (let io = 0; io < g.length; io += n) {
      binaryRowBack(kind, g, io, n, a, ia, sai, ga, b, ib, sbi, gb);
      for (let d = r - 2; d >= 0; d--) {
        ia += sa[d];
        ib += sb[d];
        if (++odo[d] < dims[d]) break;
        ia -= sa[d] * dims[d];
        ib -= sb[d] * dims[d];
        odo[d] = 0;
      }
    }
  }
}

function binary(kind: B, a: Tensor, b: Tensor): Tensor {
  const bc = broadcastShapes(a.shape, b.shape);
  const y = empty(bc.shape);
  run(new BinaryNode(kind, a, b, y, bc));
  return y;
}

/** a + b (broadcasting; either may be a number). */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  if (typeof a === 'number') return typeof b === 'number' ? scalarError('add') : unary(U.AddS, b, a);
  if (typeof b === 'number') return unary(U.AddS, a, b);
  return binary(B.Add, a, b);
}

/** a − b (broadcasting; either may be a number). */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  if (typeof a === 'number') return typeof b === 'number' ? scalarError('sub') : unary(U.RSub, b, a);
  if (typeof b === 'number') return unary(U.AddS, a, -b);
  return binary(B.Sub, a, b);
}

/** a · b elementwise (broadcasting; either may be a number). */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  if (typeof a === 'number') return typeof b === 'number' ? scalarError('mul') : unary(U.Scale, b, a);
  if (typeof b === 'number') return unary(U.Scale, a, b);
  return binary(B.Mul, a, b);
}

/** a / b elementwise (broadcasting; either may be a number). */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  if (typeof a === 'number') return typeof b === 'number' ? scalarError('div') : unary(U.RDiv, b, a);
  if (typeof b === 'number') return unary(U.Scale, a, 1 / b);
  return binary(B.Div, a, b);
}

/** Elementwise maximum (broadcasting; b may be a number). */
export function maximum(a: Tensor, b: Tensor | number): Tensor {
  if (typeof b === 'number') return unary(U.Clamp, a, b, Infinity);
  return binary(B.Max, a, b);
}

/** Elementwise minimum (broadcasting; b may be a number). */
export function minimum(a: Tensor, b: Tensor | number): Tensor {
  if (typeof b === 'number') return unary(U.Clamp, a, -Infinity, b);
  return binary(B.Min, a, b);
}

function scalarError(op: string): never {
  throw new ShapeError(`${op}: at least one operand must be a tensor`);
}

// ---------------------------------------------------------------------------------------------
// Selection by mask.

/** A boolean mask: non-zero means true. Its length must divide the tensor size; it repeats over leading dimensions. */
export type Mask = Uint8Array;

class WhereNode extends Node {
  constructor(
    readonly cond: Mask, readonly a: Tensor | null, readonly av: number,
    readonly b: Tensor | null, readonly bv: number, readonly y: Tensor,
  ) {
    super(a !== null && b !== null ? [a, b] : a !== null ? [a] : [b as Tensor], [y]);
  }

  forward(): void {
    const c = this.cond, m = c.length, y = this.y.data, n = y.length;
    const a = this.a?.data ?? null, b = this.b?.data ?? null, av = this.av, bv = this.bv;
    for (let i = 0, k = 0; i < n; i++, k = k + 1 === m ? 0 : k + 1) {
      y[i] = c[k] !== 0 ? (a !== null ? a[i] : av) : (b !== null ? b[i] : bv);
    }
  }

  backward(): void {
    const c = this.cond, m = c.length, g = this.y.grad as Float32Array, n = g.length;
    if (this.a !== null && this.a.requiresGrad) {
      const ga = gradOf(this.a);
      for (let i = 0, k = 0; i < n; i++, k = k + 1 === m ? 0 : k + 1) if (c[k] !== 0) ga[i] += g[i];
    }
    if (this.b !== null && this.b.requiresGrad) {
      const gb = gradOf(this.b);
      for (let i = 0, k = 0; i < n; i++, k = k + 1 === m ? 0 : k + 1) if (c[k] === 0) gb[i] += g[i];
    }
  }
}

/**
 * cond ? a : b, elementwise. a and b are tensors of one shape, or numbers (at least one tensor).
 * `cond` repeats over leading dimensions: its length must divide the size (e.g. a [T, T] causal
 * mask for [B, H, T, T] scores). The gradient flows to the selected operand only.
 */
export function where(cond: Mask, a: Tensor | number, b: Tensor | number): Tensor {
  const ta = typeof a === 'number' ? null : a, tb = typeof b === 'number' ? null : b;
  const like = ta ?? tb;
  if (like === null) return scalarError('where');
  if (ta !== null && tb !== null && (ta.size !== tb.size || ta.shape.length !== tb.shape.length || ta.shape.some((d, i) => d !== tb.shape[i]))) {
    throw new ShapeError(`where: operands of shapes ${fmt(ta.shape)} and ${fmt(tb.shape)} differ`);
  }
  if (cond.length === 0 || like.size % cond.length !== 0) throw new ShapeError(`where: a mask of length ${cond.length} does not tile shape ${fmt(like.shape)}`);
  const y = empty(like.shape);
  run(new WhereNode(cond, ta, typeof a === 'number' ? a : 0, tb, typeof b === 'number' ? b : 0, y));
  return y;
}

/** x with `value` where mask is true (mask tiled as in where()). */
export function maskedFill(x: Tensor, mask: Mask, value: number): Tensor {
  return where(mask, value, x);
}
