// Seeded random numbers for every random source in Ludus.
// Generator: xoshiro128** (Blackman & Vigna), 128-bit state, period 2^128 − 1, seeded by
// SplitMix32 from a 32-bit seed. Pure 32-bit integer arithmetic, so it is fast in JavaScript,
// gives the same numbers on every platform, and its state can be saved and restored exactly.

export type Seed = number;

/** The full generator state, for checkpoints: four unsigned 32-bit words (plus the cached normal). */
export interface RngState {
  s: [number, number, number, number];
  spareNormal: number | null;
}

function splitmix32(x: number): [number, number] {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [x, z >>> 0];
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  constructor(seed: Seed = 0) {
    this.seed(seed);
  }

  /** Re-seeds in place. Any finite number is accepted; it is reduced to 32 bits. */
  seed(seed: Seed): void {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng seed must be a finite number, got ${seed}`);
    let x = (Math.floor(seed) % 0x100000000) | 0;
    let out: number;
    [x, out] = splitmix32(x); this.s0 = out;
    [x, out] = splitmix32(x); this.s1 = out;
    [x, out] = splitmix32(x); this.s2 = out;
    [x, out] = splitmix32(x); this.s3 = out;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spare = null;
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 = s2 ^ s0;
    this.s3 = s3 ^ s1;
    this.s1 = s1 ^ this.s2;
    this.s0 = s0 ^ this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform double in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.next();
  }

  /** Uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!(n >= 1) || n > 0x100000000 || !Number.isInteger(n)) throw new RangeError(`Rng.int needs an integer n in [1, 2^32], got ${n}`);
    const limit = 0x100000000 - (0x100000000 % n);
    let x = this.nextU32();
    while (x >= limit) x = this.nextU32();
    return x % n;
  }

  /** Uniform integer in [low, high). */
  intRange(low: number, high: number): number {
    return low + this.int(high - low);
  }

  /** Standard normal (Box–Muller; the second value is cached). */
  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** Index drawn from unnormalised non-negative weights (length n, read from offset). */
  categorical(weights: ArrayLike<number>, n = weights.length, offset = 0): number {
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[offset + i];
    if (!(total > 0)) throw new RangeError('Rng.categorical needs weights with a positive sum');
    let u = this.next() * total;
    for (let i = 0; i < n; i++) {
      u -= weights[offset + i];
      if (u < 0) return i;
    }
    for (let i = n - 1; i >= 0; i--) if (weights[offset + i] > 0) return i;
    return n - 1;
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(a: T[] | Float32Array | Int32Array | Uint32Array): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** A new generator whose stream is independent of this one's (derived from the next draws). */
  fork(): Rng {
    const child = new Rng(0);
    child.s0 = this.nextU32() | 0;
    child.s1 = this.nextU32() | 0;
    child.s2 = this.nextU32() | 0;
    child.s3 = this.nextU32() | 0;
    if ((child.s0 | child.s1 | child.s2 | child.s3) === 0) child.s0 = 1;
    return child;
  }

  getState(): RngState {
    return { s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0], spareNormal: this.spare };
  }

  setState(state: RngState): void {
    const s = state?.s;
    if (!Array.isArray(s) || s.length !== 4 || s.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
      throw new TypeError('Rng.setState: expected { s: four unsigned 32-bit integers, spareNormal }');
    }
    if ((s[0] | s[1] | s[2] | s[3]) === 0) throw new RangeError('Rng.setState: the all-zero state is invalid');
    this.s0 = s[0] | 0; this.s1 = s[1] | 0; this.s2 = s[2] | 0; this.s3 = s[3] | 0;
    this.spare = state.spareNormal ?? null;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Derives a well-mixed 32-bit seed for a named sub-stream, e.g. deriveSeed(runSeed, 'env', 3). */
export function deriveSeed(seed: Seed, ...path: (string | number)[]): Seed {
  let h = (Math.floor(seed) | 0) ^ 0x5bd1e995;
  for (const part of path) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    }
    h = splitmix32(h)[1] | 0;
  }
  return h >>> 0;
}
