// A training run's folder: runs/<name>/ with the resolved config, metrics as JSON lines,
// periodic checkpoints (safetensors, written atomically) and the learning curve.
// A killed run resumes from its last checkpoint: the metrics logged after that checkpoint are
// dropped, so a resumed run's log is exactly the uninterrupted run's log.
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomic-file.js';
import { loadSafetensors, saveSafetensors, type TensorMap } from '../core/safetensors.js';

export class RunError extends Error {
  override name = 'RunError';
}

/** One line of metrics.jsonl. `step` (environment steps so far) orders the log. */
export interface MetricRecord {
  step: number;
  [key: string]: number | string | null;
}

export interface RunInfo {
  name: string;
  algo: string;
  env: string;
  seed: number;
  /** The learner's full, resolved configuration. */
  config: Record<string, unknown>;
  createdAt: string;
}

export interface Checkpoint {
  step: number;
  tensors: TensorMap;
  /** Everything else the learner needs to continue exactly (RNG states, counters), as JSON. */
  state: Record<string, unknown>;
}

const CONFIG = 'config.json';
const METRICS = 'metrics.jsonl';
const CHECKPOINTS = 'checkpoints';
const LATEST = 'latest.json';

export class Run {
  readonly dir: string;

  private constructor(dir: string, readonly info: RunInfo) {
    this.dir = dir;
  }

  get metricsPath(): string { return join(this.dir, METRICS); }
  get checkpointDir(): string { return join(this.dir, CHECKPOINTS); }
  get curvePath(): string { return join(this.dir, 'curve.svg'); }

  /** Creates runs/<name>/; refuses to overwrite an existing run (use resume, or another name). */
  static create(root: string, info: Omit<RunInfo, 'createdAt'>): Run {
    if (!/^[\w.-]+$/.test(info.name)) throw new RunError(`run name '${info.name}' may only use letters, digits, '_', '-' and '.'`);
    const dir = resolve(root, info.name);
    if (existsSync(join(dir, CONFIG))) {
      throw new RunError(`run '${info.name}' already exists in ${root}; pass --resume to continue it or --name to start another`);
    }
    mkdirSync(join(dir, CHECKPOINTS), { recursive: true });
    const full: RunInfo = { ...info, createdAt: new Date().toISOString() };
    writeFileAtomic(join(dir, CONFIG), JSON.stringify(full, null, 2) + '\n');
    return new Run(dir, full);
  }

  /** Opens an existing run folder (a path, or a name under root). */
  static open(pathOrName: string, root = 'runs'): Run {
    const candidates = [resolve(pathOrName), resolve(root, pathOrName)];
    const dir = candidates.find((d) => existsSync(join(d, CONFIG)));
    if (!dir) {
      const known = existsSync(root) ? listRunNames(root) : [];
      throw new RunError(`no run '${pathOrName}' (looked for ${candidates.map((c) => join(c, CONFIG)).join(' and ')})` +
        (known.length ? `; runs in ${root}: ${known.slice(0, 10).join(', ')}` : ''));
    }
    let info: RunInfo;
    try {
      info = JSON.parse(readFileSync(join(dir, CONFIG), 'utf8')) as RunInfo;
    } catch (e) {
      throw new RunError(`${join(dir, CONFIG)} is not valid JSON: ${(e as Error).message}`);
    }
    for (const key of ['name', 'algo', 'env', 'seed', 'config'] as const) {
      if (info[key] === undefined) throw new RunError(`${join(dir, CONFIG)} lacks '${key}'`);
    }
    return new Run(dir, info);
  }

  logMetrics(record: MetricRecord): void {
    appendFileSync(this.metricsPath, JSON.stringify(record) + '\n');
  }

  /** All metric records; a torn last line (a run killed mid-write) is ignored. */
  readMetrics(): MetricRecord[] {
    if (!existsSync(this.metricsPath)) return [];
    const lines = readFileSync(this.metricsPath, 'utf8').split('\n');
    const out: MetricRecord[] = [];
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        out.push(JSON.parse(line) as MetricRecord);
      } catch {
        if (i < lines.length - 1 && lines.slice(i + 1).some((l) => l.trim())) {
          throw new RunError(`${this.metricsPath}: line ${i + 1} is not valid JSON`);
        }
      }
    });
    return out;
  }

  /** Writes a checkpoint atomically, then points latest.json at it; keeps the newest `keep`. */
  saveCheckpoint(ckpt: Checkpoint, keep = 3): string {
    const file = `step-${String(ckpt.step).padStart(10, '0')}.safetensors`;
    const path = join(this.checkpointDir, file);
    mkdirSync(this.checkpointDir, { recursive: true });
    saveSafetensors(path, ckpt.tensors, { format: 'ludus', step: String(ckpt.step), state: JSON.stringify(ckpt.state) });
    writeFileAtomic(join(this.checkpointDir, LATEST), JSON.stringify({ step: ckpt.step, file }) + '\n');
    const old = readdirSync(this.checkpointDir).filter((f) => /^step-\d+\.safetensors$/.test(f)).sort();
    for (const f of old.slice(0, Math.max(0, old.length - keep))) if (f !== file) rmSync(join(this.checkpointDir, f));
    return path;
  }

  /** The newest checkpoint, or null when the run has none yet. */
  loadLatestCheckpoint(): Checkpoint | null {
    const latestPath = join(this.checkpointDir, LATEST);
    if (!existsSync(latestPath)) return null;
    let latest: { step: number; file: string };
    try {
      latest = JSON.parse(readFileSync(latestPath, 'utf8')) as { step: number; file: string };
    } catch (e) {
      throw new RunError(`${latestPath} is corrupt (${(e as Error).message}); delete it to restart from scratch`);
    }
    const file = loadSafetensors(join(this.checkpointDir, latest.file));
    const meta = file.metadata;
    if (meta.format !== 'ludus' || meta.state === undefined) {
      throw new RunError(`${join(this.checkpointDir, latest.file)} is not a Ludus checkpoint (missing format/state metadata)`);
    }
    return { step: Number(meta.step), tensors: file.tensors, state: JSON.parse(meta.state) as Record<string, unknown> };
  }

  /** Drops metric records logged after `step` (used on resume), rewriting the log atomically. */
  truncateMetricsAfter(step: number): void {
    const kept = this.readMetrics().filter((r) => r.step <= step);
    writeFileAtomic(this.metricsPath, kept.map((r) => JSON.stringify(r) + '\n').join(''));
  }
}

export function listRunNames(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((n) => existsSync(join(root, n, CONFIG)) && statSync(join(root, n)).isDirectory())
    .sort();
}

/** A unique default name: <algo>-<env>-s<seed>-<yyyymmdd-hhmmss>. */
export function defaultRunName(algo: string, env: string, seed: number, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${algo}-${env.replace(/[^\w.-]/g, '_')}-s${seed}-${stamp}`;
}
