// MinAtarEnv: one MinAtar game behind the Env contract (src/env/types.ts), with the reference
// wrapper's sticky actions (MINATAR-SPEC §1.4), full or minimal action set (§1.7) and rendering.
//
// Observation ownership: reset/step return a fresh Uint8Array by default, safe to keep and to
// mutate. To keep that cheap, these are views into small shared slabs (so `obs.buffer` is larger
// than the observation: use byteOffset/length, or copy). With `reuseObservation: true` they return
// the env's own buffer instead, overwritten by the next call. `observeInto` writes the current
// observation into any Uint8Array/Float32Array (a vector env's batch buffer) without allocating.

import { Rng } from '../../core/rng.js';
import { checkSeed, entropySeed } from '../../env/seeding.js';
import { Box, Discrete } from '../../env/spaces.js';
import { EnvError, type Env, type EnvMetadata, type EnvSpec, type RenderMode, type ResetArgs, type ResetResult, type RgbFrame, type StepResult } from '../../env/types.js';
import { Asterix } from './asterix.js';
import { Breakout } from './breakout.js';
import { Freeway } from './freeway.js';
import { GRID, NUM_ACTIONS, type GameName, type GameOptions, type MinAtarGame, type ObsBuffer } from './game.js';
import { renderAnsi, renderRgb } from './render.js';
import { Seaquest } from './seaquest.js';
import { SpaceInvaders } from './space-invaders.js';

/** Observations per slab in copy mode: allocation is amortised over this many steps. */
const SLAB_OBSERVATIONS = 16;

export const GAME_NAMES: readonly GameName[] = ['asterix', 'breakout', 'freeway', 'seaquest', 'space_invaders'];

export interface MinAtarOptions {
  game: GameName;
  /** Probability that the previous game action is repeated instead of the agent's (default 0.1). */
  stickyActionProb?: number;
  /** Asterix, Seaquest and Space Invaders get harder over time (default true). */
  difficultyRamping?: boolean;
  /** 'full': Discrete(6); 'minimal': Discrete(k) over the game's minimal action set (default 'full'). */
  actionSet?: 'full' | 'minimal';
  renderMode?: RenderMode | null;
  /** Return the env's own observation buffer instead of a copy (default false). */
  reuseObservation?: boolean;
}

/** Builds a game engine by name. */
export function createGame(name: GameName, options: GameOptions): MinAtarGame {
  switch (name) {
    case 'asterix': return new Asterix(options);
    case 'breakout': return new Breakout(options);
    case 'freeway': return new Freeway(options);
    case 'seaquest': return new Seaquest(options);
    case 'space_invaders': return new SpaceInvaders(options);
    default: throw new EnvError(`MinAtar: unknown game ${JSON.stringify(name)}; expected one of ${GAME_NAMES.join(', ')}`);
  }
}

export class MinAtarEnv implements Env<Uint8Array, number> {
  readonly observationSpace: Box<'uint8'>;
  readonly actionSpace: Discrete;
  readonly metadata: EnvMetadata = { renderModes: ['ansi', 'rgb_array'], renderFps: 10 };
  readonly renderMode: RenderMode | null;
  spec: EnvSpec | null = null;
  /** The game engine: its state is public, for tests and tools. */
  readonly game: MinAtarGame;
  readonly stickyActionProb: number;
  /** Game action for each agent action index. */
  readonly actions: readonly number[];

  private readonly rng = new Rng(0);
  /** The env's own observation buffer: returned in reuse mode, drawn from by render(). */
  private readonly obs: Uint8Array;
  /** Slab the fresh observations are cut from, and the next free offset in it. */
  private slab: Uint8Array = new Uint8Array(0);
  private slabOffset = 0;
  private readonly reuse: boolean;
  /** The seed of the current stream (Gymnasium's np_random_seed), null before the first reset. */
  private seedUsed: number | null = null;
  /** The last game action applied: kept across episodes, as in the reference wrapper. */
  private last = 0;
  private started = false;
  private episodeReturn = 0;
  private episodeLength = 0;

  constructor(options: MinAtarOptions) {
    const p = options.stickyActionProb ?? 0.1;
    if (!(p >= 0 && p <= 1)) throw new EnvError(`MinAtar: stickyActionProb must lie in [0, 1], got ${p}`);
    const mode = options.renderMode ?? null;
    if (mode !== null && !this.metadata.renderModes.includes(mode)) {
      throw new EnvError(`MinAtar: render mode ${JSON.stringify(mode)} is not supported; use one of ${this.metadata.renderModes.join(', ')} or null`);
    }
    const actionSet = options.actionSet ?? 'full';
    if (actionSet !== 'full' && actionSet !== 'minimal') throw new EnvError(`MinAtar: actionSet must be 'full' or 'minimal', got ${String(actionSet)}`);
    this.game = createGame(options.game, { rng: this.rng, difficultyRamping: options.difficultyRamping ?? true });
    this.stickyActionProb = p;
    this.renderMode = mode;
    this.reuse = options.reuseObservation ?? false;
    this.actions = actionSet === 'full' ? [0, 1, 2, 3, 4, 5] : this.game.minimalActions;
    this.actionSpace = new Discrete(this.actions.length);
    this.observationSpace = new Box(0, 1, [GRID, GRID, this.game.channels], 'uint8');
    this.obs = new Uint8Array(GRID * GRID * this.game.channels);
  }

  get unwrapped(): Env<unknown, unknown> {
    return this as Env<unknown, unknown>;
  }

  /** The seed the generator was last created from, or null before the first reset. */
  get npRandomSeed(): number | null {
    return this.seedUsed;
  }

  /** The game's ramp counter ("difficulty level", spec §1.6). */
  get difficulty(): number {
    return this.game.rampIndex;
  }

  /** The last game action applied (the one a sticky step repeats). */
  get lastAction(): number {
    return this.last;
  }

  reset(args: ResetArgs = {}): ResetResult<Uint8Array> {
    if (args.seed !== undefined) {
      this.seedUsed = checkSeed(args.seed);
      this.rng.seed(this.seedUsed);
    } else if (this.seedUsed === null) {
      this.seedUsed = entropySeed();
      this.rng.seed(this.seedUsed);
    }
    this.game.reset();
    this.started = true;
    this.episodeReturn = 0;
    this.episodeLength = 0;
    return { obs: this.observation(), info: {} };
  }

  step(action: number): StepResult<Uint8Array> {
    if (!this.started) throw new EnvError('MinAtar: call reset() before step()');
    if (this.game.terminal) throw new EnvError('MinAtar: the episode has ended; call reset() before stepping again');
    const n = this.actions.length;
    if (!(action >= 0 && action < n) || (action | 0) !== action) {
      throw new EnvError(`MinAtar: action must be an integer in [0, ${n}), got ${String(action)}`);
    }
    // The sticky draw happens on every step, even with p = 0 (spec §1.4).
    let a = this.actions[action];
    if (this.rng.next() < this.stickyActionProb) a = this.last;
    this.last = a;
    const reward = this.game.act(a);
    this.episodeReturn += reward;
    this.episodeLength++;
    return { obs: this.observation(), reward, terminated: this.game.terminal, truncated: false, info: {} };
  }

  /** The current observation, in the env's buffer (reuse mode) or a fresh view of the slab. */
  private observation(): Uint8Array {
    if (this.reuse) {
      this.game.observe(this.obs, 0);
      return this.obs;
    }
    const size = this.obs.length;
    if (this.slabOffset + size > this.slab.length) {
      // A slab holds a few observations only, so one kept observation pins little memory.
      this.slab = new Uint8Array(size * SLAB_OBSERVATIONS);
      this.slabOffset = 0;
    }
    const out = this.slab.subarray(this.slabOffset, this.slabOffset + size);
    this.slabOffset += size;
    this.game.observe(out, 0);
    return out;
  }

  /** Writes the current observation (GRID·GRID·C values of 0/1) into `out` at `offset`. */
  observeInto(out: ObsBuffer, offset = 0): void {
    if (offset < 0 || offset + this.obs.length > out.length) {
      throw new EnvError(`MinAtar: observeInto needs ${this.obs.length} values from offset ${offset}, the buffer has ${out.length}`);
    }
    this.game.observe(out, offset);
  }

  render(): string | RgbFrame | null {
    if (this.renderMode === null) return null;
    if (!this.started) throw new EnvError('MinAtar: call reset() before render()');
    this.game.observe(this.obs, 0);
    if (this.renderMode === 'rgb_array') return renderRgb(this.game.name, this.obs, this.game.channels);
    const status = this.game.terminal ? '  [terminal]' : '';
    const caption = `${this.game.name}  step ${this.episodeLength}  return ${this.episodeReturn}  difficulty ${this.game.rampIndex}${status}`;
    return renderAnsi(this.game.name, this.obs, this.game.channels, caption);
  }

  close(): void {
    // Nothing to release: all state is in memory.
  }
}
