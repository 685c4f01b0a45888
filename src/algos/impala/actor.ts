// An IMPALA actor: M envs and a forward-only copy of the policy, producing unrolls of T steps into a
// slot (plain or shared memory). The same class runs in the learner's thread and in worker threads, so
// both actor modes produce identical numbers for identical seeds and weights. Episode starts and ends
// go to the network's episode hooks (if any) as they happen, so per-episode exploration sees them in order.
import { Rng, deriveSeed } from '../../core/rng.js';
import { fromBuffer, noGrad, scope } from '../../core/tensor.js';
import { make } from '../../env/registry.js';
import { SyncVectorEnv, type VectorEnv } from '../../env/vector/index.js';
import { sampleBehaviour, type ImpalaNetwork } from './network.js';

/** Sizes of one unroll: T steps of M envs with observations of O floats. */
export interface UnrollShape {
  T: number;
  M: number;
  O: number;
}

/** Indices into UnrollSlot.stats. */
export const STAT_EPISODES = 0, STAT_RETURN_SUM = 1, STAT_LENGTH_SUM = 2, STAT_VERSION = 3;

/** One unroll, time-major (element t·M + i): what the learner needs for V-trace. */
export interface UnrollSlot {
  /** (T+1)·M·O: x_0 … x_T; row T holds the bootstrap observations. */
  obs: Float32Array;
  actions: Int32Array;
  /** log μ(a_t|x_t). */
  logMu: Float32Array;
  /** Raw env rewards (the learner clips). */
  rewards: Float32Array;
  /** 1 where the transition at t ended the episode (terminated or truncated). */
  dones: Uint8Array;
  /** Episodes finished in this unroll, their return and length sums, and the weights' version used. */
  stats: Float64Array;
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** Bytes one slot takes. */
export function slotBytes({ T, M, O }: UnrollShape): number {
  return align8((T + 1) * M * O * 4) + 3 * align8(T * M * 4) + align8(T * M) + 4 * 8;
}

/** Views of one slot laid out in `buffer` (a SharedArrayBuffer to share it between threads). */
export function slotViews(buffer: ArrayBufferLike, { T, M, O }: UnrollShape): UnrollSlot {
  let o = 0;
  const take = <A>(make: (offset: number) => A, bytes: number): A => {
    const a = make(o);
    o += align8(bytes);
    return a;
  };
  const n = T * M;
  return {
    obs: take((at) => new Float32Array(buffer, at, (T + 1) * M * O), (T + 1) * M * O * 4),
    actions: take((at) => new Int32Array(buffer, at, n), n * 4),
    logMu: take((at) => new Float32Array(buffer, at, n), n * 4),
    rewards: take((at) => new Float32Array(buffer, at, n), n * 4),
    dones: take((at) => new Uint8Array(buffer, at, n), n),
    stats: take((at) => new Float64Array(buffer, at, 4), 32),
  };
}

export class Actor {
  private readonly env: VectorEnv;
  private readonly rng = new Rng(0);
  /** The current observations x_t of the M envs. */
  private readonly current: Float32Array;
  private readonly actionsT: Int32Array;
  private readonly logMuT: Float32Array;
  private readonly envActions: Int32Array;
  private readonly epReturn: Float64Array;
  private readonly epLength: Int32Array;

  /** `index` names this actor to the network's per-actor hooks (behaviour, episodes). */
  constructor(envId: string, readonly shape: UnrollShape, private readonly net: ImpalaNetwork, readonly index: number) {
    const { M, O } = shape;
    this.env = new SyncVectorEnv(Array.from({ length: M }, () => () => make<unknown, unknown>(envId)), { autoresetMode: 'SameStep' });
    this.current = new Float32Array(M * O);
    this.actionsT = new Int32Array(M);
    this.logMuT = new Float32Array(M);
    this.envActions = this.env.newActionBuffer() as Int32Array;
    this.epReturn = new Float64Array(M);
    this.epLength = new Int32Array(M);
  }

  /** Restarts the envs and the sampling stream from `seed` (at the start of every learn() call). */
  reset(seed: number): void {
    this.rng.seed(deriveSeed(seed, 'actions'));
    this.current.set(this.env.reset({ seed: deriveSeed(seed, 'envs') % 0x7fffffff }).obs);
    this.epReturn.fill(0);
    this.epLength.fill(0);
    const hooks = this.net.episodes;
    if (hooks) {
      hooks.reset(this.index);
      for (let i = 0; i < this.shape.M; i++) hooks.start(this.index, i);
    }
  }

  /** Plays T steps with the network's current weights (tagged `version`) into `slot`. */
  unroll(slot: UnrollSlot, version: number): void {
    const { T, M, O } = this.shape;
    const hooks = this.net.episodes;
    let episodes = 0, returnSum = 0, lengthSum = 0;
    for (let t = 0; t < T; t++) {
      slot.obs.set(this.current, t * M * O);
      noGrad(() => scope(() => {
        const out = this.net.forward(fromBuffer(this.current, [M, O]));
        sampleBehaviour(this.net, out, this.rng, this.actionsT, this.logMuT, this.index);
      }));
      slot.actions.set(this.actionsT, t * M);
      slot.logMu.set(this.logMuT, t * M);
      this.envActions.set(this.actionsT);
      const r = this.env.step(this.envActions);
      for (let i = 0; i < M; i++) {
        const k = t * M + i;
        const done = r.terminations[i] | r.truncations[i];
        slot.rewards[k] = r.rewards[i];
        slot.dones[k] = done;
        this.epReturn[i] += r.rewards[i];
        this.epLength[i]++;
        if (done) {
          episodes++;
          returnSum += this.epReturn[i];
          lengthSum += this.epLength[i];
          if (hooks) {
            hooks.end(this.index, i, this.epReturn[i]);
            hooks.start(this.index, i);
          }
          this.epReturn[i] = 0;
          this.epLength[i] = 0;
        }
      }
      this.current.set(r.obs);
    }
    slot.obs.set(this.current, T * M * O);
    slot.stats[STAT_EPISODES] = episodes;
    slot.stats[STAT_RETURN_SUM] = returnSum;
    slot.stats[STAT_LENGTH_SUM] = lengthSum;
    slot.stats[STAT_VERSION] = version;
  }

  close(): void {
    this.env.close();
  }
}
