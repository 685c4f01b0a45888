// LocmRunner reuses its draft, deck and choice buffers from game to game; games must not see
// each other through them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Card } from './cards.js';
import { RandomAgent } from './agents/random.js';
import { deriveMatchSeeds, draftTriples } from './match.js';
import { LocmRunner } from './play.js';

test('a seed plays the same game before and after other games on the same runner', () => {
  for (const version of ['1.2', '1.5'] as const) {
    const runner = new LocmRunner(version);
    const agents = [new RandomAgent(), new RandomAgent()] as const;
    const first = runner.play(17, agents);
    for (let seed = 100; seed < 110; seed++) runner.play(seed, agents);
    assert.deepEqual(runner.play(17, agents), first, version);
  }
});

test('1.2 agents are offered the seed\'s draft triples and see their own picks so far', () => {
  const offers: number[][] = [], seen: number[][] = [];
  const agent = new RandomAgent();
  const drafter = Object.assign(Object.create(agent) as RandomAgent, {
    draft(triple: readonly Card[], chosen: readonly Card[]): number {
      offers.push(triple.map((c) => c.id));
      seen.push(chosen.map((c) => c.id));
      return offers.length % 3;
    },
  });
  const runner = new LocmRunner('1.2');
  for (const seed of [3, 4]) {
    offers.length = 0; seen.length = 0;
    runner.play(seed, [drafter, new RandomAgent()]);
    const triples = draftTriples(deriveMatchSeeds('1.2', {}, BigInt(seed)).draftChoicesSeed!).map((t) => t.map((c) => c.id));
    assert.deepEqual(offers, triples);
    assert.deepEqual(seen, triples.map((_, k) => triples.slice(0, k).map((t, j) => t[(j + 1) % 3])));
  }
});
