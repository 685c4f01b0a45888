// The LOCM referee for real bots: runs each player as a child process (a shell command) or as
// an in-process Ludus agent, sends LocmMatch's input texts, reads one line per turn under the
// official time limits (RULES §11.3) and turns timeouts, crashes and malformed output into a
// loss for the offender. Child processes are always killed, their whole process group included.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Version } from './engine.js';
import { LocmMatch, type MatchSeeds } from './match.js';
import { BotSession, resolveAgent } from './bot.js';
import type { LocmReplay, ReplayTurn } from './replay-json.js';

/** Per-turn answer limits in milliseconds; the defaults are the competition's. */
export interface TimeLimits {
  firstDraftMs: number;
  draftMs: number;
  constructedMs: number;
  firstTurnMs: number;
  turnMs: number;
}

export const OFFICIAL_LIMITS: TimeLimits = { firstDraftMs: 1000, draftMs: 100, constructedMs: 4000, firstTurnMs: 1000, turnMs: 200 };

export type FailureKind = 'timeout' | 'crash' | 'malformed';

/** A bot failed to answer: it timed out or its process ended (or never started). */
export class BotFailure extends Error {
  override name = 'BotFailure';
  constructor(readonly kind: Exclude<FailureKind, 'malformed'>, message: string) {
    super(message);
  }
}

/** One seat's bot as the referee sees it. */
export interface RefereePlayer {
  readonly label: string;
  /** Sends an input block and resolves with the answer line, or rejects with a BotFailure. */
  ask(lines: readonly string[], timeoutMs: number): Promise<string>;
  /** Text the bot wrote to stderr since the last call (for the recorded-match log). */
  takeStderr(): string;
  close(): Promise<void>;
}

const live = new Set<ProcessPlayer>();

/** Kills every bot process still running (for an interrupted referee); safe to call twice. */
export function killAllBots(): void {
  for (const p of live) p.kill();
}

process.on('exit', killAllBots);

const STDERR_TAIL = 600;

/** A bot run as `sh -c COMMAND` in its own process group. */
export class ProcessPlayer implements RefereePlayer {
  private readonly child: ChildProcess;
  private readonly queued: string[] = [];
  private waiter: { resolve: (line: string) => void; reject: (e: BotFailure) => void; timer: NodeJS.Timeout } | null = null;
  private ended: string | null = null;
  private stderrNew = '';
  private stderrTail = '';
  private readonly closed: Promise<void>;

  constructor(readonly label: string, readonly command: string) {
    this.child = spawn(command, { shell: true, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(this);
    const child = this.child;
    createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', (line) => {
      const w = this.waiter;
      if (w === null) { this.queued.push(line); return; }
      this.waiter = null;
      clearTimeout(w.timer);
      w.resolve(line);
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      this.stderrNew += chunk;
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    // A write to a bot that already exited fails with EPIPE; the exit itself is reported by 'close'.
    child.stdin!.on('error', () => undefined);
    let exitText = 'exited';
    let finish: () => void = () => undefined;
    this.closed = new Promise((resolve) => {
      finish = () => {
        if (this.ended !== null) return;
        const tail = this.stderrTail.trim();
        this.ended = `the bot ${exitText}${tail ? `; its stderr ends with: ${tail.split('\n').slice(-5).join(' | ')}` : ''}`;
        live.delete(this);
        this.fail(new BotFailure('crash', this.ended));
        resolve();
      };
    });
    child.on('exit', (code, signal) => { exitText = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`; });
    // A process that never started emits 'error' and no 'close'.
    child.on('error', (e) => {
      exitText = `could not be started (${e.message})`;
      if (child.pid === undefined) finish();
    });
    child.on('close', () => finish());
  }

  ask(lines: readonly string[], timeoutMs: number): Promise<string> {
    if (this.ended !== null) return Promise.reject(new BotFailure('crash', this.ended));
    this.child.stdin!.write(lines.join('\n') + '\n');
    const early = this.queued.shift();
    if (early !== undefined) return Promise.resolve(early);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new BotFailure('timeout', `Timeout: no answer within ${timeoutMs} ms`)), timeoutMs);
      this.waiter = { resolve, reject, timer };
    });
  }

  takeStderr(): string {
    const s = this.stderrNew;
    this.stderrNew = '';
    return s;
  }

  private fail(e: BotFailure): void {
    const w = this.waiter;
    if (w === null) return;
    this.waiter = null;
    clearTimeout(w.timer);
    w.reject(e);
  }

  /** SIGKILL to the whole group, so that grandchildren (a shell's node) die too. */
  kill(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch (e) {
      // ESRCH: the group is already gone, which is the goal.
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
    }
  }

  /** Ends the bot's input, gives it `graceMs` to exit, then kills its process group. */
  async close(graceMs = 200): Promise<void> {
    if (this.child.pid === undefined) return this.closed;
    this.child.stdin!.end();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.closed, new Promise((r) => { timer = setTimeout(r, graceMs); })]);
    clearTimeout(timer);
    this.kill();
    await this.closed;
  }
}

/** A Ludus agent answering in-process through the same text path as `ludus locm bot`. */
export class AgentPlayer implements RefereePlayer {
  private readonly session: BotSession;
  constructor(readonly label: string, agentSpec: string, version: Version, seed: number) {
    this.session = new BotSession(resolveAgent(agentSpec), version, seed);
  }
  ask(lines: readonly string[]): Promise<string> {
    return Promise.resolve(this.session.answer(lines));
  }
  takeStderr(): string { return ''; }
  close(): Promise<void> { return Promise.resolve(); }
}

/** `agent:NAME[@SEED]` runs a Ludus agent in-process; anything else is a shell command. */
export function makePlayer(spec: string, version: Version, label: string): RefereePlayer {
  const m = /^agent:([^@]+)(?:@(-?\d+))?$/.exec(spec);
  if (m !== null) return new AgentPlayer(label, m[1], version, Number(m[2] ?? 0) >>> 0);
  return new ProcessPlayer(label, spec);
}

/** One refereed game. */
export interface RefereeGameResult {
  winner: number;
  scores: [number, number];
  /** The hard error that ended the game, if any. */
  failure: { player: number; kind: FailureKind; message: string } | null;
  /** Illegal actions skipped, per seat. */
  illegal: [number, number];
  summary: string[];
  /** Referee parameters with every sub-seed explicit. */
  params: Record<string, string>;
  turns: ReplayTurn[];
  /** The game as a line of the consistency-dataset format (RULES §13), one frame per call. */
  logLine: string;
}

export interface RefereeGameOptions {
  version: Version;
  params: Record<string, string>;
  limits?: TimeLimits;
  /** Called with each warning or hard-error summary line as it happens. */
  onNotice?: (line: string) => void;
}

function limitFor(match: LocmMatch, limits: TimeLimits, battleCalls: number): number {
  switch (match.phase) {
    case 'draft': return match.draftPick === 0 ? limits.firstDraftMs : limits.draftMs;
    case 'constructed': return limits.constructedMs;
    default: return battleCalls === 0 ? limits.firstTurnMs : limits.turnMs;
  }
}

/** Every sub-seed of a match as explicit parameters, so a log or replay re-creates the same game. */
export function explicitParams(params: Record<string, string>, seeds: MatchSeeds): Record<string, string> {
  const out: Record<string, string> = { ...params };
  for (const [k, v] of Object.entries(seeds)) if (v !== undefined) out[k] = String(v);
  return out;
}

/** Plays one game between two players (seat 0 = players[0]); never throws for a bot's fault. */
export async function refereeGame(players: readonly [RefereePlayer, RefereePlayer], options: RefereeGameOptions): Promise<RefereeGameResult> {
  const limits = options.limits ?? OFFICIAL_LIMITS;
  const match = new LocmMatch(options.version, { params: options.params });
  const turns: ReplayTurn[] = [];
  const battleCalls = [0, 0];
  const frames: { player: number; output: string | null; stderr: string; summary: string[] }[] = [];
  let failure: RefereeGameResult['failure'] = null;
  try {
    while (match.awaiting >= 0) {
      const p = match.awaiting;
      const before = match.summary.length;
      const limit = limitFor(match, limits, battleCalls[p]);
      const inBattle = match.phase === 'battle';
      const started = performance.now();
      let line: string | null = null;
      try {
        line = await players[p].ask(match.inputLines(), limit);
      } catch (e) {
        if (!(e instanceof BotFailure)) throw e;
        match.hardError(p, e.message);
        failure = { player: p, kind: e.kind, message: e.message };
        turns.push({ player: p, line: null, error: e.message });
      }
      if (line !== null) {
        turns.push({ player: p, line, ms: Math.round(performance.now() - started) });
        match.submit(line);
        if (match.scores[p] === -1) failure = { player: p, kind: 'malformed', message: match.summary[match.summary.length - 1].replace(/^\$\d: /, '') };
      }
      if (inBattle) battleCalls[p]++;
      const added = match.summary.slice(before);
      for (const l of added) if (options.onNotice && (l.startsWith('[Warning]') || l.startsWith(`$${p}:`))) options.onNotice(l);
      frames.push({ player: p, output: line, stderr: players[p].takeStderr(), summary: added });
    }
  } finally {
    await Promise.all(players.map((pl) => pl.close()));
  }
  // Late stderr (written just before exiting) belongs to the player's last frame.
  for (let p = 0; p < 2; p++) {
    const rest = players[p].takeStderr();
    const last = frames.findLast((f) => f.player === p);
    if (last !== undefined) last.stderr += rest;
  }
  const illegal: [number, number] = [0, 0];
  for (const l of match.summary) {
    const w = /^\[Warning\] \$(\d) (?:Action is not legal|Performed another (\d+))/.exec(l);
    if (w !== null) illegal[Number(w[1])] += w[2] !== undefined ? Number(w[2]) : 1;
  }
  const params = explicitParams(options.params, match.seeds);
  const scores: [number, number] = [match.scores[0], match.scores[1]];
  return { winner: match.winner, scores, failure, illegal, summary: match.summary, params, turns, logLine: logLine(frames, scores, params) };
}

function logLine(frames: { player: number; output: string | null; stderr: string; summary: string[] }[], scores: [number, number], params: Record<string, string>): string {
  const column = (p: number, pick: (f: (typeof frames)[number]) => string | null): (string | null)[] => frames.map((f) => (f.player === p ? pick(f) : null));
  const json = {
    errors: { 0: column(0, (f) => f.stderr || null), 1: column(1, (f) => f.stderr || null), referee: frames.map(() => null) },
    outputs: { 0: column(0, (f) => (f.output === null ? null : f.output + '\n')), 1: column(1, (f) => (f.output === null ? null : f.output + '\n')) },
    summaries: frames.map((f) => f.summary.join('\n')),
    scores: { 0: scores[0], 1: scores[1] },
    gameParameters: Object.entries(params).map(([k, v]) => `${k}=${v}`).join('\n'),
  };
  return `${JSON.stringify(json)} ${scores[0]} ${scores[1]} ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ')}`;
}

/** The game as a JSON replay. */
export function toReplay(version: Version, names: readonly [string, string], game: RefereeGameResult): LocmReplay {
  return {
    format: 'ludus-locm-replay', formatVersion: 1, version, params: game.params, players: [names[0], names[1]],
    turns: game.turns, winner: game.winner, scores: game.scores,
  };
}

/** Wilson score interval for k successes in n trials (z = 1.96 gives 95%). */
export function wilsonInterval(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n, z2 = z * z, d = 1 + z2 / n;
  const c = (p + z2 / (2 * n)) / d, h = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

export interface SeriesOptions {
  version: Version;
  /** Player specs: shell commands, or `agent:NAME[@SEED]` for in-process agents. */
  p1: string;
  p2: string;
  /** Referee seed of the first game; game (or swapped pair) i uses seed + i. */
  seed: number;
  games: number;
  /** Alternate seats: games 2i and 2i+1 share a seed with the players swapped. */
  swap: boolean;
  limits?: TimeLimits;
  onNotice?: (game: number, line: string) => void;
  onGame?: (game: number, p1Seat: number, result: RefereeGameResult) => void | Promise<void>;
}

export interface SeriesResult {
  games: number;
  /** Wins of p1 and p2 (LOCM has no draws: every game ends with a winner). */
  wins: [number, number];
  failures: [Record<FailureKind, number>, Record<FailureKind, number>];
  illegal: [number, number];
}

/** Plays `games` games between p1 and p2, each with fresh processes. */
export async function runSeries(o: SeriesOptions): Promise<SeriesResult> {
  const out: SeriesResult = {
    games: 0, wins: [0, 0], illegal: [0, 0],
    failures: [{ timeout: 0, crash: 0, malformed: 0 }, { timeout: 0, crash: 0, malformed: 0 }],
  };
  for (let i = 0; i < o.games; i++) {
    const p1Seat = o.swap && i % 2 === 1 ? 1 : 0;
    const seed = o.seed + (o.swap ? Math.floor(i / 2) : i);
    const specs = p1Seat === 0 ? [o.p1, o.p2] : [o.p2, o.p1];
    const labels = p1Seat === 0 ? ['p1', 'p2'] : ['p2', 'p1'];
    const first = makePlayer(specs[0], o.version, labels[0]);
    let second: RefereePlayer;
    try {
      second = makePlayer(specs[1], o.version, labels[1]);
    } catch (e) {
      await first.close();
      throw e;
    }
    const result = await refereeGame([first, second], { version: o.version, params: { seed: String(seed) }, limits: o.limits, onNotice: (l) => o.onNotice?.(i, l) });
    const who = (seat: number): number => (seat === p1Seat ? 0 : 1);
    out.games++;
    out.wins[who(result.winner)]++;
    for (let s = 0; s < 2; s++) out.illegal[who(s)] += result.illegal[s];
    if (result.failure !== null) out.failures[who(result.failure.player)][result.failure.kind]++;
    await o.onGame?.(i, p1Seat, result);
  }
  return out;
}
