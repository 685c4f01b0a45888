// FrameStackObservation (§4.10): the last `stackSize` observations along a new leading axis, oldest first,
// padded at reset with the reset observation ('reset'), the space's zero element ('zero') or a given value.
import { Box, batchSpace, zeroElement } from '../spaces.js';
import { EnvError, type Env, type ResetArgs, type ResetResult, type StepResult } from '../types.js';
import { Wrapper } from './wrapper.js';

export type Padding = 'reset' | 'zero' | ArrayLike<number>;

export class FrameStack<A = number> extends Wrapper<Float32Array, A, ArrayLike<number>, A> {
  private readonly space: Box;
  private readonly frameSize: number;
  /** Ring of the last stackSize frames; `head` is the slot of the oldest. */
  private readonly frames: Float32Array;
  private head = 0;
  private readonly pad: Float32Array | null;

  constructor(env: Env<ArrayLike<number>, A>, readonly stackSize: number, padding: Padding = 'reset') {
    super(env);
    if (!Number.isInteger(stackSize) || stackSize <= 0) throw new EnvError(`FrameStack: stackSize must be a positive integer, got ${stackSize}`);
    const inner = env.observationSpace;
    if (!(inner instanceof Box)) throw new EnvError(`FrameStack needs a Box observation space, got ${String(inner)}`);
    this.frameSize = inner.size;
    this.space = batchSpace(new Box(inner.low, inner.high, inner.shape, 'float32'), stackSize) as Box;
    this.frames = new Float32Array(stackSize * this.frameSize);
    if (padding === 'reset') this.pad = null;
    else if (padding === 'zero') this.pad = Float32Array.from(zeroElement(inner) as ArrayLike<number>);
    else {
      if (!inner.contains(Array.from(padding))) throw new EnvError(`FrameStack: the padding value is not in the observation space ${inner}`);
      this.pad = Float32Array.from(padding);
    }
  }

  override get observationSpace(): Box {
    return this.space;
  }

  private stacked(): Float32Array {
    const out = new Float32Array(this.frames.length);
    const tail = this.frames.subarray(this.head * this.frameSize);
    out.set(tail, 0);
    out.set(this.frames.subarray(0, this.head * this.frameSize), tail.length);
    return out;
  }

  private push(obs: ArrayLike<number>): void {
    this.frames.set(obs, this.head * this.frameSize);
    this.head = (this.head + 1) % this.stackSize;
  }

  override reset(args?: ResetArgs): ResetResult<Float32Array> {
    const r = this.env.reset(args);
    this.head = 0;
    for (let i = 0; i < this.stackSize - 1; i++) this.push(this.pad ?? r.obs);
    this.push(r.obs);
    return { obs: this.stacked(), info: r.info };
  }

  override step(action: A): StepResult<Float32Array> {
    const r = this.env.step(action);
    this.push(r.obs);
    return { ...r, obs: this.stacked() };
  }
}
