import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Version } from './engine.js';
import { parseRecordedMatch } from './dataset.js';
import { replayRecordedMatch } from './replay.js';
import { simulateReplay } from './replay-json.js';
import { AgentPlayer, ProcessPlayer, refereeGame, runSeries, toReplay, wilsonInterval, type RefereePlayer, type TimeLimits } from './referee.js';

const BIN = fileURLToPath(new URL('../../cli/bin.ts', import.meta.url));
const botCommand = (agent: string, version: Version, extra = ''): string => `node --import tsx ${BIN} locm bot --agent ${agent} --version ${version} --echo ${extra}`;
// Generous limits: a bot started through tsx needs a while for its first answer on a busy machine.
const SLOW: TimeLimits = { firstDraftMs: 20000, draftMs: 5000, constructedMs: 20000, firstTurnMs: 5000, turnMs: 5000 };

for (const [version, a, b] of [['1.2', 'baseline2', 'greedy'], ['1.5', 'baseline1', 'random']] as const) {
  test(`LOCM ${version}: child-process bots play exactly the in-process game, and the log replays`, async () => {
    const seed = 11;
    const child = await refereeGame(
      [new ProcessPlayer('a', botCommand(a, version, '--seed 3')), new ProcessPlayer('b', botCommand(b, version, '--seed 4'))],
      { version, params: { seed: String(seed) }, limits: SLOW },
    );
    const local = await refereeGame([new AgentPlayer('a', a, version, 3), new AgentPlayer('b', b, version, 4)], { version, params: { seed: String(seed) } });
    assert.equal(child.failure, null);
    assert.deepEqual(child.summary, local.summary);
    assert.deepEqual(child.turns.map((t) => t.line), local.turns.map((t) => t.line));
    assert.equal(child.winner, local.winner);
    // The log is in the recorded-match format: the echoed inputs and answers replay on the engine.
    const rec = parseRecordedMatch(child.logLine);
    assert.equal(rec.inputs[0].length, rec.outputs[0].length);
    assert.equal(replayRecordedMatch(version, rec), null);
    // The JSON replay re-simulates to the same end.
    assert.equal(simulateReplay(toReplay(version, [a, b], child)).length, child.turns.length);
  });
}

/** Whether a process runs: a killed orphan may linger as a zombie where PID 1 does not reap. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const status = `/proc/${pid}/status`;
  return !(existsSync(status) && /^State:\s+[ZX]/m.test(readFileSync(status, 'utf8')));
}

/** Whether a process is gone within `ms`: a SIGKILLed process may take a moment to finish dying. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; running(pid); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > end) return false;
  }
  return true;
}

const FAST: TimeLimits = { firstDraftMs: 400, draftMs: 400, constructedMs: 400, firstTurnMs: 400, turnMs: 400 };

test('garbage output, a crash and a hang each lose with a clear reason; the other bot wins', async () => {
  const good = 'agent:baseline2';
  const garbage = await runSeries({ version: '1.5', p1: 'while read -r l; do echo "BUILD 3 stuff"; done', p2: good, seed: 1, games: 1, swap: false });
  assert.deepEqual(garbage.wins, [0, 1]);
  assert.equal(garbage.failures[0].malformed, 1);

  const crash = await refereeGame([new AgentPlayer('ok', 'baseline2', '1.2', 0), new ProcessPlayer('crash', 'echo "dying" >&2; exit 3')], { version: '1.2', params: { seed: '2' }, limits: FAST });
  assert.equal(crash.winner, 0);
  assert.equal(crash.failure?.kind, 'crash');
  assert.match(crash.failure?.message ?? '', /exited with code 3.*dying/);
  assert.deepEqual(crash.scores, [0, -1]);

  // The hanging bot leaves a background sleeper, detached from the pipes so that the referee cannot
  // wait for it by accident; killing the process group must take it too.
  const dir = mkdtempSync(join(tmpdir(), 'ludus-referee-'));
  const pidFile = join(dir, 'pid');
  const hang = await refereeGame([new ProcessPlayer('hang', `sleep 30 </dev/null >/dev/null 2>&1 & echo $! > ${pidFile}; wait`), new AgentPlayer('ok', 'greedy', '1.2', 0)], { version: '1.2', params: { seed: '3' }, limits: FAST });
  assert.equal(hang.winner, 1);
  assert.equal(hang.failure?.kind, 'timeout');
  assert.match(hang.summary.at(-1) ?? '', /^\$0: Timeout: no answer within 400 ms/);
  // The sleeper would live 30 s on its own; killed with the group, it is gone within moments.
  assert.ok(await goneWithin(Number(readFileSync(pidFile, 'utf8')), 3000), 'the background sleeper was killed');
});

test('a malformed battle line loses; illegal actions are only skipped', async () => {
  const deck = new AgentPlayer('deck', 'pass', '1.5', 0);
  let calls = 0;
  // Builds its deck like the pass agent (call 1), then answers in lower case in battle.
  const lowerCase: RefereePlayer = {
    label: 'lower', takeStderr: () => '', close: () => Promise.resolve(),
    ask: (lines) => (++calls === 1 ? deck.ask(lines) : Promise.resolve('attack 1 -1')),
  };
  const bad = await refereeGame([lowerCase, new AgentPlayer('b2', 'baseline2', '1.5', 0)], { version: '1.5', params: { seed: '5' } });
  assert.equal(bad.winner, 1);
  assert.equal(bad.failure?.kind, 'malformed');
  assert.match(bad.failure?.message ?? '', /Invalid action name "attack"/);
  const skipped = await refereeGame([new AgentPlayer('b2', 'baseline2', '1.2', 0), new AgentPlayer('b2', 'baseline2', '1.2', 0)], { version: '1.2', params: { seed: '5' } });
  assert.ok(skipped.illegal[0] + skipped.illegal[1] > 0, 'Baseline2 emits illegal candidate actions');
  assert.equal(skipped.failure, null);
});

test('Wilson intervals', () => {
  const [lo, hi] = wilsonInterval(50, 100);
  assert.ok(Math.abs(lo - 0.4038) < 1e-3 && Math.abs(hi - 0.5962) < 1e-3);
  assert.deepEqual(wilsonInterval(0, 10).map((x) => Number(x.toFixed(4))), [0, 0.2775]);
});
