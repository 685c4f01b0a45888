// LOCM benchmark: full random-vs-random games per second (deck building included: the 1.2 draft
// or the 1.5 card generation and constructed phase, then the battle) for 1.2 and 1.5, on one
// core and across worker threads, plus battle turns per second and env-view steps per second.
// Compared with gym-locm's figures on this machine (issue #5). Each one-core figure is measured
// in its own worker so that the two versions never share JIT feedback.
// Usage: npm run bench:locm [-- --seconds 3] [-- --workers N]

import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Rng } from '../src/core/rng.js';
import { spawnWorker } from '../src/core/worker.js';
import { RandomAgent } from '../src/envs/locm/agents/random.js';
import type { Version } from '../src/envs/locm/engine.js';
import { LocmEnv, NUM_BATTLE_ACTIONS } from '../src/envs/locm/env.js';
import { LocmRunner } from '../src/envs/locm/play.js';

/** gym-locm random-vs-random games/s on this machine (issue #5): low and high ends of the range. */
const GYM_LOCM_GAMES_PER_SECOND: Record<Version, [number, number]> = { '1.2': [430, 1070], '1.5': [55, 60] };
const TARGET_FACTOR = 30;

interface Job { kind: 'games' | 'env'; version: Version; seconds: number; seedBase: number }
/** `cpuSeconds`: process CPU time over the round; with the main thread idle it is the worker's. */
interface Result { games: number; turns: number; steps: number; seconds: number; cpuSeconds: number }

/** Random-vs-random games through the engine runner: best of three timed rounds after a warm-up. */
function measureGames(job: Job): Result {
  const runner = new LocmRunner(job.version);
  const agents = [new RandomAgent(), new RandomAgent()] as const;
  let best: Result = { games: 0, turns: 0, steps: 0, seconds: 1, cpuSeconds: 1 };
  let seed = job.seedBase;
  for (let round = 0; round < 4; round++) {
    let games = 0, turns = 0, steps = 0;
    const t0 = performance.now(), c0 = process.cpuUsage();
    let elapsed = 0;
    while (elapsed < (job.seconds * 1000) / 4) {
      for (let i = 0; i < 50; i++) {
        const r = runner.play(seed++, agents);
        games++; turns += r.turns; steps += r.actions;
      }
      elapsed = performance.now() - t0;
    }
    const c = process.cpuUsage(c0);
    const res = { games, turns, steps, seconds: elapsed / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
    // Round 0 is warm-up (JIT tiers).
    if (round > 0 && res.games / res.seconds > best.games / best.seconds) best = res;
  }
  return best;
}

/** Whole games through the TurnBasedEnv view: mask, observation and a uniformly random legal action per step. */
function measureEnv(job: Job): Result {
  const env = new LocmEnv({ version: job.version });
  const rng = new Rng(job.seedBase);
  const mask = new Uint8Array(NUM_BATTLE_ACTIONS);
  const legal = new Int32Array(NUM_BATTLE_ACTIONS);
  const obs = new Float32Array(env.spec.observationSize);
  let best: Result = { games: 0, turns: 0, steps: 0, seconds: 1, cpuSeconds: 1 };
  for (let round = 0; round < 4; round++) {
    let games = 0, steps = 0;
    const t0 = performance.now(), c0 = process.cpuUsage();
    let elapsed = 0;
    while (elapsed < (job.seconds * 1000) / 4) {
      env.reset({ seed: job.seedBase + games + 100_000 * round });
      while (!env.terminated()) {
        env.legalActions(mask);
        env.observe(env.currentPlayer(), obs);
        let n = 0;
        for (let a = 0; a < NUM_BATTLE_ACTIONS; a++) if (mask[a]) legal[n++] = a;
        env.step(legal[rng.int(n)]);
        steps++;
      }
      games++;
      elapsed = performance.now() - t0;
    }
    const c = process.cpuUsage(c0);
    const res = { games, turns: 0, steps, seconds: elapsed / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
    if (round > 0 && res.steps / res.seconds > best.steps / best.seconds) best = res;
  }
  return best;
}

function inWorker(job: Job): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(new URL(import.meta.url), { workerData: job });
    worker.once('message', (r: Result) => { resolve(r); void worker.terminate(); });
    worker.once('error', reject);
  });
}

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const seconds = argValue('seconds', 4);
  const workers = argValue('workers', availableParallelism());
  const figures: Record<string, number> = {};
  const targets: Record<string, number> = {};
  console.log(`LOCM random-vs-random, ${seconds} s per figure, ${availableParallelism()} cores visible.`);
  console.log('Timings on a shared machine are noisy: other processes may take cores during a run.\n');
  for (const version of ['1.2', '1.5'] as const) {
    const one = await inWorker({ kind: 'games', version, seconds, seedBase: 1 });
    const gps = one.games / one.seconds;
    const gpcs = one.games / one.cpuSeconds;
    const tps = one.turns / one.seconds;
    const results = await Promise.all(Array.from({ length: workers }, (_, w) => inWorker({ kind: 'games', version, seconds, seedBase: 1 + w * 10_000_000 })));
    const parallel = results.reduce((sum, r) => sum + r.games / r.seconds, 0);
    const env = await inWorker({ kind: 'env', version, seconds, seedBase: 7 });
    const [gymLow, gymHigh] = GYM_LOCM_GAMES_PER_SECOND[version];
    const key = version.replace('.', '');
    console.log(`LOCM ${version}`);
    console.log(`  one core:        ${gps.toFixed(0).padStart(8)} games/s   ${tps.toFixed(0).padStart(9)} turns/s   ${(one.turns / one.games).toFixed(1)} turns/game`);
    console.log(`  one core (CPU):  ${gpcs.toFixed(0).padStart(8)} games per CPU-second (less sensitive to other processes)`);
    console.log(`  ${String(workers).padStart(2)} workers:      ${parallel.toFixed(0).padStart(8)} games/s`);
    console.log(`  env view:        ${(env.games / env.seconds).toFixed(0).padStart(8)} games/s   ${(env.steps / env.seconds).toFixed(0).padStart(9)} steps/s (mask and observation every step)`);
    console.log(`  vs gym-locm (${gymLow}–${gymHigh} games/s): ${(gps / gymHigh).toFixed(1)}×–${(gps / gymLow).toFixed(1)}× wall-clock, ${(gpcs / gymHigh).toFixed(1)}×–${(gpcs / gymLow).toFixed(1)}× per CPU-second; target ${TARGET_FACTOR}× (${TARGET_FACTOR * gymHigh} games/s against the high end)\n`);
    figures[`games_per_s_${key}_1core`] = Math.round(gps);
    figures[`games_per_cpu_s_${key}_1core`] = Math.round(gpcs);
    figures[`games_per_s_${key}_${workers}workers`] = Math.round(parallel);
    figures[`turns_per_s_${key}_1core`] = Math.round(tps);
    figures[`env_steps_per_s_${key}`] = Math.round(env.steps / env.seconds);
    figures[`env_steps_per_cpu_s_${key}`] = Math.round(env.steps / env.cpuSeconds);
    figures[`speedup_vs_gym_locm_high_${key}`] = Number((gps / gymHigh).toFixed(1));
    targets[`games_per_s_${key}_1core`] = TARGET_FACTOR * gymHigh;
  }
  console.log(JSON.stringify({ bench: 'locm', figures, targets }));
}

if (isMainThread) {
  await main();
} else {
  const job = workerData as Job;
  parentPort?.postMessage(job.kind === 'games' ? measureGames(job) : measureEnv(job));
}
