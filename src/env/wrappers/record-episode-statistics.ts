// RecordEpisodeStatistics (§4.5): on the step that ends an episode, info[statsKey] = {r, l, t} (return,
// length, wall-clock seconds), and the last `bufferLength` returns/lengths/times are kept in queues.
import { EnvError, isFlatEnv, type Env, type FlatEnv, type FlatStepResult, type Info, type ResetArgs, type ResetResult, type StepResult } from '../types.js';
import { Wrapper } from './wrapper.js';

export interface EpisodeStats {
  /** Return: the sum of the rewards. */
  r: number;
  /** Length in steps. */
  l: number;
  /** Wall-clock seconds since the episode started, rounded to 6 decimals. */
  t: number;
}

export class RecordEpisodeStatistics<O = Float32Array, A = number> extends Wrapper<O, A> implements FlatEnv {
  readonly returnQueue: number[] = [];
  readonly lengthQueue: number[] = [];
  readonly timeQueue: number[] = [];
  episodeCount = 0;
  private episodeReturn = 0;
  private episodeLength = 0;
  private episodeStart = performance.now();

  constructor(env: Env<O, A>, readonly bufferLength = 100, readonly statsKey = 'episode') {
    super(env);
    if (!Number.isInteger(bufferLength) || bufferLength <= 0) throw new EnvError(`RecordEpisodeStatistics: bufferLength must be a positive integer, got ${bufferLength}`);
  }

  private restart(): void {
    this.episodeReturn = 0;
    this.episodeLength = 0;
    this.episodeStart = performance.now();
  }

  /** Accumulates one reward; on the last step of an episode returns the info with the stats added. */
  private record(reward: number, done: boolean, info: Info | null): Info | null {
    this.episodeReturn += reward;
    this.episodeLength += 1;
    if (!done) return info;
    if (info !== null && this.statsKey in info) {
      throw new EnvError(`RecordEpisodeStatistics: info already has the key '${this.statsKey}'; pass another statsKey`);
    }
    const t = Math.round((performance.now() - this.episodeStart) * 1000) / 1e6;
    const stats: EpisodeStats = { r: this.episodeReturn, l: this.episodeLength, t };
    for (const [q, v] of [[this.returnQueue, stats.r], [this.lengthQueue, stats.l], [this.timeQueue, t]] as const) {
      q.push(v);
      if (q.length > this.bufferLength) q.shift();
    }
    this.episodeCount++;
    this.restart();
    const out = info ?? {};
    out[this.statsKey] = stats;
    return out;
  }

  override reset(args?: ResetArgs): ResetResult<O> {
    const r = this.env.reset(args);
    this.restart();
    return r;
  }

  override step(action: A): StepResult<O> {
    const r = this.env.step(action);
    r.info = this.record(r.reward, r.terminated || r.truncated, r.info) ?? r.info;
    return r;
  }

  get obsSize(): number {
    return isFlatEnv(this.env) ? this.env.obsSize : -1;
  }

  get actionSize(): number {
    return isFlatEnv(this.env) ? this.env.actionSize : -1;
  }

  resetInto(obs: Float32Array, offset: number, args?: ResetArgs): Info | null {
    const info = (this.env as unknown as FlatEnv).resetInto(obs, offset, args);
    this.restart();
    return info;
  }

  stepInto(actions: ArrayLike<number>, actionOffset: number, obs: Float32Array, offset: number): FlatStepResult {
    const r = (this.env as unknown as FlatEnv).stepInto(actions, actionOffset, obs, offset);
    r.info = this.record(r.reward, r.terminated || r.truncated, r.info);
    return r;
  }
}
