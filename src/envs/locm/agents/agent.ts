// The agent contract for LOCM bots that play through the engine (no text): a deck-building
// choice per phase and, per battle turn, a list of actions the referee executes in order,
// skipping illegal ones (RULES §11.2), exactly as a bot's output line would be handled.
import type { Card } from '../cards.js';
import * as E from '../engine.js';
import type { LocmGame } from '../engine.js';

const PASS = E.PASS, ACTION_NAMES = E.ACTION_NAMES;

/** A reusable list of (kind, a1, a2) actions: one bot output line. */
export class ActionList {
  readonly data: Int32Array;
  length = 0;

  constructor(readonly capacity = 512) {
    this.data = new Int32Array(3 * capacity);
  }

  clear(): void { this.length = 0; }

  push(kind: number, a1: number, a2: number): void {
    if (this.length === this.capacity) throw new RangeError(`ActionList: more than ${this.capacity} actions in one turn`);
    const i = 3 * this.length++;
    this.data[i] = kind; this.data[i + 1] = a1; this.data[i + 2] = a2;
  }

  kind(i: number): number { return this.data[3 * i]; }
  a1(i: number): number { return this.data[3 * i + 1]; }
  a2(i: number): number { return this.data[3 * i + 2]; }

  /** The protocol line: actions joined by `;`, or `PASS` when empty. */
  toLine(): string {
    if (this.length === 0) return 'PASS';
    const parts: string[] = [];
    for (let i = 0; i < this.length; i++) parts.push(this.kind(i) === PASS ? 'PASS' : `${ACTION_NAMES[this.kind(i)]} ${this.a1(i)} ${this.a2(i)}`);
    return parts.join(';');
  }
}

export interface LocmAgent {
  readonly name: string;
  /** Called before each game with a seed for the agent's own randomness and per-game state. */
  reset(seed: number): void;
  /** 1.2 draft: the index 0..2 of the card to take from the offered triple. */
  draft(triple: readonly Card[], chosen: readonly Card[]): number;
  /** 1.5 constructed: 30 indices into `offered` (in choice order), at most 2 of each. */
  construct(offered: readonly Card[]): number[];
  /** One battle turn of `game.currentPlayer`: appends the actions to `out` (already cleared). */
  battle(game: LocmGame, out: ActionList): void;
  /**
   * Optional, for agents that decide one action at a time: writes a legal action (kind, a1, a2)
   * for the live position into `out`; PASS ends the turn. Runners prefer it to `battle`, which
   * such agents implement by stepping a scratch copy, so both paths play identically.
   */
  step?(game: LocmGame, out: Int32Array): void;
}

/** `battle` for a step agent: steps a scratch copy of the position until it passes or the game ends. */
export function battleBySteps(agent: { step(game: LocmGame, out: Int32Array): void }, scratch: LocmGame, game: LocmGame, out: ActionList, action: Int32Array): void {
  scratch.copyFrom(game);
  while (scratch.winner < 0) {
    agent.step(scratch, action);
    if (action[0] === PASS) return;
    out.push(action[0], action[1], action[2]);
    scratch.apply(action[0], action[1], action[2]);
  }
}

/** Executes a turn's actions with the referee's semantics; returns how many were executed. */
export function executeTurn(game: LocmGame, actions: ActionList): number {
  let done = 0;
  for (let i = 0; i < actions.length && game.winner < 0; i++) {
    const k = actions.kind(i), a1 = actions.a1(i), a2 = actions.a2(i);
    if (k === PASS || !game.isLegal(k, a1, a2)) continue;
    game.apply(k, a1, a2);
    done++;
  }
  return done;
}

/** Indices of the `n` best cards by `score` (higher first, earlier card on ties), two copies each. */
export function constructByScore(offered: readonly Card[], score: (c: Card) => number, deckSize = 30): number[] {
  const order = offered.map((c, i) => ({ i, v: score(c) })).sort((a, b) => b.v - a.v || a.i - b.i);
  const picks: number[] = [];
  for (const { i } of order) {
    if (picks.length >= deckSize) break;
    picks.push(i);
    if (picks.length < deckSize) picks.push(i);
  }
  return picks;
}
