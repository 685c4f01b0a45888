/**
 * Ludus's numeric core: float32 tensors with reverse-mode autodiff, primitives, `nn` modules,
 * optimisers and action distributions. Matrix products go through the swappable GEMM kernels
 * (`kernels/`), so the WebAssembly SIMD kernel speeds up every layer.
 *
 * Conventions
 * - Tensors are row-major Float32Arrays with a shape. Dense weights are [in, out] (y = x·W + b);
 *   convolutions are channels-last: input [B, H, W, C], filter [kh, kw, C, F].
 * - Ops are free functions (`op.linear`, `op.tanh`, …); `loss.backward()` fills `.grad` of
 *   parameters (leaf gradients accumulate: zero them with `opt.zeroGrad()`).
 * - Memory: run each training step inside `scope(() => …)`. Everything allocated inside is
 *   recycled when the scope closes, so repeated steps with the same shapes allocate no new
 *   buffers. A tensor returned from the scope survives (without its graph); `keep()` does the
 *   same. Inference: `noGrad(() => scope(() => …))` records no graph and recycles everything;
 *   copy what you need out of the outputs before the scope closes, or return them.
 * - Randomness: every initialiser and sampler takes an `Rng`; the same seed gives the same numbers.
 *
 * Example: an actor-critic MLP 8 → 64 → 64 → (4 logits + 1 value), CleanRL's initialisation,
 * a forward pass on a batch, and one PPO minibatch update with Adam.
 *
 * ```ts
 * import { Rng, scope, noGrad, fromBuffer, op, nn, optim, Categorical } from './core/index.js';
 *
 * const rng = new Rng(1);
 * const net = new nn.MLP([8, 64, 64, 5], rng, {
 *   activation: 'tanh', hiddenInit: nn.init.orthogonal(Math.SQRT2),
 *   outputInit: nn.init.orthogonal(0.01), biasInit: nn.init.zeros(),
 * });                                  // parameters: 0.weight [8, 64], 0.bias, 2.weight, 2.bias, 4.weight, 4.bias
 * const opt = new optim.Adam(net, { lr: 2.5e-4, eps: 1e-5 });
 *
 * // Acting: obs is a Float32Array [N·8]; sample actions without building a graph.
 * const actions = noGrad(() => scope(() => {
 *   const out = net.forward(fromBuffer(obs, [N, 8]));            // [N, 5]
 *   return new Categorical(op.slice(out, 1, 0, 4)).sample(rng);   // Int32Array [N]
 * }));
 *
 * // One PPO minibatch (all inputs are Float32Arrays / Int32Array of the minibatch):
 * scope(() => {
 *   const out = net.forward(fromBuffer(mbObs, [B, 8]));
 *   const dist = new Categorical(op.slice(out, 1, 0, 4), mbLegalMask);  // mask optional
 *   const value = op.reshape(op.slice(out, 1, 4, 5), [B]);
 *   const ratio = op.exp(op.sub(dist.logProb(mbActions), fromBuffer(mbOldLogp, [B])));
 *   const adv = fromBuffer(mbAdv, [B]);
 *   const pg = op.mean(op.maximum(op.mul(op.neg(adv), ratio), op.mul(op.neg(adv), op.clamp(ratio, 1 - 0.2, 1 + 0.2))));
 *   const v = op.scale(op.mean(op.square(op.sub(value, fromBuffer(mbReturns, [B])))), 0.5);
 *   const loss = op.add(op.sub(pg, op.scale(op.mean(dist.entropy()), 0.01)), op.scale(v, 0.5));
 *   opt.zeroGrad();
 *   loss.backward();
 *   optim.clipGradNorm(opt.params, 0.5);
 *   opt.step();
 * });
 * ```
 *
 * A MinAtar-style Q/policy network (10×10×4 → conv 3×3×16 → ReLU → 128 → ReLU → 6):
 *
 * ```ts
 * const q = new nn.Sequential(
 *   new nn.Conv2d(4, 16, 3, rng), new nn.Activation('relu'), new nn.Flatten(),
 *   new nn.Linear(8 * 8 * 16, 128, rng), new nn.Activation('relu'), new nn.Linear(128, 6, rng),
 * );
 * const values = q.forward(fromBuffer(obsGrid, [B, 10, 10, 4]));   // [B, 6]
 * ```
 *
 * Checkpoints: `net.stateDict()` and `opt.stateDict().tensors` are named F32 arrays in the shape of
 * safetensors entries, so `saveSafetensors(path, { ...net.stateDict(), ...opt.stateDict().tensors })`
 * writes both; `net.loadStateDict(file.tensors, { strict: false })` and `opt.loadStateDict(...)`
 * restore them (see state.test.ts).
 * The tfjs cross-check test (`crosscheck.test.ts`) shows complete PPO and conv-net losses.
 */

export {
  Tensor, Node, DisposedTensorError, ShapeError,
  tensor, zeros, ones, full, scalar, empty, fromBuffer, parameter, isParameter,
  scope, beginScope, endScope, scopeDepth, noGrad, isGradEnabled, setGradEnabled,
  backward, run, gradOf, passGrad, scratchF32, scratchI32, shapeSize, type Shape,
} from './tensor.js';
export { pool, type PoolStats } from './pool.js';
export { trace, type Trace } from './trace.js';
export * as op from './ops/index.js';
export * as nn from './nn/index.js';
export * as optim from './optim/index.js';
export * from './distributions/index.js';
export { gradcheck, assertGradients, type GradcheckOptions, type GradcheckResult } from './gradcheck.js';
export { StateDictError, type StateDict, type Float32Entry, type LoadableEntry } from './state.js';
export * from './safetensors.js';
export { Rng, deriveSeed, type Seed, type RngState } from './rng.js';
export { kernels, useKernels, referenceKernels, type Kernels } from './kernels/index.js';
