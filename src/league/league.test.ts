import { test } from 'node:test';
import assert from 'node:assert/strict';
import { League, samplingWeights, type LeagueConfig } from './league.js';
import { osfpConfig, selfPlayConfig, uniformFspConfig } from './presets.js';
import { LeagueError } from './errors.js';

/** A league with `n` members admitted, every period forced (c = 0) unless the config says otherwise. */
function withMembers(config: LeagueConfig, n: number, seed = 1): League<string> {
  const league = new League<string>({ ...config, maxWaitPeriods: 0 }, seed);
  for (let i = 0; i < n; i++) league.endPeriod(() => `m${i}`);
  return restoreWith(league, config);
}

/** Same pool and results, but with `config` (so tests can use any c after building the pool). */
function restoreWith(league: League<string>, config: LeagueConfig): League<string> {
  const json = league.toJSON();
  const fresh = new League<string>(config, 0).toJSON();
  return League.fromJSON<string>({ ...json, config: fresh.config });
}

/** Asserts observed counts match probabilities within 5 binomial standard deviations each. */
function assertFrequencies(counts: number[], probs: ArrayLike<number>, draws: number): void {
  for (let i = 0; i < counts.length; i++) {
    const sd = Math.sqrt(draws * probs[i] * (1 - probs[i]));
    assert.ok(Math.abs(counts[i] - draws * probs[i]) <= 5 * sd + 1e-9, `outcome ${i}: ${counts[i]} draws, expected ${draws * probs[i]} ± ${5 * sd}`);
  }
}

test('sampling weights follow uniform, pfsp (1 − ŵ)^q and softmax exp(−ŵ/T)', () => {
  const w = [0.2, 0.5, 0.9];
  assert.deepEqual(Array.from(samplingWeights({ kind: 'uniform' }, w)), [1 / 3, 1 / 3, 1 / 3]);
  const pf = samplingWeights({ kind: 'pfsp', q: 2 }, w);
  const raw = w.map((x) => (1 - x) ** 2);
  const total = raw.reduce((a, b) => a + b);
  raw.forEach((r, i) => assert.ok(Math.abs(pf[i] - r / total) < 1e-12));
  const sm = samplingWeights({ kind: 'softmax', temperature: 0.1 }, w);
  const e = w.map((x) => Math.exp(-x / 0.1));
  const et = e.reduce((a, b) => a + b);
  e.forEach((r, i) => assert.ok(Math.abs(sm[i] - r / et) < 1e-12));
  // pfsp against members all beaten for sure: every weight would be 0, so it falls back to uniform.
  assert.deepEqual(Array.from(samplingWeights({ kind: 'pfsp', q: 2 }, [1, 1])), [0.5, 0.5]);
});

test('opponent frequencies match p and the configured f within statistical bounds', () => {
  for (const sampling of [{ kind: 'uniform' as const }, { kind: 'pfsp' as const, q: 2 }, { kind: 'softmax' as const, temperature: 0.2 }]) {
    const league = withMembers(osfpConfig({ selfPlayProb: 0.3, sampling, maxWaitPeriods: Infinity }), 4, 7);
    // Synthetic results: the learner wins 90%, 60%, 30% and 10% of 100 games against members 0..3.
    [0.9, 0.6, 0.3, 0.1].forEach((rate, i) => league.record(i, rate * 100, 100));
    const probs = league.opponentProbabilities();
    assert.ok(Math.abs(probs.learner + probs.members.reduce((a, b) => a + b) - 1) < 1e-12);
    if (sampling.kind !== 'uniform') assert.ok(probs.members[3] > probs.members[0], 'f favours the members the learner loses to');
    const draws = 40_000;
    const counts = [0, 0, 0, 0, 0];
    for (let k = 0; k < draws; k++) {
      const o = league.sampleOpponent();
      counts[o.kind === 'learner' ? 4 : o.index]++;
    }
    assertFrequencies(counts, [...probs.members, probs.learner], draws);
  }
});

test('win-rate estimates use the score convention and the prior pseudo-games', () => {
  const pm = withMembers(osfpConfig({ score: 'plusMinus', priorGames: 2, maxWaitPeriods: Infinity }), 2);
  pm.record(0, 6, 10); // 8 wins, 2 losses
  const w = pm.winRates();
  assert.ok(Math.abs(w[0] - (8 + 1) / 12) < 1e-12);
  assert.equal(w[1], 0.5, 'a member without games gets the neutral prior');
  assert.throws(() => pm.record(1, 3, 2), LeagueError, 'a score sum above +1 per game is refused');
  assert.throws(() => pm.record(5, 1), LeagueError);
});

test('admission happens exactly when every G_i/C_i > ξ or more than c periods have passed', () => {
  const league = new League<number>(osfpConfig({ admitThreshold: 0.55, maxWaitPeriods: 2 }), 3);
  let out = league.endPeriod(() => 0);
  assert.equal(out.admitted, 'empty');
  // Period 1: 60% against the only member → above ξ.
  league.record(0, 6, 10);
  out = league.endPeriod(() => 1);
  assert.equal(out.admitted, 'threshold');
  assert.equal(league.size, 2);
  // Period 2: above ξ against member 0 but exactly ξ against member 1 → not strictly greater.
  league.record(0, 7, 10);
  league.record(1, 5.5, 10);
  assert.equal(league.endPeriod(() => 2).admitted, null);
  // Period 3: a member without games is not beaten.
  league.record(0, 9, 10);
  assert.equal(league.endPeriod(() => 3).admitted, null);
  assert.equal(league.periodsSinceAdmission, 2);
  // Period 4: the third period without admission exceeds c = 2 → forced.
  out = league.endPeriod(() => 4);
  assert.equal(out.admitted, 'forced');
  assert.deepEqual(league.members.map((m) => m.snapshot), [0, 1, 4]);
  assert.deepEqual(league.members.map((m) => m.period), [0, 1, 4]);
  assert.deepEqual(league.results().map((r) => r.games), [0, 0, 0], 'results are reset on admission');
});

test('results reset every period, or only on admission, as configured', () => {
  for (const resetResults of ['everyPeriod', 'onAdmission'] as const) {
    const league = new League<number>(osfpConfig({ resetResults, maxWaitPeriods: 5 }), 3);
    league.endPeriod(() => 0);
    league.record(0, 0, 4);
    league.endPeriod(() => 1);
    assert.equal(league.results()[0].games, resetResults === 'everyPeriod' ? 0 : 4);
  }
});

test('presets: self-play always picks the learner, uniform FSP never does and admits every period', () => {
  const sp = new League<number>(selfPlayConfig(), 5);
  const fsp = new League<number>(uniformFspConfig(), 5);
  for (let period = 0; period < 6; period++) {
    for (let k = 0; k < 200; k++) {
      assert.equal(sp.sampleOpponent().kind, 'learner');
      const o = fsp.sampleOpponent();
      assert.equal(o.kind, period === 0 ? 'learner' : 'member', 'only an empty pool makes FSP play itself');
    }
    assert.notEqual(sp.endPeriod(() => period).admitted, null);
    assert.notEqual(fsp.endPeriod(() => period).admitted, null);
  }
  assert.equal(fsp.size, 6);
  assert.equal(sp.size, 6);
  const counts = new Array<number>(6).fill(0);
  for (let k = 0; k < 30_000; k++) {
    const o = fsp.sampleOpponent();
    if (o.kind === 'member') counts[o.index]++;
  }
  assertFrequencies(counts, new Array<number>(6).fill(1 / 6), 30_000);
});

test('same seed gives the same opponents; a JSON checkpoint resumes the same stream', () => {
  const run = (league: League<string>, n: number): string => {
    let s = '';
    for (let k = 0; k < n; k++) {
      const o = league.sampleOpponent();
      s += o.kind === 'learner' ? 'L' : String(o.index);
    }
    return s;
  };
  const a = withMembers(osfpConfig(), 3, 11);
  const b = withMembers(osfpConfig(), 3, 11);
  a.record(1, 2, 10);
  b.record(1, 2, 10);
  assert.equal(run(a, 300), run(b, 300));
  assert.notEqual(run(withMembers(osfpConfig(), 3, 12), 300), run(withMembers(osfpConfig(), 3, 11), 300));
  const restored = League.fromJSON<string>(JSON.parse(JSON.stringify(a.toJSON())) as ReturnType<typeof a.toJSON>);
  assert.equal(run(restored, 500), run(a, 500));
  assert.deepEqual(restored.results(), a.results());
  const sp = League.fromJSON<string>(JSON.parse(JSON.stringify(new League<string>(selfPlayConfig(), 1).toJSON())) as ReturnType<typeof a.toJSON>);
  assert.equal(sp.config.admitThreshold, Infinity, 'infinite ξ survives JSON');
});

test('bad configurations and checkpoints are refused with a LeagueError', () => {
  assert.throws(() => new League(osfpConfig({ selfPlayProb: 1.5 }), 0), LeagueError);
  assert.throws(() => new League(osfpConfig({ maxWaitPeriods: 1.5 }), 0), LeagueError);
  assert.throws(() => new League(osfpConfig({ sampling: { kind: 'softmax', temperature: 0 } }), 0), LeagueError);
  const json = new League<number>(osfpConfig(), 0).toJSON();
  assert.throws(() => League.fromJSON({ ...json, format: 'other' as 'ludus-league/1' }), LeagueError);
});
