// Categorical distribution over the last dimension of a logits tensor, with optional action
// masking: illegal actions get a large negative logit (MASKED_LOGIT, as CleanRL's invalid-action
// masking does), so their probability is exactly 0 in float32, they are never sampled, they add
// nothing to the entropy, and they receive no gradient.

import type { Rng } from '../rng.js';
import { Tensor, ShapeError, fmt } from '../tensor.js';
import * as op from '../ops/index.js';

/** The logit given to masked actions. Large but finite, so that 0·logit stays 0 (no NaN). */
export const MASKED_LOGIT = -1e8;

export class Categorical {
  /** Logits after masking, [..., n]. */
  readonly logits: Tensor;
  /** Normalised log-probabilities, [..., n]. */
  readonly logProbs: Tensor;
  /** Number of categories n. */
  readonly n: number;
  /** Number of distributions (the product of the leading dimensions). */
  readonly batch: number;

  /**
   * @param logits [..., n] unnormalised log-probabilities.
   * @param legal optional mask, non-zero = allowed, of length batch·n (or n, shared by all rows).
   *   Every row must allow at least one action.
   */
  constructor(logits: Tensor, readonly legal: Uint8Array | null = null) {
    if (logits.shape.length === 0) throw new ShapeError('Categorical: logits need a category dimension');
    this.n = logits.shape[logits.shape.length - 1];
    this.batch = logits.size / this.n;
    if (legal !== null) {
      if (legal.length !== logits.size && legal.length !== this.n) throw new ShapeError(`Categorical: a mask of length ${legal.length} does not fit logits ${fmt(logits.shape)}`);
      const rows = legal.length / this.n;
      for (let r = 0; r < rows; r++) {
        let any = false;
        for (let a = 0; a < this.n; a++) if (legal[r * this.n + a] !== 0) { any = true; break; }
        if (!any) throw new RangeError(`Categorical: row ${r} of the action mask allows no action`);
      }
      this.logits = op.where(legal, logits, MASKED_LOGIT);
    } else this.logits = logits;
    this.logProbs = op.logSoftmax(this.logits);
  }

  /** Probabilities as plain numbers (no gradient), written into `out` when given. */
  probs(out?: Float32Array): Float32Array {
    const lp = this.logProbs.data, p = out ?? new Float32Array(lp.length);
    for (let i = 0; i < lp.length; i++) p[i] = Math.exp(lp[i]);
    return p;
  }

  /** One action per row, drawn with `rng` (inverse CDF; masked actions are never returned). */
  sample(rng: Rng, out?: Int32Array): Int32Array {
    const n = this.n, lp = this.logProbs.data, res = out ?? new Int32Array(this.batch);
    const legal = this.legal, ml = legal === null ? 0 : legal.length;
    for (let r = 0; r < this.batch; r++) {
      const o = r * n;
      let u = rng.next(), pick = -1, lastLegal = -1;
      for (let a = 0; a < n; a++) {
        if (legal !== null && legal[(o + a) % ml] === 0) continue;
        lastLegal = a;
        u -= Math.exp(lp[o + a]);
        if (u < 0) { pick = a; break; }
      }
      res[r] = pick >= 0 ? pick : lastLegal; // rounding left u ≥ 0: the last allowed action
    }
    return res;
  }

  /** The most likely action per row. */
  mode(out?: Int32Array): Int32Array {
    return op.argmax(this.logits, -1, out);
  }

  /** log π(a) per row, shape of the leading dimensions. */
  logProb(actions: Int32Array): Tensor {
    if (actions.length !== this.batch) throw new ShapeError(`Categorical.logProb: ${actions.length} actions for ${this.batch} rows`);
    return op.reshape(op.gather(this.logProbs, -1, actions), this.logits.shape.slice(0, -1));
  }

  /** −Σ p·log p per row. */
  entropy(): Tensor {
    return op.neg(op.sum(op.mul(op.exp(this.logProbs), this.logProbs), -1));
  }
}
