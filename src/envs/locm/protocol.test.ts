import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CARDS_12 } from './cards.js';
import { ATTACK, PASS, SUMMON, USE } from './engine.js';
import { LocmMatch } from './match.js';
import { ProtocolError, parseBattleLine, parseConstructedAnswer, parseDraftAnswer, parseJavaInt } from './protocol.js';

test('battle lines split like the Java referee: single spaces, free text, empty pieces', () => {
  assert.deepEqual(parseBattleLine('SUMMON 5 0 hello there; ; ATTACK 3 -1;PASS anything;USE +7 -1'), [
    { kind: SUMMON, a1: 5, a2: 0, text: 'hello there' }, { kind: ATTACK, a1: 3, a2: -1, text: '' },
    { kind: PASS, a1: 0, a2: 0, text: '' }, { kind: USE, a1: 7, a2: -1, text: '' }]);
  assert.deepEqual(parseBattleLine(' ; ;'), []);
  assert.equal(parseBattleLine('ATTACK 1 2   spaced text')[0].text, 'spaced text');
  for (const bad of ['summon 1 0', 'SUMMON 1', 'SUMMON  1 0', 'SUMMON\t1 0', 'ATTACK 1 x', 'ATTACK 2147483648 0', 'MOVE 1', 'PASSX']) {
    assert.throws(() => parseBattleLine(bad), ProtocolError, bad);
  }
  assert.equal(parseJavaInt('-2147483648'), -2147483648);
  assert.equal(parseJavaInt('1e3'), null);
});

test('draft answers: PASS, PICK 0..2, CHOOSE an offered card; anything else is a hard error', () => {
  const triple = [CARDS_12[0], CARDS_12[9], CARDS_12[99]];
  assert.equal(parseDraftAnswer('PASS', triple), 0);
  assert.equal(parseDraftAnswer('PICK 2 why not', triple), 2);
  assert.equal(parseDraftAnswer('CHOOSE 100', triple), 2);
  for (const bad of ['PICK 3', 'PICK', 'CHOOSE 2', 'pick 1', '']) assert.throws(() => parseDraftAnswer(bad, triple), ProtocolError, bad);
});

test('constructed answers: exact PASS fills, PASS with text adds one, 30 cards with at most 2 copies', () => {
  const offered = CARDS_12.slice(0, 120);
  assert.deepEqual(parseConstructedAnswer('PASS', offered).slice(0, 5), [0, 0, 1, 1, 2]);
  assert.equal(parseConstructedAnswer('CHOOSE 5 ; PASS', offered)[0], 4);
  const ones = Array.from({ length: 29 }, () => 'PASS x').join(';');
  assert.equal(parseConstructedAnswer(`${ones};CHOOSE 120`, offered).length, 30);
  assert.throws(() => parseConstructedAnswer('PASS;CHOOSE 100', offered), /31 cards/);
  assert.throws(() => parseConstructedAnswer('CHOOSE 1;CHOOSE 1;CHOOSE 1;PASS', offered), /already chosen 2 times/);
  assert.throws(() => parseConstructedAnswer('PICK 1;PASS', offered), ProtocolError);
});

test('a bad draft answer of player 0 ends the match before player 1 answers', () => {
  const m = new LocmMatch('1.2', { params: { seed: '3' } });
  assert.equal(m.timeLimitMs(), 1000);
  m.submit('PICK 7');
  assert.equal(m.phase, 'ended');
  assert.deepEqual(m.scores, [-1, 0]);
  assert.equal(m.winner, 1);
});

test('time limits follow the referee constants', () => {
  const m = new LocmMatch('1.5', { params: { seed: '3' } });
  assert.equal(m.timeLimitMs(), 4000);
  m.submit('PASS');
  m.submit('PASS');
  assert.equal(m.timeLimitMs(), 1000);
  m.submit('PASS');
  assert.equal(m.timeLimitMs(), 1000, 'player 1 first battle turn');
  m.submit('PASS');
  assert.equal(m.timeLimitMs(), 200);
});

test('the later id scheme numbers decks 0, 2, ... and Area copies id + 1', () => {
  const m = new LocmMatch('1.5', { params: { seed: '3', cardGenSeed: '4047' }, idScheme: 'later' });
  m.submit('PASS');
  m.submit('PASS');
  const ids = new Set<number>();
  for (let p = 0; p < 2; p++) for (let i = 0; i < m.game.deckSize(p); i++) ids.add(m.game.deckCard(p, i));
  for (let p = 0; p < 2; p++) for (let i = 0; i < m.game.handSize(p); i++) ids.add(m.game.handCard(p, i));
  assert.deepEqual([...ids].sort((a, b) => a - b), Array.from({ length: 60 }, (_, i) => 2 * i));
});
