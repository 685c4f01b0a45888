// Additive scores of many (query, key) pairs, fused: score[n, j] = relu(key[index[n·k + j]] +
// query[n]) · w + b, the scoring of a pointer network over candidate sets (one ReLU layer over
// key + query, then a Linear(h, 1)), without materialising the [N, k, h] hidden layer.

import { Node, Tensor, empty, gradOf, run, ShapeError, fmt } from '../tensor.js';

class AdditiveScoresNode extends Node {
  constructor(
    readonly keys: Tensor, readonly index: Int32Array, readonly queries: Tensor, readonly w: Tensor, readonly b: Tensor | null,
    readonly y: Tensor, readonly n: number, readonly k: number, readonly h: number,
  ) {
    super(b !== null ? [keys, queries, w, b] : [keys, queries, w], [y]);
  }

  forward(): void {
    const { n, k, h, index } = this, m = this.keys.shape[0], key = this.keys.data, q = this.queries.data, w = this.w.data, y = this.y.data;
    const b = this.b !== null ? this.b.data[0] : 0;
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < k; j++) {
        const id = index[r * k + j];
        if (!(id >= 0 && id < m)) throw new RangeError(`additiveScores: index ${id} at position ${r * k + j} is out of range [0, ${m})`);
        let s = 0;
        for (let c = 0, ko = id * h, qo = r * h; c < h; c++) {
          // Branch-free: the signs of z are as good as random.
          s += Math.max(key[ko + c] + q[qo + c], 0) * w[c];
        }
        y[r * k + j] = s + b;
      }
    }
  }

  backward(): void {
    const { n, k, h, index } = this, key = this.keys.data, q = this.queries.data, w = this.w.data, g = this.y.grad;
    if (g === null) return;
    const gk = this.keys.requiresGrad ? gradOf(this.keys) : null, gq = this.queries.requiresGrad ? gradOf(this.queries) : null;
    const gw = this.w.requiresGrad ? gradOf(this.w) : null;
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < k; j++) {
        const gy = g[r * k + j];
        if (gy === 0) continue;
        for (let c = 0, ko = index[r * k + j] * h, qo = r * h; c < h; c++) {
          const z = key[ko + c] + q[qo + c];
          if (z <= 0) continue;
          const gz = gy * w[c];
          if (gk !== null) gk[ko + c] += gz;
          if (gq !== null) gq[qo + c] += gz;
          if (gw !== null) gw[c] += gy * z;
        }
      }
    }
    if (this.b !== null && this.b.requiresGrad) {
      let s = 0;
      for (let i = 0; i < n * k; i++) s += g[i];
      gradOf(this.b)[0] += s;
    }
  }
}

/**
 * score[n, j] = relu(keys[index[n·k + j]] + queries[n]) · w + b for keys [M, h], queries [N, h],
 * index (N·k rows of keys), w [h, 1] and b [1] (a Linear(h, 1)'s weight and bias): [N, k].
 */
export function additiveScores(keys: Tensor, index: Int32Array, queries: Tensor, w: Tensor, b: Tensor | null = null): Tensor {
  const ok = keys.shape.length === 2 && queries.shape.length === 2 && keys.shape[1] === queries.shape[1]
    && w.shape.length === 2 && w.shape[0] === keys.shape[1] && w.shape[1] === 1 && (b === null || (b.shape.length === 1 && b.shape[0] === 1))
    && queries.shape[0] > 0 && index.length % queries.shape[0] === 0;
  if (!ok) throw new ShapeError(`additiveScores: keys ${fmt(keys.shape)}, queries ${fmt(queries.shape)}, w ${fmt(w.shape)}${b ? `, b ${fmt(b.shape)}` : ''} and ${index.length} indices do not fit ([M, h], [N, h], [h, 1], [1], N·k)`);
  const [n, h] = queries.shape, k = index.length / n;
  const y = empty([n, k]);
  run(new AdditiveScoresNode(keys, index, queries, w, b, y, n, k, h));
  return y;
}
