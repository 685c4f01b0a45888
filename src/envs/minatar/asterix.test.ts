import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/rng.js';
import { Asterix } from './asterix.js';
import { DOWN, FIRE, LEFT, NOOP, RIGHT, UP } from './game.js';

function game(ramping = true, seed = 5): Asterix {
  return new Asterix({ rng: new Rng(seed), difficultyRamping: ramping });
}

function put(g: Asterix, slot: number, col: number, dir: 1 | -1, gold: boolean): void {
  g.active[slot] = 1; g.col[slot] = col; g.dir[slot] = dir; g.gold[slot] = gold ? 1 : 0;
}

test('reset: player at (5, 5), no entities, spawn timer 10, move timer 5, ramp timer 100', () => {
  const g = game();
  assert.deepEqual([g.playerRow, g.playerCol], [5, 5]);
  assert.equal(g.active.reduce((a, b) => a + b, 0), 0);
  assert.deepEqual([g.spawnTimer, g.spawnInterval, g.moveTimer, g.moveInterval, g.rampTimer, g.rampIndex], [10, 10, 5, 5, 100, 0]);
});

test('the player moves one cell, clamped to columns 0–9 and rows 1–8; fire does nothing', () => {
  const g = game();
  g.playerRow = 1; g.playerCol = 0;
  g.act(UP); g.act(LEFT);
  assert.deepEqual([g.playerRow, g.playerCol], [1, 0]);
  g.playerRow = 8; g.playerCol = 9;
  g.act(DOWN); g.act(RIGHT);
  assert.deepEqual([g.playerRow, g.playerCol], [8, 9]);
  g.act(FIRE);
  assert.deepEqual([g.playerRow, g.playerCol], [8, 9]);
});

test('the first spawn is at step 11, then one every spawn interval; entities first move at step 6', () => {
  const g = game();
  const spawnSteps: number[] = [];
  let count = 0;
  for (let t = 1; t <= 31; t++) {
    g.playerRow = 1; g.playerCol = 5;
    g.act(NOOP);
    const now = g.active.reduce((a, b) => a + b, 0);
    if (now > count) spawnSteps.push(t);
    count = now;
    g.active.fill(0); count = 0; // keep the board clear so nothing touches the player
  }
  assert.deepEqual(spawnSteps, [11, 21, 31]);

  const h = game();
  put(h, 3, 0, 1, false);
  const moveSteps: number[] = [];
  for (let t = 1; t <= 16; t++) {
    const before = h.col[3];
    h.act(NOOP);
    h.active.fill(0, 0, 3); h.active.fill(0, 4); // only the planted entity
    if (h.col[3] !== before) moveSteps.push(t);
  }
  assert.deepEqual(moveSteps, [6, 11, 16]);
});

test('spawns: half enter from each side, a third are gold, only in empty slots', () => {
  const g = game(true, 11);
  let spawns = 0, gold = 0, left = 0;
  for (let i = 0; i < 6000; i++) {
    g.active.fill(0);
    g.spawnTimer = 0;
    g.moveTimer = 3;
    g.playerRow = 1; g.playerCol = 4; g.terminal = false;
    g.act(NOOP);
    for (let k = 0; k < 8; k++) {
      if (g.active[k] === 0) continue;
      spawns++;
      gold += g.gold[k];
      if (g.dir[k] === 1) { left++; assert.equal(g.col[k], 0); } else assert.equal(g.col[k], 9);
    }
  }
  assert.equal(spawns, 6000);
  assert.ok(Math.abs(gold / spawns - 1 / 3) < 0.025, `gold fraction ${gold / spawns}`);
  assert.ok(Math.abs(left / spawns - 1 / 2) < 0.025, `left fraction ${left / spawns}`);

  // With every slot full nothing is spawned, but the draws are consumed.
  for (let k = 0; k < 8; k++) put(g, k, 4, 1, true);
  g.playerRow = 1; g.playerCol = 9; g.terminal = false;
  g.spawnTimer = 0; g.moveTimer = 3;
  g.act(NOOP);
  assert.deepEqual([...g.col], [4, 4, 4, 4, 4, 4, 4, 4]);
});

test('contacts: gold on the player is collected (+1); an enemy ends the episode and stays', () => {
  const g = game();
  put(g, 4, 6, -1, true); // row 5, one column right of the player
  g.moveTimer = 3;
  assert.equal(g.act(RIGHT), 1);
  assert.equal(g.active[4], 0);
  assert.equal(g.terminal, false);

  const h = game();
  put(h, 4, 6, -1, false);
  h.moveTimer = 0; // the enemy moves onto the player
  assert.equal(h.act(NOOP), 0);
  assert.equal(h.terminal, true);
  assert.deepEqual([h.active[4], h.col[4]], [1, 5]);
  assert.equal(h.act(LEFT), 0);
  assert.equal(h.playerCol, 5, 'a terminal game changes nothing');
});

test('stepping onto an entity is a contact before the entities move (spec §2.2 step 3)', () => {
  // Spec §2.6 calls a swap of cells undetected, but its step order checks contact right after the
  // player's move, so the player stepping into the entity's cell is caught there; the order rules.
  const g = game();
  put(g, 4, 6, -1, false);
  g.moveTimer = 0;
  g.act(RIGHT);
  assert.equal(g.terminal, true);
  assert.deepEqual([g.playerCol, g.col[4]], [6, 5]);
});

test('entities leaving the grid are removed', () => {
  const g = game();
  put(g, 0, 9, 1, false);
  put(g, 1, 0, -1, true);
  g.moveTimer = 0;
  g.act(NOOP);
  assert.deepEqual([g.active[0], g.active[1]], [0, 0]);
});

test('ramping schedule of spec §2.4: ramps every 102 steps, nine in all', () => {
  const g = game();
  const ramps: Array<[number, number, number]> = [];
  const steps: number[] = [];
  for (let t = 1; t <= 1100; t++) {
    g.active.fill(0);
    const before = g.rampIndex;
    g.act(NOOP);
    if (g.rampIndex > before) { steps.push(t); ramps.push([g.spawnInterval, g.moveInterval, g.rampIndex]); }
  }
  assert.deepEqual(steps, [102, 204, 306, 408, 510, 612, 714, 816, 918]);
  assert.deepEqual(ramps.map(([s]) => s), [9, 8, 7, 6, 5, 4, 3, 2, 1]);
  assert.deepEqual(ramps.map(([, m]) => m), [5, 4, 4, 3, 3, 2, 2, 1, 1]);

  const flat = game(false);
  for (let t = 1; t <= 300; t++) { flat.active.fill(0); flat.act(NOOP); }
  assert.deepEqual([flat.spawnInterval, flat.moveInterval, flat.rampIndex], [10, 5, 0]);
});

test('observation: player, enemy, gold and each entity’s trail behind it', () => {
  const g = game();
  put(g, 0, 3, 1, false); // row 1, moving right: trail at column 2
  put(g, 2, 0, -1, true); // row 3, moving left: trail at column 1
  put(g, 5, 0, 1, true); // row 6 at the left edge moving right: no trail
  const obs = new Uint8Array(400);
  g.observe(obs, 0);
  const at = (r: number, c: number, ch: number): number => obs[(r * 10 + c) * 4 + ch];
  assert.equal(at(5, 5, 0), 1);
  assert.equal(at(1, 3, 1), 1);
  assert.equal(at(1, 2, 2), 1);
  assert.equal(at(3, 0, 3), 1);
  assert.equal(at(3, 1, 2), 1);
  assert.equal(at(6, 0, 3), 1);
  assert.equal(obs.reduce((a, b) => a + b, 0), 6);
});
