// One rules engine per game, two views over it: an immutable GameState for tree algorithms
// (child() clones the engine) and a TurnBasedEnv for learners (one engine mutated in place,
// chance sampled from a seeded Rng, no allocation per step). Used by the poker and matrix games.

import { Rng } from '../../core/rng.js';
import { CHANCE, TERMINAL, type GameState, type Player, type TurnBasedEnv, type TurnBasedEnvSpec } from '../../env/game.js';
import { EnvError, type Info, type RenderMode } from '../../env/types.js';

/** The mutable rules of a finite game with chance, written once and wrapped by both views. */
export interface GameEngine<E extends GameEngine<E>> {
  readonly numPlayers: number;
  /** A deep copy: mutating the copy never affects this engine. */
  clone(): E;
  /** Back to the initial position (before any chance outcome). */
  reset(): void;
  /** The player to act, CHANCE, or TERMINAL. */
  currentPlayer(): Player;
  /** Legal actions of the player to act, increasing; empty at chance and terminal nodes. */
  legalActions(): number[];
  isLegal(action: number): boolean;
  /** At a chance node: outcomes with probabilities summing to 1. */
  chanceOutcomes(): Array<[number, number]>;
  /** At a chance node: one outcome drawn from `chanceOutcomes()`, without allocating. */
  sampleChance(rng: Rng): number;
  /** Applies a player action or chance outcome (the caller has checked legality). */
  apply(action: number): void;
  /** Writes each player's return into `out` (zero until the game ends). */
  writeReturns(out: Float64Array): void;
  informationStateKey(player: Player): string;
  /** Writes player p's information-state encoding into `out` (length tensorSize, zeroed first). */
  writeInformationStateTensor(player: Player, out: Float32Array): void;
  readonly tensorSize: number;
  readonly numDistinctActions: number;
  actionToString(action: number): string;
  toString(): string;
}

function checkPlayer(player: Player, numPlayers: number, where: string): void {
  if (!Number.isInteger(player) || player < 0 || player >= numPlayers) {
    throw new EnvError(`${where}: player must be an integer in [0, ${numPlayers - 1}], got ${player}`);
  }
}

/** The tree view of an engine position; `child` never mutates `this`. */
export class EngineState<E extends GameEngine<E>> implements GameState {
  constructor(private readonly engine: E) {}

  numPlayers(): number { return this.engine.numPlayers; }
  currentPlayer(): Player { return this.engine.currentPlayer(); }
  isTerminal(): boolean { return this.engine.currentPlayer() === TERMINAL; }
  legalActions(): number[] { return this.engine.legalActions(); }

  chanceOutcomes(): Array<[number, number]> {
    return this.engine.currentPlayer() === CHANCE ? this.engine.chanceOutcomes() : [];
  }

  child(action: number): GameState {
    const player = this.engine.currentPlayer();
    if (player === TERMINAL) throw new EnvError(`child(${action}): the game is over (${this.engine.toString()})`);
    const legal = player === CHANCE ? this.engine.chanceOutcomes().some(([a]) => a === action) : this.engine.isLegal(action);
    if (!legal) {
      const options = player === CHANCE ? this.engine.chanceOutcomes().map(([a]) => a) : this.engine.legalActions();
      throw new EnvError(`child(${action}): not a legal ${player === CHANCE ? 'chance outcome' : 'action'} here; legal: [${options.join(', ')}] (${this.engine.toString()})`);
    }
    const next = this.engine.clone();
    next.apply(action);
    return new EngineState(next);
  }

  returns(): number[] {
    const out = new Float64Array(this.engine.numPlayers);
    this.engine.writeReturns(out);
    return Array.from(out);
  }

  informationStateKey(player: Player): string {
    checkPlayer(player, this.engine.numPlayers, 'informationStateKey');
    return this.engine.informationStateKey(player);
  }

  informationStateTensor(player: Player): Float32Array {
    checkPlayer(player, this.engine.numPlayers, 'informationStateTensor');
    const out = new Float32Array(this.engine.tensorSize);
    this.engine.writeInformationStateTensor(player, out);
    return out;
  }

  actionToString(action: number): string { return this.engine.actionToString(action); }
  toString(): string { return this.engine.toString(); }
}

/**
 * The learner's view of an engine: chance is resolved inside from a seeded Rng, observations are
 * information-state tensors, rewards arrive at the end (terminal rewards; the games are zero-sum).
 */
export class EngineEnv<E extends GameEngine<E>> implements TurnBasedEnv {
  readonly spec: TurnBasedEnvSpec;
  readonly renderMode: RenderMode | null;
  private readonly rng = new Rng(0);
  private readonly rewardBuf: Float64Array;
  private started = false;
  private closed = false;

  constructor(private readonly engine: E, renderMode: RenderMode | null = null, seed = 0) {
    if (renderMode !== null && renderMode !== 'ansi') throw new EnvError(`render mode '${renderMode}' is not supported; use 'ansi' or null`);
    this.renderMode = renderMode;
    this.spec = { numPlayers: engine.numPlayers, observationSize: engine.tensorSize, numActions: engine.numDistinctActions };
    this.rewardBuf = new Float64Array(engine.numPlayers);
    this.rng.seed(seed);
  }

  reset(args?: { seed?: number; options?: Record<string, unknown> }): void {
    if (this.closed) throw new EnvError('reset: the env is closed');
    const seed = args?.seed;
    if (seed !== undefined) {
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new EnvError(`reset: seed must be an integer in [0, 2^32−1], got ${seed}`);
      this.rng.seed(seed);
    }
    this.engine.reset();
    this.rewardBuf.fill(0);
    this.resolveChance();
    this.started = true;
  }

  currentPlayer(): Player {
    this.requireStarted('currentPlayer');
    return this.engine.currentPlayer();
  }

  observe(player: Player, out?: Float32Array): Float32Array {
    this.requireStarted('observe');
    checkPlayer(player, this.engine.numPlayers, 'observe');
    const buf = out ?? new Float32Array(this.engine.tensorSize);
    if (buf.length !== this.engine.tensorSize) throw new EnvError(`observe: out must have length ${this.engine.tensorSize}, got ${buf.length}`);
    buf.fill(0);
    this.engine.writeInformationStateTensor(player, buf);
    return buf;
  }

  legalActions(out?: Uint8Array): Uint8Array {
    this.requireStarted('legalActions');
    const n = this.engine.numDistinctActions;
    const buf = out ?? new Uint8Array(n);
    if (buf.length !== n) throw new EnvError(`legalActions: out must have length ${n}, got ${buf.length}`);
    const over = this.engine.currentPlayer() < 0;
    for (let a = 0; a < n; a++) buf[a] = !over && this.engine.isLegal(a) ? 1 : 0;
    return buf;
  }

  step(action: number): void {
    this.requireStarted('step');
    if (this.engine.currentPlayer() === TERMINAL) throw new EnvError('step: the game is over; call reset() first');
    if (!Number.isInteger(action) || !this.engine.isLegal(action)) {
      throw new EnvError(`step(${action}): illegal action; legal actions are [${this.engine.legalActions().join(', ')}]`);
    }
    this.engine.apply(action);
    this.resolveChance();
    if (this.engine.currentPlayer() === TERMINAL) this.engine.writeReturns(this.rewardBuf);
    else this.rewardBuf.fill(0);
  }

  rewards(): Float64Array { return this.rewardBuf; }
  terminated(): boolean { return this.started && this.engine.currentPlayer() === TERMINAL; }
  truncated(): boolean { return false; }
  info(): Info { return {}; }
  render(): string | null { return this.renderMode === 'ansi' ? this.engine.toString() : null; }
  close(): void { this.closed = true; }

  private resolveChance(): void {
    while (this.engine.currentPlayer() === CHANCE) this.engine.apply(this.engine.sampleChance(this.rng));
  }

  private requireStarted(where: string): void {
    if (!this.started) throw new EnvError(`${where}: call reset() before using the env`);
  }
}
