import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/rng.js';
import { DOWN, FIRE, LEFT, NOOP, RIGHT, UP } from './game.js';
import { ObjectPool, Seaquest } from './seaquest.js';

function game(ramping = true, seed = 4): Seaquest {
  return new Seaquest({ rng: new Rng(seed), difficultyRamping: ramping });
}

function clearAll(g: Seaquest): void {
  g.fish.clear(); g.enemySubs.clear(); g.divers.clear(); g.enemyBullets.clear(); g.friendlyBullets.clear();
}

test('reset: sub at (0, 5) facing left, oxygen 200, timers 20/30, move interval 5, at the surface', () => {
  const g = game();
  assert.deepEqual([g.subRow, g.subCol, g.subDir, g.oxygen, g.diverCount], [0, 5, -1, 200, 0]);
  assert.deepEqual([g.enemySpawnTimer, g.enemySpawnInterval, g.diverSpawnTimer, g.enemyMoveInterval, g.shotCooldown, g.rampIndex], [20, 20, 30, 5, 0, 0]);
  assert.equal(g.surface, true);
});

test('diving then surfacing with no divers ends the episode at step 2; staying at the surface is safe', () => {
  const g = game();
  g.act(DOWN);
  assert.deepEqual([g.subRow, g.oxygen, g.surface, g.terminal], [1, 199, false, false]);
  g.act(UP);
  assert.equal(g.terminal, true);
  const h = game();
  for (let t = 0; t < 19; t++) h.act(NOOP);
  assert.deepEqual([h.oxygen, h.terminal], [200, false]);
});

test('oxygen: diving at step 1 and staying down ends the episode at step 201', () => {
  const g = game();
  let t = 0;
  while (!g.terminal && t < 500) {
    t++;
    g.act(t === 1 ? DOWN : NOOP);
    clearAll(g);
  }
  assert.equal(t, 201);
  const obs = new Uint8Array(1000);
  g.observe(obs, 0);
  for (let c = 0; c < 10; c++) assert.equal(obs[(90 + c) * 10 + 7], 0, 'empty oxygen gauge');
});

test('measured surfacing checks of spec §5.5 (bonus, negative count, fatal and partial surfacing)', () => {
  const g = game();
  g.subRow = 1; g.oxygen = 150; g.diverCount = 6; g.surface = false;
  assert.equal(g.act(UP), 7);
  assert.deepEqual([g.oxygen, g.diverCount, g.rampIndex, g.enemySpawnInterval, g.enemyMoveInterval, g.terminal], [200, -1, 1, 19, 5, false]);

  g.act(DOWN);
  assert.equal(g.act(UP), 0);
  assert.deepEqual([g.diverCount, g.terminal], [-2, false]);

  const h = game();
  h.subRow = 1; h.surface = false; h.diverCount = 3;
  assert.equal(h.act(UP), 0);
  assert.deepEqual([h.diverCount, h.terminal, h.oxygen], [2, false, 200]);
});

test('ramping per surfacing: spawn interval 20 → 1, move interval 5 → 4 → 3 → 2 at the 2nd, 4th, 6th', () => {
  const g = game();
  const moves: number[] = [];
  const spawns: number[] = [];
  for (let s = 1; s <= 21; s++) {
    g.diverCount = 2; g.surface = false; g.subRow = 0;
    g.surfaceSub();
    moves.push(g.enemyMoveInterval);
    spawns.push(g.enemySpawnInterval);
  }
  assert.deepEqual(moves.slice(0, 8), [5, 4, 4, 3, 3, 2, 2, 2]);
  assert.deepEqual(spawns.slice(0, 3), [19, 18, 17]);
  assert.equal(spawns[18], 1);
  assert.equal(spawns[20], 1);
  assert.equal(g.rampIndex, 19, 'no ramp once both intervals are at their floor');

  const flat = game(false);
  flat.diverCount = 2;
  flat.surfaceSub();
  assert.deepEqual([flat.enemySpawnInterval, flat.enemyMoveInterval, flat.rampIndex], [20, 5, 0]);
});

test('enemies: the first spawn attempt at step 21, first move at 26, then every 6 steps; divers from step 31', () => {
  const g = game();
  let spawnStep = 0, diverStep = 0;
  const moves: number[] = [];
  let col = -1;
  for (let t = 1; t <= 45; t++) {
    g.act(NOOP);
    g.enemyBullets.clear();
    const enemies = g.fish.count + g.enemySubs.count;
    if (enemies > 0 && spawnStep === 0) {
      spawnStep = t;
      const pool = g.fish.count > 0 ? g.fish : g.enemySubs;
      col = pool.col[0];
      assert.ok(col === 0 || col === 9);
    } else if (spawnStep > 0) {
      const pool = g.fish.count > 0 ? g.fish : g.enemySubs;
      if (pool.col[0] !== col) { moves.push(t); col = pool.col[0]; }
    }
    if (g.divers.count > 0 && diverStep === 0) diverStep = t;
    // Only the first enemy matters here.
    if (g.fish.count + g.enemySubs.count > 1) { g.fish.count = Math.min(g.fish.count, 1); g.enemySubs.count = g.fish.count > 0 ? 0 : 1; }
  }
  assert.equal(spawnStep, 21);
  assert.deepEqual(moves, [26, 32, 38, 44]);
  assert.equal(diverStep, 31);
});

test('enemy subs fire every 11 steps, first 10 steps after spawning; removed subs still fire', () => {
  const g = game();
  g.subRow = 8;
  g.enemySubs.add(3, 4, 1, 100, 10);
  g.enemySpawnTimer = 1000; g.diverSpawnTimer = 1000;
  const shots: number[] = [];
  for (let t = 1; t <= 33; t++) {
    const before = g.enemyBullets.count;
    g.act(NOOP);
    if (g.enemyBullets.count > before) shots.push(t);
    g.enemyBullets.clear();
    g.subRow = 8; g.oxygen = 200;
  }
  assert.deepEqual(shots, [11, 22, 33]);

  // A sub killed by a bullet as it moves still shoots from its cell.
  const h = game();
  h.subRow = 8; h.subCol = 0;
  h.enemySubs.add(3, 4, 1, 0, 0);
  h.friendlyBullets.add(3, 6, -1); // moves to (3, 5) first, where the sub arrives
  assert.equal(h.act(NOOP), 1);
  assert.equal(h.enemySubs.count, 0);
  assert.equal(h.enemyBullets.count, 1);
  assert.deepEqual([h.enemyBullets.row[0], h.enemyBullets.col[0]], [3, 6], 'fired at (3, 5), then moved one column');
});

test('spawns are cancelled when an enemy in the row moves the other way', () => {
  let cancelled = 0, added = 0;
  for (let seed = 0; seed < 200; seed++) {
    const g = game(true, seed);
    for (let r = 1; r <= 8; r++) { g.fish.add(r, 5, 1, 100); g.fish.add(r, 5, -1, 100); }
    g.enemySpawnTimer = 0;
    g.act(NOOP);
    if (g.fish.count + g.enemySubs.count === 16) cancelled++; else added++;
  }
  assert.equal(cancelled, 200);
  assert.equal(added, 0);

  const h = game(true, 1);
  for (let r = 1; r <= 8; r++) h.fish.add(r, 5, 1, 100);
  let spawned = 0;
  for (let i = 0; i < 100; i++) {
    h.enemySpawnTimer = 0; h.terminal = false; h.oxygen = 200;
    const before = h.fish.count + h.enemySubs.count;
    h.act(NOOP);
    if (h.fish.count + h.enemySubs.count > before) {
      spawned++;
      const pool = h.enemySubs.count > 0 && h.enemySubs.col[h.enemySubs.count - 1] === 0 ? h.enemySubs : h.fish;
      assert.equal(pool.dir[pool.count - 1], 1, 'only right-movers can join rows of right-movers');
    }
    h.enemySubs.clear(); h.fish.count = 8;
  }
  assert.ok(spawned > 30 && spawned < 70, `about half the spawns go ahead: ${spawned}`);
});

test('the player fires at most every 5 steps; a bullet moves the step it is fired and kills a fish (+1)', () => {
  const g = game();
  g.subRow = 4; g.subCol = 3; g.subDir = 1;
  const fired: number[] = [];
  for (let t = 1; t <= 11; t++) {
    const before = g.friendlyBullets.count;
    g.act(FIRE);
    if (g.friendlyBullets.count > before) fired.push(t);
    g.friendlyBullets.clear(); g.subRow = 4;
  }
  assert.deepEqual(fired, [1, 6, 11]);

  const h = game();
  h.subRow = 4; h.subCol = 3; h.subDir = 1;
  h.fish.add(4, 5, -1, 100);
  h.act(FIRE);
  assert.deepEqual([h.friendlyBullets.col[0], h.fish.count], [4, 1]);
  assert.equal(h.act(NOOP), 1);
  assert.deepEqual([h.friendlyBullets.count, h.fish.count], [0, 0]);
});

test('left and right move and turn the sub; rows stay within 0–8', () => {
  const g = game();
  g.act(RIGHT);
  assert.deepEqual([g.subCol, g.subDir], [6, 1]);
  g.act(LEFT);
  assert.deepEqual([g.subCol, g.subDir], [5, -1]);
  g.subRow = 8;
  g.act(DOWN);
  assert.equal(g.subRow, 8);
});

test('divers are picked up on contact (up to 6) and shown in the diver gauge', () => {
  const g = game();
  g.subRow = 2; g.subCol = 4; g.surface = false;
  g.divers.add(2, 4, 1, 3);
  g.divers.add(2, 3, 1, 0); // moves onto the sub
  g.act(NOOP);
  assert.deepEqual([g.diverCount, g.divers.count], [2, 0]);

  g.diverCount = 6;
  g.divers.add(2, 4, 1, 3);
  g.act(NOOP);
  assert.deepEqual([g.diverCount, g.divers.count], [6, 1], 'a full sub leaves the diver');

  g.diverCount = 3;
  const obs = new Uint8Array(1000);
  g.observe(obs, 0);
  const gauge = [];
  for (let c = 0; c < 10; c++) gauge.push(obs[(90 + c) * 10 + 8]);
  assert.deepEqual(gauge, [0, 0, 0, 0, 0, 0, 1, 1, 1, 0]);
});

test('contact with an enemy, before or after its move, or an enemy bullet ends the episode', () => {
  const cases: Array<(g: Seaquest) => void> = [
    (g) => g.fish.add(4, 4, 1, 3),
    (g) => g.fish.add(4, 3, 1, 0),
    (g) => g.enemySubs.add(4, 5, -1, 0, 5),
    (g) => g.enemyBullets.add(4, 3, 1),
    (g) => g.enemyBullets.add(4, 4, 1),
  ];
  for (const [i, setup] of cases.entries()) {
    const g = game();
    g.subRow = 4; g.subCol = 4;
    setup(g);
    g.act(NOOP);
    assert.equal(g.terminal, true, `case ${i}`);
  }
});

test('observation: sub front and back, objects with trails, bullets without, oxygen gauge', () => {
  const g = game();
  g.subRow = 3; g.subCol = 6; g.subDir = 1; g.oxygen = 95;
  g.fish.add(5, 2, 1, 1);
  g.enemySubs.add(6, 9, -1, 1, 1);
  g.divers.add(7, 0, -1, 1);
  g.friendlyBullets.add(3, 8, 1);
  g.enemyBullets.add(6, 7, -1);
  const obs = new Uint8Array(1000);
  g.observe(obs, 0);
  const at = (r: number, c: number, ch: number): number => obs[(r * 10 + c) * 10 + ch];
  assert.equal(at(3, 6, 0), 1);
  assert.equal(at(3, 5, 1), 1);
  assert.equal(at(3, 8, 2), 1);
  assert.equal(at(6, 7, 4), 1);
  assert.equal(at(5, 2, 5), 1);
  assert.equal(at(5, 1, 3), 1);
  assert.equal(at(6, 9, 6), 1);
  assert.equal(at(7, 0, 9), 1);
  assert.equal(at(7, 1, 3), 1);
  for (let c = 0; c < 10; c++) assert.equal(at(9, c, 7), c < 4 ? 1 : 0);
  // 9 cells for the sub, bullets, objects and two trails (the enemy sub's would be column 10), 4 gauge cells.
  assert.equal(obs.reduce((a, b) => a + b, 0), 13);
});

test('ObjectPool keeps insertion order through removals and grows past its capacity', () => {
  const p = new ObjectPool(2);
  for (let i = 0; i < 5; i++) p.add(i, i, 1, i, i);
  p.remove(1);
  assert.deepEqual([...p.row.slice(0, p.count)], [0, 2, 3, 4]);
  assert.equal(p.find(3, 3), 2);
  assert.equal(p.find(1, 1), -1);
});
