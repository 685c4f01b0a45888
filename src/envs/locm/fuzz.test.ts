import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFuzz } from './fuzz.js';
import { LocmMatch } from './match.js';

test('fuzzed bots (random, illegal and malformed lines) never break the engine', () => {
  for (const version of ['1.2', '1.5'] as const) {
    const r = runFuzz(version, 150, 17);
    assert.equal(r.winsBySeat[0] + r.winsBySeat[1], 150);
    assert.ok(r.warnings > 100, `${version}: illegal actions were exercised (${r.warnings} warnings)`);
    assert.ok(r.hardErrors > 0 && r.hardErrors < 150, `${version}: some, not all, games end by a hard error (${r.hardErrors})`);
  }
});

test('a malformed battle line is a hard error: the offender scores −1 and loses', () => {
  const m = new LocmMatch('1.5', { params: { seed: '5' } });
  m.submit('PASS');
  m.submit('PASS');
  assert.equal(m.phase, 'battle');
  const p = m.awaiting;
  m.submit('SUMMON  1 0');
  assert.equal(m.phase, 'ended');
  assert.equal(m.winner, 1 - p);
  assert.equal(m.scores[p], -1);
  assert.match(m.summary.at(-1)!, /^\$\d: Invalid integer argument/);
});

test('illegal actions are skipped with at most three warnings per frame plus a count', () => {
  const m = new LocmMatch('1.2', { params: { seed: '5' } });
  for (let i = 0; i < 60; i++) m.submit('PASS');
  m.submit('ATTACK 99 -1;ATTACK 98 -1;USE 97 -1;SUMMON 96 0;SUMMON 95 1;PASS');
  assert.deepEqual(m.summary.slice(-4).map((l) => l.trim()), [
    '[Warning] $0 Action is not legal: ATTACK 99 -1', '[Warning] $0 Action is not legal: ATTACK 98 -1',
    '[Warning] $0 Action is not legal: USE 97 -1', '[Warning] $0 Performed another 2 illegalActions']);
  assert.equal(m.awaiting, 1);
});
