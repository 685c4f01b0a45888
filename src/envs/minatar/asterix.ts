// MinAtar Asterix (MINATAR-SPEC §2): collect gold, avoid enemies that cross the rows 1–8.
// One entity slot per row; spawns and moves are driven by countdown timers that ramp down.

import type { Rng } from '../../core/rng.js';
import { DOWN, GRID, LEFT, RIGHT, UP, type GameOptions, type MinAtarGame, type ObsBuffer } from './game.js';

const SLOTS = 8;
const INITIAL_SPAWN_INTERVAL = 10;
const INITIAL_MOVE_INTERVAL = 5;
const RAMP_INTERVAL = 100;
const CH_PLAYER = 0;
const CH_ENEMY = 1;
const CH_TRAIL = 2;
const CH_GOLD = 3;

export class Asterix implements MinAtarGame {
  readonly name = 'asterix';
  readonly channels = 4;
  readonly channelNames: readonly string[] = ['player', 'enemy', 'trail', 'gold'];
  readonly minimalActions: readonly number[] = [0, 1, 2, 3, 4];

  playerRow = 5;
  playerCol = 5;
  /** Slot k lives in row k + 1. */
  readonly active = new Uint8Array(SLOTS);
  readonly col = new Int8Array(SLOTS);
  /** +1 moving right (entered at column 0), −1 moving left (entered at column 9). */
  readonly dir = new Int8Array(SLOTS);
  readonly gold = new Uint8Array(SLOTS);
  spawnInterval = INITIAL_SPAWN_INTERVAL;
  spawnTimer = INITIAL_SPAWN_INTERVAL;
  moveInterval = INITIAL_MOVE_INTERVAL;
  moveTimer = INITIAL_MOVE_INTERVAL;
  rampTimer = RAMP_INTERVAL;
  rampIndex = 0;
  terminal = false;

  /** The generator, shared with the env (which rebinds it when a seed re-creates it). */
  rng: Rng;
  private readonly ramping: boolean;

  constructor(options: GameOptions) {
    this.rng = options.rng;
    this.ramping = options.difficultyRamping;
    this.reset();
  }

  reset(): void {
    this.playerRow = 5;
    this.playerCol = 5;
    this.active.fill(0);
    this.spawnInterval = INITIAL_SPAWN_INTERVAL;
    this.spawnTimer = INITIAL_SPAWN_INTERVAL;
    this.moveInterval = INITIAL_MOVE_INTERVAL;
    this.moveTimer = INITIAL_MOVE_INTERVAL;
    this.rampTimer = RAMP_INTERVAL;
    this.rampIndex = 0;
    this.terminal = false;
  }

  act(action: number): number {
    if (this.terminal) return 0;
    let reward = 0;
    if (this.spawnTimer === 0) {
      this.spawn();
      this.spawnTimer = this.spawnInterval;
    }
    if (action === LEFT) { if (this.playerCol > 0) this.playerCol--; }
    else if (action === RIGHT) { if (this.playerCol < GRID - 1) this.playerCol++; }
    else if (action === UP) { if (this.playerRow > 1) this.playerRow--; }
    else if (action === DOWN) { if (this.playerRow < SLOTS) this.playerRow++; }

    // Only the slot of the player's row can share its cell.
    reward += this.contact(this.playerRow - 1);

    if (this.moveTimer === 0) {
      this.moveTimer = this.moveInterval;
      for (let k = 0; k < SLOTS; k++) {
        if (this.active[k] === 0) continue;
        const c = this.col[k] + this.dir[k];
        if (c < 0 || c >= GRID) { this.active[k] = 0; continue; }
        this.col[k] = c;
        if (k === this.playerRow - 1) reward += this.contact(k);
      }
    }
    this.spawnTimer--;
    this.moveTimer--;

    if (this.ramping && (this.spawnInterval > 1 || this.moveInterval > 1)) {
      if (this.rampTimer >= 0) this.rampTimer--;
      else {
        if (this.moveInterval > 1 && (this.rampIndex & 1) === 1) this.moveInterval--;
        if (this.spawnInterval > 1) this.spawnInterval--;
        this.rampIndex++;
        this.rampTimer = RAMP_INTERVAL;
      }
    }
    return reward;
  }

  /** Gold on the player's cell is collected (+1); an enemy there ends the episode and stays. */
  private contact(k: number): number {
    if (this.active[k] === 0 || this.col[k] !== this.playerCol) return 0;
    if (this.gold[k] === 1) {
      this.active[k] = 0;
      return 1;
    }
    this.terminal = true;
    return 0;
  }

  private spawn(): void {
    const fromLeft = this.rng.next() < 0.5;
    const isGold = this.rng.next() < 1 / 3;
    let empty = 0;
    for (let k = 0; k < SLOTS; k++) if (this.active[k] === 0) empty++;
    if (empty === 0) return;
    let pick = this.rng.int(empty);
    for (let k = 0; k < SLOTS; k++) {
      if (this.active[k] !== 0) continue;
      if (pick-- > 0) continue;
      this.active[k] = 1;
      this.col[k] = fromLeft ? 0 : GRID - 1;
      this.dir[k] = fromLeft ? 1 : -1;
      this.gold[k] = isGold ? 1 : 0;
      return;
    }
  }

  observe(out: ObsBuffer, offset: number): void {
    const C = this.channels;
    out.fill(0, offset, offset + GRID * GRID * C);
    out[offset + (this.playerRow * GRID + this.playerCol) * C + CH_PLAYER] = 1;
    for (let k = 0; k < SLOTS; k++) {
      if (this.active[k] === 0) continue;
      const row = (k + 1) * GRID;
      const c = this.col[k];
      out[offset + (row + c) * C + (this.gold[k] === 1 ? CH_GOLD : CH_ENEMY)] = 1;
      const back = c - this.dir[k];
      if (back >= 0 && back < GRID) out[offset + (row + back) * C + CH_TRAIL] = 1;
    }
  }
}
