// Recycled typed-array buffers for tensor data, gradients and op scratch space.
// Buffers are kept in free lists keyed by exact length: a training step that repeats the same
// shapes asks for the same lengths, so after the first step every request is met from the lists
// and the step allocates no new ArrayBuffers (the heap stays flat and the GC stays idle).
// Buffers come back to the pool only when a scope ends or a tensor is disposed (see tensor.ts).

/** Counters for tests and profiling. `created*` only ever grow; the rest describe the free lists. */
export interface PoolStats {
  /** Float32Arrays created by the pool since start (or the last resetStats). */
  createdF32: number;
  /** Int32Arrays created by the pool since start (or the last resetStats). */
  createdI32: number;
  /** Buffers now waiting in the free lists. */
  pooledBuffers: number;
  /** Bytes now waiting in the free lists. */
  pooledBytes: number;
}

class FreeLists<T extends Float32Array | Int32Array> {
  private readonly lists = new Map<number, T[]>();
  created = 0;
  buffers = 0;
  bytes = 0;

  constructor(private readonly make: (n: number) => T) {}

  acquire(n: number): T {
    const list = this.lists.get(n);
    if (list !== undefined && list.length > 0) {
      this.buffers--;
      this.bytes -= n * 4;
      return list.pop() as T;
    }
    this.created++;
    return this.make(n);
  }

  release(buf: T, maxBytes: number): void {
    const n = buf.length;
    if (n === 0 || this.bytes + n * 4 > maxBytes) return; // over the cap: let the GC have it
    let list = this.lists.get(n);
    if (list === undefined) {
      list = [];
      this.lists.set(n, list);
    }
    list.push(buf);
    this.buffers++;
    this.bytes += n * 4;
  }

  clear(): void {
    this.lists.clear();
    this.buffers = 0;
    this.bytes = 0;
  }
}

const f32 = new FreeLists<Float32Array>((n) => new Float32Array(n));
const i32 = new FreeLists<Int32Array>((n) => new Int32Array(n));

/** Upper bound on the bytes held in the free lists (each of float and int lists); beyond it released buffers are dropped. */
let maxPooledBytes = 512 * 1024 * 1024;

export const pool = {
  /** A Float32Array of length n with unspecified contents. */
  f32(n: number): Float32Array {
    return f32.acquire(n);
  },
  /** A zero-filled Float32Array of length n. */
  f32Zeroed(n: number): Float32Array {
    const b = f32.acquire(n);
    b.fill(0);
    return b;
  },
  /** An Int32Array of length n with unspecified contents. */
  i32(n: number): Int32Array {
    return i32.acquire(n);
  },
  /** Returns a buffer to its free list. The caller must hold no other reference to it. */
  release(buf: Float32Array | Int32Array): void {
    if (buf instanceof Float32Array) f32.release(buf, maxPooledBytes);
    else i32.release(buf, maxPooledBytes);
  },
  /** Drops every pooled buffer (e.g. after the shapes in use have changed for good). */
  clear(): void {
    f32.clear();
    i32.clear();
  },
  /** Sets the cap on pooled bytes (per element type). */
  setMaxBytes(bytes: number): void {
    maxPooledBytes = bytes;
  },
  stats(): PoolStats {
    return {
      createdF32: f32.created,
      createdI32: i32.created,
      pooledBuffers: f32.buffers + i32.buffers,
      pooledBytes: f32.bytes + i32.bytes,
    };
  },
};
