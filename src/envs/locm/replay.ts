// Replays a recorded referee match (RULES §14.2) through LocmMatch: every input the bots were
// shown is regenerated and compared line by line, every recorded answer is fed back, and the
// referee summary lines and the winner are compared. Returns the first difference, if any.
import type { Version } from './engine.js';
import { LocmMatch } from './match.js';
import { COMPARED_SUMMARY_LINE, type RecordedMatch } from './dataset.js';

export interface ReplayMismatch {
  /** Where it diverged: `input`, `summary`, `end` or `winner`. */
  kind: 'input' | 'summary' | 'end' | 'winner';
  player: number;
  /** 0-based index of the player's input block (turn counter across deck building and battle). */
  block: number;
  message: string;
}

export function replayRecordedMatch(version: Version, rec: RecordedMatch): ReplayMismatch | null {
  const match = new LocmMatch(version, { params: rec.params });
  const next = [0, 0];
  while (match.awaiting >= 0) {
    const p = match.awaiting, k = next[p];
    if (k >= rec.inputs[p].length || k >= rec.outputs[p].length) {
      return { kind: 'end', player: p, block: k, message: `the engine expects input ${k} of player ${p}, but the recording has ${rec.inputs[p].length} inputs and ${rec.outputs[p].length} outputs` };
    }
    const mine = match.inputLines().map((l) => l.trimEnd());
    const theirs = rec.inputs[p][k];
    const n = Math.max(mine.length, theirs.length);
    for (let i = 0; i < n; i++) {
      if (mine[i] !== theirs[i]) {
        return { kind: 'input', player: p, block: k, message: `line ${i + 1}: engine "${mine[i] ?? '<none>'}", recorded "${theirs[i] ?? '<none>'}"` };
      }
    }
    match.submit(rec.outputs[p][k]);
    next[p]++;
  }
  for (const p of [0, 1]) {
    if (next[p] !== rec.inputs[p].length || next[p] !== rec.outputs[p].length) {
      return { kind: 'end', player: p, block: next[p], message: `the engine ended after ${next[p]} turns of player ${p}; the recording has ${rec.inputs[p].length} inputs, ${rec.outputs[p].length} outputs` };
    }
  }
  const ours = match.summary.filter((l) => COMPARED_SUMMARY_LINE.test(l)).map((l) => l.trim());
  const n = Math.max(ours.length, rec.summaryLines.length);
  for (let i = 0; i < n; i++) {
    if (ours[i] !== rec.summaryLines[i]) {
      return { kind: 'summary', player: -1, block: i, message: `summary line ${i + 1}: engine "${ours[i] ?? '<none>'}", recorded "${rec.summaryLines[i] ?? '<none>'}"` };
    }
  }
  const expected = rec.scores[0] === 1 ? 0 : 1;
  if (match.winner !== expected) return { kind: 'winner', player: match.winner, block: -1, message: `engine winner ${match.winner}, recorded ${expected}` };
  return null;
}
