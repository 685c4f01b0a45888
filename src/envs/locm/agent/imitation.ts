// Imitation warm start for the LOCM agent (issue #8): a teacher agent (greedy by default) plays
// whole games against a mix of opponents in both seats; each of its decisions (every build choice
// and every battle action) is recorded exactly as the NeuralAgent would see it (DecisionEncoder:
// observation, candidates, legal mask, 145-slot action index), and the policy is trained by
// behaviour cloning — cross-entropy on the teacher's actions plus, optionally, the value head on
// the game outcome — with Adam over whole-game sequences (the LSTM runs over each game).
// Optional DAgger rounds then let the cloned policy play and the teacher label its positions
// (what it would have done there), so the student also learns off the teacher's own paths.
import { Rng, deriveSeed } from '../../../core/rng.js';
import { fromBuffer, noGrad, scope } from '../../../core/tensor.js';
import * as op from '../../../core/ops/index.js';
import { Categorical } from '../../../core/distributions/index.js';
import { Adam, clipGradNorm } from '../../../core/optim/index.js';
import type { Card } from '../cards.js';
import { ACTION_NAMES, LocmGame, PASS, type Version } from '../engine.js';
import { BattleActionCodec, NUM_BATTLE_ACTIONS } from '../env.js';
import { LocmRunner } from '../play.js';
import { ActionList, makeAgent, type LocmAgent } from '../agents/index.js';
import { battleBySteps } from '../agents/agent.js';
import { DecisionEncoder, NeuralAgent, type DecisionRecorder } from './neural-agent.js';
import { BUILD_STEPS, LocmPolicy, policyConfig, type LocmPolicyConfig } from './policy.js';
import type { ObservationLayout } from './observation.js';

export interface ImitationConfig {
  version: Version;
  seed: number;
  /** The agent imitated (a name `makeAgent` knows). */
  teacher: string;
  /** Opponents, cycled game by game (the teacher alternating seats); the teacher's own name is self-play, both seats recorded. */
  opponents: string[];
  /** Teacher games recorded. */
  games: number;
  /** Passes over the recorded games. */
  epochs: number;
  /** Whole-game trajectories per minibatch. */
  minibatchTrajectories: number;
  lr: number;
  maxGradNorm: number;
  /** Weight of the value head's squared error on the game outcome (±1 from the teacher's seat); 0 leaves the value head untrained. */
  valueCost: number;
  /** DAgger rounds after cloning: the student plays `daggerGames` games (greedy, against the opponents), the teacher labels them, then `daggerEpochs` passes over all the data. */
  daggerRounds: number;
  daggerGames: number;
  daggerEpochs: number;
  /** Policy widths (see DEFAULT_POLICY_CONFIG); the RL trainer warm-started from the result must use the same. */
  policy: Partial<Omit<LocmPolicyConfig, 'version'>>;
}

export const IMITATION_DEFAULTS: Readonly<Omit<ImitationConfig, 'version'>> = Object.freeze({
  seed: 1, teacher: 'greedy', opponents: ['greedy', 'baseline2', 'baseline1', 'random'], games: 500, epochs: 4, minibatchTrajectories: 4,
  lr: 1e-3, maxGradNorm: 1, valueCost: 0.5, daggerRounds: 2, daggerGames: 250, daggerEpochs: 1, policy: {},
});

export class ImitationError extends Error {
  override name = 'ImitationError';
}

export function resolveImitationConfig(version: Version, overrides: Partial<Omit<ImitationConfig, 'version'>> = {}): ImitationConfig {
  const c: ImitationConfig = { ...IMITATION_DEFAULTS, ...overrides, version };
  if (version !== '1.2' && version !== '1.5') throw new ImitationError(`version must be '1.2' or '1.5', got ${String(version)}`);
  for (const k of ['games', 'epochs', 'minibatchTrajectories'] as const) {
    if (!(Number.isInteger(c[k]) && c[k] > 0)) throw new ImitationError(`${k} must be a positive integer, got ${c[k]}`);
  }
  for (const k of ['daggerRounds', 'daggerGames', 'daggerEpochs'] as const) {
    if (!(Number.isInteger(c[k]) && c[k] >= (k === 'daggerRounds' ? 0 : 1))) throw new ImitationError(`${k} must be a ${k === 'daggerRounds' ? 'non-negative' : 'positive'} integer, got ${c[k]}`);
  }
  for (const k of ['lr', 'maxGradNorm'] as const) if (!(c[k] > 0)) throw new ImitationError(`${k} must be positive, got ${c[k]}`);
  if (!(c.valueCost >= 0)) throw new ImitationError(`valueCost must be non-negative, got ${c.valueCost}`);
  if (c.opponents.length === 0) throw new ImitationError('opponents is empty: name at least one (the teacher itself for self-play)');
  for (const n of [c.teacher, ...c.opponents]) {
    try {
      makeAgent(n);
    } catch (e) {
      throw new ImitationError(`imitation: ${(e as Error).message}`);
    }
  }
  return c;
}

/** One teacher seat's decisions over a game, encoded as the policy sees them. */
export interface Demonstration {
  /** Decisions: BUILD_STEPS build decisions, then the battle actions. */
  length: number;
  /** [length, layout.size]. */
  obs: Float32Array;
  /** Candidate rows of the build decisions: 30 (1.2, a triple each) or 1 (1.5 offers the same 120 cards at each of its 30 choices). */
  cand: Float32Array;
  candRows: number;
  /** [length, 145]. */
  masks: Uint8Array;
  /** The teacher's 145-slot action index per decision. */
  actions: Int32Array;
  /** +1 if the teacher's seat won, −1 if it lost. */
  outcome: number;
}

/** One seat's decisions over a game, in growable buffers reused from game to game. */
class DemoBuffer {
  length = 0;
  private capacity = 128;
  private obs: Float32Array;
  private masks: Uint8Array;
  private actions: Int32Array;
  private readonly cand: Float32Array;
  private candRows = 0;

  constructor(readonly L: ObservationLayout) {
    this.obs = new Float32Array(this.capacity * L.size);
    this.masks = new Uint8Array(this.capacity * NUM_BATTLE_ACTIONS);
    this.actions = new Int32Array(this.capacity);
    this.cand = new Float32Array(BUILD_STEPS * L.candidateSize);
  }

  clear(): void {
    this.length = 0;
    this.candRows = 0;
  }

  /** Stores a decision (`cand` on build rows; 1.5 keeps its first: the same 120 cards are offered at every choice). */
  push(obs: Float32Array, cand: Float32Array | null, mask: Uint8Array, action: number): void {
    const t = this.length;
    if (t === this.capacity) this.grow();
    if (cand !== null && (this.L.version === '1.2' || this.candRows === 0)) this.cand.set(cand, this.candRows++ * this.L.candidateSize);
    this.obs.set(obs, t * this.L.size);
    this.masks.set(mask, t * NUM_BATTLE_ACTIONS);
    this.actions[t] = action;
    this.length++;
  }

  private grow(): void {
    const n = 2 * this.capacity, o = this.obs, m = this.masks, a = this.actions;
    this.obs = new Float32Array(n * this.L.size); this.obs.set(o);
    this.masks = new Uint8Array(n * NUM_BATTLE_ACTIONS); this.masks.set(m);
    this.actions = new Int32Array(n); this.actions.set(a);
    this.capacity = n;
  }

  /** The finished game's demonstration (copies of the buffers). */
  take(outcome: number, label: string): Demonstration {
    const n = this.length, L = this.L;
    if (n <= BUILD_STEPS) throw new ImitationError(`${label}: ${n} decisions recorded, no battle action after the ${BUILD_STEPS} build decisions`);
    return {
      length: n, obs: this.obs.slice(0, n * L.size), cand: this.cand.slice(0, this.candRows * L.candidateSize), candRows: this.candRows,
      masks: this.masks.slice(0, n * NUM_BATTLE_ACTIONS), actions: this.actions.slice(0, n), outcome,
    };
  }
}

/** A seat that records demonstrations: the teacher's own play, or a student's labelled by the teacher. */
interface DemoSeat extends LocmAgent {
  label: string;
  take(outcome: number): Demonstration;
}

/**
 * A teacher as a LOCM agent that records its decisions: it plays the teacher's choices, one battle
 * action at a time as the NeuralAgent does (a list-playing teacher's turn is replayed with the
 * referee's semantics, skipping illegal entries, then PASS), so the recorded sequence is exactly
 * what the engine applies, and checks each action against the legal mask.
 */
export class RecordingTeacher implements DemoSeat {
  readonly name: string;
  private readonly enc: DecisionEncoder;
  private readonly L: ObservationLayout;
  private readonly list = new ActionList();
  private readonly scratch: LocmGame;
  private readonly action = new Int32Array(3);
  private listed = false;
  private cursor = 0;
  private readonly buf: DemoBuffer;
  /** For error messages: the game and seat being recorded. */
  label = '';

  /** `lookahead`: record the lookahead features, for a policy with `lookahead`. */
  constructor(readonly teacher: LocmAgent, version: Version, lookahead = false) {
    this.name = `${teacher.name} (recorded)`;
    this.enc = new DecisionEncoder(version, lookahead);
    this.L = this.enc.observer.layout;
    this.buf = new DemoBuffer(this.L);
    this.scratch = new LocmGame(version);
  }

  reset(seed: number): void {
    this.teacher.reset(seed);
    this.enc.reset();
    this.listed = false;
    this.buf.clear();
  }

  draft(triple: readonly Card[], chosen: readonly Card[]): number {
    const i = this.teacher.draft(triple, chosen);
    this.enc.draft(triple);
    this.record(i, true, () => `draft pick ${i} of ${triple.length}`);
    this.enc.chooseDraft(triple, i);
    return i;
  }

  construct(offered: readonly Card[]): number[] {
    const picks = this.teacher.construct(offered);
    if (picks.length !== BUILD_STEPS) throw new ImitationError(`${this.label}: teacher ${this.teacher.name} constructed ${picks.length} cards; a deck holds ${BUILD_STEPS}`);
    this.enc.startConstruct();
    for (let k = 0; k < picks.length; k++) {
      this.enc.construct(offered);
      this.record(picks[k], true, () => `constructed choice ${k + 1} (card ${picks[k]} of ${offered.length})`);
      this.enc.chooseConstructed(offered, picks[k]);
    }
    return picks;
  }

  /** A whole turn (the referee's path): steps a scratch copy, as the NeuralAgent does. */
  battle(game: LocmGame, out: ActionList): void {
    battleBySteps(this, this.scratch, game, out, this.action);
  }

  step(game: LocmGame, out: Int32Array): void {
    if (this.teacher.step) this.teacher.step(game, out);
    else this.nextListed(game, out);
    this.enc.battle(game);
    const a = this.enc.codec.encode(game, out[0], out[1], out[2]);
    const what = (): string => `battle action ${out[0] === PASS ? 'PASS' : `${ACTION_NAMES[out[0]]} ${out[1]} ${out[2]}`} on turn ${game.turn}`;
    if (a < 0) throw new ImitationError(`${this.label}, decision ${this.buf.length}: teacher ${this.teacher.name}'s ${what()} has no slot in the 145-action encoding`);
    const d = this.enc.codec.decode(game, a);
    if (d === null || d[0] !== out[0] || d[1] !== out[1] || d[2] !== out[2]) throw new ImitationError(`${this.label}, decision ${this.buf.length}: teacher ${this.teacher.name}'s ${what()} encodes to slot ${a}, which decodes to another action`);
    this.record(a, false, what);
  }

  /** The next legal action of a list-playing teacher's turn (listed once at the turn's first step), PASS at its end. */
  private nextListed(game: LocmGame, out: Int32Array): void {
    const l = this.list;
    if (!this.listed) {
      l.clear();
      this.teacher.battle(game, l);
      this.cursor = 0;
      this.listed = true;
    }
    while (this.cursor < l.length) {
      const i = this.cursor++, k = l.kind(i);
      if (k !== PASS && game.isLegal(k, l.a1(i), l.a2(i))) { out[0] = k; out[1] = l.a1(i); out[2] = l.a2(i); return; }
    }
    out[0] = PASS; out[1] = 0; out[2] = 0;
    this.listed = false;
  }

  /** Stores the decision written by the encoder with the teacher's action `a` (checked against the mask). */
  private record(a: number, build: boolean, what: () => string): void {
    const m = this.enc.mask;
    if (!(Number.isInteger(a) && a >= 0 && a < NUM_BATTLE_ACTIONS && m[a] === 1)) throw new ImitationError(`${this.label}, decision ${this.buf.length}: teacher ${this.teacher.name}'s ${what()} is not in the legal mask`);
    this.buf.push(this.enc.obs, build ? this.enc.cand : null, m, a);
  }

  take(outcome: number): Demonstration {
    return this.buf.take(outcome, `${this.label} (teacher ${this.teacher.name})`);
  }
}

/**
 * DAgger's seat: the student (a greedy NeuralAgent) plays, and each of its decisions is stored as
 * the student saw it with the teacher's choice in that position as the label. Battle labels need a
 * teacher that decides one action at a time (`step`); a constructed deck's label is the teacher's
 * earliest pick the student has not matched yet.
 */
export class LabelledStudent implements DemoSeat, DecisionRecorder {
  readonly name: string;
  label = '';
  private readonly student: NeuralAgent;
  private readonly buf: DemoBuffer;
  private readonly codec = new BattleActionCodec();
  private readonly scratch: LocmGame;
  private readonly action = new Int32Array(3);
  private readonly teacherAction = new Int32Array(3);
  private target = 0;
  private pending: number[] = [];
  private constructing = false;

  constructor(policy: LocmPolicy, readonly teacher: LocmAgent) {
    if (!teacher.step) throw new ImitationError(`DAgger needs a teacher that decides one battle action at a time (step); ${teacher.name} plays whole turns`);
    this.student = new NeuralAgent(policy, { greedy: true, name: 'student', recorder: this });
    this.name = `student labelled by ${teacher.name}`;
    this.buf = new DemoBuffer(policy.layout);
    this.scratch = new LocmGame(policy.config.version);
  }

  reset(seed: number): void {
    this.student.reset(seed);
    this.teacher.reset(seed);
    this.buf.clear();
  }

  draft(triple: readonly Card[], chosen: readonly Card[]): number {
    this.target = this.teacher.draft(triple, chosen);
    return this.student.draft(triple, chosen);
  }

  construct(offered: readonly Card[]): number[] {
    this.pending = this.teacher.construct(offered).slice();
    this.constructing = true;
    try {
      return this.student.construct(offered);
    } finally {
      this.constructing = false;
    }
  }

  step(game: LocmGame, out: Int32Array): void {
    const t = this.teacherAction;
    this.teacher.step!(game, t);
    this.target = this.codec.encode(game, t[0], t[1], t[2]);
    if (this.target < 0) throw new ImitationError(`${this.label}, decision ${this.buf.length}: teacher ${this.teacher.name}'s battle action ${t[0] === PASS ? 'PASS' : `${ACTION_NAMES[t[0]]} ${t[1]} ${t[2]}`} on turn ${game.turn} has no slot in the 145-action encoding`);
    this.student.step(game, out);
  }

  battle(game: LocmGame, out: ActionList): void {
    battleBySteps(this, this.scratch, game, out, this.action);
  }

  /** The student's decision (its own buffers) under the teacher's label. */
  record(obs: Float32Array, cand: Float32Array | null, mask: Uint8Array, action: number): void {
    if (this.constructing) {
      if (this.pending.length === 0) throw new ImitationError(`${this.label}: teacher ${this.teacher.name} constructed fewer than ${BUILD_STEPS} cards`);
      this.target = this.pending[0];
      const k = this.pending.indexOf(action);
      if (k >= 0) this.pending.splice(k, 1);
    }
    if (mask[this.target] !== 1) throw new ImitationError(`${this.label}, decision ${this.buf.length}: teacher ${this.teacher.name}'s label ${this.target} is not in the student's legal mask`);
    this.buf.push(obs, cand, mask, this.target);
  }

  take(outcome: number): Demonstration {
    return this.buf.take(outcome, `${this.label} (student labelled by ${this.teacher.name})`);
  }
}

export type ImitationProgress =
  | { stage: 'record'; round: number; games: number; of: number; decisions: number }
  | { stage: 'train'; round: number; epoch: number; of: number; crossEntropy: number; accuracy: number; valueLoss: number };

/**
 * Plays `games` games of the recording seats against the opponents, cycled game by game with the
 * recorded side alternating seats (the teacher's name: recorders in both seats); round 0 is the
 * teacher's games, round r ≥ 1 DAgger's.
 */
function recordGames(c: ImitationConfig, games: number, round: number, recorders: [DemoSeat, DemoSeat], onProgress: (p: ImitationProgress) => void): Demonstration[] {
  const runner = new LocmRunner(c.version), demos: Demonstration[] = [];
  const opponents = new Map(c.opponents.filter((n) => n !== c.teacher).map((n) => [n, makeAgent(n)]));
  let decisions = 0;
  for (let g = 0; g < games; g++) {
    const name = c.opponents[g % c.opponents.length], seat = Math.floor(g / c.opponents.length) & 1;
    const seats: [LocmAgent, LocmAgent] = [recorders[0], recorders[1]];
    if (name !== c.teacher) seats[1 - seat] = opponents.get(name)!;
    for (let p = 0; p < 2; p++) recorders[p].label = `LOCM ${c.version} imitation round ${round} game ${g} (seat ${p}, against ${name})`;
    const r = runner.play(round === 0 ? deriveSeed(c.seed, 'imitation-game', g) : deriveSeed(c.seed, 'dagger-game', round, g), seats);
    for (let p = 0; p < 2; p++) {
      if (seats[p] !== recorders[p]) continue;
      const d = recorders[p].take(r.winner === p ? 1 : -1);
      decisions += d.length;
      demos.push(d);
    }
    onProgress({ stage: 'record', round, games: g + 1, of: games, decisions });
  }
  return demos;
}

/** Plays `config.games` teacher games (seeds derived from `config.seed`) and returns the teacher seats' demonstrations. */
export function recordTeacherGames(config: ImitationConfig, onProgress: (p: ImitationProgress) => void = () => {}): Demonstration[] {
  const c = config, lookahead = c.policy.lookahead === true;
  return recordGames(c, c.games, 0, [new RecordingTeacher(makeAgent(c.teacher), c.version, lookahead), new RecordingTeacher(makeAgent(c.teacher), c.version, lookahead)], onProgress);
}

/** DAgger round `round` (≥ 1): `config.daggerGames` games of the greedy student, its decisions labelled with the teacher's. */
export function recordStudentGames(policy: LocmPolicy, config: ImitationConfig, round: number, onProgress: (p: ImitationProgress) => void = () => {}): Demonstration[] {
  const c = config;
  if (policy.config.version !== c.version) throw new ImitationError(`the policy plays LOCM ${policy.config.version}; the imitation config is for ${c.version}`);
  return recordGames(c, c.daggerGames, round, [new LabelledStudent(policy, makeAgent(c.teacher)), new LabelledStudent(policy, makeAgent(c.teacher))], onProgress);
}

/** Minibatch buffers sized for the longest demonstration, reused across minibatches. */
class Batch {
  readonly obs: Float32Array;
  readonly cand: Float32Array;
  readonly masks: Uint8Array;
  readonly actions: Int32Array;
  readonly outcomes: Float32Array;
  readonly valid: Int32Array;
  T = 0;
  B = 0;
  n = 0;

  constructor(readonly L: ObservationLayout, maxT: number, maxB: number) {
    this.obs = new Float32Array(maxT * maxB * L.size);
    this.cand = new Float32Array(BUILD_STEPS * maxB * L.candidateSize);
    this.masks = new Uint8Array(maxT * maxB * NUM_BATTLE_ACTIONS);
    this.actions = new Int32Array(maxT * maxB);
    this.outcomes = new Float32Array(maxT * maxB);
    this.valid = new Int32Array(maxT * maxB);
  }

  /** Lays the demonstrations out time-major (row t·B + b); padding rows take action 0 under a PASS-only mask and are left out of the losses. */
  fill(demos: readonly Demonstration[]): void {
    const L = this.L, B = demos.length;
    let T = 0;
    for (const d of demos) T = Math.max(T, d.length);
    this.T = T; this.B = B; this.n = 0;
    this.obs.fill(0, 0, T * B * L.size);
    this.masks.fill(0, 0, T * B * NUM_BATTLE_ACTIONS);
    this.actions.fill(0, 0, T * B);
    for (let b = 0; b < B; b++) {
      const d = demos[b];
      for (let t = 0; t < T; t++) {
        const k = t * B + b;
        if (t >= d.length) { this.masks[k * NUM_BATTLE_ACTIONS] = 1; continue; }
        this.obs.set(d.obs.subarray(t * L.size, (t + 1) * L.size), k * L.size);
        if (t < BUILD_STEPS) {
          const r = d.candRows === 1 ? 0 : t;
          this.cand.set(d.cand.subarray(r * L.candidateSize, (r + 1) * L.candidateSize), k * L.candidateSize);
        }
        this.masks.set(d.masks.subarray(t * NUM_BATTLE_ACTIONS, (t + 1) * NUM_BATTLE_ACTIONS), k * NUM_BATTLE_ACTIONS);
        this.actions[k] = d.actions[t];
        this.outcomes[k] = d.outcome;
        this.valid[this.n++] = k;
      }
    }
  }
}

export interface ImitationLosses {
  /** Mean cross-entropy of the teacher's actions under the policy (nats per decision). */
  crossEntropy: number;
  /** Share of decisions where the policy's greedy (argmax) action is the teacher's. */
  accuracy: number;
  /** Mean of ½(V − outcome)². */
  valueLoss: number;
}

/** Losses of one filled batch; `train` takes an Adam step on CE + valueCost · value loss. */
function batchLosses(policy: LocmPolicy, batch: Batch, train: { opt: Adam; valueCost: number; maxGradNorm: number } | null): ImitationLosses & { rows: number } {
  const L = policy.layout, { T, B, n } = batch, TB = T * B;
  const idx = batch.valid.subarray(0, n);
  return scope(() => {
    const out = policy.forwardSequence(fromBuffer(batch.obs.subarray(0, TB * L.size), [TB, L.size]), fromBuffer(batch.cand.subarray(0, BUILD_STEPS * B * L.candidateSize), [BUILD_STEPS * B, L.candidateSize]), T, B);
    const masks = batch.masks.subarray(0, TB * NUM_BATTLE_ACTIONS);
    const logp = op.indexSelect(new Categorical(out.logits, masks).logProb(batch.actions.subarray(0, TB)), 0, idx);
    const ce = op.neg(op.mean(logp));
    const target = new Float32Array(n);
    for (let j = 0; j < n; j++) target[j] = batch.outcomes[idx[j]];
    const valueLoss = op.scale(op.mean(op.square(op.sub(op.indexSelect(out.value, 0, idx), fromBuffer(target, [n])))), 0.5);
    let hits = 0;
    const z = out.logits.data;
    for (let j = 0; j < n; j++) {
      const k = idx[j], row = k * NUM_BATTLE_ACTIONS;
      let best = -1, max = -Infinity;
      for (let a = 0; a < NUM_BATTLE_ACTIONS; a++) if (masks[row + a] && z[row + a] > max) { max = z[row + a]; best = a; }
      if (best === batch.actions[k]) hits++;
    }
    const stats = { crossEntropy: ce.item(), accuracy: hits / n, valueLoss: valueLoss.item(), rows: n };
    if (train !== null) {
      const loss = train.valueCost > 0 ? op.add(ce, op.scale(valueLoss, train.valueCost)) : ce;
      train.opt.zeroGrad();
      loss.backward();
      clipGradNorm(train.opt.params, train.maxGradNorm);
      train.opt.step();
    }
    return stats;
  });
}

function checkDemos(policy: LocmPolicy, demos: readonly Demonstration[]): void {
  if (demos.length === 0) throw new ImitationError('no demonstrations to learn from');
  const L = policy.layout;
  for (const d of demos) {
    if (d.obs.length !== d.length * L.size) throw new ImitationError(`a demonstration's observation rows hold ${d.obs.length / d.length} values; this LOCM ${policy.config.version} policy reads ${L.size} (another version's recording?)`);
  }
}

/** Decision-weighted losses of `policy` on the demonstrations, without learning. */
export function imitationLosses(policy: LocmPolicy, demos: readonly Demonstration[], minibatchTrajectories = 16): ImitationLosses {
  checkDemos(policy, demos);
  const batch = new Batch(policy.layout, Math.max(...demos.map((d) => d.length)), Math.min(minibatchTrajectories, demos.length));
  let ce = 0, acc = 0, vl = 0, rows = 0;
  noGrad(() => {
    for (let s = 0; s < demos.length; s += minibatchTrajectories) {
      batch.fill(demos.slice(s, s + minibatchTrajectories));
      const r = batchLosses(policy, batch, null);
      ce += r.crossEntropy * r.rows; acc += r.accuracy * r.rows; vl += r.valueLoss * r.rows; rows += r.rows;
    }
  });
  return { crossEntropy: ce / rows, accuracy: acc / rows, valueLoss: vl / rows };
}

/**
 * Behaviour cloning: `epochs` shuffled passes of whole-game minibatches, Adam on the
 * cross-entropy of the teacher's actions (+ valueCost · the value loss). Returns each epoch's
 * decision-weighted training losses.
 */
export function cloneTeacher(policy: LocmPolicy, demos: readonly Demonstration[], config: ImitationConfig, onProgress: (p: ImitationProgress) => void = () => {}, epochs = config.epochs, round = 0): ImitationLosses[] {
  const c = config;
  if (policy.config.version !== c.version) throw new ImitationError(`the policy plays LOCM ${policy.config.version}; the imitation config is for ${c.version}`);
  checkDemos(policy, demos);
  const opt = new Adam(policy, { lr: c.lr, eps: 1e-5 }), rng = new Rng(deriveSeed(c.seed, 'imitation-shuffle', round));
  const batch = new Batch(policy.layout, Math.max(...demos.map((d) => d.length)), Math.min(c.minibatchTrajectories, demos.length));
  const order = demos.map((_, i) => i), history: ImitationLosses[] = [];
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) { const j = rng.int(i + 1); [order[i], order[j]] = [order[j], order[i]]; }
    let ce = 0, acc = 0, vl = 0, rows = 0;
    for (let s = 0; s < order.length; s += c.minibatchTrajectories) {
      batch.fill(order.slice(s, s + c.minibatchTrajectories).map((i) => demos[i]));
      const r = batchLosses(policy, batch, { opt, valueCost: c.valueCost, maxGradNorm: c.maxGradNorm });
      ce += r.crossEntropy * r.rows; acc += r.accuracy * r.rows; vl += r.valueLoss * r.rows; rows += r.rows;
    }
    const epoch = { crossEntropy: ce / rows, accuracy: acc / rows, valueLoss: vl / rows };
    history.push(epoch);
    onProgress({ stage: 'train', round, epoch: e + 1, of: epochs, ...epoch });
  }
  return history;
}

/** The whole warm start: records the teacher's games, clones it into a fresh policy (initialised from `config.seed`), then the DAgger rounds on the growing data. */
export function imitationPolicy(config: ImitationConfig, onProgress: (p: ImitationProgress) => void = () => {}): { policy: LocmPolicy; history: ImitationLosses[] } {
  const c = config, demos = recordTeacherGames(c, onProgress);
  const policy = new LocmPolicy(policyConfig(c.version, c.policy), new Rng(deriveSeed(c.seed, 'policy')));
  const history = cloneTeacher(policy, demos, c, onProgress);
  for (let r = 1; r <= c.daggerRounds; r++) {
    for (const d of recordStudentGames(policy, c, r, onProgress)) demos.push(d);
    history.push(...cloneTeacher(policy, demos, c, onProgress, c.daggerEpochs, r));
  }
  return { policy, history };
}
