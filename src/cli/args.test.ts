import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError, formatUsage, type CommandSpec } from './args.js';

const train: CommandSpec = {
  name: 'train',
  summary: 'Trains an agent.',
  positionals: ['algo', 'env', 'extra?'],
  options: {
    steps: { type: 'int', description: 'environment steps', default: 100 },
    lr: { type: 'number', description: 'learning rate' },
    name: { type: 'string', description: 'run name' },
    resume: { type: 'boolean', description: 'continue', default: false },
    device: { type: 'string', description: 'kernels', choices: ['wasm', 'reference'] },
  },
};

test('parses positionals, typed options, = syntax, booleans and defaults', () => {
  const p = parseArgs(train, ['ppo', 'CartPole-v1', '--steps', '50_000', '--lr=3e-4', '--resume', '--name', 'a']);
  assert.deepEqual(p.positionals, { algo: 'ppo', env: 'CartPole-v1', extra: undefined });
  assert.deepEqual(p.options, { steps: 50000, lr: 3e-4, name: 'a', resume: true, device: undefined });
  assert.equal(parseArgs(train, ['a', 'b', '--no-resume']).options.resume, false);
  assert.equal(parseArgs(train, ['a', 'b']).options.steps, 100);
});

test('mistakes become UsageErrors that name the problem', () => {
  const cases: Array<[string[], RegExp]> = [
    [['ppo'], /missing <env>/],
    [['a', 'b', 'c', 'd'], /unexpected argument 'd'/],
    [['a', 'b', '--stepz', '5'], /unknown option --stepz; did you mean --steps\?/],
    [['a', 'b', '--steps', '1.5'], /--steps needs a whole number, got '1.5'/],
    [['a', 'b', '--steps', 'many'], /--steps needs a number/],
    [['a', 'b', '--steps'], /--steps needs a value/],
    [['a', 'b', '--device', 'gpu'], /--device must be one of wasm, reference; got 'gpu'/],
    [['a', 'b', '--resume=yes'], /--resume takes true or false/],
  ];
  for (const [argv, re] of cases) assert.throws(() => parseArgs(train, argv), (e: unknown) => e instanceof UsageError && re.test(e.message));
});

test('usage lists positionals and options with defaults', () => {
  const u = formatUsage(train);
  assert.match(u, /usage: ludus train <algo> <env> \[extra\] \[options\]/);
  assert.match(u, /--steps <int> +environment steps \(default: 100\)/);
  assert.match(u, /\[wasm\|reference\]/);
});
