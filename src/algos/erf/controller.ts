// The learner's side of the adaptive trade-off (ERF §3, CASA-B §4): after every update it scores the
// arm each env lane played with, lets the bandit (or the bandits' vote) pick the lanes' next arms, and
// writes them into the network's arm table, which the learner then publishes to the actors.
import type { Tensor } from '../../core/tensor.js';
import type { LossBatch } from '../impala/loss.js';
import type { ImpalaNetwork } from '../impala/network.js';
import { ConfigError } from '../ppo/config.js';
import type { ArmSelector } from './bandit.js';
import type { ExplorationArm } from './behaviour.js';
import { ARM_ROW, ARM_TABLE, writeArm } from './network.js';

/**
 * A bandit round is one lane's share of one update: its B/lanes trajectories of T steps, all played
 * with the lane's arm. Its reward is their mean (clipped) reward per step. [adapted: Ludus] The
 * reference rewards each episode's normalised return and switches arms at episode starts; the
 * IMPALA core's behaviour() hook sees neither episode boundaries nor which actor calls it, so arms are
 * per lane and change between updates, and the reward rate over the round stands in for the return.
 * In 'async' actor mode an unroll may have been played with the previous round's arms (policy lag);
 * its log μ is still exact, only the bandit's credit is then approximate.
 */
export class ExplorationController {
  private table: Float32Array | null = null;
  /** The arm index each lane plays in the current round. */
  readonly laneArms: Int32Array;
  private readonly pending: Int32Array;

  constructor(readonly arms: readonly ExplorationArm[], readonly selector: ArmSelector, readonly lanes: number) {
    if (selector.arms !== arms.length) throw new ConfigError(`exploration: the bandit has ${selector.arms} arms, the settings list ${arms.length}`);
    this.laneArms = new Int32Array(lanes);
    this.pending = new Int32Array(arms.length);
  }

  /** Binds the learner's network (its arm table) and hands out the first round's arms. */
  attach(net: ImpalaNetwork): void {
    const entry = net.namedParameters().find(([name]) => name === ARM_TABLE);
    if (entry === undefined) throw new ConfigError(`exploration: the network has no '${ARM_TABLE}' table (build it with exploringNetworkSpec)`);
    const t: Tensor = entry[1];
    if (t.size !== this.lanes * ARM_ROW) throw new ConfigError(`exploration: the arm table has ${t.size / ARM_ROW} lanes, expected ${this.lanes}`);
    this.table = t.data;
    this.assign();
  }

  /** Picks every lane's next arm (counting the lanes already served this round as pending plays). */
  private assign(): void {
    const table = this.table;
    if (table === null) throw new ConfigError('exploration: attach() the learner network first');
    this.pending.fill(0);
    for (let i = 0; i < this.lanes; i++) {
      const k = this.selector.select(this.pending);
      this.pending[k]++;
      this.laneArms[i] = k;
      writeArm(table, i, this.arms[k]);
    }
  }

  /**
   * Scores the round that produced `batch` (trajectory b = s·lanes + i belongs to lane i) and assigns
   * the next arms. Returns the mean reward rate over all lanes.
   */
  observe(batch: LossBatch): number {
    const { T, B, rewards } = batch, perLane = B / this.lanes;
    let all = 0;
    for (let i = 0; i < this.lanes; i++) {
      let sum = 0;
      for (let t = 0; t < T; t++) for (let s = 0; s < perLane; s++) sum += rewards[t * B + s * this.lanes + i];
      const rate = sum / (T * perLane);
      this.selector.update(this.laneArms[i], rate);
      all += rate;
    }
    this.assign();
    return all / this.lanes;
  }
}
