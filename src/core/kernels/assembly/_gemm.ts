// WebAssembly SIMD single-precision GEMM, compiled by scripts/build.mjs with AssemblyScript.
// Goto-style blocking: B is packed into KC×NR column panels, A into MC×KC row panels of MR rows,
// and a register-blocked MR×NR micro-kernel (12 f32x4 accumulators) streams through them.
// Packing absorbs both transpose flags, so one micro-kernel serves all four combinations. The
// small shapes RL is full of skip a packing pass that would not pay: A is read in place when
// there are at most two column panels (n ≤ 16), B when there are at most two row tiles (m ≤ 12).
// The caller (wasm.ts) owns linear memory: it places C, A, B and a scratch area and passes
// pointers. Part of the module built from kernels.ts.

// Micro-tile: 6 rows × 8 columns = 12 accumulators + 2 B vectors + 1 A broadcast = 15 of the
// 16 xmm registers V8 can use, the largest tile that does not spill.
const MR: i32 = 6;
const NR: i32 = 8;
// KC×NR×4 bytes of B (8 KiB) stays in L1 while an MC×KC block of A (~150 KiB) sits in L2.
const KC: i32 = 256;
const MC: i32 = 144;

function roundUp(x: i32, to: i32): i32 {
  return ((x + to - 1) / to) * to;
}

/** Bytes of scratch space gemm needs for these sizes: packed A block, packed B block, edge tile. */
export function scratchBytes(m: i32, n: i32, k: i32): i32 {
  const kc = min(k, KC);
  const mc = roundUp(min(m, MC), MR);
  const nc = roundUp(n, NR);
  return (mc * kc + kc * nc + MR * NR) * 4;
}

// Packs rows [i0, i0+mc) × depth [p0, p0+kc) of op(A) into panels of MR rows: panel-major, then
// depth, then row. Rows past the matrix end are zero so the micro-kernel never branches.
function packA(transA: bool, m: i32, k: i32, a: usize, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const panel = dst + <usize>(ir * kc) * 4;
    if (transA) {
      // A is stored k×m: the MR rows of one depth step are contiguous.
      for (let p = 0; p < kc; p++) {
        const src = a + <usize>((p0 + p) * m + i0 + ir) * 4;
        const out = panel + <usize>(p * MR) * 4;
        for (let r = 0; r < rows; r++) store<f32>(out + <usize>r * 4, load<f32>(src + <usize>r * 4));
        for (let r = rows; r < MR; r++) store<f32>(out + <usize>r * 4, 0);
      }
    } else {
      for (let r = 0; r < rows; r++) {
        const src = a + <usize>((i0 + ir + r) * k + p0) * 4;
        let out = panel + <usize>r * 4;
        for (let p = 0; p < kc; p++) {
          store<f32>(out, load<f32>(src + <usize>p * 4));
          out += MR * 4;
        }
      }
      for (let r = rows; r < MR; r++) {
        let out = panel + <usize>r * 4;
        for (let p = 0; p < kc; p++) {
          store<f32>(out, 0);
          out += MR * 4;
        }
      }
    }
  }
}

// Packs depth [p0, p0+kc) × columns [j0, n) of op(B) into panels of NR columns, zero-padded;
// panel jr lands at dst + jr·kc floats.
function packB(transB: bool, n: i32, k: i32, b: usize, p0: i32, kc: i32, j0: i32, dst: usize): void {
  for (let jr = j0; jr < n; jr += NR) {
    const cols = min(NR, n - jr);
    const panel = dst + <usize>(jr * kc) * 4;
    if (!transB && cols == NR) {
      // B is stored k×n: a panel row is 8 contiguous floats, two vector moves.
      let src = b + <usize>(p0 * n + jr) * 4;
      let out = panel;
      for (let p = 0; p < kc; p++) {
        v128.store(out, v128.load(src));
        v128.store(out, v128.load(src, 16), 16);
        src += <usize>n * 4;
        out += NR * 4;
      }
    } else if (!transB) {
      for (let p = 0; p < kc; p++) {
        const src = b + <usize>((p0 + p) * n + jr) * 4;
        const out = panel + <usize>(p * NR) * 4;
        for (let c = 0; c < cols; c++) store<f32>(out + <usize>c * 4, load<f32>(src + <usize>c * 4));
        for (let c = cols; c < NR; c++) store<f32>(out + <usize>c * 4, 0);
      }
    } else {
      // B is stored n×k: each column of the panel is a contiguous run of one stored row.
      for (let c = 0; c < cols; c++) {
        const src = b + <usize>((jr + c) * k + p0) * 4;
        let out = panel + <usize>c * 4;
        for (let p = 0; p < kc; p++) {
          store<f32>(out, load<f32>(src + <usize>p * 4));
          out += NR * 4;
        }
      }
      for (let c = cols; c < NR; c++) {
        let out = panel + <usize>c * 4;
        for (let p = 0; p < kc; p++) {
          store<f32>(out, 0);
          out += NR * 4;
        }
      }
    }
  }
}

// Stores one accumulator row (two vectors) into C, adding to what is there when `add`.
// @ts-ignore: decorator
@inline function storeRow(dst: usize, lo: v128, hi: v128, add: bool): void {
  if (add) {
    lo = f32x4.add(lo, v128.load(dst));
    hi = f32x4.add(hi, v128.load(dst, 16));
  }
  v128.store(dst, lo);
  v128.store(dst, hi, 16);
}

// The hot loop for packed A: the six A values of a depth step are adjacent, so one pointer and
// immediate offsets address them (the strided variant below needs six pointer updates per step,
// which costs ~10% at large sizes).
function microPacked(kc: i32, pa: usize, pb: usize, bs: usize, c: usize, ldc: i32, mr: i32, nr: i32, add: bool, tile: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  let c50 = f32x4.splat(0), c51 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let av = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(av, b0)); c01 = f32x4.add(c01, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(av, b0)); c11 = f32x4.add(c11, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(av, b0)); c21 = f32x4.add(c21, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(av, b0)); c31 = f32x4.add(c31, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 16);
    c40 = f32x4.add(c40, f32x4.mul(av, b0)); c41 = f32x4.add(c41, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 20);
    c50 = f32x4.add(c50, f32x4.mul(av, b0)); c51 = f32x4.add(c51, f32x4.mul(av, b1));
    pa += MR * 4;
    pb += bs;
  }
  store6(c, ldc, mr, nr, add, tile, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
}

// Writes a 6×8 accumulator block to C, directly when whole, else through the staging tile.
// @ts-ignore: decorator
@inline function store6(c: usize, ldc: i32, mr: i32, nr: i32, add: bool, tile: usize,
  c00: v128, c01: v128, c10: v128, c11: v128, c20: v128, c21: v128,
  c30: v128, c31: v128, c40: v128, c41: v128, c50: v128, c51: v128): void {
  const rowBytes = <usize>ldc * 4;
  if (mr == MR && nr == NR) {
    storeRow(c, c00, c01, add); c += rowBytes;
    storeRow(c, c10, c11, add); c += rowBytes;
    storeRow(c, c20, c21, add); c += rowBytes;
    storeRow(c, c30, c31, add); c += rowBytes;
    storeRow(c, c40, c41, add); c += rowBytes;
    storeRow(c, c50, c51, add);
    return;
  }
  storeRow(tile, c00, c01, false);
  storeRow(tile + 32, c10, c11, false);
  storeRow(tile + 64, c20, c21, false);
  storeRow(tile + 96, c30, c31, false);
  storeRow(tile + 128, c40, c41, false);
  storeRow(tile + 160, c50, c51, false);
  storeTile(tile, c, ldc, mr, nr, add);
}

// C[0:mr, 0:nr] (+)= A-panel · B-panel over kc. Element (r, p) of the A panel is at
// pa + r·rs + p·ds: rs = 4, ds = 4·MR for a packed panel, or the strides of A itself when it is
// read in place. Depth step p of the B panel is the 8 floats at pb + p·bs (bs = 4·NR packed, or
// B's row stride when read in place). Rows past mr repeat row 0, so nothing beyond A is read. ldc is in elements. A
// partial tile (mr < MR or nr < NR) is staged at `tile` and copied, so stores never overrun C.
function micro(kc: i32, pa: usize, rs: usize, ds: usize, pb: usize, bs: usize, c: usize, ldc: i32, mr: i32, nr: i32, add: bool, tile: usize): void {
  let a0 = pa, a1 = mr > 1 ? pa + rs : pa, a2 = mr > 2 ? pa + 2 * rs : pa;
  let a3 = mr > 3 ? pa + 3 * rs : pa, a4 = mr > 4 ? pa + 4 * rs : pa, a5 = mr > 5 ? pa + 5 * rs : pa;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  let c50 = f32x4.splat(0), c51 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let av = v128.load32_splat(a0);
    c00 = f32x4.add(c00, f32x4.mul(av, b0)); c01 = f32x4.add(c01, f32x4.mul(av, b1));
    av = v128.load32_splat(a1);
    c10 = f32x4.add(c10, f32x4.mul(av, b0)); c11 = f32x4.add(c11, f32x4.mul(av, b1));
    av = v128.load32_splat(a2);
    c20 = f32x4.add(c20, f32x4.mul(av, b0)); c21 = f32x4.add(c21, f32x4.mul(av, b1));
    av = v128.load32_splat(a3);
    c30 = f32x4.add(c30, f32x4.mul(av, b0)); c31 = f32x4.add(c31, f32x4.mul(av, b1));
    av = v128.load32_splat(a4);
    c40 = f32x4.add(c40, f32x4.mul(av, b0)); c41 = f32x4.add(c41, f32x4.mul(av, b1));
    av = v128.load32_splat(a5);
    c50 = f32x4.add(c50, f32x4.mul(av, b0)); c51 = f32x4.add(c51, f32x4.mul(av, b1));
    a0 += ds; a1 += ds; a2 += ds; a3 += ds; a4 += ds; a5 += ds;
    pb += bs;
  }
  store6(c, ldc, mr, nr, add, tile, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
}

// Copies (or adds) the valid mr×nr corner of an MR×NR tile staged at `tile` into C.
function storeTile(tile: usize, c: usize, ldc: i32, mr: i32, nr: i32, add: bool): void {
  const rowBytes = <usize>ldc * 4;
  for (let r = 0; r < mr; r++) {
    const src = tile + <usize>(r * NR) * 4;
    const dst = c + <usize>r * rowBytes;
    if (nr == NR) {
      storeRow(dst, v128.load(src), v128.load(src, 16), add);
    } else if (add) {
      for (let j = 0; j < nr; j++) store<f32>(dst + <usize>j * 4, load<f32>(dst + <usize>j * 4) + load<f32>(src + <usize>j * 4));
    } else {
      for (let j = 0; j < nr; j++) store<f32>(dst + <usize>j * 4, load<f32>(src + <usize>j * 4));
    }
  }
}

// The same product for a panel with at most 4 valid rows (of the 6 packed): the last row tile of
// a small batch (m = 8 is 6 + 2 rows) would otherwise spend a full 6-row tile on it.
function micro4(kc: i32, pa: usize, rs: usize, ds: usize, pb: usize, bs: usize, c: usize, ldc: i32, mr: i32, nr: i32, add: bool, tile: usize): void {
  let a0 = pa, a1 = mr > 1 ? pa + rs : pa, a2 = mr > 2 ? pa + 2 * rs : pa, a3 = mr > 3 ? pa + 3 * rs : pa;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let av = v128.load32_splat(a0);
    c00 = f32x4.add(c00, f32x4.mul(av, b0)); c01 = f32x4.add(c01, f32x4.mul(av, b1));
    av = v128.load32_splat(a1);
    c10 = f32x4.add(c10, f32x4.mul(av, b0)); c11 = f32x4.add(c11, f32x4.mul(av, b1));
    av = v128.load32_splat(a2);
    c20 = f32x4.add(c20, f32x4.mul(av, b0)); c21 = f32x4.add(c21, f32x4.mul(av, b1));
    av = v128.load32_splat(a3);
    c30 = f32x4.add(c30, f32x4.mul(av, b0)); c31 = f32x4.add(c31, f32x4.mul(av, b1));
    a0 += ds; a1 += ds; a2 += ds; a3 += ds;
    pb += bs;
  }
  storeRow(tile, c00, c01, false);
  storeRow(tile + 32, c10, c11, false);
  storeRow(tile + 64, c20, c21, false);
  storeRow(tile + 96, c30, c31, false);
  storeTile(tile, c, ldc, mr, nr, add);
}

function micro2(kc: i32, pa: usize, rs: usize, ds: usize, pb: usize, bs: usize, c: usize, ldc: i32, mr: i32, nr: i32, add: bool, tile: usize): void {
  let a0 = pa, a1 = mr > 1 ? pa + rs : pa;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let av = v128.load32_splat(a0);
    c00 = f32x4.add(c00, f32x4.mul(av, b0)); c01 = f32x4.add(c01, f32x4.mul(av, b1));
    av = v128.load32_splat(a1);
    c10 = f32x4.add(c10, f32x4.mul(av, b0)); c11 = f32x4.add(c11, f32x4.mul(av, b1));
    a0 += ds; a1 += ds;
    pb += bs;
  }
  storeRow(tile, c00, c01, false);
  storeRow(tile + 32, c10, c11, false);
  storeTile(tile, c, ldc, mr, nr, add);
}

/**
 * C = op(A)·op(B) (+ C when accumulate). op(A) is m×k, op(B) is k×n, C is m×n, all row-major f32.
 * `scratch` must hold scratchBytes(m, n, k) bytes and be 16-byte aligned.
 */
export function gemm(transA: bool, transB: bool, m: i32, n: i32, k: i32,
  a: usize, b: usize, c: usize, accumulate: bool, scratch: usize): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) memory.fill(c, 0, <usize>(m * n) * 4);
    return;
  }
  const kcMax = min(k, KC);
  const pa = scratch;
  const pb = pa + <usize>(roundUp(min(m, MC), MR) * kcMax) * 4;
  const tile = pb + <usize>(kcMax * roundUp(n, NR)) * 4;
  // Packing A costs a pass over A per depth block; it pays when many column panels reuse it.
  // With one or two panels (n ≤ 16, e.g. a policy head) the kernel reads A in place instead.
  const packing = n > 2 * NR;
  const rs: usize = packing || transA ? 4 : <usize>k * 4;
  const ds: usize = packing ? <usize>(MR * 4) : transA ? <usize>m * 4 : 4;
  // Likewise B, when few row tiles reuse it (a small batch): stored k×n, a full panel's depth
  // step is 8 contiguous floats of one row. Only a ragged last panel is still packed (padded).
  const bInPlace = !transB && m <= 2 * MR;
  const fullPanels = n - n % NR;
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const add = accumulate || p0 > 0;
    packB(transB, n, k, b, p0, kc, bInPlace ? fullPanels : 0, pb);
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = min(MC, m - i0);
      if (packing) packA(transA, m, k, a, i0, mc, p0, kc, pa);
      for (let jr = 0; jr < n; jr += NR) {
        const nr = min(NR, n - jr);
        const direct = bInPlace && jr < fullPanels;
        const pbPanel = direct ? b + <usize>(p0 * n + jr) * 4 : pb + <usize>(jr * kc) * 4;
        const bs: usize = direct ? <usize>n * 4 : <usize>(NR * 4);
        for (let ir = 0; ir < mc; ir += MR) {
          const mr = min(MR, mc - ir);
          const i = i0 + ir;
          const aPanel = packing ? pa + <usize>(ir * kc) * 4 : a + <usize>(transA ? p0 * m + i : i * k + p0) * 4;
          const cTile = c + <usize>(i * n + jr) * 4;
          if (packing && mr > 4) microPacked(kc, aPanel, pbPanel, bs, cTile, n, mr, nr, add, tile);
          else if (mr > 4) micro(kc, aPanel, rs, ds, pbPanel, bs, cTile, n, mr, nr, add, tile);
          else if (mr > 2) micro4(kc, aPanel, rs, ds, pbPanel, bs, cTile, n, mr, nr, add, tile);
          else micro2(kc, aPanel, rs, ds, pbPanel, bs, cTile, n, mr, nr, add, tile);
        }
      }
    }
  }
}
