import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../../../core/rng.js';
import { resolveAgent } from '../bot.js';
import { AgentPlayer, ProcessPlayer, refereeGame } from '../referee.js';
import { LocmRunner } from '../play.js';
import { makeAgent } from '../agents/index.js';
import { NeuralAgent, PolicyFileError, loadPolicy, neuralAgentResolver, registerNeuralAgents, savePolicy } from './neural-agent.js';
import { LocmPolicy, policyConfig } from './policy.js';
import { LOOKAHEAD_FEATURES } from './lookahead.js';
import { saveSafetensors } from '../../../core/safetensors.js';

const BIN = fileURLToPath(new URL('../../../cli/bin.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ludus-neural-'));

function policyFile(version: '1.2' | '1.5'): string {
  const path = join(dir, `p${version}.safetensors`);
  savePolicy(path, new LocmPolicy(policyConfig(version, { trunk: [64], lstm: 32 }), new Rng(9)));
  return path;
}

test('a policy file loads back to the same parameters; a foreign file is refused with PolicyFileError', () => {
  const path = policyFile('1.5');
  assert.deepEqual(loadPolicy(path).tensors(), new LocmPolicy(policyConfig('1.5', { trunk: [64], lstm: 32 }), new Rng(9)).tensors());
  const bad = join(dir, 'bad.safetensors');
  writeFileSync(bad, 'not safetensors');
  assert.throws(() => loadPolicy(bad), PolicyFileError);
  registerNeuralAgents();
  assert.ok(resolveAgent(path) instanceof NeuralAgent);
  assert.throws(() => resolveAgent('no-such-agent'));
});

test('a lookahead policy saved before the last lookahead features existed loads with those features at weight 0', () => {
  const cfg = policyConfig('1.2', { trunk: [64], lstm: 32, lookahead: true }), policy = new LocmPolicy(cfg, new Rng(4));
  const tensors = policy.tensors(), keep = LOOKAHEAD_FEATURES - 2;
  for (const name of ['lookahead.weight', 'lookahead.bias']) {
    const t = tensors[name], src = t.data as Float32Array, rows = src.length / LOOKAHEAD_FEATURES, data = new Float32Array(rows * keep);
    for (let i = 0; i < rows; i++) data.set(src.subarray(i * LOOKAHEAD_FEATURES, i * LOOKAHEAD_FEATURES + keep), i * keep);
    tensors[name] = { dtype: 'F32', shape: [...t.shape.slice(0, -1), keep], data };
  }
  const path = join(dir, 'narrow.safetensors');
  saveSafetensors(path, tensors, { format: 'ludus-locm-policy', config: JSON.stringify(cfg) });
  const loaded = loadPolicy(path).tensors();
  for (const [name, t] of Object.entries(policy.tensors())) {
    if (!name.startsWith('lookahead.')) { assert.deepEqual(loaded[name].data, t.data, name); continue; }
    for (let i = 0; i < t.data.length; i++) {
      assert.equal(loaded[name].data[i], i % LOOKAHEAD_FEATURES < keep ? t.data[i] : 0, `${name}[${i}]`);
    }
  }
});

for (const version of ['1.2', '1.5'] as const) {
  test(`LOCM ${version}: the policy plays a full refereed game through the protocol without an illegal action`, async () => {
    registerNeuralAgents();
    const path = policyFile(version);
    for (const seat of [0, 1]) {
      const me = new AgentPlayer('policy', path, version, 1), other = new AgentPlayer('baseline2', 'baseline2', version, 2);
      const r = await refereeGame(seat === 0 ? [me, other] : [other, me], { version, params: { seed: String(40 + seat) } });
      assert.equal(r.failure, null);
      assert.equal(r.illegal[seat], 0);
      assert.ok(r.winner === 0 || r.winner === 1);
    }
  });
}

test('LOCM 1.5: `ludus locm bot --agent <policy.safetensors>` plays a game as a child process', async () => {
  const path = policyFile('1.5');
  const me = new ProcessPlayer('policy', `node --import tsx ${BIN} locm bot --agent ${path} --version 1.5`);
  const r = await refereeGame([me, new AgentPlayer('random', 'random', '1.5', 3)], { version: '1.5', params: { seed: '77' }, limits: { firstDraftMs: 20000, draftMs: 2000, constructedMs: 20000, firstTurnMs: 20000, turnMs: 2000 } });
  await me.close();
  assert.equal(r.failure, null, r.failure?.message);
  assert.equal(r.illegal[0], 0);
});

for (const version of ['1.2', '1.5'] as const) {
  test(`the shipped ludus-${version} weights load by name and beat Baseline1 in at least 16 of 20 games, both seats`, () => {
    const me = neuralAgentResolver(`ludus-${version}`), other = makeAgent('baseline1'), runner = new LocmRunner(version);
    assert.ok(me instanceof NeuralAgent && me.version === version);
    let wins = 0;
    for (let i = 0; i < 20; i++) {
      const seat = i & 1;
      if (runner.play(500 + (i >> 1), seat === 0 ? [me, other] : [other, me]).winner === seat) wins++;
    }
    assert.ok(wins >= 16, `ludus-${version} won ${wins}/20 against Baseline1`);
  });
}
