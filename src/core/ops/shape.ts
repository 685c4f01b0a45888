// Shape primitives: reshape (a view, no copy), permute/transpose, concat, slice, split, stack.

import { Node, Tensor, empty, gradOf, passGrad, run, viewOf, ShapeError, fmt, shapeSize, type Shape } from '../tensor.js';

const odo = new Int32Array(64);

class ReshapeNode extends Node {
  constructor(readonly x: Tensor, readonly y: Tensor) {
    super([x], [y]);
  }

  forward(): void {
    // y shares x's data.
  }

  backward(): void {
    if (this.x.requiresGrad) passGrad(this.x, this.y);
  }
}

/** The same values under another shape (no copy). One dimension may be -1 (inferred). */
export function reshape(x: Tensor, shape: Shape): Tensor {
  let infer = -1, known = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === -1) {
      if (infer >= 0) throw new ShapeError(`reshape: more than one -1 in ${fmt(shape)}`);
      infer = i;
    } else known *= shape[i];
  }
  let sh = shape;
  if (infer >= 0) {
    if (known === 0 || x.size % known !== 0) throw new ShapeError(`reshape: cannot infer -1 in ${fmt(shape)} for ${x.size} values`);
    const s = shape.slice();
    s[infer] = x.size / known;
    sh = s;
  }
  if (shapeSize(sh) !== x.size) throw new ShapeError(`reshape: ${fmt(x.shape)} (${x.size} values) cannot become ${fmt(sh)}`);
  x.check('reshape');
  const y = viewOf(x, sh);
  run(new ReshapeNode(x, y));
  return y;
}

/** Collapses dimensions from `start` on into one: [B, H, W, C] → [B, H·W·C] with start = 1. */
export function flatten(x: Tensor, start = 1): Tensor {
  const s = x.shape.slice(0, start);
  s.push(x.size === 0 ? 0 : x.size / shapeSize(s));
  return reshape(x, s);
}

/** Inserts a dimension of size 1 at `axis`. */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const a = axis < 0 ? axis + x.shape.length + 1 : axis;
  const s = x.shape.slice();
  s.splice(a, 0, 1);
  return reshape(x, s);
}

/** Removes dimensions of size 1 (all of them, or the one at `axis`). */
export function squeeze(x: Tensor, axis?: number): Tensor {
  if (axis === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const a = axis < 0 ? axis + x.shape.length : axis;
  if (x.shape[a] !== 1) throw new ShapeError(`squeeze: dimension ${axis} of ${fmt(x.shape)} is not 1`);
  const s = x.shape.slice();
  s.splice(a, 1);
  return reshape(x, s);
}

// ---------------------------------------------------------------------------------------------

class PermuteNode extends Node {
  /** Input stride for each output dimension. */
  readonly strides: number[];

  constructor(readonly x: Tensor, readonly y: Tensor, readonly perm: readonly number[]) {
    super([x], [y]);
    const r = perm.length, inStride = new Array<number>(r);
    let s = 1;
    for (let d = r - 1; d >= 0; d--) { inStride[d] = s; s *= x.shape[d]; }
    this.strides = perm.map((p) => inStride[p]);
  }

  /** Walks the output in order; `back` adds g into gx instead of copying x into y. */
  private walk(back: boolean): void {
    const dims = this.y.shape, st = this.strides, r = dims.length;
    const n = this.y.size;
    if (n === 0) return;
    const inner = dims[r - 1], si = st[r - 1];
    const src = back ? (this.y.grad as Float32Array) : this.x.data;
    const dst = back ? gradOf(this.x) : this.y.data;
    odo.fill(0, 0, r);
    let off = 0;
    for (let o = 0; o < n; o += inner) {
      if (back) for (let j = 0, k = off; j < inner; j++, k += si) dst[k] += src[o + j];
      else for (let j = 0, k = off; j < inner; j++, k += si) dst[o + j] = src[k];
      for (let d = r - 2; d >= 0; d--) {
        off += st[d];
        if (++odo[d] < dims[d]) break;
        off -= st[d] * dims[d];
        odo[d] = 0;
      }
    }
  }

  forward(): void {
    if (this.perm.length === 0) { this.y.data[0] = this.x.data[0]; return; }
    this.walk(false);
  }

  backward(): void {
    if (!this.x.requiresGrad) return;
    if (this.perm.length === 0) { gradOf(this.x)[0] += (this.y.grad as Float32Array)[0]; return; }
    this.walk(true);
  }
}

/** Reorders dimensions: output dimension d is input dimension perm[d]. */
export function permute(x: Tensor, perm: readonly number[]): Tensor {
  const r = x.shape.length;
  if (perm.length !== r || new Set(perm).size !== r || perm.some((p) => !(p >= 0 && p < r))) {
    throw new ShapeError(`permute: ${fmt(perm)} is not a permutation of ${r} dimensions`);
  }
  const y = empty(perm.map((p) => x.shape[p]));
  run(new PermuteNode(x, y, perm.slice()));
  return y;
}

/** Swaps two dimensions (default: the last two). */
export function transpose(x: Tensor, a = -2, b = -1): Tensor {
  const r = x.shape.length;
  const perm = Array.from({ length: r }, (_, i) => i);
  const i = a < 0 ? a + r : a, j = b < 0 ? b + r : b;
  perm[i] = j;
  perm[j] = i;
  return permute(x, perm);
}

// ---------------------------------------------------------------------------------------------

class ConcatNode extends Node {
  constructor(readonly xs: readonly Tensor[], readonly y: Tensor, readonly outer: number, readonly widths: readonly number[]) {
    super(xs, [y]);
  }

  forward(): void {
    const y = this.y.data, total = y.length / Math.max(this.outer, 1);
    let col = 0;
    for (let t = 0; t < this.xs.length; t++) {
      const x = this.xs[t].data, w = this.widths[t];
      for (let o = 0; o < this.outer; o++) {
        const yo = o * total + col, xo = o * w;
        for (let i = 0; i < w; i++) y[yo + i] = x[xo + i];
      }
      col += w;
    }
  }

  backward(): void {
    const g = this.y.grad as Float32Array, total = g.length / Math.max(this.outer, 1);
    let col = 0;
    for (let t = 0; t < this.xs.length; t++) {
      const w = this.widths[t];
      if (this.xs[t].requiresGrad) {
        const gx = gradOf(this.xs[t]);
        for (let o = 0; o < this.outer; o++) {
          const yo = o * total + col, xo = o * w;
          for (let i = 0; i < w; i++) gx[xo + i] += g[yo + i];
        }
      }
      col += w;
    }
  }
}

/** Joins tensors along `axis`; all other dimensions must agree. */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new ShapeError('concat: no tensors');
  const s0 = xs[0].shape, r = s0.length;
  const a = axis < 0 ? axis + r : axis;
  if (!(a >= 0 && a < r)) throw new ShapeError(`concat: axis ${axis} out of range for rank ${r}`);
  let outer = 1, inner = 1;
  for (let d = 0; d < a; d++) outer *= s0[d];
  for (let d = a + 1; d < r; d++) inner *= s0[d];
  let along = 0;
  const widths: number[] = [];
  for (const x of xs) {
    const s = x.shape;
    if (s.length !== r || s.some((d, i) => i !== a && d !== s0[i])) throw new ShapeError(`concat: shape ${fmt(s)} does not match ${fmt(s0)} outside axis ${a}`);
    along += s[a];
    widths.push(s[a] * inner);
  }
  const shape = s0.slice();
  shape[a] = along;
  const y = empty(shape);
  run(new ConcatNode(xs.slice(), y, outer, widths));
  return y;
}

/** Stacks equally shaped tensors along a new dimension `axis`. */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  return concat(xs.map((x) => unsqueeze(x, axis)), axis);
}

class SliceNode extends Node {
  constructor(readonly x: Tensor, readonly y: Tensor, readonly outer: number, readonly rowIn: number, readonly rowOut: number, readonly offset: number) {
    super([x], [y]);
  }

  forward(): void {
    const x = this.x.data, y = this.y.data, { outer, rowIn, rowOut, offset } = this;
    for (let o = 0; o < outer; o++) {
      const xo = o * rowIn + offset, yo = o * rowOut;
      for (let i = 0; i < rowOut; i++) y[yo + i] = x[xo + i];
    }
  }

  backward(): void {
    if (!this.x.requiresGrad) return;
    const gx = gradOf(this.x), g = this.y.grad as Float32Array, { outer, rowIn, rowOut, offset } = this;
    for (let o = 0; o < outer; o++) {
      const xo = o * rowIn + offset, yo = o * rowOut;
      for (let i = 0; i < rowOut; i++) gx[xo + i] += g[yo + i];
    }
  }
}

/** Elements start ≤ i < end along `axis` (a copy). Negative start/end count from the end. */
export function slice(x: Tensor, axis: number, start: number, end?: number): Tensor {
  const s = x.shape, r = s.length;
  const a = axis < 0 ? axis + r : axis;
  if (!(a >= 0 && a < r)) throw new ShapeError(`slice: axis ${axis} out of range for rank ${r}`);
  const n = s[a];
  const b = start < 0 ? start + n : start;
  const e = end === undefined ? n : end < 0 ? end + n : end;
  if (!(Number.isInteger(b) && Number.isInteger(e) && 0 <= b && b <= e && e <= n)) throw new ShapeError(`slice: [${start}, ${end}) is out of range for size ${n}`);
  let outer = 1, inner = 1;
  for (let d = 0; d < a; d++) outer *= s[d];
  for (let d = a + 1; d < r; d++) inner *= s[d];
  const shape = s.slice();
  shape[a] = e - b;
  const y = empty(shape);
  run(new SliceNode(x, y, outer, n * inner, (e - b) * inner, b * inner));
  return y;
}

/** Splits along `axis` into pieces of the given sizes (which must add up to the dimension). */
export function split(x: Tensor, sizes: readonly number[], axis = -1): Tensor[] {
  const a = axis < 0 ? axis + x.shape.length : axis;
  const total = sizes.reduce((p, q) => p + q, 0);
  if (total !== x.shape[a]) throw new ShapeError(`split: sizes ${fmt(sizes)} do not add up to ${x.shape[a]}`);
  const out: Tensor[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(slice(x, a, at, at + n));
    at += n;
  }
  return out;
}
