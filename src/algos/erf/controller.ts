// The adaptive trade-off of ERF (§3) and CASA-B (§4) per episode: each actor has its own bandit (or
// bandits' vote) [design: after Agent57's per-actor meta-controller]; when one of its envs starts an
// episode the bandit picks that episode's exploration arm, and when the episode ends its return is the
// arm's reward. Everything the bandits learn and the arm each env plays lives in one Float64Array on
// shared memory: the actors' threads play it, the learner saves and restores it while they are idle,
// so a resumed run continues exactly, and 'sync' worker actors reproduce in-thread ones.
import type { EpisodeHooks, NetworkSpec } from '../impala/network.js';
import type { ImpalaExtension } from '../impala/impala.js';
import { ImpalaCheckpointError } from '../impala/impala.js';
import { BanditVote, SlidingWindowUcb, type ArmSelector } from './bandit.js';
import type { ExplorationArm } from './behaviour.js';
import type { ExplorationSettings } from './config.js';
import { exploringNetworkSpec } from './network.js';

/** Where the actors' exploration state lives: `actors` blocks of (current arm per env, then each bandit's state). */
export interface ExplorationLayout {
  actors: number;
  envs: number;
  arms: number;
  banditWindows: number[];
  banditBeta: number;
}

/** Floats one actor's block takes. */
function blockSize(l: ExplorationLayout): number {
  return l.envs + l.banditWindows.reduce((n, w) => n + SlidingWindowUcb.stateSize(l.arms, w), 0);
}

/**
 * The per-episode hooks over the shared state: actor a's bandits are views of its block, and env i's
 * current arm is the block's float i (−1 while it plays no episode). Allocates nothing per call.
 */
export class EpisodeArms implements EpisodeHooks {
  /** Each actor's sliding-window UCBs, and the selector they form (one UCB, or their vote). */
  readonly bandits: SlidingWindowUcb[][];
  readonly selectors: ArmSelector[];
  private readonly current: Float64Array[];
  private readonly pending: Float64Array;

  constructor(readonly layout: ExplorationLayout, memory: Float64Array) {
    const size = blockSize(layout);
    if (memory.length !== layout.actors * size) throw new ImpalaCheckpointError(`exploration: the state takes ${layout.actors * size} floats, got ${memory.length}`);
    this.current = [];
    this.bandits = [];
    this.selectors = [];
    for (let a = 0; a < layout.actors; a++) {
      let o = a * size;
      this.current.push(memory.subarray(o, (o += layout.envs)));
      const members = layout.banditWindows.map((w) => {
        const n = SlidingWindowUcb.stateSize(layout.arms, w);
        return new SlidingWindowUcb(layout.arms, w, layout.banditBeta, memory.subarray(o, (o += n)));
      });
      this.bandits.push(members);
      this.selectors.push(members.length === 1 ? members[0] : new BanditVote(members));
    }
    this.pending = new Float64Array(layout.arms);
  }

  /** The arm env `env` of actor `actor` plays (−1: none). */
  arm(actor: number, env: number): number {
    return this.current[actor][env];
  }

  reset(actor: number): void {
    this.current[actor].fill(-1);
  }

  /** Draws the episode's arm; the arms the actor's other envs are playing count as pending plays. */
  start(actor: number, env: number): void {
    const current = this.current[actor];
    current[env] = -1;
    this.pending.fill(0);
    for (let i = 0; i < current.length; i++) if (current[i] >= 0) this.pending[current[i]]++;
    current[env] = this.selectors[actor].select(this.pending);
  }

  end(actor: number, env: number, episodeReturn: number): void {
    const current = this.current[actor], arm = current[env];
    if (arm >= 0) this.selectors[actor].update(arm, episodeReturn);
    current[env] = -1;
  }
}

/** What a checkpoint holds of the exploration: the whole shared state, every float exact in JSON. */
export interface ExplorationSnapshot {
  floats: number[];
}

/** The learner's side: owns the shared state, names it in the network spec, saves and restores it. */
export class ExplorationController implements ImpalaExtension {
  readonly layout: ExplorationLayout;
  /** The shared state (a SharedArrayBuffer underneath, so actor threads see the same floats). */
  readonly memory: Float64Array;
  /** Views of the state for inspection (the actors play their own views of the same memory). */
  readonly view: EpisodeArms;

  private readonly arms: ExplorationArm[];

  constructor(settings: ExplorationSettings, actors: number, envs: number) {
    this.arms = settings.arms.map((a) => ({ ...a }));
    this.layout = { actors, envs, arms: settings.arms.length, banditWindows: [...settings.banditWindows], banditBeta: settings.banditBeta };
    this.memory = new Float64Array(new SharedArrayBuffer(8 * actors * blockSize(this.layout)));
    this.view = new EpisodeArms(this.layout, this.memory);
    for (let a = 0; a < actors; a++) this.view.reset(a);
  }

  /** The exploring network around `base` that plays this state. */
  networkSpec(base: NetworkSpec): NetworkSpec {
    return exploringNetworkSpec(base, this.arms, this.layout, this.memory);
  }

  /** Episodes whose return actor `actor`'s first bandit holds in its window, per arm. */
  armCounts(actor: number): number[] {
    const first = this.view.bandits[actor][0];
    return Array.from({ length: this.layout.arms }, (_, k) => first.count(k));
  }

  save(): ExplorationSnapshot {
    return { floats: Array.from(this.memory) };
  }

  load(saved: unknown): void {
    const floats = (saved as Partial<ExplorationSnapshot> | null)?.floats;
    if (!Array.isArray(floats) || floats.length !== this.memory.length || !floats.every((x) => typeof x === 'number')) {
      const got = Array.isArray(floats) ? `${floats.length} values` : 'none';
      throw new ImpalaCheckpointError(`exploration: the checkpoint's bandit state has ${got}, these settings (${this.layout.actors} actors × ${this.layout.envs} envs, ${this.layout.arms} arms, windows ${this.layout.banditWindows.join('/')}) need ${this.memory.length} numbers; resume with the run's own settings`);
    }
    this.memory.set(floats as number[]);
  }
}
