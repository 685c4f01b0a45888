// Turn-based multi-agent games, in two views over the same engines:
// - TurnBasedEnv: the learner's view (in the spirit of PettingZoo's AEC): whose turn it is,
//   that player's observation vector and legal-action mask, per-player rewards.
// - GameState: the tree view (in the spirit of OpenSpiel) for exact and search algorithms:
//   chance nodes with their outcome probabilities, information states, terminal returns.
// League, exploitability and search code depend only on these interfaces, never on a game.

import type { Info, RenderMode } from './types.js';

/** A player index 0..numPlayers−1, or one of the special values below. */
export type Player = number;
export const CHANCE: Player = -1;
export const TERMINAL: Player = -2;

export interface TurnBasedEnvSpec {
  numPlayers: number;
  /** Length of every player's observation vector. */
  observationSize: number;
  /** Number of actions; the legal ones at each turn are given by the mask. */
  numActions: number;
}

export interface TurnBasedEnv {
  readonly spec: TurnBasedEnvSpec;
  readonly renderMode: RenderMode | null;
  /** Starts a new game; a seed re-creates the game's generator, none continues its stream. */
  reset(args?: { seed?: number; options?: Record<string, unknown> }): void;
  /** The player to act now, or TERMINAL when the game is over (chance is resolved inside). */
  currentPlayer(): Player;
  /** Writes player p's observation into `out` (length spec.observationSize) and returns it. */
  observe(player: Player, out?: Float32Array): Float32Array;
  /** Writes the current player's legal-action mask (1 = legal) into `out` and returns it. */
  legalActions(out?: Uint8Array): Uint8Array;
  /** Applies the current player's action. Throws EnvError for an illegal action. */
  step(action: number): void;
  /** Reward each player received from the last step (zero-sum games: they sum to 0). */
  rewards(): Float64Array;
  /** True once the game has ended by its rules. */
  terminated(): boolean;
  /** True once the game was cut short (e.g. a turn limit). */
  truncated(): boolean;
  info(): Info;
  render(): string | null;
  close(): void;
}

/** A policy for one seat: picks an action given the observation and the legal-action mask. */
export interface SeatPolicy {
  act(obs: Float32Array, mask: Uint8Array, env: TurnBasedEnv): number;
  /** Optional: called at the start of every game, before the policy's first move (e.g. a league re-draws the opponent it plays). */
  startEpisode?(): void;
}

/** The tree view of a game position. States are values: `child` never mutates `this`. */
export interface GameState {
  numPlayers(): number;
  currentPlayer(): Player;
  isTerminal(): boolean;
  /** Legal actions of the current player, in increasing order. Empty at chance and terminal nodes. */
  legalActions(): number[];
  /** At a chance node: each outcome (an action) with its probability. */
  chanceOutcomes(): Array<[action: number, probability: number]>;
  /** The state after the action (or chance outcome); `this` is unchanged. */
  child(action: number): GameState;
  /** Per-player returns at a terminal node. */
  returns(): number[];
  /** A string that identifies player p's information set (what p knows). */
  informationStateKey(player: Player): string;
  /** Optional: a tensor encoding of p's information state, for neural policies. */
  informationStateTensor?(player: Player): Float32Array;
  actionToString(action: number): string;
  toString(): string;
}

export interface Game {
  readonly name: string;
  numPlayers(): number;
  /** Largest number of distinct actions at any decision node. */
  numDistinctActions(): number;
  newInitialState(): GameState;
  /** Length of informationStateTensor, when the game provides it. */
  informationStateTensorSize?(): number;
}
