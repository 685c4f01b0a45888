// Base class for raw environments: the env's one generator (GYMNASIUM-SEMANTICS §2: created lazily from
// entropy, replaced by reset({seed}), continued by reset()), `unwrapped`, idempotent `close`, and helpers
// for the ordering errors (step before reset, step after the episode ended).
import { Rng } from '../core/rng.js';
import { checkSeed, entropySeed } from './seeding.js';
import {
  EnvError, type Env, type EnvMetadata, type EnvSpec, type RenderMode, type ResetArgs, type ResetResult,
  type RgbFrame, type Space, type StepResult,
} from './types.js';

/** An env whose generator can be inspected (the checker compares generator states, §6). */
export interface SeededEnv {
  readonly npRandom: Rng;
  /** The seed the generator was created from; −1 after an Rng was assigned directly. */
  readonly npRandomSeed: number;
}

export function isSeededEnv(env: object): env is SeededEnv {
  return 'npRandom' in env && 'npRandomSeed' in env;
}

/** Lifecycle of an episode, for OrderEnforcing-like errors. */
export const enum Phase {
  NeedsReset = 0,
  Running = 1,
  Ended = 2,
}

export abstract class BaseEnv<O, A> implements Env<O, A>, SeededEnv {
  abstract readonly observationSpace: Space<O>;
  abstract readonly actionSpace: Space<A>;
  abstract readonly metadata: EnvMetadata;
  readonly renderMode: RenderMode | null;
  spec: EnvSpec | null = null;
  private generator: Rng | null = null;
  private generatorSeed = -1;
  protected phase: Phase = Phase.NeedsReset;
  protected closed = false;

  constructor(renderMode: RenderMode | null = null, supported: readonly RenderMode[] = []) {
    if (renderMode !== null && !supported.includes(renderMode)) {
      throw new EnvError(`${this.constructor.name}: render mode '${renderMode}' is not supported; use one of ${supported.join(', ') || '(none)'} or null`);
    }
    this.renderMode = renderMode;
  }

  get npRandom(): Rng {
    if (this.generator === null) {
      this.generatorSeed = entropySeed();
      this.generator = new Rng(this.generatorSeed);
    }
    return this.generator;
  }

  set npRandom(rng: Rng) {
    this.generator = rng;
    this.generatorSeed = -1;
  }

  get npRandomSeed(): number {
    void this.npRandom; // creates the generator (and its entropy seed) on first access, as Gymnasium does
    return this.generatorSeed;
  }

  get unwrapped(): Env<unknown, unknown> {
    return this as Env<unknown, unknown>;
  }

  /** Call first in reset: validates and applies the seed (a seed re-creates the generator, none continues it). */
  protected seedReset(args: ResetArgs | undefined): Rng {
    const seed = args?.seed;
    if (seed !== undefined && seed !== null) {
      this.generatorSeed = checkSeed(seed, `${this.constructor.name}.reset`);
      this.generator = new Rng(seed);
    }
    return this.npRandom;
  }

  /** Throws the ordering error for a step outside a running episode. */
  protected orderError(): never {
    const name = this.spec?.id ?? this.constructor.name;
    if (this.closed) throw new EnvError(`${name}: step() after close()`);
    if (this.phase === Phase.NeedsReset) throw new EnvError(`${name}: step() called before reset(); call reset() to start an episode`);
    throw new EnvError(`${name}: step() called after the episode ended (terminated); call reset() before stepping again`);
  }

  abstract reset(args?: ResetArgs): ResetResult<O>;
  abstract step(action: A): StepResult<O>;
  abstract render(): string | RgbFrame | null;

  close(): void {
    this.closed = true;
  }

  toString(): string {
    return this.spec ? `${this.constructor.name}<${this.spec.id}>` : this.constructor.name;
  }
}

/** Reads bounds from reset options {low, high} (Gymnasium's maybe_parse_reset_bounds). */
export function resetBounds(options: Record<string, unknown> | undefined, low: number, high: number, where: string): [number, number] {
  if (options == null) return [low, high];
  const lo = options.low ?? low;
  const hi = options.high ?? high;
  if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new EnvError(`${where}: reset options low/high must be finite numbers, got low=${String(lo)} high=${String(hi)}`);
  }
  if (lo > hi) throw new EnvError(`${where}: reset options need low ≤ high, got low=${lo} high=${hi}`);
  return [lo, hi];
}
