// The LOCM trainer (issue #8): whole games (deck building and battle) played by the end-to-end
// policy, one trajectory per learner seat (terminal ±1, γ = 1), learned with V-trace targets and
// the PPO-clipped policy loss (the published learner, ALGORITHMS.md §2.4) and Adam. Opponents:
// the league (src/league: OSFP by default, §2.5) — the learner itself or a frozen past snapshot —
// or, with a configurable probability, a fixed baseline. Actors (actors.ts) play in worker threads
// or in the learner's thread, one iteration ahead: while the learner learns from iteration k's
// games, iteration k+1's are played with the parameters from before that update (V-trace and the
// PPO ratio use the recorded behaviour log-probabilities, so the lag is corrected). The schedule is
// the same for any number of actor threads, and the pipeline is drained before every checkpoint, so
// a seed gives one run and a resumed run continues exactly. Periodic greedy evaluations against the
// fixed baselines, checkpoints and resume go through the run folder (src/runs/run.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Rng, deriveSeed, type RngState } from '../../../core/rng.js';
import { fromBuffer, scope } from '../../../core/tensor.js';
import * as op from '../../../core/ops/index.js';
import { Categorical } from '../../../core/distributions/index.js';
import { Adam, clipGradNorm } from '../../../core/optim/index.js';
import type { TensorMap } from '../../../core/safetensors.js';
import { computeVtrace } from '../../../algos/returns.js';
import { clippedPolicyLoss } from '../../../algos/ppo/losses.js';
import { League, presetConfig, type LeagueJson, type LeaguePreset } from '../../../league/index.js';
import type { Run } from '../../../runs/run.js';
import type { Version } from '../engine.js';
import { NUM_BATTLE_ACTIONS } from '../env.js';
import { LocmRunner } from '../play.js';
import { makeAgent, type LocmAgent } from '../agents/index.js';
import { InThreadActors, WorkerActors, type ActorJob, type ActorPool, type TrajectoryData } from './actors.js';
import { NeuralAgent, loadPolicy, savePolicy } from './neural-agent.js';
import { BUILD_STEPS, DEFAULT_POLICY_CONFIG, LocmPolicy, policyConfig, type LocmPolicyConfig } from './policy.js';

export interface LocmTrainConfig {
  version: Version;
  seed: number;
  /** Policy widths (see DEFAULT_POLICY_CONFIG). */
  policy: Partial<Omit<LocmPolicyConfig, 'version'>>;
  gamesPerIteration: number;
  epochs: number;
  /** Trajectories per minibatch (a trajectory is one seat's whole game). */
  minibatchTrajectories: number;
  lr: number;
  clip: number;
  entropyCost: number;
  valueCost: number;
  rhoBar: number;
  cBar: number;
  maxGradNorm: number;
  league: LeaguePreset;
  /** Iterations per league learning period. */
  periodIterations: number;
  /** Probability that a game's opponent is a fixed baseline rather than the league's pick. */
  fixedOpponentProb: number;
  fixedOpponents: string[];
  evalEvery: number;
  /** Games per evaluation opponent (half in each seat). */
  evalGames: number;
  evalOpponents: string[];
  checkpointEvery: number;
  /** Worker threads that play the training games (0: the learner's thread). Does not change the run. */
  actors: number;
  /** A policy file (savePolicy) a fresh run starts from, with the same version and widths; a resumed run ignores it. */
  initPolicy: string | null;
}

export const LOCM_TRAIN_DEFAULTS: Readonly<Omit<LocmTrainConfig, 'version'>> = Object.freeze({
  seed: 1, policy: {}, gamesPerIteration: 16, epochs: 2, minibatchTrajectories: 8, lr: 3e-4, clip: 0.2, entropyCost: 0.01, valueCost: 0.5,
  rhoBar: 1, cBar: 1, maxGradNorm: 0.5, league: 'osfp', periodIterations: 25, fixedOpponentProb: 0.2,
  fixedOpponents: ['random', 'baseline2', 'baseline1'], evalEvery: 10, evalGames: 100, evalOpponents: ['random', 'baseline2', 'baseline1', 'greedy'], checkpointEvery: 10,
  actors: 1, initPolicy: null,
});

export class LocmTrainConfigError extends Error {
  override name = 'LocmTrainConfigError';
}

export function resolveLocmTrainConfig(version: Version, overrides: Partial<Omit<LocmTrainConfig, 'version'>> = {}): LocmTrainConfig {
  const c: LocmTrainConfig = { ...LOCM_TRAIN_DEFAULTS, ...overrides, version };
  if (version !== '1.2' && version !== '1.5') throw new LocmTrainConfigError(`version must be '1.2' or '1.5', got ${String(version)}`);
  for (const k of ['gamesPerIteration', 'epochs', 'minibatchTrajectories', 'periodIterations', 'evalEvery', 'evalGames', 'checkpointEvery'] as const) {
    if (!(Number.isInteger(c[k]) && c[k] > 0)) throw new LocmTrainConfigError(`${k} must be a positive integer, got ${c[k]}`);
  }
  for (const k of ['lr', 'clip', 'rhoBar', 'cBar', 'maxGradNorm'] as const) if (!(c[k] > 0)) throw new LocmTrainConfigError(`${k} must be positive, got ${c[k]}`);
  for (const k of ['entropyCost', 'valueCost'] as const) if (!(c[k] >= 0)) throw new LocmTrainConfigError(`${k} must be non-negative, got ${c[k]}`);
  if (!(Number.isInteger(c.actors) && c.actors >= 0)) throw new LocmTrainConfigError(`actors must be a whole number of threads (0: the learner's thread), got ${c.actors}`);
  if (!(c.initPolicy === null || (typeof c.initPolicy === 'string' && c.initPolicy.length > 0))) throw new LocmTrainConfigError(`initPolicy must be the path of a policy file or null, got ${JSON.stringify(c.initPolicy)}`);
  if (!(c.fixedOpponentProb >= 0 && c.fixedOpponentProb <= 1)) throw new LocmTrainConfigError(`fixedOpponentProb must be in [0, 1], got ${c.fixedOpponentProb}`);
  if (c.fixedOpponentProb > 0 && c.fixedOpponents.length === 0) throw new LocmTrainConfigError('fixedOpponents is empty but fixedOpponentProb > 0');
  for (const n of [...c.fixedOpponents, ...c.evalOpponents]) makeAgent(n);
  return c;
}

/**
 * The config stored in a run folder (`run.info.config.resolved`), resolved again: settings added
 * since the run was created take their defaults, so older runs resume.
 */
export function resolveStoredLocmTrainConfig(stored: unknown): LocmTrainConfig {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) throw new LocmTrainConfigError(`the run's stored config is not an object of settings: ${JSON.stringify(stored)}`);
  const { version, ...rest } = stored as Partial<LocmTrainConfig>;
  return resolveLocmTrainConfig(version as Version, rest);
}

export interface IterationStats {
  iteration: number;
  games: number;
  /** Learner decisions learned from this iteration. */
  decisions: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  clipFrac: number;
  /** Learner win rate in this iteration's games against fixed baselines and league members (NaN if none). */
  trainWinRate: number;
  /** Seconds the learner spent on games before learning: playing them in its thread (with `ahead`, also the next iteration's), or waiting for the actor threads. */
  actSeconds: number;
  learnSeconds: number;
}

interface TrainerState {
  iteration: number;
  games: number;
  rng: RngState;
  league: LeagueJson;
  policyConfig: LocmPolicyConfig;
  adamStep: number;
  adamHyper: Record<string, number>;
}

/** A submitted batch: its jobs and, per job, the league member index it plays (−1: none). */
interface Submitted {
  jobs: ActorJob[];
  memberIndex: Int32Array;
}

export class LocmTrainer {
  readonly policy: LocmPolicy;
  readonly opt: Adam;
  readonly league: League<string>;
  iteration = 0;
  games = 0;
  private readonly rng: Rng;
  private readonly runner: LocmRunner;
  private readonly fixed = new Map<string, LocmAgent>();
  private actors: ActorPool | null = null;
  /** The batch being played for the next iteration, if any (never across a checkpoint). */
  private submitted: Submitted | null = null;

  constructor(readonly config: LocmTrainConfig, readonly run: Run | null = null, state: { tensors: TensorMap; state: TrainerState } | null = null) {
    const c = config;
    const pc = state?.state.policyConfig ?? policyConfig(c.version, c.policy);
    this.policy = new LocmPolicy(pc, new Rng(deriveSeed(c.seed, 'policy')));
    if (state === null && c.initPolicy !== null) this.warmStart(c.initPolicy);
    this.opt = new Adam(this.policy, { lr: c.lr, eps: 1e-5 });
    this.rng = new Rng(deriveSeed(c.seed, 'trainer'));
    this.league = state !== null ? League.fromJSON<string>(state.state.league) : new League<string>(presetConfig(c.league), deriveSeed(c.seed, 'league'));
    if (state !== null) {
      const s = state.state, policyEntries: TensorMap = {}, adamEntries: TensorMap = {};
      for (const [k, v] of Object.entries(state.tensors)) {
        if (k.startsWith('policy.')) policyEntries[k.slice(7)] = v;
        else if (k.startsWith('adam.')) adamEntries[k.slice(5)] = v;
      }
      this.policy.loadStateDict(policyEntries as Parameters<LocmPolicy['loadStateDict']>[0]);
      this.opt.loadStateDict({ step: s.adamStep, hyper: s.adamHyper, tensors: adamEntries as Parameters<Adam['loadStateDict']>[0]['tensors'] });
      this.rng.setState(s.rng);
      this.iteration = s.iteration;
      this.games = s.games;
    }
    this.runner = new LocmRunner(c.version);
    for (const n of new Set([...c.fixedOpponents, ...c.evalOpponents])) this.fixed.set(n, makeAgent(n));
  }

  /**
   * Starts from the parameters of a policy file with this run's version and widths. A run with
   * `lookahead` may start from a file without it: its lookahead head keeps the greedy prior.
   */
  private warmStart(path: string): void {
    const init = loadPolicy(path), want = this.policy.config, got = init.config;
    const keys = ['version', ...Object.keys(DEFAULT_POLICY_CONFIG)] as (keyof LocmPolicyConfig)[];
    const differ = keys.filter((k) => JSON.stringify(got[k]) !== JSON.stringify(want[k]));
    if (got.lookahead === true && want.lookahead !== true) differ.push('lookahead');
    if (differ.length > 0) {
      const show = (cfg: LocmPolicyConfig): string => differ.map((k) => `${k} ${JSON.stringify(cfg[k] ?? false)}`).join(', ');
      throw new LocmTrainConfigError(`initPolicy ${path} has ${show(got)} but this run's policy has ${show(want)}; set the config's version and "policy" widths to the file's, or start from another file`);
    }
    const entries = init.tensors();
    if (want.lookahead === true && got.lookahead !== true) for (const [k, v] of Object.entries(this.policy.tensors())) if (k.startsWith('lookahead.')) entries[k] = v;
    this.policy.loadStateDict(entries as Parameters<LocmPolicy['loadStateDict']>[0]);
  }

  private actorPool(): ActorPool {
    const c = this.config;
    this.actors ??= c.actors === 0 ? new InThreadActors(this.policy, c.fixedOpponents) : new WorkerActors(c.actors, this.policy, c.fixedOpponents);
    return this.actors;
  }

  /** Decides the next iteration's games (seeds, seats, opponents) and submits them with the current parameters. */
  private submit(): void {
    const c = this.config, jobs: ActorJob[] = [], memberIndex = new Int32Array(c.gamesPerIteration).fill(-1);
    for (let g = 0; g < c.gamesPerIteration; g++) {
      const n = this.games + g;
      const job: ActorJob = { seed: deriveSeed(c.seed, 'game', n), seat: n & 1, opponent: { kind: 'self' } };
      if (this.rng.next() < c.fixedOpponentProb) job.opponent = { kind: 'fixed', name: c.fixedOpponents[this.rng.int(c.fixedOpponents.length)] };
      else {
        const o = this.league.sampleOpponent();
        if (o.kind === 'member') {
          if (this.run === null) throw new LocmTrainConfigError('league snapshots need a run folder');
          job.opponent = { kind: 'member', path: join(this.run.dir, 'league', o.member.snapshot) };
          memberIndex[g] = o.index;
        }
      }
      jobs.push(job);
    }
    this.actorPool().submit(jobs, this.policy);
    this.submitted = { jobs, memberIndex };
  }

  /**
   * Plays one iteration's games (unless they were submitted ahead) and learns from them. With
   * `ahead`, the next iteration's games are submitted before learning, to be played meanwhile.
   */
  iterate(ahead = false): IterationStats {
    const c = this.config, t0 = performance.now();
    if (this.submitted === null) this.submit();
    const { jobs, memberIndex } = this.submitted!;
    this.submitted = null;
    const played = this.actorPool().collect();
    let wins = 0, scored = 0;
    jobs.forEach((job, g) => {
      if (job.opponent.kind === 'self') return;
      const won = played.winners[g] === job.seat ? 1 : 0;
      wins += won; scored++;
      if (memberIndex[g] >= 0) this.league.record(memberIndex[g], won);
    });
    this.games += jobs.length;
    if (ahead) this.submit();
    const t1 = performance.now();
    const losses = this.learn(played.trajectories);
    this.iteration++;
    if (this.iteration % c.periodIterations === 0) this.endPeriod();
    let decisions = 0;
    for (const t of played.trajectories) decisions += t.length;
    return {
      iteration: this.iteration, games: this.games, decisions, ...losses, trainWinRate: scored > 0 ? wins / scored : NaN,
      actSeconds: (t1 - t0) / 1000, learnSeconds: (performance.now() - t1) / 1000,
    };
  }

  /** Stops the actor threads and drops a batch submitted ahead (train() does this when it returns or throws). */
  close(): void {
    this.actors?.close();
    this.actors = null;
    this.submitted = null;
  }

  private endPeriod(): void {
    this.league.endPeriod(() => {
      if (this.run === null) throw new LocmTrainConfigError('league snapshots need a run folder');
      const dir = join(this.run.dir, 'league'), file = `member-p${this.league.period}.safetensors`;
      mkdirSync(dir, { recursive: true });
      savePolicy(join(dir, file), this.policy);
      return file;
    });
  }

  /** V-trace targets (γ = 1, reward ±1 at the end) and the PPO-clipped policy loss, `epochs` passes of minibatches. */
  private learn(trajs: readonly TrajectoryData[]): { policyLoss: number; valueLoss: number; entropy: number; clipFrac: number } {
    const c = this.config, L = this.policy.layout, order = trajs.map((_, i) => i);
    let pl = 0, vl = 0, ent = 0, clipped = 0, rows = 0, batches = 0;
    for (let e = 0; e < c.epochs; e++) {
      for (let i = order.length - 1; i > 0; i--) { const j = this.rng.int(i + 1); [order[i], order[j]] = [order[j], order[i]]; }
      for (let s = 0; s < order.length; s += c.minibatchTrajectories) {
        const mb = order.slice(s, s + c.minibatchTrajectories).map((i) => trajs[i]);
        const B = mb.length, T = Math.max(...mb.map((t) => t.length)), TB = T * B;
        const obs = new Float32Array(TB * L.size), cand = new Float32Array(BUILD_STEPS * B * L.candidateSize);
        const masks = new Uint8Array(TB * NUM_BATTLE_ACTIONS), actions = new Int32Array(TB), mu = new Float32Array(TB);
        const rewards = new Float32Array(TB), discounts = new Float32Array(TB), valid: number[] = [];
        mb.forEach((tr, b) => {
          for (let t = 0; t < T; t++) {
            const k = t * B + b;
            if (t >= tr.length) { masks[k * NUM_BATTLE_ACTIONS] = 1; continue; }
            obs.set(tr.obs.subarray(t * L.size, (t + 1) * L.size), k * L.size);
            if (t < BUILD_STEPS) cand.set(tr.cand.subarray(t * L.candidateSize, (t + 1) * L.candidateSize), k * L.candidateSize);
            masks.set(tr.masks.subarray(t * NUM_BATTLE_ACTIONS, (t + 1) * NUM_BATTLE_ACTIONS), k * NUM_BATTLE_ACTIONS);
            actions[k] = tr.actions[t]; mu[k] = tr.logProbs[t];
            const last = t === tr.length - 1;
            rewards[k] = last ? tr.reward : 0;
            discounts[k] = last ? 0 : 1;
            valid.push(k);
          }
        });
        const idx = Int32Array.from(valid), n = idx.length;
        const stats = scope(() => {
          const out = this.policy.forwardSequence(fromBuffer(obs, [TB, L.size]), fromBuffer(cand, [BUILD_STEPS * B, L.candidateSize]), T, B);
          const dist = new Categorical(out.logits, masks);
          const logp = dist.logProb(actions), lp = logp.data, v = out.value.data;
          const logRhos = new Float32Array(TB), vs = new Float32Array(TB), pgAdv = new Float32Array(TB);
          for (const k of valid) logRhos[k] = lp[k] - mu[k];
          computeVtrace(T, B, logRhos, discounts, rewards, v, new Float32Array(B), vs, pgAdv, { rhoBar: c.rhoBar, cBar: c.cBar });
          // Advantages for the clipped objective: r + γ·v_{t+1} − V(x_t); the ratio π/μ carries the importance weight.
          const adv = new Float32Array(n), muV = new Float32Array(n), vsV = new Float32Array(n);
          let mean = 0;
          for (let j = 0; j < n; j++) {
            const k = idx[j], next = k + B < TB ? vs[k + B] : 0;
            adv[j] = rewards[k] + discounts[k] * next - v[k];
            muV[j] = mu[k]; vsV[j] = vs[k];
            mean += adv[j] / n;
          }
          let sq = 0;
          for (let j = 0; j < n; j++) sq += (adv[j] - mean) ** 2 / n;
          const sd = Math.sqrt(sq) + 1e-8;
          for (let j = 0; j < n; j++) adv[j] = (adv[j] - mean) / sd;
          const [policyLoss, ratio] = clippedPolicyLoss(op.indexSelect(logp, 0, idx), fromBuffer(muV, [n]), fromBuffer(adv, [n]), c.clip);
          const valueLoss = op.scale(op.mean(op.square(op.sub(op.indexSelect(out.value, 0, idx), fromBuffer(vsV, [n])))), 0.5);
          const entropy = op.mean(op.indexSelect(dist.entropy(), 0, idx));
          const loss = op.sub(op.add(policyLoss, op.scale(valueLoss, c.valueCost)), op.scale(entropy, c.entropyCost));
          this.opt.zeroGrad();
          loss.backward();
          clipGradNorm(this.opt.params, c.maxGradNorm);
          this.opt.step();
          let cf = 0;
          for (const r of ratio.data) if (Math.abs(r - 1) > c.clip) cf++;
          return [policyLoss.item(), valueLoss.item(), entropy.item(), cf];
        });
        pl += stats[0]; vl += stats[1]; ent += stats[2]; clipped += stats[3]; rows += n; batches++;
      }
    }
    return { policyLoss: pl / batches, valueLoss: vl / batches, entropy: ent / batches, clipFrac: clipped / rows };
  }

  /** Greedy win rates of the current policy against each evaluation opponent, on fixed seeds, both seat orders. */
  evaluate(games = this.config.evalGames): Record<string, number> {
    const c = this.config, me = new NeuralAgent(this.policy, { greedy: true, name: 'eval' }), out: Record<string, number> = {};
    for (const name of c.evalOpponents) {
      const other = this.fixed.get(name)!;
      let wins = 0;
      for (let i = 0; i < games; i++) {
        const seat = i & 1;
        const r = this.runner.play(deriveSeed(c.seed, 'eval', i >> 1), seat === 0 ? [me, other] : [other, me]);
        if (r.winner === seat) wins++;
      }
      out[name] = wins / games;
    }
    return out;
  }

  /** Everything needed to continue exactly: policy and Adam tensors, counters, RNG and league. */
  checkpoint(): { step: number; tensors: TensorMap; state: Record<string, unknown> } {
    if (this.submitted !== null) throw new LocmTrainConfigError('checkpoint: games are in flight for the next iteration; checkpoint after an iteration run without `ahead`');
    const tensors: TensorMap = {};
    for (const [k, v] of Object.entries(this.policy.tensors())) tensors[`policy.${k}`] = v;
    const adam = this.opt.stateDict();
    for (const [k, v] of Object.entries(adam.tensors)) tensors[`adam.${k}`] = { dtype: 'F32', shape: [...v.shape], data: v.data };
    const state: TrainerState = {
      iteration: this.iteration, games: this.games, rng: this.rng.getState(), league: this.league.toJSON(), policyConfig: this.policy.config,
      adamStep: adam.step, adamHyper: adam.hyper,
    };
    return { step: this.games, tensors, state: state as unknown as Record<string, unknown> };
  }

  /** Resumes from the run's latest checkpoint, or starts fresh when it has none. */
  static open(config: LocmTrainConfig, run: Run): LocmTrainer {
    const ckpt = run.loadLatestCheckpoint();
    if (ckpt === null) return new LocmTrainer(config, run);
    run.truncateMetricsAfter(ckpt.step);
    return new LocmTrainer(config, run, { tensors: ckpt.tensors, state: ckpt.state as unknown as TrainerState });
  }

  /** Trains until `totalGames` games have been played, logging iterations and evaluations to the run. */
  train(totalGames: number, onLog: (line: string) => void = () => {}): void {
    const log = (record: Record<string, number>): void => this.run?.logMetrics({ step: this.games, ...record });
    if (this.iteration === 0) {
      const ev = this.evaluate();
      log(Object.fromEntries(Object.entries(ev).map(([k, v]) => [`eval/${k}`, v])));
      onLog(`games 0: ${fmtEval(ev)}`);
    }
    try {
      this.trainUntil(totalGames, log, onLog);
    } finally {
      this.close();
    }
  }

  private trainUntil(totalGames: number, log: (record: Record<string, number>) => void, onLog: (line: string) => void): void {
    const c = this.config;
    while (this.games < totalGames) {
      // The next iteration's games are played ahead except across a checkpoint or the end, so that
      // a checkpoint holds no games in flight and the schedule does not depend on where a run stops.
      const last = this.games + c.gamesPerIteration >= totalGames, checkpointNext = (this.iteration + 1) % c.checkpointEvery === 0;
      const s = this.iterate(!last && !checkpointNext);
      log({ iteration: s.iteration, policyLoss: s.policyLoss, valueLoss: s.valueLoss, entropy: s.entropy, clipFrac: s.clipFrac, trainWinRate: s.trainWinRate, decisions: s.decisions, actSeconds: s.actSeconds, learnSeconds: s.learnSeconds, leagueSize: this.league.size });
      if (s.iteration % c.evalEvery === 0 || this.games >= totalGames) {
        const ev = this.evaluate();
        log(Object.fromEntries(Object.entries(ev).map(([k, v]) => [`eval/${k}`, v])));
        onLog(`games ${this.games} (iteration ${s.iteration}, act ${s.actSeconds.toFixed(1)} s, learn ${s.learnSeconds.toFixed(1)} s, league ${this.league.size}): ${fmtEval(ev)}`);
      }
      if (this.run !== null && (s.iteration % c.checkpointEvery === 0 || this.games >= totalGames)) this.run.saveCheckpoint(this.checkpoint());
    }
  }
}

function fmtEval(ev: Record<string, number>): string {
  return Object.entries(ev).map(([k, v]) => `${k} ${(100 * v).toFixed(1)}%`).join(', ');
}
