// Experience replay for the off-policy learners (DQN, SAC): a circular buffer of transitions
// (s, a, r, s', terminated) in preallocated typed arrays, sampled uniformly with replacement as
// Stable-Baselines3's ReplayBuffer (which CleanRL uses) does. Discrete actions are stored as
// float32 (exact for any action index below 2²⁴), so the whole buffer checkpoints as F32 tensors.
import type { VectorEnv } from '../env/vector/index.js';
import type { EpisodeStats } from './episode-stats.js';
import type { Rng } from '../core/rng.js';
import { copyEntry, StateDictError, type LoadableEntry, type StateDict } from '../core/state.js';

/** A sampled minibatch, written in place by `sample` (allocate once with `newBatch`). */
export interface ReplayBatch {
  size: number;
  obs: Float32Array;
  actions: Float32Array;
  rewards: Float32Array;
  nextObs: Float32Array;
  /** 1 where the transition ended in a true terminal state (not a time-limit truncation). */
  terminations: Float32Array;
}

/** Write position and fill level: the buffer's state besides its tensors. */
export interface ReplayState {
  pos: number;
  size: number;
}

export class ReplayBuffer {
  readonly obs: Float32Array;
  readonly nextObs: Float32Array;
  readonly actions: Float32Array;
  readonly rewards: Float32Array;
  readonly terminations: Float32Array;
  /** Next slot to write. */
  pos = 0;
  /** Transitions held (at most capacity). */
  size = 0;

  constructor(readonly capacity: number, readonly obsSize: number, readonly actionSize: number) {
    for (const [name, v] of [['capacity', capacity], ['obsSize', obsSize], ['actionSize', actionSize]] as const) {
      if (!(Number.isInteger(v) && v > 0)) throw new RangeError(`ReplayBuffer: ${name} must be a positive integer, got ${v}`);
    }
    this.obs = new Float32Array(capacity * obsSize);
    this.nextObs = new Float32Array(capacity * obsSize);
    this.actions = new Float32Array(capacity * actionSize);
    this.rewards = new Float32Array(capacity);
    this.terminations = new Float32Array(capacity);
  }

  /**
   * Stores one transition, overwriting the oldest when full. `obs` and `nextObs` are read from
   * the given offsets (so rows of a vector env's batch can be passed without copying).
   */
  add(obs: Float32Array, obsOffset: number, action: ArrayLike<number>, actionOffset: number, reward: number,
    nextObs: Float32Array, nextObsOffset: number, terminated: boolean): void {
    const O = this.obsSize, A = this.actionSize, p = this.pos;
    this.obs.set(obs.subarray(obsOffset, obsOffset + O), p * O);
    this.nextObs.set(nextObs.subarray(nextObsOffset, nextObsOffset + O), p * O);
    for (let k = 0; k < A; k++) this.actions[p * A + k] = action[actionOffset + k];
    this.rewards[p] = reward;
    this.terminations[p] = terminated ? 1 : 0;
    this.pos = (p + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  newBatch(size: number): ReplayBatch {
    return {
      size,
      obs: new Float32Array(size * this.obsSize),
      actions: new Float32Array(size * this.actionSize),
      rewards: new Float32Array(size),
      nextObs: new Float32Array(size * this.obsSize),
      terminations: new Float32Array(size),
    };
  }

  /** Fills `batch` with `batch.size` transitions drawn uniformly, with replacement. */
  sample(rng: Rng, batch: ReplayBatch): void {
    if (this.size === 0) throw new RangeError('ReplayBuffer.sample: the buffer is empty');
    const O = this.obsSize, A = this.actionSize;
    for (let j = 0; j < batch.size; j++) {
      const k = rng.int(this.size);
      batch.obs.set(this.obs.subarray(k * O, k * O + O), j * O);
      batch.nextObs.set(this.nextObs.subarray(k * O, k * O + O), j * O);
      for (let d = 0; d < A; d++) batch.actions[j * A + d] = this.actions[k * A + d];
      batch.rewards[j] = this.rewards[k];
      batch.terminations[j] = this.terminations[k];
    }
  }

  /** The filled part as F32 tensors named `<prefix>obs`, … (copies), and the write position. */
  stateDict(prefix = 'replay.'): { tensors: StateDict; state: ReplayState } {
    const n = this.size, O = this.obsSize, A = this.actionSize;
    const entry = (data: Float32Array, width: number) => ({ dtype: 'F32' as const, shape: [n, width], data: data.slice(0, n * width) });
    return {
      tensors: {
        [`${prefix}obs`]: entry(this.obs, O),
        [`${prefix}actions`]: entry(this.actions, A),
        [`${prefix}rewards`]: entry(this.rewards, 1),
        [`${prefix}next_obs`]: entry(this.nextObs, O),
        [`${prefix}terminations`]: entry(this.terminations, 1),
      },
      state: { pos: this.pos, size: this.size },
    };
  }

  /** Restores a stateDict(); reports every mismatch at once. */
  loadStateDict(tensors: Record<string, LoadableEntry>, state: ReplayState, prefix = 'replay.'): void {
    const n = state.size;
    const problems: string[] = [];
    if (!(Number.isInteger(n) && n >= 0 && n <= this.capacity)) problems.push(`replay size ${n} does not fit capacity ${this.capacity}`);
    if (!(Number.isInteger(state.pos) && state.pos >= 0 && state.pos < this.capacity && (n === this.capacity || state.pos === n))) {
      problems.push(`replay position ${state.pos} is inconsistent with size ${n} and capacity ${this.capacity}`);
    }
    if (problems.length) throw new StateDictError(problems);
    const parts: [string, Float32Array, number][] = [
      ['obs', this.obs, this.obsSize], ['actions', this.actions, this.actionSize], ['rewards', this.rewards, 1],
      ['next_obs', this.nextObs, this.obsSize], ['terminations', this.terminations, 1],
    ];
    for (const [name, target, width] of parts) {
      const e = tensors[prefix + name];
      if (e === undefined) problems.push(`${prefix}${name} is missing`);
      else {
        const pr = copyEntry(prefix + name, e, [n, width], target.subarray(0, n * width));
        if (pr !== null) problems.push(pr);
      }
    }
    if (problems.length) throw new StateDictError(problems);
    this.pos = state.pos;
    this.size = n;
  }
}

/**
 * One step of a single-env off-policy learner (DQN, SAC): steps the env, stores (s, a, r, s′,
 * terminated) with the real final observation as s′ when the episode ended (SameStep autoreset
 * has already put the next episode's first observation in r.obs), moves `obs` on, and records
 * the episode statistics.
 */
export function stepAndStore(env: VectorEnv, replay: ReplayBuffer, obs: Float32Array, action: Int32Array | Float32Array, stats: EpisodeStats): void {
  const r = env.step(action);
  const done = r.terminations[0] === 1 || r.truncations[0] === 1;
  const realNext = done ? (r.infos.final_obs as (Float32Array | null)[])[0]! : r.obs;
  replay.add(obs, 0, action, 0, r.rewards[0], realNext, 0, r.terminations[0] === 1);
  obs.set(r.obs);
  stats.add(0, r.rewards[0], done);
}
