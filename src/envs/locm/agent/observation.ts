// The end-to-end policy's view of a LOCM game for one seat, built from what a competition bot sees
// (the engine position of `loadSeen` or the live engine, plus the seat's own deck-building
// choices), so training games, the runner and the protocol bot encode identically. One row per
// decision: stage scalars, both players, hand, lanes, the chosen deck and the remaining deck (a
// card recorder: chosen cards minus those seen in hand, AGENTS §8.2); the deck-building
// candidates live in a separate row because only build decisions need them.
import { type Card } from '../cards.js';
import {
  F_AREA, F_ATK, F_CAN_ATTACK, F_CARD, F_COST, F_DEF, F_DRAW, F_HAS_ATTACKED, F_KW, F_MY, F_OPP, F_TYPE, MAX_INSTANCES, type LocmGame, type Version,
} from '../engine.js';
import { NUM_BATTLE_ACTIONS, cardFeatureSize, writeCardFeatures } from '../env.js';
import { LOOKAHEAD_FEATURES } from './lookahead.js';

export const HAND_SLOTS = 8;
export const LANE_SLOTS = 6;
export const DECK_SLOTS = 30;
export const OWN_CREATURE_FEATURES = 10;
export const ENEMY_CREATURE_FEATURES = 8;
export const PLAYER_FEATURES = 6;
/** Stage flag (1 = deck building), chosen/30, battle turn/100, remaining deck/30. */
export const SCALARS = 4;

/** Offsets of one observation row and the candidate row for a version. */
export interface ObservationLayout {
  version: Version;
  /** Features per card: 16 (1.2) or 19 (1.5). */
  cardFeatures: number;
  /** Deck-building candidates per decision: 3 (1.2 draft) or 120 (1.5 constructed). */
  candidates: number;
  players: number;
  hand: number;
  ownLanes: number;
  enemyLanes: number;
  chosen: number;
  chosenMask: number;
  deck: number;
  deckMask: number;
  /** Lookahead features per battle slot (lookahead.ts), at `actions` (0: a layout without them). */
  actionFeatures: number;
  actions: number;
  /** Length of an observation row. */
  size: number;
  /** Length of a candidate row (candidates × cardFeatures). */
  candidateSize: number;
}

export function observationLayout(version: Version, lookahead = false): ObservationLayout {
  const f = cardFeatureSize(version);
  const players = SCALARS, hand = players + 2 * PLAYER_FEATURES, ownLanes = hand + HAND_SLOTS * f;
  const enemyLanes = ownLanes + LANE_SLOTS * OWN_CREATURE_FEATURES, chosen = enemyLanes + LANE_SLOTS * ENEMY_CREATURE_FEATURES;
  const chosenMask = chosen + DECK_SLOTS * f, deck = chosenMask + DECK_SLOTS, deckMask = deck + DECK_SLOTS * f;
  const candidates = version === '1.2' ? 3 : 120, actions = deckMask + DECK_SLOTS, actionFeatures = lookahead ? LOOKAHEAD_FEATURES : 0;
  return {
    version, cardFeatures: f, candidates, players, hand, ownLanes, enemyLanes, chosen, chosenMask, deck, deckMask,
    actionFeatures, actions, size: actions + NUM_BATTLE_ACTIONS * actionFeatures, candidateSize: candidates * f,
  };
}

export class ObservationError extends Error {
  override name = 'ObservationError';
}

/** One seat's observation state over a game: its chosen deck and what it has drawn of it. */
export class SeatObserver {
  readonly layout: ObservationLayout;
  private readonly chosen: Card[] = [];
  /** Per chosen card: drawn (seen in hand) already. */
  private readonly drawn = new Uint8Array(DECK_SLOTS);
  /** Instance ids seen in the own hand (by id). */
  private readonly seen = new Uint8Array(MAX_INSTANCES);
  private lastTurn = -1;
  private remaining = 0;

  constructor(readonly version: Version, lookahead = false) {
    this.layout = observationLayout(version, lookahead);
  }

  reset(): void {
    this.chosen.length = 0;
    this.drawn.fill(0);
    this.seen.fill(0);
    this.lastTurn = -1;
    this.remaining = 0;
  }

  get chosenCount(): number { return this.chosen.length; }

  addChosen(card: Card): void {
    if (this.chosen.length === DECK_SLOTS) throw new ObservationError(`SeatObserver: a deck holds ${DECK_SLOTS} cards; a 31st was chosen`);
    this.chosen.push(card);
    this.remaining++;
  }

  /** A deck-building row: scalars, the chosen cards so far, and the candidates into `cand`. */
  writeBuild(candidates: readonly Card[], out: Float32Array, cand: Float32Array): void {
    const L = this.layout, f = L.cardFeatures, withArea = this.version === '1.5';
    if (candidates.length !== L.candidates) throw new ObservationError(`SeatObserver: ${candidates.length} candidates offered; LOCM ${this.version} offers ${L.candidates}`);
    out.fill(0);
    cand.fill(0);
    out[0] = 1;
    out[1] = this.chosen.length / DECK_SLOTS;
    this.writeChosen(out);
    for (let i = 0; i < candidates.length; i++) writeCard(cand, i * f, withArea, candidates[i]);
  }

  /** A battle row for the player to move in `g` (this seat). */
  writeBattle(g: LocmGame, out: Float32Array): void {
    const L = this.layout, f = L.cardFeatures, withArea = this.version === '1.5', p = g.currentPlayer, q = 1 - p, s = g.s;
    if (g.turn !== this.lastTurn) this.recordHand(g);
    out.fill(0);
    out[1] = this.chosen.length / DECK_SLOTS;
    out[2] = Math.min(1, g.turn / 100);
    out[3] = this.remaining / DECK_SLOTS;
    const P = L.players;
    out[P] = g.health(p) / 30; out[P + 1] = g.mana(p) / 13; out[P + 2] = g.maxMana(p) / 13;
    out[P + 3] = g.deckSize(p) / 30; out[P + 4] = g.nextTurnDraw(p) / 6; out[P + 5] = g.nextRune(p) / 30;
    out[P + 6] = g.health(q) / 30; out[P + 7] = g.maxMana(q) / 13; out[P + 8] = g.handSize(q) / 8;
    out[P + 9] = g.deckSize(q) / 30; out[P + 10] = g.drawValueToShow(q) / 6; out[P + 11] = g.nextRune(q) / 30;
    for (let i = 0, n = Math.min(HAND_SLOTS, g.handSize(p)); i < n; i++) {
      const o = g.fieldOffset(g.handCard(p, i));
      writeCardFeatures(out, L.hand + i * f, withArea, s[o + F_TYPE], s[o + F_COST], s[o + F_ATK], s[o + F_DEF], s[o + F_KW], s[o + F_MY], s[o + F_OPP], s[o + F_DRAW], s[o + F_AREA]);
    }
    for (let lane = 0; lane < 2; lane++) {
      for (let slot = 0; slot < 3; slot++) {
        const mine = g.laneCard(p, lane, slot);
        if (mine >= 0) {
          const o = g.fieldOffset(mine), at = L.ownLanes + (lane * 3 + slot) * OWN_CREATURE_FEATURES;
          out[at] = s[o + F_ATK] / 12; out[at + 1] = s[o + F_DEF] / 12; out[at + 2] = s[o + F_CAN_ATTACK]; out[at + 3] = s[o + F_HAS_ATTACKED];
          for (let k = 0; k < 6; k++) out[at + 4 + k] = (s[o + F_KW] >> k) & 1;
        }
        const theirs = g.laneCard(q, lane, slot);
        if (theirs >= 0) {
          const o = g.fieldOffset(theirs), at = L.enemyLanes + (lane * 3 + slot) * ENEMY_CREATURE_FEATURES;
          out[at] = s[o + F_ATK] / 12; out[at + 1] = s[o + F_DEF] / 12;
          for (let k = 0; k < 6; k++) out[at + 2 + k] = (s[o + F_KW] >> k) & 1;
        }
      }
    }
    this.writeChosen(out);
    for (let i = 0, r = 0; i < this.chosen.length; i++) {
      if (this.drawn[i]) continue;
      writeCard(out, L.deck + r * f, withArea, this.chosen[i]);
      out[L.deckMask + r++] = 1;
    }
  }

  private writeChosen(out: Float32Array): void {
    const L = this.layout, f = L.cardFeatures, withArea = this.version === '1.5';
    for (let i = 0; i < this.chosen.length; i++) {
      writeCard(out, L.chosen + i * f, withArea, this.chosen[i]);
      out[L.chosenMask + i] = 1;
    }
  }

  /** At each own turn start: every new own hand card leaves the remaining deck (first match by card number). */
  private recordHand(g: LocmGame): void {
    this.lastTurn = g.turn;
    const p = g.currentPlayer;
    for (let i = 0, n = g.handSize(p); i < n; i++) {
      const id = g.handCard(p, i);
      if (this.seen[id]) continue;
      this.seen[id] = 1;
      const number = g.field(id, F_CARD);
      for (let k = 0; k < this.chosen.length; k++) {
        if (!this.drawn[k] && this.chosen[k].id === number) { this.drawn[k] = 1; this.remaining--; break; }
      }
    }
  }
}

function writeCard(out: Float32Array, at: number, withArea: boolean, c: Card): void {
  writeCardFeatures(out, at, withArea, c.type, c.cost, c.attack, c.defense, c.keywords, c.myHealthChange, c.opponentHealthChange, c.cardDraw, c.area);
}
