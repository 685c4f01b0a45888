import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedFile, skipUnlessShared } from '../../testing/shared.js';
import { parseRecordedMatch } from './dataset.js';
import { replayRecordedMatch } from './replay.js';
import { draftTriples } from './match.js';

for (const version of ['1.2', '1.5'] as const) {
  const rel = `locm/data/consistency-dataset-v${version}.txt`;
  test(`replays all 100 recorded LOCM ${version} referee matches exactly (inputs, summaries, winners)`, { skip: skipUnlessShared(rel) }, () => {
    const lines = readFileSync(sharedFile(rel)!, 'utf8').split('\n').filter((l) => l.trim() !== '');
    assert.equal(lines.length, 100);
    const failures: string[] = [];
    lines.forEach((line, i) => {
      const m = replayRecordedMatch(version, parseRecordedMatch(line));
      if (m !== null) failures.push(`match ${i + 1}: ${m.kind} mismatch, player ${m.player}, block ${m.block}: ${m.message}`);
    });
    assert.deepEqual(failures, [], `${100 - failures.length}/100 matched`);
  });
}

test('a corrupted recording is reported with the first differing line', { skip: skipUnlessShared('locm/data/consistency-dataset-v1.2.txt') }, () => {
  const line = readFileSync(sharedFile('locm/data/consistency-dataset-v1.2.txt')!, 'utf8').split('\n')[0];
  const rec = parseRecordedMatch(line);
  rec.inputs[0][31][0] = '29 2 24 25 1';
  const m = replayRecordedMatch('1.2', rec);
  assert.ok(m !== null);
  assert.equal(m.kind, 'input');
  assert.equal(m.block, 31);
  assert.match(m.message, /line 1: engine "30 2 24 25 1", recorded "29 2 24 25 1"/);
  const rec2 = parseRecordedMatch(line);
  rec2.outputs[1][40] = 'PASS';
  assert.notEqual(replayRecordedMatch('1.2', rec2), null);
});

test('the 1.2 draft for draftChoicesSeed=1 matches the documented triples', () => {
  const t = draftTriples(1);
  assert.deepEqual(t.slice(0, 3).map((x) => x.map((c) => c.id)), [[129, 135, 64], [116, 60, 30], [139, 129, 61]]);
  for (const x of t) assert.equal(new Set(x.map((c) => c.id)).size, 3);
});
