// Training benchmark: steps-to-threshold, wall time and training throughput of the learners on the
// classic-control tasks, over several seeds, with each learner's default (preset) configuration.
//
// Steps-to-threshold is the first training step at which the mean return of a deterministic
// evaluation (EVAL_EPISODES episodes on a separate env, always from the same evaluation seed)
// reaches the env's threshold. The evaluation runs at the first iteration boundary at or after
// every EVAL_EVERY steps of the case; a run stops once it reaches the threshold or its budget.
// Throughput counts training only: steps per second of wall-clock time and per CPU-second (what
// one core does on a shared machine), with the evaluation time taken out.
//
// Usage: npm run bench:train [-- --seeds 5] [-- --only ppo-cartpole,sac-pendulum] [-- --eval-episodes 10]
// Compare with PyTorch: run CleanRL's ppo.py with PPO_PRESETS['CartPole-v1'] on the same machine
// (CPU, one thread) and pass its steps/s as TORCH_PPO_CARTPOLE_SPS=<steps/s>.
import { algorithm, evaluatePolicy, type Learner } from '../src/algos/index.js';

interface Case {
  key: string;
  algo: string;
  env: string;
  threshold: number;
  /** Training steps per seed at most. */
  budget: number;
  /** Steps between evaluations. */
  evalEvery: number;
}

const CASES: Case[] = [
  { key: 'ppo-cartpole', algo: 'ppo', env: 'CartPole-v1', threshold: 475, budget: 100_000, evalEvery: 4096 },
  { key: 'dqn-cartpole', algo: 'dqn', env: 'CartPole-v1', threshold: 475, budget: 100_000, evalEvery: 5000 },
  { key: 'ppo-acrobot', algo: 'ppo', env: 'Acrobot-v1', threshold: -100, budget: 300_000, evalEvery: 8192 },
  { key: 'sac-pendulum', algo: 'sac', env: 'Pendulum-v1', threshold: -200, budget: 30_000, evalEvery: 1000 },
  { key: 'ppo-pendulum', algo: 'ppo', env: 'Pendulum-v1', threshold: -200, budget: 200_000, evalEvery: 8192 },
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const SEEDS = Number(arg('seeds') ?? process.env.SEEDS ?? 5);
const EVAL_EPISODES = Number(arg('eval-episodes') ?? 10);
const ONLY = (arg('only') ?? process.env.ONLY)?.split(',');
const EVAL_SEED = 1_000_003;
const torchSps = process.env.TORCH_PPO_CARTPOLE_SPS ? Number(process.env.TORCH_PPO_CARTPOLE_SPS) : null;
if (!(Number.isInteger(SEEDS) && SEEDS > 0)) throw new Error(`--seeds must be a positive integer, got ${SEEDS}`);
const unknown = ONLY?.filter((k) => !CASES.some((c) => c.key === k)) ?? [];
if (unknown.length) throw new Error(`unknown case ${unknown.join(', ')}; cases: ${CASES.map((c) => c.key).join(', ')}`);

interface RunResult {
  seed: number;
  /** Steps-to-threshold, or null when the budget ran out first. */
  solvedAt: number | null;
  steps: number;
  trainWall: number;
  trainCpu: number;
  lastEval: number;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function runOne(c: Case, seed: number): Promise<RunResult> {
  const entry = algorithm(c.algo);
  if (!entry) throw new Error(`algorithm ${c.algo} is not registered`);
  const learner: Learner = await entry.create(c.env, {}, seed);
  let evalWall = 0, evalCpu = 0, nextEval = c.evalEvery, solvedAt: number | null = null, lastEval = NaN;
  const wall0 = performance.now(), cpu0 = cpuSeconds();
  try {
    learner.learn(c.budget, {
      onIteration(m) {
        if (m.step < nextEval && m.step < c.budget) return true;
        while (nextEval <= m.step) nextEval += c.evalEvery;
        const w = performance.now(), u = cpuSeconds();
        lastEval = evaluatePolicy(c.env, (obs) => learner.act(obs), EVAL_EPISODES, EVAL_SEED).mean;
        evalWall += (performance.now() - w) / 1000;
        evalCpu += cpuSeconds() - u;
        if (lastEval >= c.threshold) {
          solvedAt = m.step;
          return false;
        }
        return true;
      },
    }, { horizonSteps: c.budget });
  } finally {
    learner.close();
  }
  return {
    seed, solvedAt, steps: learner.globalStep, lastEval,
    trainWall: (performance.now() - wall0) / 1000 - evalWall, trainCpu: cpuSeconds() - cpu0 - evalCpu,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x: number, digits = 4): number => Number(x.toPrecision(digits));

const figures: Record<string, number | null> = {};
const targets: Record<string, { target: number; value: number | null; met: boolean | null }> = {};

console.log(`training benchmark: ${SEEDS} seed(s), threshold checked by ${EVAL_EPISODES} deterministic evaluation episodes`);
for (const c of CASES.filter((x) => !ONLY || ONLY.includes(x.key))) {
  console.log(`\n${c.key}: ${c.algo} on ${c.env}, threshold ${c.threshold}, budget ${c.budget} steps, evaluated every ${c.evalEvery}`);
  console.log('  seed  steps-to-threshold   steps   train wall s   steps/s   steps/CPU-s   last eval');
  const runs: RunResult[] = [];
  for (let s = 1; s <= SEEDS; s++) {
    const r = await runOne(c, s);
    runs.push(r);
    console.log(`  ${String(s).padStart(4)}  ${String(r.solvedAt ?? '—').padStart(18)}  ${String(r.steps).padStart(6)}  ${r.trainWall.toFixed(1).padStart(13)}  ${Math.round(r.steps / r.trainWall).toString().padStart(8)}  ${Math.round(r.steps / r.trainCpu).toString().padStart(12)}  ${r.lastEval.toFixed(1).padStart(10)}`);
  }
  const solved = runs.filter((r) => r.solvedAt !== null);
  const steps = runs.reduce((a, r) => a + r.steps, 0), wall = runs.reduce((a, r) => a + r.trainWall, 0), cpu = runs.reduce((a, r) => a + r.trainCpu, 0);
  const medianSolve = solved.length ? median(solved.map((r) => r.solvedAt!)) : null;
  console.log(`  solved ${solved.length}/${SEEDS}; median steps-to-threshold ${medianSolve ?? '—'}; ${steps} steps in ${wall.toFixed(1)} s: ${Math.round(steps / wall)} steps/s (${Math.round(steps / cpu)} per CPU-second)`);
  const k = c.key.replace('-', '_');
  figures[`${k}_solved`] = solved.length;
  figures[`${k}_seeds`] = SEEDS;
  figures[`${k}_median_steps_to_threshold`] = medianSolve;
  figures[`${k}_steps_per_s`] = round(steps / wall);
  figures[`${k}_steps_per_cpu_s`] = round(steps / cpu);
  figures[`${k}_train_wall_s`] = round(wall);
  const need = Math.ceil(0.8 * SEEDS);
  targets[`${k}_solved_seeds`] = { target: need, value: solved.length, met: solved.length >= need };
  if (c.key === 'ppo-cartpole') {
    const within = solved.filter((r) => r.solvedAt! <= 100_000).length;
    targets.ppo_cartpole_solved_within_100k = { target: SEEDS, value: within, met: within === SEEDS };
    const ratio = torchSps === null ? null : round(steps / wall / torchSps, 3);
    targets.ppo_cartpole_sps_vs_pytorch = { target: 3, value: ratio, met: ratio === null ? null : ratio >= 3 };
  }
}
console.log(JSON.stringify({ bench: 'train', figures, targets }));
