import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LocmGame } from '../engine.js';
import { LocmRunner } from '../play.js';
import { makeAgent, type LocmAgent } from '../agents/index.js';
import { SeatObserver, observationLayout } from './observation.js';

for (const version of ['1.2', '1.5'] as const) {
  test(`LOCM ${version} observation: the card recorder's remaining deck tracks the true deck at every turn start`, () => {
    const inner = makeAgent('baseline2'), observer = new SeatObserver(version), obs = new Float32Array(observationLayout(version).size);
    let turns = 0, exact = 0, lastTurn = -1;
    const watched: LocmAgent = {
      name: 'watched',
      reset: (s) => { inner.reset(s); observer.reset(); lastTurn = -1; },
      draft: (t, c) => { const i = inner.draft(t, c); observer.addChosen(t[i]); return i; },
      construct: (o) => { const picks = inner.construct(o); for (const i of picks) observer.addChosen(o[i]); return picks; },
      battle: (g: LocmGame, out) => {
        if (g.turn !== lastTurn) {
          lastTurn = g.turn;
          observer.writeBattle(g, obs);
          const remaining = Math.round(obs[3] * 30);
          // Cards burned from a full hand are never seen: the record can only lag behind, never run ahead.
          assert.ok(remaining >= g.deckSize(g.currentPlayer), `turn ${g.turn}: ${remaining} recorded, ${g.deckSize(g.currentPlayer)} in the deck`);
          turns++;
          if (remaining === g.deckSize(g.currentPlayer)) exact++;
        }
        inner.battle(g, out);
      },
    };
    const runner = new LocmRunner(version);
    for (let s = 0; s < 6; s++) runner.play(200 + s, s % 2 === 0 ? [watched, makeAgent('random')] : [makeAgent('random'), watched]);
    assert.ok(turns > 30 && exact >= 0.9 * turns, `${exact} of ${turns} turn starts exact`);
  });
}
