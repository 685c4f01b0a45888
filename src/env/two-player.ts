// TwoPlayerEnv: a two-player turn-based game plus a fixed opponent policy, seen as a single-agent Env.
// The learner sits in a configurable seat (fixed, alternating per episode, or random); the opponent's
// moves are played inside reset/step until it is the learner's turn again; the reward is the learner's
// share of every move since its last action (terminal rewards from its perspective). The legal-action
// mask is in `info.actionMask` and from `actionMask()`, for maskable learners. The opponent's optional
// `startEpisode` hook runs at every reset, after its seeding, so a league can draw a new opponent per game.
import { deriveSeed } from '../core/rng.js';
import { BaseEnv, Phase } from './env.js';
import { TERMINAL, type SeatPolicy, type TurnBasedEnv } from './game.js';
import { isSeededSeatPolicy } from './seat-policies.js';
import { checkSeed } from './seeding.js';
import { Box, Discrete } from './spaces.js';
import { EnvError, type EnvMetadata, type Info, type ResetArgs, type ResetResult, type StepResult } from './types.js';

export type LearnerSeat = 0 | 1 | 'alternate' | 'random';

export interface TwoPlayerEnvOptions {
  /** The learner's seat: 0, 1, 'alternate' (0 after a seeded reset, then switching every episode) or 'random'. Default 0. */
  learnerSeat?: LearnerSeat;
}

export class TwoPlayerEnv extends BaseEnv<Float32Array, number> {
  readonly observationSpace: Box;
  readonly actionSpace: Discrete;
  readonly metadata: EnvMetadata;
  private readonly seatRule: LearnerSeat;
  private learner = 0;
  private episodes = 0;
  private readonly mask: Uint8Array;

  constructor(readonly game: TurnBasedEnv, readonly opponent: SeatPolicy, options: TwoPlayerEnvOptions = {}) {
    super(game.renderMode, game.renderMode === null ? [] : [game.renderMode]);
    if (game.spec.numPlayers !== 2) throw new EnvError(`TwoPlayerEnv needs a two-player game, got ${game.spec.numPlayers} players`);
    const seat = options.learnerSeat ?? 0;
    if (seat !== 0 && seat !== 1 && seat !== 'alternate' && seat !== 'random') throw new EnvError(`TwoPlayerEnv: learnerSeat must be 0, 1, 'alternate' or 'random', got ${String(seat)}`);
    this.seatRule = seat;
    this.observationSpace = new Box(-Infinity, Infinity, [game.spec.observationSize]);
    this.actionSpace = new Discrete(game.spec.numActions);
    this.metadata = { renderModes: game.renderMode === null ? [] : [game.renderMode] };
    this.mask = new Uint8Array(game.spec.numActions);
  }

  /** The learner's seat in the current episode. */
  get seat(): number {
    return this.learner;
  }

  /** The learner's legal actions now (1 = legal), a fresh array. */
  actionMask(): Uint8Array {
    return this.game.legalActions(new Uint8Array(this.game.spec.numActions));
  }

  /** Plays the opponent until it is the learner's turn or the game is over; returns the learner's reward meanwhile. */
  private playOpponent(): number {
    const game = this.game;
    const opp = 1 - this.learner;
    let reward = 0;
    for (let p = game.currentPlayer(); p !== TERMINAL && p !== this.learner && !game.truncated(); p = game.currentPlayer()) {
      if (p !== opp) throw new EnvError(`TwoPlayerEnv: the game reported player ${p} to move; expected ${opp} or ${this.learner}`);
      const action = this.opponent.act(game.observe(opp), game.legalActions(this.mask), game);
      game.step(action);
      reward += game.rewards()[this.learner];
    }
    return reward;
  }

  private ended(): boolean {
    return this.game.currentPlayer() === TERMINAL || this.game.terminated() || this.game.truncated();
  }

  private info(): Info {
    return this.ended() ? { seat: this.learner } : { seat: this.learner, actionMask: this.actionMask() };
  }

  reset(args?: ResetArgs): ResetResult<Float32Array> {
    const seed = args?.seed;
    if (seed !== undefined && seed !== null) checkSeed(seed, 'TwoPlayerEnv.reset');
    // The seat rule and the opponent draw from streams derived from the seed, the game from the seed itself.
    this.seedReset(seed === undefined || seed === null ? undefined : { seed: deriveSeed(seed, 'two-player', 'seat') });
    if (seed !== undefined && seed !== null) {
      if (isSeededSeatPolicy(this.opponent)) this.opponent.seed(deriveSeed(seed, 'two-player', 'opponent'));
      this.episodes = 0; // a seeded reset restarts the alternation too, so equal seeds give equal episodes
    }
    this.learner = this.seatRule === 'alternate' ? this.episodes % 2 : this.seatRule === 'random' ? this.npRandom.int(2) : this.seatRule;
    this.episodes++;
    this.game.reset({ seed: seed ?? undefined, options: args?.options });
    this.opponent.startEpisode?.();
    this.playOpponent();
    if (this.ended()) throw new EnvError('TwoPlayerEnv: the game ended before the learner\'s first turn');
    this.phase = Phase.Running;
    return { obs: this.game.observe(this.learner), info: this.info() };
  }

  step(action: number): StepResult<Float32Array> {
    if (this.phase !== Phase.Running || this.closed) this.orderError();
    const mask = this.game.legalActions(this.mask);
    if (!Number.isInteger(action) || action < 0 || action >= mask.length || mask[action] !== 1) {
      const legal: number[] = [];
      mask.forEach((m, i) => { if (m) legal.push(i); });
      throw new EnvError(`TwoPlayerEnv: action ${action} is not legal now; legal actions: ${legal.join(', ')}`);
    }
    this.game.step(action);
    let reward = this.game.rewards()[this.learner];
    if (!this.ended()) reward += this.playOpponent();
    const terminated = this.game.terminated() || this.game.currentPlayer() === TERMINAL;
    const truncated = !terminated && this.game.truncated();
    if (terminated || truncated) this.phase = Phase.Ended;
    return { obs: this.game.observe(this.learner), reward, terminated, truncated, info: this.info() };
  }

  render(): string | null {
    return this.game.render();
  }

  override close(): void {
    if (!this.closed) this.game.close();
    super.close();
  }
}
