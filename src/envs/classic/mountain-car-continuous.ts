// MountainCarContinuous-v0 as in Gymnasium 1.x under NumPy 2: the state is float64 after reset and float32
// after every step, and the float32 roundings NumPy's promotion rules impose are emulated with Math.fround
// (recipe in ../shared/envs/golden/README.md), so replays are bit-exact.
import { resetBounds } from '../../env/env.js';
import { Canvas } from '../../env/raster.js';
import { Box } from '../../env/spaces.js';
import { ClassicEnv, num, type ClassicEnvOptions } from './classic-env.js';
import { drawMountainCar, mountainCarText } from './mountain-car-render.js';

const f32 = Math.fround;
const MIN_ACTION = -1.0;
const MAX_ACTION = 1.0;
const MIN_POSITION = -1.2;
const MAX_POSITION = 0.6;
const MAX_SPEED = 0.07;
const MAX_SPEED_F32 = f32(0.07);
const GOAL_POSITION = 0.45;
const GOAL_POSITION_F32 = f32(0.45);
const GOAL_VELOCITY = 0;
const POWER = 0.0015;
const POWER_F32 = f32(0.0015);

export class MountainCarContinuousEnv extends ClassicEnv<Float32Array> {
  readonly observationSpace = new Box([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED]);
  readonly actionSpace = new Box(MIN_ACTION, MAX_ACTION, [1]);
  private position = 0;
  private velocity = 0;
  /** False right after reset (float64 state), true once a step has stored the state as float32. */
  private stateIsF32 = false;

  constructor(options: ClassicEnvOptions = {}) {
    super(2, 30, options);
  }

  protected initState(options: Record<string, unknown> | undefined): void {
    const [lo, hi] = resetBounds(options, -0.6, -0.4, this.name);
    this.position = this.npRandom.uniform(lo, hi);
    this.velocity = 0;
    this.stateIsF32 = false;
  }

  protected advance(a: number): void {
    const clipped = a < MIN_ACTION || a > MAX_ACTION;
    const force = a < MIN_ACTION ? MIN_ACTION : a > MAX_ACTION ? MAX_ACTION : a;
    const f = this.stateIsF32;
    const q = f ? f32(3 * this.position) : 3 * this.position;
    const g = 0.0025 * Math.cos(q);
    const inc = clipped ? force * POWER - g : f32(f32(force * POWER_F32) - f32(g));
    let velocity = f ? f32(this.velocity + f32(inc)) : this.velocity + inc;
    const vmax = f ? MAX_SPEED_F32 : MAX_SPEED;
    if (velocity > vmax) velocity = MAX_SPEED;
    else if (velocity < -vmax) velocity = -MAX_SPEED;
    let position = f ? f32(this.position + f32(velocity)) : this.position + velocity;
    if (position > MAX_POSITION) position = MAX_POSITION;
    else if (position < MIN_POSITION) position = MIN_POSITION;
    if (position === MIN_POSITION && velocity < 0) velocity = 0;
    const terminated = position >= (f ? GOAL_POSITION_F32 : GOAL_POSITION) && velocity >= GOAL_VELOCITY;
    this.lastTerminated = terminated;
    this.lastReward = (terminated ? 100.0 : 0) - a * a * 0.1;
    this.position = f32(position);
    this.velocity = f32(velocity);
    this.stateIsF32 = true;
  }

  protected writeObs(out: Float32Array, o: number): void {
    out[o] = this.position;
    out[o + 1] = this.velocity;
  }

  getState(): Float64Array {
    return Float64Array.of(this.position, this.velocity);
  }

  setState(state: ArrayLike<number>, options?: { float32?: boolean }): void {
    this.stateWasSet(state, 2);
    this.position = state[0];
    this.velocity = state[1];
    this.stateIsF32 = options?.float32 ?? false;
  }

  protected renderText(): string {
    return mountainCarText(this.position, this.velocity, GOAL_POSITION) + ` velocity=${num(this.velocity)}`;
  }

  protected draw(): Canvas {
    return drawMountainCar(this.position, GOAL_POSITION);
  }
}
