// Compiles any finite Game into flat typed arrays, once, by traversing its GameState tree. Every
// tabular algorithm (expected values, best response, XFP, CFR) then iterates over these arrays
// instead of re-walking GameState objects: nodes are numbered breadth-first, so a parent always
// precedes its children (forward passes go up the indices, backward passes down) and the
// children of a node are contiguous.

import { CHANCE, TERMINAL, type Game, type GameState } from '../../env/game.js';
import { TabularError } from './errors.js';

/** The information sets of a game and the layout of per-action tables ("slots"). */
export interface InfosetTable {
  readonly numInfosets: number;
  /** Total number of (information set, legal action) pairs. */
  readonly numSlots: number;
  readonly numPlayers: number;
  readonly keys: readonly string[];
  readonly player: Int32Array;
  /** Slots of infoset I are offset[I] .. offset[I + 1] − 1, one per legal action, in increasing action order. */
  readonly offset: Int32Array;
  /** The game action of each slot. */
  readonly slotAction: Int32Array;
  /** The information set each slot belongs to. */
  readonly slotInfoset: Int32Array;
  /**
   * The slot of the acting player's own previous action (the same at every node, by perfect recall),
   * or −1 at their first decision. It points to a lower-numbered information set: infosets are
   * numbered in breadth-first order of discovery, so a sequence's prefixes come first.
   */
  readonly recallSlot: Int32Array;
  /** One state in each information set (the first met), e.g. for an information-state tensor. */
  readonly representative: readonly GameState[];
  /** The index of an information set by its key, or undefined. */
  indexOf(key: string): number | undefined;
}

export interface CompiledTree {
  readonly gameName: string;
  readonly numPlayers: number;
  readonly numDistinctActions: number;
  readonly numNodes: number;
  /** Player to act, CHANCE or TERMINAL. */
  readonly nodePlayer: Int32Array;
  /** Information set of a decision node, −1 otherwise. */
  readonly nodeInfoset: Int32Array;
  readonly nodeParent: Int32Array;
  /** First child; the children of n are firstChild[n] .. firstChild[n] + numChildren[n] − 1. */
  readonly firstChild: Int32Array;
  readonly numChildren: Int32Array;
  /** Policy slot of the action that led to a node (parent is a decision node), else −1. */
  readonly parentSlot: Int32Array;
  /** Probability of the chance outcome that led to a node (parent is a chance node), else 1. */
  readonly chanceProb: Float64Array;
  /** Returns of terminal nodes: returns[n * numPlayers + p]; 0 elsewhere. */
  readonly returns: Float64Array;
  /** Decision nodes of each information set: infosetNodes[infosetNodeStart[I] .. infosetNodeStart[I + 1] − 1]. */
  readonly infosetNodeStart: Int32Array;
  readonly infosetNodes: Int32Array;
  readonly infosets: InfosetTable;
  /** The terminal nodes, increasing. */
  readonly terminalNodes: Int32Array;
  /**
   * terminalSequence[k * numPlayers + p]: the slot of player p's last action on the path to
   * terminalNodes[k], or −1 if p never acted there (p's sequence, in sequence-form terms).
   */
  readonly terminalSequence: Int32Array;
  /** Length of the longest root-to-leaf path. */
  readonly depth: number;
}

export interface CompileOptions {
  /** Refuse trees with more nodes than this (default 5,000,000): tabular methods would not fit. */
  maxNodes?: number;
}

const PROB_TOLERANCE = 1e-9;

/**
 * Builds the compiled tree of `game`. Checks what exact algorithms rely on and throws TabularError
 * otherwise: chance probabilities sum to 1, an information set belongs to one player with one set of
 * legal actions, keys are distinct across players, and perfect recall (every node of an information
 * set was reached through the same own earlier information sets and actions).
 */
export function compileGame(game: Game, options: CompileOptions = {}): CompiledTree {
  const maxNodes = options.maxNodes ?? 5_000_000;
  const numPlayers = game.numPlayers();
  const players: number[] = [];
  const infosetIds: number[] = [];
  const parents: number[] = [];
  const parentSlots: number[] = [];
  const chanceProbs: number[] = [];
  const firstChild: number[] = [];
  const numChildren: number[] = [];
  const returns: number[] = [];
  const depthOf: number[] = [];
  // Perfect recall: lastOwnSlot[n * numPlayers + p] is the slot of p's latest action above node n.
  const lastOwnSlot: number[] = [];

  const keys: string[] = [];
  const infosetPlayer: number[] = [];
  const infosetActions: number[][] = [];
  const infosetRecall: number[] = [];
  const representative: GameState[] = [];
  const index = new Map<string, number>();
  const slotOffsets: number[] = [];
  let numSlots = 0;

  const queue: (GameState | undefined)[] = [game.newInitialState()];
  parents.push(-1); parentSlots.push(-1); chanceProbs.push(1); depthOf.push(0);
  for (let p = 0; p < numPlayers; p++) lastOwnSlot.push(-1);

  for (let n = 0; n < queue.length; n++) {
    const state = queue[n] as GameState;
    queue[n] = undefined; // let visited states be collected
    const where = (): string => `${game.name}: at ${state.toString()}`;
    let player = state.currentPlayer();
    if (state.isTerminal()) player = TERMINAL;
    players.push(player);
    firstChild.push(queue.length);
    const r = new Array<number>(numPlayers).fill(0);
    if (player === TERMINAL) {
      const ret = state.returns();
      if (ret.length !== numPlayers || ret.some((v) => !Number.isFinite(v))) {
        throw new TabularError(`${where()}: returns() must give ${numPlayers} finite numbers, got [${ret.join(', ')}]`);
      }
      for (let p = 0; p < numPlayers; p++) r[p] = ret[p];
      infosetIds.push(-1);
      numChildren.push(0);
    } else if (player === CHANCE) {
      const outcomes = state.chanceOutcomes();
      let total = 0;
      for (const [action, prob] of outcomes) {
        if (!(prob >= 0) || !Number.isFinite(prob)) throw new TabularError(`${where()}: chance outcome ${action} has probability ${prob}`);
        total += prob;
        queue.push(state.child(action));
        parents.push(n); parentSlots.push(-1); chanceProbs.push(prob); depthOf.push(depthOf[n] + 1);
        for (let p = 0; p < numPlayers; p++) lastOwnSlot.push(lastOwnSlot[n * numPlayers + p]);
      }
      if (outcomes.length === 0 || Math.abs(total - 1) > PROB_TOLERANCE) {
        throw new TabularError(`${where()}: chance probabilities must sum to 1, got ${total} over ${outcomes.length} outcomes`);
      }
      infosetIds.push(-1);
      numChildren.push(outcomes.length);
    } else {
      if (!(Number.isInteger(player) && player >= 0 && player < numPlayers)) {
        throw new TabularError(`${where()}: currentPlayer() returned ${player}; expected 0..${numPlayers - 1}, CHANCE or TERMINAL`);
      }
      const actions = state.legalActions();
      if (actions.length === 0) throw new TabularError(`${where()}: player ${player} has no legal actions at a non-terminal node`);
      const key = state.informationStateKey(player);
      const recall = lastOwnSlot[n * numPlayers + player];
      let I = index.get(key);
      if (I === undefined) {
        I = keys.length;
        index.set(key, I);
        keys.push(key);
        infosetPlayer.push(player);
        infosetActions.push(actions.slice());
        infosetRecall.push(recall);
        representative.push(state);
        slotOffsets.push(numSlots);
        numSlots += actions.length;
      } else {
        if (infosetPlayer[I] !== player) {
          throw new TabularError(`${game.name}: information-state key '${key}' is used by players ${infosetPlayer[I]} and ${player}; keys must be distinct across players (include the player in the key)`);
        }
        const known = infosetActions[I];
        if (known.length !== actions.length || known.some((a, k) => a !== actions[k])) {
          throw new TabularError(`${game.name}: information set '${key}' has legal actions [${known.join(', ')}] at one node and [${actions.join(', ')}] at another`);
        }
        if (infosetRecall[I] !== recall) {
          throw new TabularError(`${game.name}: information set '${key}' is reached through different earlier choices of player ${player}; tabular best response and XFP need perfect recall`);
        }
      }
      const offset = slotOffsets[I];
      for (let k = 0; k < actions.length; k++) {
        queue.push(state.child(actions[k]));
        parents.push(n); parentSlots.push(offset + k); chanceProbs.push(1); depthOf.push(depthOf[n] + 1);
        for (let p = 0; p < numPlayers; p++) lastOwnSlot.push(p === player ? offset + k : lastOwnSlot[n * numPlayers + p]);
      }
      infosetIds.push(I);
      numChildren.push(actions.length);
    }
    for (let p = 0; p < numPlayers; p++) returns.push(r[p]);
    if (queue.length > maxNodes) {
      throw new TabularError(`${game.name}: the game tree has more than ${maxNodes} nodes; raise maxNodes or use a sampling method`);
    }
  }

  const numNodes = players.length;
  const numInfosets = keys.length;
  const offset = new Int32Array(numInfosets + 1);
  offset.set(slotOffsets);
  offset[numInfosets] = numSlots;
  const slotAction = new Int32Array(numSlots);
  const slotInfoset = new Int32Array(numSlots);
  for (let I = 0; I < numInfosets; I++) {
    slotAction.set(infosetActions[I], offset[I]);
    slotInfoset.fill(I, offset[I], offset[I + 1]);
  }

  const nodeInfoset = Int32Array.from(infosetIds);
  const infosetNodeStart = new Int32Array(numInfosets + 1);
  for (let n = 0; n < numNodes; n++) if (nodeInfoset[n] >= 0) infosetNodeStart[nodeInfoset[n] + 1]++;
  for (let I = 0; I < numInfosets; I++) infosetNodeStart[I + 1] += infosetNodeStart[I];
  const fill = infosetNodeStart.slice(0, numInfosets);
  const infosetNodes = new Int32Array(infosetNodeStart[numInfosets]);
  for (let n = 0; n < numNodes; n++) if (nodeInfoset[n] >= 0) infosetNodes[fill[nodeInfoset[n]]++] = n;

  const terminals: number[] = [];
  const terminalSequence: number[] = [];
  for (let n = 0; n < numNodes; n++) {
    if (players[n] !== TERMINAL) continue;
    terminals.push(n);
    for (let p = 0; p < numPlayers; p++) terminalSequence.push(lastOwnSlot[n * numPlayers + p]);
  }

  const infosets: InfosetTable = {
    numInfosets, numSlots, numPlayers, keys, offset, slotAction, slotInfoset, representative,
    recallSlot: Int32Array.from(infosetRecall),
    player: Int32Array.from(infosetPlayer),
    indexOf: (key: string) => index.get(key),
  };
  return {
    gameName: game.name, numPlayers, numNodes, numDistinctActions: game.numDistinctActions(),
    nodePlayer: Int32Array.from(players),
    nodeInfoset,
    nodeParent: Int32Array.from(parents),
    firstChild: Int32Array.from(firstChild),
    numChildren: Int32Array.from(numChildren),
    parentSlot: Int32Array.from(parentSlots),
    chanceProb: Float64Array.from(chanceProbs),
    returns: Float64Array.from(returns),
    infosetNodeStart, infosetNodes, infosets,
    terminalNodes: Int32Array.from(terminals),
    terminalSequence: Int32Array.from(terminalSequence),
    depth: depthOf.reduce((a, b) => Math.max(a, b), 0),
  };
}
