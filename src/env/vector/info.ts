// Merges per-sub-env info objects into Gymnasium's vector info layout (§5.3): one array per key,
// with an `_key` mask of the sub-envs that provided it; nested objects become nested vector infos.
import type { Info } from '../types.js';
import type { VectorInfo } from './types.js';

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

/** Adds sub-env i's info into `infos` (created lazily per key), as Gymnasium's _add_info. */
export function addInfo(infos: VectorInfo, info: Info, i: number, numEnvs: number): void {
  for (const key of Object.keys(info)) {
    const value = info[key];
    let column = infos[key];
    if (column === undefined) {
      if (isPlainObject(value)) column = {};
      else if (typeof value === 'number') column = new Float64Array(numEnvs);
      else if (typeof value === 'boolean') column = new Uint8Array(numEnvs);
      else column = new Array<unknown>(numEnvs).fill(null);
      infos[key] = column;
      infos[`_${key}`] = new Uint8Array(numEnvs);
    }
    if (isPlainObject(value) && isPlainObject(column) && !ArrayBuffer.isView(column)) addInfo(column, value, i, numEnvs);
    else if (column instanceof Float64Array) column[i] = typeof value === 'number' ? value : Number(value);
    else if (column instanceof Uint8Array) column[i] = value ? 1 : 0;
    else if (Array.isArray(column)) column[i] = value;
    (infos[`_${key}`] as Uint8Array)[i] = 1;
  }
}

/** An empty vector info shared by calls that report nothing (frozen: copy it to add keys). */
export const EMPTY_INFO: VectorInfo = Object.freeze({}) as VectorInfo;
