// WebAssembly SIMD elementwise kernels, compiled by scripts/build.mjs with AssemblyScript.
// tanh: the [13/6] odd/even rational minimax approximation used by Eigen and XLA for float32,
// evaluated four lanes at a time on inputs clamped to ±9 (beyond which tanh is ±1 in float32);
// the error is ~1e-7 and the result is clamped to [-1, 1]. Math.tanh costs ~30 ns
// per element in V8, which made it the largest single cost of a small-MLP training step.
// Part of the module built from kernels.ts.

// @ts-ignore: decorator
@inline function tanh4(x: v128): v128 {
  const v = f32x4.min(f32x4.max(x, f32x4.splat(-9)), f32x4.splat(9));
  const v2 = f32x4.mul(v, v);
  let p = f32x4.splat(-2.76076847742355e-16);
  p = f32x4.add(f32x4.mul(p, v2), f32x4.splat(2.00018790482477e-13));
  p = f32x4.add(f32x4.mul(p, v2), f32x4.splat(-8.60467152213735e-11));
  p = f32x4.add(f32x4.mul(p, v2), f32x4.splat(5.12229709037114e-08));
  p = f32x4.add(f32x4.mul(p, v2), f32x4.splat(1.48572235717979e-05));
  p = f32x4.add(f32x4.mul(p, v2), f32x4.splat(6.37261928875436e-04));
  p = f32x4.add(f32x4.mul(p, v2), f32x4.splat(4.89352455891786e-03));
  let q = f32x4.splat(1.19825839466702e-06);
  q = f32x4.add(f32x4.mul(q, v2), f32x4.splat(1.18534705686654e-04));
  q = f32x4.add(f32x4.mul(q, v2), f32x4.splat(2.26843463243900e-03));
  q = f32x4.add(f32x4.mul(q, v2), f32x4.splat(4.89352518554385e-03));
  // Rounding can push the quotient one ulp past ±1 near saturation; clamp it back.
  const t = f32x4.div(f32x4.mul(v, p), q);
  return f32x4.min(f32x4.max(t, f32x4.splat(-1)), f32x4.splat(1));
}

/** y[i] = tanh(x[i]) for i < n; x and y are f32 arrays at byte addresses x and y (may coincide). */
export function tanh(x: usize, y: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i * 4;
    v128.store(y + at, tanh4(v128.load(x + at)));
  }
  for (; i < n; i++) {
    const at = <usize>i * 4;
    store<f32>(y + at, f32x4.extract_lane(tanh4(f32x4.splat(load<f32>(x + at))), 0));
  }
}
