import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../core/rng.js';
import { LeducEnv, LeducPoker } from '../../envs/poker/index.js';
import { nashConv, nashConvOfObservationPolicy } from './evaluate.js';
import { policyFromObservations, TabularPolicy } from './policy.js';
import { compileGame } from './tree.js';

const leduc = compileGame(new LeducPoker());

test('observation policies see exactly what the learner env shows', () => {
  const tensors = new Map<string, string>();
  for (let I = 0; I < leduc.infosets.numInfosets; I++) {
    const s = leduc.infosets.representative[I];
    tensors.set(Array.from(s.informationStateTensor!(leduc.infosets.player[I])).join(''), leduc.infosets.keys[I]);
  }
  assert.equal(tensors.size, 936, 'the tensor identifies the information set');
  const env = new LeducEnv();
  const rng = new Rng(5);
  const mask = new Uint8Array(3);
  for (let game = 0; game < 200; game++) {
    env.reset({ seed: game });
    while (!env.terminated()) {
      const p = env.currentPlayer();
      const key = tensors.get(Array.from(env.observe(p)).join(''));
      assert.ok(key !== undefined, 'an env observation that is no information state of the tree');
      env.legalActions(mask);
      const legal = [0, 1, 2].filter((a) => mask[a] === 1);
      assert.deepEqual(Array.from(leduc.infosets.slotAction.subarray(leduc.infosets.offset[leduc.infosets.indexOf(key)!], leduc.infosets.offset[leduc.infosets.indexOf(key)! + 1])), legal);
      env.step(legal[rng.int(legal.length)]);
    }
  }
});

test('an observation policy that weighs every action equally is the uniform policy', () => {
  const report = nashConvOfObservationPolicy(leduc, (_obs, mask) => Array.from(mask, (m) => m * 7));
  assert.ok(Math.abs(report.nashConv - 4.747222222222222) < 1e-12);
  // Reading the observation: always raise with a king (private card bits 6 and 7), else call.
  const pol = policyFromObservations(leduc.infosets, 3, (obs, mask) => {
    const king = obs[2 + 4] === 1 || obs[2 + 5] === 1;
    return king && mask[2] ? [0, 0, 1] : [0, 1, 0];
  });
  const manual = new TabularPolicy(leduc.infosets);
  for (let I = 0; I < leduc.infosets.numInfosets; I++) {
    const card = Number(leduc.infosets.keys[I].split(':')[0]);
    const start = leduc.infosets.offset[I];
    const end = leduc.infosets.offset[I + 1];
    const actions = Array.from(leduc.infosets.slotAction.subarray(start, end));
    const pick = card >= 4 && actions.includes(2) ? 2 : 1;
    manual.probs[start + actions.indexOf(pick)] = 1;
  }
  assert.deepEqual(pol.probs, manual.probs);
  assert.ok(nashConv(leduc, pol).nashConv > 1);
});
