// CartPole-v1 (Barto, Sutton & Anderson 1983) as in Gymnasium 1.x: explicit Euler, float64 state,
// float32 observation; the update order follows ../shared/envs/golden/README.md so replays match.
import { Canvas } from '../../env/raster.js';
import { Box, Discrete } from '../../env/spaces.js';
import { resetBounds } from '../../env/env.js';
import { ClassicEnv, num, type ClassicEnvOptions } from './classic-env.js';

const GRAVITY = 9.8;
const MASSCART = 1.0;
const MASSPOLE = 0.1;
const TOTAL_MASS = MASSPOLE + MASSCART;
const LENGTH = 0.5; // half the pole's length
const POLEMASS_LENGTH = MASSPOLE * LENGTH;
const FORCE_MAG = 10.0;
const TAU = 0.02;
const THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;
const X_THRESHOLD = 2.4;

export class CartPoleEnv extends ClassicEnv<number> {
  readonly observationSpace = new Box(
    [-X_THRESHOLD * 2, -Infinity, -THETA_THRESHOLD * 2, -Infinity],
    [X_THRESHOLD * 2, Infinity, THETA_THRESHOLD * 2, Infinity],
  );
  readonly actionSpace = new Discrete(2);
  private x = 0;
  private xDot = 0;
  private theta = 0;
  private thetaDot = 0;

  constructor(options: ClassicEnvOptions = {}) {
    super(4, 50, options);
  }

  protected initState(options: Record<string, unknown> | undefined): void {
    const [lo, hi] = resetBounds(options, -0.05, 0.05, this.name);
    const rng = this.npRandom;
    this.x = rng.uniform(lo, hi);
    this.xDot = rng.uniform(lo, hi);
    this.theta = rng.uniform(lo, hi);
    this.thetaDot = rng.uniform(lo, hi);
  }

  protected advance(action: number): void {
    const force = action === 1 ? FORCE_MAG : -FORCE_MAG;
    const theta = this.theta, thetaDot = this.thetaDot;
    const costheta = Math.cos(theta);
    const sintheta = Math.sin(theta);
    const temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sintheta) / TOTAL_MASS;
    const thetaacc = (GRAVITY * sintheta - costheta * temp) / (LENGTH * (4.0 / 3.0 - (MASSPOLE * (costheta * costheta)) / TOTAL_MASS));
    const xacc = temp - (POLEMASS_LENGTH * thetaacc * costheta) / TOTAL_MASS;
    this.x = this.x + TAU * this.xDot;
    this.xDot = this.xDot + TAU * xacc;
    this.theta = theta + TAU * thetaDot;
    this.thetaDot = thetaDot + TAU * thetaacc;
    const x = this.x, th = this.theta;
    this.lastTerminated = x < -X_THRESHOLD || x > X_THRESHOLD || th < -THETA_THRESHOLD || th > THETA_THRESHOLD;
    this.lastReward = 1.0;
  }

  protected writeObs(out: Float32Array, o: number): void {
    out[o] = this.x;
    out[o + 1] = this.xDot;
    out[o + 2] = this.theta;
    out[o + 3] = this.thetaDot;
  }

  getState(): Float64Array {
    return Float64Array.of(this.x, this.xDot, this.theta, this.thetaDot);
  }

  setState(state: ArrayLike<number>): void {
    this.stateWasSet(state, 4);
    [this.x, this.xDot, this.theta, this.thetaDot] = [state[0], state[1], state[2], state[3]];
  }

  protected renderText(): string {
    const width = 49;
    const cart = Math.round(((this.x + X_THRESHOLD) / (2 * X_THRESHOLD)) * (width - 1));
    const track = Array.from({ length: width }, (_, i) => (i === cart ? '#' : '-')).join('');
    const lean = this.theta > 0.02 ? '/' : this.theta < -0.02 ? '\\' : '|';
    const pole = ' '.repeat(Math.max(0, Math.min(width - 1, cart))) + lean;
    return `${pole}\n${track}\nx=${num(this.x)} x_dot=${num(this.xDot)} theta=${num(this.theta)} theta_dot=${num(this.thetaDot)}`;
  }

  protected draw(): Canvas {
    const W = 600, H = 400;
    const scale = W / (X_THRESHOLD * 2);
    const poleLen = scale * (2 * LENGTH);
    const cartW = 50, cartH = 30, poleW = 10;
    const c = new Canvas(W, H).fill([255, 255, 255]);
    const groundY = H - 100; // y grows downwards
    const cx = this.x * scale + W / 2;
    c.line(0, groundY, W, groundY, [0, 0, 0]);
    c.fillRect(cx - cartW / 2, groundY - cartH / 2, cx + cartW / 2, groundY + cartH / 2, [0, 0, 0]);
    const axleY = groundY - cartH / 4;
    const tipX = cx + Math.sin(this.theta) * poleLen, tipY = axleY - Math.cos(this.theta) * poleLen;
    c.line(cx, axleY, tipX, tipY, [202, 152, 101], poleW);
    c.fillCircle(cx, axleY, poleW / 2, [129, 132, 203]);
    return c;
  }
}
