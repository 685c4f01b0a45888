import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../core/rng.js';
import { EnvError } from '../../env/types.js';
import { TERMINAL } from '../../env/game.js';
import { LocmEnv, NUM_BATTLE_ACTIONS, observationLayout, writeCardFeatures } from './env.js';
import { F_COST, MAX_LEGAL } from './engine.js';

function legalCount(mask: Uint8Array): number {
  let n = 0;
  for (const m of mask) n += m;
  return n;
}

test('masks match the referee legality exactly and never allow an illegal action in random games', () => {
  for (const version of ['1.2', '1.5'] as const) {
    const env = new LocmEnv({ version });
    const rng = new Rng(5);
    const mask = new Uint8Array(NUM_BATTLE_ACTIONS);
    const triples = new Int32Array(3 * MAX_LEGAL);
    const obs = new Float32Array(env.spec.observationSize);
    let battleSteps = 0;
    for (let game = 0; game < 30; game++) {
      env.reset({ seed: 1000 + game });
      while (!env.terminated()) {
        const p = env.currentPlayer();
        env.legalActions(mask);
        env.observe(p, obs);
        assert.ok(obs.every(Number.isFinite));
        if (env.phase === 'battle') {
          // Every legal engine action has exactly one index, and every unmasked index is illegal.
          assert.equal(legalCount(mask), env.game.listLegal(triples), `${version} game ${game}`);
          for (let a = 0; a < NUM_BATTLE_ACTIONS; a++) {
            const d = env.decode(a);
            assert.equal(mask[a] === 1, d !== null && env.game.isLegal(d[0], d[1], d[2]));
            if (d !== null) assert.equal(env.encode(d[0], d[1], d[2]), a, 'encode inverts decode');
          }
          const illegal = mask.indexOf(0);
          if (illegal >= 0) assert.throws(() => env.step(illegal), EnvError);
          battleSteps++;
        }
        const choices: number[] = [];
        mask.forEach((m, a) => { if (m) choices.push(a); });
        env.step(choices[rng.int(choices.length)]);
      }
      assert.equal(env.currentPlayer(), TERMINAL);
      const r = env.rewards();
      assert.equal(r[0] + r[1], 0);
      assert.equal(Math.abs(r[0]), 1);
    }
    assert.ok(battleSteps > 500);
  }
});

test('deck building: three draft choices in 1.2, at most two copies of 120 in 1.5', () => {
  const e12 = new LocmEnv({ version: '1.2' });
  e12.reset({ seed: 3 });
  assert.deepEqual([...e12.legalActions().slice(0, 4)], [1, 1, 1, 0]);
  assert.throws(() => e12.step(3), EnvError);
  const e15 = new LocmEnv({ version: '1.5' });
  e15.reset({ seed: 3 });
  e15.step(7);
  e15.step(7);
  assert.equal(e15.legalActions()[7], 0);
  assert.throws(() => e15.step(7), EnvError);
  assert.equal(e15.chosenCards(0).length, 2);
  assert.equal(observationLayout('1.2').size, e12.spec.observationSize);
});

test('the same seed replays the same game; the referee seed derivation is used', () => {
  const run = (seed: number): number[] => {
    const env = new LocmEnv({ version: '1.5' });
    env.reset({ seed });
    const rng = new Rng(9), trace: number[] = [];
    const mask = new Uint8Array(NUM_BATTLE_ACTIONS);
    while (!env.terminated()) {
      env.legalActions(mask);
      const choices: number[] = [];
      mask.forEach((m, a) => { if (m) choices.push(a); });
      const a = choices[rng.int(choices.length)];
      trace.push(a);
      env.step(a);
    }
    return trace;
  };
  assert.deepEqual(run(11), run(11));
  assert.notDeepEqual(run(11), run(12));
  const env = new LocmEnv({ version: '1.2' });
  env.reset({ seed: 12700 });
  assert.equal(env.matchSeeds!.draftChoicesSeed, 7356565147623928353n);
});

test('observations carry the 19 card features of the offered cards and of the hand', () => {
  const env = new LocmEnv({ version: '1.5' });
  env.reset({ seed: 21 });
  const L = observationLayout('1.5');
  const obs = env.observe(0);
  const c = env.offer[37];
  const expected = new Float32Array(19);
  writeCardFeatures(expected, 0, true, c.type, c.cost, c.attack, c.defense, c.keywords, c.myHealthChange, c.opponentHealthChange, c.cardDraw, c.area);
  assert.deepEqual(obs.subarray(L.offer + 37 * 19, L.offer + 38 * 19), expected);
  for (let i = 0; i < 60; i++) env.step(i >> 1);
  assert.equal(env.phase, 'battle');
  const p = env.currentPlayer();
  const battle = env.observe(p);
  const first = env.game.handCard(p, 0);
  assert.equal(battle[L.hand + 4], Math.fround(env.game.field(first, F_COST) / 12));
  assert.equal(battle[3], Math.fround(env.game.health(p) / 30));
  assert.equal(battle[1], 1, 'battle phase flag');
});
