// `ludus train locm --version 1.5|1.2`: trains the end-to-end LOCM agent (deck building and
// battle in one network) by self-play with the OSFP league, in a run folder that resumes exactly.
// `--warm-start <teacher>` first clones a teacher agent's play into <run>/warm-start.safetensors
// (imitation.ts) and starts RL from it; a resumed run reuses the file. `--lookahead` gives the
// battle head each action's one-step lookahead features (agent/lookahead.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imitationPolicy, resolveImitationConfig, ImitationError, type ImitationConfig } from '../../envs/locm/agent/imitation.js';
import { savePolicy } from '../../envs/locm/agent/neural-agent.js';
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
  /** A teacher agent's name: behaviour-clone it before RL (fresh runs only). */
  warmStart?: string;
  /** Teacher games recorded for the warm start (each DAgger round plays half as many). */
  imitationGames?: number;
  /** A policy whose battle head reads one-step lookahead features (fresh runs only). */
  lookahead?: boolean;
  log?: (line: string) => void;
}

/** The warm-start policy file inside a run folder. */
export const WARM_START_FILE = 'warm-start.safetensors';

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
    if (o.lookahead === true) throw new UsageError('--lookahead chooses the policy of a new run; a resumed run keeps its own');
    run = Run.open(o.name, o.dir);
    if (run.info.algo !== 'locm') throw new UsageError(`run '${o.name}' trains ${run.info.algo}, not the LOCM agent`);
    config = resolveStoredLocmTrainConfig(run.info.config.resolved);
  } else {
    const overrides = readOverrides(o.configPath);
    if (o.lookahead === true) overrides.policy = { ...overrides.policy, lookahead: true };
    if (o.imitationGames !== undefined && o.warmStart === undefined) throw new UsageError('--imitation-games needs --warm-start <teacher>');
    if (o.warmStart !== undefined && overrides.initPolicy != null) throw new UsageError(`--warm-start ${o.warmStart} and the config's initPolicy both choose the starting policy; keep one`);
    config = resolveLocmTrainConfig(o.version, { ...overrides, seed: o.seed });
    let warmStart: ImitationConfig | undefined;
    if (o.warmStart !== undefined) {
      try {
        warmStart = resolveImitationConfig(o.version, { teacher: o.warmStart, seed: o.seed, policy: config.policy, ...(o.imitationGames !== undefined ? { games: o.imitationGames, daggerGames: Math.max(1, Math.round(o.imitationGames / 2)) } : {}) });
      } catch (e) {
        if (e instanceof ImitationError) throw new UsageError(`--warm-start: ${e.message}`);
        throw e;
      }
    }
    run = Run.create(o.dir, {
      name: o.name ?? defaultRunName('locm', `LOCM-${o.version}`, o.seed), algo: 'locm', env: `LOCM-${o.version}`, seed: o.seed,
      config: { games: o.games, resolved: config, ...(warmStart !== undefined ? { warmStart } : {}) },
    });
  }
  const warmStart = run.info.config.warmStart as ImitationConfig | undefined;
  if (warmStart !== undefined) config = { ...config, initPolicy: warmStartPolicy(run, warmStart, o.log) };
  const games = o.resume ? Number(run.info.config.games) : o.games;
  LocmTrainer.open(config, run).train(games, o.log);
  writeWinRateCurve(run);
  return run;
}

/** The run's warm-start policy file, cloned from the teacher first if the run has none yet. */
function warmStartPolicy(run: Run, c: ImitationConfig, log: (line: string) => void = () => {}): string {
  const path = join(run.dir, WARM_START_FILE);
  if (existsSync(path)) return path;
  const t0 = performance.now(), every = Math.max(1, Math.round(c.games / 10));
  log(`warm start: cloning ${c.teacher} from ${c.games} games (${c.opponents.join(', ')}), ${c.epochs} epochs` +
    (c.daggerRounds > 0 ? `, then ${c.daggerRounds} DAgger rounds of ${c.daggerGames} games` : ''));
  const { policy } = imitationPolicy(c, (p) => {
    const round = p.round > 0 ? ` DAgger round ${p.round}:` : '';
    if (p.stage === 'record' && (p.games % every === 0 || p.games === p.of)) log(`warm start:${round} recorded ${p.games}/${p.of} games (${p.decisions} decisions)`);
    if (p.stage === 'train') log(`warm start:${round} epoch ${p.epoch}/${p.of}: cross-entropy ${p.crossEntropy.toFixed(3)}, teacher's action ${(100 * p.accuracy).toFixed(1)}%, value loss ${p.valueLoss.toFixed(3)}`);
  });
  savePolicy(path, policy);
  log(`warm start: ${path} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return path;
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
