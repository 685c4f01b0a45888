// Exact evaluation of tabular policies on a compiled tree: expected values, best responses,
// NashConv and exploitability (definitions as in OpenSpiel, ALGORITHMS.md §2.1):
//   NashConv(π) = Σ_i [ BR_i(π_−i) − u_i(π) ],  exploitability = NashConv / numPlayers.
// The best response is exact for games with perfect recall (checked when the tree is compiled).

import { CHANCE, TERMINAL, type Player } from '../../env/game.js';
import { TabularError } from './errors.js';
import { policyFromCallback, TabularPolicy, type PolicyCallback } from './policy.js';
import type { CompiledTree } from './tree.js';

/** Best-response ties within this margin go to the lowest action, as in OpenSpiel. */
const TIE_EPSILON = 1e-12;

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
  private readonly value: Float64Array;
  private readonly computed: Uint8Array;
  private readonly best: Int32Array;
  private readonly q: Float64Array;
  private readonly values: Float64Array;
  private probs: Float64Array;
  private player: Player = 0;

  constructor(readonly tree: CompiledTree) {
    this.reach = new Float64Array(tree.numNodes);
    this.value = new Float64Array(tree.numNodes);
    this.computed = new Uint8Array(tree.numNodes);
    this.best = new Int32Array(tree.infosets.numInfosets);
    this.q = new Float64Array(tree.infosets.numSlots);
    this.values = new Float64Array(tree.numNodes * tree.numPlayers);
    this.probs = new Float64Array(tree.infosets.numSlots);
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
    const v = this.values;
    const probs = policy.probs;
    for (let n = t.numNodes - 1; n >= 0; n--) {
      const pl = t.nodePlayer[n];
      const base = n * P;
      if (pl === TERMINAL) {
        for (let p = 0; p < P; p++) v[base + p] = t.returns[base + p];
        continue;
      }
      for (let p = 0; p < P; p++) v[base + p] = 0;
      const c0 = t.firstChild[n];
      const c1 = c0 + t.numChildren[n];
      for (let c = c0; c < c1; c++) {
        const w = pl === CHANCE ? t.chanceProb[c] : probs[t.parentSlot[c]];
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
   */
  bestResponseValue(policy: TabularPolicy, player: Player, bestSlots?: Int32Array): number {
    this.check(policy);
    const t = this.tree;
    if (!(Number.isInteger(player) && player >= 0 && player < t.numPlayers)) {
      throw new TabularError(`best response: player must be in [0, ${t.numPlayers - 1}], got ${player}`);
    }
    this.probs = policy.probs;
    this.player = player;
    // Reach of each node by chance and the other players only (the counterfactual reach).
    const reach = this.reach;
    reach[0] = 1;
    for (let n = 1; n < t.numNodes; n++) {
      const parent = t.nodeParent[n];
      const pl = t.nodePlayer[parent];
      reach[n] = reach[parent] * (pl === CHANCE ? t.chanceProb[n] : pl === player ? 1 : this.probs[t.parentSlot[n]]);
    }
    this.computed.fill(0);
    this.best.fill(-1);
    const root = this.nodeValue(0);
    if (bestSlots !== undefined) {
      for (let I = 0; I < t.infosets.numInfosets; I++) {
        if (t.infosets.player[I] === player) bestSlots[I] = this.bestAt(I);
      }
    }
    return root;
  }

  private nodeValue(n: number): number {
    if (this.computed[n]) return this.value[n];
    const t = this.tree;
    const pl = t.nodePlayer[n];
    let v = 0;
    if (pl === TERMINAL) v = t.returns[n * t.numPlayers + this.player];
    else if (pl === this.player) {
      const I = t.nodeInfoset[n];
      v = this.nodeValue(t.firstChild[n] + this.bestAt(I) - t.infosets.offset[I]);
    } else {
      const c0 = t.firstChild[n];
      const c1 = c0 + t.numChildren[n];
      for (let c = c0; c < c1; c++) {
        const w = pl === CHANCE ? t.chanceProb[c] : this.probs[t.parentSlot[c]];
        if (w !== 0) v += w * this.nodeValue(c);
      }
    }
    this.value[n] = v;
    this.computed[n] = 1;
    return v;
  }

  /** The best slot at information set I: argmax over actions of Σ_{h∈I} reach(h)·value(h·a). */
  private bestAt(I: number): number {
    if (this.best[I] >= 0) return this.best[I];
    const t = this.tree;
    const start = t.infosets.offset[I];
    const end = t.infosets.offset[I + 1];
    const q = this.q;
    q.fill(0, start, end);
    for (let j = t.infosetNodeStart[I]; j < t.infosetNodeStart[I + 1]; j++) {
      const h = t.infosetNodes[j];
      const r = this.reach[h];
      if (r === 0) continue;
      const c0 = t.firstChild[h];
      for (let s = start; s < end; s++) q[s] += r * this.nodeValue(c0 + s - start);
    }
    let bestSlot = start;
    for (let s = start + 1; s < end; s++) {
      if (q[s] > q[bestSlot] + TIE_EPSILON * (1 + Math.abs(q[bestSlot]))) bestSlot = s;
    }
    this.best[I] = bestSlot;
    return bestSlot;
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
