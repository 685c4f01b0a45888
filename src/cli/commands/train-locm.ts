// `ludus train locm --version 1.5|1.2`: trains the end-to-end LOCM agent (deck building and
// battle in one network) by self-play with the OSFP league, in a run folder that resumes exactly.
import { readFileSync } from 'node:fs';
import { LocmTrainer, resolveLocmTrainConfig, resolveStoredLocmTrainConfig, type LocmTrainConfig } from '../../envs/locm/agent/train.js';
import type { Version } from '../../envs/locm/engine.js';
import { linePlot, writeSvg } from '../../plot/index.js';
import { Run, defaultRunName } from '../../runs/run.js';
import { UsageError } from '../args.js';

export interface TrainLocmOptions {
  version: Version;
  games: number;
  seed: number;
  name?: string;
  dir: string;
  configPath?: string;
  resume: boolean;
  log?: (line: string) => void;
}

function readOverrides(path: string | undefined): Partial<Omit<LocmTrainConfig, 'version'>> {
  if (path === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--config ${path}: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--config ${path} must hold a JSON object of settings`);
  return value as Partial<Omit<LocmTrainConfig, 'version'>>;
}

export function trainLocm(o: TrainLocmOptions): Run {
  if (!(Number.isInteger(o.games) && o.games > 0)) throw new UsageError(`--games must be a positive whole number, got ${o.games}`);
  let run: Run;
  let config: LocmTrainConfig;
  if (o.resume) {
    if (!o.name) throw new UsageError('--resume needs --name of the run to continue');
    run = Run.open(o.name, o.dir);
    if (run.info.algo !== 'locm') throw new UsageError(`run '${o.name}' trains ${run.info.algo}, not the LOCM agent`);
    config = resolveStoredLocmTrainConfig(run.info.config.resolved);
  } else {
    config = resolveLocmTrainConfig(o.version, { ...readOverrides(o.configPath), seed: o.seed });
    run = Run.create(o.dir, {
      name: o.name ?? defaultRunName('locm', `LOCM-${o.version}`, o.seed), algo: 'locm', env: `LOCM-${o.version}`, seed: o.seed,
      config: { games: o.games, resolved: config },
    });
  }
  const games = o.resume ? Number(run.info.config.games) : o.games;
  LocmTrainer.open(config, run).train(games, o.log);
  writeWinRateCurve(run);
  return run;
}

/** Greedy evaluation win rates against each fixed opponent, against games played. */
export function writeWinRateCurve(run: Run): void {
  const evals = run.readMetrics().filter((m) => Object.keys(m).some((k) => k.startsWith('eval/')));
  if (evals.length === 0) return;
  const names = [...new Set(evals.flatMap((m) => Object.keys(m).filter((k) => k.startsWith('eval/'))))];
  const series = names.map((key) => {
    const rows = evals.filter((m) => typeof m[key] === 'number');
    return { name: key.slice(5), x: rows.map((m) => m.step), y: rows.map((m) => 100 * (m[key] as number)) };
  });
  writeSvg(run.curvePath, linePlot(series, { title: `LOCM agent (${run.info.env}, seed ${run.info.seed})`, xLabel: 'games played', yLabel: 'win rate (%)', yRange: [0, 100] }));
}
