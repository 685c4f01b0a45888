// The tensors of a learner's checkpoint, one mechanism for every learner: parameter copies under
// their own names, and each optimiser's state under a prefix (`optim.` by default).
import { copyEntry, StateDictError, type LoadableEntry, type StateDict } from '../core/state.js';
import type { Tensor } from '../core/tensor.js';
import type { Optimizer } from '../core/optim/index.js';

/** Copies of the parameters, plus `prefix + name` entries of the optimiser's state; returns its step count. */
export function saveTrainingTensors(named: readonly [string, Tensor][], optimizers: Record<string, Optimizer> = {}): { tensors: StateDict; optimizerSteps: Record<string, number> } {
  const tensors: StateDict = {};
  for (const [name, t] of named) tensors[name] = { dtype: 'F32', shape: t.shape, data: Float32Array.from(t.data) };
  const optimizerSteps: Record<string, number> = {};
  for (const [prefix, opt] of Object.entries(optimizers)) {
    const s = opt.stateDict();
    for (const [name, e] of Object.entries(s.tensors)) tensors[`${prefix}${name}`] = e;
    optimizerSteps[prefix] = s.step;
  }
  return { tensors, optimizerSteps };
}

/** The entries whose names start with `prefix`, with the prefix removed. */
export function withPrefix(tensors: Record<string, LoadableEntry>, prefix: string): Record<string, LoadableEntry> {
  const out: Record<string, LoadableEntry> = {};
  for (const [name, e] of Object.entries(tensors)) if (name.startsWith(prefix)) out[name.slice(prefix.length)] = e;
  return out;
}

/**
 * Loads parameter values by name; entries under any of `otherPrefixes` (optimiser state, replay
 * contents) are someone else's. Every missing, unexpected or mis-shaped entry is reported at once.
 */
export function loadParameters(named: readonly [string, Tensor][], tensors: Record<string, LoadableEntry>, otherPrefixes: readonly string[] = ['optim.']): void {
  const problems: string[] = [];
  const known = new Set<string>();
  for (const [name, t] of named) {
    known.add(name);
    const e = Object.prototype.hasOwnProperty.call(tensors, name) ? tensors[name] : undefined;
    if (e === undefined) problems.push(`${name} is missing`);
    else {
      const problem = copyEntry(name, e, t.shape, t.data);
      if (problem !== null) problems.push(problem);
    }
  }
  for (const name of Object.keys(tensors)) {
    if (!known.has(name) && !otherPrefixes.some((p) => name.startsWith(p))) problems.push(`unexpected ${name}`);
  }
  if (problems.length) throw new StateDictError(problems);
}
