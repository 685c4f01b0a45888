import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../core/rng.js';
import { fromBuffer, noGrad, scope, zeros, type Tensor } from '../../../core/tensor.js';
import * as op from '../../../core/ops/index.js';
import type { Linear } from '../../../core/nn/index.js';
import type { Version } from '../engine.js';
import { NUM_BATTLE_ACTIONS } from '../env.js';
import { LocmRunner } from '../play.js';
import { makeAgent } from '../agents/index.js';
import { NeuralAgent, type DecisionRecorder } from './neural-agent.js';
import { BUILD_STEPS, LocmPolicy, policyConfig, type PolicyOutput } from './policy.js';
import { DECK_SLOTS, ENEMY_CREATURE_FEATURES, HAND_SLOTS, LANE_SLOTS, OWN_CREATURE_FEATURES, PLAYER_FEATURES, SCALARS } from './observation.js';

const smallPolicy = (v: Version, lookahead = false): LocmPolicy => new LocmPolicy(policyConfig(v, { cardHidden: 16, cardDim: 8, trunk: [32], lstm: 16, buildHidden: 16, lookahead }), new Rng(3));

/** Keeps every decision (copies) and checks each chosen action against its mask. */
class Keep implements DecisionRecorder {
  obs: Float32Array[] = [];
  cand: (Float32Array | null)[] = [];
  masks: Uint8Array[] = [];
  actions: number[] = [];
  logps: number[] = [];
  values: number[] = [];
  record(obs: Float32Array, cand: Float32Array | null, mask: Uint8Array, action: number, logProb: number, value: number): void {
    assert.equal(mask[action], 1, `action ${action} is masked out`);
    this.obs.push(obs.slice()); this.cand.push(cand === null ? null : cand.slice()); this.masks.push(mask.slice());
    this.actions.push(action); this.logps.push(logProb); this.values.push(value);
  }
}

/**
 * The plain whole-trajectory forward, every card row encoded where it stands (as the policy
 * computed it before it encoded each distinct card once): the reference for forwardSequence.
 */
function referenceSequence(p: LocmPolicy, obs: Tensor, cand: Tensor, T: number, B: number): PolicyOutput {
  const L = p.layout, c = p.config, n = T * B, nb = BUILD_STEPS * B, f = L.cardFeatures, d = c.cardDim, k = L.candidates, h = c.buildHidden;
  const cards = (rows: Tensor, m: number, at: number, slots: number): Tensor => op.reshape(p.card.forward(op.reshape(op.slice(rows, 1, at, at + slots * f), [m * slots, f])), [m, slots, d]);
  const mean = (at: number, maskAt: number): Tensor => {
    const mask = op.slice(obs, 1, maskAt, maskAt + DECK_SLOTS);
    return op.div(op.sum(op.mul(cards(obs, n, at, DECK_SLOTS), op.reshape(mask, [n, DECK_SLOTS, 1])), 1), op.maximum(op.sum(mask, 1, true), 1));
  };
  const lanes = (layer: Linear, at: number, w: number): Tensor =>
    op.reshape(op.relu(layer.forward(op.reshape(op.slice(obs, 1, at, at + LANE_SLOTS * w), [n * LANE_SLOTS, w]))), [n, LANE_SLOTS * c.creatureDim]);
  const players = op.reshape(op.relu(p.player.forward(op.reshape(op.slice(obs, 1, L.players, L.players + 2 * PLAYER_FEATURES), [2 * n, PLAYER_FEATURES]))), [n, 2 * c.playerDim]);
  const chosen = mean(L.chosen, L.chosenMask);
  const x = p.trunk.forward(op.concat([
    op.slice(obs, 1, 0, SCALARS), players, op.reshape(cards(obs, n, L.hand, HAND_SLOTS), [n, HAND_SLOTS * d]),
    lanes(p.ownCreature, L.ownLanes, OWN_CREATURE_FEATURES), lanes(p.enemyCreature, L.enemyLanes, ENEMY_CREATURE_FEATURES), chosen, mean(L.deck, L.deckMask),
  ], 1));
  const out = op.reshape(p.lstm.forward(op.reshape(x, [T, B, x.shape[1]])).output, [n, c.lstm]);
  const context = p.buildContext.forward(op.concat([op.slice(chosen, 0, 0, nb), op.slice(op.slice(obs, 0, 0, nb), 1, 1, 2)], 1));
  const proj = op.reshape(p.buildCard.forward(op.reshape(cards(cand, nb, 0, k), [nb * k, d])), [nb, k, h]);
  const hid = op.relu(op.add(proj, op.reshape(context, [nb, 1, h])));
  const build = op.concat([op.reshape(p.buildHead.forward(op.reshape(hid, [nb * k, h])), [nb, k]), zeros([nb, NUM_BATTLE_ACTIONS - k])], 1);
  const hb = op.slice(out, 0, nb, n);
  let battle = p.battleHead.forward(hb);
  if (p.lookahead !== null) {
    const K = L.actionFeatures, features = op.reshape(op.slice(op.slice(obs, 0, nb, n), 1, L.actions, L.size), [n - nb, NUM_BATTLE_ACTIONS, K]);
    battle = op.add(battle, op.sum(op.mul(features, op.reshape(p.lookahead.forward(hb), [n - nb, 1, K])), 2));
  }
  return { logits: op.concat([build, battle], 0), value: op.reshape(p.valueHead.forward(out), [n]) };
}

/** Two recorded games (different lengths) as one time-major batch, padded with zero rows. */
function twoGames(p: LocmPolicy, version: Version): { games: Keep[]; obs: Float32Array; cand: Float32Array; T: number; B: number } {
  const games = [0, 1].map((g) => {
    const keep = new Keep();
    new LocmRunner(version).play(21 + g, g === 0 ? [new NeuralAgent(p, { greedy: false, recorder: keep }), makeAgent('baseline2')] : [makeAgent('random'), new NeuralAgent(p, { greedy: false, recorder: keep })]);
    return keep;
  });
  const L = p.layout, B = games.length, T = Math.max(...games.map((k) => k.obs.length));
  const obs = new Float32Array(T * B * L.size), cand = new Float32Array(BUILD_STEPS * B * L.candidateSize);
  games.forEach((keep, b) => {
    keep.obs.forEach((o, t) => obs.set(o, (t * B + b) * L.size));
    for (let t = 0; t < BUILD_STEPS; t++) cand.set(keep.cand[t]!, (t * B + b) * L.candidateSize);
  });
  return { games, obs, cand, T, B };
}

for (const [version, lookahead] of [['1.2', false], ['1.5', false], ['1.2', true], ['1.5', true]] as const) {
  const small = (v: Version): LocmPolicy => smallPolicy(v, lookahead);
  const tag = lookahead ? ' with lookahead' : '';
  test(`LOCM ${version} policy${tag}: sequence outputs have [T·B, 145] logits and [T·B] values; parameters are named`, () => {
    const p = small(version), T = BUILD_STEPS + 3, B = 2, L = p.layout;
    const rng = new Rng(1), obs = new Float32Array(T * B * L.size).map(() => rng.next()), cand = new Float32Array(BUILD_STEPS * B * L.candidateSize).map(() => rng.next());
    const out = noGrad(() => scope(() => {
      const o = p.forwardSequence(fromBuffer(obs, [T * B, L.size]), fromBuffer(cand, [BUILD_STEPS * B, L.candidateSize]), T, B);
      return { logits: o.logits.shape, value: o.value.shape };
    }));
    assert.deepEqual(out, { logits: [T * B, NUM_BATTLE_ACTIONS], value: [T * B] });
    const names = p.namedParameters().map(([n]) => n);
    for (const n of ['card.0.weight', 'lstm.cell.weight_ih', 'battle_head.weight', 'value_head.bias', 'build_head.weight']) assert.ok(names.includes(n), n);
    assert.equal(names.includes('lookahead.weight'), lookahead);
  });

  test(`LOCM ${version} policy${tag}: sampled games never choose a masked or illegal action, in both stages`, () => {
    const runner = new LocmRunner(version), p = small(version);
    let battle = 0, build = 0;
    for (let g = 0; g < 6; g++) {
      const keep = new Keep();
      const agent = new NeuralAgent(p, { greedy: false, recorder: keep });
      const checked = {
        name: 'checked', reset: (s: number) => agent.reset(s), draft: agent.draft.bind(agent), construct: agent.construct.bind(agent), battle: agent.battle.bind(agent),
        step(game: Parameters<NeuralAgent['step']>[0], out: Int32Array): void {
          agent.step(game, out);
          assert.ok(out[0] === 0 || game.isLegal(out[0], out[1], out[2]), `illegal action ${out.join(' ')}`);
        },
      };
      const r = runner.play(100 + g, g % 2 === 0 ? [checked, makeAgent('random')] : [makeAgent('baseline2'), checked]);
      assert.ok(r.winner === 0 || r.winner === 1);
      build += keep.cand.filter((c) => c !== null).length;
      battle += keep.cand.filter((c) => c === null).length;
    }
    assert.equal(build, 6 * BUILD_STEPS);
    assert.ok(battle > 50, `only ${battle} battle decisions`);
  });

  test(`LOCM ${version} policy${tag}: the batched whole-trajectory forward gives the step-by-step logits and values within 1e-5`, () => {
    const p = small(version), L = p.layout, { games, obs, cand, T, B } = twoGames(p, version);
    const out = noGrad(() => scope(() => {
      const o = p.forwardSequence(fromBuffer(obs, [T * B, L.size]), fromBuffer(cand, [BUILD_STEPS * B, L.candidateSize]), T, B);
      return { logits: o.logits.data.slice(), value: o.value.data.slice() };
    }));
    const h = new Float32Array(p.config.lstm), c = new Float32Array(p.config.lstm), z = new Float32Array(NUM_BATTLE_ACTIONS), none = new Float32Array(L.candidateSize);
    games.forEach((keep, b) => {
      h.fill(0); c.fill(0);
      keep.obs.forEach((o, t) => {
        const v = p.step(o, keep.cand[t] ?? none, h, c, z), row = t * B + b;
        for (let a = 0; a < NUM_BATTLE_ACTIONS; a++) assert.ok(Math.abs(out.logits[row * NUM_BATTLE_ACTIONS + a] - z[a]) < 1e-5, `logit ${a} at t = ${t}, game ${b}`);
        assert.ok(Math.abs(out.value[row] - v) < 1e-5, `value at t = ${t}, game ${b}`);
      });
    });
  });

  test(`LOCM ${version} policy${tag}: forwardSequence gives the plain forward's outputs and parameter gradients`, () => {
    const p = small(version), L = p.layout, { obs, cand, T, B } = twoGames(p, version), rng = new Rng(9);
    const wl = new Float32Array(T * B * NUM_BATTLE_ACTIONS).map(() => rng.uniform(-1, 1)), wv = new Float32Array(T * B).map(() => rng.uniform(-1, 1));
    const run = (f: typeof referenceSequence): { logits: Float32Array; value: Float32Array; grads: Float32Array[] } => scope(() => {
      p.zeroGrad();
      const o = f(p, fromBuffer(obs, [T * B, L.size]), fromBuffer(cand, [BUILD_STEPS * B, L.candidateSize]), T, B);
      op.add(op.sum(op.mul(o.logits, fromBuffer(wl, [T * B, NUM_BATTLE_ACTIONS]))), op.sum(op.mul(o.value, fromBuffer(wv, [T * B])))).backward();
      return { logits: o.logits.data.slice(), value: o.value.data.slice(), grads: p.parameters().map((q) => Float32Array.from(q.grad!)) };
    });
    const want = run(referenceSequence), got = run((q, o, cd, t, b) => q.forwardSequence(o, cd, t, b));
    const close = (a: Float32Array, e: Float32Array, what: string, tol: number): void => {
      assert.equal(a.length, e.length, what);
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - e[i]) <= tol * (1 + Math.abs(e[i])), `${what}[${i}]: ${a[i]} vs ${e[i]}`);
    };
    close(got.logits, want.logits, 'logits', 1e-5);
    close(got.value, want.value, 'value', 1e-5);
    const names = p.namedParameters().map(([n]) => n);
    want.grads.forEach((g, i) => close(got.grads[i], g, `grad ${names[i]}`, 1e-4));
  });

  test(`LOCM ${version} policy${tag}: the whole-trajectory forward reproduces the step-by-step logits and values`, () => {
    const p = small(version), keep = new Keep(), agent = new NeuralAgent(p, { greedy: false, recorder: keep });
    new LocmRunner(version).play(7, [agent, makeAgent('baseline2')]);
    const T = keep.actions.length, L = p.layout;
    const obs = new Float32Array(T * L.size), cand = new Float32Array(BUILD_STEPS * L.candidateSize);
    keep.obs.forEach((o, t) => obs.set(o, t * L.size));
    for (let t = 0; t < BUILD_STEPS; t++) cand.set(keep.cand[t]!, t * L.candidateSize);
    const { logits, value } = noGrad(() => scope(() => {
      const o = p.forwardSequence(fromBuffer(obs, [T, L.size]), fromBuffer(cand, [BUILD_STEPS, L.candidateSize]), T, 1);
      return { logits: o.logits.data.slice(), value: o.value.data.slice() };
    }));
    for (let t = 0; t < T; t++) {
      const z = logits.subarray(t * NUM_BATTLE_ACTIONS, (t + 1) * NUM_BATTLE_ACTIONS), m = keep.masks[t];
      let max = -Infinity, sum = 0;
      for (let a = 0; a < NUM_BATTLE_ACTIONS; a++) if (m[a]) max = Math.max(max, z[a]);
      for (let a = 0; a < NUM_BATTLE_ACTIONS; a++) if (m[a]) sum += Math.exp(z[a] - max);
      assert.ok(Math.abs(z[keep.actions[t]] - max - Math.log(sum) - keep.logps[t]) < 1e-4, `log-prob at t = ${t}`);
      assert.ok(Math.abs(value[t] - keep.values[t]) < 1e-4, `value at t = ${t}`);
    }
  });
}

test('LOCM policy: the LSTM state carries across decisions and a new game resets it; same seed, same play', () => {
  const p = smallPolicy('1.5'), keep = new Keep(), agent = new NeuralAgent(p, { greedy: false, recorder: keep });
  const runner = new LocmRunner('1.5');
  runner.play(11, [agent, makeAgent('random')]);
  assert.ok(agent.recurrentState().some((x) => x !== 0));
  // The same observation twice gives different outputs: the state moved between the calls.
  const L = p.layout, h = new Float32Array(16), c = new Float32Array(16), z1 = new Float32Array(NUM_BATTLE_ACTIONS), z2 = new Float32Array(NUM_BATTLE_ACTIONS);
  const last = keep.obs[keep.obs.length - 1], cand = new Float32Array(L.candidateSize);
  p.step(last, cand, h, c, z1);
  p.step(last, cand, h, c, z2);
  assert.notDeepEqual(z1, z2);
  agent.reset(5);
  assert.ok(agent.recurrentState().every((x) => x === 0));
  const again = new Keep();
  agent.recorder = again;
  runner.play(11, [agent, makeAgent('random')]);
  assert.deepEqual(again.actions, keep.actions);
  assert.deepEqual(smallPolicy('1.5').tensors(), p.tensors());
});
