// A progress bar for long commands: done/total, rate, ETA and a few named figures (e.g. the
// recent return). On a terminal it redraws one line; elsewhere (CI, pipes) it prints a line
// every `logEverySeconds`, so logs stay readable.

export interface ProgressOptions {
  total: number;
  label?: string;
  unit?: string;
  stream?: NodeJS.WriteStream;
  /** Minimum seconds between redraws on a terminal. */
  redrawSeconds?: number;
  /** Seconds between lines when the stream is not a terminal. */
  logEverySeconds?: number;
  /** Injected clock in milliseconds, for tests. */
  now?: () => number;
}

export class ProgressBar {
  private readonly total: number;
  private readonly label: string;
  private readonly unit: string;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly redrawMs: number;
  private readonly logEveryMs: number;
  private readonly now: () => number;
  private readonly start: number;
  private readonly startDone: number;
  private lastDraw = -Infinity;
  private done = 0;
  private figures: Record<string, string> = {};
  private finished = false;

  constructor(opts: ProgressOptions) {
    this.total = Math.max(1, opts.total);
    this.label = opts.label ?? '';
    this.unit = opts.unit ?? 'steps';
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
    this.redrawMs = (opts.redrawSeconds ?? 0.1) * 1000;
    this.logEveryMs = (opts.logEverySeconds ?? 10) * 1000;
    this.now = opts.now ?? (() => performance.now());
    this.start = this.now();
    this.startDone = 0;
  }

  /** Sets the absolute progress and optional figures ({ return: 212.5 }); redraws when due. */
  update(done: number, figures?: Record<string, number | string>): void {
    this.done = Math.min(done, this.total);
    if (figures) {
      for (const [k, v] of Object.entries(figures)) this.figures[k] = typeof v === 'number' ? formatNumber(v) : v;
    }
    const t = this.now();
    if (t - this.lastDraw >= (this.tty ? this.redrawMs : this.logEveryMs)) {
      this.lastDraw = t;
      this.draw(false);
    }
  }

  /** Draws the final state and ends the line. */
  finish(figures?: Record<string, number | string>): void {
    if (this.finished) return;
    this.finished = true;
    if (figures) this.update(this.done, figures);
    this.draw(true);
  }

  /** The current line, without terminal control characters. */
  render(): string {
    const elapsed = (this.now() - this.start) / 1000;
    const rate = elapsed > 0 ? (this.done - this.startDone) / elapsed : 0;
    const frac = this.done / this.total;
    const eta = rate > 0 ? (this.total - this.done) / rate : Infinity;
    const width = 24;
    const filled = Math.round(frac * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const extra = Object.entries(this.figures).map(([k, v]) => `${k} ${v}`).join('  ');
    return [
      this.label,
      `${bar} ${(frac * 100).toFixed(0).padStart(3)}%`,
      `${formatCount(this.done)}/${formatCount(this.total)} ${this.unit}`,
      `${formatCount(rate)} ${this.unit}/s`,
      this.done >= this.total ? `${formatDuration(elapsed)}` : `ETA ${formatDuration(eta)}`,
      extra,
    ].filter(Boolean).join('  ');
  }

  private draw(final: boolean): void {
    const line = this.render();
    if (this.tty) this.stream.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else this.stream.write(line + '\n');
  }
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  if (a >= 1e9) return (n / 1e9).toFixed(2) + 'G';
  if (a >= 1e6) return (n / 1e6).toFixed(2) + 'M';
  if (a >= 1e4) return (n / 1e3).toFixed(1) + 'k';
  return Math.round(n).toString();
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000 || Number.isInteger(v)) return formatCount(v);
  return a >= 10 ? v.toFixed(1) : v.toFixed(3);
}
