// Spaces after Gymnasium 1.x (GYMNASIUM-SEMANTICS §3): Discrete, Box, MultiDiscrete, MultiBinary,
// Dict and Tuple, each with its own seeded generator, `sample`, `contains`, equality and a short
// description; plus `batchSpace` (§3.7) for vector envs and helpers for flat numeric layouts.
import { Rng } from '../core/rng.js';
import { checkSeed, entropySeed } from './seeding.js';
import { EnvError, type Space } from './types.js';

/** Element types of Box, MultiDiscrete and MultiBinary values. */
export type Dtype = 'float32' | 'float64' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32';

export interface DtypeArrays {
  float32: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
}

export type NumericArray = DtypeArrays[Dtype];

type ArrayCtor = { new (n: number): NumericArray; new (a: ArrayLike<number>): NumericArray };

const CTORS: Record<Dtype, ArrayCtor> = {
  float32: Float32Array, float64: Float64Array, int8: Int8Array, uint8: Uint8Array,
  int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array,
};

const INT_RANGE: Record<Exclude<Dtype, 'float32' | 'float64'>, [number, number]> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], uint16: [0, 65535],
  int32: [-2147483648, 2147483647], uint32: [0, 4294967295],
};

/** NumPy's "safe" casts: which array element types may be read as `to` without loss. */
const SAFE_FROM: Record<Dtype, readonly Dtype[]> = {
  float32: ['float32', 'int8', 'uint8', 'int16', 'uint16'],
  float64: ['float64', 'float32', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32'],
  int8: ['int8'],
  uint8: ['uint8'],
  int16: ['int16', 'int8', 'uint8'],
  uint16: ['uint16', 'uint8'],
  int32: ['int32', 'int8', 'uint8', 'int16', 'uint16'],
  uint32: ['uint32', 'uint8', 'uint16'],
};

export function isFloatDtype(d: Dtype): d is 'float32' | 'float64' {
  return d === 'float32' || d === 'float64';
}

/** The dtype of a typed array, or null for anything else. */
export function dtypeOf(x: unknown): Dtype | null {
  if (x instanceof Float32Array) return 'float32';
  if (x instanceof Float64Array) return 'float64';
  if (x instanceof Int8Array) return 'int8';
  if (x instanceof Uint8Array) return 'uint8';
  if (x instanceof Int16Array) return 'int16';
  if (x instanceof Uint16Array) return 'uint16';
  if (x instanceof Int32Array) return 'int32';
  if (x instanceof Uint32Array) return 'uint32';
  return null;
}

export function newArray<D extends Dtype>(dtype: D, n: number): DtypeArrays[D] {
  return new CTORS[dtype](n) as DtypeArrays[D];
}

function castScalar(dtype: Dtype, v: number): number {
  if (dtype === 'float32') return Math.fround(v);
  if (dtype === 'float64') return v;
  const [lo, hi] = INT_RANGE[dtype];
  return Math.min(hi, Math.max(lo, Math.floor(v)));
}

function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function checkShape(shape: readonly number[], where: string): number[] {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new EnvError(`${where}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  return [...shape];
}

function fmt(v: number): string {
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

function shapeString(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Common base: the space's own generator, seeded from entropy on first use unless seeded (§2 rule 6). */
abstract class BaseSpace<T> implements Space<T> {
  abstract readonly shape: readonly number[];
  private generator: Rng | null = null;

  protected get rng(): Rng {
    if (this.generator === null) this.generator = new Rng(entropySeed());
    return this.generator;
  }

  seed(seed: number): void {
    this.generator = new Rng(checkSeed(seed, `${this.toString()}.seed`));
  }

  /** Draws a sub-seed in [0, 2^31 − 1) from this space's generator, for composite spaces. */
  protected subSeed(): number {
    return this.rng.int(0x7fffffff);
  }

  abstract sample(): T;
  abstract contains(x: unknown): boolean;
  abstract equals(other: Space<unknown>): boolean;
  abstract toString(): string;
}

// ---------------------------------------------------------------------------------------------
// Discrete

/** The integers start, start+1, …, start+n−1. Values are plain numbers. */
export class Discrete extends BaseSpace<number> {
  readonly shape: readonly number[] = [];
  readonly dtype = 'int64';

  constructor(readonly n: number, readonly start = 0) {
    super();
    if (!Number.isInteger(n) || n <= 0) throw new EnvError(`Discrete: n must be a positive integer, got ${n}`);
    if (!Number.isInteger(start)) throw new EnvError(`Discrete: start must be an integer, got ${start}`);
  }

  /**
   * A uniform value; with `mask` (length n, entries 0/1) uniform over the allowed ones (start if none);
   * with `probability` (length n, summing to 1) drawn with those probabilities.
   */
  sample(mask?: ArrayLike<number> | null, probability?: ArrayLike<number> | null): number {
    if (mask != null && probability != null) throw new EnvError(`${this}.sample: pass either mask or probability, not both`);
    if (mask != null) {
      if (mask.length !== this.n) throw new EnvError(`${this}.sample: mask must have length ${this.n}, got ${mask.length}`);
      let count = 0;
      for (let i = 0; i < this.n; i++) {
        const m = mask[i];
        if (m !== 0 && m !== 1) throw new EnvError(`${this}.sample: mask entries must be 0 or 1, got ${m} at ${i}`);
        count += m;
      }
      if (count === 0) return this.start;
      let k = this.rng.int(count);
      for (let i = 0; i < this.n; i++) if (mask[i] === 1 && k-- === 0) return this.start + i;
    }
    if (probability != null) {
      if (probability.length !== this.n) throw new EnvError(`${this}.sample: probability must have length ${this.n}, got ${probability.length}`);
      let sum = 0;
      for (let i = 0; i < this.n; i++) {
        const p = probability[i];
        if (!(p >= 0 && p <= 1)) throw new EnvError(`${this}.sample: probabilities must lie in [0, 1], got ${p} at ${i}`);
        sum += p;
      }
      if (Math.abs(sum - 1) > 1e-8) throw new EnvError(`${this}.sample: probabilities must sum to 1, got ${sum}`);
      return this.start + this.rng.categorical(probability, this.n);
    }
    return this.start + this.rng.int(this.n);
  }

  /** True for an integer (or boolean, read as 0/1) in [start, start+n). Floats such as 1.0 are numbers in JS, so integral values pass. */
  contains(x: unknown): boolean {
    const v = typeof x === 'boolean' ? Number(x) : x;
    return typeof v === 'number' && Number.isInteger(v) && v >= this.start && v < this.start + this.n;
  }

  equals(other: Space<unknown>): boolean {
    return other instanceof Discrete && other.n === this.n && other.start === this.start;
  }

  toString(): string {
    return this.start === 0 ? `Discrete(${this.n})` : `Discrete(${this.n}, start=${this.start})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Box

export type BoundedManner = 'both' | 'below' | 'above';

/**
 * A (possibly unbounded) box in R^shape. Values are flat typed arrays of the dtype (row-major);
 * the shape is metadata. Bounds are stored cast to the dtype, as Gymnasium does.
 */
export class Box<D extends Dtype = 'float32'> extends BaseSpace<DtypeArrays[D]> {
  readonly shape: readonly number[];
  readonly dtype: D;
  /** Number of elements (product of the shape). */
  readonly size: number;
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly boundedBelow: Uint8Array;
  readonly boundedAbove: Uint8Array;

  constructor(low: number | ArrayLike<number>, high: number | ArrayLike<number>, shape?: readonly number[] | null, dtype?: D) {
    super();
    this.dtype = (dtype ?? 'float32') as D;
    if (!(this.dtype in CTORS)) throw new EnvError(`Box: unknown dtype ${String(dtype)}; use one of ${Object.keys(CTORS).join(', ')}`);
    if (shape != null) this.shape = checkShape(shape, 'Box');
    else if (typeof low !== 'number') this.shape = [low.length];
    else if (typeof high !== 'number') this.shape = [high.length];
    else this.shape = [1];
    this.size = shapeSize(this.shape);
    this.low = this.bound(low, 'low');
    this.high = this.bound(high, 'high');
    this.boundedBelow = new Uint8Array(this.size);
    this.boundedAbove = new Uint8Array(this.size);
    const isFloat = isFloatDtype(this.dtype);
    for (let i = 0; i < this.size; i++) {
      if (this.low[i] > this.high[i]) throw new EnvError(`Box: low > high at index ${i} (${this.low[i]} > ${this.high[i]})`);
      // Integer boxes replace infinite bounds by the dtype's range, so they are always bounded.
      this.boundedBelow[i] = isFloat ? Number(this.low[i] > -Infinity) : 1;
      this.boundedAbove[i] = isFloat ? Number(this.high[i] < Infinity) : 1;
    }
  }

  private bound(b: number | ArrayLike<number>, name: string): Float64Array {
    const out = new Float64Array(this.size);
    if (typeof b === 'number') out.fill(b);
    else {
      if (b.length !== this.size) throw new EnvError(`Box: ${name} has ${b.length} elements but the shape ${JSON.stringify(this.shape)} needs ${this.size}`);
      for (let i = 0; i < this.size; i++) out[i] = b[i];
    }
    for (let i = 0; i < this.size; i++) {
      let v = out[i];
      if (Number.isNaN(v)) throw new EnvError(`Box: ${name} is NaN at index ${i}`);
      if (!isFloatDtype(this.dtype)) {
        const [lo, hi] = INT_RANGE[this.dtype as Exclude<Dtype, 'float32' | 'float64'>];
        if (v === Infinity || v === -Infinity) {
          if (lo === 0 && v === -Infinity) throw new EnvError(`Box: ${name} = -inf is not allowed for unsigned dtype ${this.dtype}`);
          v = v > 0 ? hi : lo;
        } else if (v < lo || v > hi) {
          throw new EnvError(`Box: ${name} ${v} at index ${i} is outside the range of ${this.dtype} [${lo}, ${hi}]`);
        } else if (!Number.isInteger(v)) {
          v = Math.floor(v);
        }
      }
      out[i] = castScalar(this.dtype, v);
    }
    return out;
  }

  isBounded(manner: BoundedManner = 'both'): boolean {
    let below = true;
    let above = true;
    for (let i = 0; i < this.size; i++) {
      if (!this.boundedBelow[i]) below = false;
      if (!this.boundedAbove[i]) above = false;
    }
    return manner === 'both' ? below && above : manner === 'below' ? below : above;
  }

  /** Per component: uniform on [low, high) (integers: [low, high]), low + Exp(1), high − Exp(1) or N(0, 1). */
  sample(): DtypeArrays[D] {
    return this.sampleInto(newArray(this.dtype, this.size));
  }

  /** `sample` into a preallocated array (no allocation). */
  sampleInto(out: DtypeArrays[D]): DtypeArrays[D] {
    const rng = this.rng;
    const isFloat = isFloatDtype(this.dtype);
    for (let i = 0; i < this.size; i++) {
      const lo = this.low[i];
      const hi = this.high[i];
      let v: number;
      if (!isFloat) v = Math.min(hi, Math.floor(rng.uniform(lo, hi + 1)));
      else if (this.boundedBelow[i] && this.boundedAbove[i]) v = rng.uniform(lo, hi);
      else if (this.boundedBelow[i]) v = lo - Math.log1p(-rng.next());
      else if (this.boundedAbove[i]) v = hi + Math.log1p(-rng.next());
      else v = rng.normal();
      out[i] = v;
    }
    return out;
  }

  /**
   * True for a typed array whose dtype casts safely to the box's (a Float64Array is NOT in a float32 box),
   * or a plain array of numbers (converted to the dtype first), with `size` elements, low ≤ x ≤ high.
   */
  contains(x: unknown): boolean {
    let values: ArrayLike<number>;
    const d = dtypeOf(x);
    if (d !== null) {
      if (!SAFE_FROM[this.dtype].includes(d)) return false;
      values = x as NumericArray;
    } else if (Array.isArray(x)) {
      if (!x.every((v) => typeof v === 'number')) return false;
      values = x.map((v: number) => (isFloatDtype(this.dtype) ? castScalar(this.dtype, v) : v));
      if (!isFloatDtype(this.dtype) && !(values as number[]).every(Number.isInteger)) return false;
    } else {
      return false;
    }
    if (values.length !== this.size) return false;
    for (let i = 0; i < this.size; i++) {
      const v = values[i];
      if (!(v >= this.low[i] && v <= this.high[i])) return false;
    }
    return true;
  }

  equals(other: Space<unknown>): boolean {
    if (!(other instanceof Box) || other.dtype !== this.dtype || other.shape.join() !== this.shape.join()) return false;
    const close = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
    for (let i = 0; i < this.size; i++) {
      if (!close(this.low[i], other.low[i]) || !close(this.high[i], other.high[i])) return false;
    }
    return true;
  }

  toString(): string {
    const side = (a: Float64Array): string => {
      if (a.length > 0 && a.every((v) => v === a[0])) return fmt(a[0]);
      return `[${Array.from(a, fmt).join(', ')}]`;
    };
    return `Box(${side(this.low)}, ${side(this.high)}, ${shapeString(this.shape)}, ${this.dtype})`;
  }
}

// ---------------------------------------------------------------------------------------------
// MultiDiscrete

/** Independent discrete components: component i takes values in [start_i, start_i + nvec_i). Values are Int32Arrays. */
export class MultiDiscrete extends BaseSpace<Int32Array> {
  readonly shape: readonly number[];
  readonly dtype = 'int32';
  readonly nvec: Int32Array;
  readonly start: Int32Array;

  constructor(nvec: ArrayLike<number>, start?: ArrayLike<number> | null, shape?: readonly number[]) {
    super();
    this.nvec = Int32Array.from(nvec as ArrayLike<number>);
    this.shape = shape != null ? checkShape(shape, 'MultiDiscrete') : [this.nvec.length];
    if (shapeSize(this.shape) !== this.nvec.length) throw new EnvError(`MultiDiscrete: shape ${JSON.stringify(shape)} does not hold ${this.nvec.length} components`);
    for (let i = 0; i < this.nvec.length; i++) {
      if (!Number.isInteger(nvec[i]) || nvec[i] <= 0) throw new EnvError(`MultiDiscrete: every nvec entry must be a positive integer, got ${nvec[i]} at ${i}`);
    }
    this.start = start == null ? new Int32Array(this.nvec.length) : Int32Array.from(start as ArrayLike<number>);
    if (this.start.length !== this.nvec.length) throw new EnvError(`MultiDiscrete: start has ${this.start.length} entries, nvec ${this.nvec.length}`);
  }

  /** Uniform components; with `mask` (one 0/1 array per component) uniform over allowed values, start where none is. */
  sample(mask?: ReadonlyArray<ArrayLike<number>> | null): Int32Array {
    const out = new Int32Array(this.nvec.length);
    for (let i = 0; i < out.length; i++) {
      const n = this.nvec[i];
      if (mask != null) {
        const m = mask[i];
        if (m == null || m.length !== n) throw new EnvError(`${this}.sample: mask for component ${i} must have length ${n}`);
        let count = 0;
        for (let j = 0; j < n; j++) count += m[j] === 1 ? 1 : 0;
        if (count === 0) { out[i] = this.start[i]; continue; }
        let k = this.rng.int(count);
        for (let j = 0; j < n; j++) if (m[j] === 1 && k-- === 0) { out[i] = this.start[i] + j; break; }
      } else {
        out[i] = this.start[i] + Math.floor(this.rng.next() * n);
      }
    }
    return out;
  }

  /** Integer components (typed int array, or plain integer array) with start ≤ x < start + nvec; floats are rejected. */
  contains(x: unknown): boolean {
    const d = dtypeOf(x);
    let values: ArrayLike<number>;
    if (d !== null) {
      if (isFloatDtype(d)) return false;
      values = x as NumericArray;
    } else if (Array.isArray(x) && x.every((v) => typeof v === 'number' && Number.isInteger(v))) {
      values = x as number[];
    } else {
      return false;
    }
    if (values.length !== this.nvec.length) return false;
    for (let i = 0; i < values.length; i++) {
      if (!(values[i] >= this.start[i] && values[i] < this.start[i] + this.nvec[i])) return false;
    }
    return true;
  }

  equals(other: Space<unknown>): boolean {
    return other instanceof MultiDiscrete && other.shape.join() === this.shape.join()
      && other.nvec.every((v, i) => v === this.nvec[i]) && other.start.every((v, i) => v === this.start[i]);
  }

  toString(): string {
    const nonzero = this.start.some((v) => v !== 0);
    return `MultiDiscrete([${this.nvec.join(', ')}]${nonzero ? `, start=[${this.start.join(', ')}]` : ''})`;
  }
}

// ---------------------------------------------------------------------------------------------
// MultiBinary

/** Bits of the given shape. Values are Int8Arrays of 0/1. */
export class MultiBinary extends BaseSpace<Int8Array> {
  readonly shape: readonly number[];
  readonly dtype = 'int8';
  readonly size: number;

  constructor(n: number | readonly number[]) {
    super();
    this.shape = typeof n === 'number' ? checkShape([n], 'MultiBinary') : checkShape(n, 'MultiBinary');
    this.size = shapeSize(this.shape);
  }

  /** Fair bits; with `mask` (entries 0, 1, 2) a 0/1 entry forces the bit, 2 leaves it random; with `probability`, bit = 1 where u ≤ p. */
  sample(mask?: ArrayLike<number> | null, probability?: ArrayLike<number> | null): Int8Array {
    if (mask != null && probability != null) throw new EnvError(`${this}.sample: pass either mask or probability, not both`);
    const out = new Int8Array(this.size);
    for (let i = 0; i < this.size; i++) {
      if (mask != null) {
        const m = mask[i];
        if (m !== 0 && m !== 1 && m !== 2) throw new EnvError(`${this}.sample: mask entries must be 0, 1 or 2, got ${m} at ${i}`);
        out[i] = m === 2 ? this.rng.nextU32() & 1 : m;
      } else if (probability != null) {
        out[i] = this.rng.next() <= probability[i] ? 1 : 0;
      } else {
        out[i] = this.rng.nextU32() & 1;
      }
    }
    return out;
  }

  /** Same number of elements, each equal to 0 or 1 (the dtype is not checked, as in Gymnasium). */
  contains(x: unknown): boolean {
    if (dtypeOf(x) === null && !Array.isArray(x)) return false;
    const values = x as ArrayLike<unknown>;
    if (values.length !== this.size) return false;
    for (let i = 0; i < values.length; i++) if (values[i] !== 0 && values[i] !== 1) return false;
    return true;
  }

  equals(other: Space<unknown>): boolean {
    return other instanceof MultiBinary && other.shape.join() === this.shape.join();
  }

  toString(): string {
    return this.shape.length === 1 ? `MultiBinary(${this.shape[0]})` : `MultiBinary(${shapeString(this.shape)})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Dict and Tuple

export type SpaceValue<S> = S extends Space<infer T> ? T : never;

/**
 * Named subspaces. From a plain object the keys are sorted (as Gymnasium sorts a dict);
 * from an array of [key, space] pairs the given order is kept.
 */
export class Dict extends BaseSpace<Record<string, unknown>> {
  readonly shape: readonly number[] = [];
  readonly spaces: ReadonlyMap<string, Space<unknown>>;

  constructor(spaces: Record<string, Space<unknown>> | ReadonlyArray<readonly [string, Space<unknown>]>) {
    super();
    const entries: Array<readonly [string, Space<unknown>]> = Array.isArray(spaces)
      ? [...(spaces as ReadonlyArray<readonly [string, Space<unknown>]>)]
      : Object.entries(spaces as Record<string, Space<unknown>>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const map = new Map<string, Space<unknown>>();
    for (const [k, s] of entries) {
      if (map.has(k)) throw new EnvError(`Dict: duplicate key "${k}"`);
      map.set(k, s);
    }
    this.spaces = map;
  }

  get(key: string): Space<unknown> {
    const s = this.spaces.get(key);
    if (s === undefined) throw new EnvError(`Dict: no key "${key}"; keys are ${[...this.spaces.keys()].join(', ')}`);
    return s;
  }

  keys(): string[] {
    return [...this.spaces.keys()];
  }

  /** An integer seeds this space, then each subspace with a sub-seed drawn in key order; an object seeds each key. */
  override seed(seed: number | Record<string, number>): void {
    if (typeof seed === 'number') {
      super.seed(seed);
      for (const s of this.spaces.values()) s.seed(this.subSeed());
      return;
    }
    const keys = Object.keys(seed);
    if (keys.length !== this.spaces.size || !keys.every((k) => this.spaces.has(k))) {
      throw new EnvError(`Dict.seed: the seed object must have exactly the keys ${this.keys().join(', ')}, got ${keys.join(', ')}`);
    }
    for (const [k, s] of this.spaces) s.seed(seed[k]);
  }

  sample(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, s] of this.spaces) out[k] = s.sample();
    return out;
  }

  contains(x: unknown): boolean {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
    const keys = Object.keys(x);
    if (keys.length !== this.spaces.size) return false;
    for (const [k, s] of this.spaces) {
      if (!Object.prototype.hasOwnProperty.call(x, k) || !s.contains((x as Record<string, unknown>)[k])) return false;
    }
    return true;
  }

  equals(other: Space<unknown>): boolean {
    if (!(other instanceof Dict) || other.spaces.size !== this.spaces.size) return false;
    for (const [k, s] of this.spaces) {
      const o = other.spaces.get(k);
      if (o === undefined || !spacesEqual(s, o)) return false;
    }
    return true;
  }

  toString(): string {
    return `Dict(${[...this.spaces].map(([k, s]) => `'${k}': ${s}`).join(', ')})`;
  }
}

/** An ordered sequence of subspaces. Values are arrays. */
export class Tuple extends BaseSpace<unknown[]> {
  readonly shape: readonly number[] = [];
  readonly spaces: readonly Space<unknown>[];

  constructor(spaces: readonly Space<unknown>[]) {
    super();
    this.spaces = [...spaces];
  }

  /** An integer seeds this space, then each subspace with a sub-seed drawn in order; an array seeds each subspace. */
  override seed(seed: number | readonly number[]): void {
    if (typeof seed === 'number') {
      super.seed(seed);
      for (const s of this.spaces) s.seed(this.subSeed());
      return;
    }
    if (seed.length !== this.spaces.length) throw new EnvError(`Tuple.seed: expected ${this.spaces.length} seeds, got ${seed.length}`);
    this.spaces.forEach((s, i) => s.seed(seed[i]));
  }

  sample(): unknown[] {
    return this.spaces.map((s) => s.sample());
  }

  contains(x: unknown): boolean {
    if (!Array.isArray(x) || x.length !== this.spaces.length) return false;
    return this.spaces.every((s, i) => s.contains(x[i]));
  }

  equals(other: Space<unknown>): boolean {
    return other instanceof Tuple && other.spaces.length === this.spaces.length
      && this.spaces.every((s, i) => spacesEqual(s, other.spaces[i]));
  }

  toString(): string {
    return `Tuple(${this.spaces.join(', ')})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface Equatable {
  equals(other: Space<unknown>): boolean;
}

function hasEquals(s: Space<unknown>): s is Space<unknown> & Equatable {
  return typeof (s as Partial<Equatable>).equals === 'function';
}

/** Structural equality of two spaces (falls back to identity for foreign Space implementations). */
export function spacesEqual(a: Space<unknown>, b: Space<unknown>): boolean {
  return hasEquals(a) ? a.equals(b) : a === b;
}

/**
 * The space of n stacked values (§3.7): Box → Box with a leading axis n; Discrete → MultiDiscrete of n
 * copies; MultiDiscrete → stacked MultiDiscrete; MultiBinary → Box(0, 1, [n, …], int8); Dict/Tuple element-wise.
 */
export function batchSpace(space: Space<unknown>, n: number): Space<unknown> {
  if (!Number.isInteger(n) || n <= 0) throw new EnvError(`batchSpace: n must be a positive integer, got ${n}`);
  if (space instanceof Box) {
    const low = new Float64Array(n * space.size);
    const high = new Float64Array(n * space.size);
    for (let i = 0; i < n; i++) { low.set(space.low, i * space.size); high.set(space.high, i * space.size); }
    return new Box(low, high, [n, ...space.shape], space.dtype);
  }
  if (space instanceof Discrete) return new MultiDiscrete(new Array<number>(n).fill(space.n), new Array<number>(n).fill(space.start));
  if (space instanceof MultiDiscrete) {
    const nvec: number[] = [];
    const start: number[] = [];
    for (let i = 0; i < n; i++) { nvec.push(...space.nvec); start.push(...space.start); }
    return new MultiDiscrete(nvec, start, [n, ...space.shape]);
  }
  if (space instanceof MultiBinary) return new Box(0, 1, [n, ...space.shape], 'int8');
  if (space instanceof Dict) return new Dict([...space.spaces].map(([k, s]) => [k, batchSpace(s, n)] as const));
  if (space instanceof Tuple) return new Tuple(space.spaces.map((s) => batchSpace(s, n)));
  throw new EnvError(`batchSpace: cannot batch ${space}`);
}

/** Number of numbers in one value of a flat numeric space (Discrete 1, Box/MultiDiscrete/MultiBinary their size). */
export function flatSize(space: Space<unknown>): number {
  if (space instanceof Discrete) return 1;
  if (space instanceof Box || space instanceof MultiBinary) return space.size;
  if (space instanceof MultiDiscrete) return space.nvec.length;
  throw new EnvError(`flatSize: ${space} is not a flat numeric space (Discrete, Box, MultiDiscrete or MultiBinary)`);
}

/**
 * Gymnasium's "zero" element of a space, used for padding (FrameStack): for a Box, 0 pushed into
 * [low, high]; for Discrete and MultiDiscrete, start; MultiBinary zeros; Dict and Tuple element-wise.
 */
export function zeroElement(space: Space<unknown>): unknown {
  if (space instanceof Box) {
    const out = newArray(space.dtype, space.size);
    for (let i = 0; i < space.size; i++) out[i] = space.low[i] > 0 ? space.low[i] : space.high[i] < 0 ? space.high[i] : 0;
    return out;
  }
  if (space instanceof Discrete) return space.start;
  if (space instanceof MultiDiscrete) return Int32Array.from(space.start);
  if (space instanceof MultiBinary) return new Int8Array(space.size);
  if (space instanceof Dict) return Object.fromEntries([...space.spaces].map(([k, s]) => [k, zeroElement(s)]));
  if (space instanceof Tuple) return space.spaces.map(zeroElement);
  throw new EnvError(`zeroElement: no zero element for ${space}`);
}
