import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../core/rng.js';
import { LocmRunner } from '../play.js';
import { ActionList, GreedyAgent, makeAgent } from '../agents/index.js';
import { LocmGame } from '../engine.js';
import { NUM_BATTLE_ACTIONS } from '../env.js';
import { ImitationError, LabelledStudent, RecordingTeacher, cloneTeacher, imitationLosses, imitationPolicy, recordStudentGames, recordTeacherGames, resolveImitationConfig } from './imitation.js';
import { BUILD_STEPS, LocmPolicy, policyConfig } from './policy.js';

const TINY = { cardHidden: 16, cardDim: 8, creatureDim: 4, playerDim: 4, trunk: [16], lstm: 8, buildHidden: 8 };

for (const version of ['1.2', '1.5'] as const) {
  test(`LOCM ${version}: every recorded teacher decision (greedy steps, baseline2's listed turns) is legal under its recorded mask`, () => {
    for (const teacher of ['greedy', 'baseline2']) {
      const demos = recordTeacherGames(resolveImitationConfig(version, { teacher, games: 4, opponents: [teacher, 'random'] }));
      assert.equal(demos.length, 6);
      for (const d of demos) {
        assert.ok(d.length > BUILD_STEPS);
        for (let t = 0; t < d.length; t++) assert.equal(d.masks[t * NUM_BATTLE_ACTIONS + d.actions[t]], 1, `decision ${t}`);
        assert.equal(d.candRows, version === '1.2' ? BUILD_STEPS : 1);
        assert.ok(d.outcome === 1 || d.outcome === -1);
        // Each turn ends with PASS: a seat that lost never ended its last turn on another action.
        if (d.outcome === -1) assert.equal(d.actions[d.length - 1], 0);
      }
    }
  });
}

test('a teacher choice outside the legal mask is an ImitationError naming the decision', () => {
  class Bad extends GreedyAgent {
    override draft(): number { return 3; }
  }
  const runner = new LocmRunner('1.2'), rec = new RecordingTeacher(new Bad(), '1.2');
  rec.label = 'test game';
  assert.throws(() => runner.play(1, [rec, makeAgent('random')]), (e: unknown) => e instanceof ImitationError && /test game, decision 0: .*draft pick 3 of 3 is not in the legal mask/.test(e.message));
});

test('the recorded play is the teacher\'s own: the same games as the unrecorded teacher (step and list-playing teachers)', () => {
  const a = new LocmRunner('1.5'), b = new LocmRunner('1.5');
  for (const teacher of ['greedy', 'baseline2']) {
    for (let seed = 0; seed < 4; seed++) {
      const seat = seed & 1, rec = new RecordingTeacher(makeAgent(teacher), '1.5');
      const r1 = a.play(seed, seat === 0 ? [rec, makeAgent('baseline1')] : [makeAgent('baseline1'), rec]);
      const r2 = b.play(seed, seat === 0 ? [makeAgent(teacher), makeAgent('baseline1')] : [makeAgent('baseline1'), makeAgent(teacher)]);
      assert.deepEqual(r1, r2);
    }
  }
  // Through `battle` (a scratch copy stepped, the referee's path) the teacher plays the same turns.
  const positions: LocmGame[] = [];
  class Capture extends GreedyAgent {
    override step(game: LocmGame, out: Int32Array): void {
      if (positions.length < game.turn / 4) { const g = new LocmGame('1.2'); g.copyFrom(game); positions.push(g); }
      super.step(game, out);
    }
  }
  new LocmRunner('1.2').play(5, [new Capture(), makeAgent('baseline1')]);
  assert.ok(positions.length >= 2);
  const rec = new RecordingTeacher(new GreedyAgent(), '1.2'), direct = new ActionList(), recorded = new ActionList();
  let acted = 0;
  for (const g of positions) {
    direct.clear(); recorded.clear();
    new GreedyAgent().battle(g, direct);
    rec.battle(g, recorded);
    assert.equal(recorded.toLine(), direct.toLine());
    if (direct.length > 0) acted++;
  }
  assert.ok(acted > 0, 'some captured turn has actions');
});

test('cloning a handful of games lowers the cross-entropy of the teacher\'s actions', () => {
  const config = resolveImitationConfig('1.2', { games: 4, epochs: 20, minibatchTrajectories: 3, lr: 1e-2, policy: TINY });
  const demos = recordTeacherGames(config);
  const policy = new LocmPolicy(policyConfig('1.2', TINY), new Rng(3));
  const before = imitationLosses(policy, demos);
  const history = cloneTeacher(policy, demos, config);
  const after = imitationLosses(policy, demos);
  assert.equal(history.length, 20);
  assert.ok(after.crossEntropy < 0.8 * before.crossEntropy, `${before.crossEntropy} → ${after.crossEntropy}`);
  assert.throws(() => cloneTeacher(new LocmPolicy(policyConfig('1.5', TINY), new Rng(3)), demos, config), ImitationError);
});

for (const version of ['1.2', '1.5'] as const) {
  test(`LOCM ${version} DAgger: the student's positions are labelled with the teacher's legal choices`, () => {
    const config = resolveImitationConfig(version, { daggerGames: 3, opponents: ['greedy', 'baseline1'], policy: TINY });
    const policy = new LocmPolicy(policyConfig(version, TINY), new Rng(4));
    const demos = recordStudentGames(policy, config, 1);
    assert.equal(demos.length, 5, "self-play games record both seats");
    for (const d of demos) {
      for (let t = 0; t < d.length; t++) assert.equal(d.masks[t * NUM_BATTLE_ACTIONS + d.actions[t]], 1, `decision ${t}`);
      if (version === '1.5') {
        // Whatever the untrained student takes first, the teacher's best card stays the label for its second copy.
        assert.equal(d.actions[0], d.actions[1]);
      }
    }
    assert.throws(() => new LabelledStudent(policy, makeAgent('baseline2')), /DAgger needs a teacher that decides one battle action at a time/);
  });
}

test('imitation is deterministic given the seed', () => {
  const run = (seed: number): Float32Array[] => {
    const { policy } = imitationPolicy(resolveImitationConfig('1.5', { seed, games: 2, epochs: 2, minibatchTrajectories: 2, daggerRounds: 1, daggerGames: 1, policy: TINY }));
    return policy.parameters().map((p) => Float32Array.from(p.data));
  };
  const a = run(7);
  assert.deepEqual(run(7), a);
  assert.notDeepEqual(run(8), a);
});

test('imitation settings are checked', () => {
  assert.throws(() => resolveImitationConfig('1.5', { teacher: 'nobody' }), /unknown LOCM agent "nobody"/);
  assert.throws(() => resolveImitationConfig('1.5', { games: 0 }), ImitationError);
  assert.throws(() => resolveImitationConfig('1.5', { opponents: [] }), ImitationError);
});
