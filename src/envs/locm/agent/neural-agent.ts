// The end-to-end policy as a LOCM agent (agents/agent.ts): deck building through the build head,
// battle one atomic action per network call (LSTM state kept for the whole game, reset per game),
// greedy (argmax, as ByteRL played) or sampled. It loads policy files and run checkpoints, and
// registers a bot resolver so `ludus locm bot --agent <file.safetensors>|ludus-1.5|ludus-1.2` works.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Rng } from '../../../core/rng.js';
import { loadSafetensors, saveSafetensors, toFloat32, type SafeTensor, type SafetensorsFile } from '../../../core/safetensors.js';
import type { Card } from '../cards.js';
import { LocmGame, type Version } from '../engine.js';
import { BattleActionCodec, NUM_BATTLE_ACTIONS } from '../env.js';
import { battleBySteps, type ActionList, type LocmAgent } from '../agents/agent.js';
import { registerAgentResolver } from '../bot.js';
import { ActionLookahead } from './lookahead.js';
import { SeatObserver } from './observation.js';
import { BUILD_STEPS, LocmPolicy, type LocmPolicyConfig } from './policy.js';

/** Receives every decision the agent takes (the trainer's trajectory store). */
export interface DecisionRecorder {
  /** `cand` is null on battle rows. The arrays are the agent's buffers: copy them. */
  record(obs: Float32Array, cand: Float32Array | null, mask: Uint8Array, action: number, logProb: number, value: number): void;
}

export interface NeuralAgentOptions {
  /** Argmax over the legal actions (default) or sampling from the policy. */
  greedy?: boolean;
  name?: string;
  recorder?: DecisionRecorder | null;
}

export class PolicyFileError extends Error {
  override name = 'PolicyFileError';
}

/**
 * How a seat's decisions reach the policy: the observation row, the candidate row (build
 * decisions) and the legal mask over the 145 slots. Shared by NeuralAgent and the imitation
 * recorder (imitation.ts), so that a teacher's decisions are encoded exactly as the agent sees its own.
 */
export class DecisionEncoder {
  readonly observer: SeatObserver;
  readonly obs: Float32Array;
  readonly cand: Float32Array;
  readonly mask = new Uint8Array(NUM_BATTLE_ACTIONS);
  readonly codec = new BattleActionCodec();
  /** Copies taken of each offered card in a 1.5 construct. */
  private readonly copies = new Int32Array(120);
  private readonly lookahead: ActionLookahead | null;

  /** `lookahead`: battle rows carry each legal action's lookahead features (a policy with `lookahead`). */
  constructor(readonly version: Version, lookahead = false) {
    this.observer = new SeatObserver(version, lookahead);
    this.obs = new Float32Array(this.observer.layout.size);
    this.cand = new Float32Array(this.observer.layout.candidateSize);
    this.lookahead = lookahead ? new ActionLookahead(version) : null;
  }

  /** A new game: an empty deck record. */
  reset(): void {
    this.observer.reset();
  }

  /** A 1.2 draft decision: the triple's rows; every pick 0..2 is legal. */
  draft(triple: readonly Card[]): void {
    this.observer.writeBuild(triple, this.obs, this.cand);
    this.mask.fill(0);
    this.mask.fill(1, 0, 3);
  }

  chooseDraft(triple: readonly Card[], i: number): void {
    this.observer.addChosen(triple[i]);
  }

  /** Before the 30 choices of a 1.5 construct. */
  startConstruct(): void {
    this.copies.fill(0);
  }

  /** A 1.5 constructed choice: the offered cards' rows; a card with a copy left is legal. */
  construct(offered: readonly Card[]): void {
    this.observer.writeBuild(offered, this.obs, this.cand);
    this.mask.fill(0);
    for (let i = 0; i < offered.length; i++) this.mask[i] = this.copies[i] < 2 ? 1 : 0;
  }

  chooseConstructed(offered: readonly Card[], i: number): void {
    this.copies[i]++;
    this.observer.addChosen(offered[i]);
  }

  /** A battle decision of the player to move in `game` (this seat): its row and legal mask. */
  battle(game: LocmGame): void {
    this.observer.writeBattle(game, this.obs);
    this.codec.legalMask(game, this.mask);
    this.lookahead?.write(game, this.mask, this.codec, this.obs, this.observer.layout.actions);
  }
}

export class NeuralAgent implements LocmAgent {
  readonly name: string;
  readonly observer: SeatObserver;
  greedy: boolean;
  recorder: DecisionRecorder | null;
  private readonly rng = new Rng(0);
  private readonly enc: DecisionEncoder;
  private readonly logits = new Float32Array(NUM_BATTLE_ACTIONS);
  private readonly h: Float32Array;
  private readonly c: Float32Array;
  private readonly scratch: LocmGame;
  private readonly action = new Int32Array(3);
  /** Network calls since construction (for timing). */
  decisions = 0;

  constructor(readonly policy: LocmPolicy, options: NeuralAgentOptions = {}) {
    const v = policy.config.version;
    this.enc = new DecisionEncoder(v, policy.config.lookahead === true);
    this.observer = this.enc.observer;
    this.greedy = options.greedy ?? true;
    this.name = options.name ?? `neural-${v}${this.greedy ? '' : '-sampled'}`;
    this.recorder = options.recorder ?? null;
    this.h = new Float32Array(policy.config.lstm);
    this.c = new Float32Array(policy.config.lstm);
    this.scratch = new LocmGame(v);
  }

  get version(): Version { return this.policy.config.version; }

  /** A new game: fresh LSTM state and deck record; `seed` drives sampling. */
  reset(seed: number): void {
    this.rng.seed(seed);
    this.h.fill(0);
    this.c.fill(0);
    this.enc.reset();
  }

  /** The LSTM state (h then c), for tests and inspection. */
  recurrentState(): Float32Array {
    const s = new Float32Array(2 * this.h.length);
    s.set(this.h);
    s.set(this.c, this.h.length);
    return s;
  }

  draft(triple: readonly Card[], _chosen: readonly Card[]): number {
    this.enc.draft(triple);
    const i = this.decide(true);
    this.enc.chooseDraft(triple, i);
    return i;
  }

  construct(offered: readonly Card[]): number[] {
    const picks: number[] = [];
    this.enc.startConstruct();
    for (let k = 0; k < BUILD_STEPS; k++) {
      this.enc.construct(offered);
      const i = this.decide(true);
      this.enc.chooseConstructed(offered, i);
      picks.push(i);
    }
    return picks;
  }

  step(game: LocmGame, out: Int32Array): void {
    this.enc.battle(game);
    const a = this.decide(false);
    const d = this.enc.codec.decode(game, a);
    if (d === null) throw new RangeError(`${this.name}: chose battle action ${a}, which names no card (the legal mask allowed it)`);
    out[0] = d[0]; out[1] = d[1]; out[2] = d[2];
  }

  battle(game: LocmGame, out: ActionList): void {
    battleBySteps(this, this.scratch, game, out, this.action);
  }

  /** One network call: the chosen legal action; reports it to the recorder. */
  private decide(build: boolean): number {
    this.decisions++;
    const e = this.enc;
    const value = this.policy.step(e.obs, e.cand, this.h, this.c, this.logits);
    const z = this.logits, m = e.mask;
    let best = -1, max = -Infinity;
    for (let a = 0; a < NUM_BATTLE_ACTIONS; a++) if (m[a] && z[a] > max) { max = z[a]; best = a; }
    if (best < 0) throw new RangeError(`${this.name}: no legal action to choose from`);
    let sum = 0;
    for (let a = 0; a < NUM_BATTLE_ACTIONS; a++) if (m[a]) sum += Math.exp(z[a] - max);
    let pick = best;
    if (!this.greedy) {
      let u = this.rng.next() * sum;
      for (let a = 0; a < NUM_BATTLE_ACTIONS; a++) {
        if (!m[a]) continue;
        pick = a;
        u -= Math.exp(z[a] - max);
        if (u < 0) break;
      }
    }
    const logProb = z[pick] - max - Math.log(sum);
    this.recorder?.record(e.obs, build ? e.cand : null, m, pick, logProb, value);
    return pick;
  }
}

const POLICY_FORMAT = 'ludus-locm-policy';

/** Writes a policy file: its parameters and its config (metadata), loadable by `loadPolicy`. */
export function savePolicy(path: string, policy: LocmPolicy): void {
  saveSafetensors(path, policy.tensors(), { format: POLICY_FORMAT, config: JSON.stringify(policy.config) });
}

type F32Tensor = Extract<SafeTensor, { dtype: 'F32' }>;

/** Builds a policy from a policy file or a `train locm` run checkpoint (parameters under `policy.`). */
export function loadPolicy(path: string): LocmPolicy {
  let file: SafetensorsFile;
  try {
    file = loadSafetensors(path);
  } catch (e) {
    throw new PolicyFileError(`cannot read LOCM policy ${path}: ${(e as Error).message}`);
  }
  let config: LocmPolicyConfig, prefix: string;
  try {
    if (file.metadata.format === POLICY_FORMAT) {
      config = JSON.parse(file.metadata.config) as LocmPolicyConfig;
      prefix = '';
    } else {
      const state = JSON.parse(file.metadata.state ?? '{}') as { policyConfig?: LocmPolicyConfig };
      if (state.policyConfig === undefined) throw new Error('no policy config in its metadata');
      config = state.policyConfig;
      prefix = 'policy.';
    }
  } catch (e) {
    throw new PolicyFileError(`${path} is not a LOCM policy file or train-locm checkpoint: ${(e as Error).message}`);
  }
  const policy = new LocmPolicy(config, new Rng(0));
  const entries: Record<string, F32Tensor> = {};
  for (const [name, p] of policy.namedParameters()) {
    const t = file.tensors[prefix + name];
    if (t === undefined) throw new PolicyFileError(`${path}: parameter ${prefix + name} is missing`);
    entries[name] = name.startsWith('lookahead.') ? widenFeatures(toFloat32(t), p.shape) : toFloat32(t);
  }
  policy.loadStateDict(entries);
  return policy;
}

/**
 * A lookahead tensor saved before features were added (its last axis shorter): the new features get
 * weight 0, so the policy plays exactly as saved. Other shapes pass through to loadStateDict's check.
 */
function widenFeatures(t: F32Tensor, shape: readonly number[]): F32Tensor {
  const from = t.shape[t.shape.length - 1], to = shape[shape.length - 1];
  const sameRows = t.shape.length === shape.length && t.shape.slice(0, -1).every((d, i) => d === shape[i]);
  if (!sameRows || from >= to) return t;
  const rows = t.data.length / from, data = new Float32Array(rows * to);
  for (let i = 0; i < rows; i++) data.set(t.data.subarray(i * from, (i + 1) * from), i * to);
  return { dtype: 'F32', shape: [...shape], data };
}

/** Where the shipped weights of `ludus-1.5` / `ludus-1.2` live. */
export function shippedWeightsPath(version: Version): string {
  return fileURLToPath(new URL(`./weights/ludus-${version}.safetensors`, import.meta.url));
}

/** Resolves `ludus-1.5`, `ludus-1.2` (shipped weights) and `*.safetensors` paths to greedy neural agents. */
export function neuralAgentResolver(spec: string): LocmAgent | null {
  const m = /^ludus-(1\.[25])$/.exec(spec);
  if (m !== null) {
    const path = shippedWeightsPath(m[1] as Version);
    if (!existsSync(path)) throw new PolicyFileError(`the shipped weights of ${spec} are not in this build (${path}); train with the LOCM trainer and pass the checkpoint path instead`);
    return new NeuralAgent(loadPolicy(path), { name: spec });
  }
  if (!spec.endsWith('.safetensors')) return null;
  return new NeuralAgent(loadPolicy(spec), { name: spec });
}

let registered = false;

/** Makes neural agents available to `resolveAgent` (the bot and CLI); idempotent. */
export function registerNeuralAgents(): void {
  if (registered) return;
  registered = true;
  registerAgentResolver(neuralAgentResolver);
}
