// MinAtar Seaquest (MINATAR-SPEC §5): a submarine shoots fish and enemy subs, rescues divers
// and must surface with them before its oxygen runs out. Difficulty ramps once per surfacing.

import type { Rng } from '../../core/rng.js';
import { DOWN, FIRE, GRID, LEFT, RIGHT, UP, type GameOptions, type MinAtarGame, type ObsBuffer } from './game.js';

const MAX_OXYGEN = 200;
const MAX_DIVERS = 6;
const SUB_MAX_ROW = 8;
const INITIAL_ENEMY_SPAWN_INTERVAL = 20;
const INITIAL_ENEMY_MOVE_INTERVAL = 5;
const DIVER_SPAWN_INTERVAL = 30;
const DIVER_MOVE_INTERVAL = 5;
const ENEMY_SHOT_INTERVAL = 10;
const PLAYER_SHOT_COOLDOWN = 5;
const GAUGE_ROW = GRID - 1;
const CH_SUB_FRONT = 0;
const CH_SUB_BACK = 1;
const CH_FRIENDLY_BULLET = 2;
const CH_TRAIL = 3;
const CH_ENEMY_BULLET = 4;
const CH_FISH = 5;
const CH_ENEMY_SUB = 6;
const CH_OXYGEN = 7;
const CH_DIVER_GAUGE = 8;
const CH_DIVER = 9;

/**
 * A list of moving objects in insertion order (index 0 the oldest), held in typed arrays.
 * Games walk it newest first, so removing the element being visited leaves the unvisited ones in place.
 * Capacity doubles when full: an allocation only when the population reaches a new high.
 */
export class ObjectPool {
  count = 0;
  row: Int8Array;
  col: Int8Array;
  /** +1 moving right, −1 moving left. */
  dir: Int8Array;
  /** Move countdown (fish, subs, divers). */
  move: Int16Array;
  /** Shot countdown (enemy subs). */
  shot: Int16Array;

  constructor(capacity = 16) {
    this.row = new Int8Array(capacity);
    this.col = new Int8Array(capacity);
    this.dir = new Int8Array(capacity);
    this.move = new Int16Array(capacity);
    this.shot = new Int16Array(capacity);
  }

  clear(): void {
    this.count = 0;
  }

  add(row: number, col: number, dir: number, move = 0, shot = 0): void {
    if (this.count === this.row.length) this.grow();
    const i = this.count++;
    this.row[i] = row;
    this.col[i] = col;
    this.dir[i] = dir;
    this.move[i] = move;
    this.shot[i] = shot;
  }

  remove(i: number): void {
    const n = --this.count;
    if (i < n) {
      this.row.copyWithin(i, i + 1, n + 1);
      this.col.copyWithin(i, i + 1, n + 1);
      this.dir.copyWithin(i, i + 1, n + 1);
      this.move.copyWithin(i, i + 1, n + 1);
      this.shot.copyWithin(i, i + 1, n + 1);
    }
  }

  /** Index of the oldest object on (row, col), or −1. */
  find(row: number, col: number): number {
    for (let i = 0; i < this.count; i++) if (this.row[i] === row && this.col[i] === col) return i;
    return -1;
  }

  private grow(): void {
    const n = this.row.length * 2;
    const row = new Int8Array(n); row.set(this.row); this.row = row;
    const col = new Int8Array(n); col.set(this.col); this.col = col;
    const dir = new Int8Array(n); dir.set(this.dir); this.dir = dir;
    const move = new Int16Array(n); move.set(this.move); this.move = move;
    const shot = new Int16Array(n); shot.set(this.shot); this.shot = shot;
  }
}

export class Seaquest implements MinAtarGame {
  readonly name = 'seaquest';
  readonly channels = 10;
  readonly channelNames: readonly string[] = [
    'sub_front', 'sub_back', 'friendly_bullet', 'trail', 'enemy_bullet',
    'enemy_fish', 'enemy_sub', 'oxygen_gauge', 'diver_gauge', 'diver',
  ];
  readonly minimalActions: readonly number[] = [0, 1, 2, 3, 4, 5];

  subRow = 0;
  subCol = 5;
  /** −1 facing left, +1 facing right. */
  subDir = -1;
  oxygen = MAX_OXYGEN;
  /** Can go negative after a six-diver surfacing (spec §5.7, quirk 1). */
  diverCount = 0;
  readonly friendlyBullets = new ObjectPool();
  readonly enemyBullets = new ObjectPool();
  readonly fish = new ObjectPool();
  readonly enemySubs = new ObjectPool();
  readonly divers = new ObjectPool();
  enemySpawnInterval = INITIAL_ENEMY_SPAWN_INTERVAL;
  enemySpawnTimer = INITIAL_ENEMY_SPAWN_INTERVAL;
  diverSpawnTimer = DIVER_SPAWN_INTERVAL;
  enemyMoveInterval = INITIAL_ENEMY_MOVE_INTERVAL;
  shotCooldown = 0;
  rampIndex = 0;
  /** True while the sub is at the surface after having surfaced (or at the start). */
  surface = true;
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
    this.subRow = 0;
    this.subCol = 5;
    this.subDir = -1;
    this.oxygen = MAX_OXYGEN;
    this.diverCount = 0;
    this.friendlyBullets.clear();
    this.enemyBullets.clear();
    this.fish.clear();
    this.enemySubs.clear();
    this.divers.clear();
    this.enemySpawnInterval = INITIAL_ENEMY_SPAWN_INTERVAL;
    this.enemySpawnTimer = INITIAL_ENEMY_SPAWN_INTERVAL;
    this.diverSpawnTimer = DIVER_SPAWN_INTERVAL;
    this.enemyMoveInterval = INITIAL_ENEMY_MOVE_INTERVAL;
    this.shotCooldown = 0;
    this.rampIndex = 0;
    this.surface = true;
    this.terminal = false;
  }

  act(action: number): number {
    if (this.terminal) return 0;
    let reward = 0;
    if (this.enemySpawnTimer === 0) {
      this.spawnEnemy();
      this.enemySpawnTimer = this.enemySpawnInterval;
    }
    if (this.diverSpawnTimer === 0) {
      this.spawnDiver();
      this.diverSpawnTimer = DIVER_SPAWN_INTERVAL;
    }

    if (action === FIRE) {
      if (this.shotCooldown === 0) {
        this.friendlyBullets.add(this.subRow, this.subCol, this.subDir);
        this.shotCooldown = PLAYER_SHOT_COOLDOWN;
      }
    } else if (action === LEFT) {
      if (this.subCol > 0) this.subCol--;
      this.subDir = -1;
    } else if (action === RIGHT) {
      if (this.subCol < GRID - 1) this.subCol++;
      this.subDir = 1;
    } else if (action === UP) {
      if (this.subRow > 0) this.subRow--;
    } else if (action === DOWN) {
      if (this.subRow < SUB_MAX_ROW) this.subRow++;
    }

    reward += this.moveFriendlyBullets();
    this.moveDivers();
    reward += this.moveEnemies(this.enemySubs, true);
    this.moveEnemyBullets();
    reward += this.moveEnemies(this.fish, false);

    if (this.enemySpawnTimer > 0) this.enemySpawnTimer--;
    if (this.diverSpawnTimer > 0) this.diverSpawnTimer--;
    if (this.shotCooldown > 0) this.shotCooldown--;

    if (this.oxygen <= 0) this.terminal = true;
    if (this.subRow > 0) {
      this.oxygen--;
      this.surface = false;
    } else if (!this.surface) {
      if (this.diverCount === 0) this.terminal = true;
      else reward += this.surfaceSub();
    }
    return reward;
  }

  /** Surfacing with a non-zero diver count (spec §5.4); returns its reward. */
  surfaceSub(): number {
    this.surface = true;
    let reward = 0;
    if (this.diverCount === MAX_DIVERS) {
      reward = Math.floor((this.oxygen * 10) / MAX_OXYGEN);
      this.diverCount = 0;
    }
    this.oxygen = MAX_OXYGEN;
    this.diverCount--;
    if (this.ramping && (this.enemySpawnInterval > 1 || this.enemyMoveInterval > 2)) {
      if (this.enemyMoveInterval > 2 && (this.rampIndex & 1) === 1) this.enemyMoveInterval--;
      if (this.enemySpawnInterval > 1) this.enemySpawnInterval--;
      this.rampIndex++;
    }
    return reward;
  }

  private spawnEnemy(): void {
    const fromLeft = this.rng.next() < 0.5;
    const isSub = this.rng.next() < 1 / 3;
    const row = 1 + this.rng.int(8);
    const dir = fromLeft ? 1 : -1;
    // An enemy in the row moving the other way cancels the spawn (spec §5.3).
    if (this.opposes(this.fish, row, dir) || this.opposes(this.enemySubs, row, dir)) return;
    const col = fromLeft ? 0 : GRID - 1;
    if (isSub) this.enemySubs.add(row, col, dir, this.enemyMoveInterval, ENEMY_SHOT_INTERVAL);
    else this.fish.add(row, col, dir, this.enemyMoveInterval);
  }

  private opposes(pool: ObjectPool, row: number, dir: number): boolean {
    for (let i = 0; i < pool.count; i++) if (pool.row[i] === row && pool.dir[i] !== dir) return true;
    return false;
  }

  private spawnDiver(): void {
    const fromLeft = this.rng.next() < 0.5;
    const row = 1 + this.rng.int(8);
    this.divers.add(row, fromLeft ? 0 : GRID - 1, fromLeft ? 1 : -1, DIVER_MOVE_INTERVAL);
  }

  private moveFriendlyBullets(): number {
    const b = this.friendlyBullets;
    let reward = 0;
    for (let i = b.count - 1; i >= 0; i--) {
      const c = b.col[i] + b.dir[i];
      if (c < 0 || c >= GRID) { b.remove(i); continue; }
      b.col[i] = c;
      const r = b.row[i];
      let hit = this.fish.find(r, c);
      if (hit >= 0) {
        this.fish.remove(hit);
        b.remove(i);
        reward++;
        continue;
      }
      hit = this.enemySubs.find(r, c);
      if (hit >= 0) {
        this.enemySubs.remove(hit);
        b.remove(i);
        reward++;
      }
    }
    return reward;
  }

  private pickUpDiver(i: number): boolean {
    const d = this.divers;
    if (d.row[i] !== this.subRow || d.col[i] !== this.subCol || this.diverCount >= MAX_DIVERS) return false;
    d.remove(i);
    this.diverCount++;
    return true;
  }

  private moveDivers(): void {
    const d = this.divers;
    for (let i = d.count - 1; i >= 0; i--) {
      if (this.pickUpDiver(i)) continue;
      if (d.move[i] === 0) {
        d.move[i] = DIVER_MOVE_INTERVAL;
        const c = d.col[i] + d.dir[i];
        if (c < 0 || c >= GRID) { d.remove(i); continue; }
        d.col[i] = c;
        this.pickUpDiver(i);
      } else {
        d.move[i]--;
      }
    }
  }

  /** Steps 6 and 8 of spec §5.2: contact, movement, bullet hits and (for subs) shooting. */
  private moveEnemies(e: ObjectPool, shoots: boolean): number {
    let reward = 0;
    for (let i = e.count - 1; i >= 0; i--) {
      let row = e.row[i];
      let col = e.col[i];
      const dir = e.dir[i];
      if (row === this.subRow && col === this.subCol) this.terminal = true;
      let shot = e.shot[i];
      let removed = false;
      if (e.move[i] === 0) {
        e.move[i] = this.enemyMoveInterval;
        col += dir;
        if (col < 0 || col >= GRID) {
          removed = true;
        } else if (row === this.subRow && col === this.subCol) {
          this.terminal = true;
        } else {
          const hit = this.friendlyBullets.find(row, col);
          if (hit >= 0) {
            this.friendlyBullets.remove(hit);
            reward++;
            removed = true;
          }
        }
        if (removed) e.remove(i);
        else e.col[i] = col;
      } else {
        e.move[i]--;
      }
      if (!shoots) continue;
      // A sub removed in this step still fires (spec §5.7, quirk 2).
      if (shot === 0) {
        shot = ENEMY_SHOT_INTERVAL;
        this.enemyBullets.add(row, col, dir);
      } else {
        shot--;
      }
      if (!removed) e.shot[i] = shot;
    }
    return reward;
  }

  private moveEnemyBullets(): void {
    const b = this.enemyBullets;
    for (let i = b.count - 1; i >= 0; i--) {
      if (b.row[i] === this.subRow && b.col[i] === this.subCol) this.terminal = true;
      const c = b.col[i] + b.dir[i];
      if (c < 0 || c >= GRID) { b.remove(i); continue; }
      b.col[i] = c;
      if (b.row[i] === this.subRow && c === this.subCol) this.terminal = true;
    }
  }

  observe(out: ObsBuffer, offset: number): void {
    const C = this.channels;
    out.fill(0, offset, offset + GRID * GRID * C);
    out[offset + (this.subRow * GRID + this.subCol) * C + CH_SUB_FRONT] = 1;
    const back = this.subCol - this.subDir;
    if (back >= 0 && back < GRID) out[offset + (this.subRow * GRID + back) * C + CH_SUB_BACK] = 1;
    this.drawPool(out, offset, this.friendlyBullets, CH_FRIENDLY_BULLET, false);
    this.drawPool(out, offset, this.enemyBullets, CH_ENEMY_BULLET, false);
    this.drawPool(out, offset, this.fish, CH_FISH, true);
    this.drawPool(out, offset, this.enemySubs, CH_ENEMY_SUB, true);
    this.drawPool(out, offset, this.divers, CH_DIVER, true);
    const oxygenCells = Math.floor((Math.max(0, this.oxygen) * 10) / MAX_OXYGEN);
    for (let c = 0; c < oxygenCells; c++) out[offset + (GAUGE_ROW * GRID + c) * C + CH_OXYGEN] = 1;
    for (let c = GRID - 1 - this.diverCount; c < GRID - 1; c++) {
      out[offset + (GAUGE_ROW * GRID + c) * C + CH_DIVER_GAUGE] = 1;
    }
  }

  private drawPool(out: ObsBuffer, offset: number, p: ObjectPool, channel: number, trail: boolean): void {
    const C = this.channels;
    for (let i = 0; i < p.count; i++) {
      const row = p.row[i] * GRID;
      const c = p.col[i];
      out[offset + (row + c) * C + channel] = 1;
      if (!trail) continue;
      const back = c - p.dir[i];
      if (back >= 0 && back < GRID) out[offset + (row + back) * C + CH_TRAIL] = 1;
    }
  }
}
