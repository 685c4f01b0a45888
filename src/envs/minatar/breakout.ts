// MinAtar Breakout (MINATAR-SPEC §3): a paddle in row 9, a ball moving diagonally, three rows of bricks.
// The only randomness is the ball's starting side; there is no difficulty ramping.

import type { Rng } from '../../core/rng.js';
import { GRID, LEFT, RIGHT, type GameOptions, type MinAtarGame, type ObsBuffer } from './game.js';

const BRICK_ROWS_FIRST = 1;
const BRICK_ROWS_END = 4;
const BOTTOM = GRID - 1;
const CH_PADDLE = 0;
const CH_BALL = 1;
const CH_TRAIL = 2;
const CH_BRICK = 3;

export class Breakout implements MinAtarGame {
  readonly name = 'breakout';
  readonly channels = 4;
  readonly channelNames: readonly string[] = ['paddle', 'ball', 'trail', 'brick'];
  readonly minimalActions: readonly number[] = [0, 1, 3];
  readonly rampIndex = 0;

  paddle = 4;
  ballRow = 3;
  ballCol = 0;
  /** Ball direction: row step (−1 up, +1 down) and column step (−1 left, +1 right). */
  ballDr = 1;
  ballDc = 1;
  /** The ball's previous position, drawn as the trail. */
  lastRow = 3;
  lastCol = 0;
  /** 1 where a brick stands, indexed row·GRID + col. */
  readonly bricks = new Uint8Array(GRID * GRID);
  brickCount = 0;
  strike = false;
  /** The brick channel as an observation (everything else 0), kept in step with `bricks`: observe copies it. */
  private readonly brickImage = new Uint8Array(GRID * GRID * 4);
  terminal = false;

  /** The generator, shared with the env (which rebinds it when a seed re-creates it). */
  rng: Rng;

  constructor(options: GameOptions) {
    this.rng = options.rng;
    this.reset();
  }

  reset(): void {
    this.paddle = 4;
    this.ballRow = 3;
    if (this.rng.int(2) === 0) {
      this.ballCol = 0;
      this.ballDc = 1;
    } else {
      this.ballCol = GRID - 1;
      this.ballDc = -1;
    }
    this.ballDr = 1;
    this.lastRow = this.ballRow;
    this.lastCol = this.ballCol;
    this.fillBricks();
    this.strike = false;
    this.terminal = false;
  }

  /** Puts a full wall in rows 1–3. */
  fillBricks(): void {
    this.bricks.fill(0);
    this.bricks.fill(1, BRICK_ROWS_FIRST * GRID, BRICK_ROWS_END * GRID);
    this.syncBricks();
  }

  /** Rebuilds the brick image from `bricks` (after a refill, or after a hand edit of the wall). */
  syncBricks(): void {
    const image = this.brickImage;
    let n = 0;
    for (let i = 0; i < GRID * GRID; i++) {
      image[i * this.channels + CH_BRICK] = this.bricks[i];
      n += this.bricks[i];
    }
    this.brickCount = n;
  }

  act(action: number): number {
    if (this.terminal) return 0;
    let reward = 0;
    if (action === LEFT) { if (this.paddle > 0) this.paddle--; }
    else if (action === RIGHT) { if (this.paddle < GRID - 1) this.paddle++; }

    const lastRow = this.ballRow;
    const lastCol = this.ballCol;
    let row = lastRow + this.ballDr;
    let col = lastCol + this.ballDc;
    if (col < 0 || col > GRID - 1) {
      col = col < 0 ? 0 : GRID - 1;
      this.ballDc = -this.ballDc;
    }
    let brickContact = false;
    if (row < 0) {
      row = 0;
      this.ballDr = -this.ballDr;
    } else if (this.bricks[row * GRID + col] === 1) {
      brickContact = true;
      // A brick hit on the previous step lets the ball pass into this one (spec §3.3, strike quirk).
      if (!this.strike) {
        reward = 1;
        this.strike = true;
        this.bricks[row * GRID + col] = 0;
        this.brickImage[(row * GRID + col) * this.channels + CH_BRICK] = 0;
        this.brickCount--;
        row = lastRow;
        this.ballDr = -this.ballDr;
      }
    } else if (row === BOTTOM) {
      if (this.brickCount === 0) this.fillBricks();
      if (lastCol === this.paddle) {
        this.ballDr = -this.ballDr;
        row = lastRow;
      } else if (col === this.paddle) {
        this.ballDr = -this.ballDr;
        this.ballDc = -this.ballDc;
        row = lastRow;
      } else {
        this.terminal = true;
      }
    }
    if (!brickContact) this.strike = false;
    this.lastRow = lastRow;
    this.lastCol = lastCol;
    this.ballRow = row;
    this.ballCol = col;
    return reward;
  }

  observe(out: ObsBuffer, offset: number): void {
    const C = this.channels;
    out.set(this.brickImage, offset);
    out[offset + (BOTTOM * GRID + this.paddle) * C + CH_PADDLE] = 1;
    out[offset + (this.ballRow * GRID + this.ballCol) * C + CH_BALL] = 1;
    out[offset + (this.lastRow * GRID + this.lastCol) * C + CH_TRAIL] = 1;
  }
}
