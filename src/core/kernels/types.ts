// The swappable compute kernels behind the numeric core's primitives. Algorithm code never
// sees them: tensors call the active kernel set, which is the plain TypeScript reference or
// the WebAssembly SIMD one. All matrices are row-major Float32Array views with offsets.

export interface Kernels {
  readonly name: string;
  /**
   * C = op(A) · op(B) (+ C when accumulate), where op(A) is m×k and op(B) is k×n.
   * A is stored m×k, or k×m when transA; B is stored k×n, or n×k when transB; C is m×n.
   */
  gemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number,
    a: Float32Array, aOffset: number, b: Float32Array, bOffset: number,
    c: Float32Array, cOffset: number, accumulate: boolean,
  ): void;
  /**
   * y[yOffset + i] = tanh(x[xOffset + i]) for 0 ≤ i < n; x and y may be the same array. Kernel sets
   * may approximate: results are within 1e-6 of Math.tanh and never outside [-1, 1].
   */
  tanh(x: Float32Array, xOffset: number, y: Float32Array, yOffset: number, n: number): void;
}
