// The env registry (GYMNASIUM-SEMANTICS §4.1, §7): `register` an id with its entry point and spec, and
// `make(id, options)` builds the env with the standard wrapper stack, inside out:
// env → PassiveEnvChecker → OrderEnforcing → TimeLimit. Unknown ids get close-match suggestions.
import { checkSpace } from './checks.js';
import { EnvError, type Env, type EnvSpec, type RenderMode } from './types.js';
import { OrderEnforcing } from './wrappers/order-enforcing.js';
import { PassiveEnvChecker } from './wrappers/passive-env-checker.js';
import { TimeLimit } from './wrappers/time-limit.js';

/** Builds the raw env from the merged keyword arguments (renderMode included). */
export type EntryPoint = (kwargs: Record<string, unknown>) => Env<unknown, unknown>;

export interface RegisterOptions {
  /** `[namespace/]Name-vN`. */
  id: string;
  entryPoint: EntryPoint;
  maxEpisodeSteps?: number | null;
  rewardThreshold?: number | null;
  nondeterministic?: boolean;
  orderEnforce?: boolean;
  disableEnvChecker?: boolean;
  kwargs?: Record<string, unknown>;
  /**
   * URL of a module whose import registers this id (pass the registering module's `import.meta.url`).
   * Needed for worker-thread vector envs, which re-create envs by id inside each worker.
   */
  module?: string;
}

export interface MakeOptions {
  /** Overrides the spec's limit; −1 leaves out the TimeLimit. */
  maxEpisodeSteps?: number | null;
  renderMode?: RenderMode | null;
  disableEnvChecker?: boolean;
  /** Any other key is passed to the env's constructor, over the spec's kwargs. */
  [kwarg: string]: unknown;
}

const ID_PATTERN = /^(?:[\w:.-]+\/)?[\w:.-]+?(?:-v(\d+))?$/;

const registry = new Map<string, { spec: EnvSpec; entryPoint: EntryPoint }>();

export function register(options: RegisterOptions): EnvSpec {
  const { id } = options;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new EnvError(`register: malformed env id '${String(id)}'; expected [namespace/]Name-vN, e.g. 'CartPole-v1'`);
  if (registry.has(id)) throw new EnvError(`register: '${id}' is already registered; pick a new version (e.g. '${id.replace(/-v(\d+)$/, (_, v: string) => `-v${Number(v) + 1}`)}') or call unregister('${id}') first`);
  if (typeof options.entryPoint !== 'function') throw new EnvError(`register('${id}'): entryPoint must be a function that builds the env`);
  const steps = options.maxEpisodeSteps ?? null;
  if (steps !== null && (!Number.isInteger(steps) || steps <= 0)) throw new EnvError(`register('${id}'): maxEpisodeSteps must be a positive integer or null, got ${steps}`);
  const spec: EnvSpec = {
    id,
    maxEpisodeSteps: steps,
    rewardThreshold: options.rewardThreshold ?? null,
    kwargs: { ...(options.kwargs ?? {}) },
    nondeterministic: options.nondeterministic ?? false,
    orderEnforce: options.orderEnforce ?? true,
    disableEnvChecker: options.disableEnvChecker ?? false,
    ...(options.module !== undefined ? { module: options.module } : {}),
  };
  registry.set(id, { spec, entryPoint: options.entryPoint });
  return { ...spec };
}

export function unregister(id: string): boolean {
  return registry.delete(id);
}

export function registeredIds(): string[] {
  return [...registry.keys()].sort();
}

/** The registered spec of `id` (a copy); throws the unknown-id error otherwise. */
export function spec(id: string): EnvSpec {
  return { ...lookup(id).spec };
}

function lookup(id: string): { spec: EnvSpec; entryPoint: EntryPoint } {
  const entry = registry.get(id);
  if (entry !== undefined) return entry;
  const ids = registeredIds();
  const matches = suggest(id, ids);
  let message = `unknown env id '${id}'.`;
  if (matches.length > 0) message += ` Did you mean ${matches.map((m) => `'${m}'`).join(', ')}?`;
  else if (ids.length === 0) message += ' No env is registered yet: import the built-in envs (src/envs/index.js) or register() your own.';
  else message += ` Registered ids: ${ids.join(', ')}.`;
  throw new EnvError(message);
}

/** Ids close to `id`: same name with another version, a case-insensitive match, or within a small edit distance. */
export function suggest(id: string, ids: readonly string[], max = 3): string[] {
  const base = (s: string): string => s.replace(/-v\d+$/, '').toLowerCase();
  const scored = ids.map((candidate) => {
    let score = editDistance(id.toLowerCase(), candidate.toLowerCase());
    if (base(candidate) === base(id)) score = Math.min(score, 0.5);
    return { candidate, score };
  });
  const limit = Math.max(2, Math.floor(id.length / 3));
  return scored.filter((s) => s.score <= limit).sort((a, b) => a.score - b.score).slice(0, max).map((s) => s.candidate);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Builds a registered env with the standard wrappers. `make<O, A>` names the observation and action
 * types the caller expects (e.g. `make<Float32Array, Float32Array>('Pendulum-v1')`); they are not checked.
 */
export function make<O = Float32Array, A = number>(id: string, options: MakeOptions = {}): Env<O, A> {
  const { spec: registered, entryPoint } = lookup(id);
  const { maxEpisodeSteps, disableEnvChecker, renderMode, ...kwargs } = options;
  const merged: Record<string, unknown> = { ...registered.kwargs, ...kwargs };
  if (renderMode !== undefined) merged.renderMode = renderMode;
  const steps = maxEpisodeSteps === -1 ? null : (maxEpisodeSteps ?? registered.maxEpisodeSteps);
  const spec: EnvSpec = { ...registered, kwargs: merged, maxEpisodeSteps: steps, additionalWrappers: [] };
  let env = entryPoint(merged);
  if (env == null || typeof env.step !== 'function') throw new EnvError(`make('${id}'): the entry point did not return an Env`);
  env.spec = spec;
  const wrappers = spec.additionalWrappers!;
  if (!(disableEnvChecker ?? registered.disableEnvChecker)) {
    env = new PassiveEnvChecker(env);
    wrappers.push('PassiveEnvChecker');
  } else {
    checkSpace(env.observationSpace, 'observation');
    checkSpace(env.actionSpace, 'action');
  }
  if (registered.orderEnforce !== false) {
    env = new OrderEnforcing(env);
    wrappers.push('OrderEnforcing');
  }
  if (steps !== null) {
    env = new TimeLimit(env, steps);
    wrappers.push('TimeLimit');
  }
  return env as unknown as Env<O, A>;
}
