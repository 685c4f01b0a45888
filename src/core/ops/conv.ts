// 2-D convolution, channels-last (NHWC), as im2col followed by one GEMM over the whole batch.
// Layout: input [B, H, W, C], filter [kh, kw, C, F], bias [F], output [B, Ho, Wo, F] — the
// TensorFlow layout. Channels-last makes every patch row a run of contiguous channels, lets the
// product be a single [B·Ho·Wo, kh·kw·C] × [kh·kw·C, F] GEMM, and takes observations such as
// MinAtar's 10×10×C grids as they come.

import { kernels } from '../kernels/index.js';
import { Node, Tensor, empty, gradOf, run, scratchF32, ShapeError, fmt } from '../tensor.js';
import { fillRows, addColumnSums } from './matmul.js';

export type Padding = 'valid' | 'same' | number | readonly [number, number];

export interface Conv2dOptions {
  /** Step between patches: one number or [vertical, horizontal]. Default 1. */
  stride?: number | readonly [number, number];
  /** 'valid' (none, the default), 'same' (TensorFlow's: output = ceil(input / stride)), or explicit zeros per side. */
  padding?: Padding;
}

/** Output size and leading padding for one spatial dimension. */
function geometry(n: number, k: number, s: number, p: Padding, axis: 0 | 1): [number, number] {
  if (p === 'valid') return [Math.floor((n - k) / s) + 1, 0];
  if (p === 'same') {
    const out = Math.ceil(n / s);
    const total = Math.max((out - 1) * s + k - n, 0);
    return [out, Math.floor(total / 2)];
  }
  const pad = typeof p === 'number' ? p : p[axis];
  return [Math.floor((n + 2 * pad - k) / s) + 1, pad];
}

interface ConvGeometry {
  B: number; H: number; W: number; C: number; kh: number; kw: number; F: number;
  Ho: number; Wo: number; sh: number; sw: number; pt: number; pl: number;
}

class Conv2dNode extends Node {
  /** im2col matrix [B·Ho·Wo, kh·kw·C]; the input itself for a 1×1 unit-stride unpadded filter. */
  readonly cols: Float32Array | null;

  constructor(readonly x: Tensor, readonly w: Tensor, readonly b: Tensor | null, readonly y: Tensor, readonly g: ConvGeometry) {
    super(b !== null ? [x, w, b] : [x, w], [y]);
    const direct = g.kh === 1 && g.kw === 1 && g.sh === 1 && g.sw === 1 && g.pt === 0 && g.pl === 0;
    this.cols = direct ? null : scratchF32(g.B * g.Ho * g.Wo * g.kh * g.kw * g.C);
  }

  forward(): void {
    const { B, H, W, C, kh, kw, F, Ho, Wo, sh, sw, pt, pl } = this.g;
    const x = this.x.data, M = B * Ho * Wo, K = kh * kw * C;
    let cols = this.cols;
    if (cols === null) cols = x;
    else {
      let r = 0;
      for (let b = 0; b < B; b++) {
        for (let oy = 0; oy < Ho; oy++) {
          for (let ox = 0; ox < Wo; ox++, r++) {
            let c0 = r * K;
            for (let ky = 0; ky < kh; ky++) {
              const iy = oy * sh - pt + ky;
              for (let kx = 0; kx < kw; kx++, c0 += C) {
                const ix = ox * sw - pl + kx;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) {
                  for (let c = 0; c < C; c++) cols[c0 + c] = 0;
                } else {
                  const xo = ((b * H + iy) * W + ix) * C;
                  for (let c = 0; c < C; c++) cols[c0 + c] = x[xo + c];
                }
              }
            }
          }
        }
      }
    }
    const Y = this.y.data;
    if (this.b !== null) fillRows(Y, this.b.data, M, F);
    kernels().gemm(false, false, M, F, K, cols, 0, this.w.data, 0, Y, 0, this.b !== null);
  }

  backward(): void {
    const { B, H, W, C, kh, kw, F, Ho, Wo, sh, sw, pt, pl } = this.g;
    const M = B * Ho * Wo, K = kh * kw * C, G = this.y.grad as Float32Array, k = kernels();
    const cols = this.cols ?? this.x.data;
    if (this.w.requiresGrad) k.gemm(true, false, K, F, M, cols, 0, G, 0, gradOf(this.w), 0, true);
    if (this.b !== null && this.b.requiresGrad) addColumnSums(G, M, F, gradOf(this.b));
    if (!this.x.requiresGrad) return;
    const gx = gradOf(this.x);
    if (this.cols === null) {
      k.gemm(false, true, M, K, F, G, 0, this.w.data, 0, gx, 0, true);
      return;
    }
    const dcols = scratchF32(M * K);
    k.gemm(false, true, M, K, F, G, 0, this.w.data, 0, dcols, 0, false);
    // col2im: add each patch gradient back onto the input positions it was read from.
    let r = 0;
    for (let b = 0; b < B; b++) {
      for (let oy = 0; oy < Ho; oy++) {
        for (let ox = 0; ox < Wo; ox++, r++) {
          let c0 = r * K;
          for (let ky = 0; ky < kh; ky++) {
            const iy = oy * sh - pt + ky;
            for (let kx = 0; kx < kw; kx++, c0 += C) {
              const ix = ox * sw - pl + kx;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
              const xo = ((b * H + iy) * W + ix) * C;
              for (let c = 0; c < C; c++) gx[xo + c] += dcols[c0 + c];
            }
          }
        }
      }
    }
  }
}

/** 2-D convolution (cross-correlation, as in every framework) of NHWC input with a [kh, kw, C, F] filter. */
export function conv2d(x: Tensor, w: Tensor, b: Tensor | null = null, opts: Conv2dOptions = {}): Tensor {
  if (x.shape.length !== 4) throw new ShapeError(`conv2d: input must be [B, H, W, C], got ${fmt(x.shape)}`);
  if (w.shape.length !== 4) throw new ShapeError(`conv2d: filter must be [kh, kw, C, F], got ${fmt(w.shape)}`);
  const [B, H, W, C] = x.shape;
  const [kh, kw, wc, F] = w.shape;
  if (wc !== C) throw new ShapeError(`conv2d: input has ${C} channels, filter ${fmt(w.shape)} expects ${wc}`);
  if (b !== null && (b.shape.length !== 1 || b.shape[0] !== F)) throw new ShapeError(`conv2d: bias ${fmt(b.shape)} does not fit ${F} filters`);
  const stride = opts.stride ?? 1;
  const sh = typeof stride === 'number' ? stride : stride[0], sw = typeof stride === 'number' ? stride : stride[1];
  const padding = opts.padding ?? 'valid';
  const [Ho, pt] = geometry(H, kh, sh, padding, 0);
  const [Wo, pl] = geometry(W, kw, sw, padding, 1);
  if (!(Ho > 0 && Wo > 0)) throw new ShapeError(`conv2d: a ${kh}×${kw} filter does not fit a ${H}×${W} input with this padding`);
  const y = empty([B, Ho, Wo, F]);
  run(new Conv2dNode(x, w, b, y, { B, H, W, C, kh, kw, F, Ho, Wo, sh, sw, pt, pl }));
  return y;
}
