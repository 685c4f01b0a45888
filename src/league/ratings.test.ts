import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eloDifference, eloRatings, expectedScore, formatRatingsTable, ResultsMatrix } from './ratings.js';
import { LeagueError } from './errors.js';

test('a 75% win rate is about 191 Elo points', () => {
  const r = new ResultsMatrix(['a', 'b']);
  r.add('a', 'b', 75, 100);
  const elo = eloRatings(r, { anchor: 'b', anchorRating: 1000 });
  assert.equal(elo[1], 1000);
  assert.ok(Math.abs(elo[0] - 1000 - 190.85) < 0.01, `got ${elo[0] - 1000}`);
  assert.ok(Math.abs(eloDifference(0.75) - 190.849) < 1e-3);
  assert.ok(Math.abs(expectedScore(eloDifference(0.3)) - 0.3) < 1e-12);
});

test('recovers the ratings that generated consistent expected results, draws counting half', () => {
  const truth = [0, 120, -80, 300];
  const r = new ResultsMatrix(['w', 'x', 'y', 'z']);
  for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) r.add(i, j, 40 * expectedScore(truth[i] - truth[j]), 40);
  const elo = eloRatings(r);
  elo.forEach((e, i) => assert.ok(Math.abs(e - truth[i]) < 1e-6, `player ${i}: ${e} vs ${truth[i]}`));
  assert.ok(Math.abs(r.winRate('z', 'w') - expectedScore(300)) < 1e-12);
  assert.ok(Number.isNaN(new ResultsMatrix(['a', 'b']).winRate('a', 'b')));
});

test('a perfect record has no finite MLE unless prior draws are added', () => {
  const r = new ResultsMatrix(['best', 'mid', 'worst']);
  r.add('best', 'mid', 10, 10);
  r.add('mid', 'worst', 6, 10);
  r.add('best', 'worst', 10, 10);
  assert.throws(() => eloRatings(r), (e: unknown) => e instanceof LeagueError && e.message.includes('{best} {mid, worst}'));
  const elo = eloRatings(r, { priorDraws: 1, anchor: 'worst' });
  assert.ok(elo[0] > elo[1] && elo[1] > elo[2] && Number.isFinite(elo[0]));
  assert.throws(() => r.add('mid', 'mid', 1), LeagueError);
  assert.throws(() => r.add('mid', 'best', 3, 2), LeagueError);
});

test('the table lists players by rating with win rates in percent', () => {
  const r = new ResultsMatrix(['weak', 'strong']);
  r.add('strong', 'weak', 3, 4);
  const table = formatRatingsTable(r, eloRatings(r, { anchor: 'weak' }));
  const lines = table.split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[1], /^strong\s+191\s+—\s+75\.0$/);
  assert.match(lines[2], /^weak\s+0\s+25\.0\s+—$/);
});
