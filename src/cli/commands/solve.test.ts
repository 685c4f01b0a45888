import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';

test('ludus solve kuhn prints the exploitability and writes its plot', async () => {
  const out: string[] = [];
  const log = console.log, err = console.error;
  console.log = (s: string) => out.push(s);
  console.error = (s: string) => out.push(s);
  const plot = join(mkdtempSync(join(tmpdir(), 'ludus-solve-')), 'kuhn.svg');
  try {
    assert.equal(await main(['solve', 'kuhn', '--algo', 'cfr', '--iterations', '300', '--plot', plot]), 0);
    assert.equal(await main(['solve', 'chess']), 1);
  } finally {
    console.log = log;
    console.error = err;
  }
  const text = out.join('\n');
  const nashConv = Number(/NashConv ([\d.e+-]+), exploitability/.exec(text)![1]);
  assert.ok(nashConv < 0.02, `CFR after 300 iterations should be near equilibrium, NashConv ${nashConv}`);
  assert.match(text, /values -0\.05\d+, 0\.05\d+/); // the game value −1/18 for the first player
  assert.match(text, /unknown game 'chess'/);
  assert.match(readFileSync(plot, 'utf8'), /<svg[\s\S]*<\/svg>/);
});
