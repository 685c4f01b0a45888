import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { makeAgent } from './agents/index.js';
import { playHuman } from './human.js';
import { simulateReplay } from './replay-json.js';

test('scripted play: bad input gets feedback, end of input resigns, the replay re-simulates', async () => {
  const input = new PassThrough();
  input.end(['5', 'CHOOSE 999', ...Array<string>(30).fill('0'), 'hello', '77', 'SUMMON 999 0', 'attack 1 -1', '0'].join('\n') + '\n');
  let out = '';
  const replay = await playHuman({ version: '1.2', seed: 4, seat: 0, opponent: makeAgent('pass'), opponentName: 'pass', input, write: (s) => { out += s; } });
  assert.match(out, /Draft pick 1\/30:\n {4}0: #\d+ /);
  assert.match(out, /not accepted: Invalid draft answer "PICK 5"/);
  assert.match(out, /not accepted: Invalid draft answer "CHOOSE 999"/);
  assert.match(out, /you \(to move\): HP 30 · mana 1\/1 · deck 25 · next rune 25 · hand 5/);
  assert.match(out, /hand: 5 hidden cards/);
  assert.match(out, /legal moves:\n {3}0: end turn/);
  assert.match(out, /not understood: Invalid action name "hello"/);
  assert.match(out, /there is no move 77/);
  assert.match(out, /skipped, not legal now: SUMMON 999 0/);
  assert.match(out, /not understood: Invalid action name "attack"/);
  assert.match(out, /pass wins\.\n$/);
  assert.equal(replay.winner, 1);
  assert.deepEqual(replay.turns.at(-1), { player: 0, line: null, error: 'resigned (input ended)' });
  assert.equal(simulateReplay(replay).length, replay.turns.length);
});

test('a scripted person who always takes the first legal move beats the pass agent in 1.5', async () => {
  const input = new PassThrough();
  let out = '', moves = 0;
  const write = (s: string): void => {
    out += s;
    const m = /^ +(\d+): /.exec(s);
    if (m !== null) moves = Math.max(moves, Number(m[1]));
    if (s.startsWith('list 30 numbers')) input.write('auto\n');
    else if (s.endsWith('your move: ')) { input.write(moves >= 1 ? '1\n' : '0\n'); moves = 0; }
  };
  const replay = await playHuman({ version: '1.5', seed: 2, seat: 1, opponent: makeAgent('pass'), opponentName: 'pass', input, write });
  input.end();
  assert.match(out, /You win!\n$/);
  assert.equal(replay.winner, 1);
  assert.deepEqual(replay.players, ['pass', 'you']);
  assert.equal(simulateReplay(replay).at(-1)?.summary.at(-1), '¤GREEN¤$1 won!§GREEN§');
});
