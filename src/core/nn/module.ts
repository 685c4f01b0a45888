// Modules: containers of named parameters and child modules. Names are hierarchical and stable —
// `pi.0.weight` is parameter `weight` of child `0` of child `pi` — and are the keys of state dicts
// and safetensors checkpoints. Registration order is the iteration order.

import { Tensor, isParameter } from '../tensor.js';
import { StateDictError, copyEntry, type LoadableEntry, type StateDict } from '../state.js';

/** Anything with a one-tensor forward (what Sequential chains). */
export interface Layer {
  forward(x: Tensor): Tensor;
}

export abstract class Module {
  private readonly ownParams = new Map<string, Tensor>();
  private readonly children = new Map<string, Module>();
  /** Training or evaluation mode (for modules that behave differently; none here do yet). */
  training = true;

  /** Registers a parameter under `name` (letters, digits, '_'; no dots). */
  protected addParameter(name: string, t: Tensor): Tensor {
    checkName(name, this.ownParams, this.children);
    if (!isParameter(t)) throw new TypeError(`${name}: modules hold parameters made with parameter()`);
    this.ownParams.set(name, t);
    return t;
  }

  /** Registers a child module under `name`. */
  protected addModule<M extends Module>(name: string, m: M): M {
    checkName(name, this.ownParams, this.children);
    this.children.set(name, m);
    return m;
  }

  /** (name, parameter) pairs, depth first in registration order. Also sets each parameter's `name`. */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    this.collect(prefix, out);
    return out;
  }

  private collect(prefix: string, out: [string, Tensor][]): void {
    for (const [n, p] of this.ownParams) {
      const full = prefix + n;
      p.name = full;
      out.push([full, p]);
    }
    for (const [n, c] of this.children) c.collect(`${prefix}${n}.`, out);
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** (name, module) pairs of the descendants, depth first. */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [n, c] of this.children) {
      out.push([prefix + n, c]);
      out.push(...c.namedModules(`${prefix}${n}.`));
    }
    return out;
  }

  /** Total number of parameter values. */
  numParameters(): number {
    let n = 0;
    for (const [, p] of this.namedParameters()) n += p.size;
    return n;
  }

  /** Zeros every parameter's gradient. */
  zeroGrad(): void {
    for (const [, p] of this.namedParameters()) p.zeroGrad();
  }

  /** Sets training (or evaluation) mode here and below. */
  train(on = true): this {
    this.training = on;
    for (const c of this.children.values()) c.train(on);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** The parameters as named F32 arrays. The arrays are the live parameter data, not copies. */
  stateDict(prefix = ''): StateDict {
    const out: StateDict = {};
    for (const [n, p] of this.namedParameters(prefix)) out[n] = { dtype: 'F32', shape: p.shape, data: p.data };
    return out;
  }

  /**
   * Copies parameter values from a state dict (e.g. a loaded safetensors file). With `strict`
   * (default) every parameter must be present and nothing else may be; every problem is reported.
   */
  loadStateDict(dict: Record<string, LoadableEntry>, opts: { strict?: boolean; prefix?: string } = {}): void {
    const strict = opts.strict ?? true;
    const problems: string[] = [];
    const named = this.namedParameters(opts.prefix ?? '');
    const known = new Set<string>();
    for (const [n, p] of named) {
      known.add(n);
      const e = Object.prototype.hasOwnProperty.call(dict, n) ? dict[n] : undefined;
      if (e === undefined) {
        if (strict) problems.push(`${n} is missing`);
        continue;
      }
      const problem = copyEntry(n, e, p.shape, p.data);
      if (problem !== null) problems.push(problem);
    }
    if (strict) for (const n of Object.keys(dict)) if (!known.has(n)) problems.push(`unexpected ${n}`);
    if (problems.length > 0) throw new StateDictError(problems);
  }
}

function checkName(name: string, a: Map<string, unknown>, b: Map<string, unknown>): void {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new TypeError(`invalid module or parameter name '${name}'`);
  if (a.has(name) || b.has(name)) throw new TypeError(`name '${name}' is already registered`);
}

/** Children applied in order; they are named 0, 1, 2, … (PyTorch's nn.Sequential names). */
export class Sequential extends Module implements Layer {
  readonly layers: (Module & Layer)[] = [];

  constructor(...layers: (Module & Layer)[]) {
    super();
    for (const l of layers) this.push(l);
  }

  push(layer: Module & Layer): this {
    this.addModule(String(this.layers.length), layer);
    this.layers.push(layer);
    return this;
  }

  forward(x: Tensor): Tensor {
    let h = x;
    for (let i = 0; i < this.layers.length; i++) h = this.layers[i].forward(h);
    return h;
  }
}

/** Copies every parameter value of `source` into `target` (same architecture), e.g. a target network. */
export function copyParameters(target: Module, source: Module): void {
  const t = target.namedParameters(), s = source.namedParameters();
  if (t.length !== s.length) throw new StateDictError([`modules have ${t.length} and ${s.length} parameters`]);
  for (let i = 0; i < t.length; i++) {
    if (t[i][1].size !== s[i][1].size) throw new StateDictError([`${t[i][0]} and ${s[i][0]} differ in size`]);
    t[i][1].data.set(s[i][1].data);
  }
}

/** Polyak averaging θ_target ← τ·θ_source + (1 − τ)·θ_target (soft target-network update). */
export function polyakUpdate(target: Module, source: Module, tau: number): void {
  const t = target.parameters(), s = source.parameters();
  if (t.length !== s.length) throw new StateDictError([`modules have ${t.length} and ${s.length} parameters`]);
  for (let k = 0; k < t.length; k++) {
    const a = t[k].data, b = s[k].data;
    if (a.length !== b.length) throw new StateDictError([`parameter ${k} differs in size`]);
    for (let i = 0; i < a.length; i++) a[i] = tau * b[i] + (1 - tau) * a[i];
  }
}
