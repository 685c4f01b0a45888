import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocmGame } from './engine.js';
import { parseInputBlock } from './bot.js';
import { renderBattle, watchReplay } from './viewer.js';
import { simulateReplay } from './replay-json.js';
import { AgentPlayer, refereeGame, toReplay } from './referee.js';

// RULES §12.4: DS15 match 1, player 1's second turn.
const EXAMPLE = `30 3 23 1
30 2 24 2
5 1
2 SUMMON 5 1
8
3 37 0 0 0 2 2 ------ 0 0 1 0 -1
3 38 0 0 0 2 2 ------ 0 0 1 0 -1
41 55 0 1 4 3 3 --D--- 1 0 0 1 -1
9 58 0 1 1 3 2 ------ 0 0 0 0 -1
50 54 0 1 6 5 5 --D--W 1 0 0 1 -1
2 35 0 0 0 2 2 ------ 0 0 1 0 -1
15 40 0 2 2 -2 -2 ------ 1 -2 0 2 -1
2 5 -1 0 0 2 2 ------ 0 0 1 0 1`.split('\n');

test('renders the RULES §12.4 position: lanes, hand, HP, mana, deck sizes', () => {
  const block = parseInputBlock(EXAMPLE, '1.5');
  assert.equal(block.phase, 'battle');
  if (block.phase !== 'battle') return;
  const g = new LocmGame('1.5');
  g.loadSeen(1, { players: [block.players[1], block.players[0]], cards: block.cards, opponentActions: block.opponentActions, turn: 3, nextInstanceId: 61 });
  assert.deepEqual(renderBattle(g, { reveal: [false, true], names: ['ByteRL', 'me'] }), [
    'LOCM 1.5 · turn 3 · me to move',
    'me (to move): HP 30 · mana 3/3 · deck 23 · hand 7',
    '  hand:',
    '    id 37 #3 (0) creature 2/2 draw1',
    '    id 38 #3 (0) creature 2/2 draw1',
    '    id 55 #41 (4) itemGreen +3/+3 D area lane1 you+1',
    '    id 58 #9 (1) itemGreen +3/+2',
    '    id 54 #50 (6) itemGreen +5/+5 DW area lane1 you+1',
    '    id 35 #2 (0) creature 2/2 draw1',
    '    id 40 #15 (2) itemRed -2/-2 area lane2 you+1 foe-2',
    '  lane 0: (empty)   |   lane 1: (empty)',
    '  ' + '-'.repeat(60),
    '  lane 0: (empty)   |   lane 1: [id 5 #2 2/2]',
    '  hand: 5 hidden cards',
    'ByteRL: HP 30 · max mana 2 · deck 24 · hand 5',
  ]);
});

test('watch prints every call of a replay when not interactive', async () => {
  const game = await refereeGame([new AgentPlayer('a', 'greedy', '1.2', 0), new AgentPlayer('b', 'baseline1', '1.2', 0)], { version: '1.2', params: { seed: '9' } });
  const replay = toReplay('1.2', ['greedy', 'baseline1'], game);
  let text = '';
  await watchReplay(replay, simulateReplay(replay), { interactive: false, write: (s) => { text += s; } });
  assert.equal(text.match(/^=== call /gm)?.length, game.turns.length);
  assert.match(text, /=== call 1\/\d+ · player 0 \(greedy\) · draft ===\ndraft pick 1\/30/);
  assert.match(text, /next rune 25/);
  assert.match(text, /answer: PICK [012]/);
  assert.match(text, /> Player \$\d performed action: SUMMON \d+ [01]/);
  assert.ok(text.endsWith(`result: player ${game.winner} (${game.winner === 0 ? 'greedy' : 'baseline1'}) wins; scores ${game.scores.join(' ')}\n`));
});
