import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../rng.js';
import { Tensor, parameter, tensor, zeros, fromBuffer, scope } from '../tensor.js';
import { assertGradients } from '../gradcheck.js';
import { StateDictError } from '../state.js';
import * as op from '../ops/index.js';
import {
  Module, Sequential, MLP, Linear, Conv2d, Flatten, Activation, LayerNorm, Embedding, LSTM, LSTMCell,
  TransformerBlock, init, copyParameters, polyakUpdate,
} from './index.js';

class ActorCritic extends Module {
  readonly pi: MLP;
  readonly v: MLP;
  constructor(rng: Rng) {
    super();
    this.pi = this.addModule('pi', new MLP([4, 8, 8, 2], rng, { outputInit: init.orthogonal(0.01) }));
    this.v = this.addModule('v', new MLP([4, 8, 1], rng, { outputInit: init.orthogonal(1) }));
  }
}

test('parameters get stable hierarchical names in registration order', () => {
  const m = new ActorCritic(new Rng(0));
  assert.deepEqual(m.namedParameters().map(([n, p]) => `${n}:${p.shape.join('x')}`), [
    'pi.0.weight:4x8', 'pi.0.bias:8', 'pi.2.weight:8x8', 'pi.2.bias:8', 'pi.4.weight:8x2', 'pi.4.bias:2',
    'v.0.weight:4x8', 'v.0.bias:8', 'v.2.weight:8x1', 'v.2.bias:1',
  ]);
  assert.equal(m.parameters().length, 10);
  assert.equal(m.numParameters(), 4 * 8 + 8 + 64 + 8 + 16 + 2 + 32 + 8 + 8 + 1);
  assert.equal(m.parameters()[0].name, 'pi.0.weight');
  assert.deepEqual(m.namedModules().map(([n]) => n).slice(0, 3), ['pi', 'pi.0', 'pi.1']);
});

test('state dicts round-trip and report every mismatch', () => {
  const a = new ActorCritic(new Rng(1)), b = new ActorCritic(new Rng(2));
  assert.notDeepEqual(Array.from(a.pi.linears[0].weight.data), Array.from(b.pi.linears[0].weight.data));
  const sd = a.stateDict();
  assert.equal(sd['v.2.bias'].dtype, 'F32');
  b.loadStateDict(sd);
  assert.deepEqual(b.parameters().map((p) => Array.from(p.data)), a.parameters().map((p) => Array.from(p.data)));
  const broken = { ...sd, extra: { shape: [1], data: new Float32Array(1) }, 'pi.0.bias': { shape: [7], data: new Float32Array(7) } };
  delete (broken as Record<string, unknown>)['v.0.weight'];
  assert.throws(() => b.loadStateDict(broken), (e: unknown) => e instanceof StateDictError && e.problems.length === 3);
  b.loadStateDict({ 'pi.0.bias': { shape: [8], data: new Float64Array(8).fill(0.5) } }, { strict: false });
  assert.equal(b.pi.linears[0].bias!.data[3], 0.5);
});

test('copyParameters and polyakUpdate move values between equal architectures', () => {
  const a = new ActorCritic(new Rng(3)), b = new ActorCritic(new Rng(4));
  const w0 = b.v.linears[0].weight.data[0], wa = a.v.linears[0].weight.data[0];
  polyakUpdate(b, a, 0.25);
  assert.ok(Math.abs(b.v.linears[0].weight.data[0] - (0.25 * wa + 0.75 * w0)) < 1e-6);
  copyParameters(b, a);
  assert.equal(b.v.linears[0].weight.data[0], wa);
});

test('the same seed builds the same model', () => {
  const p = (seed: number) => new ActorCritic(new Rng(seed)).parameters().flatMap((t) => Array.from(t.data));
  assert.deepEqual(p(7), p(7));
  assert.notDeepEqual(p(7), p(8));
});

function gram(t: Tensor): number[][] {
  // Gram matrix of the columns (tall) or rows (wide) of a [rows, cols] weight.
  const cols = t.shape[t.shape.length - 1], rows = t.size / cols, d = t.data;
  const tall = rows >= cols, k = tall ? cols : rows, n = tall ? rows : cols;
  const at = (i: number, j: number) => (tall ? d[j * cols + i] : d[i * cols + j]); // i-th vector, j-th entry
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => {
    let s = 0;
    for (let r = 0; r < n; r++) s += at(i, r) * at(j, r);
    return s;
  }));
}

test('orthogonal init gives orthonormal columns or rows, scaled by the gain', () => {
  const rng = new Rng(11);
  for (const [shape, gain] of [[[16, 8], Math.SQRT2], [[8, 16], 1], [[12, 12], 0.01], [[3, 3, 4, 6], 1]] as [number[], number][]) {
    const p = parameter(shape);
    init.orthogonal(gain)(p.data, shape, rng);
    const g = gram(p);
    for (let i = 0; i < g.length; i++) for (let j = 0; j < g.length; j++) {
      assert.ok(Math.abs(g[i][j] - (i === j ? gain * gain : 0)) < 1e-5 * Math.max(1, gain * gain), `${shape} gram[${i}][${j}] = ${g[i][j]}`);
    }
  }
});

test('uniform initialisers respect their bounds and fans', () => {
  const rng = new Rng(12);
  assert.deepEqual(init.fans([64, 32]), [64, 32]);
  assert.deepEqual(init.fans([3, 3, 4, 16]), [36, 144]);
  const p = parameter([64, 32]);
  init.xavierUniform()(p.data, p.shape, rng);
  const bx = Math.sqrt(6 / 96);
  assert.ok(p.data.every((v) => Math.abs(v) <= bx));
  assert.ok(Math.max(...p.data) > 0.9 * bx);
  init.kaimingUniform(Math.sqrt(5))(p.data, p.shape, rng);
  assert.ok(p.data.every((v) => Math.abs(v) <= 1 / 8 + 1e-7));
  init.constant(0.3)(p.data, p.shape, rng);
  assert.ok(p.data.every((v) => Math.abs(v - 0.3) < 1e-7));
  const l = new Linear(10, 3, rng);
  assert.ok(l.bias!.data.every((v) => Math.abs(v) <= 1 / Math.sqrt(10)));
});

test('MLP applies layers and activations in order', () => {
  const rng = new Rng(13);
  const mlp = new MLP([3, 5, 2], rng, { activation: 'relu', outputActivation: 'sigmoid' });
  assert.equal(mlp.layers.length, 4);
  const x = tensor([0.1, -0.4, 2, 1, 1, -1], [2, 3]);
  const [l0, l1] = mlp.linears;
  const want = op.sigmoid(op.linear(op.relu(op.linear(x, l0.weight, l0.bias)), l1.weight, l1.bias));
  assert.deepEqual(mlp.forward(x).toArray(), want.toArray());
});

test('a MinAtar-sized conv net runs and its gradients check out', () => {
  const rng = new Rng(14);
  const net = new Sequential(
    new Conv2d(2, 3, 3, rng), new Activation('tanh'), new Flatten(), new Linear(3 * 3 * 3, 4, rng),
  );
  assert.deepEqual(net.namedParameters().map(([n]) => n), ['0.weight', '0.bias', '3.weight', '3.bias']);
  const x = parameter([2, 5, 5, 2], Array.from({ length: 100 }, () => rng.normal()));
  assert.deepEqual(net.forward(x).shape, [2, 4]);
  assertGradients(() => net.forward(x), [x, ...net.parameters()], { rtol: 3e-2 });
});

test('LayerNorm and Embedding modules', () => {
  const rng = new Rng(15);
  const ln = new LayerNorm(4);
  assert.deepEqual(ln.namedParameters().map(([n]) => n), ['weight', 'bias']);
  const y = ln.forward(tensor([1, 2, 3, 4], [1, 4]));
  assert.ok(Math.abs(y.data[0] + y.data[3]) < 1e-6);
  const emb = new Embedding(5, 3, rng);
  const e = emb.forward(Int32Array.from([4, 0, 4, 1]), [2, 2]);
  assert.deepEqual(e.shape, [2, 2, 3]);
  assert.deepEqual(Array.from(e.data.slice(0, 3)), Array.from(emb.weight.data.slice(12, 15)));
});

test('LSTM unrolls its cell and resets state where keep is 0', () => {
  const rng = new Rng(16);
  const lstm = new LSTM(3, 4, rng, { forgetBias: 1 });
  assert.deepEqual(lstm.namedParameters().map(([n]) => n), ['cell.weight_ih', 'cell.weight_hh', 'cell.bias']);
  const T = 3, B = 2;
  const xs = parameter([T, B, 3], Array.from({ length: T * B * 3 }, () => rng.normal()));
  const { output, state } = lstm.forward(xs);
  assert.deepEqual(output.shape, [T, B, 4]);
  assert.deepEqual(Array.from(state[0].data), Array.from(output.data.slice(2 * B * 4)));
  // With keep = 0 at step 1 for env 0, its step-1 output equals a fresh run from step 1.
  const keep = Float32Array.from([1, 1, 0, 1, 1, 1]);
  const reset = lstm.forward(xs, undefined, keep).output;
  const fresh = lstm.cell.forward(op.reshape(op.slice(xs, 0, 1, 2), [B, 3]), lstm.cell.initialState(B))[0];
  for (let k = 0; k < 4; k++) assert.ok(Math.abs(reset.get(1, 0, k) - fresh.get(0, k)) < 1e-6);
  assert.notEqual(reset.get(1, 1, 0), fresh.get(1, 0));
  assertGradients((x) => lstm.forward(x, undefined, keep).output, [xs, ...lstm.parameters()], { rtol: 3e-2 });
  const cell = new LSTMCell(3, 2, rng);
  const [h, c] = cell.forward(zeros([1, 3]), cell.initialState(1));
  assert.deepEqual([h.shape, c.shape], [[1, 2], [1, 2]]);
});

test('a causal Transformer block is causal and its gradients check out', () => {
  const rng = new Rng(17);
  const block = new TransformerBlock(8, 2, rng, { mlpRatio: 2 });
  assert.deepEqual(block.namedParameters().map(([n]) => n), [
    'ln1.weight', 'ln1.bias', 'attn.q.weight', 'attn.q.bias', 'attn.k.weight', 'attn.k.bias', 'attn.v.weight', 'attn.v.bias',
    'attn.proj.weight', 'attn.proj.bias', 'ln2.weight', 'ln2.bias', 'fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias',
  ]);
  const x = parameter([2, 3, 8], Array.from({ length: 48 }, () => rng.normal()));
  const y = block.forward(x);
  const x2 = Float32Array.from(x.data);
  for (let k = 16; k < 24; k++) x2[k] += 1; // change the last position of batch 0
  const y2 = block.forward(fromBuffer(x2, [2, 3, 8]));
  for (let k = 0; k < 16; k++) assert.ok(Math.abs(y.data[k] - y2.data[k]) < 1e-6, 'earlier positions unchanged');
  assert.ok(Math.abs(y.data[16] - y2.data[16]) > 1e-4);
  scope(() => assertGradients((t) => block.forward(t), [x, ...block.parameters().slice(0, 6)], { rtol: 3e-2 }));
});
