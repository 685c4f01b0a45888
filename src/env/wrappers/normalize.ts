// NormalizeObservation (§4.8) and NormalizeReward (§4.9): running statistics (Welford-style parallel merge,
// epsilon 1e-8) that each normalise one channel. `updateRunningMean = false` freezes the statistics.
import { Box } from '../spaces.js';
import { EnvError, type Env, type ResetArgs, type ResetResult, type StepResult } from '../types.js';
import { RunningMeanStd } from './running-mean-std.js';
import { Wrapper } from './wrapper.js';

function checkEpsilon(epsilon: number, who: string): void {
  if (!(epsilon > 0)) throw new EnvError(`${who}: epsilon must be > 0, got ${epsilon}`);
}

/** Observations become float32((x − mean)/sqrt(var + ε)), with float32 statistics updated by every observation (reset's too). */
export class NormalizeObservation<A = number> extends Wrapper<Float32Array, A, ArrayLike<number>, A> {
  readonly obsRms: RunningMeanStd;
  updateRunningMean = true;
  private readonly space: Box;

  constructor(env: Env<ArrayLike<number>, A>, readonly epsilon = 1e-8) {
    super(env);
    checkEpsilon(epsilon, 'NormalizeObservation');
    const inner = env.observationSpace;
    if (!(inner instanceof Box)) throw new EnvError(`NormalizeObservation needs a Box observation space, got ${String(inner)}`);
    this.space = new Box(-Infinity, Infinity, inner.shape, 'float32');
    this.obsRms = new RunningMeanStd(inner.size, 'float32');
  }

  override get observationSpace(): Box {
    return this.space;
  }

  private normalize(x: ArrayLike<number>): Float32Array {
    if (this.updateRunningMean) this.obsRms.update(x);
    const { mean, var: v } = this.obsRms;
    const out = new Float32Array(this.obsRms.size);
    for (let i = 0; i < out.length; i++) out[i] = (x[i] - mean[i]) / Math.sqrt(v[i] + this.epsilon);
    return out;
  }

  override reset(args?: ResetArgs): ResetResult<Float32Array> {
    const r = this.env.reset(args);
    return { obs: this.normalize(r.obs), info: r.info };
  }

  override step(action: A): StepResult<Float32Array> {
    const r = this.env.step(action);
    return { ...r, obs: this.normalize(r.obs) };
  }
}

/**
 * Rewards become r/sqrt(var(G) + ε), where G ← G·γ·(1 − terminated) + r is the discounted return
 * (not cleared by truncation nor by reset) and var its float64 running variance. No mean is subtracted.
 */
export class NormalizeReward<O = Float32Array, A = number> extends Wrapper<O, A> {
  readonly returnRms = new RunningMeanStd(1, 'float64');
  updateRunningMean = true;
  private discounted = 0;
  private readonly g = new Float64Array(1);

  constructor(env: Env<O, A>, readonly gamma = 0.99, readonly epsilon = 1e-8) {
    super(env);
    if (!(gamma >= 0 && gamma <= 1)) throw new EnvError(`NormalizeReward: gamma must be in [0, 1], got ${gamma}`);
    checkEpsilon(epsilon, 'NormalizeReward');
  }

  override step(action: A): StepResult<O> {
    const r = this.env.step(action);
    this.discounted = this.discounted * this.gamma * (r.terminated ? 0 : 1) + r.reward;
    if (this.updateRunningMean) {
      this.g[0] = this.discounted;
      this.returnRms.update(this.g);
    }
    r.reward = r.reward / Math.sqrt(this.returnRms.var[0] + this.epsilon);
    return r;
  }
}
