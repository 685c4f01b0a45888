// The Ludus LOCM replay (JSON, versioned): the version, every sub-seed as a referee parameter,
// the players and each answer line in call order (or the failure that ended the game). It holds
// no states: re-simulating the answers through LocmMatch rebuilds every position exactly.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../core/atomic-file.js';
import type { Card } from './cards.js';
import type { LocmGame, Version } from './engine.js';
import { LocmMatch } from './match.js';

export const REPLAY_FORMAT = 'ludus-locm-replay';
export const REPLAY_FORMAT_VERSION = 1;

/** One call of the referee: the awaited player's answer, or null with the failure that ended the game. */
export interface ReplayTurn {
  player: number;
  line: string | null;
  /** Answer time in milliseconds, when measured. */
  ms?: number;
  error?: string;
}

export interface LocmReplay {
  format: typeof REPLAY_FORMAT;
  formatVersion: number;
  version: Version;
  /** Referee parameters with every sub-seed explicit (RULES §4). */
  params: Record<string, string>;
  players: [string, string];
  turns: ReplayTurn[];
  winner: number;
  scores: [number, number];
}

export class ReplayFormatError extends Error {
  override name = 'ReplayFormatError';
}

/** What the awaited player was shown before one call. */
export type StepView =
  | { phase: 'draft'; pick: number; offered: readonly Card[]; chosen: readonly Card[] }
  | { phase: 'constructed'; offered: readonly Card[] }
  | { phase: 'battle'; game: LocmGame };

export interface ReplayStep {
  turn: ReplayTurn;
  view: StepView;
  /** Referee summary lines the answer produced (actions, warnings, errors, the winner). */
  summary: string[];
}

function fail(path: string, what: string): never {
  throw new ReplayFormatError(`${path}: ${what}`);
}

/** Checks the shape of parsed JSON and returns it as a replay. */
export function validateReplay(x: unknown, path = 'replay'): LocmReplay {
  if (typeof x !== 'object' || x === null) fail(path, 'not a JSON object');
  const r = x as Record<string, unknown>;
  if (r.format !== REPLAY_FORMAT) fail(path, `not a Ludus LOCM replay (format is ${JSON.stringify(r.format)}, expected "${REPLAY_FORMAT}")`);
  if (r.formatVersion !== REPLAY_FORMAT_VERSION) fail(path, `replay format version ${String(r.formatVersion)} is not supported (this Ludus reads version ${REPLAY_FORMAT_VERSION})`);
  if (r.version !== '1.2' && r.version !== '1.5') fail(path, `version must be "1.2" or "1.5", got ${JSON.stringify(r.version)}`);
  if (typeof r.params !== 'object' || r.params === null || Object.values(r.params).some((v) => typeof v !== 'string')) fail(path, 'params must map names to strings');
  if (!Array.isArray(r.players) || r.players.length !== 2 || r.players.some((p) => typeof p !== 'string')) fail(path, 'players must be two names');
  if (!Array.isArray(r.turns)) fail(path, 'turns must be a list');
  r.turns.forEach((t: unknown, i) => {
    const u = t as Record<string, unknown> | null;
    if (typeof u !== 'object' || u === null || (u.player !== 0 && u.player !== 1) || !(typeof u.line === 'string' || (u.line === null && typeof u.error === 'string'))) {
      fail(path, `turn ${i + 1} needs player 0 or 1 and a line (or line null with an error)`);
    }
  });
  if (r.winner !== 0 && r.winner !== 1) fail(path, 'winner must be 0 or 1');
  if (!Array.isArray(r.scores) || r.scores.length !== 2 || r.scores.some((s) => typeof s !== 'number')) fail(path, 'scores must be two numbers');
  return r as unknown as LocmReplay;
}

export function readReplay(path: string): LocmReplay {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ReplayFormatError(`cannot read replay ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ReplayFormatError(`${path} is not JSON: ${(e as Error).message}`);
  }
  return validateReplay(json, path);
}

export function writeReplay(path: string, replay: LocmReplay): void {
  writeFileAtomic(path, JSON.stringify(replay) + '\n');
}

/** Re-simulates a replay call by call; checks that it ends as recorded. */
export function simulateReplay(replay: LocmReplay): ReplayStep[] {
  const match = new LocmMatch(replay.version, { params: replay.params });
  const steps: ReplayStep[] = [];
  replay.turns.forEach((turn, i) => {
    if (match.awaiting < 0) throw new ReplayFormatError(`the game ended after ${i} turns, but the replay has ${replay.turns.length}`);
    if (turn.player !== match.awaiting) throw new ReplayFormatError(`turn ${i + 1} is player ${turn.player}'s, but the game awaits player ${match.awaiting}`);
    const view: StepView = match.phase === 'draft'
      ? { phase: 'draft', pick: match.draftPick, offered: match.triples[match.draftPick], chosen: match.chosen[turn.player].slice() }
      : match.phase === 'constructed' ? { phase: 'constructed', offered: match.offered } : { phase: 'battle', game: match.game.clone() };
    const before = match.summary.length;
    if (turn.line === null) match.hardError(turn.player, turn.error ?? 'failed');
    else match.submit(turn.line);
    steps.push({ turn, view, summary: match.summary.slice(before) });
  });
  if (match.awaiting >= 0) throw new ReplayFormatError(`the replay stops after ${replay.turns.length} turns, before the game ends`);
  if (match.winner !== replay.winner) throw new ReplayFormatError(`re-simulated winner is player ${match.winner}, the replay records player ${replay.winner}`);
  return steps;
}
