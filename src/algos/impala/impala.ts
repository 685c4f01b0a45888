// IMPALA (Espeholt et al. 2018) as TorchBeast-style trainers run it (ALGORITHMS.md §1.4): actors play
// unrolls of T steps with a possibly stale copy of the policy and record log μ(a|x); each update
// batches one unroll per actor, forwards the learner's network on all T+1 steps, and minimises a loss
// over V-trace targets (IMPALA's own by default) with RMSprop and global-norm clipping; the new weights
// are then published to the actors. The network (a NetworkSpec) and the loss (a LossFn) are pluggable,
// so ERF, CASA and recurrent agents reuse the same actor–learner machinery.
import { Rng, deriveSeed } from '../../core/rng.js';
import { fromBuffer, noGrad, scope, type Tensor } from '../../core/tensor.js';
import * as op from '../../core/ops/index.js';
import { RMSprop, clipGradNorm } from '../../core/optim/index.js';
import type { LoadableEntry, StateDict } from '../../core/state.js';
import { loadParameters, saveTrainingTensors, withPrefix } from '../checkpoint.js';
import { make } from '../../env/registry.js';
import { Discrete, flatSize } from '../../env/spaces.js';
import { ConfigError } from '../ppo/config.js';
import { STAT_EPISODES, STAT_LENGTH_SUM, STAT_RETURN_SUM, STAT_VERSION, type UnrollShape } from './actor.js';
import { resolveImpalaConfig, type ImpalaConfig } from './config.js';
import { impalaLoss, type LossBatch, type LossFn, type LossWorkspace } from './loss.js';
import {
  copyParametersFlat, defaultNetworkSpec, loadNetworkFactory, parameterCount, type ImpalaNetwork, type NetworkDims, type NetworkSpec,
} from './network.js';
import { InThreadPool, WorkerPool, type ActorPool } from './pool.js';

/** What one IMPALA update reports. */
export interface ImpalaMetrics {
  step: number;
  iteration: number;
  /** Mean return of the episodes that ended in this batch's unrolls (null if none did). */
  episodeReturn: number | null;
  episodeLength: number | null;
  episodes: number;
  /** The loss's own stats (IMPALA's: policyLoss, baselineLoss, entropy, rhoClipFrac). */
  [stat: string]: number | null;
  gradNorm: number;
  learningRate: number;
  /** Mean number of updates the behaviour weights trail the learner's (0 in lockstep modes). */
  policyLag: number;
  stepsPerSecond: number;
}

export interface ImpalaCallbacks {
  /** Called after every update; return false to stop training. */
  onIteration?(metrics: ImpalaMetrics): void | boolean;
}

export interface ImpalaLearnOptions {
  /** Total environment steps the learning-rate annealing runs over (default: done so far plus this call's). */
  horizonSteps?: number;
}

export interface ImpalaOptions {
  /** The policy/value network (default: separate MLPs from the config's hidden sizes). */
  network?: NetworkSpec;
  /** The loss over V-trace-ready batches (default: IMPALA's). */
  loss?: LossFn;
  /** State outside the network that checkpoints must carry (ERF/CASA's bandits). */
  extension?: ImpalaExtension;
}

/** Extra training state, saved as JSON with the counters; used only while the actors are idle (between learn() calls). */
export interface ImpalaExtension {
  save(): unknown;
  /** Restores a save(); throws an actionable error when it does not fit this learner's settings. */
  load(saved: unknown): void;
}

export class ImpalaCheckpointError extends Error {
  override name = 'ImpalaCheckpointError';
}

export interface ImpalaState {
  iteration: number;
  globalStep: number;
  optimizerStep: number;
  /** The extension's save(), when the learner has one. */
  extension?: unknown;
}

export class Impala {
  readonly params: Tensor[];
  readonly optimizer: RMSprop;
  readonly T: number;
  /** Trajectories per update: numActors·envsPerActor. */
  readonly B: number;
  iteration = 0;
  globalStep = 0;
  private readonly flat: Float32Array;
  private readonly batch: LossBatch;
  private readonly batchObs: Float32Array;
  private readonly workspace: LossWorkspace;
  private readonly one: Float32Array;
  private readonly greedy = new Int32Array(1);

  /**
   * Builds the learner and starts its actors (worker threads unless actorMode is 'none').
   * Only Discrete action spaces with flat observations are supported.
   */
  static async create(envId: string, config: Partial<ImpalaConfig> = {}, seed = 1, options: ImpalaOptions = {}): Promise<Impala> {
    const c = resolveImpalaConfig(null, config as Record<string, unknown>);
    const probe = make<unknown, unknown>(envId);
    const space = probe.actionSpace;
    const dims: NetworkDims = { obsSize: flatSize(probe.observationSpace), numActions: space instanceof Discrete ? space.n : 0 };
    probe.close();
    if (!(space instanceof Discrete)) throw new ConfigError(`IMPALA supports Discrete action spaces, not ${String(space)} (${envId})`);
    const spec = options.network ?? defaultNetworkSpec(c.hidden, c.activation);
    const factory = await loadNetworkFactory(spec);
    const net = factory(dims, spec.options, new Rng(deriveSeed(seed, 'impala', 'init')));
    const shape: UnrollShape = { T: c.unrollLength, M: c.envsPerActor, O: dims.obsSize };
    const count = parameterCount(net.namedParameters().map(([, t]) => t));
    const pool: ActorPool = c.actorMode === 'none'
      ? new InThreadPool(envId, c.numActors, shape, factory(dims, spec.options, new Rng(0)))
      : await WorkerPool.create(envId, c.numActors, shape, spec, dims, count, c.actorMode, c.slotsPerActor);
    return new Impala(envId, c, seed, net, dims, pool, options.loss ?? impalaLoss, options.extension ?? null);
  }

  private constructor(
    readonly envId: string, readonly config: ImpalaConfig, readonly seed: number, readonly net: ImpalaNetwork,
    readonly dims: NetworkDims, private readonly pool: ActorPool, private readonly loss: LossFn,
    private readonly extension: ImpalaExtension | null,
  ) {
    const c = config;
    this.params = net.namedParameters().map(([, t]) => t);
    this.optimizer = new RMSprop(net.namedParameters(), { lr: c.learningRate, alpha: c.rmsAlpha, eps: c.rmsEps, momentum: c.rmsMomentum });
    this.flat = new Float32Array(parameterCount(this.params));
    this.T = c.unrollLength;
    this.B = c.numActors * c.envsPerActor;
    const TB = this.T * this.B;
    this.batch = {
      T: this.T, B: this.B, actions: new Int32Array(TB), behaviourLogProbs: new Float32Array(TB),
      rewards: new Float32Array(TB), discounts: new Float32Array(TB),
    };
    this.batchObs = new Float32Array((this.T + 1) * this.B * dims.obsSize);
    this.workspace = { logRhos: new Float32Array(TB), vs: new Float32Array(TB), pgAdvantages: new Float32Array(TB) };
    this.one = new Float32Array(dims.obsSize);
  }

  /** Worker threads running the actors (0 when they run in this thread). */
  get actorThreads(): number {
    return this.pool.threads;
  }

  /** The greedy action for one observation. */
  predict(obs: Float32Array): number {
    this.one.set(obs);
    return noGrad(() => scope(() => op.argmax(this.net.forward(fromBuffer(this.one, [1, this.dims.obsSize])).logits, -1, this.greedy)[0]));
  }

  /**
   * Trains for `totalSteps` more environment steps (rounded up to whole updates of T·B steps). Each
   * call restarts the actors' envs from seeds derived from (seed, iteration), so in the lockstep modes
   * training in several calls with a checkpoint between them reproduces one call of the same segments.
   */
  learn(totalSteps: number, callbacks: ImpalaCallbacks = {}, options: ImpalaLearnOptions = {}): void {
    const c = this.config, T = this.T, B = this.B, M = c.envsPerActor, O = this.dims.obsSize, TB = T * B;
    const iterations = Math.ceil(totalSteps / TB);
    const planned = Math.ceil((options.horizonSteps ?? this.globalStep + totalSteps) / TB);
    const { actions, behaviourLogProbs, rewards, discounts } = this.batch;
    const start = performance.now(), startStep = this.globalStep;
    this.pool.start(deriveSeed(this.seed, 'impala', 'segment', this.iteration));
    try {
      this.publish();
      for (let it = 0; it < iterations; it++) {
        const lr = c.annealLr ? Math.max(0, 1 - this.iteration / planned) * c.learningRate : c.learningRate;
        this.optimizer.lr = lr;
        // Gather one unroll per actor into the time-major batch: trajectory b = s·M + i.
        const slots = this.pool.take();
        let episodes = 0, returnSum = 0, lengthSum = 0, lag = 0;
        for (let s = 0; s < slots.length; s++) {
          const u = slots[s];
          for (let t = 0; t <= T; t++) this.batchObs.set(u.obs.subarray(t * M * O, (t + 1) * M * O), (t * B + s * M) * O);
          for (let t = 0; t < T; t++) {
            for (let i = 0; i < M; i++) {
              const k = t * B + s * M + i, j = t * M + i;
              actions[k] = u.actions[j];
              behaviourLogProbs[k] = u.logMu[j];
              const r = u.rewards[j];
              rewards[k] = c.rewardClip === 'abs_one' ? Math.max(-1, Math.min(1, r)) : r;
              discounts[k] = u.dones[j] ? 0 : c.gamma;
            }
          }
          episodes += u.stats[STAT_EPISODES];
          returnSum += u.stats[STAT_RETURN_SUM];
          lengthSum += u.stats[STAT_LENGTH_SUM];
          lag += this.iteration - u.stats[STAT_VERSION];
        }
        this.pool.release();

        const stats = scope(() => {
          const output = this.net.forward(fromBuffer(this.batchObs, [(T + 1) * B, O]));
          const r = this.loss({ batch: this.batch, output, workspace: this.workspace, coefficients: c });
          this.optimizer.zeroGrad();
          r.loss.backward();
          const gradNorm = clipGradNorm(this.params, c.maxGradNorm);
          this.optimizer.step();
          return { ...r.stats, gradNorm };
        });
        this.iteration++;
        this.globalStep += TB;
        this.publish();

        const seconds = (performance.now() - start) / 1000;
        const metrics: ImpalaMetrics = {
          step: this.globalStep, iteration: this.iteration,
          episodeReturn: episodes ? returnSum / episodes : null, episodeLength: episodes ? lengthSum / episodes : null, episodes,
          ...stats, learningRate: lr, policyLag: lag / slots.length,
          stepsPerSecond: seconds > 0 ? (this.globalStep - startStep) / seconds : 0,
        };
        if (callbacks.onIteration?.(metrics) === false) break;
      }
    } finally {
      this.pool.pause();
    }
  }

  /** Hands the current weights to the actors, tagged with the update count. */
  private publish(): void {
    copyParametersFlat(this.params, this.flat, 'toFlat');
    this.pool.publish(this.flat, this.iteration);
  }

  /** Everything needed to continue training: weights and RMSprop's state (tensors), counters and the extension's state (state). */
  checkpoint(): { tensors: StateDict; state: ImpalaState } {
    const { tensors, optimizerSteps } = saveTrainingTensors(this.net.namedParameters(), { 'optim.': this.optimizer });
    const state: ImpalaState = { iteration: this.iteration, globalStep: this.globalStep, optimizerStep: optimizerSteps['optim.'] };
    if (this.extension) state.extension = this.extension.save();
    return { tensors, state };
  }

  /** Restores a checkpoint() (weights only when `state` is omitted, e.g. for evaluation). */
  restore(tensors: Record<string, LoadableEntry>, state?: ImpalaState): void {
    loadParameters(this.net.namedParameters(), tensors);
    if (state) {
      if (this.extension) {
        if (state.extension === undefined) throw new ImpalaCheckpointError('IMPALA: this checkpoint has no exploration/extension state (was it written by another learner, or an older Ludus?); start a new run');
        this.extension.load(state.extension);
      }
      this.optimizer.loadStateDict({ step: state.optimizerStep, tensors: withPrefix(tensors, 'optim.') });
      this.iteration = state.iteration;
      this.globalStep = state.globalStep;
    }
  }

  /** Stops the actor threads. */
  close(): void {
    this.pool.close();
  }
}
