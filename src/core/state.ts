// Named float32 arrays: the exchange format for model parameters and optimiser state. An entry
// has the shape of a safetensors F32 tensor ({ dtype: 'F32', shape, data }), so a state dict can
// be handed to saveSafetensors as it is, and what loadSafetensors returns can be loaded back.

export interface Float32Entry {
  dtype: 'F32';
  shape: readonly number[];
  data: Float32Array;
}

/** Name → array. Names are hierarchical and stable, e.g. `pi.0.weight`. */
export type StateDict = Record<string, Float32Entry>;

/** What loaders accept: any numeric array with a shape (a dtype other than F32 or F64 is refused). */
export interface LoadableEntry {
  dtype?: string;
  shape: readonly number[];
  data: ArrayLike<number> | ArrayLike<bigint>;
}

/** Thrown when a state dict does not match what it is loaded into; lists every problem at once. */
export class StateDictError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`state does not match: ${problems.join('; ')}`);
    this.name = 'StateDictError';
  }
}

/** Copies a loadable entry into `target` after checking its shape; returns a problem or null. */
export function copyEntry(name: string, entry: LoadableEntry, shape: readonly number[], target: Float32Array): string | null {
  // F16/BF16 arrive as raw 16-bit patterns and integers would load silently wrong: refuse them.
  if (entry.dtype !== undefined && entry.dtype !== 'F32' && entry.dtype !== 'F64') {
    return `${name} has dtype ${entry.dtype}; convert it to F32 before loading`;
  }
  if (entry.shape.length !== shape.length || entry.shape.some((d, i) => d !== shape[i])) {
    return `${name} has shape [${entry.shape.join(', ')}], expected [${shape.join(', ')}]`;
  }
  if (entry.data.length !== target.length) return `${name} has ${entry.data.length} values, expected ${target.length}`;
  const d = entry.data as ArrayLike<number>;
  if (typeof d[0] === 'bigint') return `${name} holds integers`;
  if (d instanceof Float32Array) target.set(d);
  else for (let i = 0; i < target.length; i++) target[i] = d[i];
  return null;
}
