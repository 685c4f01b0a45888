// Fuzzing the referee path: bots answer every input with random mixes of legal, illegal and
// malformed text (bad names, lower case, double spaces, tabs, huge numbers, stray separators).
// A match must always end with a winner and the engine's invariants must hold; any exception
// escaping LocmMatch is an engine bug.
import { Rng } from '../../core/rng.js';
import { F_LANE, LANE_SIZE, MAX_HAND, actionText, type Version } from './engine.js';
import { LocmMatch } from './match.js';

export class FuzzInvariantError extends Error {
  override name = 'FuzzInvariantError';
}

const GARBAGE = ['', ';', ' ; ;', 'PASS', 'pass', 'SUMMON', 'ATTACK 1', 'USE  1 2', 'SUMMON\t1 0', 'ATTACK 1 2 3 4 text', 'MOVE 1 2', 'USE 99999999999 1',
  'SUMMON -0 +1', 'ATTACK 2147483647 -2147483648', 'CHOOSE 5', 'PICK 1', '🂡', 'ATTACK 1 -1;;;PASS hello', 'USE a b'];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(xs.length)];
}

/** One fuzzed answer for the awaited player of `match`. `malformedRate` is per answer; `action` is scratch for one action (3 entries). */
export function fuzzAnswer(match: LocmMatch, rng: Rng, malformedRate: number, action: Int32Array): string {
  if (rng.next() < malformedRate) return pick(rng, GARBAGE) + (rng.next() < 0.5 ? '' : ` ${rng.int(200) - 50}`);
  if (match.phase === 'draft') {
    const t = match.triples[match.draftPick];
    return pick(rng, ['PASS', `PICK ${rng.int(3)}`, `CHOOSE ${t[rng.int(3)].id}`, `PICK ${rng.int(3)} because`]);
  }
  if (match.phase === 'constructed') {
    if (rng.next() < 0.2) return pick(rng, ['PASS', 'PASS ; ', 'CHOOSE 0 ; PASS', 'PASS hi;'.repeat(30)]);
    const counts = new Int32Array(match.offered.length), parts: string[] = [];
    while (parts.length < 30) {
      const i = rng.int(match.offered.length);
      if (counts[i] < 2) { counts[i]++; parts.push(`CHOOSE ${match.offered[i].id}`); }
    }
    return parts.join(rng.next() < 0.5 ? ';' : ' ; ');
  }
  const g = match.game, parts: string[] = [];
  const n = rng.int(12);
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    if (r < 0.55) {
      g.sampleLegal(rng, action);
      parts.push(actionText(action[0], action[1], action[2]) + (rng.next() < 0.1 ? ' free text' : ''));
    } else if (r < 0.9) {
      parts.push(`${pick(rng, ['SUMMON', 'ATTACK', 'USE'])} ${rng.int(130) - 2} ${rng.int(130) - 2}`);
    } else {
      parts.push(pick(rng, ['PASS', ' ', 'PASS now', '']));
    }
  }
  return parts.join(pick(rng, [';', ' ; ', ';;']));
}

function checkInvariants(match: LocmMatch): void {
  if (match.phase !== 'battle') return;
  const g = match.game;
  for (let p = 0; p < 2; p++) {
    if (g.handSize(p) > MAX_HAND) throw new FuzzInvariantError(`player ${p} holds ${g.handSize(p)} cards`);
    const lanes = [0, 0];
    for (let i = 0; i < g.boardSize(p); i++) lanes[g.field(g.boardCard(p, i), F_LANE)]++;
    if (lanes[0] > LANE_SIZE || lanes[1] > LANE_SIZE) throw new FuzzInvariantError(`player ${p} has ${lanes.join('+')} creatures`);
    if (g.mana(p) < 0) throw new FuzzInvariantError(`player ${p} has negative mana`);
  }
}

export interface FuzzReport {
  games: number;
  hardErrors: number;
  answers: number;
  warnings: number;
  winsBySeat: [number, number];
}

/** Runs `games` fuzzed matches; throws on an engine exception or a broken invariant. */
export function runFuzz(version: Version, games: number, seed: number, malformedRate = 0.01): FuzzReport {
  const rng = new Rng(seed);
  const action = new Int32Array(3);
  const report: FuzzReport = { games, hardErrors: 0, answers: 0, warnings: 0, winsBySeat: [0, 0] };
  for (let i = 0; i < games; i++) {
    const match = new LocmMatch(version, { params: { seed: String(rng.nextU32()) } });
    let guard = 0;
    while (match.awaiting >= 0) {
      match.inputLines();
      match.submit(fuzzAnswer(match, rng, malformedRate, action));
      report.answers++;
      checkInvariants(match);
      if (++guard > 5000) throw new FuzzInvariantError(`game ${i} (seed ${match.seeds.shufflePlayer0Seed}) did not end after 5000 answers`);
    }
    if (match.winner !== 0 && match.winner !== 1) throw new FuzzInvariantError(`game ${i} ended without a winner`);
    report.winsBySeat[match.winner]++;
    if (match.scores.includes(-1)) report.hardErrors++;
    for (const l of match.summary) if (l.startsWith('[Warning]')) report.warnings++;
  }
  return report;
}
