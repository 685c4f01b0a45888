// MinAtar benchmark: environment steps per second per game with uniformly random actions on one
// core, and uniform-random-policy return/length statistics compared with the reference
// measurements (../shared/envs/minatar-random-policy-stats.json, MINATAR-SPEC §9).
// Each game's throughput is measured in its own worker thread, so that no game's call sites
// see another game's classes (which would make them polymorphic and slower than real single-game use).
// Usage: npm run bench:minatar [-- --episodes 10000] [-- --seconds 2]

import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Rng } from '../src/core/rng.js';
import { spawnWorker } from '../src/core/worker.js';
import { GAME_NAMES, MinAtarEnv } from '../src/envs/minatar/env.js';
import type { GameName } from '../src/envs/minatar/game.js';
import { runRandomPolicy, zScore, type ReferenceRun } from '../src/envs/minatar/stats.js';
import { sharedFile } from '../src/testing/shared.js';

/** The reference Python implementation's random-action steps/s on one core of this machine (issue #7). */
const PYTHON_STEPS_PER_SECOND: Record<GameName, number> = {
  asterix: 199_000, breakout: 248_000, freeway: 112_000, seaquest: 168_000, space_invaders: 40_000,
};
const TARGET_FACTOR = 20;

interface ThroughputJob { game: GameName; seconds: number; reuseObservation: boolean }
/** Steps per second of wall-clock time, and per second of CPU time (what one core does when shared). */
interface Throughput { wall: number; cpu: number }

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Steps/s of env.step with random actions (resets included), best of three timed rounds after a warm-up. */
function measureThroughput(job: ThroughputJob): Throughput {
  const env = new MinAtarEnv({ game: job.game, reuseObservation: job.reuseObservation });
  const policy = new Rng(12345);
  env.reset({ seed: 1 });
  const best: Throughput = { wall: 0, cpu: 0 };
  const chunk = 100_000;
  for (let round = 0; round < 4; round++) {
    let steps = 0;
    const t0 = performance.now();
    const c0 = cpuSeconds();
    let elapsed = 0;
    while (elapsed < (job.seconds * 1000) / 4) {
      for (let i = 0; i < chunk; i++) {
        if (env.step(policy.int(6)).terminated) env.reset();
      }
      steps += chunk;
      elapsed = performance.now() - t0;
    }
    // The first round is warm-up (JIT tiers).
    if (round === 0) continue;
    best.wall = Math.max(best.wall, steps / (elapsed / 1000));
    best.cpu = Math.max(best.cpu, steps / Math.max(1e-9, cpuSeconds() - c0));
  }
  return best;
}

function inWorker(job: ThroughputJob): Promise<Throughput> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(new URL(import.meta.url), { workerData: job });
    worker.once('message', (v: Throughput) => resolve(v));
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`benchmark worker exited with code ${code}`)); });
  });
}

function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!(v > 0)) throw new Error(`--${name} needs a positive number, got ${process.argv[i + 1]}`);
  return v;
}

async function main(): Promise<void> {
  const seconds = argNumber('seconds', 2);
  const episodes = argNumber('episodes', 10_000);
  const figures: Record<string, number> = {};
  const targets: Record<string, number> = {};
  console.log('MinAtar: env.step steps/s with uniformly random actions on one core, resets included.');
  console.log('"reuse": the env returns its own observation buffer (the vector-env/training path); "fresh": a new');
  console.log('observation every step (the default). Steps per CPU-second estimate one core\'s rate when the');
  console.log('machine is shared (it has 2 cores, shared with other work: wall-clock timings are noisy).\n');
  console.log('game             reuse (cpu)  reuse (wall)  fresh (cpu)   python   ×python (reuse, cpu)  target');
  for (const game of GAME_NAMES) {
    const reuse = await inWorker({ game, seconds, reuseObservation: true });
    const fresh = await inWorker({ game, seconds, reuseObservation: false });
    const python = PYTHON_STEPS_PER_SECOND[game];
    figures[`${game}_steps_per_s`] = Math.round(reuse.cpu);
    figures[`${game}_steps_per_s_wall`] = Math.round(reuse.wall);
    figures[`${game}_steps_per_s_fresh_obs`] = Math.round(fresh.cpu);
    figures[`${game}_speedup`] = +(reuse.cpu / python).toFixed(1);
    targets[`${game}_steps_per_s`] = python * TARGET_FACTOR;
    const ok = reuse.cpu >= python * TARGET_FACTOR ? 'met' : 'MISSED';
    const m = (x: number): string => `${(x / 1e6).toFixed(2)}M`;
    console.log(`${game.padEnd(16)} ${m(reuse.cpu).padStart(11)} ${m(reuse.wall).padStart(13)} ${m(fresh.cpu).padStart(12)} ${`${(python / 1e3).toFixed(0)}k`.padStart(8)} ${`${(reuse.cpu / python).toFixed(1)}×`.padStart(12)}           ≥${TARGET_FACTOR}× ${ok}`);
  }

  const statsPath = sharedFile('envs/minatar-random-policy-stats.json');
  if (statsPath === null) {
    console.log('\n../shared/envs/minatar-random-policy-stats.json is missing: statistics skipped.');
  } else {
    const runs = (JSON.parse(readFileSync(statsPath, 'utf8')) as { runs: ReferenceRun[] }).runs;
    console.log(`\nRandom-policy statistics, ${episodes} episodes per configuration, vs the reference (z = two-sample z-score; |z| ≤ 4 passes):`);
    console.log('configuration                         return ours/ref      z    length ours/ref        z');
    let worst = 0;
    for (const ref of runs) {
      // Use the tightest reference for each configuration.
      if (runs.some((r) => r !== ref && sameConfig(r, ref) && r.episodes > ref.episodes)) continue;
      const ours = runRandomPolicy({
        game: ref.game, stickyActionProb: ref.sticky_action_prob, difficultyRamping: ref.difficulty_ramping ?? true,
        actionSet: ref.action_set ?? 'full', episodes, seed: ref.seed, policySeed: ref.seed + 1,
      });
      const zr = zScore(ours.returnMean, ours.returnSe, ref.return_mean, ref.return_se);
      const zl = ref.game === 'freeway' ? 0 : zScore(ours.lengthMean, ours.lengthSe, ref.length_mean, ref.length_se);
      worst = Math.max(worst, Math.abs(zr), Math.abs(zl));
      const name = `${ref.game} p=${ref.sticky_action_prob} ${ref.action_set ?? 'full'}${ref.difficulty_ramping === false ? ' no-ramp' : ''}`;
      const key = name.replace(/[ =.]+/g, '_');
      figures[`${key}_return_mean`] = +ours.returnMean.toFixed(4);
      figures[`${key}_length_mean`] = +ours.lengthMean.toFixed(3);
      figures[`${key}_return_z`] = +zr.toFixed(2);
      figures[`${key}_length_z`] = +zl.toFixed(2);
      console.log(`${name.padEnd(36)} ${ours.returnMean.toFixed(4)}/${ref.return_mean.toFixed(4)} ${zr.toFixed(2).padStart(7)}   ${ours.lengthMean.toFixed(2).padStart(8)}/${ref.length_mean.toFixed(2).padEnd(8)} ${zl.toFixed(2).padStart(6)}`);
    }
    figures.max_abs_z = +worst.toFixed(2);
    targets.max_abs_z = 4;
  }
  console.log(JSON.stringify({ bench: 'minatar', figures, targets }));
}

function sameConfig(a: ReferenceRun, b: ReferenceRun): boolean {
  return a.game === b.game && a.sticky_action_prob === b.sticky_action_prob
    && (a.action_set ?? 'full') === (b.action_set ?? 'full') && (a.difficulty_ramping ?? true) === (b.difficulty_ramping ?? true);
}

if (isMainThread) {
  await main();
} else {
  parentPort?.postMessage(measureThroughput(workerData as ThroughputJob));
}
