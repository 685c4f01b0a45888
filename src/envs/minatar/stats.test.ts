import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedFile, skipUnlessShared } from '../../testing/shared.js';
import { runRandomPolicy, zScore, type ReferenceRun } from './stats.js';

const STATS = 'envs/minatar-random-policy-stats.json';

function references(): ReferenceRun[] {
  const path = sharedFile(STATS);
  if (path === null) return [];
  return (JSON.parse(readFileSync(path, 'utf8')) as { runs: ReferenceRun[] }).runs;
}

/** The 10,000-episode reference of a full-action-set configuration with ramping (spec §9.3). */
function reference(runs: ReferenceRun[], game: string, p: number): ReferenceRun {
  const run = runs.find((r) => r.game === game && r.sticky_action_prob === p && r.episodes === 10000);
  assert.ok(run, `no 10,000-episode reference for ${game}, p = ${p}`);
  return run;
}

// Episodes per configuration: at 10,000, |z| ≤ 4 catches about a 10 % bias in mean return and a 4–7 %
// bias in mean length (spec §9.5), in a few seconds. Freeway episodes are 2501 steps long, so it gets
// 2000 (5 M steps); bench/minatar.ts runs 10,000 of every configuration.
const EPISODES: Record<string, number> = { asterix: 10000, breakout: 10000, freeway: 2000, seaquest: 10000, space_invaders: 10000 };
const MIN_LENGTH: Record<string, number> = { asterix: 11, breakout: 6, freeway: 2501, seaquest: 2, space_invaders: 17 };

for (const game of ['asterix', 'breakout', 'freeway', 'seaquest', 'space_invaders'] as const) {
  test(`${game}: random-policy returns and lengths match the reference (|z| ≤ 4) with and without sticky actions`, { skip: skipUnlessShared(STATS) }, () => {
    const runs = references();
    for (const p of [0.1, 0]) {
      const ref = reference(runs, game, p);
      const ours = runRandomPolicy({
        game, stickyActionProb: p, difficultyRamping: true, actionSet: 'full', episodes: EPISODES[game], seed: ref.seed, policySeed: ref.seed + 1,
      });
      const where = `${game} p=${p}: ours ${ours.returnMean.toFixed(4)} / ${ours.lengthMean.toFixed(2)}, reference ${ref.return_mean} / ${ref.length_mean}`;
      assert.ok(Math.abs(zScore(ours.returnMean, ours.returnSe, ref.return_mean, ref.return_se)) <= 4, `return mean, ${where}`);
      if (game === 'freeway') {
        assert.deepEqual([ours.lengthMin, ours.lengthMax], [2501, 2501], 'every Freeway episode lasts 2501 steps');
      } else {
        assert.ok(Math.abs(zScore(ours.lengthMean, ours.lengthSe, ref.length_mean, ref.length_se)) <= 4, `length mean, ${where}`);
        assert.ok(ours.lengthMin >= MIN_LENGTH[game], `episodes last at least ${MIN_LENGTH[game]} steps, ${where}`);
      }
      // P(return = 0), a proportion: its standard error is √(q(1 − q)/n).
      const q = ref.frac_return_zero;
      const seZero = (n: number): number => Math.sqrt((q * (1 - q)) / n);
      const zZero = zScore(ours.fracReturnZero, seZero(ours.episodes), q, seZero(ref.episodes));
      assert.ok(Math.abs(zZero) <= 4, `P(return = 0) ${ours.fracReturnZero} vs ${q}, ${where}`);
    }
  });
}

test('minimal action sets and ramping off match their 1000-episode references (|z| ≤ 4)', { skip: skipUnlessShared(STATS) }, () => {
  const runs = references().filter((r) => r.episodes === 1000 && (r.action_set === 'minimal' || r.difficulty_ramping === false));
  assert.equal(runs.length, 10);
  for (const ref of runs) {
    if (ref.game === 'freeway' && ref.action_set !== 'minimal') continue; // ramping does not apply to Freeway
    const ours = runRandomPolicy({
      game: ref.game, stickyActionProb: ref.sticky_action_prob, difficultyRamping: ref.difficulty_ramping ?? true,
      actionSet: ref.action_set ?? 'full', episodes: ref.game === 'freeway' ? 1000 : 5000, seed: ref.seed, policySeed: ref.seed + 1,
    });
    const label = `${ref.game} ${ref.action_set} ramping=${String(ref.difficulty_ramping)}`;
    assert.ok(Math.abs(zScore(ours.returnMean, ours.returnSe, ref.return_mean, ref.return_se)) <= 4, `return ${ours.returnMean} vs ${ref.return_mean}, ${label}`);
    if (ref.game !== 'freeway') {
      assert.ok(Math.abs(zScore(ours.lengthMean, ours.lengthSe, ref.length_mean, ref.length_se)) <= 4, `length ${ours.lengthMean} vs ${ref.length_mean}, ${label}`);
    }
  }
});

test('zScore compares two means by their combined standard error', () => {
  assert.equal(zScore(1.3, 0.3, 1, 0.4), 0.6000000000000001);
  assert.equal(zScore(2, 0, 2, 0), 0);
  assert.equal(zScore(3, 0, 2, 0), Infinity);
});
