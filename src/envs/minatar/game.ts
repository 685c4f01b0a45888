// The contract shared by the five MinAtar game engines (../shared/envs/MINATAR-SPEC.md §1):
// a 10 × 10 grid, six actions, one act() per agent decision, and a boolean observation per channel.
// Engines hold their state in typed arrays and plain numbers and allocate nothing per step;
// MinAtarEnv (env.ts) adds sticky actions, action sets, seeding and the Env contract on top.

import type { Rng } from '../../core/rng.js';

/** The grid is GRID × GRID cells; a cell is (row, column), row 0 at the top. */
export const GRID = 10;

/** The six actions every game accepts (spec §1.2). Unused actions behave like NOOP. */
export const NOOP = 0;
export const LEFT = 1;
export const UP = 2;
export const RIGHT = 3;
export const DOWN = 4;
export const FIRE = 5;
export const NUM_ACTIONS = 6;
export const ACTION_NAMES: readonly string[] = ['noop', 'left', 'up', 'right', 'down', 'fire'];

export type GameName = 'asterix' | 'breakout' | 'freeway' | 'seaquest' | 'space_invaders';

/** A typed array an observation can be written into (0/1 values). */
export type ObsBuffer = Uint8Array | Float32Array;

/** One game engine. Fields beyond this interface are the game's state, public for tests and tools. */
export interface MinAtarGame {
  readonly name: GameName;
  /** Number of observation channels C; an observation is GRID × GRID × C, channel fastest. */
  readonly channels: number;
  readonly channelNames: readonly string[];
  /** The game actions with a distinct effect, in index order (spec §1.2). */
  readonly minimalActions: readonly number[];
  /** True once a step reported the end of the episode; act() then changes nothing. */
  readonly terminal: boolean;
  /** The ramp counter ("difficulty level"); 0 for games without ramping. */
  readonly rampIndex: number;
  /** The generator every random draw uses; the env rebinds it when a seed re-creates its generator. */
  rng: Rng;
  /** Starts a new episode, drawing from the engine's generator where the game needs it. */
  reset(): void;
  /** Applies one game action (0–5, not sticky) and returns the step's reward. */
  act(action: number): number;
  /** Writes the observation (GRID·GRID·C values of 0/1, index (row·GRID + col)·C + channel) at `offset`. */
  observe(out: ObsBuffer, offset: number): void;
}

/** What every engine constructor takes. The generator is shared with the env (spec §1.5). */
export interface GameOptions {
  rng: Rng;
  difficultyRamping: boolean;
}
