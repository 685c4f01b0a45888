import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parameter, scope } from '../../core/tensor.js';
import { impalaLoss, type LossBatch } from './loss.js';

test('the IMPALA loss matches hand-computed V-trace targets, advantages and terms, with stop-gradients on the targets', () => {
  // T = 2, B = 1, two actions. π(·|x0) = (½, ½), π(·|x1) = (¾, ¼); μ uniform; ρ0 = 1, ρ1 = ½.
  const logits = parameter([3, 2], [0, 0, Math.log(3), 0, 0, 0]);
  const value = parameter([3], [1, 2, 3]);
  const batch: LossBatch = {
    T: 2, B: 1, actions: Int32Array.from([0, 1]), behaviourLogProbs: Float32Array.from([Math.log(0.5), Math.log(0.5)]),
    rewards: Float32Array.from([1, 0]), discounts: Float32Array.from([0.9, 0.9]),
  };
  const workspace = { logRhos: new Float32Array(2), vs: new Float32Array(2), pgAdvantages: new Float32Array(2) };
  const coefficients = { entropyCost: 0.01, baselineCost: 0.5, rhoBar: 1, cBar: 1, rhoPgBar: 1 };
  const stats: Record<string, number> = scope(() => {
    const r = impalaLoss({ batch, output: { logits, value }, workspace, coefficients });
    r.loss.backward();
    return { ...r.stats, loss: r.loss.item() };
  });
  // v1 = 2 + ½(0 + 0.9·3 − 2) = 2.35; v0 = 1 + (1 + 0.9·2 − 1) + 0.9·0.35 = 3.115.
  assert.ok(Math.abs(workspace.vs[0] - 3.115) < 1e-5 && Math.abs(workspace.vs[1] - 2.35) < 1e-5, `vs ${workspace.vs}`);
  // A0 = 1 + 0.9·v1 − 1 = 2.115; A1 = ½(0 + 0.9·3 − 2) = 0.35.
  assert.ok(Math.abs(workspace.pgAdvantages[0] - 2.115) < 1e-5 && Math.abs(workspace.pgAdvantages[1] - 0.35) < 1e-5);
  const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-4, `${what}: ${a} vs ${b}`);
  close(stats.policyLoss, 2.115 * Math.LN2 + 0.35 * Math.log(4), 'policy loss');
  close(stats.baselineLoss, 0.5 * (2.115 ** 2 + 0.35 ** 2), 'baseline loss');
  const h1 = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
  close(stats.entropy, (Math.LN2 + h1) / 2, 'mean entropy');
  close(stats.loss, stats.policyLoss + 0.5 * stats.baselineLoss - 0.01 * (Math.LN2 + h1), 'total');
  assert.equal(stats.rhoClipFrac, 0);
  // ∂L/∂V(x_t) = c_V·(V − v_t); the bootstrap value and the targets get no gradient.
  const g = value.grad!;
  close(g[0], 0.5 * (1 - 3.115), 'dL/dV0');
  close(g[1], 0.5 * (2 - 2.35), 'dL/dV1');
  assert.equal(g[2], 0);
  // Bootstrap logits get no gradient; a taken action with a positive advantage gets a negative one.
  assert.deepEqual(Array.from(logits.grad!.subarray(4)), [0, 0]);
  assert.ok(logits.grad![0] < 0);
});
