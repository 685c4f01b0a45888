// Terminal rendering of LOCM: a battle position (both lanes of both players, hands, HP, mana,
// deck sizes, runes in 1.2), deck-building offers, and a replay viewer that steps through the
// calls of a re-simulated replay with the keyboard, or prints every call when not on a TTY.
import { emitKeypressEvents } from 'node:readline';
import { AREA_NAMES, CARDS_12, CREATURE, TYPE_NAMES, keywordString, type Card } from './cards.js';
import {
  F_AREA, F_ATK, F_CAN_ATTACK, F_CARD, F_COST, F_DEF, F_DRAW, F_KW, F_LANE, F_MY, F_OPP, F_TYPE, type LocmGame,
} from './engine.js';
import type { LocmReplay, ReplayStep } from './replay-json.js';

function keywords(kw: number): string {
  return keywordString(kw).replace(/-/g, '');
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function effects(my: number, opp: number, draw: number, area: number): string {
  const parts: string[] = area > 0 ? [`area ${AREA_NAMES[area]}`] : [];
  if (my !== 0) parts.push(`you${signed(my)}`);
  if (opp !== 0) parts.push(`foe${signed(opp)}`);
  if (draw !== 0) parts.push(`draw${draw}`);
  return parts.join(' ');
}

function name12(version: string, cardNo: number): string {
  return version === '1.2' ? ` ${CARDS_12.find((c) => c.id === cardNo)?.name ?? ''}` : '';
}

/** One instance in a hand: `id 5 #41 Lore Keeper (4) creature 3/3 D you+1`. */
export function handCardText(g: LocmGame, id: number): string {
  const type = g.field(id, F_TYPE), atk = g.field(id, F_ATK), def = g.field(id, F_DEF);
  const stats = type === CREATURE ? `${atk}/${def}` : `${signed(atk)}/${signed(def)}`;
  const tail = [keywords(g.field(id, F_KW)), effects(g.field(id, F_MY), g.field(id, F_OPP), g.field(id, F_DRAW), g.field(id, F_AREA))].filter((x) => x !== '').join(' ');
  return `id ${id} #${g.field(id, F_CARD)}${name12(g.version, g.field(id, F_CARD))} (${g.field(id, F_COST)}) ${TYPE_NAMES[type]} ${stats}${tail ? ' ' + tail : ''}`;
}

/** One creature on the board: `[id 5 3/3 GW*]`, `*` when it can still attack. */
function boardCardText(g: LocmGame, id: number, mover: boolean): string {
  const kw = keywords(g.field(id, F_KW));
  const ready = mover && g.field(id, F_CAN_ATTACK) === 1 ? '*' : '';
  return `[id ${id} #${g.field(id, F_CARD)} ${g.field(id, F_ATK)}/${g.field(id, F_DEF)}${kw ? ' ' + kw : ''}${ready}]`;
}

function laneText(g: LocmGame, p: number, lane: number): string {
  const cards: string[] = [];
  for (let i = 0; i < g.boardSize(p); i++) {
    const id = g.boardCard(p, i);
    if (g.field(id, F_LANE) === lane) cards.push(boardCardText(g, id, p === g.currentPlayer));
  }
  return cards.length === 0 ? '(empty)' : cards.join(' ');
}

export interface RenderOptions {
  /** Whose hands to show card by card; a hidden hand shows only its size. */
  reveal?: readonly [boolean, boolean];
  /** Player names for the headers. */
  names?: readonly [string, string];
}

/** The position as lines: player 1 on top, player 0 at the bottom, lanes side by side. */
export function renderBattle(g: LocmGame, options: RenderOptions = {}): string[] {
  const reveal = options.reveal ?? [true, true];
  const names = options.names ?? ['player 0', 'player 1'];
  const v12 = g.version === '1.2';
  const status = (p: number): string => {
    const mana = p === g.currentPlayer ? `mana ${g.mana(p)}/${g.maxMana(p)}` : `max mana ${g.maxMana(p)}`;
    const runes = v12 ? ` · next rune ${g.nextRune(p)}` : '';
    const mark = p === g.currentPlayer ? ' (to move)' : '';
    return `${names[p]}${mark}: HP ${g.health(p)} · ${mana} · deck ${g.deckSize(p)}${runes} · hand ${g.handSize(p)}`;
  };
  const hand = (p: number): string[] => {
    if (!reveal[p]) return [`  hand: ${g.handSize(p)} hidden cards`];
    if (g.handSize(p) === 0) return ['  hand: (empty)'];
    const out = ['  hand:'];
    for (let i = 0; i < g.handSize(p); i++) out.push(`    ${handCardText(g, g.handCard(p, i))}`);
    return out;
  };
  const lanes = (p: number): string => `  lane 0: ${laneText(g, p, 0)}   |   lane 1: ${laneText(g, p, 1)}`;
  return [
    `LOCM ${g.version} · turn ${g.turn} · ${names[g.currentPlayer]} to move${g.winner >= 0 ? ` · ${names[g.winner]} has won` : ''}`,
    status(1), ...hand(1), lanes(1),
    '  ' + '-'.repeat(60),
    lanes(0), ...hand(0), status(0),
  ];
}

/** A deck-building offer as numbered lines. */
export function renderOffer(offered: readonly Card[]): string[] {
  return offered.map((c, i) => {
    const stats = c.type === CREATURE ? `${c.attack}/${c.defense}` : `${signed(c.attack)}/${signed(c.defense)}`;
    const tail = [keywords(c.keywords), effects(c.myHealthChange, c.opponentHealthChange, c.cardDraw, c.area)].filter((x) => x !== '').join(' ');
    return `  ${String(i).padStart(3)}: #${c.id}${c.name.startsWith('#') ? '' : ' ' + c.name} (${c.cost}) ${TYPE_NAMES[c.type]} ${stats}${tail ? ' ' + tail : ''}`;
  });
}

/** One replay call: the position or offer shown, the answer, and what the referee did with it. */
export function renderStep(replay: LocmReplay, steps: readonly ReplayStep[], i: number): string[] {
  const step = steps[i], p = step.turn.player, v = step.view;
  const names: [string, string] = [`player 0 (${replay.players[0]})`, `player 1 (${replay.players[1]})`];
  const out = [`=== call ${i + 1}/${steps.length} · ${names[p]} · ${v.phase} ===`];
  if (v.phase === 'draft') out.push(`draft pick ${v.pick + 1}/30 (deck so far: ${v.chosen.length} cards)`, ...renderOffer(v.offered));
  else if (v.phase === 'constructed') out.push(`constructed: ${v.offered.length} cards offered`);
  else out.push(...renderBattle(v.game, { names }));
  out.push(step.turn.line === null ? `no answer: ${step.turn.error ?? ''}` : `answer: ${step.turn.line}${step.turn.ms !== undefined ? ` (${step.turn.ms} ms)` : ''}`);
  for (const l of step.summary) out.push(`  > ${l.replace(/¤GREEN¤|§GREEN§/g, '')}`);
  return out;
}

export interface WatchOptions {
  /** Step with the keyboard (stdin must be a TTY); otherwise print every call. */
  interactive: boolean;
  write?: (text: string) => void;
}

/** Shows a replay: every call in order, or one call at a time with →/n/space, ←/p, Home/End, q. */
export async function watchReplay(replay: LocmReplay, steps: readonly ReplayStep[], options: WatchOptions): Promise<void> {
  const write = options.write ?? ((s: string) => { process.stdout.write(s); });
  const result = `result: player ${replay.winner} (${replay.players[replay.winner]}) wins; scores ${replay.scores.join(' ')}\n`;
  if (!options.interactive) {
    for (let i = 0; i < steps.length; i++) write(renderStep(replay, steps, i).join('\n') + '\n\n');
    write(result);
    return;
  }
  const stdin = process.stdin;
  emitKeypressEvents(stdin);
  stdin.setRawMode(true);
  let i = 0;
  const show = (): void => {
    write('\x1b[2J\x1b[H' + renderStep(replay, steps, i).join('\n') + '\n\n');
    write(i === steps.length - 1 ? result : '');
    write('→/n/space next · ←/p back · Home/End · q quit\n');
  };
  show();
  await new Promise<void>((resolve) => {
    const onKey = (_: string, key: { name?: string; ctrl?: boolean }): void => {
      const k = key.name;
      if (k === 'q' || k === 'escape' || (key.ctrl === true && k === 'c')) {
        stdin.off('keypress', onKey);
        stdin.setRawMode(false);
        stdin.pause();
        resolve();
        return;
      }
      if (k === 'right' || k === 'n' || k === 'space' || k === 'return') i = Math.min(steps.length - 1, i + 1);
      else if (k === 'left' || k === 'p' || k === 'backspace') i = Math.max(0, i - 1);
      else if (k === 'home') i = 0;
      else if (k === 'end') i = steps.length - 1;
      show();
    };
    stdin.on('keypress', onKey);
  });
}
