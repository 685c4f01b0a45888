// Vector RecordEpisodeStatistics (§5.5): per-sub-env returns and lengths; on a step where some sub-envs
// finish, infos[statsKey] = {r, l, t} (values where done, 0 elsewhere) and infos['_' + statsKey] = the
// done mask. Under NextStep the autoreset step after a done adds nothing; under SameStep every step
// counts and the counters restart in the done step (the behaviour fixed after Gymnasium 1.3.0).
import { EnvError } from '../types.js';
import type { ActionBuffer, VectorEnv, VectorResetArgs, VectorResetResult, VectorStepResult } from './types.js';

export class RecordEpisodeStatisticsVector implements VectorEnv {
  readonly returnQueue: number[] = [];
  readonly lengthQueue: number[] = [];
  readonly timeQueue: number[] = [];
  episodeCount = 0;
  private readonly returns: Float64Array;
  private readonly lengths: Float64Array;
  private readonly starts: Float64Array;
  private readonly prevDones: Uint8Array;

  constructor(readonly env: VectorEnv, readonly bufferLength = 100, readonly statsKey = 'episode') {
    if (!Number.isInteger(bufferLength) || bufferLength <= 0) throw new EnvError(`RecordEpisodeStatisticsVector: bufferLength must be a positive integer, got ${bufferLength}`);
    const n = env.numEnvs;
    this.returns = new Float64Array(n);
    this.lengths = new Float64Array(n);
    this.starts = new Float64Array(n);
    this.prevDones = new Uint8Array(n);
  }

  get numEnvs(): number { return this.env.numEnvs; }
  get singleObservationSpace(): VectorEnv['singleObservationSpace'] { return this.env.singleObservationSpace; }
  get singleActionSpace(): VectorEnv['singleActionSpace'] { return this.env.singleActionSpace; }
  get observationSpace(): VectorEnv['observationSpace'] { return this.env.observationSpace; }
  get actionSpace(): VectorEnv['actionSpace'] { return this.env.actionSpace; }
  get obsSize(): number { return this.env.obsSize; }
  get actionSize(): number { return this.env.actionSize; }
  get metadata(): VectorEnv['metadata'] { return this.env.metadata; }

  newActionBuffer(): ActionBuffer {
    return this.env.newActionBuffer();
  }

  reset(args?: VectorResetArgs): VectorResetResult {
    const r = this.env.reset(args);
    this.returns.fill(0);
    this.lengths.fill(0);
    this.starts.fill(performance.now());
    this.prevDones.fill(0);
    return r;
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    const r = this.env.step(actions);
    const n = this.numEnvs;
    const nextStep = this.metadata.autoresetMode === 'NextStep';
    const now = performance.now();
    let anyDone = false;
    for (let i = 0; i < n; i++) {
      if (nextStep && this.prevDones[i]) {
        // The autoreset step: no transition happened; the new episode starts here.
        this.returns[i] = 0;
        this.lengths[i] = 0;
        this.starts[i] = now;
        this.prevDones[i] = 0;
        continue;
      }
      this.returns[i] += r.rewards[i];
      this.lengths[i] += 1;
      const done = r.terminations[i] | r.truncations[i];
      this.prevDones[i] = done;
      if (done) anyDone = true;
    }
    if (!anyDone) return r;
    const stats = { r: new Float64Array(n), l: new Float64Array(n), t: new Float64Array(n) };
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (!(r.terminations[i] | r.truncations[i]) || (nextStep && this.lengths[i] === 0)) continue;
      const t = Math.round((now - this.starts[i]) * 1000) / 1e6;
      stats.r[i] = this.returns[i];
      stats.l[i] = this.lengths[i];
      stats.t[i] = t;
      mask[i] = 1;
      for (const [q, v] of [[this.returnQueue, this.returns[i]], [this.lengthQueue, this.lengths[i]], [this.timeQueue, t]] as const) {
        q.push(v);
        if (q.length > this.bufferLength) q.shift();
      }
      this.episodeCount++;
      if (!nextStep) {
        this.returns[i] = 0;
        this.lengths[i] = 0;
        this.starts[i] = now;
      }
    }
    if (this.statsKey in r.infos) throw new EnvError(`RecordEpisodeStatisticsVector: infos already have the key '${this.statsKey}'; pass another statsKey`);
    r.infos = { ...r.infos, [this.statsKey]: stats, [`_${this.statsKey}`]: mask };
    return r;
  }

  close(): void {
    this.env.close();
  }
}
