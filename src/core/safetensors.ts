// Checkpoints in the safetensors format (huggingface/safetensors), so weights move between Ludus
// and Python tooling. Layout: an 8-byte little-endian header length N, N bytes of JSON header
// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}} padded
// with spaces to 8-byte alignment, then the tensors' bytes. Files are written the way the Rust
// reference writes them (tensors by descending dtype then name, metadata first), and every
// structural problem of a file read back gives a SafetensorsError naming the problem and the file.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file.js';

/** Element storage for each dtype. F16 and BF16 are kept as raw 16-bit patterns; BOOL as 0/1 bytes. */
export interface DtypeArrays {
  F64: Float64Array;
  F32: Float32Array;
  F16: Uint16Array;
  BF16: Uint16Array;
  I64: BigInt64Array;
  U64: BigUint64Array;
  I32: Int32Array;
  U32: Uint32Array;
  I16: Int16Array;
  U16: Uint16Array;
  I8: Int8Array;
  U8: Uint8Array;
  BOOL: Uint8Array;
}
export type Dtype = keyof DtypeArrays;

/** One named tensor: its dtype, its shape (row-major) and its elements. */
export type SafeTensor = { [D in Dtype]: { dtype: D; shape: readonly number[]; data: DtypeArrays[D] } }[Dtype];
export type TensorMap = Record<string, SafeTensor>;
export type Metadata = Record<string, string>;

export interface SafetensorsFile {
  tensors: TensorMap;
  metadata: Metadata;
}

export type SafetensorsErrorCode =
  | 'TRUNCATED' | 'HEADER_TOO_LARGE' | 'INVALID_JSON' | 'INVALID_HEADER' | 'UNKNOWN_DTYPE'
  | 'OFFSETS_OUT_OF_RANGE' | 'OFFSETS_OVERLAP' | 'BUFFER_NOT_COVERED' | 'SIZE_MISMATCH'
  | 'INVALID_TENSOR' | 'MISMATCH' | 'IO';

export class SafetensorsError extends Error {
  override readonly name = 'SafetensorsError';
  constructor(readonly code: SafetensorsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

interface DtypeInfo {
  bytes: number;
  // Position in the Rust reference's Dtype enum; files list larger positions first.
  rank: number;
  make(buffer: ArrayBuffer): DtypeArrays[Dtype];
  is(data: unknown): boolean;
}

const DTYPES: { [D in Dtype]: DtypeInfo } = {
  BOOL: { bytes: 1, rank: 0, make: (b) => new Uint8Array(b), is: (d) => d instanceof Uint8Array },
  U8: { bytes: 1, rank: 1, make: (b) => new Uint8Array(b), is: (d) => d instanceof Uint8Array },
  I8: { bytes: 1, rank: 2, make: (b) => new Int8Array(b), is: (d) => d instanceof Int8Array },
  I16: { bytes: 2, rank: 5, make: (b) => new Int16Array(b), is: (d) => d instanceof Int16Array },
  U16: { bytes: 2, rank: 6, make: (b) => new Uint16Array(b), is: (d) => d instanceof Uint16Array },
  F16: { bytes: 2, rank: 7, make: (b) => new Uint16Array(b), is: (d) => d instanceof Uint16Array },
  BF16: { bytes: 2, rank: 8, make: (b) => new Uint16Array(b), is: (d) => d instanceof Uint16Array },
  I32: { bytes: 4, rank: 9, make: (b) => new Int32Array(b), is: (d) => d instanceof Int32Array },
  U32: { bytes: 4, rank: 10, make: (b) => new Uint32Array(b), is: (d) => d instanceof Uint32Array },
  F32: { bytes: 4, rank: 11, make: (b) => new Float32Array(b), is: (d) => d instanceof Float32Array },
  F64: { bytes: 8, rank: 12, make: (b) => new Float64Array(b), is: (d) => d instanceof Float64Array },
  I64: { bytes: 8, rank: 13, make: (b) => new BigInt64Array(b), is: (d) => d instanceof BigInt64Array },
  U64: { bytes: 8, rank: 14, make: (b) => new BigUint64Array(b), is: (d) => d instanceof BigUint64Array },
};
const DTYPE_NAMES = Object.keys(DTYPES).join(', ');

function isDtype(s: unknown): s is Dtype {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(DTYPES, s);
}

// Typed arrays use the host's byte order and the format is little-endian; every platform Node
// and browsers run on today is little-endian, so a big-endian host is refused outright.
function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new SafetensorsError('IO', 'safetensors needs a little-endian host; this one is big-endian');
  }
}

// Rust's reference rejects headers above 100 MB; so do we, before parsing a corrupt length.
const MAX_HEADER_BYTES = 100_000_000;
const METADATA_KEY = '__metadata__';

function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

function isShape(shape: unknown): shape is number[] {
  return Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= 0);
}

/** Serialises tensors (and string metadata) to safetensors bytes. */
export function encodeSafetensors(tensors: TensorMap, metadata?: Metadata): Uint8Array {
  assertLittleEndian();
  const names = Object.keys(tensors);
  for (const name of names) {
    const t = tensors[name];
    if (name === METADATA_KEY) throw new SafetensorsError('INVALID_TENSOR', `a tensor cannot be named ${METADATA_KEY}`);
    if (!isDtype(t.dtype)) throw new SafetensorsError('UNKNOWN_DTYPE', `tensor ${name} has unknown dtype ${String(t.dtype)}; supported: ${DTYPE_NAMES}`);
    if (!isShape(t.shape)) throw new SafetensorsError('INVALID_TENSOR', `tensor ${name} has an invalid shape ${JSON.stringify(t.shape)}: dimensions must be non-negative integers`);
    if (!DTYPES[t.dtype].is(t.data)) {
      throw new SafetensorsError('INVALID_TENSOR', `tensor ${name} has dtype ${t.dtype} but its data is a ${t.data.constructor.name}`);
    }
    const count = elementCount(t.shape);
    if (t.data.length !== count) {
      throw new SafetensorsError('SIZE_MISMATCH', `tensor ${name} has shape ${shapeText(t.shape)} (${count} elements) but ${t.data.length} data elements`);
    }
  }
  // The Rust reference orders by descending dtype, then by name, so larger elements come first
  // and every tensor starts aligned to its element size.
  names.sort((x, y) => DTYPES[tensors[y].dtype].rank - DTYPES[tensors[x].dtype].rank || (x < y ? -1 : x > y ? 1 : 0));

  const header: Record<string, unknown> = {};
  if (metadata !== undefined) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string') throw new SafetensorsError('INVALID_HEADER', `metadata ${k} must be a string, got ${typeof v}`);
    }
    header[METADATA_KEY] = metadata;
  }
  let offset = 0;
  for (const name of names) {
    const t = tensors[name];
    const size = t.data.byteLength;
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLen = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLen + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLen), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLen);
  let at = 8 + headerLen;
  for (const name of names) {
    const d = tensors[name].data;
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), at);
    at += d.byteLength;
  }
  return out;
}

interface Entry {
  name: string;
  dtype: Dtype;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Parses safetensors bytes. `source` (a file name) is used in error messages. Tensors are copied
 * out of `bytes`, so the result does not keep the file buffer alive and every array is aligned.
 */
export function decodeSafetensors(bytes: Uint8Array, source = 'safetensors data'): SafetensorsFile {
  assertLittleEndian();
  const fail = (code: SafetensorsErrorCode, what: string): never => {
    throw new SafetensorsError(code, `${source}: ${what}`);
  };
  if (bytes.length < 8) fail('TRUNCATED', `file is truncated: ${bytes.length} bytes, shorter than the 8-byte header length`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) {
    fail('TRUNCATED', `file is truncated or not safetensors: the header claims ${n} bytes but only ${bytes.length - 8} follow the length field`);
  }
  if (n > BigInt(MAX_HEADER_BYTES)) fail('HEADER_TOO_LARGE', `header of ${n} bytes exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  const headerLen = Number(n);
  let text: string;
  let parsed: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen));
    parsed = JSON.parse(text);
  } catch (err) {
    return fail('INVALID_JSON', `header is not valid UTF-8 JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail('INVALID_HEADER', 'header must be a JSON object');
  const header = parsed as Record<string, unknown>;

  const metadata: Metadata = {};
  const rawMeta = header[METADATA_KEY];
  if (rawMeta !== undefined && rawMeta !== null) {
    if (typeof rawMeta !== 'object' || Array.isArray(rawMeta)) fail('INVALID_HEADER', `${METADATA_KEY} must be an object of strings`);
    for (const [k, v] of Object.entries(rawMeta as Record<string, unknown>)) {
      if (typeof v !== 'string') fail('INVALID_HEADER', `${METADATA_KEY}.${k} must be a string, got ${JSON.stringify(v)}`);
      metadata[k] = v as string;
    }
  }

  const bufferStart = 8 + headerLen;
  const bufferLen = bytes.length - bufferStart;
  const entries: Entry[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === METADATA_KEY) continue;
    if (typeof info !== 'object' || info === null) fail('INVALID_HEADER', `entry ${name} must be an object with dtype, shape and data_offsets`);
    const { dtype, shape, data_offsets: offsets } = info as Record<string, unknown>;
    if (typeof dtype !== 'string') fail('INVALID_HEADER', `tensor ${name} has no dtype`);
    if (!isDtype(dtype)) return fail('UNKNOWN_DTYPE', `tensor ${name} has unknown dtype ${dtype}; supported: ${DTYPE_NAMES}`);
    if (!isShape(shape)) return fail('INVALID_HEADER', `tensor ${name} has an invalid shape ${JSON.stringify(shape)}`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[1] < offsets[0]) {
      return fail('INVALID_HEADER', `tensor ${name} has invalid data_offsets ${JSON.stringify(offsets)}: expected [begin, end] with 0 ≤ begin ≤ end`);
    }
    const [begin, end] = offsets as [number, number];
    if (end > bufferLen) {
      fail('OFFSETS_OUT_OF_RANGE', `tensor ${name} has data_offsets [${begin},${end}] beyond the ${bufferLen}-byte data buffer (file truncated?)`);
    }
    const expected = elementCount(shape) * DTYPES[dtype].bytes;
    if (end - begin !== expected) {
      fail('SIZE_MISMATCH', `tensor ${name} has shape ${shapeText(shape)} and dtype ${dtype} (${expected} bytes) but data_offsets [${begin},${end}] span ${end - begin} bytes`);
    }
    entries.push({ name, dtype, shape, begin, end });
  }

  // The tensors must tile the buffer exactly: no overlap, no gap, nothing left over.
  const sorted = [...entries].sort((x, y) => x.begin - y.begin || x.end - y.end);
  let covered = 0;
  for (const e of sorted) {
    if (e.begin < covered) {
      const other = sorted.find((o) => o !== e && o.begin <= e.begin && o.end > e.begin);
      fail('OFFSETS_OVERLAP', `tensor ${e.name} [${e.begin},${e.end}] overlaps tensor ${other?.name ?? '?'} [${other?.begin},${other?.end}]`);
    }
    if (e.begin > covered) fail('BUFFER_NOT_COVERED', `data bytes [${covered},${e.begin}) belong to no tensor (before ${e.name})`);
    covered = e.end;
  }
  if (covered !== bufferLen) {
    fail('BUFFER_NOT_COVERED', `the data buffer has ${bufferLen} bytes but the tensors cover only ${covered}; bytes [${covered},${bufferLen}) belong to no tensor`);
  }

  const tensors: TensorMap = {};
  for (const e of entries) {
    const copy = new ArrayBuffer(e.end - e.begin);
    new Uint8Array(copy).set(bytes.subarray(bufferStart + e.begin, bufferStart + e.end));
    tensors[e.name] = { dtype: e.dtype, shape: e.shape, data: DTYPES[e.dtype].make(copy) } as SafeTensor;
  }
  return { tensors, metadata };
}

/** Writes a safetensors file atomically: readers see the old file or the new one, never a mix. */
export function saveSafetensors(path: string, tensors: TensorMap, metadata?: Metadata): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

/** Reads and validates a safetensors file. */
export function loadSafetensors(path: string): SafetensorsFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new SafetensorsError('IO', `cannot read checkpoint ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return decodeSafetensors(bytes, path);
}

// Bit casts for decoding 16-bit floats.
const castU32 = new Uint32Array(1);
const castF32 = new Float32Array(castU32.buffer);

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24; // zero and subnormals
  if (exp === 31) return frac !== 0 ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function bfloatToFloat(h: number): number {
  castU32[0] = h << 16;
  return castF32[0];
}

/**
 * A tensor's values as a float32 entry of the same shape, for loading into a model: F16 and
 * BF16 (as PyTorch often saves) are decoded, F64 is rounded, integers and BOOL become numbers
 * (64-bit integers above 2^24 lose precision, as they must in float32). F32 data is copied.
 */
export function toFloat32(t: SafeTensor): { dtype: 'F32'; shape: readonly number[]; data: Float32Array } {
  const out = new Float32Array(t.data.length);
  if (t.dtype === 'F16') for (let i = 0; i < out.length; i++) out[i] = halfToFloat(t.data[i]);
  else if (t.dtype === 'BF16') for (let i = 0; i < out.length; i++) out[i] = bfloatToFloat(t.data[i]);
  else if (t.dtype === 'I64' || t.dtype === 'U64') for (let i = 0; i < out.length; i++) out[i] = Number(t.data[i]);
  else out.set(t.data);
  return { dtype: 'F32', shape: t.shape, data: out };
}

/** What a model expects of one stored tensor. */
export interface ExpectedTensor {
  shape: readonly number[];
  dtype?: Dtype;
}

/**
 * Checks a loaded set against what a model expects: every expected name present with its shape
 * (and dtype when given), and, unless `allowExtra`, nothing else. All problems are reported at once.
 */
export function checkTensors(tensors: TensorMap, expected: Record<string, ExpectedTensor>,
  options: { source?: string; allowExtra?: boolean } = {}): void {
  const source = options.source ?? 'the checkpoint';
  const problems: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const got = Object.prototype.hasOwnProperty.call(tensors, name) ? tensors[name] : undefined;
    if (got === undefined) {
      problems.push(`parameter ${name} ${shapeText(want.shape)} is missing from ${source}`);
      continue;
    }
    if (got.shape.length !== want.shape.length || got.shape.some((d, i) => d !== want.shape[i])) {
      problems.push(`parameter ${name} has shape ${shapeText(got.shape)} in ${source} but ${shapeText(want.shape)} in the model`);
    }
    if (want.dtype !== undefined && got.dtype !== want.dtype) {
      problems.push(`parameter ${name} has dtype ${got.dtype} in ${source} but ${want.dtype} in the model`);
    }
  }
  if (!options.allowExtra) {
    for (const name of Object.keys(tensors)) {
      if (!Object.prototype.hasOwnProperty.call(expected, name)) problems.push(`${source} has a tensor ${name} that the model does not have`);
    }
  }
  if (problems.length > 0) {
    throw new SafetensorsError('MISMATCH', `${source} does not match the model: ${problems.join('; ')}`);
  }
}
