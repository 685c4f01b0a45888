// The end-to-end LOCM policy (AGENTS §8.4, issue #8): one network for deck building and battle.
// A shared per-card encoder feeds a deck-building head (each candidate scored against the mean
// embedding of the cards chosen so far; 1.5 constructed: 120 candidates, 1.2 draft: 3) and a
// battle trunk over both players, hand, lanes, the chosen deck and the remaining deck, then an
// LSTM stepped once per decision over the whole game, 145 masked battle logits and a value head.
// With `lookahead`, each battle logit also gets the action's one-step lookahead features (lookahead.ts)
// weighted by a vector read from the LSTM state.
// Every decision's logits are laid out on the 145 battle slots (build: the first `candidates`).
import type { Rng } from '../../../core/rng.js';
import { fromBuffer, noGrad, scope, zeros, type Tensor } from '../../../core/tensor.js';
import * as op from '../../../core/ops/index.js';
import { Linear, LSTM, MLP, Module, init } from '../../../core/nn/index.js';
import type { TensorMap } from '../../../core/safetensors.js';
import type { Version } from '../engine.js';
import { NUM_BATTLE_ACTIONS } from '../env.js';
import {
  DECK_SLOTS, ENEMY_CREATURE_FEATURES, HAND_SLOTS, LANE_SLOTS, OWN_CREATURE_FEATURES, PLAYER_FEATURES, SCALARS, observationLayout, type ObservationLayout,
} from './observation.js';
import { LOOKAHEAD_FEATURES, LOOKAHEAD_PRIOR } from './lookahead.js';

/** Every deck-building stage takes 30 decisions per seat (1.2: 30 draft picks; 1.5: 30 choices). */
export const BUILD_STEPS = 30;

export interface LocmPolicyConfig {
  version: Version;
  cardHidden: number;
  /** Card embedding width (ByteRL: 32). */
  cardDim: number;
  creatureDim: number;
  playerDim: number;
  /** Hidden widths of the battle trunk MLP before the LSTM. */
  trunk: number[];
  lstm: number;
  buildHidden: number;
  /**
   * Battle logits get a bonus from each legal action's one-step lookahead features (lookahead.ts),
   * weighted by a vector read from the LSTM state (a Ludus addition; absent in older files = false).
   */
  lookahead?: boolean;
}

export const DEFAULT_POLICY_CONFIG: Readonly<Omit<LocmPolicyConfig, 'version'>> = Object.freeze({
  cardHidden: 64, cardDim: 32, creatureDim: 16, playerDim: 16, trunk: [256], lstm: 128, buildHidden: 64,
});

export function policyConfig(version: Version, overrides: Partial<Omit<LocmPolicyConfig, 'version'>> = {}): LocmPolicyConfig {
  return { version, ...DEFAULT_POLICY_CONFIG, trunk: [...DEFAULT_POLICY_CONFIG.trunk], ...overrides };
}

export class PolicyConfigError extends Error {
  override name = 'PolicyConfigError';
}

/** Outputs for N decision rows. */
export interface PolicyOutput {
  /** [N, 145]: build rows score candidates in the first `candidates` slots. */
  logits: Tensor;
  /** [N]. */
  value: Tensor;
}

const SQRT2 = Math.SQRT2;

export class LocmPolicy extends Module {
  readonly layout: ObservationLayout;
  readonly card: MLP;
  readonly ownCreature: Linear;
  readonly enemyCreature: Linear;
  readonly player: Linear;
  readonly trunk: MLP;
  readonly lstm: LSTM;
  readonly battleHead: Linear;
  readonly valueHead: Linear;
  readonly buildCard: Linear;
  readonly buildContext: Linear;
  readonly buildHead: Linear;
  /** LSTM state → weights of the lookahead features (null without `lookahead`). */
  readonly lookahead: Linear | null;
  /** Width of the trunk input. */
  readonly trunkInput: number;
  /** 0 … candidates − 1: a single build row's candidates, in order. */
  private readonly candidateRows: Int32Array;

  constructor(readonly config: LocmPolicyConfig, rng: Rng) {
    super();
    const c = config;
    if (c.version !== '1.2' && c.version !== '1.5') throw new PolicyConfigError(`LocmPolicy: version must be '1.2' or '1.5', got ${String(c.version)}`);
    if (c.lookahead !== undefined && typeof c.lookahead !== 'boolean') throw new PolicyConfigError(`LocmPolicy: lookahead must be true or false, got ${String(c.lookahead)}`);
    for (const [k, v] of Object.entries(c)) {
      if (k !== 'version' && k !== 'trunk' && k !== 'lookahead' && !(Number.isInteger(v) && (v as number) > 0)) throw new PolicyConfigError(`LocmPolicy: ${k} must be a positive integer, got ${String(v)}`);
    }
    if (!Array.isArray(c.trunk) || c.trunk.length === 0 || c.trunk.some((w) => !(Number.isInteger(w) && w > 0))) throw new PolicyConfigError(`LocmPolicy: trunk must list positive widths, got ${JSON.stringify(c.trunk)}`);
    const L = this.layout = observationLayout(c.version, c.lookahead === true);
    this.candidateRows = Int32Array.from({ length: L.candidates }, (_, i) => i);
    const hidden = init.orthogonal(SQRT2), bias = init.zeros();
    const relu = { activation: 'relu', outputActivation: 'relu', hiddenInit: hidden, biasInit: bias } as const;
    const lin = (i: number, o: number, gain: number, withBias = true): Linear => new Linear(i, o, rng, { weightInit: init.orthogonal(gain), biasInit: bias, bias: withBias });
    this.card = this.addModule('card', new MLP([L.cardFeatures, c.cardHidden, c.cardDim], rng, relu));
    this.ownCreature = this.addModule('own_creature', lin(OWN_CREATURE_FEATURES, c.creatureDim, SQRT2));
    this.enemyCreature = this.addModule('enemy_creature', lin(ENEMY_CREATURE_FEATURES, c.creatureDim, SQRT2));
    this.player = this.addModule('player', lin(PLAYER_FEATURES, c.playerDim, SQRT2));
    this.trunkInput = SCALARS + 2 * c.playerDim + HAND_SLOTS * c.cardDim + 2 * LANE_SLOTS * c.creatureDim + 2 * c.cardDim;
    this.trunk = this.addModule('trunk', new MLP([this.trunkInput, ...c.trunk], rng, relu));
    this.lstm = this.addModule('lstm', new LSTM(c.trunk[c.trunk.length - 1], c.lstm, rng, { forgetBias: 1 }));
    init.orthogonal(1)(this.lstm.cell.weightIh.data, this.lstm.cell.weightIh.shape, rng);
    init.orthogonal(1)(this.lstm.cell.weightHh.data, this.lstm.cell.weightHh.shape, rng);
    this.lstm.cell.bias.data.fill(0);
    this.lstm.cell.bias.data.fill(1, c.lstm, 2 * c.lstm);
    this.battleHead = this.addModule('battle_head', lin(c.lstm, NUM_BATTLE_ACTIONS, 0.01));
    this.valueHead = this.addModule('value_head', lin(c.lstm, 1, 1));
    this.buildCard = this.addModule('build_card', lin(c.cardDim, c.buildHidden, SQRT2));
    this.buildContext = this.addModule('build_context', lin(c.cardDim + 1, c.buildHidden, SQRT2, false));
    this.buildHead = this.addModule('build_head', lin(c.buildHidden, 1, 0.01));
    this.lookahead = c.lookahead === true ? this.addModule('lookahead', lin(c.lstm, LOOKAHEAD_FEATURES, 0.01)) : null;
    // An untrained lookahead head weighs the features as the greedy agent's evaluation does.
    this.lookahead?.bias!.data.set(LOOKAHEAD_PRIOR);
  }

  /** Battle logits [N, 145] from LSTM outputs h [N, lstm] and their observation rows [N, size]. */
  private battleLogits(h: Tensor, obs: Tensor): Tensor {
    const base = this.battleHead.forward(h);
    if (this.lookahead === null) return base;
    const L = this.layout, n = h.shape[0], K = L.actionFeatures;
    const features = op.reshape(op.slice(obs, 1, L.actions, L.size), [n, NUM_BATTLE_ACTIONS, K]);
    const weights = op.reshape(this.lookahead.forward(h), [n, 1, K]);
    return op.add(base, op.sum(op.mul(features, weights), 2));
  }

  /** Mean of card embeddings e [N, DECK_SLOTS, cardDim] weighted by `mask` [N, DECK_SLOTS] (at least 1 in the divisor): [N, cardDim]. */
  private static setMean(e: Tensor, mask: Tensor): Tensor {
    const n = mask.shape[0];
    const sum = op.sum(op.mul(e, op.reshape(mask, [n, DECK_SLOTS, 1])), 1);
    return op.div(sum, op.maximum(op.sum(mask, 1, true), 1));
  }

  /** Mean embedding of the masked card rows at `at` (DECK_SLOTS rows, mask at `maskAt`): [N, cardDim]. */
  private cardSetMean(obs: Tensor, n: number, at: number, maskAt: number): Tensor {
    const f = this.layout.cardFeatures, d = this.config.cardDim;
    const e = op.reshape(this.card.forward(op.reshape(op.slice(obs, 1, at, at + DECK_SLOTS * f), [n * DECK_SLOTS, f])), [n, DECK_SLOTS, d]);
    return LocmPolicy.setMean(e, op.slice(obs, 1, maskAt, maskAt + DECK_SLOTS));
  }

  /** The trunk features [N, trunk] of N observation rows, given their hand embeddings [N, HAND_SLOTS·cardDim] and chosen and remaining deck means [N, cardDim]. */
  private trunkFeatures(obs: Tensor, hand: Tensor, chosen: Tensor, deck: Tensor): Tensor {
    const L = this.layout, n = obs.shape[0];
    const lanes = (layer: Linear, at: number, k: number): Tensor =>
      op.reshape(op.relu(layer.forward(op.reshape(op.slice(obs, 1, at, at + LANE_SLOTS * k), [n * LANE_SLOTS, k]))), [n, LANE_SLOTS * this.config.creatureDim]);
    const own = lanes(this.ownCreature, L.ownLanes, OWN_CREATURE_FEATURES);
    const enemy = lanes(this.enemyCreature, L.enemyLanes, ENEMY_CREATURE_FEATURES);
    const players = op.reshape(op.relu(this.player.forward(op.reshape(op.slice(obs, 1, L.players, L.players + 2 * PLAYER_FEATURES), [2 * n, PLAYER_FEATURES]))), [n, 2 * this.config.playerDim]);
    return this.trunk.forward(op.concat([op.slice(obs, 1, 0, SCALARS), players, hand, own, enemy, chosen, deck], 1));
  }

  /** The trunk features [N, trunk] and the chosen-deck embedding [N, cardDim] of N observation rows. */
  private encode(obs: Tensor): { x: Tensor; chosen: Tensor } {
    const L = this.layout, n = obs.shape[0], f = L.cardFeatures;
    const chosen = this.cardSetMean(obs, n, L.chosen, L.chosenMask);
    const deck = this.cardSetMean(obs, n, L.deck, L.deckMask);
    const hand = op.reshape(this.card.forward(op.reshape(op.slice(obs, 1, L.hand, L.hand + HAND_SLOTS * f), [n * HAND_SLOTS, f])), [n, HAND_SLOTS * this.config.cardDim]);
    return { x: this.trunkFeatures(obs, hand, chosen, deck), chosen };
  }

  /**
   * `encode` for many rows, with each distinct card row encoded once (a batch of whole games
   * repeats a few hundred cards in its chosen decks, remaining decks, hands and candidates; 1.5
   * offers the same 120 candidates at all 30 build steps) and each distinct card set averaged
   * once (a battle's chosen deck never changes; the remaining deck changes once a turn). Also
   * the distinct cards' build projections and, for the NB candidate rows, their candidates' rows there.
   */
  private encodeDistinct(obs: Tensor, cand: Tensor, B: number): { x: Tensor; chosen: Tensor; proj: Tensor; candIds: Int32Array } {
    const L = this.layout, n = obs.shape[0], nb = cand.shape[0], f = L.cardFeatures, k = L.candidates, d = this.config.cardDim, S = L.size;
    const rows = new DistinctRows(f, n * (2 * DECK_SLOTS + HAND_SLOTS) + nb * k), ow = words(obs.data), cw = words(cand.data);
    const hand = new Int32Array(n * HAND_SLOTS), candIds = new Int32Array(nb * k);
    // A row whose cards equal those of the same game's previous step (row r − B) reuses its indices.
    for (let r = 0; r < n; r++) {
      if (r >= B && sameWords(ow, r * S + L.hand, (r - B) * S + L.hand, HAND_SLOTS * f)) hand.copyWithin(r * HAND_SLOTS, (r - B) * HAND_SLOTS, (r - B + 1) * HAND_SLOTS);
      else for (let s = 0; s < HAND_SLOTS; s++) hand[r * HAND_SLOTS + s] = rows.add(ow, r * S + L.hand + s * f);
    }
    for (let r = 0; r < nb; r++) {
      if (r >= B && sameWords(cw, r * k * f, (r - B) * k * f, k * f)) candIds.copyWithin(r * k, (r - B) * k, (r - B + 1) * k);
      else for (let i = 0; i < k; i++) candIds[r * k + i] = rows.add(cw, (r * k + i) * f);
    }
    const sets = (at: number, maskAt: number): { ids: Int32Array; mask: Float32Array; of: Int32Array } => {
      const o = obs.data, keys = new Map<string, number>(), of = new Int32Array(n), ids: number[] = [], mask: number[] = [], key: string[] = [];
      for (let r = 0; r < n; r++) {
        if (r >= B && sameWords(ow, r * S + at, (r - B) * S + at, DECK_SLOTS * f) && sameWords(ow, r * S + maskAt, (r - B) * S + maskAt, DECK_SLOTS)) {
          of[r] = of[r - B];
          continue;
        }
        const base = ids.length;
        for (let j = 0; j < DECK_SLOTS; j++) {
          const m = o[r * S + maskAt + j];
          ids.push(rows.add(ow, r * S + at + j * f));
          mask.push(m);
          // A slot with mask 0 adds nothing, whatever its card.
          key[j] = m === 0 ? '' : `${ids[base + j]}:${m}`;
        }
        const kk = key.join(','), seen = keys.get(kk);
        if (seen === undefined) {
          of[r] = keys.size;
          keys.set(kk, keys.size);
        } else {
          of[r] = seen;
          ids.length = base;
          mask.length = base;
        }
      }
      return { ids: Int32Array.from(ids), mask: Float32Array.from(mask), of };
    };
    const chosenSets = sets(L.chosen, L.chosenMask), deckSets = sets(L.deck, L.deckMask);
    const e = this.card.forward(fromBuffer(rows.rows.subarray(0, rows.count * f), [rows.count, f]));
    const mean = (s: { ids: Int32Array; mask: Float32Array; of: Int32Array }): Tensor => {
      const m = s.mask.length / DECK_SLOTS;
      return op.indexSelect(LocmPolicy.setMean(op.reshape(op.indexSelect(e, 0, s.ids), [m, DECK_SLOTS, d]), fromBuffer(s.mask, [m, DECK_SLOTS])), 0, s.of);
    };
    const chosen = mean(chosenSets);
    const x = this.trunkFeatures(obs, op.reshape(op.indexSelect(e, 0, hand), [n, HAND_SLOTS * d]), chosen, mean(deckSets));
    return { x, chosen, proj: this.buildCard.forward(e), candIds };
  }

  /**
   * Build logits [N, 145] of N build rows: candidate i of row r scored from the build projections
   * `proj` [M, buildHidden] (row index[r·candidates + i]) and the row's chosen mean and fraction.
   */
  private buildLogits(proj: Tensor, index: Int32Array, chosen: Tensor, obs: Tensor): Tensor {
    const n = chosen.shape[0], k = this.layout.candidates;
    const context = this.buildContext.forward(op.concat([chosen, op.slice(obs, 1, 1, 2)], 1));
    const logits = op.additiveScores(proj, index, context, this.buildHead.weight, this.buildHead.bias);
    return op.concat([logits, zeros([n, NUM_BATTLE_ACTIONS - k])], 1);
  }

  /**
   * Whole trajectories, time-major: `obs` [T·B, size] (row t·B + b), `cand` [BUILD_STEPS·B,
   * candidateSize] for the build rows, which are the first BUILD_STEPS time steps of every
   * trajectory. The LSTM starts from zeros at t = 0 (a game start).
   */
  forwardSequence(obs: Tensor, cand: Tensor, T: number, B: number): PolicyOutput {
    const nb = BUILD_STEPS * B, H = this.config.lstm, L = this.layout;
    if (T <= BUILD_STEPS) throw new PolicyConfigError(`LocmPolicy.forwardSequence: T = ${T} leaves no battle step after ${BUILD_STEPS} build steps`);
    if (obs.shape.length !== 2 || obs.shape[0] !== T * B || obs.shape[1] !== L.size || cand.shape.length !== 2 || cand.shape[0] !== nb || cand.shape[1] !== L.candidateSize) {
      throw new PolicyConfigError(`LocmPolicy.forwardSequence: obs ${JSON.stringify(obs.shape)} and cand ${JSON.stringify(cand.shape)} must be [${T * B}, ${L.size}] and [${nb}, ${L.candidateSize}] for T = ${T}, B = ${B}`);
    }
    const { x, chosen, proj, candIds } = this.encodeDistinct(obs, cand, B);
    // The LSTM layer as one input projection over all steps and one sequence node (the same
    // equations as stepping `lstm.cell`).
    const cell = this.lstm.cell;
    const out = op.reshape(op.lstmSequence(op.reshape(op.linear(x, cell.weightIh, cell.bias), [T, B, 4 * H]), cell.weightHh), [T * B, H]);
    const build = this.buildLogits(proj, candIds, op.slice(chosen, 0, 0, nb), op.slice(obs, 0, 0, nb));
    const battle = this.battleLogits(op.slice(out, 0, nb, T * B), op.slice(obs, 0, nb, T * B));
    return { logits: op.concat([build, battle], 0), value: op.reshape(this.valueHead.forward(out), [T * B]) };
  }

  /**
   * One decision without a graph (allocation-free): steps the LSTM state (h, c) in place, writes
   * the 145 logits into `logits` and returns the value. `cand` is read on build rows (obs[0] = 1).
   */
  step(obs: Float32Array, cand: Float32Array, h: Float32Array, c: Float32Array, logits: Float32Array): number {
    return noGrad(() => scope(() => {
      const L = this.layout, H = this.config.lstm;
      const o = fromBuffer(obs, [1, L.size]);
      const { x, chosen } = this.encode(o);
      const [h1, c1] = this.lstm.cell.forward(x, [fromBuffer(h, [1, H]), fromBuffer(c, [1, H])]);
      const proj = (): Tensor => this.buildCard.forward(this.card.forward(fromBuffer(cand, [L.candidates, L.cardFeatures])));
      const head = obs[0] === 1 ? this.buildLogits(proj(), this.candidateRows, chosen, o) : this.battleLogits(h1, o);
      logits.set(head.data);
      h.set(h1.data);
      c.set(c1.data);
      return this.valueHead.forward(h1).data[0];
    }));
  }

  /** Parameters as safetensors entries (copies), for checkpoints and shipped weights. */
  tensors(): TensorMap {
    const out: TensorMap = {};
    for (const [n, p] of this.namedParameters()) out[n] = { dtype: 'F32', shape: [...p.shape], data: Float32Array.from(p.data) };
    return out;
  }
}

/** The 32-bit words of a float row buffer, for exact comparison and hashing. */
function words(x: Float32Array): Uint32Array {
  return new Uint32Array(x.buffer, x.byteOffset, x.length);
}

/** Whether w[a, a + len) and w[b, b + len) hold the same words. */
function sameWords(w: Uint32Array, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (w[a + i] !== w[b + i]) return false;
  return true;
}

/** The distinct rows (bit patterns) of fixed width among those added, by open-addressing hash. */
class DistinctRows {
  readonly rows: Float32Array;
  count = 0;
  private readonly bits: Uint32Array;
  private readonly slots: Int32Array;

  constructor(readonly width: number, capacity: number) {
    this.rows = new Float32Array(capacity * width);
    this.bits = words(this.rows);
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
  }

  /** The index of the row src[at, at + width) among the distinct rows, added if new. */
  add(src: Uint32Array, at: number): number {
    const w = this.width, bits = this.bits, mask = this.slots.length - 1;
    let h = 0x811c9dc5;
    for (let i = 0; i < w; i++) h = Math.imul(h ^ src[at + i], 0x01000193);
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const r = this.slots[s];
      if (r < 0) {
        bits.set(src.subarray(at, at + w), this.count * w);
        this.slots[s] = this.count;
        return this.count++;
      }
      let same = true;
      for (let i = 0, o = r * w; i < w && same; i++) same = bits[o + i] === src[at + i];
      if (same) return r;
    }
  }
}
