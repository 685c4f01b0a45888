// MinAtar Freeway (MINATAR-SPEC §4): a chicken in column 4 crosses eight lanes of wrapping cars.
// Being hit sends it back to the bottom; the episode always lasts 2501 steps (built-in time limit).

import type { Rng } from '../../core/rng.js';
import { DOWN, GRID, UP, type GameOptions, type MinAtarGame, type ObsBuffer } from './game.js';

const CARS = 8;
const CHICKEN_COL = 4;
const START_ROW = GRID - 1;
const MOVE_COOLDOWN = 3;
const TIME_LIMIT = 2500;
const MAX_SPEED = 5;
const CH_CHICKEN = 0;
const CH_CAR = 1;
/** Channel of the trail of a car with speed magnitude s is CH_SPEED0 + s (speed1 … speed5). */
const CH_SPEED0 = 1;

export class Freeway implements MinAtarGame {
  readonly name = 'freeway';
  readonly channels = 7;
  readonly channelNames: readonly string[] = ['chicken', 'car', 'speed1', 'speed2', 'speed3', 'speed4', 'speed5'];
  readonly minimalActions: readonly number[] = [0, 2, 4];
  readonly rampIndex = 0;

  chickenRow = START_ROW;
  cooldown = MOVE_COOLDOWN;
  /** Steps left; the episode ends on the step that takes it below 0. */
  timer = TIME_LIMIT;
  /** Car i drives in row i + 1. */
  readonly carCol = new Int8Array(CARS);
  /** Speed magnitude 1–5: a car moves once every speed + 1 steps. */
  readonly carSpeed = new Uint8Array(CARS);
  /** +1 moving right, −1 moving left. */
  readonly carDir = new Int8Array(CARS);
  readonly carCountdown = new Uint8Array(CARS);
  terminal = false;

  /** The generator, shared with the env (which rebinds it when a seed re-creates it). */
  rng: Rng;

  constructor(options: GameOptions) {
    this.rng = options.rng;
    this.reset();
  }

  reset(): void {
    this.chickenRow = START_ROW;
    this.cooldown = MOVE_COOLDOWN;
    this.timer = TIME_LIMIT;
    this.carCol.fill(0);
    this.randomiseCars();
    this.terminal = false;
  }

  /** New speeds, directions and countdowns; positions are kept (spec §4.1). */
  randomiseCars(): void {
    for (let i = 0; i < CARS; i++) this.carSpeed[i] = 1 + this.rng.int(MAX_SPEED);
    for (let i = 0; i < CARS; i++) {
      this.carDir[i] = this.rng.next() < 0.5 ? -1 : 1;
      this.carCountdown[i] = this.carSpeed[i];
    }
  }

  act(action: number): number {
    if (this.terminal) return 0;
    let reward = 0;
    if (this.cooldown === 0) {
      if (action === UP) {
        this.cooldown = MOVE_COOLDOWN;
        if (this.chickenRow > 0) this.chickenRow--;
      } else if (action === DOWN) {
        this.cooldown = MOVE_COOLDOWN;
        if (this.chickenRow < GRID - 1) this.chickenRow++;
      }
    }
    if (this.chickenRow === 0) {
      reward = 1;
      this.randomiseCars();
      this.chickenRow = START_ROW;
    }
    for (let i = 0; i < CARS; i++) {
      if (this.chickenRow === i + 1 && this.carCol[i] === CHICKEN_COL) this.chickenRow = START_ROW;
      if (this.carCountdown[i] === 0) {
        this.carCountdown[i] = this.carSpeed[i];
        let c = this.carCol[i] + this.carDir[i];
        if (c < 0) c = GRID - 1;
        else if (c >= GRID) c = 0;
        this.carCol[i] = c;
        if (this.chickenRow === i + 1 && c === CHICKEN_COL) this.chickenRow = START_ROW;
      } else {
        this.carCountdown[i]--;
      }
    }
    if (this.cooldown > 0) this.cooldown--;
    this.timer--;
    if (this.timer < 0) this.terminal = true;
    return reward;
  }

  observe(out: ObsBuffer, offset: number): void {
    const C = this.channels;
    out.fill(0, offset, offset + GRID * GRID * C);
    out[offset + (this.chickenRow * GRID + CHICKEN_COL) * C + CH_CHICKEN] = 1;
    for (let i = 0; i < CARS; i++) {
      const row = (i + 1) * GRID;
      const c = this.carCol[i];
      out[offset + (row + c) * C + CH_CAR] = 1;
      let back = c - this.carDir[i];
      if (back < 0) back = GRID - 1;
      else if (back >= GRID) back = 0;
      out[offset + (row + back) * C + CH_SPEED0 + this.carSpeed[i]] = 1;
    }
  }
}
