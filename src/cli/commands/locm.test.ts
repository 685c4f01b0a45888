import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';
import { readReplay } from '../../envs/locm/replay-json.js';

test('ludus locm referee plays in-process agents, reports wins and writes the log and replay', async (t) => {
  const logs: string[] = [];
  t.mock.method(console, 'log', (s: string) => { logs.push(s); });
  const dir = mkdtempSync(join(tmpdir(), 'ludus-locm-cli-'));
  const code = await main(['locm', 'referee', '--version', '1.2', '--p1', 'agent:greedy', '--p2', 'agent:random@3', '--games', '4', '--swap', '--log', join(dir, 'log.txt')]);
  assert.equal(code, 0);
  assert.equal(readFileSync(join(dir, 'log.txt'), 'utf8').trim().split('\n').length, 4);
  assert.match(logs.join('\n'), /game 2: seed 1, p1 in seat 1/);
  assert.match(logs.join('\n'), /p1: \d wins \(\d+\.\d%\) {2}95% CI/);
  assert.equal(await main(['locm', 'referee', '--version', '1.5', '--p1', 'agent:baseline2', '--p2', 'agent:pass', '--replay', join(dir, 'r.json')]), 0);
  assert.equal(readReplay(join(dir, 'r.json')).winner, 0);
});

test('ludus locm usage mistakes name the problem', async (t) => {
  const errors: string[] = [];
  t.mock.method(console, 'error', (s: string) => { errors.push(s); });
  assert.equal(await main(['locm', 'bot', '--agent', 'greedy', '--p1', 'x', '--version', '1.2']), 2);
  assert.match(errors.at(-1) ?? '', /--p1 does not apply to 'bot'/);
  assert.equal(await main(['locm', 'referee', '--p1', 'a', '--p2', 'b']), 2);
  assert.match(errors.at(-1) ?? '', /--version 1.2 or --version 1.5 is required/);
  assert.equal(await main(['locm', 'fight']), 2);
  assert.match(errors.at(-1) ?? '', /unknown action 'fight'/);
  assert.equal(await main(['locm', 'bot', '--agent', 'nobody', '--version', '1.5']), 1);
  assert.match(errors.at(-1) ?? '', /unknown LOCM agent "nobody"/);
});
