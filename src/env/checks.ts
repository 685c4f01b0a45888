// Contract checks shared by the PassiveEnvChecker wrapper and checkEnv (GYMNASIUM-SEMANTICS §4.4, §6):
// well-formed spaces, the shape of reset/step results, observations inside the space, finite rewards.
// Hard violations throw EnvError; soft ones are returned as warning strings.
import { Box, Dict, Discrete, MultiDiscrete, Tuple } from './spaces.js';
import { EnvError, type Space } from './types.js';

/**
 * Throws for a malformed space; returns warnings: equal Box bounds, and with `full` (checkEnv, not the
 * passive checker) infinite or non-normalised action bounds.
 */
export function checkSpace(space: Space<unknown> | null | undefined, role: 'observation' | 'action', full = false): string[] {
  if (space == null || typeof space.contains !== 'function' || typeof space.sample !== 'function') {
    throw new EnvError(`the env's ${role}Space is missing or is not a Space (needs sample/contains/seed)`);
  }
  const warnings: string[] = [];
  if (space instanceof Box) {
    let equal = false;
    let infinite = false;
    for (let i = 0; i < space.size; i++) {
      if (space.low[i] === space.high[i]) equal = true;
      if (!Number.isFinite(space.low[i]) || !Number.isFinite(space.high[i])) infinite = true;
    }
    if (equal) warnings.push(`${role} space ${space} has components with low == high`);
    if (full && infinite && role === 'action') warnings.push(`action space ${space} has infinite bounds`);
    if (full && role === 'action' && space.shape.length === 1 && !infinite) {
      const symmetric = space.low.every((v) => v === -1) && space.high.every((v) => v === 1);
      const unit = space.low.every((v) => v === 0) && space.high.every((v) => v === 1);
      if (!symmetric && !unit) warnings.push(`action space ${space} is not normalised to [-1, 1] or [0, 1]; consider RescaleAction`);
    }
  } else if (space instanceof Discrete) {
    if (!(space.n > 0)) throw new EnvError(`${role} space ${space} needs n > 0`);
  } else if (space instanceof MultiDiscrete) {
    if (!space.nvec.every((n) => n > 0)) throw new EnvError(`${role} space ${space} needs every nvec entry > 0`);
  } else if (space instanceof Tuple) {
    if (space.spaces.length === 0) throw new EnvError(`${role} space ${space} is empty`);
    for (const s of space.spaces) warnings.push(...checkSpace(s, role, full));
  } else if (space instanceof Dict) {
    if (space.spaces.size === 0) throw new EnvError(`${role} space ${space} is empty`);
    for (const s of space.spaces.values()) warnings.push(...checkSpace(s, role, full));
  }
  return warnings;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

/** Checks a reset result: `{obs, info}` with info an object. Returns warnings (obs outside the space). */
export function checkResetResult(result: unknown, space: Space<unknown>, where: string): string[] {
  if (!isPlainObject(result) || !('obs' in result) || !('info' in result)) {
    throw new EnvError(`${where}: reset() must return {obs, info}, got ${describe(result)}`);
  }
  if (!isPlainObject(result.info)) throw new EnvError(`${where}: reset() info must be an object, got ${describe(result.info)}`);
  return space.contains(result.obs) ? [] : [`${where}: the observation returned by reset() is not in the observation space ${space}`];
}

/** Checks a step result: the five fields with their types. Returns warnings (obs outside the space, non-finite reward). */
export function checkStepResult(result: unknown, space: Space<unknown>, where: string): string[] {
  if (!isPlainObject(result)) throw new EnvError(`${where}: step() must return {obs, reward, terminated, truncated, info}, got ${describe(result)}`);
  for (const k of ['obs', 'reward', 'terminated', 'truncated', 'info']) {
    if (!(k in result)) throw new EnvError(`${where}: step() result lacks '${k}' (expected {obs, reward, terminated, truncated, info})`);
  }
  if (typeof result.terminated !== 'boolean') throw new EnvError(`${where}: step() terminated must be a boolean, got ${describe(result.terminated)}`);
  if (typeof result.truncated !== 'boolean') throw new EnvError(`${where}: step() truncated must be a boolean, got ${describe(result.truncated)}`);
  if (typeof result.reward !== 'number') throw new EnvError(`${where}: step() reward must be a number, got ${describe(result.reward)}`);
  if (!isPlainObject(result.info)) throw new EnvError(`${where}: step() info must be an object, got ${describe(result.info)}`);
  const warnings: string[] = [];
  if (!Number.isFinite(result.reward)) warnings.push(`${where}: step() returned a non-finite reward ${result.reward}`);
  if (!space.contains(result.obs)) warnings.push(`${where}: the observation returned by step() is not in the observation space ${space}`);
  return warnings;
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (ArrayBuffer.isView(x)) return `a ${x.constructor.name}`;
  return typeof x === 'object' ? `an object with keys [${Object.keys(x).join(', ')}]` : `${typeof x} ${String(x)}`;
}
