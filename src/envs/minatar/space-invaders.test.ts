import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIRE, LEFT, NOOP, RIGHT } from './game.js';
import { SpaceInvaders } from './space-invaders.js';
import { Rng } from '../../core/rng.js';

function game(ramping = true): SpaceInvaders {
  return new SpaceInvaders({ rng: new Rng(0), difficultyRamping: ramping });
}

function columns(mask: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < 10; c++) if (mask & (1 << c)) out.push(c);
  return out;
}

/** Rows and columns spanned by the alien block. */
function extent(g: SpaceInvaders): [number, number, number, number] {
  let top = 10, bottom = -1, occupied = 0;
  for (let r = 0; r < 10; r++) {
    if (g.aliens[r] === 0) continue;
    top = Math.min(top, r); bottom = r; occupied |= g.aliens[r];
  }
  const cols = columns(occupied);
  return [top, bottom, cols[0], cols[cols.length - 1]];
}

test('reset: cannon at 5, 24 aliens in rows 0–3 × columns 2–7 moving left, timers 12 and 10', () => {
  const g = game();
  assert.equal(g.cannon, 5);
  assert.equal(g.alienCount, 24);
  assert.deepEqual(extent(g), [0, 3, 2, 7]);
  assert.equal(g.alienDir, -1);
  assert.deepEqual([g.alienMoveTimer, g.alienShotTimer, g.baseMoveInterval, g.shotCooldown], [12, 10, 12, 0]);
});

test('deterministic oracles of spec §10 from reset', () => {
  const cycle = [LEFT, FIRE, RIGHT, FIRE];
  const rows: Array<[string, (t: number) => number, number, number, number[]]> = [
    ['no-op', () => NOOP, 17, 0, []],
    ['fire', () => FIRE, 18, 3, [6, 12, 16]],
    ['left', () => LEFT, 37, 0, []],
    ['right', () => RIGHT, 96, 0, []],
    ['left, fire, right, fire', (t) => cycle[(t - 1) % 4], 59, 9, [7, 13, 19, 25, 32, 37, 44, 51, 55]],
  ];
  for (const [name, policy, length, ret, steps] of rows) {
    const g = game();
    let t = 0, total = 0;
    const rewardSteps: number[] = [];
    while (!g.terminal && t < 1000) {
      t++;
      const r = g.act(policy(t));
      total += r;
      if (r > 0) rewardSteps.push(t);
    }
    assert.deepEqual({ length: t, ret: total, rewardSteps }, { length, ret, rewardSteps: steps }, name);
  }
});

test('alien block timing of spec §6.3: left at 13 and 25, down at 37, right from 49, down at 97', () => {
  const g = game();
  const moves: Array<[number, string]> = [];
  let prev = extent(g);
  // Keep the cannon alive: delete enemy bullets by hand every step.
  for (let t = 1; t <= 97; t++) {
    g.act(NOOP);
    g.enemyBullets.fill(0);
    const now = extent(g);
    if (now[0] > prev[0]) moves.push([t, 'down']);
    else if (now[2] < prev[2]) moves.push([t, 'left']);
    else if (now[2] > prev[2]) moves.push([t, 'right']);
    prev = now;
  }
  assert.deepEqual(moves, [[13, 'left'], [25, 'left'], [37, 'down'], [49, 'right'], [61, 'right'], [73, 'right'], [85, 'right'], [97, 'down']]);
  assert.equal(g.terminal, false);
});

test('the first alien shot is at step 11 from the lowest alien of the nearest column, then every 10 steps', () => {
  const g = game();
  for (let t = 1; t <= 10; t++) g.act(NOOP);
  assert.ok(g.enemyBullets.every((m) => m === 0));
  g.act(NOOP);
  assert.deepEqual(columns(g.enemyBullets[3]), [5]);
  for (let t = 12; t <= 20; t++) { g.act(NOOP); g.enemyBullets.fill(0); }
  g.act(NOOP);
  assert.equal(g.enemyBullets.reduce((a, m) => a + columns(m).length, 0), 1);
});

test('alien fire: ties between equally near columns go to the smaller column', () => {
  const g = game();
  g.aliens.fill(0);
  g.aliens[2] = (1 << 3) | (1 << 7);
  g.aliens[6] = 1 << 3;
  g.recount();
  g.alienShotTimer = 0;
  g.alienMoveTimer = 5;
  g.act(NOOP);
  assert.deepEqual(columns(g.enemyBullets[6]), [3]);
  assert.equal(g.enemyBullets[2], 0);
});

test('an enemy bullet reaching the cannon ends the episode; a fired bullet rises one row per step', () => {
  const g = game();
  g.enemyBullets[8] = 1 << 5;
  g.act(NOOP);
  assert.equal(g.terminal, true);

  const h = game();
  h.act(FIRE);
  assert.deepEqual(columns(h.friendlyBullets[8]), [5]);
  assert.equal(h.shotCooldown, 4);
  h.act(FIRE);
  assert.deepEqual(columns(h.friendlyBullets[7]), [5], 'fire during the cooldown does nothing');
  assert.equal(h.friendlyBullets[8], 0);
});

test('fire during the cooldown leaves the cannon where it is; left and right clamp to 0–9', () => {
  const g = game();
  g.shotCooldown = 3;
  g.act(FIRE);
  assert.equal(g.cannon, 5);
  g.cannon = 9;
  g.act(RIGHT);
  assert.equal(g.cannon, 9);
  g.cannon = 0;
  g.act(LEFT);
  assert.equal(g.cannon, 0);
});

test('kills: an alien and a friendly bullet in one cell both vanish, +1 each', () => {
  const g = game();
  g.friendlyBullets[4] = (1 << 2) | (1 << 3);
  g.alienMoveTimer = 5;
  g.alienShotTimer = 5;
  assert.equal(g.act(NOOP), 2);
  assert.equal(g.alienCount, 22);
  assert.deepEqual(columns(g.aliens[3]), [4, 5, 6, 7]);
  assert.ok(g.friendlyBullets.every((m) => m === 0));
});

test('the block moves every min(aliens, base interval) steps once few aliens remain', () => {
  const g = game();
  g.aliens.fill(0);
  g.aliens[0] = 0b110000; // two aliens, columns 4 and 5
  g.recount();
  g.alienMoveTimer = 0;
  g.alienShotTimer = 50;
  g.act(NOOP);
  assert.deepEqual(columns(g.aliens[0]), [3, 4]);
  assert.equal(g.alienMoveTimer, 1);
  g.act(NOOP);
  assert.deepEqual(columns(g.aliens[0]), [3, 4]);
  g.act(NOOP);
  assert.deepEqual(columns(g.aliens[0]), [2, 3]);
});

test('a shift down while an alien is in row 9 ends the episode; an alien on the cannon too', () => {
  const g = game();
  g.aliens.fill(0);
  g.aliens[9] = 1;
  g.recount();
  g.cannon = 5;
  g.alienMoveTimer = 0;
  g.act(NOOP);
  assert.equal(g.terminal, true);

  const h = game();
  h.aliens.fill(0);
  h.aliens[9] = 1 << 6;
  h.recount();
  h.alienMoveTimer = 0;
  h.act(NOOP);
  assert.deepEqual(columns(h.aliens[9]), [5]);
  assert.equal(h.terminal, true);
});

test('a cleared wave brings a fresh block; ramping lowers the base interval to 6, not below', () => {
  for (const ramping of [true, false]) {
    const g = game(ramping);
    for (let wave = 1; wave <= 8; wave++) {
      g.aliens.fill(0);
      g.aliens[0] = 1 << 5;
      g.recount();
      g.friendlyBullets[1] = 1 << 5;
      g.alienMoveTimer = 3;
      g.alienShotTimer = 3;
      g.enemyBullets.fill(0);
      assert.equal(g.act(NOOP), 1);
      assert.equal(g.alienCount, 24);
      assert.deepEqual(extent(g), [0, 3, 2, 7]);
      assert.equal(g.baseMoveInterval, ramping ? Math.max(6, 12 - wave) : 12);
      assert.equal(g.rampIndex, ramping ? Math.min(wave, 6) : 0);
    }
  }
});

test('observation: alien_left or alien_right mirrors the alien channel by direction', () => {
  const g = game();
  const obs = new Uint8Array(600);
  g.observe(obs, 0);
  const count = (ch: number): number => { let n = 0; for (let i = 0; i < 100; i++) n += obs[i * 6 + ch]; return n; };
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(count), [1, 24, 24, 0, 0, 0]);
  assert.equal(obs[(9 * 10 + 5) * 6], 1);
  g.alienDir = 1;
  g.friendlyBullets[4] = 1;
  g.enemyBullets[7] = 1 << 9;
  g.observe(obs, 0);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(count), [1, 24, 0, 24, 1, 1]);
  assert.equal(obs[(4 * 10 + 0) * 6 + 4], 1);
  assert.equal(obs[(7 * 10 + 9) * 6 + 5], 1);
});
