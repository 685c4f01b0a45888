import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedFile, skipUnlessShared } from '../../../testing/shared.js';
import { parseRecordedMatch } from '../dataset.js';
import { LocmMatch } from '../match.js';
import { LocmRunner } from '../play.js';
import { ActionList, AGENT_NAMES, Baseline1Agent, Baseline2Agent, makeAgent, type LocmAgent } from './index.js';
import { CARDS_12, GUARD } from '../cards.js';
import { SUMMON } from '../engine.js';
import { LocmEnv, NUM_BATTLE_ACTIONS } from '../env.js';
import { AgentSeatPolicy } from './seat-policy.js';

const DS12 = 'locm/data/consistency-dataset-v1.2.txt';

test('Baseline2 reproduces every recorded DS12 output line (draft and battle, both seats)', { skip: skipUnlessShared(DS12) }, () => {
  const lines = readFileSync(sharedFile(DS12)!, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const bot = new Baseline2Agent();
  const out = new ActionList();
  let compared = 0;
  lines.forEach((line, m) => {
    const rec = parseRecordedMatch(line);
    const match = new LocmMatch('1.2', { params: rec.params });
    const next = [0, 0];
    while (match.awaiting >= 0) {
      const p = match.awaiting, recorded = rec.outputs[p][next[p]++];
      let mine: string;
      if (match.phase === 'draft') mine = `PICK ${bot.draft(match.triples[match.draftPick])}`;
      else { out.clear(); bot.battle(match.game, out); mine = out.toLine(); }
      assert.equal(mine, recorded, `match ${m + 1}, player ${p}, turn ${next[p] - 1}`);
      compared++;
      match.submit(recorded);
    }
  });
  assert.equal(compared, 7401);
});

test('every agent finishes games in both versions, in both seats, deterministically per seed', () => {
  for (const version of ['1.2', '1.5'] as const) {
    const runner = new LocmRunner(version);
    for (const a of AGENT_NAMES) {
      for (const b of AGENT_NAMES) {
        const r1 = runner.play(7, [makeAgent(a), makeAgent(b)]);
        const r2 = runner.play(7, [makeAgent(a), makeAgent(b)]);
        assert.deepEqual(r1, r2, `${version} ${a} vs ${b}`);
        assert.ok(r1.winner === 0 || r1.winner === 1);
      }
    }
  }
});

test('the greedy agent beats random and Baseline2 clearly', () => {
  for (const version of ['1.2', '1.5'] as const) {
    const runner = new LocmRunner(version);
    for (const opponent of ['random', 'baseline2']) {
      let wins = 0;
      for (let i = 0; i < 40; i++) {
        const seat = i & 1;
        const agents = seat === 0 ? [makeAgent('greedy'), makeAgent(opponent)] as const : [makeAgent(opponent), makeAgent('greedy')] as const;
        if (runner.play(100 + i, agents).winner === seat) wins++;
      }
      assert.ok(wins >= 28, `${version}: greedy won ${wins}/40 against ${opponent}`);
    }
  }
});

test('Baseline1: drafts guards (never testing card 0) and alternates summon lanes with its persistent counter', () => {
  const guard = CARDS_12.find((c) => c.type === 0 && (c.keywords & GUARD) !== 0)!;
  const plain = CARDS_12.find((c) => c.type === 0 && c.keywords === 0)!;
  const bot = new Baseline1Agent();
  bot.reset();
  assert.equal(bot.draft([guard, plain, plain]), 0);
  assert.equal(bot.draft([plain, guard, guard]), 1);
  assert.equal(bot.draft([plain, plain, guard]), 2);
  // Play a 1.2 game with Baseline1 in seat 0 and check that its summons alternate lanes turn by turn
  // (the counter is 1 or 2 after the draft and grows by one per pass).
  const match = new LocmMatch('1.2', { params: { seed: '11' } });
  const seat = [new Baseline1Agent(), new Baseline1Agent()];
  seat.forEach((b) => b.reset());
  const out = new ActionList();
  const lanes: number[] = [];
  while (match.awaiting >= 0 && lanes.length < 6) {
    const p = match.awaiting;
    if (match.phase === 'draft') { match.submit(`PICK ${seat[p].draft(match.triples[match.draftPick])}`); continue; }
    out.clear();
    seat[p].battle(match.game, out);
    if (p === 0) for (let i = 0; i < out.length; i++) if (out.kind(i) === SUMMON) lanes.push(out.a2(i));
    match.submit(out.toLine());
  }
  assert.ok(lanes.includes(0) && lanes.includes(1), `lanes used: ${lanes.join(',')}`);
});

test('step agents play the same game through step() on the live position and through battle() lines', () => {
  const lineOnly = (name: string): LocmAgent => {
    const inner = makeAgent(name);
    return { name, reset: (s) => inner.reset(s), draft: (t, c) => inner.draft(t, c), construct: (o) => inner.construct(o), battle: (g, o) => inner.battle(g, o) };
  };
  for (const version of ['1.2', '1.5'] as const) {
    const runner = new LocmRunner(version);
    for (const name of ['random', 'greedy']) {
      for (let seed = 0; seed < 5; seed++) {
        const live = runner.play(seed, [makeAgent(name), makeAgent('random')]);
        const lines = runner.play(seed, [lineOnly(name), lineOnly('random')]);
        assert.deepEqual(live, lines, `${version} ${name} seed ${seed}`);
      }
    }
  }
});

test('agents seated in the TurnBasedEnv play exactly the games LocmRunner plays', () => {
  for (const version of ['1.2', '1.5'] as const) {
    const runner = new LocmRunner(version);
    for (const [a, b] of [['greedy', 'baseline2'], ['baseline1', 'random'], ['random', 'greedy']]) {
      for (let seed = 0; seed < 3; seed++) {
        const expected = runner.play(seed, [makeAgent(a), makeAgent(b)]);
        const env = new LocmEnv({ version });
        const seats = [new AgentSeatPolicy(makeAgent(a), env), new AgentSeatPolicy(makeAgent(b), env)];
        seats[0].reset(seed);
        seats[1].reset(seed + 1);
        env.reset({ seed });
        const mask = new Uint8Array(NUM_BATTLE_ACTIONS);
        const obs = new Float32Array(env.spec.observationSize);
        let steps = 0;
        while (!env.terminated()) {
          const p = env.currentPlayer();
          const action = seats[p].act(env.observe(p, obs), env.legalActions(mask), env);
          assert.equal(mask[action], 1, `${version} ${a}/${b}: a legal index`);
          env.step(action);
          steps++;
        }
        assert.equal(env.game.winner, expected.winner, `${version} ${a} vs ${b}, seed ${seed}`);
        assert.equal(env.game.turn, runner.game.turn);
        assert.ok(steps > 60);
      }
    }
  }
});
