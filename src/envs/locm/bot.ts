// Serves a Ludus LOCM agent as a competition bot: reads the referee's input blocks (RULES §12),
// rebuilds what they show (deck-building offers, or the battle position via LocmGame.loadSeen),
// asks the agent and prints one answer line per turn. Agents are looked up by name through
// resolvers, so trained checkpoints can plug in beside the built-in agents.
import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { CARDS_12, parseKeywords, type Area, type Card, type CardType } from './cards.js';
import {
  ACTION_NAMES, ATTACK, F_AREA, F_ATK, F_CARD, F_COST, F_DEF, F_DRAW, F_KW, F_LANE, F_LOC, F_MY, F_OPP, F_TYPE, LOC_NONE, LocmGame, MAX_HAND,
  MAX_INSTANCES, SUMMON, USE, type SeenCard, type SeenPlayer, type Version,
} from './engine.js';
import { AGENT_NAMES, ActionList, executeTurn, makeAgent, type LocmAgent } from './agents/index.js';

/** The referee's input cannot be read as a protocol block. */
export class BotInputError extends Error {
  override name = 'BotInputError';
}

/** No resolver knows the agent name. */
export class UnknownAgentError extends Error {
  override name = 'UnknownAgentError';
}

/** Turns an agent spec (a name, later a checkpoint path) into an agent, or null if it is not its kind. */
export type AgentResolver = (spec: string) => LocmAgent | null;

const builtinResolver: AgentResolver = (spec) => ((AGENT_NAMES as readonly string[]).includes(spec) ? makeAgent(spec) : null);
const resolvers: AgentResolver[] = [builtinResolver];

/** Adds a resolver (e.g. for checkpoints); resolvers are tried in registration order. */
export function registerAgentResolver(resolver: AgentResolver): void {
  resolvers.push(resolver);
}

export function resolveAgent(spec: string): LocmAgent {
  for (const r of resolvers) {
    const agent = r(spec);
    if (agent !== null) return agent;
  }
  throw new UnknownAgentError(`unknown LOCM agent "${spec}"; built-in agents: ${AGENT_NAMES.join(', ')}`);
}

/** Number of lines in the block starting at `lines[0]`, or null while it is incomplete. */
export function blockLength(lines: readonly string[]): number | null {
  if (lines.length < 3) return null;
  const actions = countField(lines[2], 1, 3);
  if (lines.length < 4 + actions) return null;
  const cards = countField(lines[3 + actions], 0, 4 + actions);
  return lines.length < 4 + actions + cards ? null : 4 + actions + cards;
}

function countField(line: string, field: number, lineNo: number): number {
  const v = Number(line.trim().split(' ')[field]);
  if (!Number.isInteger(v) || v < 0) throw new BotInputError(`input line ${lineNo} ("${line}") should hold a count in field ${field + 1}`);
  return v;
}

function ints(line: string, n: number, what: string): number[] {
  const parts = line.trim().split(' ');
  const v = parts.slice(0, n).map(Number);
  if (parts.length < n || v.some((x) => !Number.isInteger(x))) throw new BotInputError(`${what} "${line}" needs ${n} integers`);
  return v;
}

interface CardLine {
  card: Card;
  instanceId: number;
  location: number;
  lane: number;
}

/** Parses a card line of either phase (1.5 lines carry `area` before `lane`). */
function parseCardLine(line: string, version: Version): CardLine {
  const f = line.trim().split(' ');
  const n = version === '1.2' ? 12 : 13;
  if (f.length !== n) throw new BotInputError(`card line "${line}" has ${f.length} fields; LOCM ${version} card lines have ${n}`);
  const num = (i: number): number => {
    const v = Number(f[i]);
    if (!Number.isInteger(v)) throw new BotInputError(`card line "${line}": field ${i + 1} is not an integer`);
    return v;
  };
  let keywords: number;
  try {
    keywords = parseKeywords(f[7]);
  } catch (e) {
    throw new BotInputError(`card line "${line}": ${(e as Error).message}`);
  }
  const id = num(0), type = num(3);
  if (type < 0 || type > 3) throw new BotInputError(`card line "${line}": type ${type} is not 0..3`);
  const area = version === '1.2' ? 0 : num(11);
  if (area < 0 || area > 2) throw new BotInputError(`card line "${line}": area ${area} is not 0..2`);
  const name = version === '1.2' ? (CARDS_12.find((c) => c.id === id)?.name ?? `#${id}`) : `#${id}`;
  const card: Card = {
    id, name, type: type as CardType, cost: num(4), attack: num(5), defense: num(6), keywords,
    myHealthChange: num(8), opponentHealthChange: num(9), cardDraw: num(10), area: area as Area,
  };
  return { card, instanceId: num(1), location: num(2), lane: num(n - 1) };
}

/** What one input block is. */
export type InputBlock =
  | { phase: 'draft'; offered: Card[] }
  | { phase: 'constructed'; offered: Card[] }
  | { phase: 'battle'; players: [SeenPlayer, SeenPlayer]; cards: SeenCard[]; opponentActions: [number, number, number, number][] };

/** Parses one complete input block (RULES §12.1–12.3). Deck building shows own max mana 0. */
export function parseInputBlock(lines: readonly string[], version: Version): InputBlock {
  const fields = version === '1.2' ? 5 : 4;
  const pl = [ints(lines[0], fields, 'player line'), ints(lines[1], fields, 'player line')];
  const [oppHand, nActions] = ints(lines[2], 2, 'opponent line');
  const opponentActions: [number, number, number, number][] = [];
  for (let i = 0; i < nActions; i++) {
    const f = lines[3 + i].trim().split(' ');
    const kind = (ACTION_NAMES as readonly string[]).indexOf(f[1]);
    const a1 = Number(f[2]), a2 = Number(f[3]);
    if (f.length !== 4 || (kind !== SUMMON && kind !== ATTACK && kind !== USE) || !Number.isInteger(Number(f[0])) || !Number.isInteger(a1) || !Number.isInteger(a2)) {
      throw new BotInputError(`opponent action line "${lines[3 + i]}" should read "<card> SUMMON|ATTACK|USE a1 a2"`);
    }
    opponentActions.push([Number(f[0]), kind, a1, a2]);
  }
  const count = countField(lines[3 + nActions], 0, 4 + nActions);
  const cards = lines.slice(4 + nActions, 4 + nActions + count).map((l) => parseCardLine(l, version));
  if (pl[0][1] === 0) {
    const offered = cards.map((c) => c.card);
    if (version === '1.2') {
      if (offered.length !== 3) throw new BotInputError(`a draft turn offers 3 cards, this one ${offered.length}`);
      return { phase: 'draft', offered };
    }
    return { phase: 'constructed', offered };
  }
  const player = (v: number[], handSize: number): SeenPlayer => version === '1.2'
    ? { health: v[0], maxMana: v[1], deckSize: v[2], nextRune: v[3], drawValueToShow: v[4], handSize }
    : { health: v[0], maxMana: v[1], deckSize: v[2], nextRune: 0, drawValueToShow: v[3], handSize };
  const ownHand = cards.filter((c) => c.location === 0).length;
  return { phase: 'battle', players: [player(pl[0], ownHand), player(pl[1], oppHand)], cards, opponentActions };
}

/** First Area-copy id of the competition's numbering (RULES §5.4). */
const FIRST_COPY_ID = 61;

/** One past the largest Area-copy id `g` has used (copies are numbered from FIRST_COPY_ID). */
function copyIdsUsed(g: LocmGame, atLeast: number): number {
  let next = atLeast;
  for (let id = Math.max(atLeast, FIRST_COPY_ID); id < MAX_INSTANCES; id++) if (g.field(id, F_LOC) !== LOC_NONE) next = id + 1;
  return next;
}

/** The creatures on both boards of `g` as card lines seen by `mover`. */
function boardsSeenBy(g: LocmGame, mover: number): SeenCard[] {
  const cards: SeenCard[] = [];
  for (const owner of [mover, 1 - mover]) {
    for (let i = 0; i < g.boardSize(owner); i++) {
      const id = g.boardCard(owner, i), f = (k: number): number => g.field(id, k);
      const card: Card = {
        id: f(F_CARD), name: `#${f(F_CARD)}`, type: f(F_TYPE) as CardType, cost: f(F_COST), attack: f(F_ATK), defense: f(F_DEF), keywords: f(F_KW),
        myHealthChange: f(F_MY), opponentHealthChange: f(F_OPP), cardDraw: f(F_DRAW), area: f(F_AREA) as Area,
      };
      cards.push({ card, instanceId: id, location: owner === mover ? 1 : -1, lane: f(F_LANE) });
    }
  }
  return cards;
}

/**
 * One game of one bot: answers input blocks in order. A bot process plays one game (the
 * referee starts a fresh process per game), so the agent is reset once, with `seed`.
 */
export class BotSession {
  private readonly game: LocmGame;
  private readonly shadow: LocmGame;
  private readonly actions = new ActionList();
  private readonly chosen: Card[] = [];
  /** 1.5: every card of the game by number (the constructed offer lists all of them). */
  private readonly cards = new Map<number, Card>();
  private seat = -1;
  private battleTurns = 0;
  /** The Area-copy counter after this bot's last turn, and both boards then. */
  private nextCopyId = FIRST_COPY_ID;
  private boardsAfterMine: SeenCard[] = [];

  constructor(readonly agent: LocmAgent, readonly version: Version, seed: number) {
    this.game = new LocmGame(version);
    this.shadow = new LocmGame(version);
    agent.reset(seed);
  }

  /** The answer line (without newline) to one complete input block. */
  answer(lines: readonly string[]): string {
    const block = parseInputBlock(lines, this.version);
    if (block.phase === 'draft') {
      const i = this.agent.draft(block.offered, this.chosen);
      if (!(i === 0 || i === 1 || i === 2)) throw new RangeError(`${this.agent.name}: draft pick must be 0, 1 or 2, got ${i}`);
      this.chosen.push(block.offered[i]);
      return `PICK ${i}`;
    }
    if (block.phase === 'constructed') {
      for (const c of block.offered) this.cards.set(c.id, c);
      return this.agent.construct(block.offered).map((i) => `CHOOSE ${block.offered[i].id}`).join(';');
    }
    // Player 1 starts its first battle turn with 2 max mana (the second-player bonus), player 0 with 1.
    if (this.seat < 0) this.seat = block.players[0].maxMana === 2 ? 1 : 0;
    const p = this.seat, q = 1 - p;
    const players: [SeenPlayer, SeenPlayer] = p === 0 ? block.players : [block.players[1], block.players[0]];
    if (!this.game.v12) this.countOpponentCopies(players, block.opponentActions);
    const g = this.game;
    // Never below a shown id, so that a copy made while planning cannot collide with a card.
    for (const c of block.cards) this.nextCopyId = Math.max(this.nextCopyId, c.instanceId + 1);
    g.loadSeen(p, { players, cards: block.cards, opponentActions: block.opponentActions, turn: 2 * this.battleTurns++ + p, nextInstanceId: this.nextCopyId });
    // A player can be dead at its own turn start (draw damage); the referee still asks it (RULES §11.3).
    g.checkWinner();
    this.actions.clear();
    this.agent.battle(g, this.actions);
    if (!g.v12) {
      executeTurn(g, this.actions);
      this.nextCopyId = copyIdsUsed(g, this.nextCopyId);
      this.boardsAfterMine = boardsSeenBy(g, q);
    }
    return this.actions.toLine();
  }

  /**
   * 1.5 Area copies take ids from a global counter that the input does not show. Replaying the
   * opponent's executed actions from the boards after this bot's turn tells how many copies it made.
   */
  private countOpponentCopies(players: readonly [SeenPlayer, SeenPlayer], actions: readonly (readonly [number, number, number, number])[]): void {
    const q = 1 - this.seat;
    if (!actions.some(([cardNo, kind]) => kind === SUMMON && (this.cards.get(cardNo)?.area ?? 0) !== 0)) return;
    const hand: SeenCard[] = [];
    for (const [cardNo, kind, a1] of actions) {
      const card = this.cards.get(cardNo);
      if (card === undefined) throw new BotInputError(`the opponent played card #${cardNo}, which the constructed offer did not list`);
      if (kind !== ATTACK && hand.length < MAX_HAND) hand.push({ card, instanceId: a1, location: 0, lane: -1 });
    }
    const s = this.shadow;
    s.loadSeen(q, {
      players: [{ ...players[0], handSize: 0 }, { ...players[1], handSize: 0 }],
      cards: [...hand, ...this.boardsAfterMine], opponentActions: [], turn: 0, nextInstanceId: this.nextCopyId,
    });
    for (const [, kind, a1, a2] of actions) if (s.isLegal(kind, a1, a2)) s.apply(kind, a1, a2);
    this.nextCopyId = copyIdsUsed(s, this.nextCopyId);
  }
}

export interface ServeOptions {
  /** Echo every input line to stderr, as the bots of the recorded datasets did (RULES §13). */
  echo?: boolean;
  errorStream?: Writable;
}

/** Runs a bot until its input ends: one answer line per input block. */
export async function serveBot(session: BotSession, input: Readable, output: Writable, options: ServeOptions = {}): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let pending: string[] = [];
  for await (const raw of rl) {
    const line = raw.replace(/\r$/, '');
    if (pending.length === 0 && line.trim() === '') continue;
    pending.push(line);
    if (options.echo) (options.errorStream ?? process.stderr).write(line + '\n');
    const n = blockLength(pending);
    if (n === null) continue;
    output.write(session.answer(pending) + '\n');
    pending = [];
  }
  if (pending.length > 0) throw new BotInputError(`input ended inside a block (${pending.length} lines read)`);
}
