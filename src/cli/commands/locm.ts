// `ludus locm <referee|bot|watch|play>`: Legends of Code and Magic from the command line —
// a referee for external bots, any Ludus agent as a competition bot, a terminal replay viewer
// and a person playing against an agent.
import { appendFileSync, writeFileSync } from 'node:fs';
import { UsageError, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { BotSession, resolveAgent, serveBot } from '../../envs/locm/bot.js';
import type { Version } from '../../envs/locm/engine.js';
import { OFFICIAL_LIMITS, killAllBots, runSeries, toReplay, wilsonInterval, type TimeLimits } from '../../envs/locm/referee.js';
import { readReplay, simulateReplay, writeReplay } from '../../envs/locm/replay-json.js';
import { watchReplay } from '../../envs/locm/viewer.js';
import { playHuman } from '../../envs/locm/human.js';
import { registerNeuralAgents } from '../../envs/locm/agent/neural-agent.js';

// Trained policies (`ludus-1.5`, `ludus-1.2`, `<file>.safetensors`) resolve wherever agents are named.
registerNeuralAgents();

const ACTIONS = ['referee', 'bot', 'watch', 'play'] as const;
type Action = (typeof ACTIONS)[number];

/** Which actions each option applies to (checked, so a misplaced option is a usage error). */
const APPLIES: Record<string, readonly Action[]> = {
  p1: ['referee'], p2: ['referee'], games: ['referee'], swap: ['referee'], log: ['referee'], verbose: ['referee'],
  'turn-ms': ['referee'], 'first-turn-ms': ['referee'], 'draft-ms': ['referee'], 'first-draft-ms': ['referee'], 'constructed-ms': ['referee'],
  agent: ['bot'], echo: ['bot'], vs: ['play'], seat: ['play'],
  version: ['referee', 'bot', 'play'], seed: ['referee', 'bot', 'play'], replay: ['referee', 'play'], all: ['watch'],
};

function str(args: ParsedArgs, key: string): string | undefined {
  const v = args.options[key];
  return typeof v === 'string' ? v : undefined;
}

function int(args: ParsedArgs, key: string, fallback: number, min: number): number {
  const v = args.options[key];
  const n = typeof v === 'number' ? v : fallback;
  if (n < min) throw new UsageError(`--${key} must be at least ${min}, got ${n}`);
  return n;
}

function version(args: ParsedArgs): Version {
  const v = str(args, 'version');
  if (v === undefined) throw new UsageError('--version 1.2 or --version 1.5 is required');
  return v as Version;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

async function referee(args: ParsedArgs): Promise<void> {
  const p1 = str(args, 'p1'), p2 = str(args, 'p2');
  if (p1 === undefined || p2 === undefined) throw new UsageError('the referee needs --p1 and --p2 (shell commands, or agent:NAME for an in-process agent)');
  const v = version(args);
  const games = int(args, 'games', 1, 1), seed = int(args, 'seed', 1, Number.MIN_SAFE_INTEGER);
  const limits: TimeLimits = {
    firstDraftMs: int(args, 'first-draft-ms', OFFICIAL_LIMITS.firstDraftMs, 1), draftMs: int(args, 'draft-ms', OFFICIAL_LIMITS.draftMs, 1),
    constructedMs: int(args, 'constructed-ms', OFFICIAL_LIMITS.constructedMs, 1),
    firstTurnMs: int(args, 'first-turn-ms', OFFICIAL_LIMITS.firstTurnMs, 1), turnMs: int(args, 'turn-ms', OFFICIAL_LIMITS.turnMs, 1),
  };
  const log = str(args, 'log'), replay = str(args, 'replay'), verbose = args.options.verbose === true;
  if (replay !== undefined && games > 1) throw new UsageError('--replay records one game; use --games 1 (or --log for many games)');
  if (log !== undefined) writeFileSync(log, '');
  const onInterrupt = (): void => { killAllBots(); process.exit(130); };
  process.once('SIGINT', onInterrupt);
  try {
    const result = await runSeries({
      version: v, p1, p2, seed, games, swap: args.options.swap === true, limits,
      onNotice: (g, line) => {
        if (verbose || !line.startsWith('[Warning]')) console.error(`game ${g + 1}: ${line.replace(/^\$(\d)/, (_, s: string) => `seat ${s}`)}`);
      },
      onGame: (g, p1Seat, r) => {
        if (log !== undefined) appendFileSync(log, r.logLine + '\n');
        if (replay !== undefined) writeReplay(replay, toReplay(v, p1Seat === 0 ? [p1, p2] : [p2, p1], r));
        const who = r.winner === p1Seat ? 'p1' : 'p2';
        const why = r.failure === null ? '' : ` (${r.failure.player === p1Seat ? 'p1' : 'p2'} ${r.failure.kind}: ${r.failure.message})`;
        console.log(`game ${g + 1}: seed ${r.params.seed}, p1 in seat ${p1Seat}, ${who} wins${why}`);
      },
    });
    const n = result.games;
    console.log(`\nLOCM ${v}, ${n} game${n === 1 ? '' : 's'} (no draws in LOCM)`);
    for (const [i, name] of [[0, 'p1'], [1, 'p2']] as const) {
      const [lo, hi] = wilsonInterval(result.wins[i], n);
      const f = result.failures[i];
      const ci = n > 1 ? `  95% CI ${pct(lo)}–${pct(hi)}` : '';
      console.log(`  ${name}: ${result.wins[i]} wins (${pct(result.wins[i] / n)})${ci}; timeouts ${f.timeout}, crashes ${f.crash}, malformed ${f.malformed}, illegal actions skipped ${result.illegal[i]}`);
    }
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

async function bot(args: ParsedArgs): Promise<void> {
  const spec = str(args, 'agent');
  if (spec === undefined) throw new UsageError('--agent is required (random, pass, baseline1, baseline2, greedy, ludus-1.5, ludus-1.2 or a policy .safetensors file)');
  const session = new BotSession(resolveAgent(spec), version(args), int(args, 'seed', 0, Number.MIN_SAFE_INTEGER) >>> 0);
  await serveBot(session, process.stdin, process.stdout, { echo: args.options.echo === true });
}

async function watch(args: ParsedArgs): Promise<void> {
  const path = args.positionals.file;
  if (path === undefined) throw new UsageError('watch needs a replay file: ludus locm watch <replay.json>');
  const replay = readReplay(path);
  await watchReplay(replay, simulateReplay(replay), { interactive: process.stdin.isTTY === true && args.options.all !== true });
}

async function play(args: ParsedArgs): Promise<void> {
  const vs = str(args, 'vs');
  if (vs === undefined) throw new UsageError('--vs <agent> is required (random, pass, baseline1, baseline2, greedy)');
  const seat = int(args, 'seat', 0, 0);
  if (seat > 1) throw new UsageError('--seat is 0 (you move first) or 1');
  const v = version(args);
  const replay = await playHuman({
    version: v, seed: int(args, 'seed', 1, Number.MIN_SAFE_INTEGER), seat, opponent: resolveAgent(vs), opponentName: vs,
    input: process.stdin, write: (s) => process.stdout.write(s),
  });
  const path = str(args, 'replay');
  if (path !== undefined) {
    writeReplay(path, replay);
    console.log(`replay written to ${path} (ludus locm watch ${path})`);
  }
}

export const locmCommand: Command = {
  name: 'locm',
  summary: 'Legends of Code and Magic: referee, bot, watch <replay>, play',
  positionals: ['action', 'file?'],
  options: {
    version: { type: 'string', description: 'game version (referee, bot, play)', choices: ['1.2', '1.5'] },
    p1: { type: 'string', description: 'referee: player 1, a shell command or agent:NAME[@SEED]' },
    p2: { type: 'string', description: 'referee: player 2, a shell command or agent:NAME[@SEED]' },
    seed: { type: 'int', description: 'referee: seed of the first game (default 1); bot: agent seed (default 0); play: game seed (default 1)' },
    games: { type: 'int', description: 'referee: number of games (default 1)' },
    swap: { type: 'boolean', description: 'referee: alternate seats, two games per seed' },
    log: { type: 'string', description: 'referee: write every game in the recorded-match format (one line each)' },
    replay: { type: 'string', description: 'referee (one game), play: write a JSON replay' },
    verbose: { type: 'boolean', description: 'referee: also print every skipped-illegal-action warning' },
    'turn-ms': { type: 'int', description: `referee: battle turn limit (default ${OFFICIAL_LIMITS.turnMs})` },
    'first-turn-ms': { type: 'int', description: `referee: first battle turn limit (default ${OFFICIAL_LIMITS.firstTurnMs})` },
    'draft-ms': { type: 'int', description: `referee: 1.2 draft turn limit (default ${OFFICIAL_LIMITS.draftMs})` },
    'first-draft-ms': { type: 'int', description: `referee: 1.2 first draft turn limit (default ${OFFICIAL_LIMITS.firstDraftMs})` },
    'constructed-ms': { type: 'int', description: `referee: 1.5 constructed turn limit (default ${OFFICIAL_LIMITS.constructedMs})` },
    agent: { type: 'string', description: 'bot: the agent to serve (random, pass, baseline1, baseline2, greedy)' },
    echo: { type: 'boolean', description: 'bot: echo the input to stderr, as the recorded bots did' },
    vs: { type: 'string', description: 'play: the agent to play against' },
    seat: { type: 'int', description: 'play: your seat, 0 (first) or 1 (default 0)' },
    all: { type: 'boolean', description: 'watch: print every turn instead of stepping' },
  },
  async run(args) {
    const action = args.positionals.action as Action;
    if (!ACTIONS.includes(action)) throw new UsageError(`unknown action '${action}'; expected one of ${ACTIONS.join(', ')}`);
    for (const [key, value] of Object.entries(args.options)) {
      if (value !== undefined && !APPLIES[key].includes(action)) throw new UsageError(`--${key} does not apply to '${action}' (only to ${APPLIES[key].join(', ')})`);
    }
    if (args.positionals.file !== undefined && action !== 'watch') throw new UsageError(`unexpected argument '${args.positionals.file}'`);
    const run: Record<Action, (a: ParsedArgs) => Promise<void>> = { referee, bot, watch, play };
    await run[action](args);
  },
};
