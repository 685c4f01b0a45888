// Acrobot-v1 ("book" dynamics, Sutton & Barto) as in Gymnasium 1.x: one classical RK4 step of 0.2 s,
// angles wrapped into [−π, π], velocities clamped; evaluation order as in ../shared/envs/golden/README.md.
import { resetBounds } from '../../env/env.js';
import { Canvas } from '../../env/raster.js';
import { Box, Discrete } from '../../env/spaces.js';
import { ClassicEnv, clip, num, type ClassicEnvOptions } from './classic-env.js';

const DT = 0.2;
const L1 = 1.0;
const M1 = 1.0;
const M2 = 1.0;
const LC1 = 0.5;
const LC2 = 0.5;
const I1 = 1.0;
const I2 = 1.0;
const G = 9.8;
const MAX_VEL_1 = 4 * Math.PI;
const MAX_VEL_2 = 9 * Math.PI;
const TORQUES = [-1.0, 0.0, 1.0];

function wrap(x: number, m: number, M: number): number {
  const diff = M - m;
  while (x > M) x = x - diff;
  while (x < m) x = x + diff;
  return x;
}

export class AcrobotEnv extends ClassicEnv<number> {
  readonly observationSpace = new Box([-1, -1, -1, -1, -MAX_VEL_1, -MAX_VEL_2], [1, 1, 1, 1, MAX_VEL_1, MAX_VEL_2]);
  readonly actionSpace = new Discrete(3);
  /** [θ1, θ2, ω1, ω2] */
  private readonly s = new Float64Array(4);
  // RK4 scratch (the torque is a constant fifth component with derivative 0, so it is kept aside).
  private readonly k1 = new Float64Array(4);
  private readonly k2 = new Float64Array(4);
  private readonly k3 = new Float64Array(4);
  private readonly k4 = new Float64Array(4);
  private readonly y = new Float64Array(4);

  constructor(options: ClassicEnvOptions = {}) {
    super(6, 15, options);
  }

  protected initState(options: Record<string, unknown> | undefined): void {
    const [lo, hi] = resetBounds(options, -0.1, 0.1, this.name);
    const rng = this.npRandom;
    for (let i = 0; i < 4; i++) this.s[i] = Math.fround(rng.uniform(lo, hi));
  }

  private derivs(y: Float64Array, a: number, out: Float64Array): void {
    const theta1 = y[0], theta2 = y[1], dtheta1 = y[2], dtheta2 = y[3];
    const d1 = M1 * LC1 ** 2 + M2 * (L1 ** 2 + LC2 ** 2 + 2 * L1 * LC2 * Math.cos(theta2)) + I1 + I2;
    const d2 = M2 * (LC2 ** 2 + L1 * LC2 * Math.cos(theta2)) + I2;
    const phi2 = M2 * LC2 * G * Math.cos(theta1 + theta2 - Math.PI / 2.0);
    const phi1 = -M2 * L1 * LC2 * (dtheta2 * dtheta2) * Math.sin(theta2)
      - 2 * M2 * L1 * LC2 * dtheta2 * dtheta1 * Math.sin(theta2)
      + (M1 * LC1 + M2 * L1) * G * Math.cos(theta1 - Math.PI / 2)
      + phi2;
    const ddtheta2 = (a + (d2 / d1) * phi1 - M2 * L1 * LC2 * (dtheta1 * dtheta1) * Math.sin(theta2) - phi2)
      / (M2 * LC2 ** 2 + I2 - (d2 * d2) / d1);
    const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    out[0] = dtheta1;
    out[1] = dtheta2;
    out[2] = ddtheta1;
    out[3] = ddtheta2;
  }

  protected advance(action: number): void {
    const torque = TORQUES[action];
    const s = this.s, y = this.y, k1 = this.k1, k2 = this.k2, k3 = this.k3, k4 = this.k4;
    const dt2 = DT / 2.0;
    this.derivs(s, torque, k1);
    for (let i = 0; i < 4; i++) y[i] = s[i] + dt2 * k1[i];
    this.derivs(y, torque, k2);
    for (let i = 0; i < 4; i++) y[i] = s[i] + dt2 * k2[i];
    this.derivs(y, torque, k3);
    for (let i = 0; i < 4; i++) y[i] = s[i] + DT * k3[i];
    this.derivs(y, torque, k4);
    for (let i = 0; i < 4; i++) s[i] = s[i] + (DT / 6.0) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    s[0] = wrap(s[0], -Math.PI, Math.PI);
    s[1] = wrap(s[1], -Math.PI, Math.PI);
    s[2] = clip(s[2], -MAX_VEL_1, MAX_VEL_1);
    s[3] = clip(s[3], -MAX_VEL_2, MAX_VEL_2);
    this.lastTerminated = -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.0;
    this.lastReward = this.lastTerminated ? 0.0 : -1.0;
  }

  protected writeObs(out: Float32Array, o: number): void {
    const s = this.s;
    out[o] = Math.cos(s[0]);
    out[o + 1] = Math.sin(s[0]);
    out[o + 2] = Math.cos(s[1]);
    out[o + 3] = Math.sin(s[1]);
    out[o + 4] = s[2];
    out[o + 5] = s[3];
  }

  getState(): Float64Array {
    return Float64Array.from(this.s);
  }

  setState(state: ArrayLike<number>): void {
    this.stateWasSet(state, 4);
    for (let i = 0; i < 4; i++) this.s[i] = state[i];
  }

  protected renderText(): string {
    const s = this.s;
    const height = -Math.cos(s[0]) - Math.cos(s[1] + s[0]);
    return `theta1=${num(s[0])} theta2=${num(s[1])} dtheta1=${num(s[2])} dtheta2=${num(s[3])} tip height=${num(height)} (goal > 1)`;
  }

  protected draw(): Canvas {
    const size = 500;
    const scale = size / (2.2 * 2);
    const c = new Canvas(size, size).fill([255, 255, 255]);
    const ox = size / 2, oy = size / 2;
    const s = this.s;
    const x1 = ox + Math.sin(s[0]) * scale, y1 = oy + Math.cos(s[0]) * scale;
    const x2 = x1 + Math.sin(s[0] + s[1]) * scale, y2 = y1 + Math.cos(s[0] + s[1]) * scale;
    c.line(0, oy - scale, size, oy - scale, [0, 0, 0]); // the goal height: one link above the pivot
    c.line(ox, oy, x1, y1, [0, 204, 204], 10);
    c.line(x1, y1, x2, y2, [0, 204, 204], 10);
    c.fillCircle(ox, oy, 5, [204, 204, 0]);
    c.fillCircle(x1, y1, 5, [204, 204, 0]);
    return c;
  }
}
