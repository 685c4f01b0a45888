// Recorded inference: run a forward pass once, keep its nodes and buffers, and replay it on new
// input values with no allocation at all — every replay writes the same output buffers.
//
//   const obs = zeros([8, 8]);                       // the input, refilled before each call
//   const policy = trace(() => net.forward(obs));
//   obs.data.set(observations); policy.run();        // policy.output.data holds the logits
//
// A replay recomputes the recorded ops in order from their inputs' current data. It does not
// re-run the JavaScript that built them, so anything computed in plain JavaScript from tensor
// values while recording (a branch, a constant tensor) is frozen at its recorded value; index
// arrays (gather, embedding, masks) are read afresh, so they may be refilled in place.

import { Node, Tensor, noGrad, setNodeRecorder, suspendScopes, resumeScopes } from './tensor.js';

export interface Trace<T extends Tensor | readonly Tensor[] = Tensor> {
  /** What the recorded function returned; its buffers are rewritten by every run(). */
  readonly output: T;
  /** The recorded ops, in execution order. */
  readonly nodes: readonly Node[];
  /** Recomputes every recorded op from the current input values. */
  run(): T;
}

/** Records fn (without gradients, outside any scope) for allocation-free replays. */
export function trace<T extends Tensor | readonly Tensor[]>(fn: () => T): Trace<T> {
  const nodes: Node[] = [];
  const token = suspendScopes();
  const prev = setNodeRecorder(nodes);
  let output: T;
  try {
    output = noGrad(fn);
  } finally {
    setNodeRecorder(prev);
    resumeScopes(token);
  }
  return {
    output,
    nodes,
    run(): T {
      for (let i = 0; i < nodes.length; i++) nodes[i].forward();
      return output;
    },
  };
}
