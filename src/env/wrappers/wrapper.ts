// The wrapper base (GYMNASIUM-SEMANTICS §4): forwards everything to the env inside unless a subclass
// overrides it; spaces and metadata read through unless set; `unwrapped` is the innermost env; the
// generator is the inner env's (wrappers own no RNG, §2 rule 7).
import type { Rng } from '../../core/rng.js';
import { isSeededEnv, type SeededEnv } from '../env.js';
import {
  EnvError, type Env, type EnvMetadata, type EnvSpec, type RenderMode, type ResetArgs, type ResetResult, type RgbFrame,
  type Space, type StepResult,
} from '../types.js';

export class Wrapper<O = Float32Array, A = number, IO = O, IA = A> implements Env<O, A>, SeededEnv {
  readonly env: Env<IO, IA>;
  private specOverride: EnvSpec | null = null;

  constructor(env: Env<IO, IA>) {
    if (env == null || typeof env.step !== 'function' || typeof env.reset !== 'function') {
      throw new EnvError(`${new.target.name}: expected an Env to wrap, got ${String(env)}`);
    }
    this.env = env;
  }

  /** The wrapped env's observation space; observation wrappers override it. */
  get observationSpace(): Space<O> {
    return this.env.observationSpace as unknown as Space<O>;
  }

  /** The wrapped env's action space; action wrappers override it. */
  get actionSpace(): Space<A> {
    return this.env.actionSpace as unknown as Space<A>;
  }

  get metadata(): EnvMetadata {
    return this.env.metadata;
  }

  get renderMode(): RenderMode | null {
    return this.env.renderMode;
  }

  get spec(): EnvSpec | null {
    return this.specOverride ?? this.env.spec;
  }

  set spec(spec: EnvSpec | null) {
    this.specOverride = spec;
  }

  get unwrapped(): Env<unknown, unknown> {
    return this.env.unwrapped;
  }

  get npRandom(): Rng {
    const inner = this.env.unwrapped;
    if (!isSeededEnv(inner)) throw new EnvError(`${this}: the innermost env exposes no generator (npRandom)`);
    return inner.npRandom;
  }

  get npRandomSeed(): number {
    const inner = this.env.unwrapped;
    return isSeededEnv(inner) ? inner.npRandomSeed : -1;
  }

  reset(args?: ResetArgs): ResetResult<O> {
    return this.env.reset(args) as unknown as ResetResult<O>;
  }

  step(action: A): StepResult<O> {
    return this.env.step(action as unknown as IA) as unknown as StepResult<O>;
  }

  render(): string | RgbFrame | null {
    return this.env.render();
  }

  close(): void {
    this.env.close();
  }

  toString(): string {
    return `${this.constructor.name}<${String(this.env)}>`;
  }
}

/** The outermost wrapper of the given class around `env` (searching inwards), or null. */
export function findWrapper<W>(env: Env<unknown, unknown>, cls: abstract new (...args: never[]) => W): W | null {
  let e: unknown = env;
  while (e instanceof Wrapper) {
    if (e instanceof cls) return e as W;
    e = e.env;
  }
  return null;
}
