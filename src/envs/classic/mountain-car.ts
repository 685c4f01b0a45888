// MountainCar-v0 (Moore 1990) as in Gymnasium 1.x: discrete push left / none / right, float64 state,
// float32 observation; the velocity update evaluates the bracketed sum first, as Gymnasium does.
import { resetBounds } from '../../env/env.js';
import { Canvas } from '../../env/raster.js';
import { Box, Discrete } from '../../env/spaces.js';
import { ClassicEnv, clip, num, type ClassicEnvOptions } from './classic-env.js';
import { drawMountainCar, mountainCarText } from './mountain-car-render.js';

const MIN_POSITION = -1.2;
const MAX_POSITION = 0.6;
const MAX_SPEED = 0.07;
const GOAL_POSITION = 0.5;
const GOAL_VELOCITY = 0;
const FORCE = 0.001;
const GRAVITY = 0.0025;

export class MountainCarEnv extends ClassicEnv<number> {
  readonly observationSpace = new Box([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED]);
  readonly actionSpace = new Discrete(3);
  private position = 0;
  private velocity = 0;

  constructor(options: ClassicEnvOptions = {}) {
    super(2, 30, options);
  }

  protected initState(options: Record<string, unknown> | undefined): void {
    const [lo, hi] = resetBounds(options, -0.6, -0.4, this.name);
    this.position = this.npRandom.uniform(lo, hi);
    this.velocity = 0;
  }

  protected advance(action: number): void {
    let velocity = this.velocity + ((action - 1) * FORCE + Math.cos(3 * this.position) * -GRAVITY);
    velocity = clip(velocity, -MAX_SPEED, MAX_SPEED);
    let position = this.position + velocity;
    position = clip(position, MIN_POSITION, MAX_POSITION);
    if (position === MIN_POSITION && velocity < 0) velocity = 0;
    this.position = position;
    this.velocity = velocity;
    this.lastTerminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
    this.lastReward = -1.0;
  }

  protected writeObs(out: Float32Array, o: number): void {
    out[o] = this.position;
    out[o + 1] = this.velocity;
  }

  getState(): Float64Array {
    return Float64Array.of(this.position, this.velocity);
  }

  setState(state: ArrayLike<number>): void {
    this.stateWasSet(state, 2);
    this.position = state[0];
    this.velocity = state[1];
  }

  protected renderText(): string {
    return mountainCarText(this.position, this.velocity, GOAL_POSITION) + ` velocity=${num(this.velocity)}`;
  }

  protected draw(): Canvas {
    return drawMountainCar(this.position, GOAL_POSITION);
  }
}
