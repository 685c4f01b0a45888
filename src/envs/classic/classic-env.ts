// Shared machinery of the five classic-control envs: scalar actions (Discrete(n) or Box(1,)), a float64
// state behind a float32 observation, ordering errors, the allocation-free FlatEnv path used by vector
// envs, 'ansi'/'rgb_array' rendering, and the state hook the golden-trajectory replays use.
import { BaseEnv, Phase } from '../../env/env.js';
import type { Canvas } from '../../env/raster.js';
import { Box, Discrete } from '../../env/spaces.js';
import {
  EnvError, type EnvMetadata, type FlatEnv, type FlatStepResult, type Info, type RenderMode, type ResetArgs,
  type ResetResult, type Space, type StepResult,
} from '../../env/types.js';

export const CLASSIC_RENDER_MODES: RenderMode[] = ['ansi', 'rgb_array'];

export interface ClassicEnvOptions {
  renderMode?: RenderMode | null;
}

export abstract class ClassicEnv<A extends number | Float32Array> extends BaseEnv<Float32Array, A> implements FlatEnv {
  abstract override readonly observationSpace: Box;
  abstract override readonly actionSpace: Space<A> & (Discrete | Box);
  readonly metadata: EnvMetadata;
  readonly obsSize: number;
  readonly actionSize = 1;
  /** Reward and termination of the last transition, set by `advance`. */
  protected lastReward = 0;
  protected lastTerminated = false;
  private readonly flatResult: FlatStepResult = { reward: 0, terminated: false, truncated: false, info: null };

  constructor(obsSize: number, renderFps: number, options: ClassicEnvOptions) {
    super(options.renderMode ?? null, CLASSIC_RENDER_MODES);
    this.obsSize = obsSize;
    this.metadata = { renderModes: CLASSIC_RENDER_MODES, renderFps };
  }

  /** Draws the initial state from the env's generator (reset options may override the bounds). */
  protected abstract initState(options: Record<string, unknown> | undefined): void;
  /** One transition from a validated scalar action; sets lastReward and lastTerminated. */
  protected abstract advance(action: number): void;
  protected abstract writeObs(out: Float32Array, offset: number): void;
  protected abstract renderText(): string;
  protected abstract draw(): Canvas;

  /** The internal state, as Gymnasium's `state` attribute (float64). */
  abstract getState(): Float64Array;
  /**
   * Test hook (golden replays): overwrites the internal state and makes the episode running.
   * `float32` says the values are a float32 state as a previous step stores it (MountainCarContinuous
   * evaluates its first step after reset in float64 and later ones in float32).
   */
  abstract setState(state: ArrayLike<number>, options?: { float32?: boolean }): void;

  protected get name(): string {
    return this.spec?.id ?? this.constructor.name;
  }

  /** Number of discrete actions (0 for a Box action space), cached at the first reset for the hot path. */
  private discreteN = -1;

  private cacheActionSpace(): void {
    if (this.discreteN >= 0) return;
    const space = this.actionSpace;
    if (space instanceof Discrete && space.start !== 0) throw new EnvError(`${this.name}: classic envs need Discrete actions starting at 0`);
    this.discreteN = space instanceof Discrete ? space.n : 0;
  }

  /** Validates one action value: an integer in the Discrete space, or any finite number for a Box (clipped by the dynamics, as Gymnasium). */
  protected scalarAction(a: number): number {
    const n = this.discreteN;
    if (n > 0) {
      // (a >>> 0) === a holds exactly for integers in [0, 2^32): rejects negatives, fractions and NaN.
      if ((a >>> 0) !== a || a >= n) throw new EnvError(`${this.name}: action ${a} is outside the action space ${this.actionSpace}`);
      return a;
    }
    if (!Number.isFinite(a)) throw new EnvError(`${this.name}: action ${a} is not a finite number (action space ${this.actionSpace})`);
    return Math.fround(a);
  }

  private readAction(action: A): number {
    if (typeof action === 'number') {
      if (this.discreteN === 0) throw new EnvError(`${this.name}: expected a Float32Array of length 1 for ${this.actionSpace}, got the number ${action}`);
      return this.scalarAction(action);
    }
    if (this.discreteN > 0) throw new EnvError(`${this.name}: expected an integer action for ${this.actionSpace}, got ${String(action)}`);
    if (action == null || typeof action !== 'object' || action.length !== 1) {
      throw new EnvError(`${this.name}: expected an action of length 1 for ${this.actionSpace}, got ${String(action)}`);
    }
    return this.scalarAction(action[0]);
  }

  private begin(args: ResetArgs | undefined): void {
    this.cacheActionSpace();
    this.seedReset(args);
    this.initState(args?.options);
    this.phase = Phase.Running;
    this.closed = false;
  }

  reset(args?: ResetArgs): ResetResult<Float32Array> {
    this.begin(args);
    const obs = new Float32Array(this.obsSize);
    this.writeObs(obs, 0);
    return { obs, info: {} };
  }

  step(action: A): StepResult<Float32Array> {
    if (this.phase !== Phase.Running || this.closed) this.orderError();
    this.advance(this.readAction(action));
    if (this.lastTerminated) this.phase = Phase.Ended;
    const obs = new Float32Array(this.obsSize);
    this.writeObs(obs, 0);
    return { obs, reward: this.lastReward, terminated: this.lastTerminated, truncated: false, info: {} };
  }

  resetInto(obs: Float32Array, offset: number, args?: ResetArgs): Info | null {
    this.begin(args);
    this.writeObs(obs, offset);
    return null;
  }

  stepInto(actions: ArrayLike<number>, actionOffset: number, obs: Float32Array, offset: number): FlatStepResult {
    if (this.phase !== Phase.Running || this.closed) this.orderError();
    this.advance(this.scalarAction(actions[actionOffset]));
    if (this.lastTerminated) this.phase = Phase.Ended;
    this.writeObs(obs, offset);
    const r = this.flatResult;
    r.reward = this.lastReward;
    r.terminated = this.lastTerminated;
    r.truncated = false; // wrappers outside (TimeLimit) may have set it on the previous step
    r.info = null;
    return r;
  }

  /** The observation of the current state (a fresh array), e.g. after `setState`. */
  observation(): Float32Array {
    const obs = new Float32Array(this.obsSize);
    this.writeObs(obs, 0);
    return obs;
  }

  /** Marks the episode running after a state overwrite (for setState implementations). */
  protected stateWasSet(state: ArrayLike<number>, expected: number): void {
    if (state.length !== expected) throw new EnvError(`${this.name}.setState: expected ${expected} values, got ${state.length}`);
    this.cacheActionSpace();
    this.phase = Phase.Running;
  }

  render(): string | Canvas | null {
    if (this.renderMode === null) return null;
    if (this.phase === Phase.NeedsReset) throw new EnvError(`${this.name}: render() called before reset()`);
    return this.renderMode === 'ansi' ? this.renderText() : this.draw();
  }
}

/** Gymnasium's clip: min(max(x, lo), hi). */
export function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Fixed-width number for text renderings. */
export function num(x: number, digits = 4): string {
  const s = x.toFixed(digits);
  return x >= 0 ? ` ${s}` : s;
}
