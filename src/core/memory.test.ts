// Memory behaviour of training and inference: repeated steps must not grow the heap or create
// new buffers, and inference must not allocate per call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Rng } from './rng.js';
import { scope, noGrad, fromBuffer, zeros } from './tensor.js';
import { pool } from './pool.js';
import { trace } from './trace.js';
import * as op from './ops/index.js';
import { MLP, init } from './nn/index.js';
import { Adam, clipGradNorm } from './optim/index.js';
import { Categorical } from './distributions/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function settledMemory(): { heap: number; buffers: number } {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

function setup(seed: number) {
  const rng = new Rng(seed);
  const net = new MLP([6, 32, 32, 4], rng, { hiddenInit: init.orthogonal(Math.SQRT2), outputInit: init.orthogonal(0.01), biasInit: init.zeros() });
  const opt = new Adam(net, { lr: 1e-3, eps: 1e-5 });
  const B = 32;
  const obs = Float32Array.from({ length: B * 6 }, () => rng.normal());
  const actions = Int32Array.from({ length: B }, () => rng.int(3));
  const adv = Float32Array.from({ length: B }, () => rng.normal());
  const ret = Float32Array.from({ length: B }, () => rng.normal());
  const oldLogp = new Float32Array(B).fill(Math.log(1 / 3));
  const update = (): number => scope(() => {
    const out = net.forward(fromBuffer(obs, [B, 6]));
    const dist = new Categorical(op.slice(out, 1, 0, 3));
    const value = op.reshape(op.slice(out, 1, 3, 4), [B]);
    const ratio = op.exp(op.sub(dist.logProb(actions), fromBuffer(oldLogp, [B])));
    const a = fromBuffer(adv, [B]);
    const pg = op.mean(op.maximum(op.mul(op.neg(a), ratio), op.mul(op.neg(a), op.clamp(ratio, 0.8, 1.2))));
    const vl = op.scale(op.mean(op.square(op.sub(value, fromBuffer(ret, [B])))), 0.5);
    const loss = op.add(op.sub(pg, op.scale(op.mean(dist.entropy()), 0.01)), op.scale(vl, 0.5));
    opt.zeroGrad();
    loss.backward();
    clipGradNorm(opt.params, 0.5);
    opt.step();
    return loss.item();
  });
  return { net, opt, update, obs, B };
}

test('10,000 PPO-style Adam updates neither grow the heap nor create buffers', () => {
  const { update } = setup(1);
  for (let i = 0; i < 300; i++) update();
  const created = pool.stats().createdF32 + pool.stats().createdI32;
  const before = settledMemory();
  let last = 0;
  for (let i = 0; i < 10_000; i++) last = update();
  const after = settledMemory();
  assert.ok(Number.isFinite(last));
  assert.equal(pool.stats().createdF32 + pool.stats().createdI32, created, 'no new buffers after warm-up');
  // A leak of one small object per update would be ≥ 10,000 × ~100 bytes ≈ 1 MB.
  assert.ok(after.heap - before.heap < 512 * 1024, `heap grew by ${after.heap - before.heap} bytes`);
  assert.ok(after.buffers - before.buffers < 64 * 1024, `array buffers grew by ${after.buffers - before.buffers} bytes`);
});

test('inference in noGrad + scope recycles every buffer', () => {
  const { net, obs, B } = setup(2);
  const logits = new Float32Array(B * 4);
  const infer = (): void => noGrad(() => scope(() => {
    logits.set(net.forward(fromBuffer(obs, [B, 6])).data);
  }));
  for (let i = 0; i < 100; i++) infer();
  const created = pool.stats().createdF32;
  const before = settledMemory();
  for (let i = 0; i < 20_000; i++) infer();
  const after = settledMemory();
  assert.equal(pool.stats().createdF32, created);
  assert.ok(after.heap - before.heap < 256 * 1024, `heap grew by ${after.heap - before.heap} bytes`);
});

test('a traced policy allocates nothing per call and always writes the same output buffer', () => {
  const { net } = setup(3);
  const x = zeros([8, 6]);
  const policy = trace(() => net.forward(x));
  const out = policy.output, outData = out.data;
  const rng = new Rng(9);
  const eager = (): Float32Array => noGrad(() => scope(() => Float32Array.from(net.forward(fromBuffer(Float32Array.from(x.data), [8, 6])).data)));
  for (let i = 0; i < 100; i++) {
    for (let k = 0; k < x.size; k++) x.data[k] = rng.normal();
    policy.run();
  }
  assert.deepEqual(Array.from(outData), Array.from(eager()));
  const created = pool.stats().createdF32;
  // Measured without collecting, so allocations that die young count too. V8 itself adds up to a
  // few hundred kB in such a window; one tensor per call (≥ 100 bytes) would add ≥ 2 MB.
  const before = settledMemory();
  for (let i = 0; i < 20_000; i++) policy.run();
  const grown = process.memoryUsage().heapUsed - before.heap;
  assert.ok(grown < 1024 * 1024, `heap grew by ${grown} bytes over 20,000 calls`);
  const retained = settledMemory().heap - before.heap;
  assert.ok(retained < 256 * 1024, `heap retained ${retained} more bytes`);
  assert.equal(policy.run(), out);
  assert.equal(out.data, outData, 'same output buffer');
  assert.equal(pool.stats().createdF32, created);
});

test('training is deterministic under a seed', () => {
  const run = (seed: number): number[] => {
    const { net, update } = setup(seed);
    for (let i = 0; i < 50; i++) update();
    return net.parameters().flatMap((p) => Array.from(p.data));
  };
  const a = run(5), b = run(5), c = run(6);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});
