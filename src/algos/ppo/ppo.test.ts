import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LeducEnv } from '../../envs/poker/index.js';
import { RandomSeatPolicy } from '../../env/seat-policies.js';
import { TwoPlayerEnv } from '../../env/two-player.js';
import { SyncVectorEnv, type AutoresetMode, type VectorEnv } from '../../env/vector/index.js';
import { Wrapper } from '../../env/wrappers/wrapper.js';
import type { ResetArgs, ResetResult, StepResult } from '../../env/types.js';
import { PPO } from './ppo.js';

/** Records every action the learner sends, with the legal-action mask it was sent under. */
class MaskAudit extends Wrapper<Float32Array, number> {
  private mask: Uint8Array | null = null;
  illegal = 0;
  actions = 0;
  constructor(readonly inner: TwoPlayerEnv) { super(inner); }
  override reset(args?: ResetArgs): ResetResult<Float32Array> {
    const r = super.reset(args);
    this.mask = this.inner.actionMask();
    return r;
  }
  override step(action: number): StepResult<Float32Array> {
    this.actions++;
    if (this.mask === null || this.mask[action] !== 1) this.illegal++;
    const r = super.step(action);
    this.mask = r.terminated || r.truncated ? null : this.inner.actionMask();
    return r;
  }
}

function leducVec(n: number, mode: AutoresetMode): { env: VectorEnv; audits: MaskAudit[] } {
  const audits: MaskAudit[] = [];
  const env = new SyncVectorEnv(Array.from({ length: n }, (_, i) => () => {
    const a = new MaskAudit(new TwoPlayerEnv(new LeducEnv(), new RandomSeatPolicy(i), { learnerSeat: 'alternate' }));
    audits.push(a);
    return a;
  }), { autoresetMode: mode });
  return { env, audits };
}

test('PPO never takes a masked action, in either autoreset mode', () => {
  for (const mode of ['SameStep', 'NextStep'] as const) {
    const { env, audits } = leducVec(4, mode);
    // The output layer starts near zero; a large learning rate makes the policy visit extreme logits too.
    const ppo = new PPO(env, { numEnvs: 4, numSteps: 32, learningRate: 0.05, annealLr: false, gamma: 1 }, 5);
    ppo.learn(4 * 32 * 6);
    const total = audits.reduce((s, a) => s + a.actions, 0);
    assert.ok(total > 400, `${mode}: the learner acted ${total} times`);
    assert.equal(audits.reduce((s, a) => s + a.illegal, 0), 0, `${mode}: an illegal action reached the env`);
    env.close();
  }
});

test('PPO stores the acting mask: update log-probs equal acting log-probs when the parameters are unchanged', () => {
  const { env } = leducVec(4, 'SameStep');
  // One epoch of one minibatch: the update's forward pass sees the parameters that acted, so every ratio
  // π_new(a)/π_old(a) must be exactly 1; an update that dropped the mask would give ratios ≈ 2/3 where fold is illegal.
  const ppo = new PPO(env, { numEnvs: 4, numSteps: 64, learningRate: 0.01, annealLr: false, updateEpochs: 1, numMinibatches: 1 }, 9);
  const kls: number[] = [];
  const clipFracs: number[] = [];
  ppo.learn(4 * 64 * 2, { onIteration: (m) => { kls.push(m.approxKl); clipFracs.push(m.clipFrac); } });
  for (const kl of kls) assert.ok(Math.abs(kl) < 1e-6, `approx KL ${kl}`);
  assert.deepEqual(clipFracs, [0, 0]);
  env.close();
});

test('predict and actionProbabilities respect a mask', () => {
  const { env } = leducVec(1, 'SameStep');
  const ppo = new PPO(env, { numEnvs: 1 }, 2);
  const obs = new Float32Array(2 * ppo.obsSize);
  obs[0] = 1; obs[ppo.obsSize + 1] = 1;
  const mask = Uint8Array.from([0, 1, 1, 1, 0, 0]);
  const p = ppo.actionProbabilities(obs, mask);
  assert.equal(p[0], 0);
  assert.ok(Math.abs(p[1] + p[2] - 1) < 1e-6);
  assert.equal(p[3], 1);
  for (let k = 0; k < 50; k++) {
    const a = ppo.predict(obs, false, undefined, mask);
    assert.notEqual(a[0], 0);
    assert.equal(a[1], 0);
  }
  assert.throws(() => ppo.actionProbabilities(obs, new Uint8Array(3)), /does not fit 2 observations × 3 actions/);
  env.close();
});
