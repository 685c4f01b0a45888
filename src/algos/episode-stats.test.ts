import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EpisodeStats } from './episode-stats.js';

test('episode statistics close episodes per env and summarise since the last take', () => {
  const s = new EpisodeStats(2);
  assert.deepEqual(s.take(), { episodeReturn: null, episodeLength: null, episodes: 0 });
  s.add(0, 1, false); s.add(1, 5, false); s.add(0, 2, true); s.add(1, 1, false);
  assert.deepEqual(s.take(), { episodeReturn: 3, episodeLength: 2, episodes: 1 });
  s.add(1, 4, true); // env 1's episode spans the take: 5 + 1 + 4 over 3 steps
  s.add(0, 7, true);
  assert.deepEqual(s.take(), { episodeReturn: (10 + 7) / 2, episodeLength: (3 + 1) / 2, episodes: 2 });
});
