// Pendulum-v1 as in Gymnasium 1.x under NumPy 2: float64 state [θ, θ̇] (θ never wrapped), float32 torque,
// with the float32 products NumPy's promotion rules impose emulated by Math.fround (golden README).
import { Canvas } from '../../env/raster.js';
import { Box } from '../../env/spaces.js';
import { EnvError } from '../../env/types.js';
import { ClassicEnv, clip, num, type ClassicEnvOptions } from './classic-env.js';

const f32 = Math.fround;
const MAX_SPEED = 8;
const MAX_TORQUE = 2.0;
const DT = 0.05;
const G = 10.0;
const M = 1.0;
const L = 1.0;
const C_001 = f32(0.001);
const TWO_PI = 2 * Math.PI;

/** ((x + π) mod 2π) − π with a floored modulo (the result takes the sign of 2π), as NumPy's %. */
export function angleNormalize(x: number): number {
  let r = (x + Math.PI) % TWO_PI;
  if (r !== 0 && r < 0) r += TWO_PI;
  return r - Math.PI;
}

export class PendulumEnv extends ClassicEnv<Float32Array> {
  readonly observationSpace = new Box([-1, -1, -MAX_SPEED], [1, 1, MAX_SPEED]);
  readonly actionSpace = new Box(-MAX_TORQUE, MAX_TORQUE, [1]);
  private theta = 0;
  private thetaDot = 0;
  private lastU = 0;
  /** Gravity (Gymnasium's `g` keyword; default 10.0). */
  private readonly g: number;

  constructor(options: ClassicEnvOptions & { g?: number } = {}) {
    super(3, 30, options);
    this.g = options.g ?? G;
    if (typeof this.g !== 'number' || !Number.isFinite(this.g)) throw new EnvError(`Pendulum-v1: g must be a finite number, got ${String(options.g)}`);
  }

  protected initState(options: Record<string, unknown> | undefined): void {
    const x = options?.x_init ?? Math.PI;
    const y = options?.y_init ?? 1.0;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new EnvError(`${this.name}: reset options x_init/y_init must be finite numbers, got ${String(x)}, ${String(y)}`);
    }
    const rng = this.npRandom;
    this.theta = rng.uniform(-x, x);
    this.thetaDot = rng.uniform(-y, y);
    this.lastU = 0;
  }

  protected advance(a: number): void {
    const th = this.theta, thdot = this.thetaDot;
    const u = clip(a, -MAX_TORQUE, MAX_TORQUE); // a float32 value stays one
    const n = angleNormalize(th);
    const costs = (n * n + 0.1 * (thdot * thdot)) + f32(C_001 * f32(u * u));
    let newthdot = thdot + ((3 * this.g) / (2 * L) * Math.sin(th) + f32((3.0 / (M * L * L)) * u)) * DT;
    newthdot = clip(newthdot, -MAX_SPEED, MAX_SPEED);
    this.theta = th + newthdot * DT;
    this.thetaDot = newthdot;
    this.lastU = u;
    this.lastReward = -costs;
    this.lastTerminated = false;
  }

  protected writeObs(out: Float32Array, o: number): void {
    out[o] = Math.cos(this.theta);
    out[o + 1] = Math.sin(this.theta);
    out[o + 2] = this.thetaDot;
  }

  getState(): Float64Array {
    return Float64Array.of(this.theta, this.thetaDot);
  }

  setState(state: ArrayLike<number>): void {
    this.stateWasSet(state, 2);
    this.theta = state[0];
    this.thetaDot = state[1];
  }

  protected renderText(): string {
    return `theta=${num(angleNormalize(this.theta))} theta_dot=${num(this.thetaDot)} torque=${num(this.lastU)}`;
  }

  protected draw(): Canvas {
    const size = 500;
    const scale = size / 4.4;
    const c = new Canvas(size, size).fill([255, 255, 255]);
    const ox = size / 2, oy = size / 2;
    const len = 1 * scale;
    // θ = 0 points up; y grows downwards.
    const tx = ox + Math.sin(this.theta) * len, ty = oy - Math.cos(this.theta) * len;
    c.line(ox, oy, tx, ty, [204, 77, 77], 0.2 * scale);
    c.fillCircle(tx, ty, 0.1 * scale, [204, 77, 77]);
    c.fillCircle(ox, oy, 0.05 * scale, [0, 0, 0]);
    return c;
  }
}
