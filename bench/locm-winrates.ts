// LOCM baseline win-rate table: Baseline1, Baseline2, greedy and random against each other in
// both versions, both seat orders (each seed is played twice with the seats swapped), fresh
// seeds per pair, 95% Wilson intervals. Games run in-process on the engine (LocmRunner); with
// --referee they go through the referee's text path instead (LocmMatch inputs, BotSession
// answers), which gives the same games, only slower. Work is split over worker threads.
// Usage: npm run bench:locm-winrates [-- --games 1000] [-- --workers 2] [-- --referee]   (or LOCM_GAMES=200)
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { deriveSeed } from '../src/core/rng.js';
import { spawnWorker } from '../src/core/worker.js';
import type { Version } from '../src/envs/locm/engine.js';
import { LocmMatch } from '../src/envs/locm/match.js';
import { LocmRunner } from '../src/envs/locm/play.js';
import { BotSession } from '../src/envs/locm/bot.js';
import { makeAgent } from '../src/envs/locm/agents/index.js';
import { wilsonInterval } from '../src/envs/locm/referee.js';

const AGENTS = ['baseline1', 'baseline2', 'greedy', 'random'] as const;
const VERSIONS: Version[] = ['1.2', '1.5'];
const ROOT_SEED = 20240521;

/** A slice of one pairing: seed pairs [from, to), each played with a in seat 0, then in seat 1. */
interface Job { version: Version; a: string; b: string; from: number; to: number; referee: boolean }
interface JobResult { job: Job; winsA: number; seat0Wins: number; games: number; turns: number }

function runJob(job: Job): JobResult {
  const runner = new LocmRunner(job.version);
  const a = makeAgent(job.a), b = makeAgent(job.b);
  let winsA = 0, seat0Wins = 0, games = 0, turns = 0;
  for (let i = job.from; i < job.to; i++) {
    const seed = deriveSeed(ROOT_SEED, job.version, job.a, job.b, i);
    for (const aSeat of [0, 1]) {
      const r = job.referee ? refereePlay(job.version, seed, aSeat === 0 ? [job.a, job.b] : [job.b, job.a]) : runner.play(seed, aSeat === 0 ? [a, b] : [b, a]);
      if (r.winner === aSeat) winsA++;
      if (r.winner === 0) seat0Wins++;
      games++;
      turns += r.turns;
    }
  }
  return { job, winsA, seat0Wins, games, turns };
}

/** One game through the text protocol, agents seeded as LocmRunner seeds them (seed, seed + 1). */
function refereePlay(version: Version, seed: number, names: readonly [string, string]): { winner: number; turns: number } {
  const match = new LocmMatch(version, { params: { seed: String(seed) } });
  const bots = [new BotSession(makeAgent(names[0]), version, seed >>> 0), new BotSession(makeAgent(names[1]), version, (seed + 1) >>> 0)];
  let turns = 0;
  while (match.awaiting >= 0) {
    if (match.phase === 'battle') turns++;
    match.submit(bots[match.awaiting].answer(match.inputLines()));
  }
  return { winner: match.winner, turns };
}

function option(name: string, env: string | undefined, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : env;
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`--${name} needs a positive whole number, got ${raw}`);
  return v;
}

async function main(): Promise<void> {
  const games = option('games', process.env.LOCM_GAMES, 1000);
  const workers = option('workers', undefined, Math.min(2, availableParallelism()));
  const referee = process.argv.includes('--referee');
  const seedPairs = Math.ceil(games / 2);
  const jobs: Job[] = [];
  const chunk = Math.max(25, Math.ceil(seedPairs / 8));
  for (const version of VERSIONS) {
    for (let i = 0; i < AGENTS.length; i++) {
      for (let j = i + 1; j < AGENTS.length; j++) {
        for (let from = 0; from < seedPairs; from += chunk) jobs.push({ version, a: AGENTS[i], b: AGENTS[j], from, to: Math.min(seedPairs, from + chunk), referee });
      }
    }
  }
  console.log(`LOCM win rates: ${2 * seedPairs} games per pair (both seat orders), ${referee ? 'through the referee text path' : 'on the engine'}, ${jobs.length} jobs on ${workers} worker threads`);
  const t0 = performance.now();
  const results: JobResult[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
    const w = spawnWorker(new URL(import.meta.url), { workerData: { worker: true } });
    const feed = (): void => {
      if (next < jobs.length) w.postMessage(jobs[next++]);
      else void w.terminate().then(() => resolve());
    };
    w.on('message', (r: JobResult) => {
      results.push(r);
      process.stdout.write(`\r${results.length}/${jobs.length} jobs`);
      feed();
    });
    w.on('error', reject);
    w.on('online', feed);
  })));
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write('\n');

  const figures: Record<string, number> = {};
  let totalGames = 0, totalTurns = 0;
  for (const version of VERSIONS) {
    const cell = new Map<string, { wins: number; games: number }>();
    let seat0 = 0, vGames = 0;
    for (const r of results.filter((x) => x.job.version === version)) {
      const key = `${r.job.a}|${r.job.b}`;
      const c = cell.get(key) ?? { wins: 0, games: 0 };
      c.wins += r.winsA;
      c.games += r.games;
      cell.set(key, c);
      seat0 += r.seat0Wins;
      vGames += r.games;
      totalGames += r.games;
      totalTurns += r.turns;
    }
    const rate = (a: string, b: string): { wins: number; games: number } => {
      const direct = cell.get(`${a}|${b}`);
      if (direct !== undefined) return direct;
      const other = cell.get(`${b}|${a}`)!;
      return { wins: other.games - other.wins, games: other.games };
    };
    console.log(`\n### LOCM ${version}: win rate of the row agent against the column agent (95% Wilson interval)\n`);
    console.log(`| | ${AGENTS.join(' | ')} |`);
    console.log(`|---|${AGENTS.map(() => '---').join('|')}|`);
    for (const a of AGENTS) {
      const cells = AGENTS.map((b) => {
        if (a === b) return '—';
        const { wins, games: n } = rate(a, b);
        const [lo, hi] = wilsonInterval(wins, n);
        return `${(100 * wins / n).toFixed(1)}% [${(100 * lo).toFixed(1)}, ${(100 * hi).toFixed(1)}]`;
      });
      console.log(`| ${a} | ${cells.join(' | ')} |`);
    }
    for (let i = 0; i < AGENTS.length; i++) {
      for (let j = i + 1; j < AGENTS.length; j++) {
        const { wins, games: n } = rate(AGENTS[i], AGENTS[j]);
        figures[`${version}_${AGENTS[i]}_vs_${AGENTS[j]}`] = Number((wins / n).toFixed(4));
      }
    }
    figures[`${version}_seat0_win_rate`] = Number((seat0 / vGames).toFixed(4));
    console.log(`\nseat 0 wins ${(100 * seat0 / vGames).toFixed(1)}% of ${vGames} LOCM ${version} games`);
  }
  figures.games_per_pair = 2 * seedPairs;
  figures.games = totalGames;
  figures.mean_battle_turns = Number((totalTurns / totalGames).toFixed(2));
  figures.seconds = Number(seconds.toFixed(1));
  figures.games_per_second = Math.round(totalGames / seconds);
  console.log(`\n${totalGames} games in ${seconds.toFixed(1)} s (${figures.games_per_second} games/s on ${workers} workers)`);
  console.log(JSON.stringify({ bench: 'locm-winrates', figures, targets: { games_per_pair: 1000 } }));
}

if (isMainThread) {
  await main();
} else if ((workerData as { worker?: boolean } | null)?.worker === true) {
  parentPort!.on('message', (job: Job) => parentPort!.postMessage(runJob(job)));
}
