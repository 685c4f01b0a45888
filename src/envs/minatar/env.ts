// MinAtarEnv: one MinAtar game behind the Env contract (src/env/types.ts), with the reference
// wrapper's sticky actions (MINATAR-SPEC §1.4), full or minimal action set (§1.7) and rendering.
//
// Observation ownership: reset/step return a fresh Uint8Array of 0/1 by default, safe to keep and
// to mutate. To keep that cheap, these are views into 32 KiB slabs shared by consecutive observations
// (so `obs.buffer` is larger than the observation: use byteOffset/length, or copy). With
// `reuseObservation: true` they return the env's own buffer instead, overwritten by the next call.
// The FlatEnv path (resetInto/stepInto) and `observeInto` write into a caller's buffer (a vector
// env's batch) without allocating.

import { Rng } from '../../core/rng.js';
import { BaseEnv, Phase } from '../../env/env.js';
import { Box, Discrete } from '../../env/spaces.js';
import {
  EnvError, type EnvMetadata, type FlatEnv, type FlatStepResult, type Info, type RenderMode, type ResetArgs,
  type ResetResult, type RgbFrame, type StepResult,
} from '../../env/types.js';
import { Asterix } from './asterix.js';
import { Breakout } from './breakout.js';
import { Freeway } from './freeway.js';
import { GRID, type GameName, type GameOptions, type MinAtarGame, type ObsBuffer } from './game.js';
import { renderAnsi, renderRgb } from './render.js';
import { Seaquest } from './seaquest.js';
import { SpaceInvaders } from './space-invaders.js';

/**
 * Bytes per slab that fresh observations are cut from: one allocation serves 32–80 steps, and a
 * single observation kept alone pins at most this much memory.
 */
const SLAB_BYTES = 32 * 1024;
const RENDER_MODES: RenderMode[] = ['ansi', 'rgb_array'];

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
  /** Return the env's own observation buffer instead of a fresh one (default false). */
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

export class MinAtarEnv extends BaseEnv<Uint8Array, number> implements FlatEnv {
  readonly observationSpace: Box<'uint8'>;
  readonly actionSpace: Discrete;
  readonly metadata: EnvMetadata = { renderModes: RENDER_MODES, renderFps: 10 };
  /** The game engine. Its state is public: tests and tools may edit it between steps. */
  readonly game: MinAtarGame;
  readonly stickyActionProb: number;
  /** Game action for each agent action index. */
  readonly actions: readonly number[];
  readonly obsSize: number;
  readonly actionSize = 1;

  /** The env's own observation buffer: returned in reuse mode, drawn from by render(). */
  private readonly obs: Uint8Array;
  private readonly reuse: boolean;
  /** Slab the fresh observations are cut from, and the next free offset in it. */
  private slab = new ArrayBuffer(0);
  private slabOffset = 0;
  /** The last game action applied: kept across episodes, as in the reference wrapper. */
  private last = 0;
  private episodeReturn = 0;
  private episodeLength = 0;
  private readonly flatResult: FlatStepResult = { reward: 0, terminated: false, truncated: false, info: null };

  constructor(options: MinAtarOptions) {
    super(options.renderMode ?? null, RENDER_MODES);
    const p = options.stickyActionProb ?? 0.1;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new EnvError(`MinAtar: stickyActionProb must be a number in [0, 1], got ${String(p)}`);
    const actionSet = options.actionSet ?? 'full';
    if (actionSet !== 'full' && actionSet !== 'minimal') throw new EnvError(`MinAtar: actionSet must be 'full' or 'minimal', got ${String(actionSet)}`);
    // The engine gets the env's generator at the first reset (created lazily, as Gymnasium's).
    this.game = createGame(options.game, { rng: new Rng(0), difficultyRamping: options.difficultyRamping ?? true });
    this.stickyActionProb = p;
    this.reuse = options.reuseObservation ?? false;
    this.actions = actionSet === 'full' ? [0, 1, 2, 3, 4, 5] : this.game.minimalActions;
    this.actionSpace = new Discrete(this.actions.length);
    this.observationSpace = new Box(0, 1, [GRID, GRID, this.game.channels], 'uint8');
    this.obsSize = GRID * GRID * this.game.channels;
    this.obs = new Uint8Array(this.obsSize);
  }

  /** The game's ramp counter ("difficulty level", spec §1.6). */
  get difficulty(): number {
    return this.game.rampIndex;
  }

  /** The last game action applied (the one a sticky step repeats). */
  get lastAction(): number {
    return this.last;
  }

  reset(args?: ResetArgs): ResetResult<Uint8Array> {
    this.begin(args);
    return { obs: this.observation(), info: {} };
  }

  step(action: number): StepResult<Uint8Array> {
    const reward = this.advance(action);
    return { obs: this.observation(), reward, terminated: this.game.terminal, truncated: false, info: {} };
  }

  resetInto(obs: Float32Array, offset: number, args?: ResetArgs): Info | null {
    this.begin(args);
    this.observeInto(obs, offset);
    return null;
  }

  stepInto(actions: ArrayLike<number>, actionOffset: number, obs: Float32Array, offset: number): FlatStepResult {
    const r = this.flatResult;
    r.reward = this.advance(actions[actionOffset]);
    r.terminated = this.game.terminal;
    this.observeInto(obs, offset);
    return r;
  }

  /** Writes the current observation (GRID·GRID·C values of 0/1, channel fastest) into `out` at `offset`. */
  observeInto(out: ObsBuffer, offset = 0): void {
    if (!(offset >= 0) || offset + this.obsSize > out.length) {
      throw new EnvError(`MinAtar: observeInto needs ${this.obsSize} values from offset ${offset}, the buffer has ${out.length}`);
    }
    this.game.observe(out, offset);
  }

  private begin(args: ResetArgs | undefined): void {
    this.game.rng = this.seedReset(args);
    this.game.reset();
    this.phase = Phase.Running;
    this.closed = false;
    this.episodeReturn = 0;
    this.episodeLength = 0;
  }

  /** One agent decision: validation, the sticky draw (on every step, even with p = 0, spec §1.4), the game step. */
  private advance(action: number): number {
    if (this.phase !== Phase.Running || this.closed) this.orderError();
    const n = this.actions.length;
    if (!(action >= 0 && action < n) || (action | 0) !== action) {
      throw new EnvError(`${this.spec?.id ?? 'MinAtar'}: action must be an integer in [0, ${n}) for ${this.actionSpace}, got ${String(action)}`);
    }
    let a = this.actions[action];
    if (this.game.rng.next() < this.stickyActionProb) a = this.last;
    this.last = a;
    const reward = this.game.act(a);
    if (this.game.terminal) this.phase = Phase.Ended;
    this.episodeReturn += reward;
    this.episodeLength++;
    return reward;
  }

  /** The current observation, in the env's buffer (reuse mode) or a fresh view of the slab. */
  private observation(): Uint8Array {
    if (this.reuse) {
      this.game.observe(this.obs, 0);
      return this.obs;
    }
    const size = this.obsSize;
    if (this.slabOffset + size > this.slab.byteLength) {
      this.slab = new ArrayBuffer(Math.max(size, SLAB_BYTES - (SLAB_BYTES % size)));
      this.slabOffset = 0;
    }
    // A view built directly (not subarray, which looks up a species constructor) is several times cheaper.
    const out = new Uint8Array(this.slab, this.slabOffset, size);
    this.slabOffset += size;
    this.game.observe(out, 0);
    return out;
  }

  render(): string | RgbFrame | null {
    if (this.renderMode === null) return null;
    if (this.phase === Phase.NeedsReset) throw new EnvError(`${this.spec?.id ?? 'MinAtar'}: render() called before reset()`);
    this.game.observe(this.obs, 0);
    if (this.renderMode === 'rgb_array') return renderRgb(this.game.name, this.obs, this.game.channels);
    const status = this.game.terminal ? '  [terminal]' : '';
    const caption = `${this.game.name}  step ${this.episodeLength}  return ${this.episodeReturn}  difficulty ${this.game.rampIndex}${status}`;
    return renderAnsi(this.game.name, this.obs, this.game.channels, caption);
  }
}
