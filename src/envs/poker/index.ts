// Public face of the poker games: Kuhn and Leduc, each as a tree (Game) and as a learner env.
export { KuhnPoker, KuhnEnv, KuhnEngine, KUHN_PASS, KUHN_BET } from './kuhn.js';
export { LeducPoker, LeducEnv, LeducEngine, LEDUC_FOLD, LEDUC_CALL, LEDUC_RAISE } from './leduc.js';
export { EngineState, EngineEnv, type GameEngine } from './engine.js';
