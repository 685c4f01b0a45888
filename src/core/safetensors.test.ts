import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from './rng.js';
import {
  encodeSafetensors, decodeSafetensors, saveSafetensors, loadSafetensors, checkTensors, toFloat32,
  SafetensorsError, type SafetensorsErrorCode, type TensorMap,
} from './safetensors.js';

const ascii = (s: string) => new TextEncoder().encode(s);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function le64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}

// A file from a header string and a data buffer, the header padded with spaces to 8 bytes.
function file(header: string, data: Uint8Array | number): Uint8Array {
  const padded = header + ' '.repeat((8 - (header.length % 8)) % 8);
  return concat(le64(padded.length), ascii(padded), typeof data === 'number' ? new Uint8Array(data) : data);
}

function expectError(bytes: Uint8Array, code: SafetensorsErrorCode, message: RegExp): void {
  assert.throws(() => decodeSafetensors(bytes, 'ckpt/model.safetensors'), (err: unknown) => {
    assert.ok(err instanceof SafetensorsError, `expected a SafetensorsError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, /^ckpt\/model\.safetensors: /);
    assert.match(err.message, message);
    return true;
  });
}

test('round trip of every dtype, with metadata, scalar and empty tensors', () => {
  const rng = new Rng(7);
  const f32 = new Float32Array(24).map(() => rng.normal());
  const tensors: TensorMap = {
    'pi.0.weight': { dtype: 'F32', shape: [4, 6], data: f32 },
    'pi.0.bias': { dtype: 'F64', shape: [3], data: new Float64Array([Math.PI, -0, 1e300]) },
    half: { dtype: 'F16', shape: [2], data: new Uint16Array([0x3c00, 0xc000]) },
    brain: { dtype: 'BF16', shape: [1], data: new Uint16Array([0x3f80]) },
    steps: { dtype: 'I64', shape: [], data: new BigInt64Array([-(2n ** 62n)]) },
    big: { dtype: 'U64', shape: [1], data: new BigUint64Array([2n ** 64n - 1n]) },
    i32: { dtype: 'I32', shape: [2, 1], data: new Int32Array([-5, 2 ** 31 - 1]) },
    u32: { dtype: 'U32', shape: [1], data: new Uint32Array([2 ** 32 - 1]) },
    i16: { dtype: 'I16', shape: [1], data: new Int16Array([-300]) },
    u16: { dtype: 'U16', shape: [1], data: new Uint16Array([65535]) },
    i8: { dtype: 'I8', shape: [3], data: new Int8Array([-128, 0, 127]) },
    bytes: { dtype: 'U8', shape: [5], data: new Uint8Array([0, 1, 2, 254, 255]) },
    mask: { dtype: 'BOOL', shape: [3], data: new Uint8Array([1, 0, 1]) },
    empty: { dtype: 'F32', shape: [0, 8], data: new Float32Array(0) },
  };
  const meta = { format: 'pt', 'ludus.step': '12345' };
  const bytes = encodeSafetensors(tensors, meta);
  assert.equal(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8, 0, 'header padded to 8 bytes');
  const back = decodeSafetensors(bytes);
  assert.deepEqual(back.metadata, meta);
  assert.deepEqual(Object.keys(back.tensors).sort(), Object.keys(tensors).sort());
  for (const [name, t] of Object.entries(tensors)) {
    const got = back.tensors[name];
    assert.equal(got.dtype, t.dtype, name);
    assert.deepEqual(got.shape, t.shape, name);
    assert.equal(got.data.constructor, t.data.constructor, name);
    assert.deepEqual([...got.data], [...t.data], name);
  }
  assert.ok(Object.is(back.tensors['pi.0.bias'].data[1], -0), 'negative zero survives');
});

test('writes byte for byte what a hand-built file contains', () => {
  const bytes = encodeSafetensors({
    w: { dtype: 'F32', shape: [2], data: new Float32Array([1, -2]) },
    b: { dtype: 'U8', shape: [3], data: new Uint8Array([1, 2, 3]) },
    i: { dtype: 'I64', shape: [1], data: new BigInt64Array([-5n]) },
  }, { format: 'pt' });
  // Metadata first; tensors by descending dtype (I64, F32, U8), as the Rust reference orders them.
  const header = '{"__metadata__":{"format":"pt"},' +
    '"i":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},' +
    '"w":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},' +
    '"b":{"dtype":"U8","shape":[3],"data_offsets":[16,19]}}';
  assert.equal(header.length, 193);
  const expected = concat(
    new Uint8Array([200, 0, 0, 0, 0, 0, 0, 0]), ascii(header), ascii('       '),
    new Uint8Array([0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // -5 as little-endian i64
    new Uint8Array([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]), // 1.0f, -2.0f
    new Uint8Array([1, 2, 3]),
  );
  assert.deepEqual(bytes, expected);
});

test('reads the bytes the Python reference test suite writes, padded or not', () => {
  // From huggingface/safetensors bindings/python/tests/test_simple.py (older writers did not pad).
  const unpadded = concat(ascii('<\0\0\0\0\0\0\0{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}'),
    new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]));
  const t = decodeSafetensors(unpadded).tensors.test;
  assert.equal(t.dtype, 'I32');
  assert.deepEqual(t.shape, [2, 2]);
  assert.deepEqual([...t.data], [0, 0, 0, 1]);
  // Current writers pad the same header to 64 bytes with spaces: exactly what we write.
  const ours = encodeSafetensors({ test: { dtype: 'I32', shape: [2, 2], data: new Int32Array([0, 0, 0, 1]) } });
  assert.deepEqual(ours.subarray(0, 8), new Uint8Array([64, 0, 0, 0, 0, 0, 0, 0]));
  assert.deepEqual(ours.subarray(8), concat(unpadded.subarray(8, 68), ascii('    '), unpadded.subarray(68)));
});

test('the order tensors are given in does not change the file', () => {
  const a = { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) } as const;
  const b = { dtype: 'F32', shape: [1], data: new Float32Array([3]) } as const;
  assert.deepEqual(encodeSafetensors({ a, b }), encodeSafetensors({ b, a }));
});

test('a truncated file gives a specific error', () => {
  const good = encodeSafetensors({ w: { dtype: 'F32', shape: [4], data: new Float32Array(4) } });
  expectError(good.subarray(0, 5), 'TRUNCATED', /5 bytes, shorter than the 8-byte header length/);
  expectError(good.subarray(0, 20), 'TRUNCATED', /header claims 56 bytes but only 12 follow/);
  expectError(good.subarray(0, good.length - 1), 'OFFSETS_OUT_OF_RANGE', /tensor w has data_offsets \[0,16\] beyond the 15-byte data buffer/);
});

test('a header length beyond the file size or the limit gives a specific error', () => {
  expectError(concat(le64(2 ** 40), ascii('{}')), 'TRUNCATED', /header claims 1099511627776 bytes but only 2 follow/);
  const huge = new Uint8Array(8 + 100_000_008);
  huge.set(le64(100_000_008));
  expectError(huge, 'HEADER_TOO_LARGE', /exceeds the 100000000-byte limit/);
});

test('invalid JSON, non-object headers and bad entries give specific errors', () => {
  expectError(file('{"w": {"dtype": "F32",', 0), 'INVALID_JSON', /header is not valid UTF-8 JSON/);
  expectError(concat(le64(2), new Uint8Array([0xff, 0xfe])), 'INVALID_JSON', /not valid UTF-8/);
  expectError(file('[1,2]', 0), 'INVALID_HEADER', /header must be a JSON object/);
  expectError(file('{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}', 0), 'INVALID_HEADER', /tensor w has an invalid shape \[-1\]/);
  expectError(file('{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}', 4), 'INVALID_HEADER', /tensor w has invalid data_offsets \[4,0\]/);
  expectError(file('{"__metadata__":{"step":3}}', 0), 'INVALID_HEADER', /__metadata__\.step must be a string, got 3/);
});

test('an unknown dtype is named with the supported ones', () => {
  expectError(file('{"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}', 1), 'UNKNOWN_DTYPE', /tensor w has unknown dtype Q4; supported: BOOL, U8/);
});

test('offsets out of range, overlapping or leaving bytes uncovered give specific errors', () => {
  expectError(file('{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}', 12), 'OFFSETS_OUT_OF_RANGE', /tensor w has data_offsets \[8,16\] beyond the 12-byte data buffer/);
  expectError(file('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}', 12),
    'OFFSETS_OVERLAP', /tensor b \[4,12\] overlaps tensor a \[0,8\]/);
  expectError(file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}', 12),
    'BUFFER_NOT_COVERED', /data bytes \[4,8\) belong to no tensor \(before b\)/);
  expectError(file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', 10), 'BUFFER_NOT_COVERED', /10 bytes but the tensors cover only 4/);
});

test('a shape that does not match the byte size gives a specific error', () => {
  expectError(file('{"w":{"dtype":"F32","shape":[3,2],"data_offsets":[0,16]}}', 16), 'SIZE_MISMATCH',
    /tensor w has shape \[3,2\] and dtype F32 \(24 bytes\) but data_offsets \[0,16\] span 16 bytes/);
});

test('encoding rejects inconsistent tensors', () => {
  assert.throws(() => encodeSafetensors({ w: { dtype: 'F32', shape: [3], data: new Float32Array(2) } }), /tensor w has shape \[3\] \(3 elements\) but 2 data elements/);
  assert.throws(() => encodeSafetensors({ w: { dtype: 'F64', shape: [1], data: new Float32Array(1) } as never }), /tensor w has dtype F64 but its data is a Float32Array/);
  assert.throws(() => encodeSafetensors({ __metadata__: { dtype: 'U8', shape: [0], data: new Uint8Array(0) } }), /cannot be named __metadata__/);
});

test('save writes atomically and load names the file in its errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-st-'));
  try {
    const path = join(dir, 'agent.safetensors');
    const tensors: TensorMap = { 'v.weight': { dtype: 'F32', shape: [1, 2], data: new Float32Array([0.5, 0.25]) } };
    saveSafetensors(path, tensors, { step: '1' });
    saveSafetensors(path, tensors, { step: '2' });
    assert.deepEqual(readdirSync(dir), ['agent.safetensors'], 'no temporary files remain');
    const loaded = loadSafetensors(path);
    assert.deepEqual(loaded.metadata, { step: '2' });
    assert.deepEqual([...loaded.tensors['v.weight'].data], [0.5, 0.25]);

    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 3));
    assert.throws(() => loadSafetensors(path), (err: unknown) =>
      err instanceof SafetensorsError && err.code === 'OFFSETS_OUT_OF_RANGE' && err.message.startsWith(`${path}: `));
    assert.throws(() => loadSafetensors(join(dir, 'missing.safetensors')),
      (err: unknown) => err instanceof SafetensorsError && err.code === 'IO' && /cannot read checkpoint .*missing\.safetensors/.test(err.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('checkTensors names every mismatch between a checkpoint and a model', () => {
  const loaded: TensorMap = {
    'pi.0.weight': { dtype: 'F32', shape: [64, 8], data: new Float32Array(512) },
    'pi.0.bias': { dtype: 'F32', shape: [64], data: new Float32Array(64) },
    'old.head': { dtype: 'F32', shape: [1], data: new Float32Array(1) },
  };
  const expected = { 'pi.0.weight': { shape: [64, 4] }, 'pi.0.bias': { shape: [64], dtype: 'F64' as const }, 'v.weight': { shape: [1, 64] } };
  assert.throws(() => checkTensors(loaded, expected, { source: 'run/ckpt.safetensors' }), (err: unknown) => {
    assert.ok(err instanceof SafetensorsError && err.code === 'MISMATCH');
    assert.match(err.message, /parameter pi\.0\.weight has shape \[64,8\] in run\/ckpt\.safetensors but \[64,4\] in the model/);
    assert.match(err.message, /parameter pi\.0\.bias has dtype F32 in run\/ckpt\.safetensors but F64 in the model/);
    assert.match(err.message, /parameter v\.weight \[1,64\] is missing from run\/ckpt\.safetensors/);
    assert.match(err.message, /has a tensor old\.head that the model does not have/);
    return true;
  });
  assert.doesNotThrow(() => checkTensors(loaded, { 'pi.0.weight': { shape: [64, 8] } }, { allowExtra: true }));
});

test('toFloat32 decodes half and bfloat16, rounds doubles and converts integers', () => {
  const half = toFloat32({ dtype: 'F16', shape: [3, 3], data: new Uint16Array([0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0xfc00, 0x7e00, 0x8000, 0x3555]) });
  assert.deepEqual(half.shape, [3, 3]);
  assert.equal(half.dtype, 'F32');
  assert.deepEqual([...half.data.subarray(0, 6)], [1, -2, 65504, Math.fround(2 ** -24), Infinity, -Infinity]);
  assert.ok(Number.isNaN(half.data[6]));
  assert.ok(Object.is(half.data[7], -0));
  assert.equal(half.data[8], Math.fround(0.333251953125));
  const bf = toFloat32({ dtype: 'BF16', shape: [4], data: new Uint16Array([0x3f80, 0xc040, 0x7f80, 0x3eab]) });
  assert.deepEqual([...bf.data], [1, -3, Infinity, 0.333984375]);
  assert.deepEqual([...toFloat32({ dtype: 'F64', shape: [2], data: new Float64Array([0.1, 1e40]) }).data], [Math.fround(0.1), Infinity]);
  assert.deepEqual([...toFloat32({ dtype: 'I64', shape: [2], data: new BigInt64Array([-7n, 2n ** 40n]) }).data], [-7, 2 ** 40]);
  assert.deepEqual([...toFloat32({ dtype: 'BOOL', shape: [2], data: new Uint8Array([1, 0]) }).data], [1, 0]);
  const f32 = new Float32Array([1.5]);
  const copy = toFloat32({ dtype: 'F32', shape: [1], data: f32 });
  assert.notEqual(copy.data, f32, 'F32 data is copied, not shared');
  assert.deepEqual([...copy.data], [1.5]);
});
