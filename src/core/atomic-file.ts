// Atomic file replacement for checkpoints and other state that must never be half-written:
// the bytes go to a temporary file in the target's directory, are flushed to disk, and the
// temporary file is renamed over the target. A reader (or a crash) sees the old file or the new
// one, never a mixture; a failed write leaves the old file untouched and removes its temporary.
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Thrown when an atomic write fails; the target is unchanged. `cause` holds the system error. */
export class AtomicWriteError extends Error {
  override readonly name = 'AtomicWriteError';
  constructor(readonly path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The file-system calls an atomic write makes; injectable so tests can simulate failures. */
export interface AtomicFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

export interface AtomicWriteOptions {
  /** File mode of a newly created file (default 0o644, less the umask). */
  mode?: number;
  /** File-system implementation (default node:fs). */
  fs?: AtomicFs;
}

let tempCounter = 0;

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// Creates the temporary file exclusively; the name is unique within this process, and the
// exclusive flag turns a collision with another process into a retry instead of a shared file.
function openTemp(fs: AtomicFs, path: string, mode: number): { tmp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${tempCounter++}.tmp`);
    try {
      return { tmp, fd: fs.openSync(tmp, 'wx', mode) };
    } catch (err) {
      if (errorCode(err) !== 'EEXIST' || attempt >= 100) throw err;
    }
  }
}

// Makes the rename itself durable. Directories cannot be opened for fsync on Windows, where the
// rename is already durable enough for our purpose, so that case alone is tolerated.
function syncDirectory(fs: AtomicFs, dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch (err) {
    if (process.platform === 'win32') return;
    throw err;
  }
  try {
    fs.fsyncSync(fd);
  } catch (err) {
    const code = errorCode(err);
    // Some file systems (and Windows) refuse fsync on a directory; the data itself is synced.
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw err;
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces the file at `path` with `data` atomically and durably (synchronous). */
export function writeFileAtomic(path: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): void {
  const fs = options.fs ?? nodeFs;
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let tmp: string;
  let fd: number;
  try {
    ({ tmp, fd } = openTemp(fs, path, options.mode ?? 0o644));
  } catch (err) {
    throw new AtomicWriteError(path, `cannot write ${path}: creating a temporary file in ${dirname(path)} failed: ${describe(err)}`, { cause: err });
  }
  let renamed = false;
  try {
    try {
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path);
    renamed = true;
    syncDirectory(fs, dirname(path));
  } catch (err) {
    if (!renamed) {
      try {
        fs.unlinkSync(tmp);
      } catch (unlinkErr) {
        if (errorCode(unlinkErr) !== 'ENOENT') {
          throw new AtomicWriteError(path, `cannot write ${path}: ${describe(err)}; the temporary file ${tmp} could not be removed either: ${describe(unlinkErr)}`, { cause: err });
        }
      }
      throw new AtomicWriteError(path, `cannot write ${path}: ${describe(err)}; the previous contents are unchanged`, { cause: err });
    }
    throw new AtomicWriteError(path, `wrote ${path}, but syncing its directory failed, so the new contents may not survive a power loss: ${describe(err)}`, { cause: err });
  }
}
