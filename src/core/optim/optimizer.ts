// The optimiser base: a fixed list of named parameters, per-parameter state buffers (created once,
// updated in place, so a step allocates nothing), a step count, and state export/import as named
// F32 arrays (`<parameter>.<slot>`, e.g. `pi.0.weight.exp_avg`) for checkpoints.

import { Tensor } from '../tensor.js';
import { StateDictError, copyEntry, type LoadableEntry, type StateDict } from '../state.js';

/** Parameters to optimise: a module (anything with namedParameters()), named pairs, or plain tensors (named 0, 1, …). */
export type ParamSource =
  | { namedParameters(): [string, Tensor][] }
  | readonly (readonly [string, Tensor])[]
  | readonly Tensor[];

/** An optimiser's exportable state. */
export interface OptimizerState {
  /** Steps taken so far. */
  step: number;
  /** Hyperparameters at export (informational; restored by loadStateDict). */
  hyper: Record<string, number>;
  /** The state buffers, named `<parameter>.<slot>`. */
  tensors: StateDict;
}

export function resolveParams(src: ParamSource): [string, Tensor][] {
  if (!Array.isArray(src)) return (src as { namedParameters(): [string, Tensor][] }).namedParameters();
  return (src as readonly (Tensor | readonly [string, Tensor])[]).map((e, i) => (e instanceof Tensor ? [String(i), e] : [e[0], e[1]]));
}

export abstract class Optimizer {
  readonly names: readonly string[];
  readonly params: readonly Tensor[];
  /** Learning rate; set it before step() to follow a schedule. */
  lr: number;
  /** Steps taken (the t of bias corrections). */
  stepCount = 0;
  /** State buffers: slots[s][i] is slot s of parameter i. */
  protected readonly slots: Float32Array[][];

  constructor(params: ParamSource, lr: number, readonly slotNames: readonly string[]) {
    const named = resolveParams(params);
    if (named.length === 0) throw new TypeError('optimiser: no parameters');
    if (new Set(named.map(([n]) => n)).size !== named.length) throw new TypeError('optimiser: parameter names must be unique');
    this.names = named.map(([n]) => n);
    this.params = named.map(([, p]) => p);
    this.lr = lr;
    this.slots = slotNames.map(() => this.params.map((p) => new Float32Array(p.size)));
  }

  /** Zeros every parameter's gradient. */
  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }

  /** One update of every parameter that has a gradient. */
  step(): void {
    this.stepCount++;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i];
      if (p.grad !== null) this.update(i, p.data, p.grad);
    }
  }

  /** Updates parameter i (values w, gradient g) in place. */
  protected abstract update(i: number, w: Float32Array, g: Float32Array): void;

  /** Scalar hyperparameters, for logs and checkpoints. */
  abstract hyperparameters(): Record<string, number>;

  /** Restores hyperparameters from an export (subclasses override for their own). */
  protected setHyperparameters(h: Record<string, number>): void {
    if (typeof h.lr === 'number') this.lr = h.lr;
  }

  /** The state: step count, hyperparameters and the slot buffers (copies). */
  stateDict(): OptimizerState {
    const tensors: StateDict = {};
    this.slotNames.forEach((slot, s) => {
      this.params.forEach((p, i) => {
        tensors[`${this.names[i]}.${slot}`] = { dtype: 'F32', shape: p.shape, data: Float32Array.from(this.slots[s][i]) };
      });
    });
    return { step: this.stepCount, hyper: this.hyperparameters(), tensors };
  }

  /** Restores a state exported by stateDict() (for the same parameters); reports every mismatch. */
  loadStateDict(state: { step: number; hyper?: Record<string, number>; tensors: Record<string, LoadableEntry> }): void {
    const problems: string[] = [];
    if (!(Number.isInteger(state.step) && state.step >= 0)) problems.push(`step ${state.step} is not a count`);
    const expected = new Set<string>();
    this.slotNames.forEach((slot, s) => {
      this.params.forEach((p, i) => {
        const key = `${this.names[i]}.${slot}`;
        expected.add(key);
        const e = Object.prototype.hasOwnProperty.call(state.tensors, key) ? state.tensors[key] : undefined;
        if (e === undefined) problems.push(`${key} is missing`);
        else {
          const pr = copyEntry(key, e, p.shape, this.slots[s][i]);
          if (pr !== null) problems.push(pr);
        }
      });
    });
    for (const k of Object.keys(state.tensors)) if (!expected.has(k)) problems.push(`unexpected ${k}`);
    if (problems.length > 0) throw new StateDictError(problems);
    this.stepCount = state.step;
    if (state.hyper !== undefined) this.setHyperparameters(state.hyper);
  }
}
