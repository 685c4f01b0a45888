import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';
import { Run } from '../../runs/run.js';
import { loadPolicy } from '../../envs/locm/agent/neural-agent.js';

async function quietly(fn: () => Promise<number>): Promise<[number, string]> {
  const out: string[] = [];
  const log = console.log, err = console.error;
  console.log = (s: string) => out.push(s);
  console.error = (s: string) => out.push(s);
  try {
    return [await fn(), out.join('\n')];
  } finally {
    console.log = log;
    console.error = err;
  }
}

test('ludus train locm trains the agent in a run folder, and resumes it to a larger budget', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-locm-'));
  const cfg = join(dir, 'cfg.json');
  writeFileSync(cfg, JSON.stringify({ gamesPerIteration: 8, evalGames: 4, evalEvery: 1, evalOpponents: ['random'] }));
  const [code, text] = await quietly(() => main(['train', 'locm', '--version', '1.2', '--games', '8', '--dir', dir, '--name', 'a', '--config', cfg]));
  assert.equal(code, 0, text);
  assert.match(text, /play it: ludus locm bot --agent .*step-0000000008\.safetensors --version 1\.2/);
  const run = Run.open('a', dir);
  assert.ok(existsSync(run.curvePath));
  run.info.config.games = 16;
  writeFileSync(join(run.dir, 'config.json'), JSON.stringify(run.info));
  const [code2] = await quietly(() => main(['train', 'locm', '--name', 'a', '--dir', dir, '--resume']));
  assert.equal(code2, 0);
  assert.equal(Run.open('a', dir).loadLatestCheckpoint()!.step, 16);
  const [code3, text3] = await quietly(() => main(['train', 'locm', 'CartPole-v1']));
  assert.equal(code3, 2);
  assert.match(text3, /'train locm' takes no environment/);
});

test('ludus train locm --warm-start greedy --lookahead clones the teacher into the run folder, starts RL from it, and a resume reuses it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-locm-warm-'));
  const cfg = join(dir, 'cfg.json');
  writeFileSync(cfg, JSON.stringify({ gamesPerIteration: 4, evalGames: 2, evalEvery: 1, evalOpponents: ['random'], policy: { cardHidden: 16, cardDim: 8, creatureDim: 4, playerDim: 4, trunk: [16], lstm: 8, buildHidden: 8 } }));
  const args = ['train', 'locm', '--version', '1.2', '--games', '4', '--dir', dir, '--name', 'w', '--config', cfg, '--warm-start', 'greedy', '--imitation-games', '3', '--lookahead'];
  const [code, text] = await quietly(() => main(args));
  assert.equal(code, 0, text);
  assert.match(text, /warm start: cloning greedy from 3 games/);
  assert.match(text, /warm start: DAgger round 2: recorded 2\/2 games/);
  const run = Run.open('w', dir), file = join(run.dir, 'warm-start.safetensors');
  assert.ok(existsSync(file));
  assert.equal((run.info.config.warmStart as { games: number }).games, 3);
  assert.equal((run.info.config.warmStart as { daggerGames: number }).daggerGames, 2);
  assert.equal(loadPolicy(file).config.lookahead, true);
  assert.equal((run.info.config.resolved as { policy: { lookahead?: boolean } }).policy.lookahead, true);
  run.info.config.games = 8;
  writeFileSync(join(run.dir, 'config.json'), JSON.stringify(run.info));
  const [code2, text2] = await quietly(() => main(['train', 'locm', '--name', 'w', '--dir', dir, '--resume']));
  assert.equal(code2, 0, text2);
  assert.doesNotMatch(text2, /warm start: cloning/);
  const [code5, text5] = await quietly(() => main(['train', 'locm', '--name', 'w', '--dir', dir, '--resume', '--lookahead']));
  assert.equal(code5, 2);
  assert.match(text5, /--lookahead chooses the policy of a new run/);
  const [code3, text3] = await quietly(() => main(['train', 'locm', '--imitation-games', '3', '--dir', dir]));
  assert.equal(code3, 2);
  assert.match(text3, /--imitation-games needs --warm-start/);
  const [code4, text4] = await quietly(() => main(['train', 'locm', '--warm-start', 'nobody', '--dir', dir]));
  assert.equal(code4, 2);
  assert.match(text4, /--warm-start: .*unknown LOCM agent "nobody"/);
});
