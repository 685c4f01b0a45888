import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../core/rng.js';
import { fromBuffer, noGrad, scope } from '../../../core/tensor.js';
import type { Version } from '../engine.js';
import { NUM_BATTLE_ACTIONS } from '../env.js';
import { LocmRunner } from '../play.js';
import { makeAgent } from '../agents/index.js';
import { NeuralAgent, type DecisionRecorder } from './neural-agent.js';
import { BUILD_STEPS, LocmPolicy, policyConfig } from './policy.js';

const small = (v: Version): LocmPolicy => new LocmPolicy(policyConfig(v, { cardHidden: 16, cardDim: 8, trunk: [32], lstm: 16, buildHidden: 16 }), new Rng(3));

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

for (const version of ['1.2', '1.5'] as const) {
  test(`LOCM ${version} policy: sequence outputs have [T·B, 145] logits and [T·B] values; parameters are named`, () => {
    const p = small(version), T = BUILD_STEPS + 3, B = 2, L = p.layout;
    const rng = new Rng(1), obs = new Float32Array(T * B * L.size).map(() => rng.next()), cand = new Float32Array(BUILD_STEPS * B * L.candidateSize).map(() => rng.next());
    const out = noGrad(() => scope(() => {
      const o = p.forwardSequence(fromBuffer(obs, [T * B, L.size]), fromBuffer(cand, [BUILD_STEPS * B, L.candidateSize]), T, B);
      return { logits: o.logits.shape, value: o.value.shape };
    }));
    assert.deepEqual(out, { logits: [T * B, NUM_BATTLE_ACTIONS], value: [T * B] });
    const names = p.namedParameters().map(([n]) => n);
    for (const n of ['card.0.weight', 'lstm.cell.weight_ih', 'battle_head.weight', 'value_head.bias', 'build_head.weight']) assert.ok(names.includes(n), n);
  });

  test(`LOCM ${version} policy: sampled games never choose a masked or illegal action, in both stages`, () => {
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

  test(`LOCM ${version} policy: the whole-trajectory forward reproduces the step-by-step logits and values`, () => {
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
  const p = small('1.5'), keep = new Keep(), agent = new NeuralAgent(p, { greedy: false, recorder: keep });
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
  assert.deepEqual(small('1.5').tensors(), p.tensors());
});
