import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentPlayer, refereeGame, toReplay } from './referee.js';
import { ReplayFormatError, readReplay, simulateReplay, writeReplay } from './replay-json.js';

test('a replay holds the seeds and answers: written, read and re-simulated to the same game', async () => {
  const game = await refereeGame([new AgentPlayer('a', 'random', '1.5', 8), new AgentPlayer('b', 'greedy', '1.5', 0)], { version: '1.5', params: { seed: '-42' } });
  const replay = toReplay('1.5', ['random', 'greedy'], game);
  assert.equal(replay.params.seed, '-42');
  for (const k of ['cardGenSeed', 'constructedChoicesSeed', 'shufflePlayer0Seed', 'shufflePlayer1Seed']) assert.match(replay.params[k], /^-?\d+$/);
  const path = join(mkdtempSync(join(tmpdir(), 'ludus-replay-')), 'game.json');
  writeReplay(path, replay);
  const back = readReplay(path);
  assert.deepEqual(back, replay);
  const steps = simulateReplay(back);
  assert.deepEqual(steps.flatMap((s) => s.summary), game.summary);
  const last = steps.at(-1)!.view;
  assert.equal(last.phase, 'battle');
});

test('replays that do not re-simulate or are not replays are rejected with the reason', async () => {
  const game = await refereeGame([new AgentPlayer('a', 'baseline2', '1.2', 0), new AgentPlayer('b', 'baseline1', '1.2', 0)], { version: '1.2', params: { seed: '6' } });
  const replay = toReplay('1.2', ['baseline2', 'baseline1'], game);
  assert.throws(() => simulateReplay({ ...replay, winner: 1 - replay.winner }), /re-simulated winner is player/);
  assert.throws(() => simulateReplay({ ...replay, turns: replay.turns.slice(0, -1) }), /stops after/);
  assert.throws(() => simulateReplay({ ...replay, turns: [...replay.turns, { player: 0, line: 'PASS' }] }), /ended after/);
  const dir = mkdtempSync(join(tmpdir(), 'ludus-replay-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...replay, formatVersion: 9 }));
  assert.throws(() => readReplay(join(dir, 'a.json')), (e: Error) => e instanceof ReplayFormatError && /format version 9 is not supported/.test(e.message));
  writeFileSync(join(dir, 'b.json'), '{"format":"something-else"}');
  assert.throws(() => readReplay(join(dir, 'b.json')), /not a Ludus LOCM replay/);
  assert.throws(() => readReplay(join(dir, 'missing.json')), /cannot read replay/);
});
