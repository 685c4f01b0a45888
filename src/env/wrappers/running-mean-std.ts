// Running mean and variance with the parallel-variance merge Gymnasium uses (count starts at 1e-4,
// mean 0, var 1). Storage is float32 or float64, as the normalisation wrappers need.
export class RunningMeanStd {
  readonly mean: Float32Array | Float64Array;
  readonly var: Float32Array | Float64Array;
  count = 1e-4;

  constructor(readonly size: number, dtype: 'float32' | 'float64' = 'float64') {
    this.mean = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
    this.var = dtype === 'float32' ? new Float32Array(size).fill(1) : new Float64Array(size).fill(1);
  }

  /** Merges a batch of one observation x (length size, read from offset). */
  update(x: ArrayLike<number>, offset = 0): void {
    this.updateBatch(x, 1, offset);
  }

  /** Merges a batch of `n` rows of `size` values starting at x[offset]. */
  updateBatch(x: ArrayLike<number>, n: number, offset = 0): void {
    const count = this.count;
    const total = count + n;
    for (let j = 0; j < this.size; j++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += x[offset + i * this.size + j];
      m /= n;
      let v = 0;
      for (let i = 0; i < n; i++) { const d = x[offset + i * this.size + j] - m; v += d * d; }
      v /= n;
      const delta = m - this.mean[j];
      this.mean[j] = this.mean[j] + (delta * n) / total;
      const m2 = this.var[j] * count + v * n + (delta * delta * count * n) / total;
      this.var[j] = m2 / total;
    }
    this.count = total;
  }
}
