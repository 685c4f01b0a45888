import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../core/rng.js';
import { F_ATK, F_LANE, LocmGame, type Version } from '../engine.js';
import { BattleActionCodec, NUM_BATTLE_ACTIONS } from '../env.js';
import { LocmRunner } from '../play.js';
import { makeAgent, type LocmAgent } from '../agents/index.js';
import { GreedyAgent, evaluate } from '../agents/greedy.js';
import { ActionLookahead, LOOKAHEAD_FEATURES } from './lookahead.js';
import { NeuralAgent } from './neural-agent.js';
import { LocmPolicy, policyConfig } from './policy.js';

/** The lane features written directly: enemy attack facing p's creatures, enemy attack in lanes p leaves empty (/10). */
function lanes(g: LocmGame, p: number): [number, number] {
  const atk = [0, 0], mine = [0, 0];
  for (let i = 0; i < g.boardSize(1 - p); i++) { const id = g.boardCard(1 - p, i); atk[g.field(id, F_LANE)] += g.field(id, F_ATK); }
  let facing = 0;
  for (let i = 0; i < g.boardSize(p); i++) { const lane = g.field(g.boardCard(p, i), F_LANE); mine[lane]++; facing += atk[lane]; }
  return [facing / 10, ((mine[0] ? 0 : atk[0]) + (mine[1] ? 0 : atk[1])) / 10];
}

/** Battle positions met by two random agents (copies), a few per game. */
function positions(version: Version, games: number): LocmGame[] {
  const out: LocmGame[] = [], random = makeAgent('random');
  const tap: LocmAgent = {
    name: 'tap', reset: (s) => random.reset(s), draft: (t, c) => random.draft(t, c), construct: (o) => random.construct(o), battle: (g, o) => random.battle(g, o),
    step(g, o) {
      const copy = new LocmGame(version);
      copy.copyFrom(g);
      out.push(copy);
      random.step!(g, o);
    },
  };
  const runner = new LocmRunner(version);
  for (let g = 0; g < games; g++) runner.play(40 + g, [tap, makeAgent('random')]);
  return out;
}

for (const version of ['1.2', '1.5'] as const) {
  test(`LOCM ${version} lookahead: each legal slot holds the change its action makes; PASS and illegal slots stay 0; a winning action is flagged`, () => {
    const codec = new BattleActionCodec(), look = new ActionLookahead(version), mask = new Uint8Array(NUM_BATTLE_ACTIONS);
    const K = LOOKAHEAD_FEATURES, out = new Float32Array(NUM_BATTLE_ACTIONS * K), after = new LocmGame(version);
    let legal = 0, wins = 0, laneMoves = 0;
    for (const g of positions(version, 6)) {
      const p = g.currentPlayer, q = 1 - p;
      codec.legalMask(g, mask);
      out.fill(0);
      look.write(g, mask, codec, out, 0);
      for (let a = 0; a < NUM_BATTLE_ACTIONS; a++) {
        const f = out.subarray(a * K, (a + 1) * K);
        if (a === 0 || !mask[a]) { assert.ok(f.every((x) => x === 0), `slot ${a} (${mask[a] ? 'PASS' : 'illegal'}) has features`); continue; }
        legal++;
        const d = codec.decode(g, a)!;
        after.copyFrom(g);
        after.apply(d[0], d[1], d[2]);
        const won = after.winner === p;
        if (won) wins++;
        assert.equal(f[1], won ? 1 : after.winner === q ? -1 : 0, `slot ${a}: game end`);
        const de = after.winner >= 0 ? 0 : Math.max(-3, Math.min(3, (evaluate(after, p) - evaluate(g, p)) / 10));
        assert.ok(Math.abs(f[0] - de) < 1e-5, `slot ${a}: evaluation change ${f[0]} vs ${de}`);
        assert.ok(Math.abs(f[3] - (after.health(q) - g.health(q)) / 10) < 1e-6, `slot ${a}: enemy health change`);
        assert.ok(Math.abs(f[8] - (after.mana(p) - g.mana(p)) / 10) < 1e-6, `slot ${a}: mana change`);
        assert.ok(Math.abs(f[7] - (after.boardSize(q) - g.boardSize(q)) / 3) < 1e-6, `slot ${a}: enemy creatures change`);
        const [fa, ea] = lanes(after, p), [fb, eb] = lanes(g, p);
        assert.ok(Math.abs(f[10] - (fa - fb)) < 1e-6 && Math.abs(f[11] - (ea - eb)) < 1e-6, `slot ${a}: lane features ${f[10]}, ${f[11]} vs ${fa - fb}, ${ea - eb}`);
        if (f[10] !== 0) laneMoves++;
      }
    }
    assert.ok(legal > 100, `only ${legal} legal non-PASS actions checked`);
    assert.ok(wins > 0, 'no winning action met');
    assert.ok(laneMoves > 10, `only ${laneMoves} actions change the enemy attack facing own creatures`);
  });
}

test('LOCM 1.2 lookahead: an untrained lookahead policy already picks what the greedy agent picks in most positions; one without lookahead does not', () => {
  const greedy = new GreedyAgent(), want = new Int32Array(3), got = new Int32Array(3);
  const agree = (lookahead: boolean): number => {
    const agent = new NeuralAgent(new LocmPolicy(policyConfig('1.2', { lookahead }), new Rng(5)));
    let same = 0, n = 0;
    for (const g of positions('1.2', 8)) {
      agent.reset(0);
      greedy.step(g, want);
      agent.step(g, got);
      n++;
      if (want[0] === got[0] && want[1] === got[1] && want[2] === got[2]) same++;
    }
    return same / n;
  };
  const withLookahead = agree(true), without = agree(false);
  assert.ok(withLookahead >= 0.75, `agreement with greedy ${withLookahead.toFixed(2)}`);
  assert.ok(without < withLookahead - 0.2, `without lookahead ${without.toFixed(2)} vs with ${withLookahead.toFixed(2)}`);
});
