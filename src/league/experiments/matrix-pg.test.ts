import { test } from 'node:test';
import assert from 'node:assert/strict';
import { League } from '../league.js';
import { presetConfig } from '../presets.js';
import { LeagueError } from '../errors.js';
import { MATRIX_PG_DEFAULTS, runMatrixLeague, symmetricExploitability } from './matrix-pg.js';

const BIASED_RPS = [[0, -1, 2], [1, 0, -1], [-2, 1, 0]];

test('symmetric exploitability is 0 at the biased-RPS equilibrium and 1 for pure rock', () => {
  assert.ok(Math.abs(symmetricExploitability(BIASED_RPS, [0.25, 0.5, 0.25])) < 1e-12);
  assert.equal(symmetricExploitability(BIASED_RPS, [1, 0, 0]), 1);
});

test('runs are a function of the seed, and the presets fill the pool as named', () => {
  const config = { ...MATRIX_PG_DEFAULTS, periods: 12 };
  const a = runMatrixLeague(BIASED_RPS, new League<Float64Array>(presetConfig('osfp'), 3), config, 3);
  const b = runMatrixLeague(BIASED_RPS, new League<Float64Array>(presetConfig('osfp'), 3), config, 3);
  assert.deepEqual(a, b);
  assert.equal(a.current.length, 13);
  const sp = runMatrixLeague(BIASED_RPS, new League<Float64Array>(presetConfig('selfPlay'), 3), config, 3);
  assert.deepEqual(sp.admissions, { empty: 1, threshold: 0, forced: 11 });
  assert.equal(sp.current[0], a.current[0], 'the initial policy depends on the seed only');
});

test('on biased RPS, OSFP ends less exploitable than naive self-play (median of 5 seeds, §2.5 settings)', () => {
  const median = (name: 'osfp' | 'selfPlay'): number => {
    const finals = [0, 1, 2, 3, 4].map((seed) => runMatrixLeague(BIASED_RPS, new League<Float64Array>(presetConfig(name), seed), MATRIX_PG_DEFAULTS, seed).current.at(-1) as number);
    return finals.sort((x, y) => x - y)[2];
  };
  const osfp = median('osfp');
  const selfPlay = median('selfPlay');
  assert.ok(osfp < 0.3 && selfPlay > 0.4, `osfp ${osfp}, self-play ${selfPlay}`);
});

test('a game that is not symmetric zero-sum is refused', () => {
  assert.throws(() => runMatrixLeague([[0, 1], [1, 0]], new League<Float64Array>(presetConfig('osfp'), 0), MATRIX_PG_DEFAULTS, 0), LeagueError);
});
