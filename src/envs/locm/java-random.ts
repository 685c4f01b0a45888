// Bit-exact port of java.util.Random and Collections.shuffle, the only randomness of the LOCM
// referees (RULES §3). The 48-bit state is kept as two 24-bit limbs so every product is exact in
// doubles; BigInt appears only in seeding and nextLong, which run a handful of times per game.

const TWO24 = 16777216;
const MASK48 = (1n << 48n) - 1n;
const MULT = 0x5deece66dn;
const MULT_HI = 0x5de; // MULT >> 24
const MULT_LO = 0xece66d; // MULT & (2^24 − 1)
const INV24 = 1 / TWO24;

/** A Java `long` seed: a bigint in the signed 64-bit range, or a safe integer. */
export type JavaSeed = bigint | number;

export class JavaRandom {
  private hi = 0;
  private lo = 0;

  constructor(seed: JavaSeed) {
    this.setSeed(seed);
  }

  /** `setSeed(long)`: scrambles the seed with the multiplier; an int seed is sign-extended. */
  setSeed(seed: JavaSeed): void {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
      throw new RangeError(`JavaRandom seed must be an integer (a bigint for values beyond 2^53), got ${seed}`);
    }
    const s = (BigInt.asIntN(64, BigInt(seed)) ^ MULT) & MASK48;
    this.hi = Number(s >> 24n);
    this.lo = Number(s & 0xffffffn);
  }

  /** `next(bits)`: advances the LCG and returns the top `bits` bits (signed for bits = 32). */
  next(bits: number): number {
    const lo = this.lo, hi = this.hi;
    // Limb products stay below 2^50, exact in doubles; multiplying by 2^−24 is an exact shift.
    const p0 = lo * MULT_LO + 0xb;
    const carry = Math.floor(p0 * INV24);
    const nlo = p0 - carry * TWO24;
    const h = carry + hi * MULT_LO + lo * MULT_HI;
    const nhi = h - Math.floor(h * INV24) * TWO24;
    this.lo = nlo;
    this.hi = nhi;
    // s >> (48 − bits) from the two 24-bit limbs; for bits = 32 `|` yields Java's int cast.
    return bits >= 24 ? (nhi << (bits - 24)) | (nlo >>> (48 - bits)) : nhi >>> (24 - bits);
  }

  nextInt(): number {
    return this.next(32);
  }

  /** `nextInt(bound)` with Java's power-of-two shortcut and rejection rule. */
  nextIntBounded(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x7fffffff) {
      throw new RangeError(`JavaRandom.nextIntBounded needs an int bound in [1, 2^31), got ${bound}`);
    }
    if ((bound & -bound) === bound) return Math.floor((bound * this.next(31)) / 2147483648);
    for (;;) {
      const r = this.next(31);
      const v = r % bound;
      if (r - v + (bound - 1) < 2147483648) return v;
    }
  }

  /** `nextLong()`: (next(32) << 32) + next(32) with signed 64-bit wrap-around. */
  nextLong(): bigint {
    const a = BigInt(this.next(32));
    const b = BigInt(this.next(32));
    return BigInt.asIntN(64, (a << 32n) + b);
  }

  nextDouble(): number {
    return (this.next(26) * 134217728 + this.next(27)) / 9007199254740992;
  }
}

/** `Collections.shuffle(list, rnd)` for random-access lists, in place; `n` limits it to a prefix. */
export function javaShuffle<T>(list: T[] | Int32Array, rnd: JavaRandom, n = list.length): void {
  for (let i = n; i > 1; i--) {
    const j = rnd.nextIntBounded(i);
    const t = list[i - 1];
    list[i - 1] = list[j];
    list[j] = t;
  }
}

/** Parses a Java `long` written in decimal the way `Long.parseLong` does; null when it would throw. */
export function parseJavaLong(text: string): bigint | null {
  if (!/^[+-]?\d+$/.test(text)) return null;
  const v = BigInt(text);
  return v === BigInt.asIntN(64, v) ? v : null;
}
