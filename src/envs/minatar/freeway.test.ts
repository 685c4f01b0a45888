import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/rng.js';
import { Freeway } from './freeway.js';
import { DOWN, NOOP, UP } from './game.js';

function game(seed = 9): Freeway {
  return new Freeway({ rng: new Rng(seed), difficultyRamping: true });
}

/** Parks every car in column 0 with a long countdown, out of the chicken's way. */
function parkCars(g: Freeway): void {
  g.carCol.fill(0);
  g.carSpeed.fill(5);
  g.carCountdown.fill(5);
}

test('reset: chicken at (9, 4), cooldown 3, timer 2500, cars in column 0 with speeds 1–5 and countdown = speed', () => {
  const g = game();
  const speeds = new Set<number>();
  const dirs = new Set<number>();
  for (let i = 0; i < 30; i++) {
    g.reset();
    assert.deepEqual([g.chickenRow, g.cooldown, g.timer], [9, 3, 2500]);
    for (let k = 0; k < 8; k++) {
      assert.equal(g.carCol[k], 0);
      assert.ok(g.carSpeed[k] >= 1 && g.carSpeed[k] <= 5);
      assert.equal(g.carCountdown[k], g.carSpeed[k]);
      speeds.add(g.carSpeed[k]);
      dirs.add(g.carDir[k]);
    }
  }
  assert.deepEqual([...speeds].sort(), [1, 2, 3, 4, 5]);
  assert.deepEqual([...dirs].sort(), [-1, 1]);
});

test('every episode lasts exactly 2501 steps, whatever the actions', () => {
  const g = game();
  const policy = new Rng(1);
  let t = 0;
  while (!g.terminal) { g.act(policy.int(6)); t++; }
  assert.equal(t, 2501);
  assert.equal(g.act(UP), 0);
  assert.equal(g.timer, -1, 'a terminal game changes nothing');
});

test('holding up moves the chicken at steps 4, 7, 10 (cooldown 3)', () => {
  const g = game();
  const moves: number[] = [];
  for (let t = 1; t <= 11; t++) {
    parkCars(g);
    const before = g.chickenRow;
    g.act(UP);
    if (g.chickenRow !== before) moves.push(t);
  }
  assert.deepEqual(moves, [4, 7, 10]);
  assert.equal(g.chickenRow, 6);
  g.cooldown = 0;
  parkCars(g);
  g.act(DOWN);
  assert.equal(g.chickenRow, 7);
  g.chickenRow = 9; g.cooldown = 0;
  g.act(DOWN);
  assert.equal(g.chickenRow, 9);
});

test('a car with speed s moves once every s + 1 steps, wrapping around the edges', () => {
  for (let s = 1; s <= 5; s++) {
    const g = game();
    g.carSpeed[2] = s; g.carCountdown[2] = s; g.carDir[2] = -1; g.carCol[2] = 0;
    const moves: number[] = [];
    for (let t = 1; t <= 3 * (s + 1); t++) {
      const before = g.carCol[2];
      g.act(NOOP);
      if (g.carCol[2] !== before) moves.push(t);
    }
    assert.deepEqual(moves, [s + 1, 2 * (s + 1), 3 * (s + 1)], `speed ${s}`);
    assert.equal(g.carCol[2], 7, 'column 0 moving left wraps to 9');
  }
});

test('crossing: +1, the chicken returns to row 9, speeds are redrawn and positions kept', () => {
  const g = game();
  for (let k = 0; k < 8; k++) { g.carCol[k] = k; g.carSpeed[k] = 5; g.carCountdown[k] = 5; g.carDir[k] = 1; }
  g.chickenRow = 1; g.cooldown = 0;
  assert.equal(g.act(UP), 1);
  assert.equal(g.chickenRow, 9);
  for (let k = 0; k < 8; k++) {
    assert.equal(g.carCountdown[k], g.carSpeed[k] - 1, 'countdowns reset to the new speed, then counted down');
  }
  assert.deepEqual([...g.carCol], [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('collisions send the chicken back to row 9 without reward or termination', () => {
  // A car already on the chicken's cell.
  const g = game();
  parkCars(g);
  g.chickenRow = 3; g.carCol[2] = 4;
  assert.equal(g.act(NOOP), 0);
  assert.equal(g.chickenRow, 9);
  assert.equal(g.terminal, false);
  // A car moving onto the chicken.
  const h = game();
  parkCars(h);
  h.chickenRow = 5; h.carCol[4] = 3; h.carDir[4] = 1; h.carCountdown[4] = 0;
  h.act(NOOP);
  assert.equal(h.carCol[4], 4);
  assert.equal(h.chickenRow, 9);
  // The chicken stepping into a car's cell.
  const k = game();
  parkCars(k);
  k.chickenRow = 6; k.cooldown = 0; k.carCol[4] = 4;
  k.act(UP);
  assert.equal(k.chickenRow, 9);
});

test('observation: chicken in column 4, cars, and each car’s trail in the channel of its speed', () => {
  const g = game();
  parkCars(g);
  g.carCol[0] = 0; g.carDir[0] = 1; g.carSpeed[0] = 2; // trail wraps to column 9
  g.carCol[7] = 5; g.carDir[7] = -1; g.carSpeed[7] = 5;
  g.chickenRow = 7;
  const obs = new Uint8Array(700);
  g.observe(obs, 0);
  const at = (r: number, c: number, ch: number): number => obs[(r * 10 + c) * 7 + ch];
  assert.equal(at(7, 4, 0), 1);
  assert.equal(at(1, 0, 1), 1);
  assert.equal(at(1, 9, 3), 1);
  assert.equal(at(8, 5, 1), 1);
  assert.equal(at(8, 6, 6), 1);
  assert.equal(obs.reduce((a, b) => a + b, 0), 1 + 8 + 8);
});
