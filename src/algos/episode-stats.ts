// Episode returns and lengths of N parallel envs, summarised per learner iteration.
export class EpisodeStats {
  private readonly ret: Float64Array;
  private readonly len: Int32Array;
  private episodes = 0;
  private sumReturn = 0;
  private sumLength = 0;

  constructor(numEnvs: number) {
    this.ret = new Float64Array(numEnvs);
    this.len = new Int32Array(numEnvs);
  }

  /** Records one step of env i; a done step closes its episode. */
  add(i: number, reward: number, done: boolean): void {
    this.ret[i] += reward;
    this.len[i]++;
    if (done) {
      this.episodes++;
      this.sumReturn += this.ret[i];
      this.sumLength += this.len[i];
      this.ret[i] = 0;
      this.len[i] = 0;
    }
  }

  /** Mean return and length of the episodes closed since the last call (null when none), then starts over. */
  take(): { episodeReturn: number | null; episodeLength: number | null; episodes: number } {
    const n = this.episodes;
    const out = { episodeReturn: n ? this.sumReturn / n : null, episodeLength: n ? this.sumLength / n : null, episodes: n };
    this.episodes = 0;
    this.sumReturn = 0;
    this.sumLength = 0;
    return out;
  }
}
