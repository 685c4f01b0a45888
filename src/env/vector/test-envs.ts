// Test fixture: registers an env id whose entry point adds RecordEpisodeStatistics, so tests can check
// that infos (and SameStep's final_info) cross the worker-thread boundary. Importing it registers once.
import { CartPoleEnv } from '../../envs/classic/cartpole.js';
import { register, registeredIds } from '../registry.js';
import { RecordEpisodeStatistics } from '../wrappers/record-episode-statistics.js';
import { TimeLimit } from '../wrappers/time-limit.js';

export const STATS_ENV_ID = 'ludus-test/CartPoleStats-v1';

if (!registeredIds().includes(STATS_ENV_ID)) {
  register({
    id: STATS_ENV_ID,
    // The time limit sits inside the statistics, so truncated episodes are reported too.
    entryPoint: () => new RecordEpisodeStatistics(new TimeLimit(new CartPoleEnv(), 30)),
    module: import.meta.url,
  });
}
