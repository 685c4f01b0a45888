// Indexing primitives: gather and scatter-add along an axis (torch.gather / scatter_add
// semantics), index-select of whole slices, and embedding lookup. Indices are Int32Arrays (not
// differentiable); they are read on every forward, so a caller may refill one in place.

import { Node, Tensor, empty, gradOf, run, ShapeError, fmt } from '../tensor.js';
import { normAxis } from './reduce.js';

function checkIndices(idx: Int32Array, n: number, what: string): void {
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i];
    if (!(v >= 0 && v < n)) throw new RangeError(`${what}: index ${v} at position ${i} is out of range [0, ${n})`);
  }
}

/** Sizes of the dimensions before and after `axis`. */
function around(shape: readonly number[], a: number): [number, number] {
  let outer = 1, inner = 1;
  for (let d = 0; d < a; d++) outer *= shape[d];
  for (let d = a + 1; d < shape.length; d++) inner *= shape[d];
  return [outer, inner];
}

class GatherNode extends Node {
  constructor(readonly x: Tensor, readonly idx: Int32Array, readonly y: Tensor, readonly outer: number, readonly len: number, readonly k: number, readonly inner: number) {
    super([x], [y]);
  }

  forward(): void {
    const x = this.x.data, y = this.y.data, idx = this.idx, { outer, len, k, inner } = this;
    checkIndices(idx, len, 'gather');
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < k; j++) {
        const yo = (o * k + j) * inner;
        for (let i = 0; i < inner; i++) y[yo + i] = x[(o * len + idx[yo + i]) * inner + i];
      }
    }
  }

  backward(): void {
    if (!this.x.requiresGrad) return;
    const gx = gradOf(this.x), g = this.y.grad as Float32Array, idx = this.idx, { outer, len, k, inner } = this;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < k; j++) {
        const yo = (o * k + j) * inner;
        for (let i = 0; i < inner; i++) gx[(o * len + idx[yo + i]) * inner + i] += g[yo + i];
      }
    }
  }
}

/**
 * out[..., j, ...] = x[..., index[..., j, ...], ...] along `axis` (torch.gather). `index` holds
 * the output's elements in row-major order: its length is x.size / x.shape[axis] · k for some k,
 * and the output shape is x's with dimension `axis` set to k. For example the log-probability
 * of taken actions: gather(logp [B, A], 1, actions [B]) → [B, 1].
 */
export function gather(x: Tensor, axis: number, index: Int32Array): Tensor {
  const a = normAxis(axis, x.shape.length);
  const [outer, inner] = around(x.shape, a);
  const per = outer * inner;
  if (per === 0 || index.length % per !== 0) throw new ShapeError(`gather: ${index.length} indices do not fit ${fmt(x.shape)} along axis ${a}`);
  const k = index.length / per;
  const shape = x.shape.slice();
  shape[a] = k;
  const y = empty(shape);
  run(new GatherNode(x, index, y, outer, x.shape[a], k, inner));
  return y;
}

class ScatterAddNode extends Node {
  constructor(readonly x: Tensor, readonly idx: Int32Array, readonly src: Tensor, readonly y: Tensor, readonly outer: number, readonly len: number, readonly k: number, readonly inner: number) {
    super([x, src], [y]);
  }

  forward(): void {
    const y = this.y.data, s = this.src.data, idx = this.idx, { outer, len, k, inner } = this;
    checkIndices(idx, len, 'scatterAdd');
    y.set(this.x.data);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < k; j++) {
        const so = (o * k + j) * inner;
        for (let i = 0; i < inner; i++) y[(o * len + idx[so + i]) * inner + i] += s[so + i];
      }
    }
  }

  backward(): void {
    const g = this.y.grad as Float32Array, idx = this.idx, { outer, len, k, inner } = this;
    if (this.x.requiresGrad) {
      const gx = gradOf(this.x);
      for (let i = 0; i < g.length; i++) gx[i] += g[i];
    }
    if (this.src.requiresGrad) {
      const gs = gradOf(this.src);
      for (let o = 0; o < outer; o++) {
        for (let j = 0; j < k; j++) {
          const so = (o * k + j) * inner;
          for (let i = 0; i < inner; i++) gs[so + i] += g[(o * len + idx[so + i]) * inner + i];
        }
      }
    }
  }
}

/** x with src added at the positions `index` names along `axis` (torch.scatter_add; index shaped like src). */
export function scatterAdd(x: Tensor, axis: number, index: Int32Array, src: Tensor): Tensor {
  const a = normAxis(axis, x.shape.length);
  if (src.shape.length !== x.shape.length || src.shape.some((d, i) => i !== a && d !== x.shape[i])) {
    throw new ShapeError(`scatterAdd: src ${fmt(src.shape)} does not match x ${fmt(x.shape)} outside axis ${a}`);
  }
  if (index.length !== src.size) throw new ShapeError(`scatterAdd: ${index.length} indices for ${src.size} source values`);
  const [outer, inner] = around(x.shape, a);
  const y = empty(x.shape);
  run(new ScatterAddNode(x, index, src, y, outer, x.shape[a], src.shape[a], inner));
  return y;
}

class IndexSelectNode extends Node {
  constructor(readonly x: Tensor, readonly idx: Int32Array, readonly y: Tensor, readonly outer: number, readonly len: number, readonly inner: number) {
    super([x], [y]);
  }

  forward(): void {
    const x = this.x.data, y = this.y.data, idx = this.idx, { outer, len, inner } = this, k = idx.length;
    checkIndices(idx, len, 'indexSelect');
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < k; j++) {
        const xo = (o * len + idx[j]) * inner, yo = (o * k + j) * inner;
        for (let i = 0; i < inner; i++) y[yo + i] = x[xo + i];
      }
    }
  }

  backward(): void {
    if (!this.x.requiresGrad) return;
    const gx = gradOf(this.x), g = this.y.grad as Float32Array, idx = this.idx, { outer, len, inner } = this, k = idx.length;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < k; j++) {
        const xo = (o * len + idx[j]) * inner, yo = (o * k + j) * inner;
        for (let i = 0; i < inner; i++) gx[xo + i] += g[yo + i];
      }
    }
  }
}

/** The slices x[..., indices[j], ...] along `axis`, in order (torch.index_select); e.g. minibatch rows. */
export function indexSelect(x: Tensor, axis: number, indices: Int32Array): Tensor {
  const a = normAxis(axis, x.shape.length);
  const [outer, inner] = around(x.shape, a);
  const shape = x.shape.slice();
  shape[a] = indices.length;
  const y = empty(shape);
  run(new IndexSelectNode(x, indices, y, outer, x.shape[a], inner));
  return y;
}

/** Rows of `weight` [vocab, dim] for token ids; the output shape is idsShape + [dim]. */
export function embedding(weight: Tensor, ids: Int32Array, idsShape: readonly number[] = [ids.length]): Tensor {
  if (weight.shape.length !== 2) throw new ShapeError(`embedding: weight must be [vocab, dim], got ${fmt(weight.shape)}`);
  let n = 1;
  for (const d of idsShape) n *= d;
  if (n !== ids.length) throw new ShapeError(`embedding: ${ids.length} ids do not fit shape ${fmt(idsShape)}`);
  const y = empty([...idsShape, weight.shape[1]]);
  run(new IndexSelectNode(weight, ids, y, 1, weight.shape[0], weight.shape[1]));
  return y;
}
