// LOCM fuzz run: 10,000 matches per version through the referee path (LocmMatch, text in and
// out) with bots that answer with random, illegal and malformed lines. Any engine exception or
// broken invariant aborts the run with the game's seed; the summary counts hard errors and warnings.
// Usage: npm run fuzz:locm [-- --games 10000] [-- --seed 1]

import { runFuzz } from '../src/envs/locm/fuzz.js';

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? Number(process.argv[i + 1]) : fallback;
}

const games = argValue('games', 10_000);
const seed = argValue('seed', 1);
const figures: Record<string, number> = {};
for (const version of ['1.2', '1.5'] as const) {
  const t0 = performance.now();
  // Two malformed rates: rare (games reach the late battle) and frequent (every phase's error paths).
  const rare = runFuzz(version, Math.ceil(games / 2), seed, 0.002);
  const often = runFuzz(version, Math.floor(games / 2), seed + 1, 0.05);
  const seconds = (performance.now() - t0) / 1000;
  const total = rare.games + often.games;
  const hard = rare.hardErrors + often.hardErrors;
  const warnings = rare.warnings + often.warnings;
  const answers = rare.answers + often.answers;
  console.log(`LOCM ${version}: ${total} fuzzed games finished without an engine exception in ${seconds.toFixed(1)} s`);
  console.log(`  ${answers} answers, ${warnings} illegal-action warnings, ${hard} games ended by a hard error (malformed output)`);
  const key = version.replace('.', '');
  figures[`games_${key}`] = total;
  figures[`engine_exceptions_${key}`] = 0;
  figures[`hard_error_games_${key}`] = hard;
  figures[`warnings_${key}`] = warnings;
  figures[`games_per_s_${key}`] = Math.round(total / seconds);
}
console.log(JSON.stringify({ bench: 'locm-fuzz', figures, targets: { engine_exceptions_12: 0, engine_exceptions_15: 0, games_12: 10_000, games_15: 10_000 } }));
