// Public face of the tabular game-theory tools: compiled game trees, tabular policies, exact
// best response / NashConv / exploitability, and the XFP, CFR and CFR+ solvers.
export { TabularError } from './errors.js';
export { compileGame, type CompiledTree, type InfosetTable, type CompileOptions } from './tree.js';
export {
  TabularPolicy, policyFromCallback, policyFromObservations, type InfosetView, type PolicyCallback, type ObservationPolicy,
} from './policy.js';
export {
  PolicyEvaluator, expectedValues, bestResponse, nashConv, nashConvOfCallback, nashConvOfObservationPolicy,
  type NashConvReport, type BestResponse,
} from './evaluate.js';
export type { TabularSolver } from './solver.js';
export { Cfr, cfrPlus, CFR_DEFAULTS, CFR_PLUS_DEFAULTS, type CfrConfig } from './cfr.js';
export { Xfp } from './xfp.js';
export {
  solve, createSolver, parseSolverAlgo, SOLVER_ALGOS,
  type SolverAlgo, type SolveOptions, type SolveProgress, type SolveResult,
} from './solve.js';
export { loadTabularGame, TABULAR_GAME_NAMES } from './games.js';
export { nashConvPlot, type NashConvPlotOptions } from './plot.js';
