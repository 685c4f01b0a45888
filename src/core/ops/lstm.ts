// One LSTM step, fused: both gate products, the gate nonlinearities and the state update in one
// node (PyTorch's equations and gate order i, f, g, o).
//   z = x·W_ih + h·W_hh + b;  i, f, o = σ(z_i), σ(z_f), σ(z_o);  g = tanh(z_g)
//   c' = f ⊙ c + i ⊙ g;  h' = o ⊙ tanh(c')

import { kernels } from '../kernels/index.js';
import { Node, Tensor, empty, gradOf, run, scratchF32, ShapeError, fmt } from '../tensor.js';
import { fillRows, addColumnSums } from './matmul.js';

function sigm(v: number): number {
  return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
}

class LstmCellNode extends Node {
  /** Activated gates [B, 4H]: i, f, g, o. */
  readonly gates: Float32Array;

  constructor(
    readonly x: Tensor, readonly h: Tensor, readonly c: Tensor,
    readonly wih: Tensor, readonly whh: Tensor, readonly b: Tensor | null,
    readonly hOut: Tensor, readonly cOut: Tensor,
    readonly batch: number, readonly nIn: number, readonly hid: number,
  ) {
    super(b !== null ? [x, h, c, wih, whh, b] : [x, h, c, wih, whh], [hOut, cOut]);
    this.gates = scratchF32(batch * 4 * hid);
  }

  forward(): void {
    const { batch, nIn, hid } = this, H4 = 4 * hid, z = this.gates, k = kernels();
    if (this.b !== null) fillRows(z, this.b.data, batch, H4);
    k.gemm(false, false, batch, H4, nIn, this.x.data, 0, this.wih.data, 0, z, 0, this.b !== null);
    k.gemm(false, false, batch, H4, hid, this.h.data, 0, this.whh.data, 0, z, 0, true);
    const c = this.c.data, ho = this.hOut.data, co = this.cOut.data;
    for (let r = 0; r < batch; r++) activateRow(z, r * H4, hid, c, r * hid, co, ho, r * hid);
  }

  backward(): void {
    const { batch, nIn, hid } = this, H4 = 4 * hid, a = this.gates, k = kernels();
    const dh = this.hOut.grad, dc = this.cOut.grad, c = this.c.data, co = this.cOut.data;
    const dz = scratchF32(batch * H4);
    const gc = this.c.requiresGrad ? gradOf(this.c) : null;
    for (let r = 0; r < batch; r++) {
      const zo = r * H4, so = r * hid;
      for (let j = 0; j < hid; j++) {
        const i = a[zo + j], f = a[zo + hid + j], g = a[zo + 2 * hid + j], o = a[zo + 3 * hid + j];
        const tc = Math.tanh(co[so + j]);
        const dhv = dh !== null ? dh[so + j] : 0;
        const dct = (dc !== null ? dc[so + j] : 0) + dhv * o * (1 - tc * tc);
        dz[zo + j] = dct * g * i * (1 - i);
        dz[zo + hid + j] = dct * c[so + j] * f * (1 - f);
        dz[zo + 2 * hid + j] = dct * i * (1 - g * g);
        dz[zo + 3 * hid + j] = dhv * tc * o * (1 - o);
        if (gc !== null) gc[so + j] += dct * f;
      }
    }
    if (this.x.requiresGrad) k.gemm(false, true, batch, nIn, H4, dz, 0, this.wih.data, 0, gradOf(this.x), 0, true);
    if (this.h.requiresGrad) k.gemm(false, true, batch, hid, H4, dz, 0, this.whh.data, 0, gradOf(this.h), 0, true);
    if (this.wih.requiresGrad) k.gemm(true, false, nIn, H4, batch, this.x.data, 0, dz, 0, gradOf(this.wih), 0, true);
    if (this.whh.requiresGrad) k.gemm(true, false, hid, H4, batch, this.h.data, 0, dz, 0, gradOf(this.whh), 0, true);
    if (this.b !== null && this.b.requiresGrad) addColumnSums(dz, batch, H4, gradOf(this.b));
  }
}

/**
 * One LSTM step. x [B, in], h and c [B, H], W_ih [in, 4H], W_hh [H, 4H], b [4H] (gate order
 * i, f, g, o). Returns the new [h, c].
 */
export function lstmCell(x: Tensor, h: Tensor, c: Tensor, wIh: Tensor, wHh: Tensor, b: Tensor | null = null): [Tensor, Tensor] {
  if (x.shape.length !== 2 || h.shape.length !== 2) throw new ShapeError(`lstmCell: x ${fmt(x.shape)} and h ${fmt(h.shape)} must be [B, n]`);
  const [batch, nIn] = x.shape, hid = h.shape[1];
  const ok = h.shape[0] === batch && c.shape.length === 2 && c.shape[0] === batch && c.shape[1] === hid
    && wIh.shape.length === 2 && wIh.shape[0] === nIn && wIh.shape[1] === 4 * hid
    && wHh.shape.length === 2 && wHh.shape[0] === hid && wHh.shape[1] === 4 * hid
    && (b === null || (b.shape.length === 1 && b.shape[0] === 4 * hid));
  if (!ok) throw new ShapeError(`lstmCell: shapes x ${fmt(x.shape)}, h ${fmt(h.shape)}, c ${fmt(c.shape)}, W_ih ${fmt(wIh.shape)}, W_hh ${fmt(wHh.shape)}${b ? `, b ${fmt(b.shape)}` : ''} do not fit`);
  const hOut = empty([batch, hid]), cOut = empty([batch, hid]);
  run(new LstmCellNode(x, h, c, wIh, wHh, b, hOut, cOut, batch, nIn, hid));
  return [hOut, cOut];
}

class LstmSequenceNode extends Node {
  /** Activated gates of every step [T·B, 4H]: i, f, g, o. */
  readonly gates: Float32Array;
  /** Cell states of every step [T·B, H]. */
  readonly cells: Float32Array;

  constructor(readonly zx: Tensor, readonly whh: Tensor, readonly hs: Tensor, readonly steps: number, readonly batch: number, readonly hid: number) {
    super([zx, whh], [hs]);
    this.gates = scratchF32(steps * batch * 4 * hid);
    this.cells = scratchF32(steps * batch * hid);
  }

  forward(): void {
    const { steps, batch, hid } = this, H4 = 4 * hid, z = this.gates, cs = this.cells, hs = this.hs.data, k = kernels();
    z.set(this.zx.data);
    for (let t = 0; t < steps; t++) {
      const zt = t * batch * H4, st = t * batch * hid;
      if (t > 0) k.gemm(false, false, batch, H4, hid, hs, st - batch * hid, this.whh.data, 0, z, zt, true);
      for (let r = 0; r < batch; r++) {
        const so = st + r * hid;
        activateRow(z, zt + r * H4, hid, t > 0 ? cs : null, so - batch * hid, cs, hs, so);
      }
    }
  }

  backward(): void {
    const { steps, batch, hid } = this, H4 = 4 * hid, a = this.gates, cs = this.cells, k = kernels(), bh = batch * hid;
    const dhs = this.hs.grad, dz = scratchF32(steps * batch * H4), dh = scratchF32(bh), dc = scratchF32(bh);
    dh.fill(0);
    dc.fill(0);
    for (let t = steps - 1; t >= 0; t--) {
      const zt = t * batch * H4, st = t * bh;
      for (let r = 0; r < batch; r++) {
        const zo = zt + r * H4, so = st + r * hid, ro = r * hid;
        for (let j = 0; j < hid; j++) {
          const i = a[zo + j], f = a[zo + hid + j], g = a[zo + 2 * hid + j], o = a[zo + 3 * hid + j];
          const tc = Math.tanh(cs[so + j]), cPrev = t > 0 ? cs[so - bh + j] : 0;
          const dhv = (dhs !== null ? dhs[so + j] : 0) + dh[ro + j];
          const dct = dc[ro + j] + dhv * o * (1 - tc * tc);
          dz[zo + j] = dct * g * i * (1 - i);
          dz[zo + hid + j] = dct * cPrev * f * (1 - f);
          dz[zo + 2 * hid + j] = dct * i * (1 - g * g);
          dz[zo + 3 * hid + j] = dhv * tc * o * (1 - o);
          dc[ro + j] = dct * f;
        }
      }
      // The gradient reaching the previous step's h through W_hh.
      if (t > 0) k.gemm(false, true, batch, hid, H4, dz, zt, this.whh.data, 0, dh, 0, false);
    }
    if (this.whh.requiresGrad && steps > 1) k.gemm(true, false, hid, H4, (steps - 1) * batch, this.hs.data, 0, dz, batch * H4, gradOf(this.whh), 0, true);
    if (this.zx.requiresGrad) {
      const g = gradOf(this.zx);
      for (let i = 0; i < g.length; i++) g[i] += dz[i];
    }
  }
}

/**
 * A whole single-layer LSTM over time from zero state, given each step's input gate
 * pre-activations zx [T, B, 4H] (x·W_ih + b, e.g. one `linear` over all steps) and W_hh [H, 4H]:
 * the hidden states of every step [T, B, H]. Same equations and gate order as lstmCell, in one
 * node: the recurrent product is the only per-step GEMM, W_hh's gradient one GEMM over all steps.
 */
export function lstmSequence(zx: Tensor, whh: Tensor): Tensor {
  if (zx.shape.length !== 3 || whh.shape.length !== 2 || zx.shape[2] !== whh.shape[1] || whh.shape[1] !== 4 * whh.shape[0]) {
    throw new ShapeError(`lstmSequence: zx ${fmt(zx.shape)} and W_hh ${fmt(whh.shape)} must be [T, B, 4H] and [H, 4H]`);
  }
  const [steps, batch] = zx.shape, hid = whh.shape[0];
  const hs = empty([steps, batch, hid]);
  run(new LstmSequenceNode(zx, whh, hs, steps, batch, hid));
  return hs;
}

/**
 * One row's gate activations in place (z: pre-activations i, f, g, o of width `hid` each) and its new
 * cell and hidden state; `cPrev` null means a zero previous cell (the first step of a sequence).
 */
function activateRow(z: Float32Array, zo: number, hid: number, cPrev: Float32Array | null, cPrevOff: number, cOut: Float32Array, hOut: Float32Array, so: number): void {
  for (let j = 0; j < hid; j++) {
    const i = sigm(z[zo + j]), f = sigm(z[zo + hid + j]), g = Math.tanh(z[zo + 2 * hid + j]), o = sigm(z[zo + 3 * hid + j]);
    z[zo + j] = i;
    z[zo + hid + j] = f;
    z[zo + 2 * hid + j] = g;
    z[zo + 3 * hid + j] = o;
    const cn = (cPrev !== null ? f * cPrev[cPrevOff + j] : 0) + i * g;
    cOut[so + j] = cn;
    hOut[so + j] = o * Math.tanh(cn);
  }
}
