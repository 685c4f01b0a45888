// Exact evaluation of tabular policies on a compiled tree: expected values, best responses,
// NashConv and exploitability (definitions as in OpenSpiel, ALGORITHMS.md §2.1):
//   NashConv(π) = Σ_i [ BR_i(π_−i) − u_i(π) ],  exploitability = NashConv / numPlayers.
// The best response is exact for games with perfect recall (checked when the tree is compiled).

import { CHANCE, TERMINAL, type Player } from '../../env/game.js';
import { TabularError } from './errors.js';
import { policyFromCallback, policyFromObservations, TabularPolicy, type ObservationPolicy, type PolicyCallback } from './policy.js';
import type { CompiledTree } from './tree.js';

/**
 * Best-response ties go to the lowest action (OpenSpiel's convention). Values that are equal in exact
 * arithmetic differ by round-off depending on summation order, so "equal" means within this relative
 * margin; otherwise the choice, and everything XFP builds on it, would hinge on float noise.
 */
const TIE_TOLERANCE = 1e-12;

export interface NashConvReport {
  nashConv: number;
  /** NashConv / numPlayers (OpenSpiel's "exploitability"; some papers call NashConv itself that). */
  exploitability: number;
  /** u_i(π) for each player. */
  expectedValues: number[];
  /** BR_i(π_−i) for each player. */
  bestResponseValues: number[];
}

/**
 * Reusable buffers for exact evaluation on one tree; the algorithms call it every iteration, so
 * nothing is allocated per call.
 */
export class PolicyEvaluator {
  private readonly reach: Float64Array;
  private readonly q: Float64Array;
  private readonly values: Float64Array;

  constructor(readonly tree: CompiledTree) {
    this.reach = new Float64Array(tree.numNodes);
    this.q = new Float64Array(tree.infosets.numSlots);
    this.values = new Float64Array(tree.numNodes * tree.numPlayers);
  }

  private check(policy: TabularPolicy): void {
    if (policy.infosets !== this.tree.infosets) {
      throw new TabularError(`the policy was built for another game tree than '${this.tree.gameName}'; build it from this tree's infosets`);
    }
  }

  /** Each player's expected return when everyone follows `policy`; written into `out` if given. */
  expectedValues(policy: TabularPolicy, out = new Float64Array(this.tree.numPlayers)): Float64Array {
    this.check(policy);
    const t = this.tree;
    const P = t.numPlayers;
    const { nodePlayer, firstChild, numChildren, chanceProb, parentSlot, returns } = t;
    const v = this.values;
    const probs = policy.probs;
    for (let n = t.numNodes - 1; n >= 0; n--) {
      const pl = nodePlayer[n];
      const base = n * P;
      if (pl === TERMINAL) {
        for (let p = 0; p < P; p++) v[base + p] = returns[base + p];
        continue;
      }
      for (let p = 0; p < P; p++) v[base + p] = 0;
      const c0 = firstChild[n];
      const c1 = c0 + numChildren[n];
      for (let c = c0; c < c1; c++) {
        const w = pl === CHANCE ? chanceProb[c] : probs[parentSlot[c]];
        if (w === 0) continue;
        for (let p = 0; p < P; p++) v[base + p] += w * v[c * P + p];
      }
    }
    for (let p = 0; p < P; p++) out[p] = v[p];
    return out;
  }

  /**
   * The value of a best response of `player` to the others' part of `policy`. With `bestSlots`
   * (length numInfosets), also writes the chosen slot at each of `player`'s information sets
   * (including those the opponents never reach); other entries are left untouched.
   *
   * Sequence-form backward induction: w[s] collects, for each of the player's sequences s (last own
   * action), the counterfactual-reach-weighted returns of the terminals it leads to directly; then,
   * from the last-numbered information set to the first, the best slot of I is argmax w[s] and its
   * value flows to I's own parent sequence (numbered earlier). Ties go to the lowest action.
   */
  bestResponseValue(policy: TabularPolicy, player: Player, bestSlots?: Int32Array): number {
    this.check(policy);
    const t = this.tree;
    if (!(Number.isInteger(player) && player >= 0 && player < t.numPlayers)) {
      throw new TabularError(`best response: player must be in [0, ${t.numPlayers - 1}], got ${player}`);
    }
    const P = t.numPlayers;
    const probs = policy.probs;
    // Reach of each node by chance and the other players only (the counterfactual reach).
    const { nodeParent, nodePlayer, chanceProb, parentSlot, returns, terminalSequence } = t;
    const reach = this.reach;
    reach[0] = 1;
    for (let n = 1; n < t.numNodes; n++) {
      const parent = nodeParent[n];
      const pl = nodePlayer[parent];
      if (pl !== player) reach[n] = reach[parent] * (pl === CHANCE ? chanceProb[n] : probs[parentSlot[n]]);
      else reach[n] = reach[parent];
    }
    const w = this.q;
    w.fill(0);
    let root = 0;
    const terminals = t.terminalNodes;
    for (let k = 0; k < terminals.length; k++) {
      const z = terminals[k];
      const r = reach[z];
      if (r === 0) continue;
      const s = terminalSequence[k * P + player];
      const u = r * returns[z * P + player];
      if (s < 0) root += u;
      else w[s] += u;
    }
    const { offset, recallSlot, player: infosetPlayer } = t.infosets;
    for (let I = t.infosets.numInfosets - 1; I >= 0; I--) {
      if (infosetPlayer[I] !== player) continue;
      let best = offset[I];
      for (let s = best + 1; s < offset[I + 1]; s++) if (w[s] > w[best] + TIE_TOLERANCE * (1 + Math.abs(w[best]))) best = s;
      if (bestSlots !== undefined) bestSlots[I] = best;
      const parent = recallSlot[I];
      if (parent < 0) root += w[best];
      else w[parent] += w[best];
    }
    return root;
  }

  nashConv(policy: TabularPolicy): NashConvReport {
    const P = this.tree.numPlayers;
    const expectedValues = Array.from(this.expectedValues(policy));
    const bestResponseValues: number[] = [];
    let nashConv = 0;
    for (let p = 0; p < P; p++) {
      bestResponseValues.push(this.bestResponseValue(policy, p));
      nashConv += bestResponseValues[p] - expectedValues[p];
    }
    // A best response can never do worse than the policy itself; tiny negatives are round-off.
    nashConv = Math.max(0, nashConv);
    return { nashConv, exploitability: nashConv / P, expectedValues, bestResponseValues };
  }
}

const evaluators = new WeakMap<CompiledTree, PolicyEvaluator>();

function evaluatorFor(tree: CompiledTree): PolicyEvaluator {
  let e = evaluators.get(tree);
  if (e === undefined) {
    e = new PolicyEvaluator(tree);
    evaluators.set(tree, e);
  }
  return e;
}

/** Each player's expected return under `policy`. */
export function expectedValues(tree: CompiledTree, policy: TabularPolicy): number[] {
  return Array.from(evaluatorFor(tree).expectedValues(policy));
}

export interface BestResponse {
  /** BR_player(π_−player). */
  value: number;
  /** `policy` with `player`'s information sets replaced by the (pure) best response. */
  policy: TabularPolicy;
}

/** An exact pure best response of `player` to the other players' part of `policy`. */
export function bestResponse(tree: CompiledTree, policy: TabularPolicy, player: Player): BestResponse {
  const slots = new Int32Array(tree.infosets.numInfosets).fill(-1);
  const value = evaluatorFor(tree).bestResponseValue(policy, player, slots);
  const out = policy.clone();
  const { offset } = tree.infosets;
  for (let I = 0; I < tree.infosets.numInfosets; I++) {
    if (slots[I] < 0) continue;
    out.probs.fill(0, offset[I], offset[I + 1]);
    out.probs[slots[I]] = 1;
  }
  return { value, policy: out };
}

/** NashConv, exploitability, expected and best-response values of `policy`. */
export function nashConv(tree: CompiledTree, policy: TabularPolicy): NashConvReport {
  return evaluatorFor(tree).nashConv(policy);
}

/**
 * Exact NashConv of any policy given as a callback (e.g. a neural network over information-state
 * tensors): the callback is asked once per information set, then the tabular policy is evaluated.
 */
export function nashConvOfCallback(tree: CompiledTree, callback: PolicyCallback): NashConvReport {
  return nashConv(tree, policyFromCallback(tree.infosets, tree.numDistinctActions, callback));
}

/** Exact NashConv of a learner-side policy over observations and legal-action masks (see policyFromObservations). */
export function nashConvOfObservationPolicy(tree: CompiledTree, policy: ObservationPolicy): NashConvReport {
  return nashConv(tree, policyFromObservations(tree.infosets, tree.numDistinctActions, policy));
}
