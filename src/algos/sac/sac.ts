// Soft Actor-Critic (Haarnoja et al. 2018) as CleanRL's `sac_continuous_action.py` runs it
// (ALGORITHMS.md §1.3): one env, uniformly random actions until learning starts, a tanh-squashed
// Gaussian actor with a bounded log-std, twin critics with Polyak-averaged targets and the soft
// target y = r + γ·(1 − terminated)·(min Q̄(s', a') − α·log π(a'|s')), delayed actor updates
// (policyFrequency of them every policyFrequency steps), and automatic tuning of the temperature α.
import { Rng, deriveSeed } from '../../core/rng.js';
import { fromBuffer, noGrad, parameter, scope, type Tensor } from '../../core/tensor.js';
import * as op from '../../core/ops/index.js';
import { Linear, Module, copyParameters, polyakUpdate } from '../../core/nn/index.js';
import { Adam, type Optimizer } from '../../core/optim/index.js';
import { TanhGaussian } from '../../core/distributions/index.js';
import { Box } from '../../env/spaces.js';
import type { VectorEnv } from '../../env/vector/index.js';
import type { LoadableEntry, StateDict } from '../../core/state.js';
import { loadParameters, saveTrainingTensors, withPrefix } from '../checkpoint.js';
import { ReplayBuffer, stepAndStore, type ReplayBatch, type ReplayState } from '../replay-buffer.js';
import { EpisodeStats } from '../episode-stats.js';
import { ConfigError } from '../ppo/config.js';
import { resolveSacConfig, type SacConfig } from './config.js';

const LOG_STD_MIN = -5;
const LOG_STD_MAX = 2;

/** What one SAC iteration (`logInterval` environment steps) reports. */
export interface SacMetrics {
  step: number;
  iteration: number;
  /** Mean return of the episodes that ended in this iteration (null if none did). */
  episodeReturn: number | null;
  episodeLength: number | null;
  episodes: number;
  /** Means over this iteration's updates (null before learning starts). */
  qfLoss: number | null;
  qValue: number | null;
  actorLoss: number | null;
  alphaLoss: number | null;
  alpha: number;
  stepsPerSecond: number;
}

export interface SacCallbacks {
  /** Called after every iteration; return false to stop training. */
  onIteration?(metrics: SacMetrics): void | boolean;
}

export interface SacState {
  iteration: number;
  globalStep: number;
  rng: ReturnType<Rng['getState']>;
  optimizerSteps: { actor: number; q: number; alpha: number };
  replay: ReplayState;
}

/** The actor of CleanRL: a ReLU trunk, a mean head and a log-std head squashed into [LOG_STD_MIN, LOG_STD_MAX]. */
export class SacActor extends Module {
  readonly trunk: Linear[] = [];
  readonly fcMean: Linear;
  readonly fcLogStd: Linear;

  constructor(obsSize: number, hidden: readonly number[], actionDim: number, rng: Rng,
    readonly low: Float32Array, readonly high: Float32Array) {
    super();
    let width = obsSize;
    hidden.forEach((h, i) => {
      this.trunk.push(this.addModule(`fc${i + 1}`, new Linear(width, h, rng)));
      width = h;
    });
    this.fcMean = this.addModule('fc_mean', new Linear(width, actionDim, rng));
    this.fcLogStd = this.addModule('fc_logstd', new Linear(width, actionDim, rng));
  }

  /** π(·|s) for a batch of observations [n × obsSize]. */
  forward(obs: Tensor): TanhGaussian {
    let h = obs;
    for (const l of this.trunk) h = op.relu(l.forward(h));
    const raw = op.tanh(this.fcLogStd.forward(h));
    const logStd = op.add(op.scale(raw, 0.5 * (LOG_STD_MAX - LOG_STD_MIN)), LOG_STD_MIN + 0.5 * (LOG_STD_MAX - LOG_STD_MIN));
    return new TanhGaussian(this.fcMean.forward(h), logStd, this.low, this.high);
  }
}

/** A Q-network on the concatenation [s, a] (ReLU MLP with one output). */
export class SoftQNetwork extends Module {
  readonly layers: Linear[] = [];

  constructor(obsSize: number, actionDim: number, hidden: readonly number[], rng: Rng) {
    super();
    const sizes = [obsSize + actionDim, ...hidden, 1];
    for (let i = 0; i + 1 < sizes.length; i++) this.layers.push(this.addModule(`fc${i + 1}`, new Linear(sizes[i], sizes[i + 1], rng)));
  }

  /** Q(s, a) as a [n] tensor. */
  forward(obs: Tensor, actions: Tensor): Tensor {
    let h = op.concat([obs, actions], 1);
    for (let i = 0; i < this.layers.length; i++) {
      h = this.layers[i].forward(h);
      if (i + 1 < this.layers.length) h = op.relu(h);
    }
    return op.reshape(h, [obs.shape[0]]);
  }
}

/** y_j = r_j + γ·(1 − terminated_j)·(minQ̄_j − α·log π_j): a time-limit truncation is bootstrapped. */
export function softTdTargets(rewards: Float32Array, terminations: Float32Array, minQ: Float32Array, logProbs: Float32Array,
  alpha: number, gamma: number, out: Float32Array): Float32Array {
  for (let j = 0; j < out.length; j++) out[j] = rewards[j] + gamma * (1 - terminations[j]) * (minQ[j] - alpha * logProbs[j]);
  return out;
}

/** L_α = −exp(log α)·mean(log π + H̄) for log-probabilities computed without gradient. */
export function alphaLoss(logAlpha: Tensor, logProbs: Float32Array, targetEntropy: number): Tensor {
  let m = 0;
  for (let j = 0; j < logProbs.length; j++) m += logProbs[j] + targetEntropy;
  m /= logProbs.length;
  return op.sum(op.scale(op.exp(logAlpha), -m));
}

export class SAC {
  readonly config: SacConfig;
  readonly actor: SacActor;
  readonly qf1: SoftQNetwork;
  readonly qf2: SoftQNetwork;
  readonly qf1Target: SoftQNetwork;
  readonly qf2Target: SoftQNetwork;
  readonly logAlpha: Tensor;
  readonly actorOptimizer: Adam;
  readonly qOptimizer: Adam;
  readonly alphaOptimizer: Adam;
  readonly replay: ReplayBuffer;
  readonly obsSize: number;
  readonly actionDim: number;
  readonly targetEntropy: number;
  /** The current temperature (exp(log α) when autotuning). */
  alpha: number;
  private readonly low: Float32Array;
  private readonly high: Float32Array;
  private readonly rng: Rng;
  private readonly batch: ReplayBatch;
  private readonly targets: Float32Array;
  iteration = 0;
  globalStep = 0;

  constructor(readonly env: VectorEnv, config: Partial<SacConfig> = {}, readonly seed = 1) {
    this.config = resolveSacConfig(null, config as Record<string, unknown>);
    const c = this.config;
    if (env.numEnvs !== 1) throw new ConfigError(`SAC runs on one environment (as CleanRL's sac_continuous_action.py), but the vector env has ${env.numEnvs}`);
    if (env.metadata.autoresetMode !== 'SameStep') throw new ConfigError('SAC needs a SameStep-autoreset vector env (it stores the final observation from final_obs)');
    const space = env.singleActionSpace;
    if (!(space instanceof Box && space.shape.length === 1)) throw new ConfigError(`SAC needs a 1-D Box action space, not ${String(space)}`);
    this.low = Float32Array.from(space.low as ArrayLike<number>);
    this.high = Float32Array.from(space.high as ArrayLike<number>);
    if (!this.low.every((l, i) => Number.isFinite(l) && Number.isFinite(this.high[i]))) throw new ConfigError(`SAC needs bounded actions, not ${String(space)}`);
    this.actionDim = space.shape[0];
    this.obsSize = env.obsSize;
    const rng = new Rng(deriveSeed(seed, 'sac', 'init'));
    this.actor = new SacActor(this.obsSize, c.hidden, this.actionDim, rng, this.low, this.high);
    this.qf1 = new SoftQNetwork(this.obsSize, this.actionDim, c.hidden, rng);
    this.qf2 = new SoftQNetwork(this.obsSize, this.actionDim, c.hidden, rng);
    this.qf1Target = new SoftQNetwork(this.obsSize, this.actionDim, c.hidden, rng);
    this.qf2Target = new SoftQNetwork(this.obsSize, this.actionDim, c.hidden, rng);
    copyParameters(this.qf1Target, this.qf1);
    copyParameters(this.qf2Target, this.qf2);
    this.logAlpha = parameter([1]);
    this.targetEntropy = -this.actionDim;
    this.alpha = c.autotune ? Math.exp(this.logAlpha.data[0]) : c.alpha;
    this.actorOptimizer = new Adam(this.actor.namedParameters(), { lr: c.policyLr });
    this.qOptimizer = new Adam([...this.qf1.namedParameters('qf1.'), ...this.qf2.namedParameters('qf2.')], { lr: c.qLr });
    this.alphaOptimizer = new Adam([['log_alpha', this.logAlpha]], { lr: c.qLr });
    this.replay = new ReplayBuffer(c.bufferSize, this.obsSize, this.actionDim);
    this.batch = this.replay.newBatch(c.batchSize);
    this.targets = new Float32Array(c.batchSize);
    this.rng = new Rng(deriveSeed(seed, 'sac', 'sample'));
  }

  /** Every network tensor, named as in checkpoints. */
  namedParameters(): [string, Tensor][] {
    return [
      ...this.actor.namedParameters('actor.'), ...this.qf1.namedParameters('qf1.'), ...this.qf2.namedParameters('qf2.'),
      ...this.qf1Target.namedParameters('qf1_target.'), ...this.qf2Target.namedParameters('qf2_target.'), ['log_alpha', this.logAlpha],
    ];
  }

  private optimizers(): [string, Optimizer][] {
    return [['actor', this.actorOptimizer], ['q', this.qOptimizer], ['alpha', this.alphaOptimizer]];
  }

  /** Actions for a batch of observations [n × obsSize]: tanh(mean) scaled to the bounds when deterministic, else a sample. */
  predict(obs: Float32Array, deterministic = true, out?: Float32Array): Float32Array {
    const n = obs.length / this.obsSize;
    if (!Number.isInteger(n)) throw new ConfigError(`SAC.predict: ${obs.length} values are not a whole number of observations of size ${this.obsSize}`);
    const res = out ?? new Float32Array(n * this.actionDim);
    noGrad(() => scope(() => {
      const dist = this.actor.forward(fromBuffer(obs, [n, this.obsSize]));
      if (deterministic) res.set(dist.mode().data);
      else dist.sample(this.rng, res);
    }));
    return res;
  }

  /**
   * Trains for `totalSteps` more environment steps. Each call starts from a freshly reset env
   * seeded from (seed, step count), so training in several calls with a checkpoint between them
   * gives exactly the same run as one uninterrupted series of the same calls.
   */
  learn(totalSteps: number, callbacks: SacCallbacks = {}): void {
    const c = this.config, A = this.actionDim;
    const action = new Float32Array(A);
    // The env's buffers are overwritten by the next step: keep the current observation apart.
    const obs = Float32Array.from(this.env.reset({ seed: deriveSeed(this.seed, 'sac', 'env', this.globalStep) % 0x7fffffff }).obs);
    const stats = new EpisodeStats(1);
    let stepsInIteration = 0;
    let qUpdates = 0, sumQfLoss = 0, sumQ = 0, actorUpdates = 0, sumActorLoss = 0, alphaUpdates = 0, sumAlphaLoss = 0;
    let start = performance.now();

    for (let k = 0; k < totalSteps; k++) {
      const t = this.globalStep;
      if (t < c.learningStarts) for (let d = 0; d < A; d++) action[d] = this.rng.uniform(this.low[d], this.high[d]);
      else this.predict(obs, false, action);

      stepAndStore(this.env, this.replay, obs, action, stats);

      if (t > c.learningStarts) {
        this.replay.sample(this.rng, this.batch);
        const q = scope(() => this.criticStep());
        sumQfLoss += q.loss; sumQ += q.q; qUpdates++;
        if (t % c.policyFrequency === 0) {
          for (let u = 0; u < c.policyFrequency; u++) {
            sumActorLoss += scope(() => this.actorStep());
            actorUpdates++;
            if (c.autotune) {
              sumAlphaLoss += scope(() => this.alphaStep());
              alphaUpdates++;
            }
          }
        }
        if (t % c.targetNetworkFrequency === 0) {
          polyakUpdate(this.qf1Target, this.qf1, c.tau);
          polyakUpdate(this.qf2Target, this.qf2, c.tau);
        }
      }
      this.globalStep++;
      stepsInIteration++;

      if (this.globalStep % c.logInterval === 0 || k === totalSteps - 1) {
        this.iteration++;
        const seconds = (performance.now() - start) / 1000;
        const metrics: SacMetrics = {
          step: this.globalStep, iteration: this.iteration,
          ...stats.take(),
          qfLoss: qUpdates ? sumQfLoss / qUpdates : null, qValue: qUpdates ? sumQ / qUpdates : null,
          actorLoss: actorUpdates ? sumActorLoss / actorUpdates : null, alphaLoss: alphaUpdates ? sumAlphaLoss / alphaUpdates : null,
          alpha: this.alpha, stepsPerSecond: seconds > 0 ? stepsInIteration / seconds : 0,
        };
        stepsInIteration = 0;
        qUpdates = 0; sumQfLoss = 0; sumQ = 0; actorUpdates = 0; sumActorLoss = 0; alphaUpdates = 0; sumAlphaLoss = 0;
        if (callbacks.onIteration?.(metrics) === false) break;
        start = performance.now();
      }
    }
  }

  /** One step of both critics towards the soft TD target on the current batch. */
  private criticStep(): { loss: number; q: number } {
    const c = this.config, B = c.batchSize, O = this.obsSize, A = this.actionDim, b = this.batch;
    const obs = fromBuffer(b.obs, [B, O]), actions = fromBuffer(b.actions, [B, A]);
    noGrad(() => {
      const nextObs = fromBuffer(b.nextObs, [B, O]);
      const next = this.actor.forward(nextObs).rsample(this.rng);
      const minQ = op.minimum(this.qf1Target.forward(nextObs, next.action), this.qf2Target.forward(nextObs, next.action)).data;
      softTdTargets(b.rewards, b.terminations, minQ, next.logProb.data, this.alpha, c.gamma, this.targets);
    });
    const y = fromBuffer(this.targets, [B]);
    const q1 = this.qf1.forward(obs, actions), q2 = this.qf2.forward(obs, actions);
    const loss = op.add(op.mean(op.square(op.sub(q1, y))), op.mean(op.square(op.sub(q2, y))));
    this.qOptimizer.zeroGrad();
    loss.backward();
    this.qOptimizer.step();
    let qSum = 0;
    for (let j = 0; j < B; j++) qSum += q1.data[j];
    return { loss: loss.item(), q: qSum / B };
  }

  /** One actor step on L_π = mean(α·log π(ã|s) − min_j Q_j(s, ã)), ã reparameterised. */
  private actorStep(): number {
    const B = this.config.batchSize, O = this.obsSize;
    const obs = fromBuffer(this.batch.obs, [B, O]);
    const { action, logProb } = this.actor.forward(obs).rsample(this.rng);
    const minQ = op.minimum(this.qf1.forward(obs, action), this.qf2.forward(obs, action));
    const loss = op.mean(op.sub(op.scale(logProb, this.alpha), minQ));
    this.actorOptimizer.zeroGrad();
    loss.backward();
    this.actorOptimizer.step();
    return loss.item();
  }

  /** One step on L_α with log π recomputed without gradient, then α ← exp(log α). */
  private alphaStep(): number {
    const B = this.config.batchSize, O = this.obsSize;
    const logProbs = noGrad(() => this.actor.forward(fromBuffer(this.batch.obs, [B, O])).rsample(this.rng).logProb.data);
    const loss = alphaLoss(this.logAlpha, logProbs, this.targetEntropy);
    this.alphaOptimizer.zeroGrad();
    loss.backward();
    this.alphaOptimizer.step();
    this.alpha = Math.exp(this.logAlpha.data[0]);
    return loss.item();
  }

  /** Everything needed to continue training: networks, targets, log α, the three Adams and the replay buffer (tensors); counters and RNG (state). */
  checkpoint(): { tensors: StateDict; state: SacState } {
    const optimizers = Object.fromEntries(this.optimizers().map(([key, opt]) => [`optim.${key}.`, opt]));
    const { tensors, optimizerSteps } = saveTrainingTensors(this.namedParameters(), optimizers);
    const steps = { actor: optimizerSteps['optim.actor.'], q: optimizerSteps['optim.q.'], alpha: optimizerSteps['optim.alpha.'] };
    const replay = this.replay.stateDict();
    Object.assign(tensors, replay.tensors);
    return {
      tensors,
      state: { iteration: this.iteration, globalStep: this.globalStep, rng: this.rng.getState(), optimizerSteps: steps, replay: replay.state },
    };
  }

  /** Restores a checkpoint() (the networks only when `state` is omitted, e.g. for evaluation). */
  restore(tensors: Record<string, LoadableEntry>, state?: SacState): void {
    loadParameters(this.namedParameters(), tensors, ['optim.', 'replay.']);
    if (this.config.autotune) this.alpha = Math.exp(this.logAlpha.data[0]);
    if (state) {
      for (const [key, opt] of this.optimizers()) {
        opt.loadStateDict({ step: state.optimizerSteps[key as keyof SacState['optimizerSteps']], tensors: withPrefix(tensors, `optim.${key}.`) });
      }
      this.replay.loadStateDict(tensors, state.replay);
      this.iteration = state.iteration;
      this.globalStep = state.globalStep;
      this.rng.setState(state.rng);
    }
  }
}
