import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeFileAtomic, AtomicWriteError, type AtomicFs } from './atomic-file.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ludus-atomic-'));
}

function failure(code: string): Error {
  return Object.assign(new Error(`${code}: simulated failure`), { code });
}

// node:fs with one call replaced; records every path opened for writing.
function faultyFs(override: Partial<AtomicFs>, openedForWrite: string[] = []): AtomicFs {
  return {
    openSync: (p, flags, mode) => {
      if (flags !== 'r') openedForWrite.push(p);
      return fs.openSync(p, flags, mode);
    },
    writeSync: (fd, buf, off, len) => fs.writeSync(fd, buf, off, len),
    fsyncSync: (fd) => fs.fsyncSync(fd),
    closeSync: (fd) => fs.closeSync(fd),
    renameSync: (a, b) => fs.renameSync(a, b),
    unlinkSync: (p) => fs.unlinkSync(p),
    ...override,
  };
}

test('writes a new file and replaces an existing one, leaving no temporary files', () => {
  const dir = tempDir();
  try {
    const target = join(dir, 'model.safetensors');
    writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    assert.deepEqual([...readFileSync(target)], [1, 2, 3]);
    writeFileAtomic(target, 'replaced');
    assert.equal(readFileSync(target, 'utf8'), 'replaced');
    assert.deepEqual(readdirSync(dir), ['model.safetensors']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a write that fails half-way leaves the old file intact and removes the temporary', () => {
  const dir = tempDir();
  try {
    const target = join(dir, 'ckpt.bin');
    writeFileSync(target, 'old contents');
    const opened: string[] = [];
    let calls = 0;
    const halfThenFull = faultyFs({
      writeSync: (fd, buf, off, len) => {
        if (calls++ === 0) return fs.writeSync(fd, buf, off, Math.ceil(len / 2)); // a short write
        throw failure('ENOSPC');
      },
    }, opened);
    assert.throws(() => writeFileAtomic(target, new Uint8Array(1000).fill(7), { fs: halfThenFull }),
      (err: unknown) => err instanceof AtomicWriteError && err.path === target &&
        /cannot write .*ckpt\.bin: ENOSPC.*previous contents are unchanged/.test(err.message));
    assert.equal(readFileSync(target, 'utf8'), 'old contents');
    assert.deepEqual(readdirSync(dir), ['ckpt.bin']);
    assert.ok(!opened.includes(target), 'the target itself is never opened for writing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fsync and rename failures also leave the old file intact', () => {
  const dir = tempDir();
  try {
    const target = join(dir, 'state.json');
    writeFileSync(target, '{"v":1}');
    for (const fault of [{ fsyncSync: () => { throw failure('EIO'); } }, { renameSync: () => { throw failure('EXDEV'); } }]) {
      assert.throws(() => writeFileAtomic(target, '{"v":2}', { fs: faultyFs(fault) }), AtomicWriteError);
      assert.equal(readFileSync(target, 'utf8'), '{"v":1}');
      assert.deepEqual(readdirSync(dir), ['state.json']);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a short write is completed rather than truncating the file', () => {
  const dir = tempDir();
  try {
    const target = join(dir, 'x.bin');
    const data = new Uint8Array(100).map((_, i) => i);
    const trickle = faultyFs({ writeSync: (fd, buf, off, len) => fs.writeSync(fd, buf, off, Math.min(len, 7)) });
    writeFileAtomic(target, data, { fs: trickle });
    assert.deepEqual([...readFileSync(target)], [...data]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing directory gives an error naming the path', () => {
  const dir = tempDir();
  try {
    const target = join(dir, 'no-such-dir', 'model.safetensors');
    assert.throws(() => writeFileAtomic(target, 'x'),
      (err: unknown) => err instanceof AtomicWriteError && err.message.includes('no-such-dir') && err.message.includes('temporary file'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a process killed in the middle of a write leaves the old file intact', () => {
  const dir = tempDir();
  try {
    const target = join(dir, 'ckpt.bin');
    writeFileSync(target, 'old contents');
    // The child writes the first half of the new file, then dies by SIGKILL: a real crash.
    const script = `
      import * as fs from 'node:fs';
      import { writeFileAtomic } from ${JSON.stringify(new URL('./atomic-file.ts', import.meta.url).href)};
      const crashing = { ...fs, writeSync: (fd, buf, off, len) => { fs.writeSync(fd, buf, off, len >> 1); process.kill(process.pid, 'SIGKILL'); return 0; } };
      writeFileAtomic(${JSON.stringify(target)}, new Uint8Array(4096).fill(9), { fs: crashing });`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(child.signal, 'SIGKILL', child.stderr);
    assert.equal(readFileSync(target, 'utf8'), 'old contents');
    // The crash leaves only the orphaned temporary, never a partial target.
    const others = readdirSync(dir).filter((f) => f !== 'ckpt.bin');
    assert.equal(others.length, 1);
    assert.match(others[0], /^\.ckpt\.bin\.\d+\.\d+\.tmp$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
