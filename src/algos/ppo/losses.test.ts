import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parameter, tensor } from '../../core/tensor.js';
import { clippedPolicyLoss, clippedValueLoss } from './losses.js';

const near = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

test('clipped policy loss and its gradient match hand-computed values', () => {
  // Ratios 1.5 (clipped at 1.2 for A > 0), 0.5 (unclipped: the pessimistic branch), 1.1 (inside).
  const newLogp = parameter([3], [Math.log(1.5), Math.log(0.5), Math.log(1.1)]);
  const [loss, ratio] = clippedPolicyLoss(newLogp, tensor([0, 0, 0]), tensor([1, 1, -2]), 0.2);
  near(loss.item(), (-1.2 - 0.5 + 2.2) / 3);
  near(ratio.data[0], 1.5);
  loss.backward();
  const g = newLogp.grad!;
  near(g[0], 0); // clipped: no gradient
  near(g[1], -0.5 / 3); // d(−A·ρ)/dlogπ = −A·ρ
  near(g[2], 2.2 / 3);
});

test('in the first minibatch (ρ ≡ 1) the policy loss is −mean(A)', () => {
  const [loss] = clippedPolicyLoss(tensor([0.3, -1, 2]), tensor([0.3, -1, 2]), tensor([1, -0.5, 2]), 0.2);
  near(loss.item(), -(1 - 0.5 + 2) / 3);
});

test('clipped value loss takes the larger error and equals the plain loss inside the clip range', () => {
  const value = parameter([2], [1.0, 2.0]);
  const loss = clippedValueLoss(value, tensor([0.5, 2.0]), tensor([2.0, 0.0]), 0.2);
  near(loss.item(), 0.5 * (1.69 + 4) / 2);
  loss.backward();
  near(value.grad![0], 0); // the clipped branch (V_old + 0.2) is the larger error and has no gradient
  const plain = parameter([2], [1.0, 2.0]);
  const l2 = clippedValueLoss(plain, tensor([0.5, 2.0]), tensor([2.0, 0.0]), null);
  near(l2.item(), 0.5 * (1 + 4) / 2);
  l2.backward();
  near(plain.grad![0], -0.5);
  // |V − V_old| ≤ ε everywhere: clipped and plain losses agree.
  near(clippedValueLoss(tensor([1.0, 2.1]), tensor([0.9, 2.0]), tensor([3, -1]), 0.2).item(),
    clippedValueLoss(tensor([1.0, 2.1]), tensor([0.9, 2.0]), tensor([3, -1]), null).item());
});
