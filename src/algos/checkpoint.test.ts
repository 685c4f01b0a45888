import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parameter } from '../core/tensor.js';
import { Adam } from '../core/optim/index.js';
import * as op from '../core/ops/index.js';
import { StateDictError } from '../core/state.js';
import { loadParameters, saveTrainingTensors, withPrefix } from './checkpoint.js';

test('parameters and optimiser state round-trip; mismatches are all reported', () => {
  const w = parameter([2, 2], [1, 2, 3, 4]), b = parameter([2], [5, 6]);
  const opt = new Adam([['w', w], ['b', b]], { lr: 0.1 });
  op.add(op.sum(w), op.sum(b)).backward();
  opt.step();
  const { tensors, optimizerSteps } = saveTrainingTensors([['w', w], ['b', b]], { 'optim.': opt });
  assert.equal(optimizerSteps['optim.'], 1);
  assert.deepEqual(Object.keys(withPrefix(tensors, 'optim.')).sort(), ['b.exp_avg', 'b.exp_avg_sq', 'w.exp_avg', 'w.exp_avg_sq']);
  const w2 = parameter([2, 2]), b2 = parameter([2]);
  loadParameters([['w', w2], ['b', b2]], tensors);
  assert.deepEqual(Array.from(w2.data), Array.from(w.data));
  const bad = { ...tensors, w: { dtype: 'F32', shape: [4], data: new Float32Array(4) }, extra: tensors.b };
  delete (bad as Record<string, unknown>).b;
  assert.throws(() => loadParameters([['w', w2], ['b', b2]], bad), (e: unknown) =>
    e instanceof StateDictError && e.problems.length === 3 && /b is missing/.test(e.message) && /unexpected extra/.test(e.message) && /\bw\b/.test(e.message));
});
