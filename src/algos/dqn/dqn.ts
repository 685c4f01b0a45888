// Deep Q-Network (Mnih et al. 2015) as CleanRL's `dqn.py` runs it (ALGORITHMS.md §1.2): one env,
// ε-greedy exploration with a linear decay, a replay buffer of (s, a, r, s', terminated) with the
// real final observation on truncation, a target network updated on a fixed schedule, and the
// mean-squared TD error y = r + γ·(1 − terminated)·max_a' Q⁻(s', a') minimised with Adam. The
// Q-network is an MLP, or the MinAtar conv net on [10, 10, C] grid observations.
import { Rng, deriveSeed } from '../../core/rng.js';
import { fromBuffer, noGrad, scope, type Tensor } from '../../core/tensor.js';
import * as op from '../../core/ops/index.js';
import { MLP, Module, copyParameters, polyakUpdate } from '../../core/nn/index.js';
import { Adam } from '../../core/optim/index.js';
import { Discrete } from '../../env/spaces.js';
import type { VectorEnv } from '../../env/vector/index.js';
import type { LoadableEntry, StateDict } from '../../core/state.js';
import { loadParameters, saveTrainingTensors, withPrefix } from '../checkpoint.js';
import { ReplayBuffer, stepAndStore, type ReplayBatch, type ReplayState } from '../replay-buffer.js';
import { EpisodeStats } from '../episode-stats.js';
import { ConfigError } from '../ppo/config.js';
import { resolveDqnConfig, type DqnConfig } from './config.js';
import { MinatarQNetwork, minatarChannelsOf } from '../networks/minatar.js';

/** A Q-network: observations [n × obsSize] → Q-values [n × |A|]. */
export type QNetwork = Module & { forward(obs: Tensor): Tensor };

/** What one DQN iteration (`logInterval` environment steps) reports. */
export interface DqnMetrics {
  step: number;
  iteration: number;
  /** Mean return of the episodes that ended in this iteration (null if none did). */
  episodeReturn: number | null;
  episodeLength: number | null;
  episodes: number;
  /** Mean TD loss and mean Q(s, a) of this iteration's gradient steps (null before learning starts). */
  tdLoss: number | null;
  qValue: number | null;
  epsilon: number;
  stepsPerSecond: number;
}

export interface DqnCallbacks {
  /** Called after every iteration; return false to stop training. */
  onIteration?(metrics: DqnMetrics): void | boolean;
}

export interface DqnState {
  iteration: number;
  globalStep: number;
  rng: ReturnType<Rng['getState']>;
  optimizerStep: number;
  replay: ReplayState;
}

/** CleanRL's linear_schedule: from start to end over `duration` steps, then constant. */
export function linearSchedule(start: number, end: number, duration: number, t: number): number {
  return Math.max(((end - start) / duration) * t + start, end);
}

export class DQN {
  readonly config: DqnConfig;
  readonly qNetwork: QNetwork;
  readonly targetNetwork: QNetwork;
  /** The Q-network in use ('auto' resolved by the observation shape). */
  readonly network: 'mlp' | 'minatar-conv';
  readonly optimizer: Adam;
  readonly replay: ReplayBuffer;
  readonly obsSize: number;
  readonly numActions: number;
  private readonly rng: Rng;
  private readonly batch: ReplayBatch;
  private readonly batchActions: Int32Array;
  private readonly targets: Float32Array;
  private readonly greedy = new Int32Array(1);
  iteration = 0;
  globalStep = 0;

  constructor(readonly env: VectorEnv, config: Partial<DqnConfig> = {}, readonly seed = 1) {
    this.config = resolveDqnConfig(null, config as Record<string, unknown>);
    if (env.numEnvs !== 1) throw new ConfigError(`DQN runs on one environment (as CleanRL's dqn.py), but the vector env has ${env.numEnvs}`);
    if (env.metadata.autoresetMode !== 'SameStep') throw new ConfigError('DQN needs a SameStep-autoreset vector env (it stores the final observation from final_obs)');
    const space = env.singleActionSpace;
    if (!(space instanceof Discrete)) throw new ConfigError(`DQN needs a Discrete action space, not ${String(space)}`);
    this.numActions = space.n;
    this.obsSize = env.obsSize;
    const rng = new Rng(deriveSeed(seed, 'dqn', 'init'));
    const channels = minatarChannelsOf(env.singleObservationSpace);
    const wanted = this.config.network;
    if (wanted === 'minatar-conv' && channels === null) {
      throw new ConfigError(`DQN: network 'minatar-conv' needs [10, 10, C] grid observations, not ${String(env.singleObservationSpace)}; use 'mlp' or 'auto'`);
    }
    this.network = wanted === 'auto' ? (channels === null ? 'mlp' : 'minatar-conv') : wanted;
    const build = (): QNetwork => this.network === 'minatar-conv'
      ? new MinatarQNetwork(channels!, this.numActions, rng)
      : new MLP([this.obsSize, ...this.config.hidden, this.numActions], rng, { activation: 'relu' });
    this.qNetwork = build();
    this.targetNetwork = build();
    copyParameters(this.targetNetwork, this.qNetwork);
    this.optimizer = new Adam(this.qNetwork.namedParameters(), { lr: this.config.learningRate });
    this.replay = new ReplayBuffer(this.config.bufferSize, this.obsSize, 1);
    this.batch = this.replay.newBatch(this.config.batchSize);
    this.batchActions = new Int32Array(this.config.batchSize);
    this.targets = new Float32Array(this.config.batchSize);
    this.rng = new Rng(deriveSeed(seed, 'dqn', 'sample'));
  }

  /** Every network tensor, named as in checkpoints. */
  namedParameters(): [string, Tensor][] {
    return [...this.qNetwork.namedParameters('q.'), ...this.targetNetwork.namedParameters('target.')];
  }

  /** Greedy actions argmax_a Q(s, a) for a batch of observations [n × obsSize]. */
  predict(obs: Float32Array, out?: Int32Array): Int32Array {
    const n = obs.length / this.obsSize;
    if (!Number.isInteger(n)) throw new ConfigError(`DQN.predict: ${obs.length} values are not a whole number of observations of size ${this.obsSize}`);
    const res = out ?? new Int32Array(n);
    noGrad(() => scope(() => op.argmax(this.qNetwork.forward(fromBuffer(obs, [n, this.obsSize])), -1, res)));
    return res;
  }

  /**
   * Trains for `totalSteps` more environment steps. Each call starts from a freshly reset env
   * seeded from (seed, step count), so training in several calls with a checkpoint between them
   * gives exactly the same run as one uninterrupted series of the same calls. The ε schedule runs
   * over explorationSteps, or else over explorationFraction of `horizonSteps` (default: the steps done
   * so far plus this call's).
   */
  learn(totalSteps: number, callbacks: DqnCallbacks = {}, options: { horizonSteps?: number } = {}): void {
    const c = this.config;
    const horizon = options.horizonSteps ?? this.globalStep + totalSteps;
    const action = new Int32Array(1);
    // The env's buffers are overwritten by the next step: keep the current observation apart.
    const obs = Float32Array.from(this.env.reset({ seed: deriveSeed(this.seed, 'dqn', 'env', this.globalStep) % 0x7fffffff }).obs);
    const stats = new EpisodeStats(1);
    let updates = 0, sumLoss = 0, sumQ = 0, stepsInIteration = 0;
    let epsilon = c.startE;
    let start = performance.now();

    for (let k = 0; k < totalSteps; k++) {
      const t = this.globalStep;
      epsilon = linearSchedule(c.startE, c.endE, c.explorationSteps > 0 ? c.explorationSteps : c.explorationFraction * horizon, t);
      if (this.rng.next() < epsilon) action[0] = this.rng.int(this.numActions);
      else this.predict(obs, action);

      stepAndStore(this.env, this.replay, obs, action, stats);

      if (t > c.learningStarts) {
        if (t % c.trainFrequency === 0) {
          for (let g = 0; g < c.gradientSteps; g++) {
            const s = scope(() => this.update());
            sumLoss += s.loss; sumQ += s.q; updates++;
          }
        }
        if (t % c.targetNetworkFrequency === 0) polyakUpdate(this.targetNetwork, this.qNetwork, c.tau);
      }
      this.globalStep++;
      stepsInIteration++;

      if (this.globalStep % c.logInterval === 0 || k === totalSteps - 1) {
        this.iteration++;
        const seconds = (performance.now() - start) / 1000;
        const metrics: DqnMetrics = {
          step: this.globalStep, iteration: this.iteration,
          ...stats.take(),
          tdLoss: updates ? sumLoss / updates : null, qValue: updates ? sumQ / updates : null, epsilon,
          stepsPerSecond: seconds > 0 ? stepsInIteration / seconds : 0,
        };
        updates = 0; sumLoss = 0; sumQ = 0; stepsInIteration = 0;
        if (callbacks.onIteration?.(metrics) === false) break;
        start = performance.now();
      }
    }
  }

  /** One gradient step on a sampled minibatch; returns the TD loss and the mean Q(s, a). */
  private update(): { loss: number; q: number } {
    const c = this.config, B = c.batchSize, O = this.obsSize, b = this.batch;
    this.replay.sample(this.rng, b);
    noGrad(() => {
      const next = op.max(this.targetNetwork.forward(fromBuffer(b.nextObs, [B, O])), -1).data;
      tdTargets(b.rewards, b.terminations, next, c.gamma, this.targets);
    });
    for (let j = 0; j < B; j++) this.batchActions[j] = b.actions[j];
    const q = op.reshape(op.gather(this.qNetwork.forward(fromBuffer(b.obs, [B, O])), 1, this.batchActions), [B]);
    const loss = op.mean(op.square(op.sub(q, fromBuffer(this.targets, [B]))));
    this.optimizer.zeroGrad();
    loss.backward();
    this.optimizer.step();
    let qSum = 0;
    for (let j = 0; j < B; j++) qSum += q.data[j];
    return { loss: loss.item(), q: qSum / B };
  }

  /** Everything needed to continue training: both networks, Adam's moments and the replay buffer (tensors); counters and RNG (state). */
  checkpoint(): { tensors: StateDict; state: DqnState } {
    const { tensors, optimizerSteps } = saveTrainingTensors(this.namedParameters(), { 'optim.': this.optimizer });
    const replay = this.replay.stateDict();
    Object.assign(tensors, replay.tensors);
    return {
      tensors,
      state: { iteration: this.iteration, globalStep: this.globalStep, rng: this.rng.getState(), optimizerStep: optimizerSteps['optim.'], replay: replay.state },
    };
  }

  /** Restores a checkpoint() (the networks only when `state` is omitted, e.g. for evaluation). */
  restore(tensors: Record<string, LoadableEntry>, state?: DqnState): void {
    loadParameters(this.namedParameters(), tensors, ['optim.', 'replay.']);
    if (state) {
      this.optimizer.loadStateDict({ step: state.optimizerStep, tensors: withPrefix(tensors, 'optim.') });
      this.replay.loadStateDict(tensors, state.replay);
      this.iteration = state.iteration;
      this.globalStep = state.globalStep;
      this.rng.setState(state.rng);
    }
  }
}

/** y_j = r_j + γ·(1 − terminated_j)·maxNext_j: a time-limit truncation is bootstrapped. */
export function tdTargets(rewards: Float32Array, terminations: Float32Array, maxNext: Float32Array, gamma: number, out: Float32Array): Float32Array {
  for (let j = 0; j < out.length; j++) out[j] = rewards[j] + gamma * (1 - terminations[j]) * maxNext[j];
  return out;
}
