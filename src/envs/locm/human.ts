// A person playing LOCM in the terminal against a Ludus agent: deck building by number, then
// battle turns built one action at a time from the numbered legal moves (or typed protocol
// lines) on a scratch copy, so that mistakes get feedback instead of costing the game.
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { MAX_LEGAL, PASS, actionText, type Version } from './engine.js';
import { LocmMatch } from './match.js';
import { ProtocolError, parseBattleLine, parseConstructedAnswer, parseDraftAnswer } from './protocol.js';
import { BotSession } from './bot.js';
import { GreedyAgent, type LocmAgent } from './agents/index.js';
import { explicitParams } from './referee.js';
import { REPLAY_FORMAT, REPLAY_FORMAT_VERSION, type LocmReplay, type ReplayTurn } from './replay-json.js';
import { renderBattle, renderOffer } from './viewer.js';

export interface HumanGameOptions {
  version: Version;
  /** Referee seed of the game. */
  seed: number;
  /** The person's seat: 0 moves first. */
  seat: number;
  opponent: LocmAgent;
  opponentName: string;
  input: Readable;
  write: (text: string) => void;
}

/** The person's input ended, or they typed quit: they resign. */
class Resigned extends Error {
  override name = 'Resigned';
}

const HELP = 'type a move number, 0 to end the turn, a protocol line (e.g. "SUMMON 5 0;ATTACK 7 -1"), or quit';

/** Plays one game; returns its replay. */
export async function playHuman(o: HumanGameOptions): Promise<LocmReplay> {
  const match = new LocmMatch(o.version, { params: { seed: String(o.seed) } });
  const bot = new BotSession(o.opponent, o.version, o.seed >>> 0);
  const me = o.seat, names: [string, string] = me === 0 ? ['you', o.opponentName] : [o.opponentName, 'you'];
  const rl = createInterface({ input: o.input, crlfDelay: Infinity, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string> => {
    o.write(prompt);
    const next = await lines.next();
    if (next.done === true) throw new Resigned('input ended');
    const text = next.value.trim();
    if (text === 'quit') throw new Resigned('quit');
    return text;
  };
  const turns: ReplayTurn[] = [];
  o.write(`LOCM ${o.version}, seed ${o.seed}: you are player ${me} against ${o.opponentName}.\n`);
  try {
    while (match.awaiting >= 0) {
      const p = match.awaiting, before = match.summary.length;
      let line: string;
      if (p !== me) {
        line = bot.answer(match.inputLines());
      } else if (match.phase === 'draft') {
        const triple = match.triples[match.draftPick];
        o.write(`\nDraft pick ${match.draftPick + 1}/30:\n${renderOffer(triple).join('\n')}\n`);
        line = await askValid(ask, 'pick 0, 1 or 2 (or PICK n / CHOOSE card): ', (t) => {
          const answer = /^\d+$/.test(t) ? `PICK ${t}` : t;
          parseDraftAnswer(answer, triple);
          return answer;
        }, o.write);
      } else if (match.phase === 'constructed') {
        o.write(`\nConstructed: choose 30 cards, at most 2 copies each:\n${renderOffer(match.offered).join('\n')}\n`);
        line = await askValid(ask, 'list 30 numbers from the left column separated by spaces, or "auto" for the greedy deck: ', (t) => {
          const answer = t === 'auto' ? autoDeck(match) : /^[\d\s,]+$/.test(t)
            ? t.split(/[\s,]+/).filter((x) => x !== '').map((i) => `CHOOSE ${match.offered[Number(i)]?.id ?? `?${i}`}`).join(';') : t;
          parseConstructedAnswer(answer, match.offered);
          return answer;
        }, o.write);
      } else {
        line = await humanBattleTurn(match, me, names, ask, o.write);
      }
      turns.push({ player: p, line });
      match.submit(line);
      const shown = match.summary.slice(before).filter((l) => p !== me || !l.includes('chose'));
      for (const l of shown) o.write(`  ${p === me ? 'you' : o.opponentName}: ${l.replace(/¤GREEN¤|§GREEN§/g, '')}\n`);
    }
  } catch (e) {
    if (!(e instanceof Resigned)) throw e;
    const p = match.awaiting;
    match.hardError(p, `resigned (${e.message})`);
    turns.push({ player: p, line: null, error: `resigned (${e.message})` });
  } finally {
    rl.close();
  }
  o.write(`\n${match.winner === me ? 'You win!' : `${o.opponentName} wins.`}\n`);
  return {
    format: REPLAY_FORMAT, formatVersion: REPLAY_FORMAT_VERSION, version: o.version, params: explicitParams({ seed: String(o.seed) }, match.seeds),
    players: [names[0], names[1]], turns, winner: match.winner, scores: [match.scores[0], match.scores[1]],
  };
}

/** Asks until `check` accepts the text; a ProtocolError is shown and asked again. */
async function askValid(ask: (prompt: string) => Promise<string>, prompt: string, check: (text: string) => string, write: (s: string) => void): Promise<string> {
  for (;;) {
    const text = await ask(prompt);
    try {
      return check(text);
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      write(`  not accepted: ${e.message}\n`);
    }
  }
}

/** The greedy agent's constructed deck, for a person who would rather not pick 30 cards. */
function autoDeck(match: LocmMatch): string {
  return new GreedyAgent().construct(match.offered).map((i) => `CHOOSE ${match.offered[i].id}`).join(';');
}

/** One battle turn built action by action on a scratch copy; returns the protocol line. */
async function humanBattleTurn(match: LocmMatch, me: number, names: [string, string], ask: (prompt: string) => Promise<string>, write: (s: string) => void): Promise<string> {
  const g = match.game.clone();
  const done: string[] = [];
  const legal = new Int32Array(3 * MAX_LEGAL);
  while (g.winner < 0) {
    const n = g.listLegal(legal);
    write(`\n${renderBattle(g, { reveal: me === 0 ? [true, false] : [false, true], names }).join('\n')}\nlegal moves:\n`);
    for (let k = 0; k < n; k++) write(`  ${String(k).padStart(2)}: ${k === 0 ? 'end turn' : actionText(legal[3 * k], legal[3 * k + 1], legal[3 * k + 2])}\n`);
    const text = await ask(`${done.length > 0 ? `this turn so far: ${done.join(';')}\n` : ''}your move: `);
    if (/^\d+$/.test(text)) {
      const k = Number(text);
      if (k >= n) { write(`  there is no move ${k}; ${HELP}\n`); continue; }
      if (k === 0) break;
      g.apply(legal[3 * k], legal[3 * k + 1], legal[3 * k + 2]);
      done.push(actionText(legal[3 * k], legal[3 * k + 1], legal[3 * k + 2]));
      continue;
    }
    if (text === 'end' || text === 'PASS') break;
    try {
      for (const a of parseBattleLine(text)) {
        if (a.kind === PASS) continue;
        if (!g.isLegal(a.kind, a.a1, a.a2)) { write(`  skipped, not legal now: ${actionText(a.kind, a.a1, a.a2)}\n`); continue; }
        g.apply(a.kind, a.a1, a.a2);
        done.push(actionText(a.kind, a.a1, a.a2));
      }
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      write(`  not understood: ${e.message}; ${HELP}\n`);
    }
  }
  return done.length === 0 ? 'PASS' : done.join(';');
}
