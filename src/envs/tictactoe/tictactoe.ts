// Tic-tac-toe as a TurnBasedEnv: the smallest complete example of the turn-based game API. Player 0
// plays X and moves first. Observations are from the observing player's side: 9 cells of own marks,
// 9 of the opponent's, 9 empty. Rewards are +1/−1 for a win, 0 for a draw, given on the final move.
import type { Player, TurnBasedEnv, TurnBasedEnvSpec } from '../../env/game.js';
import { TERMINAL } from '../../env/game.js';
import { checkSeed } from '../../env/seeding.js';
import { EnvError, type Info, type RenderMode } from '../../env/types.js';

const LINES = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6]];

export class TicTacToe implements TurnBasedEnv {
  readonly spec: TurnBasedEnvSpec = { numPlayers: 2, observationSize: 27, numActions: 9 };
  readonly renderMode: RenderMode | null;
  /** 0 empty, 1 player 0 (X), 2 player 1 (O). */
  private readonly board = new Uint8Array(9);
  private toMove: Player = 0;
  private winner: Player | null = null;
  private over = false;
  private readonly lastRewards = new Float64Array(2);

  constructor(options: { renderMode?: RenderMode | null } = {}) {
    const mode = options.renderMode ?? null;
    if (mode !== null && mode !== 'ansi') throw new EnvError(`TicTacToe: render mode '${mode}' is not supported; use 'ansi' or null`);
    this.renderMode = mode;
  }

  reset(args: { seed?: number; options?: Record<string, unknown> } = {}): void {
    if (args.seed !== undefined) checkSeed(args.seed, 'TicTacToe.reset'); // deterministic game: nothing to seed
    this.board.fill(0);
    this.toMove = 0;
    this.winner = null;
    this.over = false;
    this.lastRewards.fill(0);
  }

  currentPlayer(): Player {
    return this.over ? TERMINAL : this.toMove;
  }

  observe(player: Player, out = new Float32Array(27)): Float32Array {
    if (player !== 0 && player !== 1) throw new EnvError(`TicTacToe.observe: player must be 0 or 1, got ${player}`);
    out.fill(0);
    for (let c = 0; c < 9; c++) {
      const v = this.board[c];
      out[v === 0 ? 18 + c : v - 1 === player ? c : 9 + c] = 1;
    }
    return out;
  }

  legalActions(out = new Uint8Array(9)): Uint8Array {
    for (let c = 0; c < 9; c++) out[c] = !this.over && this.board[c] === 0 ? 1 : 0;
    return out;
  }

  step(action: number): void {
    if (this.over) throw new EnvError('TicTacToe.step: the game is over; call reset()');
    if (!Number.isInteger(action) || action < 0 || action > 8 || this.board[action] !== 0) {
      throw new EnvError(`TicTacToe.step: action ${action} is illegal (cells 0–8, empty ones only)`);
    }
    const p = this.toMove;
    this.board[action] = p + 1;
    this.lastRewards.fill(0);
    if (LINES.some((l) => l.every((c) => this.board[c] === p + 1))) {
      this.winner = p;
      this.over = true;
      this.lastRewards[p] = 1;
      this.lastRewards[1 - p] = -1;
    } else if (this.board.every((v) => v !== 0)) {
      this.over = true;
    } else {
      this.toMove = 1 - p;
    }
  }

  rewards(): Float64Array {
    return this.lastRewards;
  }

  terminated(): boolean {
    return this.over;
  }

  truncated(): boolean {
    return false;
  }

  info(): Info {
    return this.over ? { winner: this.winner } : {};
  }

  render(): string | null {
    if (this.renderMode === null) return null;
    const mark = ['.', 'X', 'O'];
    const rows = [0, 1, 2].map((r) => Array.from(this.board.subarray(r * 3, r * 3 + 3), (v) => mark[v]).join(' '));
    return rows.join('\n');
  }

  close(): void {}
}
