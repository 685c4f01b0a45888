// The shape every iterative tabular equilibrium solver shares (XFP, CFR, CFR+).

import type { TabularPolicy } from './policy.js';
import type { CompiledTree } from './tree.js';

export interface TabularSolver {
  readonly name: string;
  readonly tree: CompiledTree;
  /** Iterations done so far. */
  readonly iteration: number;
  /** One more iteration. */
  step(): void;
  /** The policy that converges to a Nash equilibrium (the average policy), as a fresh copy. */
  averagePolicy(): TabularPolicy;
}
