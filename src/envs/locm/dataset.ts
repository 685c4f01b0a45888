// Reader for the gym-locm consistency datasets (RULES §13): one recorded referee match per line,
// a JSON object then `score0 score1 key=value ...`. Recovers per player the input texts the bots
// were shown (echoed on stderr), their output lines, and the referee summary lines to compare.

export class DatasetError extends Error {
  override name = 'DatasetError';
}

export interface RecordedMatch {
  /** Game parameters from the tail (`seed`, `draftChoicesSeed`, `cardGenSeed`, ...). */
  params: Record<string, string>;
  scores: [number, number];
  /** Per player: the input blocks in order, each as its lines with trailing whitespace removed. */
  inputs: [string[][], string[][]];
  /** Per player: the output lines in order (newline removed). */
  outputs: [string[], string[]];
  /** Every summary line that reports a deck-building choice, an action, a warning or the winner, trimmed. */
  summaryLines: string[];
  /** The `Generated cards:` body of the first summary (1.5), trimmed; null if absent. */
  generatedCards: string | null;
}

type Chunks = (string | null)[];

interface RawMatch {
  errors: Record<string, Chunks>;
  outputs: Record<string, Chunks>;
  summaries: Chunks;
}

function isRawMatch(x: unknown): x is RawMatch {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.errors === 'object' && r.errors !== null && typeof r.outputs === 'object' && r.outputs !== null && Array.isArray(r.summaries);
}

/** Splits one player's echoed input text into blocks by the protocol's structure (RULES §12). */
export function splitInputBlocks(text: string): string[][] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const blocks: string[][] = [];
  let i = 0;
  const countAt = (k: number, field: number): number => {
    const v = Number((lines[k] ?? '').split(' ')[field]);
    if (!Number.isInteger(v) || v < 0) throw new DatasetError(`input line ${k + 1} ("${lines[k]}") should hold a count`);
    return v;
  };
  while (i < lines.length) {
    const start = i;
    const actions = countAt(i + 2, 1);
    const cards = countAt(i + 3 + actions, 0);
    i += 4 + actions + cards;
    if (i > lines.length) throw new DatasetError(`input block at line ${start + 1} is cut short`);
    blocks.push(lines.slice(start, i));
  }
  return blocks;
}

/** Summary lines compared in replays: deck-building choices, actions, warnings and the winner. */
export const COMPARED_SUMMARY_LINE = /^Player \$\d chose |performed action|^\[Warning\]|won!/;

/** Parses one dataset line. */
export function parseRecordedMatch(line: string): RecordedMatch {
  const cut = line.lastIndexOf('}');
  if (cut < 0) throw new DatasetError('dataset line has no JSON object');
  const raw: unknown = JSON.parse(line.slice(0, cut + 1));
  if (!isRawMatch(raw)) throw new DatasetError('dataset JSON lacks errors, outputs or summaries');
  const tail = line.slice(cut + 1).trim().split(/\s+/);
  const scores: [number, number] = [Number(tail[0]), Number(tail[1])];
  const params: Record<string, string> = {};
  for (const kv of tail.slice(2)) {
    const eq = kv.indexOf('=');
    if (eq > 0) params[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const player = (p: 0 | 1): { inputs: string[][]; outputs: string[] } => {
    const errs = raw.errors[String(p)] ?? [];
    const outs = raw.outputs[String(p)] ?? [];
    return {
      inputs: splitInputBlocks(errs.filter((c): c is string => c !== null).join('')),
      outputs: outs.filter((c): c is string => c !== null && c !== '').map((c) => c.replace(/\r?\n$/, '')),
    };
  };
  const p0 = player(0), p1 = player(1);
  const summaryLines: string[] = [];
  let generatedCards: string | null = null;
  for (const s of raw.summaries) {
    if (!s) continue;
    for (const l of s.split('\n')) {
      if (l.startsWith('Generated cards: ')) generatedCards = l.slice('Generated cards: '.length).trim();
      else if (COMPARED_SUMMARY_LINE.test(l)) summaryLines.push(l.trim());
    }
  }
  return { params, scores, inputs: [p0.inputs, p1.inputs], outputs: [p0.outputs, p1.outputs], summaryLines, generatedCards };
}
