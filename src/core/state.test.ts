import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from './rng.js';
import { fromBuffer, scope } from './tensor.js';
import * as op from './ops/index.js';
import { MLP } from './nn/index.js';
import { Adam } from './optim/index.js';
import { saveSafetensors, loadSafetensors, decodeSafetensors, encodeSafetensors, type TensorMap } from './safetensors.js';

test('model and optimiser state round-trip through a safetensors checkpoint and resume exactly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-state-'));
  try {
    const rng = new Rng(1);
    const data = Float32Array.from({ length: 24 }, () => rng.normal());
    const train = (net: MLP, opt: Adam, steps: number): void => {
      for (let i = 0; i < steps; i++) scope(() => {
        const loss = op.mean(op.square(net.forward(fromBuffer(data, [6, 4]))));
        opt.zeroGrad();
        loss.backward();
        opt.step();
      });
    };
    const a = new MLP([4, 8, 3], new Rng(2)), optA = new Adam(a, { lr: 0.01 });
    train(a, optA, 3);
    const st = optA.stateDict();
    const tensors: TensorMap = { ...a.stateDict(), ...st.tensors };
    const path = join(dir, 'ckpt.safetensors');
    saveSafetensors(path, tensors, { step: String(st.step) });
    const file = loadSafetensors(path);
    assert.deepEqual(Object.keys(decodeSafetensors(encodeSafetensors(a.stateDict())).tensors).sort(), ['0.bias', '0.weight', '2.bias', '2.weight']);
    const b = new MLP([4, 8, 3], new Rng(3)), optB = new Adam(b, { lr: 0.01 });
    b.loadStateDict(file.tensors, { strict: false });
    const optTensors = Object.fromEntries(Object.entries(file.tensors).filter(([k]) => k.endsWith('.exp_avg') || k.endsWith('.exp_avg_sq')));
    optB.loadStateDict({ step: Number(file.metadata.step), tensors: optTensors });
    train(a, optA, 3);
    train(b, optB, 3);
    assert.deepEqual(b.parameters().map((p) => Array.from(p.data)), a.parameters().map((p) => Array.from(p.data)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
