// A small, typed command-line parser: commands declare their positionals and options, and any
// mistake becomes a UsageError that names the problem; main prints it with the usage, never a stack.

export type OptionType = 'string' | 'int' | 'number' | 'boolean';

export interface OptionSpec {
  type: OptionType;
  description: string;
  default?: string | number | boolean;
  /** Allowed values for a string option. */
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional arguments, in order; a trailing '?' marks one optional (`episodes?`). */
  positionals: readonly string[];
  options: Record<string, OptionSpec>;
}

export interface ParsedArgs {
  positionals: Record<string, string | undefined>;
  options: Record<string, string | number | boolean | undefined>;
}

export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string, readonly command?: CommandSpec) {
    super(message);
  }
}

export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options: ParsedArgs['options'] = {};
  for (const [key, opt] of Object.entries(spec.options)) options[key] = opt.default;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let key = arg.slice(2, eq === -1 ? undefined : eq);
    let negated = false;
    if (!(key in spec.options) && key.startsWith('no-') && spec.options[key.slice(3)]?.type === 'boolean') {
      key = key.slice(3);
      negated = true;
    }
    const opt = spec.options[key];
    if (!opt) throw new UsageError(`unknown option --${key}${suggest(key, Object.keys(spec.options), '--')}`, spec);
    if (opt.type === 'boolean') {
      if (eq !== -1) {
        const v = arg.slice(eq + 1);
        if (v !== 'true' && v !== 'false') throw new UsageError(`--${key} takes true or false, got '${v}'`, spec);
        options[key] = v === 'true';
      } else {
        options[key] = !negated;
      }
      continue;
    }
    let raw: string | undefined;
    if (eq !== -1) raw = arg.slice(eq + 1);
    else raw = argv[++i];
    if (raw === undefined || (eq === -1 && raw.startsWith('--'))) throw new UsageError(`--${key} needs a value`, spec);
    options[key] = convert(key, opt, raw, spec);
  }
  const positionals: ParsedArgs['positionals'] = {};
  const required = spec.positionals.filter((p) => !p.endsWith('?')).length;
  if (rest.length < required) {
    const missing = spec.positionals.slice(rest.length).filter((p) => !p.endsWith('?'));
    throw new UsageError(`missing ${missing.map((m) => `<${m}>`).join(' ')}`, spec);
  }
  if (rest.length > spec.positionals.length) {
    throw new UsageError(`unexpected argument '${rest[spec.positionals.length]}'`, spec);
  }
  spec.positionals.forEach((p, i) => (positionals[p.replace(/\?$/, '')] = rest[i]));
  return { positionals, options };
}

function convert(key: string, opt: OptionSpec, raw: string, spec: CommandSpec): string | number {
  if (opt.type === 'string') {
    if (opt.choices && !opt.choices.includes(raw)) {
      throw new UsageError(`--${key} must be one of ${opt.choices.join(', ')}; got '${raw}'`, spec);
    }
    return raw;
  }
  const value = Number(raw.replace(/_/g, ''));
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${key} needs a number, got '${raw}'`, spec);
  if (opt.type === 'int' && !Number.isInteger(value)) throw new UsageError(`--${key} needs a whole number, got '${raw}'`, spec);
  return value;
}

/** ", did you mean --steps?" when a close name exists (edit distance ≤ 2), else "". */
export function suggest(word: string, candidates: readonly string[], prefix = ''): string {
  let best = '';
  let bestDist = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  return best ? `; did you mean ${prefix}${best}?` : '';
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

export function formatUsage(spec: CommandSpec, program = 'ludus'): string {
  const pos = spec.positionals.map((p) => (p.endsWith('?') ? `[${p.slice(0, -1)}]` : `<${p}>`)).join(' ');
  const lines = [`usage: ${program} ${spec.name}${pos ? ' ' + pos : ''} [options]`, '', `  ${spec.summary}`];
  const entries = Object.entries(spec.options);
  if (entries.length) {
    lines.push('', 'options:');
    const width = Math.max(...entries.map(([k, o]) => k.length + (o.type === 'boolean' ? 0 : o.type.length + 3)));
    for (const [k, o] of entries) {
      const left = o.type === 'boolean' ? k : `${k} <${o.type}>`;
      const def = o.default !== undefined ? ` (default: ${o.default})` : '';
      const choices = o.choices ? ` [${o.choices.join('|')}]` : '';
      lines.push(`  --${left.padEnd(width)}  ${o.description}${choices}${def}`);
    }
  }
  return lines.join('\n');
}
