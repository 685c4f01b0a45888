// `ludus train <algo> <env>`: trains in a run folder with a progress bar, checkpoints at segment
// boundaries (so a killed run resumes exactly with --resume), evaluates the result, and writes
// the learning curve.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALGORITHMS, algorithm, evaluatePolicy, type Learner, type LearnerMetrics } from '../../algos/index.js';
import { registeredIds, spec } from '../../env/registry.js';
import { Run, defaultRunName, type MetricRecord } from '../../runs/run.js';
import { linePlot, writeSvg } from '../../plot/index.js';
import { suggest, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { ProgressBar } from '../progress.js';
import { trainLocm } from './train-locm.js';
import { IMITATION_DEFAULTS } from '../../envs/locm/agent/imitation.js';

export interface TrainOptions {
  algo: string;
  env: string;
  steps: number;
  seed: number;
  name?: string;
  dir: string;
  configPath?: string;
  resume: boolean;
  evalEpisodes: number;
  checkpoints: number;
  quiet?: boolean;
  /** Sees every metric record as it is logged (an exception aborts the run, like a crash). */
  onMetrics?: (record: MetricRecord) => void;
}

export interface TrainResult {
  run: Run;
  evalMean: number;
  evalStd: number;
  seconds: number;
  steps: number;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --config ${path}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--config ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--config ${path} must hold a JSON object of settings`);
  return value as Record<string, unknown>;
}

export async function train(o: TrainOptions): Promise<TrainResult> {
  const algo = algorithm(o.algo);
  if (!algo) throw new UsageError(`unknown algorithm '${o.algo}'${suggest(o.algo, ALGORITHMS.map((a) => a.name))}; available: ${ALGORITHMS.map((a) => a.name).join(', ')}`);
  if (!registeredIds().includes(o.env)) {
    throw new UsageError(`unknown environment '${o.env}'${suggest(o.env, registeredIds())}; 'ludus list' shows them all`);
  }
  if (!(Number.isInteger(o.steps) && o.steps > 0)) throw new UsageError(`--steps must be a positive whole number, got ${o.steps}`);

  let run: Run;
  let overrides: Record<string, unknown>;
  if (o.resume) {
    if (!o.name) throw new UsageError('--resume needs --name of the run to continue');
    run = Run.open(o.name, o.dir);
    if (run.info.algo !== algo.name || run.info.env !== o.env) {
      throw new UsageError(`run '${o.name}' trains ${run.info.algo} on ${run.info.env}, not ${algo.name} on ${o.env}`);
    }
    overrides = (run.info.config.overrides ?? {}) as Record<string, unknown>;
  } else {
    overrides = o.configPath ? readConfigFile(o.configPath) : {};
    const resolved = algo.resolveConfig(o.env, overrides);
    run = Run.create(o.dir, {
      name: o.name ?? defaultRunName(algo.name, o.env, o.seed), algo: algo.name, env: o.env, seed: o.seed,
      config: { steps: o.steps, overrides, resolved },
    });
  }
  const seed = run.info.seed;
  const steps = o.resume ? Number(run.info.config.steps) : o.steps;
  const learner: Learner = await algo.create(o.env, overrides, seed);
  try {
    if (o.resume) {
      const ckpt = run.loadLatestCheckpoint();
      if (ckpt) {
        learner.restore(ckpt.tensors, ckpt.state);
        run.truncateMetricsAfter(ckpt.step);
        if (!o.quiet) console.error(`resuming ${run.info.name} from step ${ckpt.step}`);
      } else {
        run.truncateMetricsAfter(0);
      }
    }
    const bar = o.quiet ? null : new ProgressBar({ total: steps, label: `${algo.name} ${o.env}` });
    const segment = Math.max(1, Math.ceil(steps / Math.max(1, o.checkpoints)));
    const recent: number[] = [];
    const t0 = performance.now();
    while (learner.globalStep < steps) {
      let stop = false;
      learner.learn(Math.min(segment, steps - learner.globalStep), {
        onIteration(m: LearnerMetrics) {
          const record: MetricRecord = { ...m, wallSeconds: (performance.now() - t0) / 1000 };
          run.logMetrics(record);
          o.onMetrics?.(record);
          if (m.episodeReturn !== null) {
            recent.push(m.episodeReturn);
            if (recent.length > 10) recent.shift();
          }
          const mean = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : NaN;
          bar?.update(m.step, { return: Number.isNaN(mean) ? '—' : mean });
          if (m.step >= steps) stop = true;
          return !stop;
        },
      }, { horizonSteps: steps });
      const ck = learner.checkpoint();
      run.saveCheckpoint({ step: learner.globalStep, tensors: ck.tensors, state: ck.state as Record<string, unknown> });
    }
    bar?.finish();
    const seconds = (performance.now() - t0) / 1000;
    const evaluation = evaluatePolicy(o.env, (obs) => learner.act(obs), o.evalEpisodes, seed + 1_000_003);
    run.logMetrics({ step: learner.globalStep, evalReturn: evaluation.mean, evalStd: evaluation.std, evalEpisodes: evaluation.episodes });
    writeCurve(run, o.env);
    return { run, evalMean: evaluation.mean, evalStd: evaluation.std, seconds, steps: learner.globalStep };
  } finally {
    learner.close();
  }
}

/** The learning curve: mean episode return per iteration against steps, with the threshold. */
export function writeCurve(run: Run, envId: string): void {
  const metrics = run.readMetrics().filter((m) => typeof m.episodeReturn === 'number');
  if (metrics.length === 0) return;
  const x = metrics.map((m) => m.step);
  const y = metrics.map((m) => m.episodeReturn as number);
  const series = [{ name: 'episode return', x, y }];
  const threshold = spec(envId).rewardThreshold;
  if (threshold !== null) series.push({ name: `threshold ${threshold}`, x: [x[0], x[x.length - 1]], y: [threshold, threshold] });
  writeSvg(run.curvePath, linePlot(series, { title: `${run.info.algo} on ${envId} (seed ${run.info.seed})`, xLabel: 'environment steps', yLabel: 'episode return' }));
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'Trains an agent on an environment in a run folder (runs/<name>); `train locm --version 1.5` trains the LOCM agent.',
  positionals: ['algo', 'env?'],
  options: {
    steps: { type: 'int', description: 'environment steps to train for', default: 100_000 },
    seed: { type: 'int', description: 'seed of every random source', default: 1 },
    config: { type: 'string', description: 'JSON file of settings overriding the defaults' },
    name: { type: 'string', description: 'run name (default: <algo>-<env>-s<seed>-<time>)' },
    dir: { type: 'string', description: 'folder that holds the runs', default: 'runs' },
    resume: { type: 'boolean', description: 'continue the run --name from its last checkpoint', default: false },
    'eval-episodes': { type: 'int', description: 'evaluation episodes at the end', default: 20 },
    checkpoints: { type: 'int', description: 'checkpoints written over the run', default: 10 },
    version: { type: 'string', description: 'locm: game version', default: '1.5', choices: ['1.2', '1.5'] },
    games: { type: 'int', description: 'locm: games to train for', default: 20_000 },
    'warm-start': { type: 'string', description: 'locm: behaviour-clone this agent (e.g. greedy) before RL, into <run>/warm-start.safetensors' },
    lookahead: { type: 'boolean', description: 'locm: the battle head also reads each legal action\'s one-step lookahead (how ludus-1.2 was trained)', default: false },
    'imitation-games': { type: 'int', description: `locm: teacher games recorded for --warm-start (default ${IMITATION_DEFAULTS.games}); each DAgger round plays half as many` },
  },
  async run({ positionals, options }) {
    if (positionals.algo === 'locm') {
      if (positionals.env !== undefined) throw new UsageError(`'train locm' takes no environment; choose the game version with --version 1.2|1.5`);
      const run = trainLocm({
        version: options.version as '1.2' | '1.5', games: options.games as number, seed: options.seed as number,
        name: options.name as string | undefined, dir: options.dir as string, configPath: options.config as string | undefined,
        resume: options.resume as boolean, warmStart: options['warm-start'] as string | undefined,
        imitationGames: options['imitation-games'] as number | undefined, lookahead: options.lookahead as boolean, log: (line) => console.error(line),
      });
      console.log(`run folder: ${run.dir}`);
      console.log(`win-rate curve: ${run.curvePath}`);
      const latest = JSON.parse(readFileSync(join(run.checkpointDir, 'latest.json'), 'utf8')) as { file: string };
      console.log(`play it: ludus locm bot --agent ${join(run.checkpointDir, latest.file)} --version ${run.info.env.slice(5)}`);
      return;
    }
    if (positionals.env === undefined) throw new UsageError('missing <env>');
    const result = await train({
      algo: positionals.algo!, env: positionals.env, steps: options.steps as number, seed: options.seed as number,
      name: options.name as string | undefined, dir: options.dir as string, configPath: options.config as string | undefined,
      resume: options.resume as boolean, evalEpisodes: options['eval-episodes'] as number, checkpoints: options.checkpoints as number,
    });
    console.log(`evaluation: mean return ${result.evalMean.toFixed(1)} ± ${result.evalStd.toFixed(1)} over ${options['eval-episodes']} episodes`);
    console.log(`trained ${result.steps} steps in ${result.seconds.toFixed(1)} s (${Math.round(result.steps / result.seconds)} steps/s)`);
    console.log(`run folder: ${result.run.dir}`);
    console.log(`learning curve: ${result.run.curvePath}`);
  },
};
