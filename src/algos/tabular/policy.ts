// Tabular policies over the information sets of a compiled game: one probability per
// (information set, legal action) slot, in a Float64Array laid out by the InfosetTable. Also turns
// any callback (a neural network over information-state tensors, a hand-written rule) into a
// tabular policy, so its exploitability can be computed exactly.

import type { GameState, Player } from '../../env/game.js';
import { TabularError } from './errors.js';
import type { InfosetTable } from './tree.js';

const SUM_TOLERANCE = 1e-6;

export class TabularPolicy {
  /** probs[infosets.offset[I] + k] is the probability of the k-th legal action at information set I. */
  readonly probs: Float64Array;

  constructor(readonly infosets: InfosetTable, probs?: Float64Array) {
    if (probs !== undefined && probs.length !== infosets.numSlots) {
      throw new TabularError(`TabularPolicy: expected ${infosets.numSlots} slot probabilities, got ${probs.length}`);
    }
    this.probs = probs ?? new Float64Array(infosets.numSlots);
  }

  /** Every legal action equally likely at every information set. */
  static uniform(infosets: InfosetTable): TabularPolicy {
    const policy = new TabularPolicy(infosets);
    for (let I = 0; I < infosets.numInfosets; I++) {
      const start = infosets.offset[I];
      const end = infosets.offset[I + 1];
      policy.probs.fill(1 / (end - start), start, end);
    }
    return policy;
  }

  /** The lowest legal action everywhere (OpenSpiel's "first action" policy). */
  static firstAction(infosets: InfosetTable): TabularPolicy {
    const policy = new TabularPolicy(infosets);
    for (let I = 0; I < infosets.numInfosets; I++) policy.probs[infosets.offset[I]] = 1;
    return policy;
  }

  clone(): TabularPolicy {
    return new TabularPolicy(this.infosets, this.probs.slice());
  }

  private infoset(key: string): number {
    const I = this.infosets.indexOf(key);
    if (I === undefined) throw new TabularError(`no information set '${key}' in this game (keys look like '${this.infosets.keys[0] ?? ''}')`);
    return I;
  }

  /** Legal actions and their probabilities at the information set with this key. */
  actionProbabilities(key: string): Map<number, number> {
    const I = this.infoset(key);
    const out = new Map<number, number>();
    for (let s = this.infosets.offset[I]; s < this.infosets.offset[I + 1]; s++) out.set(this.infosets.slotAction[s], this.probs[s]);
    return out;
  }

  /** Sets the distribution at one information set: `probs` maps legal actions to probabilities (missing = 0). */
  setActionProbabilities(key: string, probs: ReadonlyMap<number, number> | Readonly<Record<number, number>>): void {
    const I = this.infoset(key);
    const get = (a: number): number => (probs instanceof Map ? probs.get(a) : (probs as Readonly<Record<number, number>>)[a]) ?? 0;
    const start = this.infosets.offset[I];
    const end = this.infosets.offset[I + 1];
    const legal = new Set(Array.from(this.infosets.slotAction.subarray(start, end)));
    const given = probs instanceof Map ? Array.from(probs.keys()) : Object.keys(probs).map(Number);
    for (const a of given) if (!legal.has(a)) throw new TabularError(`action ${a} is not legal at information set '${key}'; legal: [${Array.from(legal).join(', ')}]`);
    const values: number[] = [];
    for (let s = start; s < end; s++) values.push(get(this.infosets.slotAction[s]));
    checkDistribution(values, `information set '${key}'`);
    for (let s = start; s < end; s++) this.probs[s] = values[s - start];
  }

  /** Throws TabularError unless every information set holds a probability distribution. */
  validate(): void {
    for (let I = 0; I < this.infosets.numInfosets; I++) {
      checkDistribution(Array.from(this.probs.subarray(this.infosets.offset[I], this.infosets.offset[I + 1])), `information set '${this.infosets.keys[I]}'`);
    }
  }

  /** Plain data: key → { action: probability }. */
  toRecord(): Record<string, Record<number, number>> {
    const out: Record<string, Record<number, number>> = {};
    for (let I = 0; I < this.infosets.numInfosets; I++) {
      const row: Record<number, number> = {};
      for (let s = this.infosets.offset[I]; s < this.infosets.offset[I + 1]; s++) row[this.infosets.slotAction[s]] = this.probs[s];
      out[this.infosets.keys[I]] = row;
    }
    return out;
  }
}

function checkDistribution(values: ArrayLike<number>, where: string): void {
  let total = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!(v >= 0) || !Number.isFinite(v)) throw new TabularError(`${where}: probability ${v} is not a finite non-negative number`);
    total += v;
  }
  if (Math.abs(total - 1) > SUM_TOLERANCE) throw new TabularError(`${where}: probabilities sum to ${total}, not 1`);
}

/** What a policy callback sees at one information set. */
export interface InfosetView {
  readonly key: string;
  readonly player: Player;
  /** Legal actions, increasing. */
  readonly legalActions: readonly number[];
  /** A state of the information set, e.g. for `state.informationStateTensor(player)`. */
  readonly state: GameState;
}

/**
 * A policy given as a function, e.g. a neural network. It returns either one non-negative weight per
 * legal action (in `legalActions` order) or one per game action (length numDistinctActions); illegal
 * entries of the latter are ignored. Weights are normalised over the legal actions.
 */
export type PolicyCallback = (view: InfosetView) => ArrayLike<number>;

/** Evaluates `callback` once per information set and returns the equivalent tabular policy. */
export function policyFromCallback(infosets: InfosetTable, numDistinctActions: number, callback: PolicyCallback): TabularPolicy {
  const policy = new TabularPolicy(infosets);
  for (let I = 0; I < infosets.numInfosets; I++) {
    const start = infosets.offset[I];
    const end = infosets.offset[I + 1];
    const legalActions = Array.from(infosets.slotAction.subarray(start, end));
    const view: InfosetView = { key: infosets.keys[I], player: infosets.player[I], legalActions, state: infosets.representative[I] };
    const out = callback(view);
    const where = `policy callback at information set '${view.key}'`;
    let weights: number[];
    if (out.length === legalActions.length) weights = Array.from(out);
    else if (out.length === numDistinctActions) weights = legalActions.map((a) => out[a]);
    else throw new TabularError(`${where}: returned ${out.length} values; expected ${legalActions.length} (legal actions) or ${numDistinctActions} (all actions)`);
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new TabularError(`${where}: weight ${w} is not a finite non-negative number`);
      total += w;
    }
    if (!(total > 0)) throw new TabularError(`${where}: the legal actions have total weight 0`);
    for (let k = 0; k < weights.length; k++) policy.probs[start + k] = weights[k] / total;
  }
  return policy;
}

/**
 * A learner-side policy: action weights from what a TurnBasedEnv shows the player to act, its
 * observation (the information-state tensor) and legal-action mask (length numDistinctActions).
 */
export type ObservationPolicy = (observation: Float32Array, mask: Uint8Array, player: Player) => ArrayLike<number>;

/**
 * The tabular policy of a learner-side policy (e.g. a neural network trained on the env view),
 * so that its NashConv can be computed exactly. The game must provide informationStateTensor.
 */
export function policyFromObservations(infosets: InfosetTable, numDistinctActions: number, policy: ObservationPolicy): TabularPolicy {
  const mask = new Uint8Array(numDistinctActions);
  return policyFromCallback(infosets, numDistinctActions, ({ state, player, legalActions, key }) => {
    if (state.informationStateTensor === undefined) {
      throw new TabularError(`information set '${key}': the game gives no informationStateTensor, so an observation policy cannot be evaluated; use policyFromCallback with the key instead`);
    }
    mask.fill(0);
    for (const a of legalActions) mask[a] = 1;
    return policy(state.informationStateTensor(player), mask, player);
  });
}
