// The adaptive trade-off of ERF and CASA-B (ALGORITHMS.md §3, §4): a non-stationary multi-armed bandit
// (sliding-window UCB) picks exploration arms, and "Bandits Vote" lets several such bandits with
// different windows or bonuses propose arms and takes the majority. [reconstructed]
import { ConfigError } from '../ppo/config.js';

/** Anything that picks arms and learns from their rewards. */
export interface ArmSelector {
  readonly arms: number;
  /** The next arm; `pending[k]` counts plays of arm k in progress (handed out, not yet rewarded). */
  select(pending?: ArrayLike<number>): number;
  update(arm: number, reward: number): void;
}

/**
 * Sliding-window UCB over the last W plays: score_k = m̂_k + β·√(ln N / n_k), where n_k counts arm k's
 * plays in the window (plus its pending ones), N their total, and m̂_k is arm k's mean reward normalised
 * to [0, 1] by the window's min and max (0 when all rewards in it are equal). Unplayed arms come first,
 * lowest index first; ties go to the lowest index. [reconstructed: ALGORITHMS.md §3]
 */
export class SlidingWindowUcb implements ArmSelector {
  /** Floats of a bandit's state: plays, then per arm its count and reward sum, then the window's arms and rewards. */
  static stateSize(arms: number, window: number): number {
    return 1 + 2 * arms + 2 * window;
  }

  private readonly state: Float64Array;
  private readonly counts: Float64Array;
  private readonly sums: Float64Array;
  private readonly playedArm: Float64Array;
  private readonly playedReward: Float64Array;
  private readonly scoreBuffer: Float64Array;

  /**
   * `state` (stateSize floats, all zero for a fresh bandit) holds everything the bandit learns, so a copy
   * of it is a checkpoint and a view of shared memory lets another thread play it; default: its own.
   */
  constructor(readonly arms: number, readonly window: number, readonly beta: number, state?: Float64Array) {
    if (!(Number.isInteger(arms) && arms >= 1)) throw new ConfigError(`bandit: needs at least one arm, got ${arms}`);
    if (!(Number.isInteger(window) && window >= 1)) throw new ConfigError(`bandit: the window must be a positive integer, got ${window}`);
    if (!(beta >= 0)) throw new ConfigError(`bandit: the exploration bonus β must be ≥ 0, got ${beta}`);
    const size = SlidingWindowUcb.stateSize(arms, window);
    if (state !== undefined && state.length !== size) throw new ConfigError(`bandit: its state takes ${size} floats, got ${state.length}`);
    this.state = state ?? new Float64Array(size);
    let o = 1;
    const take = (n: number): Float64Array => this.state.subarray(o, (o += n));
    this.counts = take(arms);
    this.sums = take(arms);
    this.playedArm = take(window);
    this.playedReward = take(window);
    this.scoreBuffer = new Float64Array(arms);
  }

  /** Plays recorded so far (the window holds the last min(plays, W)). */
  get plays(): number {
    return this.state[0];
  }

  update(arm: number, reward: number): void {
    if (!(arm >= 0 && arm < this.arms)) throw new RangeError(`bandit: arm ${arm} is not in [0, ${this.arms})`);
    const plays = this.state[0], slot = plays % this.window;
    if (plays >= this.window) {
      this.counts[this.playedArm[slot]]--;
      this.sums[this.playedArm[slot]] -= this.playedReward[slot];
    }
    this.playedArm[slot] = arm;
    this.playedReward[slot] = reward;
    this.counts[arm]++;
    this.sums[arm] += reward;
    this.state[0] = plays + 1;
  }

  /** Arm k's plays in the window. */
  count(arm: number): number {
    return this.counts[arm];
  }

  /** Arm k's mean reward in the window (NaN when it has none). */
  mean(arm: number): number {
    return this.sums[arm] / this.counts[arm];
  }

  /** Writes every arm's score into `out` (Infinity for arms with no play or pending play counted). */
  scores(out: Float64Array, pending?: ArrayLike<number>): void {
    const held = Math.min(this.plays, this.window);
    let lo = Infinity, hi = -Infinity, total = 0;
    for (let i = 0; i < held; i++) {
      lo = Math.min(lo, this.playedReward[i]);
      hi = Math.max(hi, this.playedReward[i]);
    }
    for (let k = 0; k < this.arms; k++) total += this.counts[k] + (pending ? pending[k] : 0);
    const logTotal = Math.log(Math.max(total, 1));
    for (let k = 0; k < this.arms; k++) {
      const n = this.counts[k] + (pending ? pending[k] : 0);
      if (n === 0) {
        out[k] = Infinity;
        continue;
      }
      const normalised = this.counts[k] > 0 && hi > lo ? (this.mean(k) - lo) / (hi - lo) : 0;
      out[k] = normalised + this.beta * Math.sqrt(logTotal / n);
    }
  }

  select(pending?: ArrayLike<number>): number {
    this.scores(this.scoreBuffer, pending);
    let best = 0;
    for (let k = 1; k < this.arms; k++) if (this.scoreBuffer[k] > this.scoreBuffer[best]) best = k;
    return best;
  }
}

/**
 * Bandits Vote: every member proposes an arm; the arm with the most votes wins, and a tie goes to the
 * tied arm proposed by the earliest member. All members learn from every reward. [reconstructed: ALGORITHMS.md §4]
 */
export class BanditVote implements ArmSelector {
  readonly arms: number;
  private readonly votes: Int32Array;
  private readonly proposals: Int32Array;

  constructor(readonly members: readonly ArmSelector[]) {
    if (members.length === 0) throw new ConfigError('bandit vote: needs at least one bandit');
    this.arms = members[0].arms;
    if (members.some((m) => m.arms !== this.arms)) throw new ConfigError('bandit vote: all bandits must have the same arms');
    this.votes = new Int32Array(this.arms);
    this.proposals = new Int32Array(members.length);
  }

  select(pending?: ArrayLike<number>): number {
    this.votes.fill(0);
    for (let m = 0; m < this.members.length; m++) {
      this.proposals[m] = this.members[m].select(pending);
      this.votes[this.proposals[m]]++;
    }
    let best = this.proposals[0];
    for (let m = 1; m < this.members.length; m++) if (this.votes[this.proposals[m]] > this.votes[best]) best = this.proposals[m];
    return best;
  }

  update(arm: number, reward: number): void {
    for (const m of this.members) m.update(arm, reward);
  }
}
