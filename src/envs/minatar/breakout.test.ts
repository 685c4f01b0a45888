import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/rng.js';
import { Breakout } from './breakout.js';
import { LEFT, NOOP, RIGHT } from './game.js';

function game(): Breakout {
  return new Breakout({ rng: new Rng(3), difficultyRamping: true });
}

/** Places the ball with a direction; the trail starts on the ball (as at reset). */
function place(g: Breakout, row: number, col: number, dr: number, dc: number, paddle = 4): void {
  g.ballRow = row; g.ballCol = col; g.lastRow = row; g.lastCol = col;
  g.ballDr = dr; g.ballDc = dc; g.paddle = paddle; g.strike = false;
}

test('reset puts the paddle at 4, a full wall, and the ball in row 3 at either side moving down', () => {
  const g = game();
  const sides = new Set<number>();
  for (let i = 0; i < 40; i++) {
    g.reset();
    assert.equal(g.paddle, 4);
    assert.equal(g.ballRow, 3);
    assert.equal(g.ballDr, 1);
    assert.ok((g.ballCol === 0 && g.ballDc === 1) || (g.ballCol === 9 && g.ballDc === -1));
    assert.equal(g.brickCount, 30);
    assert.deepEqual([g.lastRow, g.lastCol], [g.ballRow, g.ballCol]);
    sides.add(g.ballCol);
  }
  assert.deepEqual([...sides].sort(), [0, 9]);
});

test('measured checks of spec §3.4: paddle bounces, diagonal returns, misses, bricks and walls', () => {
  const g = game();
  place(g, 8, 3, 1, 1, 3);
  assert.equal(g.act(NOOP), 0);
  assert.deepEqual([g.ballRow, g.ballCol, g.ballDr, g.ballDc, g.terminal], [8, 4, -1, 1, false]);

  place(g, 8, 3, 1, 1, 4);
  g.act(NOOP);
  assert.deepEqual([g.ballRow, g.ballCol, g.ballDr, g.ballDc, g.terminal], [8, 4, -1, -1, false]);

  place(g, 8, 3, 1, 1, 6);
  g.act(NOOP);
  assert.deepEqual([g.ballRow, g.ballCol, g.terminal], [9, 4, true]);
  assert.equal(g.act(NOOP), 0, 'a terminal game changes nothing');
  assert.deepEqual([g.ballRow, g.ballCol], [9, 4]);

  g.reset();
  place(g, 4, 5, -1, -1);
  assert.equal(g.act(NOOP), 1);
  assert.equal(g.bricks[3 * 10 + 4], 0);
  assert.equal(g.brickCount, 29);
  assert.deepEqual([g.ballRow, g.ballCol, g.ballDr, g.ballDc], [4, 4, 1, -1]);
  g.act(NOOP);
  assert.deepEqual([g.ballRow, g.ballCol], [5, 3]);

  place(g, 5, 0, -1, -1);
  g.act(NOOP);
  assert.deepEqual([g.ballRow, g.ballCol, g.ballDr, g.ballDc], [4, 0, -1, 1]);
});

test('the ball bounces off the top wall in row 0', () => {
  const g = game();
  g.bricks.fill(0); g.syncBricks();
  place(g, 0, 5, -1, 1);
  g.act(NOOP);
  assert.deepEqual([g.ballRow, g.ballCol, g.ballDr, g.ballDc], [0, 6, 1, 1]);
});

test('strike quirk: a brick hit on the very next step is passed through and kept', () => {
  const g = game();
  // Ball at (4, 2) moving up-right hits (3, 3) and bounces to (4, 3); turned up again by hand, it meets (3, 4) next.
  place(g, 4, 2, -1, 1);
  assert.equal(g.act(NOOP), 1);
  assert.equal(g.strike, true);
  g.ballDr = -1; // aim at the brick (3, 4) on the next step
  assert.equal(g.act(NOOP), 0);
  assert.deepEqual([g.ballRow, g.ballCol], [3, 4]);
  assert.equal(g.bricks[3 * 10 + 4], 1, 'the second brick stays');
  assert.equal(g.brickCount, 29);
  // Next step is inside the wall: (2, 5) holds a brick and the strike flag is still set.
  assert.equal(g.act(NOOP), 0);
  assert.deepEqual([g.ballRow, g.ballCol], [2, 5]);
  // The step after, (1, 6): the flag was kept by the contact, so again no reward.
  assert.equal(g.act(NOOP), 0);
  assert.deepEqual([g.ballRow, g.ballCol], [1, 6]);
  // (0, 7) is not a brick: the flag clears.
  g.act(NOOP);
  assert.equal(g.strike, false);
});

test('refill quirk: a cleared wall comes back only when the ball reaches the bottom row', () => {
  const g = game();
  g.bricks.fill(0); g.syncBricks();
  place(g, 7, 3, 1, 1, 4);
  g.act(NOOP);
  assert.equal(g.brickCount, 0, 'no refill away from the bottom');
  g.act(NOOP);
  assert.equal(g.brickCount, 30);
  assert.deepEqual([g.ballRow, g.ballCol, g.terminal], [8, 5, false]);
});

test('the paddle moves one column per step, clamped to 0–9; other actions leave it', () => {
  const g = game();
  g.paddle = 0;
  g.act(LEFT);
  assert.equal(g.paddle, 0);
  g.act(RIGHT);
  assert.equal(g.paddle, 1);
  for (const a of [0, 2, 4, 5]) { g.act(a); assert.equal(g.paddle, 1); }
});

interface Outcome { length: number; ret: number; rewardSteps: number[]; terminal: boolean }

function play(startCol: 0 | 9, policy: (g: Breakout) => number, maxSteps: number): Outcome {
  const g = game();
  g.fillBricks();
  place(g, 3, startCol, 1, startCol === 0 ? 1 : -1, 4);
  const rewardSteps: number[] = [];
  let ret = 0;
  let t = 0;
  while (t < maxSteps && !g.terminal) {
    t++;
    const r = g.act(policy(g));
    if (r > 0) rewardSteps.push(t);
    ret += r;
  }
  return { length: t, ret, rewardSteps, terminal: g.terminal };
}

test('deterministic oracles of spec §10: fixed policies from both starting sides', () => {
  const rows: Array<[0 | 9, number, number, number, number[]]> = [
    [0, NOOP, 6, 0, []], [0, LEFT, 6, 0, []], [0, RIGHT, 6, 0, []],
    [9, NOOP, 16, 1, [11]], [9, LEFT, 6, 0, []], [9, RIGHT, 6, 0, []],
  ];
  for (const [side, action, length, ret, steps] of rows) {
    const o = play(side, () => action, 5000);
    assert.deepEqual(o, { length, ret, rewardSteps: steps, terminal: true }, `start column ${side}, action ${action}`);
  }
});

test('deterministic oracle of spec §10: the tracking policy survives 3000 steps with return 251', () => {
  const track = (g: Breakout): number => (g.ballCol < g.paddle ? LEFT : g.ballCol > g.paddle ? RIGHT : NOOP);
  for (const side of [0, 9] as const) {
    const o = play(side, track, 3000);
    assert.equal(o.terminal, false);
    assert.equal(o.length, 3000);
    assert.equal(o.ret, 251);
    assert.deepEqual(o.rewardSteps.slice(0, 12), [11, 21, 32, 43, 53, 64, 75, 85, 96, 107, 117, 128]);
  }
});

test('observation: paddle, ball, trail and bricks in channels 0–3', () => {
  const g = game();
  place(g, 5, 5, 1, 1, 2);
  g.act(NOOP);
  const obs = new Uint8Array(400);
  g.observe(obs, 0);
  const at = (r: number, c: number, ch: number): number => obs[(r * 10 + c) * 4 + ch];
  assert.equal(at(9, 2, 0), 1);
  assert.equal(at(6, 6, 1), 1);
  assert.equal(at(5, 5, 2), 1);
  let bricks = 0, total = 0;
  for (let i = 0; i < 100; i++) { bricks += obs[i * 4 + 3]; total += obs[i * 4] + obs[i * 4 + 1] + obs[i * 4 + 2]; }
  assert.equal(bricks, 30);
  assert.equal(total, 3);
  for (let c = 0; c < 10; c++) assert.equal(at(1, c, 3) + at(2, c, 3) + at(3, c, 3), 3);

  place(g, 4, 5, -1, -1);
  g.act(NOOP);
  g.observe(obs, 0);
  assert.equal(at(3, 4, 3), 0, 'a removed brick leaves the picture');
  assert.equal(obs.reduce((a, b) => a + b, 0), 29 + 3);
});
