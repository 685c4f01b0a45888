// Action wrappers for Box action spaces (§4.6, §4.7, §4.12): ClipAction clips into the inner bounds,
// RescaleAction maps [min, max] affinely onto them (without clipping), StickyAction repeats the previous
// action with some probability (Machado et al. 2018), drawing from the env's own generator.
import { Box } from '../spaces.js';
import { EnvError, type Env, type ResetArgs, type ResetResult, type StepResult } from '../types.js';
import { Wrapper } from './wrapper.js';

function boxOf(env: Env<unknown, unknown>, who: string): Box {
  const space = env.actionSpace;
  if (!(space instanceof Box) || !(space.dtype === 'float32' || space.dtype === 'float64')) {
    throw new EnvError(`${who} needs a float Box action space, got ${String(space)}`);
  }
  return space as unknown as Box;
}

function checkAction(a: ArrayLike<number>, size: number, who: string): void {
  if (a == null || a.length !== size) throw new EnvError(`${who}: expected an action of ${size} numbers, got ${String(a)}`);
}

/** Exposes Box(−inf, inf) and clips each action element-wise into the inner space's [low, high]. */
export class ClipAction<O = Float32Array> extends Wrapper<O, Float32Array> {
  private readonly inner: Box;
  private readonly space: Box;

  constructor(env: Env<O, Float32Array>) {
    super(env);
    this.inner = boxOf(env as Env<unknown, unknown>, 'ClipAction');
    this.space = new Box(-Infinity, Infinity, this.inner.shape, 'float32');
  }

  override get actionSpace(): Box {
    return this.space;
  }

  override step(action: Float32Array): StepResult<O> {
    const { low, high, size } = this.inner;
    checkAction(action, size, 'ClipAction');
    const clipped = new Float32Array(size);
    for (let i = 0; i < size; i++) clipped[i] = Math.min(high[i], Math.max(low[i], action[i]));
    return super.step(clipped);
  }
}

/** Exposes Box(min, max) and maps an action a to low + (a − min)·(high − low)/(max − min); no clipping. */
export class RescaleAction<O = Float32Array> extends Wrapper<O, Float32Array> {
  private readonly space: Box;
  private readonly gradient: Float32Array;
  private readonly intercept: Float32Array;

  constructor(env: Env<O, Float32Array>, minAction: number | ArrayLike<number>, maxAction: number | ArrayLike<number>) {
    super(env);
    const inner = boxOf(env as Env<unknown, unknown>, 'RescaleAction');
    this.space = new Box(minAction, maxAction, inner.shape, 'float32');
    this.gradient = new Float32Array(inner.size).fill(1);
    this.intercept = new Float32Array(inner.size);
    for (let i = 0; i < inner.size; i++) {
      const lo = this.space.low[i], hi = this.space.high[i];
      if (lo === hi) throw new EnvError(`RescaleAction: min and max must differ, both are ${lo} at index ${i}`);
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new EnvError(`RescaleAction: min/max must be finite, got [${lo}, ${hi}] at index ${i}`);
      // Infinite inner bounds are kept as they are: identity on that component.
      if (inner.boundedBelow[i] && inner.boundedAbove[i]) {
        this.gradient[i] = (inner.high[i] - inner.low[i]) / (hi - lo);
        this.intercept[i] = inner.low[i] - this.gradient[i] * lo;
      }
    }
  }

  override get actionSpace(): Box {
    return this.space;
  }

  override step(action: Float32Array): StepResult<O> {
    const n = this.gradient.length;
    checkAction(action, n, 'RescaleAction');
    const mapped = new Float32Array(n);
    for (let i = 0; i < n; i++) mapped[i] = this.gradient[i] * action[i] + this.intercept[i];
    return super.step(mapped);
  }
}

/**
 * With probability `repeatActionProbability` (once a previous action exists) the previous action is taken
 * instead of the given one, for `repeatActionDuration` consecutive steps; 1 is Gymnasium 1.0's rule.
 */
export class StickyAction<O = Float32Array, A = number> extends Wrapper<O, A> {
  private lastAction: A | null = null;
  private repeatsLeft = 0;

  constructor(env: Env<O, A>, readonly repeatActionProbability: number, readonly repeatActionDuration = 1) {
    super(env);
    if (!(repeatActionProbability >= 0 && repeatActionProbability < 1)) {
      throw new EnvError(`StickyAction: repeatActionProbability must be in [0, 1), got ${repeatActionProbability}`);
    }
    if (!Number.isInteger(repeatActionDuration) || repeatActionDuration < 1) {
      throw new EnvError(`StickyAction: repeatActionDuration must be a positive integer, got ${repeatActionDuration}`);
    }
  }

  override reset(args?: ResetArgs): ResetResult<O> {
    this.lastAction = null;
    this.repeatsLeft = 0;
    return super.reset(args);
  }

  override step(action: A): StepResult<O> {
    let taken = action;
    if (this.lastAction !== null) {
      if (this.repeatsLeft === 0 && this.npRandom.next() < this.repeatActionProbability) this.repeatsLeft = this.repeatActionDuration;
      if (this.repeatsLeft > 0) {
        this.repeatsLeft--;
        taken = this.lastAction;
      }
    }
    // Keep a copy of array actions: callers often refill one buffer every step.
    this.lastAction = ArrayBuffer.isView(taken) ? ((taken as unknown as Float32Array).slice() as unknown as A) : taken;
    return super.step(taken);
  }
}
