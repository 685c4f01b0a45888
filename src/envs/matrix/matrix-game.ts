// Two-player matrix (normal-form) games as turn-based trees, as OpenSpiel turns simultaneous games
// into sequential ones: player 0 picks a row, then player 1 picks a column without seeing it
// (each player has a single information set). Rock–paper–scissors and a biased variant are built in.

import type { Rng } from '../../core/rng.js';
import { TERMINAL, type Game, type GameState, type Player } from '../../env/game.js';
import { EnvError, type RenderMode } from '../../env/types.js';
import { EngineEnv, EngineState, type GameEngine } from '../poker/engine.js';

/** Payoffs: rowPayoff[i][j] to player 0 and colPayoff[i][j] to player 1 for row i, column j. */
export interface MatrixGameSpec {
  name: string;
  rowActions: readonly string[];
  colActions: readonly string[];
  rowPayoff: readonly (readonly number[])[];
  colPayoff: readonly (readonly number[])[];
}

function validate(spec: MatrixGameSpec): void {
  const rows = spec.rowActions.length;
  const cols = spec.colActions.length;
  if (rows < 1 || cols < 1) throw new EnvError(`matrix game '${spec.name}': needs at least one action per player`);
  for (const [label, m] of [['rowPayoff', spec.rowPayoff], ['colPayoff', spec.colPayoff]] as const) {
    if (m.length !== rows || m.some((r) => r.length !== cols || r.some((v) => !Number.isFinite(v)))) {
      throw new EnvError(`matrix game '${spec.name}': ${label} must be a ${rows}×${cols} matrix of finite numbers`);
    }
  }
}

/** The rules of one matrix game, mutable; wrapped by MatrixGame and MatrixGameEnv. */
export class MatrixEngine implements GameEngine<MatrixEngine> {
  readonly numPlayers = 2;
  readonly tensorSize = 2;
  readonly numDistinctActions: number;
  private row = -1;
  private col = -1;

  constructor(readonly spec: MatrixGameSpec) {
    this.numDistinctActions = Math.max(spec.rowActions.length, spec.colActions.length);
  }

  clone(): MatrixEngine {
    const e = new MatrixEngine(this.spec);
    e.row = this.row;
    e.col = this.col;
    return e;
  }

  reset(): void {
    this.row = -1;
    this.col = -1;
  }

  currentPlayer(): Player {
    return this.row < 0 ? 0 : this.col < 0 ? 1 : TERMINAL;
  }

  private numActions(player: Player): number {
    return player === 0 ? this.spec.rowActions.length : this.spec.colActions.length;
  }

  legalActions(): number[] {
    const p = this.currentPlayer();
    return p < 0 ? [] : Array.from({ length: this.numActions(p) }, (_, a) => a);
  }

  isLegal(action: number): boolean {
    const p = this.currentPlayer();
    return p >= 0 && Number.isInteger(action) && action >= 0 && action < this.numActions(p);
  }

  chanceOutcomes(): Array<[number, number]> { return []; }

  sampleChance(_rng: Rng): number {
    throw new EnvError(`matrix game '${this.spec.name}' has no chance nodes`);
  }

  apply(action: number): void {
    if (this.row < 0) this.row = action;
    else this.col = action;
  }

  writeReturns(out: Float64Array): void {
    out.fill(0);
    if (this.col < 0) return;
    out[0] = this.spec.rowPayoff[this.row][this.col];
    out[1] = this.spec.colPayoff[this.row][this.col];
  }

  /** Neither player sees the other's choice, so each has one information set. */
  informationStateKey(player: Player): string { return `p${player}`; }

  writeInformationStateTensor(player: Player, out: Float32Array): void { out[player] = 1; }

  actionToString(action: number): string {
    const names = this.currentPlayer() === 1 ? this.spec.colActions : this.spec.rowActions;
    return names[action] ?? `?${action}`;
  }

  toString(): string {
    const r = this.row >= 0 ? this.spec.rowActions[this.row] : '?';
    const c = this.col >= 0 ? this.spec.colActions[this.col] : '?';
    return `${this.spec.name} row ${r} column ${c}`;
  }
}

/** A matrix game through the Game (tree) interface. */
export class MatrixGame implements Game {
  readonly name: string;
  constructor(readonly spec: MatrixGameSpec) {
    validate(spec);
    this.name = spec.name;
  }
  numPlayers(): number { return 2; }
  numDistinctActions(): number { return Math.max(this.spec.rowActions.length, this.spec.colActions.length); }
  newInitialState(): GameState { return new EngineState(new MatrixEngine(this.spec)); }
  informationStateTensorSize(): number { return 2; }
}

/** A matrix game for learners (turn-based: the column player does not see the row). */
export class MatrixGameEnv extends EngineEnv<MatrixEngine> {
  constructor(spec: MatrixGameSpec, options: { renderMode?: RenderMode | null } = {}) {
    validate(spec);
    super(new MatrixEngine(spec), options.renderMode ?? null);
  }
}

/** A zero-sum spec from the row player's payoff matrix. */
export function zeroSumSpec(name: string, actions: readonly string[], rowPayoff: readonly (readonly number[])[]): MatrixGameSpec {
  return { name, rowActions: actions, colActions: actions, rowPayoff, colPayoff: rowPayoff.map((r) => r.map((v) => -v)) };
}

export const RPS_ACTIONS = ['Rock', 'Paper', 'Scissors'] as const;

/** Rock–paper–scissors: value 0, unique equilibrium uniform (1/3, 1/3, 1/3). */
export function rockPaperScissors(): MatrixGame {
  return new MatrixGame(zeroSumSpec('rps', RPS_ACTIONS, [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]));
}

/**
 * Biased rock–paper–scissors (ALGORITHMS.md §2.5): rock beats scissors for 2, scissors beats paper
 * for 1, paper beats rock for 1. Symmetric, value 0; the unique equilibrium is (1/4, 1/2, 1/4).
 */
export function biasedRockPaperScissors(): MatrixGame {
  return new MatrixGame(zeroSumSpec('biased_rps', RPS_ACTIONS, [[0, -1, 2], [1, 0, -1], [-2, 1, 0]]));
}

/** The analytic equilibrium of biasedRockPaperScissors(), for each player. */
export const BIASED_RPS_EQUILIBRIUM: readonly number[] = [0.25, 0.5, 0.25];
