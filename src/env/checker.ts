// checkEnv (GYMNASIUM-SEMANTICS §6): runs the contract checks over an env: spaces, reset and step result
// types, seeding determinism (equal seeds → equal generator states and observations, a new seed → a new
// state), reset options, step determinism, rendering in every declared mode, and an idempotent close.
// Violations throw EnvCheckError; soft problems are returned as warnings.
import { checkResetResult, checkSpace, checkStepResult, describe } from './checks.js';
import { isSeededEnv } from './env.js';
import { make } from './registry.js';
import { EnvError, type Env, type RenderMode, type ResetResult } from './types.js';

export class EnvCheckError extends EnvError {
  override name = 'EnvCheckError';
}

export interface CheckEnvOptions {
  skipRenderCheck?: boolean;
  skipCloseCheck?: boolean;
}

function fail(message: string): never {
  throw new EnvCheckError(`checkEnv: ${message}`);
}

/** NumPy's allclose over numbers, typed arrays, arrays and plain objects (rtol = atol = 1e-5). */
export function allClose(a: unknown, b: unknown, tol = 1e-5): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= tol + tol * Math.abs(b) || (Number.isNaN(a) && Number.isNaN(b));
  if ((Array.isArray(a) || ArrayBuffer.isView(a)) && (Array.isArray(b) || ArrayBuffer.isView(b))) {
    const x = a as ArrayLike<unknown>, y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!allClose(x[i], y[i], tol)) return false;
    return true;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => k in b && allClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol));
  }
  return a === b;
}

function exactlyEqual(a: unknown, b: unknown): boolean {
  return allClose(a, b, 0);
}

function copy<T>(x: T): T {
  return ArrayBuffer.isView(x) ? (x as unknown as { slice(): T }).slice() : structuredClone(x);
}

function rngState(env: Env<unknown, unknown>): string | null {
  const inner = env.unwrapped;
  return isSeededEnv(inner) ? JSON.stringify(inner.npRandom.getState()) : null;
}

function checkFrame(frame: unknown, mode: RenderMode, where: string): void {
  if (mode === 'ansi') {
    if (typeof frame !== 'string') fail(`${where}: render() in 'ansi' mode must return a string, got ${describe(frame)}`);
  } else if (mode === 'rgb_array') {
    const f = frame as { width?: unknown; height?: unknown; data?: unknown } | null;
    if (f == null || typeof f.width !== 'number' || typeof f.height !== 'number' || !(f.data instanceof Uint8Array)) {
      fail(`${where}: render() in 'rgb_array' mode must return {width, height, data: Uint8Array}, got ${describe(frame)}`);
    }
    if (f.data.length !== f.width * f.height * 3) fail(`${where}: an rgb_array frame of ${f.width}×${f.height} needs ${f.width * f.height * 3} bytes, got ${f.data.length}`);
  }
}

/** Checks `env` against the contract; returns the warnings, throws EnvCheckError on a violation. */
export function checkEnv(env: Env<unknown, unknown>, options: CheckEnvOptions = {}): string[] {
  const warnings: string[] = [];
  if (env == null || typeof env.reset !== 'function' || typeof env.step !== 'function') fail(`expected an Env with reset() and step(), got ${describe(env)}`);
  const name = env.spec?.id ?? String(env);
  if (env.unwrapped !== env) warnings.push(`${name} is wrapped (${String(env)}); checking env.unwrapped may give more precise results`);

  // Spaces.
  try {
    warnings.push(...checkSpace(env.observationSpace, 'observation', true), ...checkSpace(env.actionSpace, 'action', true));
  } catch (e) {
    fail((e as Error).message);
  }
  const obsSpace = env.observationSpace;
  const nondeterministic = env.spec?.nondeterministic === true;

  // Reset return type.
  const first = env.reset();
  const resetWarnings = checkResetResult(first, obsSpace, name);
  if (resetWarnings.length > 0) fail(`the observation returned by reset() is not in the observation space ${obsSpace}: ${describe(first.obs)}`);

  // Reset seeding determinism.
  if (!isSeededEnv(env.unwrapped)) warnings.push(`${name}: the unwrapped env exposes no npRandom generator, so seeding cannot be verified`);
  const seeded = (seed: number | undefined): { r: ResetResult<unknown>; state: string | null } => {
    const r = env.reset(seed === undefined ? undefined : { seed });
    if (!obsSpace.contains(r.obs)) fail(`reset(${seed === undefined ? '' : `{seed: ${seed}}`}) returned an observation outside ${obsSpace}`);
    return { r: { obs: copy(r.obs), info: r.info }, state: rngState(env) };
  };
  const a1 = seeded(123);
  const b1 = seeded(undefined);
  const a2 = seeded(123);
  const b2 = seeded(undefined);
  if (!nondeterministic) {
    if (!allClose(a1.r.obs, a2.r.obs)) fail('reset({seed: 123}) twice gave different observations; all randomness must come from the generator reset(seed) re-creates');
    if (!allClose(b1.r.obs, b2.r.obs)) fail('reset() after reset({seed: 123}) gave different observations in two runs; reset() without a seed must continue the seeded stream');
    if (!exactlyEqual(a1.r.obs, a2.r.obs) || !exactlyEqual(b1.r.obs, b2.r.obs)) warnings.push(`${name}: seeded reset observations are close but not exactly equal`);
  }
  if (a1.state !== null) {
    if (a1.state !== a2.state) fail('the generator state after reset({seed: 123}) differs between two calls');
    const c = seeded(456);
    if (c.state === a1.state) fail('reset({seed: 456}) left the generator in the same state as reset({seed: 123}); the seed must re-create the generator');
  }
  let rejected = false;
  try {
    env.reset({ seed: -1 });
  } catch (e) {
    rejected = e instanceof EnvError;
  }
  if (!rejected) fail('reset({seed: -1}) must throw an EnvError (seeds are non-negative integers)');

  // Options.
  try {
    env.reset({ options: {} });
  } catch (e) {
    fail(`reset({options: {}}) must be accepted, but threw: ${(e as Error).message}`);
  }

  // Passive checks on one reset and one step.
  warnings.push(...checkResetResult(env.reset(), obsSpace, name));
  warnings.push(...checkStepResult(env.step(env.actionSpace.sample()), obsSpace, name));

  // Step determinism.
  if (!nondeterministic) {
    env.actionSpace.seed(123);
    const action = env.actionSpace.sample();
    const run = (): { obs: unknown; reward: number; terminated: boolean; truncated: boolean; info: unknown; state: string | null } => {
      env.reset({ seed: 123 });
      const r = env.step(action);
      return { obs: copy(r.obs), reward: r.reward, terminated: r.terminated, truncated: r.truncated, info: r.info, state: rngState(env) };
    };
    const s1 = run();
    const s2 = run();
    if (s1.state !== s2.state) fail('the generator state after reset({seed: 123}) and one step differs between two runs');
    if (!allClose(s1.obs, s2.obs)) fail('step() after reset({seed: 123}) with the same action gave different observations');
    if (!allClose(s1.reward, s2.reward)) fail(`step() after reset({seed: 123}) gave different rewards (${s1.reward} vs ${s2.reward})`);
    if (s1.terminated !== s2.terminated) fail('step() after reset({seed: 123}) gave different terminated flags');
    if (s1.truncated || s2.truncated) fail('truncated must be false after a single step from reset');
    if (!allClose(s1.info, s2.info)) fail('step() after reset({seed: 123}) gave different infos');
  }

  // Rendering.
  if (!options.skipRenderCheck) {
    if (env.renderMode !== null) checkFrame(env.render(), env.renderMode, name);
    if (env.spec !== null) {
      for (const mode of env.metadata.renderModes) {
        if (mode === 'human') continue;
        const e = make<unknown, unknown>(env.spec.id, { ...env.spec.kwargs, renderMode: mode });
        e.reset({ seed: 0 });
        checkFrame(e.render(), mode, `${name} (renderMode '${mode}')`);
        e.close();
      }
    }
  }

  // Close twice.
  if (!options.skipCloseCheck) {
    const fresh = env.spec !== null ? make<unknown, unknown>(env.spec.id, { ...env.spec.kwargs }) : env;
    try {
      fresh.close();
      fresh.close();
    } catch (e) {
      warnings.push(`${name}: close() twice threw (${(e as Error).message}); close must be idempotent`);
    }
  }
  return warnings;
}
