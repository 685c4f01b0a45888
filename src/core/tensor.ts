// Tensors and reverse-mode automatic differentiation.
//
// A Tensor is a row-major Float32Array with a shape. Every differentiable operation is a Node
// subclass that holds its inputs and outputs and implements `forward()` (outputs from inputs) and
// `backward()` (adds the inputs' gradients from the outputs' gradients) side by side; see ops/.
// The graph is kept by reference: an output that needs a gradient points at the node that made
// it, and `backward()` orders the reachable nodes by a depth-first post-order walk, so nothing
// is recorded globally and an abandoned graph is simply collected.
//
// Memory. Op outputs, non-leaf gradients and op scratch buffers come from a pool of recycled
// typed arrays (pool.ts). A *scope* tracks everything allocated while it is open and returns it
// to the pool when it closes, except the tensors the scope returns or that were `keep()`-ed:
//
//     for (const mb of minibatches) {
//       scope(() => {                 // intermediates and their gradients are recycled at the end
//         const loss = lossFn(mb);
//         opt.zeroGrad();
//         loss.backward();
//         opt.step();
//       });
//     }
//
// With equal shapes from step to step, every buffer after the first step is a recycled one, so
// training allocates no ArrayBuffers and the heap stays flat. Parameters (`parameter()`) and their
// gradients are never tracked by scopes. Gradients of intermediate tensors are released as soon
// as `backward()` has propagated them (call `retainGrad()` first to keep one). A tensor used after
// its scope has closed throws. Outside any scope, tensors are ordinary garbage-collected objects.

import { pool } from './pool.js';

export type Shape = readonly number[];

const EMPTY = new Float32Array(0);

// Tensor flag bits.
const OWNS_DATA = 1; // data came from the pool and goes back to it on dispose
const DISPOSED = 2;
const RETAIN_GRAD = 4;
const KEEP = 8; // survives the current scope (moves to the parent scope)
const PARAM = 16; // a parameter: never scope-tracked, its gradient persists
const ESCAPED = 32; // left the scope its graph was built in; the graph was cut

/** Thrown when a tensor is used after its scope closed or after dispose(). */
export class DisposedTensorError extends Error {
  constructor(what: string) {
    super(`${what}: the tensor was disposed (its scope has closed); return or keep() tensors that must outlive a scope`);
    this.name = 'DisposedTensorError';
  }
}

/** Thrown for shape mismatches and invalid arguments to tensor operations. */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

export class Tensor {
  /** Row-major values. For a view (reshape, detach) this is the base tensor's array. */
  data: Float32Array;
  readonly shape: Shape;
  readonly size: number;
  /** Accumulated gradient of the last backward pass (same length as data), or null. */
  grad: Float32Array | null = null;
  /** Whether gradients flow to this tensor. Set on leaves by the user; on op outputs automatically. */
  requiresGrad: boolean;
  /** The node that produced this tensor when it takes part in a graph; null for leaves. */
  node: Node | null = null;
  /** Optional label (parameters get their module path). */
  name = '';
  /** @internal flag bits (ownership, disposal, retention). */
  _flags: number;
  /** @internal the tensor whose data a view shares. */
  _base: Tensor | null = null;
  /** @internal depth of the scope tracking this tensor (0: untracked). */
  _depth: number;

  /** Low-level constructor: wraps `data` without copying. Prefer the factory functions. */
  constructor(data: Float32Array, shape: Shape, requiresGrad = false, flags = 0) {
    const size = shapeSize(shape);
    if (data.length !== size) throw new ShapeError(`data of length ${data.length} does not fit shape [${shape.join(', ')}]`);
    this.data = data;
    this.shape = shape;
    this.size = size;
    this.requiresGrad = requiresGrad;
    this._flags = flags;
    this._depth = (flags & PARAM) === 0 ? depth : 0;
    if (this._depth > 0) scopes[depth - 1].tensors.push(this);
  }

  get rank(): number {
    return this.shape.length;
  }

  get isDisposed(): boolean {
    return (this._flags & DISPOSED) !== 0;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    this.check('item');
    if (this.size !== 1) throw new ShapeError(`item() needs a one-element tensor, got shape [${this.shape.join(', ')}]`);
    return this.data[0];
  }

  /** A plain-number copy of the values (row-major). */
  toArray(): number[] {
    this.check('toArray');
    return Array.from(this.data);
  }

  /** The value at a multi-index. */
  get(...index: number[]): number {
    this.check('get');
    if (index.length !== this.shape.length) throw new ShapeError(`get needs ${this.shape.length} indices, got ${index.length}`);
    let off = 0;
    for (let d = 0; d < index.length; d++) {
      const i = index[d];
      if (!(i >= 0 && i < this.shape[d])) throw new RangeError(`index ${i} out of range for dimension ${d} of size ${this.shape[d]}`);
      off = off * this.shape[d] + i;
    }
    return this.data[off];
  }

  /** Back-propagates from this tensor: a scalar by default, or any shape given the seed gradient. */
  backward(seed?: Float32Array): void {
    backward(this, seed);
  }

  /** Keeps this tensor's gradient after backward() even though it is not a leaf. */
  retainGrad(): this {
    this._flags |= RETAIN_GRAD;
    return this;
  }

  /** Lets this tensor (and the tensor whose data it views) survive the scope it was created in. */
  keep(): this {
    this._flags |= KEEP;
    const b = this._base;
    if (b !== null && b._depth === this._depth) b.keep(); // a base from an outer scope outlives this one anyway
    return this;
  }

  /** Fills the gradient with zeros (keeping its buffer). */
  zeroGrad(): void {
    if (this.grad !== null) this.grad.fill(0);
  }

  /** A tensor sharing this one's data with no gradient history. */
  detach(): Tensor {
    this.check('detach');
    const t = new Tensor(this.data, this.shape, false);
    t._base = this._base ?? this;
    return t;
  }

  /** Returns the buffers to the pool now. Using the tensor afterwards throws. Idempotent. */
  dispose(): void {
    const f = this._flags;
    if ((f & DISPOSED) !== 0) return;
    if ((f & OWNS_DATA) !== 0) pool.release(this.data);
    if (this.grad !== null && (f & PARAM) === 0) pool.release(this.grad);
    this.data = EMPTY;
    this.grad = null;
    this.node = null;
    this._flags = f | DISPOSED;
  }

  /** @internal throws when disposed. */
  check(what: string): void {
    if ((this._flags & DISPOSED) !== 0) throw new DisposedTensorError(what);
  }

  toString(): string {
    if (this.isDisposed) return `Tensor(disposed, [${this.shape.join(', ')}])`;
    const vals = this.size <= 16 ? Array.from(this.data, (v) => +v.toPrecision(5)).join(', ') : `${this.size} values`;
    return `Tensor([${this.shape.join(', ')}]${this.requiresGrad ? ', grad' : ''}: ${vals})`;
  }
}

/**
 * An operation in the graph. Subclasses keep whatever they need (inputs, outputs, saved values)
 * in fields, compute `outputs` from `inputs` in forward(), and in backward() add the gradient of
 * every input that `requiresGrad` (via `gradOf(input)`) from the outputs' gradients (any of which
 * may be null when that output did not reach the loss). forward() may run again on the same
 * tensors (see trace.ts), so it must overwrite its outputs completely.
 */
export abstract class Node {
  /** @internal visit stamp of the topological sort. */
  _mark = 0;
  constructor(readonly inputs: readonly Tensor[], readonly outputs: readonly Tensor[]) {}
  abstract forward(): void;
  abstract backward(): void;
}

// ---------------------------------------------------------------------------------------------
// Gradient mode and tracing hooks.

let gradEnabled = true;

/** Whether new operations record a graph. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Sets whether new operations record a graph; returns the previous setting. */
export function setGradEnabled(enabled: boolean): boolean {
  const prev = gradEnabled;
  gradEnabled = enabled;
  return prev;
}

/** Runs fn without recording a graph (inference, targets, diagnostics). */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** Receives every node created while a trace is recording (see trace.ts). */
let nodeRecorder: Node[] | null = null;
/** @internal sets the node recorder; returns the previous one. */
export function setNodeRecorder(r: Node[] | null): Node[] | null {
  const prev = nodeRecorder;
  nodeRecorder = r;
  return prev;
}

/**
 * Runs a freshly built node: checks its inputs are alive, computes its outputs, and links them
 * into the graph when gradients are enabled and some input requires one. Every op ends with this.
 */
export function run<N extends Node>(node: N): N {
  const ins = node.inputs;
  let needsGrad = false;
  for (let i = 0; i < ins.length; i++) {
    const t = ins[i];
    if ((t._flags & DISPOSED) !== 0) throw new DisposedTensorError(node.constructor.name);
    if (t.requiresGrad) needsGrad = true;
  }
  node.forward();
  if (needsGrad && gradEnabled) {
    const outs = node.outputs;
    for (let i = 0; i < outs.length; i++) {
      outs[i].requiresGrad = true;
      outs[i].node = node;
    }
  }
  if (nodeRecorder !== null) nodeRecorder.push(node);
  return node;
}

/** The gradient buffer of t, created zero-filled on first use. Ops add into it. */
export function gradOf(t: Tensor): Float32Array {
  let g = t.grad;
  if (g === null) {
    g = (t._flags & PARAM) !== 0 ? new Float32Array(t.size) : pool.f32Zeroed(t.size);
    t.grad = g;
  }
  return g;
}

/**
 * Adds an output's gradient `from.grad` into `to`'s gradient. When `to` has no gradient yet (and
 * is not a parameter) and `from`'s is not retained, the buffer is handed over instead of copied.
 * For ops whose input gradient equals their output gradient (reshape, adding a constant).
 */
export function passGrad(to: Tensor, from: Tensor): void {
  const g = from.grad as Float32Array;
  if (to.grad === null && (to._flags & PARAM) === 0 && (from._flags & RETAIN_GRAD) === 0 && g.length === to.size) {
    to.grad = g;
    from.grad = null;
    return;
  }
  const gt = gradOf(to);
  for (let i = 0; i < g.length; i++) gt[i] += g[i];
}

// ---------------------------------------------------------------------------------------------
// Backward.

let stamp = 0;
const order: Node[] = [];
const stackNodes: Node[] = [];
const stackPos: number[] = [];

/** Orders the nodes reachable from root so that every node comes after the nodes feeding it. */
function topoSort(root: Node): void {
  const s = ++stamp;
  order.length = 0;
  root._mark = s;
  stackNodes.push(root);
  stackPos.push(0);
  while (stackNodes.length > 0) {
    const top = stackNodes.length - 1;
    const n = stackNodes[top];
    const i = stackPos[top];
    if (i < n.inputs.length) {
      stackPos[top] = i + 1;
      const child = n.inputs[i].node;
      if (child !== null && child._mark !== s) {
        child._mark = s;
        stackNodes.push(child);
        stackPos.push(0);
      }
    } else {
      stackNodes.pop();
      stackPos.pop();
      order.push(n);
    }
  }
}

/**
 * Back-propagates from root. A non-scalar root needs `seed`, the gradient of the final objective
 * with respect to root. Leaf gradients accumulate (zero them between steps); intermediate
 * gradients are released once propagated unless retainGrad() was called.
 */
export function backward(root: Tensor, seed?: Float32Array): void {
  root.check('backward');
  if ((root._flags & ESCAPED) !== 0) throw new Error('backward: the tensor left the scope its graph was built in, which recycled the graph; call backward() inside that scope');
  if (!root.requiresGrad) throw new Error('backward: the tensor does not require a gradient (no parameter or input with requiresGrad reaches it, or it was made under noGrad)');
  const g = gradOf(root);
  if (seed === undefined) {
    if (root.size !== 1) throw new ShapeError(`backward without a seed needs a one-element tensor, got shape [${root.shape.join(', ')}]`);
    g[0] += 1;
  } else {
    if (seed.length !== root.size) throw new ShapeError(`backward seed has ${seed.length} values for a tensor of ${root.size}`);
    for (let i = 0; i < g.length; i++) g[i] += seed[i];
  }
  if (root.node === null) return;
  topoSort(root.node);
  try {
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k];
      const outs = node.outputs;
      let reached = false;
      for (let i = 0; i < outs.length; i++) if (outs[i].grad !== null) reached = true;
      if (!reached) continue;
      const ins = node.inputs;
      for (let i = 0; i < ins.length; i++) {
        if ((ins[i]._flags & DISPOSED) !== 0) throw new DisposedTensorError(`backward through ${node.constructor.name}`);
      }
      node.backward();
      for (let i = 0; i < outs.length; i++) {
        const o = outs[i];
        if (o.grad !== null && (o._flags & RETAIN_GRAD) === 0) {
          pool.release(o.grad);
          o.grad = null;
        }
      }
    }
  } finally {
    order.length = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Scopes.

class Scope {
  readonly tensors: Tensor[] = [];
  readonly buffers: (Float32Array | Int32Array)[] = [];
}

const scopes: Scope[] = [];
let depth = 0;

/**
 * Runs fn in a new scope: every tensor and scratch buffer created inside is recycled when fn
 * returns (or throws), except the tensors fn returns (directly, in an array, or as values of a
 * plain object) and tensors marked with keep(); those move to the enclosing scope, if any.
 * A surviving tensor keeps its values but not its graph: run backward() inside the scope.
 */
export function scope<T>(fn: () => T): T {
  beginScope();
  let result: T;
  try {
    result = fn();
    keepAll(result, depth);
  } finally {
    endScope();
  }
  return result;
}

/** Opens a scope without a closure; pair with endScope() (use try/finally). */
export function beginScope(): void {
  if (depth === scopes.length) scopes.push(new Scope());
  depth++;
}

/** Closes the innermost scope, recycling what it tracked except kept tensors. */
export function endScope(): void {
  if (depth === 0) throw new Error('endScope without a matching beginScope');
  const s = scopes[--depth];
  const parent = depth > 0 ? scopes[depth - 1] : null;
  const ts = s.tensors;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if ((t._flags & KEEP) !== 0) {
      t._flags &= ~KEEP;
      // The graph behind a surviving tensor refers to buffers this scope recycles: cut it.
      if (t.node !== null) {
        t.node = null;
        t.requiresGrad = false;
        t._flags |= ESCAPED;
      }
      t._depth = depth;
      if (parent !== null) parent.tensors.push(t);
    } else {
      t.dispose();
    }
  }
  ts.length = 0;
  const bs = s.buffers;
  for (let i = 0; i < bs.length; i++) pool.release(bs[i]);
  bs.length = 0;
}

/** @internal hides the open scopes (tensors made meanwhile are untracked); returns a token for resumeScopes. */
export function suspendScopes(): number {
  const d = depth;
  depth = 0;
  return d;
}

/** @internal undoes suspendScopes. */
export function resumeScopes(token: number): void {
  depth = token;
}

/** How many scopes are open. */
export function scopeDepth(): number {
  return depth;
}

/** Keeps the returned tensors that the closing scope (at depth d) tracks; others are not its to keep. */
function keepAll(v: unknown, d: number): void {
  if (v instanceof Tensor) {
    if (v._depth === d) v.keep();
  } else if (Array.isArray(v)) {
    for (const x of v) if (x instanceof Tensor && x._depth === d) x.keep();
  } else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const x of Object.values(v)) if (x instanceof Tensor && x._depth === d) x.keep();
  }
}

/** A Float32Array for an op's own use (saved values, workspace), recycled with the current scope. */
export function scratchF32(n: number): Float32Array {
  const b = pool.f32(n);
  if (depth > 0) scopes[depth - 1].buffers.push(b);
  return b;
}

/** An Int32Array for an op's own use, recycled with the current scope. */
export function scratchI32(n: number): Int32Array {
  const b = pool.i32(n);
  if (depth > 0) scopes[depth - 1].buffers.push(b);
  return b;
}

// ---------------------------------------------------------------------------------------------
// Factories.

/** Number of elements of a shape; validates it. */
export function shapeSize(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (!(Number.isInteger(d) && d >= 0)) throw new ShapeError(`invalid shape [${shape.join(', ')}]`);
    n *= d;
  }
  return n;
}

/** An uninitialised tensor with a pooled buffer (tracked by the current scope). For op outputs. */
export function empty(shape: Shape): Tensor {
  return new Tensor(pool.f32(shapeSize(shape)), shape, false, OWNS_DATA);
}

export function zeros(shape: Shape): Tensor {
  const t = empty(shape);
  t.data.fill(0);
  return t;
}

export function ones(shape: Shape): Tensor {
  return full(shape, 1);
}

export function full(shape: Shape, value: number): Tensor {
  const t = empty(shape);
  t.data.fill(value);
  return t;
}

export function scalar(value: number): Tensor {
  return full([], value);
}

/** A tensor holding a copy of `values` (shape defaults to 1-D). */
export function tensor(values: ArrayLike<number>, shape: Shape = [values.length]): Tensor {
  const t = empty(shape);
  if (values.length !== t.size) {
    t.dispose();
    throw new ShapeError(`${values.length} values do not fit shape [${shape.join(', ')}]`);
  }
  if (values instanceof Float32Array) t.data.set(values);
  else for (let i = 0; i < t.size; i++) t.data[i] = values[i];
  return t;
}

/** Wraps an existing Float32Array without copying (the caller keeps ownership; never pooled). */
export function fromBuffer(data: Float32Array, shape: Shape): Tensor {
  return new Tensor(data, shape, false, 0);
}

/**
 * A trainable leaf: requires a gradient, is never tracked or recycled by scopes, and keeps its
 * gradient buffer across steps. Values are copied from `values`, or zero when omitted.
 */
export function parameter(shape: Shape, values?: ArrayLike<number>): Tensor {
  const data = new Float32Array(shapeSize(shape));
  if (values !== undefined) {
    if (values.length !== data.length) throw new ShapeError(`${values.length} values do not fit shape [${shape.join(', ')}]`);
    data.set(values);
  }
  return new Tensor(data, shape, true, PARAM);
}

/** Whether t is a parameter made by parameter(). */
export function isParameter(t: Tensor): boolean {
  return (t._flags & PARAM) !== 0;
}

/** @internal a tensor sharing `base`'s data under another shape (reshape). */
export function viewOf(base: Tensor, shape: Shape): Tensor {
  const t = new Tensor(base.data, shape, false, 0);
  t._base = base._base ?? base;
  return t;
}

/** Formats a shape for error messages. */
export function fmt(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}
