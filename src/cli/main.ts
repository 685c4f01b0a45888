// The `ludus` command line: dispatches to one command; a usage mistake prints the problem and
// the usage (never a stack trace), and a typed error from the library prints its message.
import { parseArgs, formatUsage, suggest, UsageError } from './args.js';
import type { Command } from './command.js';
import { evalCommand } from './commands/eval.js';
import { listCommand } from './commands/list.js';
import { locmCommand } from './commands/locm.js';
import { runsCommand } from './commands/runs.js';
import { solveCommand } from './commands/solve.js';
import { trainCommand } from './commands/train.js';

const commands: Command[] = [trainCommand, evalCommand, listCommand, runsCommand, solveCommand, locmCommand];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return ['usage: ludus <command> [arguments] [options]', '', 'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '', "Run 'ludus <command> --help' for a command's options."].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`ludus: unknown command '${name}'${suggest(name, commands.map((c) => c.name))}\n\n${overview()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(formatUsage(command));
    return 0;
  }
  try {
    await command.run(parseArgs(command, rest));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`ludus ${name}: ${e.message}\n\n${formatUsage(command)}`);
      return 2;
    }
    if (e instanceof Error && e.name !== 'Error' && !process.env.LUDUS_DEBUG) {
      console.error(`ludus ${name}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
