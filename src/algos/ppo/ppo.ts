// Proximal Policy Optimization (Schulman et al. 2017) as CleanRL's `ppo.py` runs it (ALGORITHMS.md
// §1.1): N envs × T steps per rollout, GAE, E epochs of shuffled minibatches with the clipped
// surrogate, the clipped value loss and an entropy bonus, Adam (eps 1e-5), global-norm clipping,
// linear learning-rate annealing; separate actor and critic MLPs with orthogonal initialisation.
// Discrete actions use a Categorical policy; Box actions a diagonal Gaussian with a learned,
// state-independent log-std (actions are clipped to the bounds when they reach the env).
// Invalid-action masking (Huang & Ontañón 2020, as CleanRL's ppo_mask): when a discrete env reports
// `actionMask` in its infos, the Categorical acts under that mask and the rollout stores it, so the
// update evaluates the same masked distribution; envs without masks run exactly as before.
import { Rng, deriveSeed } from '../../core/rng.js';
import { fromBuffer, noGrad, parameter, scope, type Tensor } from '../../core/tensor.js';
import * as op from '../../core/ops/index.js';
import { MLP, init } from '../../core/nn/index.js';
import { Adam, clipGradNorm } from '../../core/optim/index.js';
import { Categorical, DiagGaussian } from '../../core/distributions/index.js';
import { Box, Discrete } from '../../env/spaces.js';
import type { VectorEnv, VectorInfo } from '../../env/vector/index.js';
import type { LoadableEntry, StateDict } from '../../core/state.js';
import { loadParameters, saveTrainingTensors, withPrefix } from '../checkpoint.js';
import { computeGae } from '../returns.js';
import { EpisodeStats } from '../episode-stats.js';
import { clippedPolicyLoss, clippedValueLoss } from './losses.js';
import { resolvePpoConfig, ConfigError, type PpoConfig } from './config.js';

/** What one PPO iteration (rollout + update) reports. */
export interface PpoMetrics {
  step: number;
  iteration: number;
  /** Mean return of the episodes that ended in this rollout (null if none did). */
  episodeReturn: number | null;
  episodeLength: number | null;
  episodes: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFrac: number;
  explainedVariance: number;
  learningRate: number;
  stepsPerSecond: number;
}

export interface PpoCallbacks {
  /** Called after every iteration; return false to stop training. */
  onIteration?(metrics: PpoMetrics): void | boolean;
}

export interface LearnOptions {
  /**
   * Total environment steps the learning-rate (and clip) annealing runs over; default: the steps
   * done so far plus this call's. A run trained in several calls passes its overall budget.
   */
  horizonSteps?: number;
}

export interface PpoState {
  iteration: number;
  globalStep: number;
  rng: ReturnType<Rng['getState']>;
}

export class PPO {
  readonly config: PpoConfig;
  readonly actor: MLP;
  readonly critic: MLP;
  /** Log-std of the Gaussian policy (Box actions only). */
  readonly logStd: Tensor | null;
  readonly optimizer: Adam;
  readonly discrete: boolean;
  readonly obsSize: number;
  readonly actionDim: number;
  private readonly rng: Rng;
  private readonly actionLow: Float32Array | null = null;
  private readonly actionHigh: Float32Array | null = null;
  iteration = 0;
  globalStep = 0;

  constructor(readonly env: VectorEnv, config: Partial<PpoConfig> = {}, readonly seed = 1) {
    this.config = resolvePpoConfig(null, config as Record<string, unknown>);
    if (env.numEnvs !== this.config.numEnvs) {
      throw new ConfigError(`PPO: the vector env has ${env.numEnvs} sub-envs but numEnvs is ${this.config.numEnvs}`);
    }
    const space = env.singleActionSpace;
    if (space instanceof Discrete) {
      this.discrete = true;
      this.actionDim = space.n;
    } else if (space instanceof Box && space.shape.length === 1) {
      this.discrete = false;
      this.actionDim = space.shape[0];
      this.actionLow = Float32Array.from(space.low as ArrayLike<number>);
      this.actionHigh = Float32Array.from(space.high as ArrayLike<number>);
    } else {
      throw new ConfigError(`PPO supports Discrete and 1-D Box action spaces, not ${String(space)}`);
    }
    this.obsSize = env.obsSize;
    const rng = new Rng(deriveSeed(seed, 'ppo', 'init'));
    const { hidden, activation } = this.config;
    const hiddenInit = init.orthogonal(Math.SQRT2);
    this.actor = new MLP([this.obsSize, ...hidden, this.actionDim], rng, { activation, hiddenInit, outputInit: init.orthogonal(0.01), biasInit: init.zeros() });
    this.critic = new MLP([this.obsSize, ...hidden, 1], rng, { activation, hiddenInit, outputInit: init.orthogonal(1), biasInit: init.zeros() });
    this.logStd = this.discrete ? null : parameter([this.actionDim]);
    this.optimizer = new Adam(this.parameterList(), { lr: this.config.learningRate, eps: 1e-5 });
    this.rng = new Rng(deriveSeed(seed, 'ppo', 'sample'));
  }

  /** Every trainable tensor, named as in checkpoints. */
  namedParameters(): [string, Tensor][] {
    const out = [...this.actor.namedParameters('actor.'), ...this.critic.namedParameters('critic.')];
    if (this.logStd) out.push(['actor_logstd', this.logStd]);
    return out;
  }

  private parameterList(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /** The policy at `obs`; `mask` (1 = legal, batch × actionDim) restricts a Categorical to the legal actions. */
  private policy(obs: Tensor, mask: Uint8Array | null = null): Categorical | DiagGaussian {
    const out = this.actor.forward(obs);
    return this.discrete ? new Categorical(out, mask) : new DiagGaussian(out, this.logStd!);
  }

  private observationCount(obs: Float32Array, mask: Uint8Array | null, where: string): number {
    const n = obs.length / this.obsSize;
    if (!Number.isInteger(n)) throw new ConfigError(`PPO.${where}: ${obs.length} values are not a whole number of observations of size ${this.obsSize}`);
    if (mask !== null) {
      if (!this.discrete) throw new ConfigError(`PPO.${where}: action masks apply to Discrete action spaces only`);
      if (mask.length !== n * this.actionDim) throw new ConfigError(`PPO.${where}: a mask of ${mask.length} values does not fit ${n} observations × ${this.actionDim} actions`);
    }
    return n;
  }

  /**
   * Actions for a batch of observations [n × obsSize]: the mode when deterministic, else a sample.
   * `mask` (n × actionDim, 1 = legal; Discrete only) keeps the choice among the legal actions.
   */
  predict(obs: Float32Array, deterministic = true, out?: Int32Array | Float32Array, mask: Uint8Array | null = null): Int32Array | Float32Array {
    const n = this.observationCount(obs, mask, 'predict');
    return noGrad(() => scope(() => {
      const dist = this.policy(fromBuffer(obs, [n, this.obsSize]), mask);
      if (dist instanceof Categorical) {
        const res = out instanceof Int32Array ? out : new Int32Array(n);
        return deterministic ? dist.mode(res) : dist.sample(this.rng, res);
      }
      const res = out instanceof Float32Array ? out : new Float32Array(n * this.actionDim);
      if (deterministic) res.set(dist.mean.data);
      else dist.sample(this.rng, res);
      return res;
    }));
  }

  /** The Categorical policy's action probabilities [n × actionDim] at a batch of observations, under `mask` when given. */
  actionProbabilities(obs: Float32Array, mask: Uint8Array | null = null, out?: Float32Array): Float32Array {
    if (!this.discrete) throw new ConfigError('PPO.actionProbabilities: the policy is a Gaussian (Box actions); probabilities exist for Discrete actions only');
    const n = this.observationCount(obs, mask, 'actionProbabilities');
    if (out !== undefined && out.length !== n * this.actionDim) throw new ConfigError(`PPO.actionProbabilities: out has ${out.length} values, expected ${n * this.actionDim}`);
    return noGrad(() => scope(() => (this.policy(fromBuffer(obs, [n, this.obsSize]), mask) as Categorical).probs(out)));
  }

  /**
   * Copies the sub-envs' `actionMask` infos into `out` (numEnvs × actionDim); a sub-env without one
   * (e.g. on its final step under NextStep autoreset, where the action is ignored) gets all actions.
   * Returns whether any sub-env reported a mask.
   */
  private readMasks(infos: VectorInfo, out: Uint8Array): boolean {
    const column = infos.actionMask, given = infos._actionMask;
    if (column === undefined) return false;
    if (!Array.isArray(column) || !(given instanceof Uint8Array)) throw new ConfigError('PPO: info.actionMask must be an array of 0/1 values per sub-env');
    const A = this.actionDim;
    out.fill(1);
    for (let i = 0; i < column.length; i++) {
      if (given[i] !== 1) continue;
      const m = column[i] as ArrayLike<number> | null;
      if (m === null || typeof m !== 'object' || m.length !== A) {
        throw new ConfigError(`PPO: info.actionMask of sub-env ${i} must hold ${A} values (one per action), got ${m === null || typeof m !== 'object' ? String(m) : `${m.length} values`}`);
      }
      for (let a = 0; a < A; a++) out[i * A + a] = m[a] ? 1 : 0;
    }
    return true;
  }

  /**
   * Trains for `totalSteps` more environment steps (rounded up to whole rollouts). Each call starts
   * from freshly reset envs seeded from (seed, iteration), so training in several calls with a
   * checkpoint between them gives exactly the same run as one call of the same segments.
   */
  learn(totalSteps: number, callbacks: PpoCallbacks = {}, options: LearnOptions = {}): void {
    const c = this.config;
    const N = c.numEnvs, T = c.numSteps, B = N * T, O = this.obsSize, A = this.discrete ? 1 : this.actionDim;
    const mbSize = B / c.numMinibatches;
    const iterations = Math.ceil(totalSteps / B);
    const plannedIterations = Math.ceil((options.horizonSteps ?? this.globalStep + totalSteps) / B);

    const obsBuf = new Float32Array(B * O);
    const actBuf = this.discrete ? new Int32Array(B) : new Float32Array(B * A);
    const logpBuf = new Float32Array(B), rewBuf = new Float32Array(B), doneBuf = new Float32Array(B), valBuf = new Float32Array(B);
    const advBuf = new Float32Array(B), retBuf = new Float32Array(B);
    const nextValues = new Float32Array(N), nextDones = new Float32Array(N);
    const envActions = this.env.newActionBuffer();
    const mbObs = new Float32Array(mbSize * O), mbAdv = new Float32Array(mbSize), mbRet = new Float32Array(mbSize);
    const mbLogp = new Float32Array(mbSize), mbVal = new Float32Array(mbSize);
    const mbActI = new Int32Array(mbSize), mbActF = new Float32Array(mbSize * A);
    const order = new Int32Array(B);
    // Action masks (Discrete only): the current step's, the rollout's, and a minibatch's.
    const MA = this.discrete ? this.actionDim : 0;
    const stepMask = new Uint8Array(N * MA), maskBuf = new Uint8Array(B * MA), mbMask = new Uint8Array(mbSize * MA);
    const stats = new EpisodeStats(N);
    const params = this.parameterList();

    const first = this.env.reset({ seed: deriveSeed(this.seed, 'ppo', 'env', this.iteration) % 0x7fffffff });
    let obs = first.obs;
    let stepMasked = this.discrete && this.readMasks(first.infos, stepMask);
    nextDones.fill(0);
    const start = performance.now();
    const startStep = this.globalStep;

    for (let it = 0; it < iterations; it++) {
      const frac = Math.max(0, 1 - this.iteration / plannedIterations);
      const lr = c.annealLr ? frac * c.learningRate : c.learningRate;
      const clip = c.annealClip ? frac * c.clipCoef : c.clipCoef;
      this.optimizer.lr = lr;
      let rolloutMasked = false;

      // Rollout.
      for (let t = 0; t < T; t++) {
        const base = t * N;
        obsBuf.set(obs, base * O);
        for (let i = 0; i < N; i++) doneBuf[base + i] = nextDones[i];
        if (stepMasked) maskBuf.set(stepMask, base * MA);
        else maskBuf.fill(1, base * MA, (base + N) * MA);
        rolloutMasked ||= stepMasked;
        noGrad(() => scope(() => {
          const x = fromBuffer(obsBuf.subarray(base * O, (base + N) * O), [N, O]);
          const v = this.critic.forward(x).data;
          for (let i = 0; i < N; i++) valBuf[base + i] = v[i];
          const dist = this.policy(x, stepMasked ? stepMask : null);
          if (dist instanceof Categorical) {
            const a = (actBuf as Int32Array).subarray(base, base + N);
            dist.sample(this.rng, a);
            const lp = dist.logProb(a).data;
            for (let i = 0; i < N; i++) { logpBuf[base + i] = lp[i]; envActions[i] = a[i]; }
          } else {
            const a = (actBuf as Float32Array).subarray(base * A, (base + N) * A);
            dist.sample(this.rng, a);
            const lp = dist.logProb(a).data;
            for (let i = 0; i < N; i++) logpBuf[base + i] = lp[i];
            for (let k = 0; k < N * A; k++) {
              const d = k % A;
              envActions[k] = Math.min(this.actionHigh![d], Math.max(this.actionLow![d], a[k]));
            }
          }
        }));
        const r = this.env.step(envActions);
        obs = r.obs;
        stepMasked = this.discrete && this.readMasks(r.infos, stepMask);
        for (let i = 0; i < N; i++) {
          rewBuf[base + i] = r.rewards[i];
          const done = r.terminations[i] | r.truncations[i];
          nextDones[i] = done;
          stats.add(i, r.rewards[i], done === 1);
        }
        this.globalStep += N;
      }
      noGrad(() => scope(() => {
        const v = this.critic.forward(fromBuffer(obs, [N, O])).data;
        for (let i = 0; i < N; i++) nextValues[i] = v[i];
      }));
      computeGae(T, N, rewBuf, valBuf, doneBuf, nextValues, nextDones, c.gamma, c.gaeLambda, advBuf, retBuf);

      // Update.
      for (let i = 0; i < B; i++) order[i] = i;
      let pgSum = 0, vSum = 0, entSum = 0, klSum = 0, cfSum = 0, count = 0;
      for (let epoch = 0; epoch < c.updateEpochs; epoch++) {
        this.rng.shuffle(order);
        let epochKl = 0, epochCount = 0;
        for (let m = 0; m < c.numMinibatches; m++) {
          // Gather the minibatch and normalise its advantages (unbiased std, as torch.std).
          let mean = 0;
          for (let j = 0; j < mbSize; j++) {
            const k = order[m * mbSize + j];
            mbObs.set(obsBuf.subarray(k * O, k * O + O), j * O);
            mbAdv[j] = advBuf[k];
            mbRet[j] = retBuf[k];
            mbLogp[j] = logpBuf[k];
            mbVal[j] = valBuf[k];
            if (this.discrete) {
              mbActI[j] = (actBuf as Int32Array)[k];
              if (rolloutMasked) mbMask.set(maskBuf.subarray(k * MA, k * MA + MA), j * MA);
            }
            else mbActF.set((actBuf as Float32Array).subarray(k * A, k * A + A), j * A);
            mean += advBuf[k];
          }
          if (c.normAdv && mbSize > 1) {
            mean /= mbSize;
            let v = 0;
            for (let j = 0; j < mbSize; j++) v += (mbAdv[j] - mean) ** 2;
            const std = Math.sqrt(v / (mbSize - 1));
            for (let j = 0; j < mbSize; j++) mbAdv[j] = (mbAdv[j] - mean) / (std + 1e-8);
          }
          const stats = scope(() => this.minibatchStep(mbSize, mbObs, rolloutMasked ? mbMask : null, this.discrete ? mbActI : mbActF, mbLogp, mbAdv, mbRet, mbVal, clip, params));
          pgSum += stats.pg; vSum += stats.v; entSum += stats.ent; klSum += stats.kl; cfSum += stats.clipFrac; count++;
          epochKl += stats.kl; epochCount++;
        }
        if (c.targetKl !== null && epochKl / epochCount > c.targetKl) break;
      }
      this.iteration++;

      let varRet = 0, varResid = 0, meanRet = 0, meanResid = 0;
      for (let k = 0; k < B; k++) { meanRet += retBuf[k]; meanResid += retBuf[k] - valBuf[k]; }
      meanRet /= B; meanResid /= B;
      for (let k = 0; k < B; k++) { varRet += (retBuf[k] - meanRet) ** 2; varResid += (retBuf[k] - valBuf[k] - meanResid) ** 2; }
      const seconds = (performance.now() - start) / 1000;
      const metrics: PpoMetrics = {
        step: this.globalStep, iteration: this.iteration,
        ...stats.take(),
        policyLoss: pgSum / count, valueLoss: vSum / count, entropy: entSum / count, approxKl: klSum / count, clipFrac: cfSum / count,
        explainedVariance: varRet === 0 ? NaN : 1 - varResid / varRet, learningRate: lr,
        stepsPerSecond: seconds > 0 ? (this.globalStep - startStep) / seconds : 0,
      };
      if (callbacks.onIteration?.(metrics) === false) break;
    }
  }

  private minibatchStep(
    n: number, obs: Float32Array, mask: Uint8Array | null, actions: Int32Array | Float32Array, oldLogp: Float32Array, adv: Float32Array,
    ret: Float32Array, oldVal: Float32Array, clip: number, params: Tensor[],
  ): { pg: number; v: number; ent: number; kl: number; clipFrac: number } {
    const c = this.config;
    const x = fromBuffer(obs, [n, this.obsSize]);
    const dist = this.policy(x, mask);
    const newLogp = dist instanceof Categorical ? dist.logProb(actions as Int32Array) : dist.logProb(actions as Float32Array);
    const entropy = op.mean(dist.entropy());
    const [pgLoss, ratio] = clippedPolicyLoss(newLogp, fromBuffer(oldLogp, [n]), fromBuffer(adv, [n]), clip);
    const value = op.reshape(this.critic.forward(x), [n]);
    const vLoss = clippedValueLoss(value, fromBuffer(oldVal, [n]), fromBuffer(ret, [n]), c.clipVloss ? clip : null);
    const loss = op.add(op.sub(pgLoss, op.scale(entropy, c.entCoef)), op.scale(vLoss, c.vfCoef));
    this.optimizer.zeroGrad();
    loss.backward();
    clipGradNorm(params, c.maxGradNorm);
    this.optimizer.step();
    // Diagnostics: k3 approx KL and the clipped fraction.
    const rd = ratio.data;
    let kl = 0, clipped = 0;
    for (let j = 0; j < n; j++) {
      const r = rd[j];
      kl += r - 1 - Math.log(r);
      if (Math.abs(r - 1) > clip) clipped++;
    }
    return { pg: pgLoss.item(), v: vLoss.item(), ent: entropy.item(), kl: kl / n, clipFrac: clipped / n };
  }

  /** Everything needed to continue training: weights and Adam's moments (tensors), counters and RNG (state). */
  checkpoint(): { tensors: StateDict; state: PpoState & { optimizerStep: number } } {
    const { tensors, optimizerSteps } = saveTrainingTensors(this.namedParameters(), { 'optim.': this.optimizer });
    return { tensors, state: { iteration: this.iteration, globalStep: this.globalStep, rng: this.rng.getState(), optimizerStep: optimizerSteps['optim.'] } };
  }

  /** Restores a checkpoint() (weights only when `state` is omitted, e.g. for evaluation). */
  restore(tensors: Record<string, LoadableEntry>, state?: PpoState & { optimizerStep: number }): void {
    loadParameters(this.namedParameters(), tensors);
    if (state) {
      this.optimizer.loadStateDict({ step: state.optimizerStep, tensors: withPrefix(tensors, 'optim.') });
      this.iteration = state.iteration;
      this.globalStep = state.globalStep;
      this.rng.setState(state.rng);
    }
  }
}
