// MinAtar Space Invaders (MINATAR-SPEC §6): a cannon in row 9 against a marching block of aliens.
// Fully deterministic. Aliens and bullets are occupancy grids held as one 10-bit mask per row
// (bit c = column c), so block moves, collisions and counts are a few integer operations.

import type { Rng } from '../../core/rng.js';
import { FIRE, GRID, LEFT, RIGHT, type GameOptions, type MinAtarGame, type ObsBuffer } from './game.js';

const BOTTOM = GRID - 1;
const ROW_MASK = (1 << GRID) - 1;
const LEFT_EDGE = 1;
const RIGHT_EDGE = 1 << (GRID - 1);
/** A fresh wave: rows 0–3, columns 2–7. */
const WAVE_ROWS = 4;
const WAVE_MASK = 0b0011111100;
const INITIAL_MOVE_INTERVAL = 12;
const MIN_MOVE_INTERVAL = 6;
const ALIEN_SHOT_INTERVAL = 10;
const PLAYER_SHOT_COOLDOWN = 5;
const CH_CANNON = 0;
const CH_ALIEN = 1;
const CH_ALIEN_LEFT = 2;
const CH_ALIEN_RIGHT = 3;
const CH_FRIENDLY_BULLET = 4;
const CH_ENEMY_BULLET = 5;

function popcount10(x: number): number {
  let n = 0;
  while (x !== 0) {
    x &= x - 1;
    n++;
  }
  return n;
}

export class SpaceInvaders implements MinAtarGame {
  readonly name = 'space_invaders';
  readonly channels = 6;
  readonly channelNames: readonly string[] = ['cannon', 'alien', 'alien_left', 'alien_right', 'friendly_bullet', 'enemy_bullet'];
  readonly minimalActions: readonly number[] = [0, 1, 3, 5];

  cannon = 5;
  /** Row masks: bit c of aliens[r] is the alien at (r, c). */
  readonly aliens = new Int32Array(GRID);
  readonly friendlyBullets = new Int32Array(GRID);
  readonly enemyBullets = new Int32Array(GRID);
  alienCount = 0;
  /** −1 moving left, +1 moving right. */
  alienDir = -1;
  baseMoveInterval = INITIAL_MOVE_INTERVAL;
  alienMoveTimer = INITIAL_MOVE_INTERVAL;
  alienShotTimer = ALIEN_SHOT_INTERVAL;
  shotCooldown = 0;
  rampIndex = 0;
  terminal = false;

  /** Unused: the game has no randomness (spec §6.1). */
  rng: Rng;
  private readonly ramping: boolean;

  constructor(options: GameOptions) {
    this.rng = options.rng;
    this.ramping = options.difficultyRamping;
    this.reset();
  }

  reset(): void {
    this.cannon = 5;
    this.placeWave();
    this.friendlyBullets.fill(0);
    this.enemyBullets.fill(0);
    this.alienDir = -1;
    this.baseMoveInterval = INITIAL_MOVE_INTERVAL;
    this.alienMoveTimer = INITIAL_MOVE_INTERVAL;
    this.alienShotTimer = ALIEN_SHOT_INTERVAL;
    this.shotCooldown = 0;
    this.rampIndex = 0;
    this.terminal = false;
  }

  placeWave(): void {
    this.aliens.fill(0);
    for (let r = 0; r < WAVE_ROWS; r++) this.aliens[r] = WAVE_MASK;
    this.alienCount = WAVE_ROWS * popcount10(WAVE_MASK);
  }

  /** Recounts the aliens after the grid was edited by hand. */
  recount(): void {
    let n = 0;
    for (let r = 0; r < GRID; r++) n += popcount10(this.aliens[r]);
    this.alienCount = n;
  }

  act(action: number): number {
    if (this.terminal) return 0;
    const aliens = this.aliens;
    const fb = this.friendlyBullets;
    const eb = this.enemyBullets;
    if (action === FIRE) {
      if (this.shotCooldown === 0) {
        fb[BOTTOM] |= 1 << this.cannon;
        this.shotCooldown = PLAYER_SHOT_COOLDOWN;
      }
    } else if (action === LEFT) {
      if (this.cannon > 0) this.cannon--;
    } else if (action === RIGHT) {
      if (this.cannon < GRID - 1) this.cannon++;
    }
    const cannonBit = 1 << this.cannon;

    for (let r = 0; r < BOTTOM; r++) fb[r] = fb[r + 1];
    fb[BOTTOM] = 0;
    for (let r = BOTTOM; r > 0; r--) eb[r] = eb[r - 1];
    eb[0] = 0;
    if ((eb[BOTTOM] & cannonBit) !== 0) this.terminal = true;
    if ((aliens[BOTTOM] & cannonBit) !== 0) this.terminal = true;

    if (this.alienMoveTimer === 0) {
      this.alienMoveTimer = Math.min(this.alienCount, this.baseMoveInterval);
      let occupied = 0;
      for (let r = 0; r < GRID; r++) occupied |= aliens[r];
      const atEdge = this.alienDir < 0 ? (occupied & LEFT_EDGE) !== 0 : (occupied & RIGHT_EDGE) !== 0;
      if (atEdge) {
        this.alienDir = -this.alienDir;
        if (aliens[BOTTOM] !== 0) this.terminal = true;
        // Aliens already in row 9 drop off the grid; the episode has ended in that case.
        for (let r = BOTTOM; r > 0; r--) aliens[r] = aliens[r - 1];
        aliens[0] = 0;
      } else if (this.alienDir < 0) {
        for (let r = 0; r < GRID; r++) aliens[r] >>= 1;
      } else {
        for (let r = 0; r < GRID; r++) aliens[r] = (aliens[r] << 1) & ROW_MASK;
      }
      if ((aliens[BOTTOM] & cannonBit) !== 0) this.terminal = true;
    }

    if (this.alienShotTimer === 0) {
      this.alienShotTimer = ALIEN_SHOT_INTERVAL;
      this.alienFire();
    }

    let reward = 0;
    for (let r = 0; r < GRID; r++) {
      const hits = aliens[r] & fb[r];
      if (hits === 0) continue;
      const n = popcount10(hits);
      reward += n;
      this.alienCount -= n;
      aliens[r] &= ~hits;
      fb[r] &= ~hits;
    }

    if (this.shotCooldown > 0) this.shotCooldown--;
    this.alienMoveTimer--;
    this.alienShotTimer--;

    if (this.alienCount === 0) {
      if (this.ramping && this.baseMoveInterval > MIN_MOVE_INTERVAL) {
        this.baseMoveInterval--;
        this.rampIndex++;
      }
      this.placeWave();
    }
    return reward;
  }

  /** The lowest alien of the occupied column nearest the cannon (ties: smaller column) fires. */
  private alienFire(): void {
    let occupied = 0;
    for (let r = 0; r < GRID; r++) occupied |= this.aliens[r];
    if (occupied === 0) return;
    let col = -1;
    for (let d = 0; d < GRID && col < 0; d++) {
      const left = this.cannon - d;
      const right = this.cannon + d;
      if (left >= 0 && (occupied & (1 << left)) !== 0) col = left;
      else if (right < GRID && (occupied & (1 << right)) !== 0) col = right;
    }
    const bit = 1 << col;
    for (let r = BOTTOM; r >= 0; r--) {
      if ((this.aliens[r] & bit) !== 0) {
        this.enemyBullets[r] |= bit;
        return;
      }
    }
  }

  observe(out: ObsBuffer, offset: number): void {
    const C = this.channels;
    out.fill(0, offset, offset + GRID * GRID * C);
    out[offset + (BOTTOM * GRID + this.cannon) * C + CH_CANNON] = 1;
    const dirChannel = this.alienDir < 0 ? CH_ALIEN_LEFT : CH_ALIEN_RIGHT;
    for (let r = 0; r < GRID; r++) {
      const a = this.aliens[r];
      const f = this.friendlyBullets[r];
      const e = this.enemyBullets[r];
      if ((a | f | e) === 0) continue;
      for (let c = 0; c < GRID; c++) {
        const bit = 1 << c;
        const base = offset + (r * GRID + c) * C;
        if ((a & bit) !== 0) {
          out[base + CH_ALIEN] = 1;
          out[base + dirChannel] = 1;
        }
        if ((f & bit) !== 0) out[base + CH_FRIENDLY_BULLET] = 1;
        if ((e & bit) !== 0) out[base + CH_ENEMY_BULLET] = 1;
      }
    }
  }
}
