// The competition's text protocol on the referee side (RULES §5.1, §5.3, §11.1, §12): parsing
// bot answer lines exactly as the Java referee splits them, and the deck-building input texts.
import { ATTACK, PASS, SUMMON, USE } from './engine.js';
import { keywordString, type Card } from './cards.js';

/** A bot answer the referee rejects as a whole: the bot loses (a hard error, RULES §11.3). */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

export interface ParsedAction {
  kind: number;
  a1: number;
  a2: number;
  /** Free text after the arguments ('' when none). */
  text: string;
}

const INT = /^[+-]?\d+$/;

/** Java's Integer.parseInt: optional sign, decimal digits, within the 32-bit range; null otherwise. */
export function parseJavaInt(text: string): number | null {
  if (!INT.test(text)) return null;
  const v = Number(text);
  return v >= -2147483648 && v <= 2147483647 ? v : null;
}

/** Java's `String.split(" ", limit)` for a positive limit (trailing empty strings are kept). */
function splitSpaces(text: string, limit: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < limit - 1) {
    const i = text.indexOf(' ', start);
    if (i < 0) break;
    out.push(text.slice(start, i));
    start = i + 1;
  }
  out.push(text.slice(start));
  return out;
}

const NAMES: Record<string, number> = { PASS, SUMMON, ATTACK, USE };

/** Parses a battle answer (`Action.parseSequence`): `;`-separated actions, split on single spaces. */
export function parseBattleLine(line: string): ParsedAction[] {
  const actions: ParsedAction[] = [];
  for (const raw of line.split(';')) {
    const piece = raw.trim();
    if (piece === '') continue;
    const [name, rest] = splitSpaces(piece, 2);
    const kind = NAMES[name];
    if (kind === undefined) throw new ProtocolError(`Invalid action name "${name}" in "${piece}": expected SUMMON, ATTACK, USE or PASS`);
    if (kind === PASS) { actions.push({ kind, a1: 0, a2: 0, text: '' }); continue; }
    if (rest === undefined) throw new ProtocolError(`Missing arguments in "${piece}": ${name} needs two integers`);
    const parts = splitSpaces(rest, 3);
    if (parts.length < 2) throw new ProtocolError(`Missing argument in "${piece}": ${name} needs two integers`);
    const a1 = parseJavaInt(parts[0]), a2 = parseJavaInt(parts[1]);
    if (a1 === null || a2 === null) throw new ProtocolError(`Invalid integer argument in "${piece}" (arguments are separated by single spaces)`);
    // The referee trims the free text, which shows in warnings as `TYPE a1 a2 text`.
    actions.push({ kind, a1, a2, text: (parts[2] ?? '').trim() });
  }
  return actions;
}

/** A draft answer resolved to an index 0..2 of the offered triple (RULES §5.1). */
export function parseDraftAnswer(line: string, offered: readonly Card[]): number {
  const [cmd, arg] = splitSpaces(line, 3);
  if (cmd === 'PASS') return 0;
  if (cmd === 'PICK') {
    const n = arg === undefined ? null : parseJavaInt(arg);
    if (n === null || n < 0 || n > 2) throw new ProtocolError(`Invalid draft answer "${line}": PICK needs 0, 1 or 2`);
    return n;
  }
  if (cmd === 'CHOOSE') {
    const c = arg === undefined ? null : parseJavaInt(arg);
    const i = c === null ? -1 : offered.findIndex((card) => card.id === c);
    if (i < 0) throw new ProtocolError(`Invalid draft answer "${line}": CHOOSE needs the number of an offered card (${offered.map((x) => x.id).join(', ')})`);
    return i;
  }
  throw new ProtocolError(`Invalid draft answer "${line}": expected PICK n, CHOOSE card or PASS`);
}

/**
 * A constructed answer resolved to the chosen offer indices in choice order (RULES §5.3).
 * `offered` is the list in offer order; each card may be taken at most twice; 30 in all.
 */
export function parseConstructedAnswer(line: string, offered: readonly Card[], deckSize = 30, maxCopies = 2): number[] {
  const counts = new Int32Array(offered.length);
  const chosen: number[] = [];
  const takeFirst = (): void => {
    for (let i = 0; i < offered.length; i++) {
      if (counts[i] < maxCopies) { counts[i]++; chosen.push(i); return; }
    }
    throw new ProtocolError('PASS: no card left with copies available');
  };
  for (const raw of line.split(';')) {
    const piece = raw.trim();
    if (piece === '') continue;
    if (piece === 'PASS') { while (chosen.length < deckSize) takeFirst(); continue; }
    const [cmd, arg] = splitSpaces(piece, 3);
    if (cmd === 'PASS') { takeFirst(); continue; }
    if (cmd !== 'CHOOSE') throw new ProtocolError(`Invalid constructed action "${piece}": expected CHOOSE card or PASS`);
    const c = arg === undefined ? null : parseJavaInt(arg);
    const i = c === null ? -1 : offered.findIndex((card) => card.id === c);
    if (i < 0) throw new ProtocolError(`Invalid constructed action "${piece}": not an offered card number`);
    if (counts[i] >= maxCopies) throw new ProtocolError(`Invalid constructed action "${piece}": card ${c} already chosen ${maxCopies} times`);
    counts[i]++;
    chosen.push(i);
  }
  if (chosen.length !== deckSize) throw new ProtocolError(`Constructed answer chose ${chosen.length} cards; exactly ${deckSize} are needed`);
  return chosen;
}

/** Card line of a deck-building offer: instance −1, location 0, lane −1 (area only in 1.5). */
export function offerCardLine(c: Card, withArea: boolean): string {
  const area = withArea ? ` ${c.area}` : '';
  return `${c.id} -1 0 ${c.type} ${c.cost} ${c.attack} ${c.defense} ${keywordString(c.keywords)} ${c.myHealthChange} ${c.opponentHealthChange} ${c.cardDraw}${area} -1 `;
}

/** The 1.2 draft input of pick `k` for player `p` (RULES §12.1). */
export function draftInputLines(k: number, p: number, triple: readonly Card[]): string[] {
  return [`30 0 ${k} 25 0`, `30 0 ${k + p} 25 0`, '0 0', '3', ...triple.map((c) => offerCardLine(c, false))];
}

/** The 1.5 constructed input (RULES §12.2). */
export function constructedInputLines(offered: readonly Card[]): string[] {
  return ['30 0 0 0', '30 0 0 0', '0 0', String(offered.length), ...offered.map((c) => offerCardLine(c, true))];
}
