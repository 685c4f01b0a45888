// Extensive-form fictitious play (Heinrich, Lanctot and Silver, ICML 2015), as in OpenSpiel's
// fictitious_play.py (ALGORITHMS.md §2.2): every player best-responds exactly to the others' average
// policy, and the average absorbs the best responses with weights α·x_β(I) and (1 − α)·x_π̄(I), each
// player's own reach of I, so the mixture is realization-equivalent to the normal-form average.
// α = 1/(k+1) at iteration k; the initial uniform policy counts as the first element of the average.

import { PolicyEvaluator } from './evaluate.js';
import { TabularPolicy } from './policy.js';
import type { TabularSolver } from './solver.js';
import type { CompiledTree } from './tree.js';

export class Xfp implements TabularSolver {
  readonly name = 'xfp';
  iteration = 0;
  private readonly average: TabularPolicy;
  private readonly evaluator: PolicyEvaluator;
  private readonly bestSlots: Int32Array;
  private readonly reachAverage: Float64Array;
  private readonly reachBest: Float64Array;

  constructor(readonly tree: CompiledTree) {
    this.average = TabularPolicy.uniform(tree.infosets);
    this.evaluator = new PolicyEvaluator(tree);
    this.bestSlots = new Int32Array(tree.infosets.numInfosets);
    this.reachAverage = new Float64Array(tree.infosets.numInfosets);
    this.reachBest = new Float64Array(tree.infosets.numInfosets);
  }

  step(): void {
    this.iteration++;
    const alpha = 1 / (this.iteration + 1);
    const table = this.tree.infosets;
    const avg = this.average.probs;
    for (let p = 0; p < this.tree.numPlayers; p++) this.evaluator.bestResponseValue(this.average, p, this.bestSlots);
    // Own reach of every information set under the average and under the best response, from the
    // reach of the player's previous information set (numbered earlier) and the action taken there.
    const { recallSlot, slotInfoset, offset, numInfosets } = table;
    const xa = this.reachAverage;
    const xb = this.reachBest;
    for (let I = 0; I < numInfosets; I++) {
      const prev = recallSlot[I];
      if (prev < 0) {
        xa[I] = 1;
        xb[I] = 1;
      } else {
        const J = slotInfoset[prev];
        xa[I] = xa[J] * avg[prev];
        xb[I] = this.bestSlots[J] === prev ? xb[J] : 0;
      }
    }
    for (let I = 0; I < numInfosets; I++) {
      const wb = alpha * xb[I];
      if (wb === 0) continue;
      const denom = (1 - alpha) * xa[I] + wb;
      const best = this.bestSlots[I];
      for (let s = offset[I]; s < offset[I + 1]; s++) avg[s] += (wb * ((s === best ? 1 : 0) - avg[s])) / denom;
    }
  }

  averagePolicy(): TabularPolicy {
    return this.average.clone();
  }
}
