// Ludus's public face. Each area is also importable on its own (`ludus/core`, `ludus/env`,
// `ludus/envs`, `ludus/algos`, …); importing `ludus/envs` registers the built-in environments.
export * as core from './core/index.js';
export * as env from './env/index.js';
export * as envs from './envs/index.js';
export * as algos from './algos/index.js';
export * as tabular from './algos/tabular/index.js';
export * as plot from './plot/index.js';
export * as locm from './envs/locm/index.js';
export { Run } from './runs/run.js';
