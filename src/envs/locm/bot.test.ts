import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { LocmGame, type Version } from './engine.js';
import { LocmMatch } from './match.js';
import { LocmRunner } from './play.js';
import { ActionList, makeAgent, type LocmAgent } from './agents/index.js';
import { BotInputError, BotSession, UnknownAgentError, parseInputBlock, registerAgentResolver, resolveAgent, serveBot } from './bot.js';

const VERSIONS: Version[] = ['1.2', '1.5'];

test('positions rebuilt from battle inputs print the same input text', () => {
  for (const version of VERSIONS) {
    for (let seed = 1; seed <= 4; seed++) {
      const match = new LocmMatch(version, { params: { seed: String(seed) } });
      const bots = [new BotSession(makeAgent('greedy'), version, 0), new BotSession(makeAgent('random'), version, seed)];
      const g = new LocmGame(version);
      let checked = 0;
      while (match.awaiting >= 0) {
        const p = match.awaiting, lines = match.inputLines();
        if (match.phase === 'battle') {
          const block = parseInputBlock(lines, version);
          assert.equal(block.phase, 'battle');
          if (block.phase !== 'battle') return;
          g.loadSeen(p, { players: p === 0 ? block.players : [block.players[1], block.players[0]], cards: block.cards, opponentActions: block.opponentActions, turn: match.game.turn, nextInstanceId: 61 });
          assert.deepEqual(g.inputLines(p), lines, `${version} seed ${seed} turn ${match.game.turn}`);
          assert.equal(g.mana(p), match.game.mana(p));
          checked++;
        }
        match.submit(bots[p].answer(lines));
      }
      assert.ok(checked >= 5, `only ${checked} battle inputs checked`);
    }
  }
});

test('agents answer through the text protocol exactly as on the true engine state', () => {
  const pairs: [string, string][] = [['baseline2', 'greedy'], ['baseline1', 'random'], ['random', 'baseline2'], ['greedy', 'random']];
  // 3432550672: a 1.5 game where a Charge Area copy attacks, so the bot must track the copy-id counter.
  const seeds = [1, 2, 3, 4, 3432550672];
  for (const version of VERSIONS) {
    for (const [a, b] of pairs) {
      for (const seed of seeds) {
        const match = new LocmMatch(version, { params: { seed: String(seed) } });
        const bots = [new BotSession(makeAgent(a), version, seed), new BotSession(makeAgent(b), version, seed + 1)];
        const twins = [makeAgent(a), makeAgent(b)];
        twins[0].reset(seed);
        twins[1].reset(seed + 1);
        const out = new ActionList();
        let turns = 0;
        while (match.awaiting >= 0) {
          const p = match.awaiting, line = bots[p].answer(match.inputLines());
          if (match.phase === 'draft') twins[p].draft(match.triples[match.draftPick], match.chosen[p]);
          else if (match.phase === 'constructed') twins[p].construct(match.offered);
          else {
            out.clear();
            twins[p].battle(match.game, out);
            assert.equal(line, out.toLine(), `${version} ${a} vs ${b}, seed ${seed}, turn ${match.game.turn}`);
            turns++;
          }
          match.submit(line);
        }
        const direct = new LocmRunner(version).play(seed, [makeAgent(a), makeAgent(b)]);
        assert.equal(match.winner, direct.winner, `${version} ${a} vs ${b}, seed ${seed}`);
        // The referee also asks a player who is already dead at its turn start (RULES §11.3).
        assert.ok(turns === direct.turns || turns === direct.turns + 1);
      }
    }
  }
});

test('serveBot answers one line per input block, however the lines arrive', async () => {
  const match = new LocmMatch('1.2', { params: { seed: '3' } });
  const input = new PassThrough(), output = new PassThrough();
  const answers: string[] = [];
  output.on('data', (chunk: Buffer) => answers.push(...chunk.toString().split('\n').filter((l) => l !== '')));
  const served = serveBot(new BotSession(makeAgent('baseline2'), '1.2', 0), input, output);
  const text = match.inputLines().join('\n') + '\n';
  input.write(text.slice(0, 7));
  input.write(text.slice(7) + '\n');
  input.end();
  await served;
  assert.equal(answers.length, 1);
  assert.match(answers[0], /^PICK [012]$/);
});

test('malformed referee input and unknown agents give actionable errors', async () => {
  assert.throws(() => parseInputBlock(['30 0 0 25 0', '30 0 0 25 0', '0 0', '1', '1 -1 0 0 1 2 1 XXXXXX 0 0 0 -1'], '1.2'), BotInputError);
  assert.throws(() => parseInputBlock(['30 0 0 0', '30 0 0 0', '0 0', '1', '1 -1 0 0 1 2 1 ------ 0 0 0 -1'], '1.5'), /13/);
  const input = new PassThrough();
  input.end('30 1 25 25 1\n30 0 25 25 1\n');
  await assert.rejects(serveBot(new BotSession(makeAgent('pass'), '1.2', 0), input, new PassThrough()), /ended inside a block/);
  assert.throws(() => resolveAgent('baseline3'), (e: Error) => e instanceof UnknownAgentError && /baseline1, baseline2/.test(e.message));
  const stub: LocmAgent = makeAgent('pass');
  registerAgentResolver((spec) => (spec === 'checkpoint:test' ? stub : null));
  assert.equal(resolveAgent('checkpoint:test'), stub);
});
