// What a CLI command is: its spec (for parsing and usage) and what it runs.
import type { CommandSpec, ParsedArgs } from './args.js';

export interface Command extends CommandSpec {
  run(args: ParsedArgs): Promise<void> | void;
}
