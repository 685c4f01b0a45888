// Counterfactual regret minimisation on a compiled tree: vanilla CFR (Zinkevich et al., 2007) and
// CFR+ (Tammelin, 2014: regret matching+, linear averaging, alternating updates). Defaults follow
// OpenSpiel's CFRSolver and CFRPlusSolver (open_spiel/python/algorithms/cfr.py). Each iteration is,
// for each player, one forward pass (reach probabilities) and one backward pass (values, regrets)
// over the flat arrays; nothing is allocated per iteration.

import { CHANCE, TERMINAL } from '../../env/game.js';
import { TabularPolicy } from './policy.js';
import type { TabularSolver } from './solver.js';
import type { CompiledTree } from './tree.js';

export interface CfrConfig {
  /** Clamp cumulative regrets at zero after each update (CFR+). OpenSpiel CFR: false; CFR+: true. */
  regretMatchingPlus: boolean;
  /** Weight iteration t's policy by t in the average (CFR+). CFR: false; CFR+: true. */
  linearAveraging: boolean;
  /** Update one player at a time, each against the other's freshest policy. Both: true. */
  alternatingUpdates: boolean;
}

export const CFR_DEFAULTS: CfrConfig = { regretMatchingPlus: false, linearAveraging: false, alternatingUpdates: true };
export const CFR_PLUS_DEFAULTS: CfrConfig = { regretMatchingPlus: true, linearAveraging: true, alternatingUpdates: true };

export class Cfr implements TabularSolver {
  readonly name: string;
  readonly config: CfrConfig;
  iteration = 0;
  /** The current (regret-matching) policy. */
  private readonly current: Float64Array;
  private readonly regrets: Float64Array;
  private readonly cumulative: Float64Array;
  private readonly ownReach: Float64Array;
  private readonly otherReach: Float64Array;
  private readonly value: Float64Array;

  constructor(readonly tree: CompiledTree, config: Partial<CfrConfig> = {}) {
    this.config = { ...CFR_DEFAULTS, ...config };
    const c = this.config;
    const tweaks = [c.regretMatchingPlus ? 'rm+' : '', c.linearAveraging ? 'linear' : '', c.alternatingUpdates ? '' : 'simultaneous'].filter(Boolean);
    this.name = c.regretMatchingPlus && c.linearAveraging && c.alternatingUpdates ? 'cfr+' : tweaks.length ? `cfr(${tweaks.join(', ')})` : 'cfr';
    const slots = tree.infosets.numSlots;
    this.current = TabularPolicy.uniform(tree.infosets).probs;
    this.regrets = new Float64Array(slots);
    this.cumulative = new Float64Array(slots);
    this.ownReach = new Float64Array(tree.numNodes);
    this.otherReach = new Float64Array(tree.numNodes);
    this.value = new Float64Array(tree.numNodes);
  }

  step(): void {
    this.iteration++;
    const P = this.tree.numPlayers;
    if (this.config.alternatingUpdates) {
      for (let p = 0; p < P; p++) {
        this.accumulate(p);
        this.updatePolicy(p);
      }
    } else {
      for (let p = 0; p < P; p++) this.accumulate(p);
      for (let p = 0; p < P; p++) this.updatePolicy(p);
    }
  }

  /** Adds player p's counterfactual regrets and average-policy contributions for the current policy. */
  private accumulate(player: number): void {
    const t = this.tree;
    const N = t.numNodes;
    const P = t.numPlayers;
    const { nodePlayer, nodeParent, parentSlot, chanceProb, firstChild, numChildren, returns } = t;
    const sigma = this.current;
    const own = this.ownReach;
    const other = this.otherReach;
    const val = this.value;
    own[0] = 1;
    other[0] = 1;
    for (let n = 1; n < N; n++) {
      const parent = nodeParent[n];
      const pl = nodePlayer[parent];
      if (pl === player) {
        own[n] = own[parent] * sigma[parentSlot[n]];
        other[n] = other[parent];
      } else {
        own[n] = own[parent];
        other[n] = other[parent] * (pl === CHANCE ? chanceProb[n] : sigma[parentSlot[n]]);
      }
    }
    const regrets = this.regrets;
    for (let n = N - 1; n >= 0; n--) {
      const pl = nodePlayer[n];
      // Pruning: where chance and the others never lead, values only ever meet zero weights.
      if (other[n] === 0) {
        val[n] = 0;
        continue;
      }
      if (pl === TERMINAL) {
        val[n] = returns[n * P + player];
        continue;
      }
      const c0 = firstChild[n];
      const c1 = c0 + numChildren[n];
      let v = 0;
      if (pl === CHANCE) {
        for (let c = c0; c < c1; c++) v += chanceProb[c] * val[c];
      } else {
        for (let c = c0; c < c1; c++) v += sigma[parentSlot[c]] * val[c];
        if (pl === player) {
          const cf = other[n];
          for (let c = c0; c < c1; c++) regrets[parentSlot[c]] += cf * (val[c] - v);
        }
      }
      val[n] = v;
    }
    // Average policy: own reach is the same at every node of an information set (perfect recall).
    const { offset, player: infosetPlayer, numInfosets } = t.infosets;
    const { infosetNodes, infosetNodeStart } = t;
    const weight = this.config.linearAveraging ? this.iteration : 1;
    const cumulative = this.cumulative;
    for (let I = 0; I < numInfosets; I++) {
      if (infosetPlayer[I] !== player) continue;
      const w = weight * own[infosetNodes[infosetNodeStart[I]]];
      if (w === 0) continue;
      for (let s = offset[I]; s < offset[I + 1]; s++) cumulative[s] += w * sigma[s];
    }
  }

  /** Regret matching (or regret matching+) at player p's information sets. */
  private updatePolicy(player: number): void {
    const { offset, player: infosetPlayer, numInfosets } = this.tree.infosets;
    const regrets = this.regrets;
    const sigma = this.current;
    const plus = this.config.regretMatchingPlus;
    for (let I = 0; I < numInfosets; I++) {
      if (infosetPlayer[I] !== player) continue;
      const start = offset[I];
      const end = offset[I + 1];
      let total = 0;
      for (let s = start; s < end; s++) {
        if (plus && regrets[s] < 0) regrets[s] = 0;
        if (regrets[s] > 0) total += regrets[s];
      }
      if (total > 0) for (let s = start; s < end; s++) sigma[s] = regrets[s] > 0 ? regrets[s] / total : 0;
      else sigma.fill(1 / (end - start), start, end);
    }
  }

  /** The current regret-matching policy (it need not converge; the average does). */
  currentPolicy(): TabularPolicy {
    return new TabularPolicy(this.tree.infosets, this.current.slice());
  }

  averagePolicy(): TabularPolicy {
    const { offset, numInfosets } = this.tree.infosets;
    const out = new TabularPolicy(this.tree.infosets);
    for (let I = 0; I < numInfosets; I++) {
      const start = offset[I];
      const end = offset[I + 1];
      let total = 0;
      for (let s = start; s < end; s++) total += this.cumulative[s];
      if (total > 0) for (let s = start; s < end; s++) out.probs[s] = this.cumulative[s] / total;
      else out.probs.fill(1 / (end - start), start, end);
    }
    return out;
  }
}

/** CFR+ with OpenSpiel's CFRPlusSolver settings. */
export function cfrPlus(tree: CompiledTree): Cfr {
  return new Cfr(tree, CFR_PLUS_DEFAULTS);
}
