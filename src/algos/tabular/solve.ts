// One entry point for the tabular equilibrium solvers, called by `ludus solve <game> --algo
// xfp|cfr|cfr+ --iterations N`: compiles the game once, runs the solver, measures the exact NashConv
// of its average policy on a schedule, and reports each measurement as it is made.

import type { Game } from '../../env/game.js';
import { Cfr, CFR_DEFAULTS, CFR_PLUS_DEFAULTS } from './cfr.js';
import { TabularError } from './errors.js';
import { PolicyEvaluator } from './evaluate.js';
import type { TabularPolicy } from './policy.js';
import type { TabularSolver } from './solver.js';
import { compileGame, type CompiledTree } from './tree.js';
import { Xfp } from './xfp.js';

export const SOLVER_ALGOS = ['xfp', 'cfr', 'cfr+'] as const;
export type SolverAlgo = (typeof SOLVER_ALGOS)[number];

/** Checks a user-supplied algorithm name (e.g. from the command line). */
export function parseSolverAlgo(name: string): SolverAlgo {
  const algo = SOLVER_ALGOS.find((a) => a === name.toLowerCase());
  if (algo === undefined) throw new TabularError(`unknown solver '${name}'; choose one of ${SOLVER_ALGOS.join(', ')}`);
  return algo;
}

/** A fresh solver of the named kind on a compiled tree. */
export function createSolver(tree: CompiledTree, algo: SolverAlgo): TabularSolver {
  switch (algo) {
    case 'xfp': return new Xfp(tree);
    case 'cfr': return new Cfr(tree, CFR_DEFAULTS);
    case 'cfr+': return new Cfr(tree, CFR_PLUS_DEFAULTS);
  }
}

export interface SolveProgress {
  iteration: number;
  /** NashConv of the average policy (sum over players of best-response gains). */
  nashConv: number;
  /** NashConv / numPlayers. */
  exploitability: number;
  /** Expected return of each player under the average policy. */
  expectedValues: number[];
  /** Seconds spent in solver iterations so far (evaluation excluded). */
  solverSeconds: number;
}

export interface SolveOptions {
  /**
   * When to measure NashConv: 'log' (default) at iterations 1..10, then whenever the iteration has
   * grown by `logStep` (default 5%), and at the last; or a number k: every k iterations and at the last.
   */
  evaluateEvery?: 'log' | number;
  logStep?: number;
  /** Stop at the first measurement with NashConv below this. */
  targetNashConv?: number;
  /** Stop (after a final measurement) once solver and evaluation time together pass this many seconds. */
  timeLimitSeconds?: number;
  /** A tree already compiled from `game` (saves the traversal when solving one game repeatedly). */
  tree?: CompiledTree;
}

export interface SolveResult {
  algo: SolverAlgo;
  game: string;
  /** Iterations run (fewer than asked when the target was reached or time ran out). */
  iterations: number;
  /** Why the run ended. */
  stoppedBy: 'iterations' | 'target' | 'timeLimit';
  /** The solver's average policy at the end. */
  policy: TabularPolicy;
  tree: CompiledTree;
  /** Every measurement, in order. */
  curve: SolveProgress[];
  /** The first measured iteration with NashConv below targetNashConv, or null. */
  reachedTargetAt: number | null;
  solverSeconds: number;
  evaluationSeconds: number;
  /** Solver iterations per second, evaluation excluded. */
  iterationsPerSecond: number;
}

/** Runs `iterations` iterations of `algo` on `game`, calling `onProgress` at each measurement. */
export function solve(
  game: Game,
  algo: SolverAlgo,
  iterations: number,
  onProgress?: (progress: SolveProgress) => void,
  options: SolveOptions = {},
): SolveResult {
  if (!Number.isInteger(iterations) || iterations < 1) throw new TabularError(`solve: iterations must be a positive integer, got ${iterations}`);
  const every = options.evaluateEvery ?? 'log';
  if (every !== 'log' && !(Number.isInteger(every) && every >= 1)) throw new TabularError(`solve: evaluateEvery must be 'log' or a positive integer, got ${every}`);
  const logStep = options.logStep ?? 0.05;
  if (!(logStep > 0)) throw new TabularError(`solve: logStep must be positive, got ${logStep}`);
  const timeLimit = options.timeLimitSeconds ?? Infinity;
  if (!(timeLimit > 0)) throw new TabularError(`solve: timeLimitSeconds must be positive, got ${timeLimit}`);
  const tree = options.tree ?? compileGame(game);
  if (tree.gameName !== game.name) throw new TabularError(`solve: the tree given was compiled from '${tree.gameName}', not '${game.name}'`);
  const solver = createSolver(tree, algo);
  const evaluator = new PolicyEvaluator(tree);
  const curve: SolveProgress[] = [];
  let solverSeconds = 0;
  let evaluationSeconds = 0;
  let reachedTargetAt: number | null = null;
  let stoppedBy: SolveResult['stoppedBy'] = 'iterations';
  let nextLog = 1;
  let it = 0;
  while (it < iterations) {
    const t0 = performance.now();
    solver.step();
    solverSeconds += (performance.now() - t0) / 1000;
    it++;
    const outOfTime = solverSeconds + evaluationSeconds >= timeLimit;
    let measure = it === iterations || outOfTime;
    if (every === 'log') {
      if (it >= nextLog) {
        measure = true;
        nextLog = it < 10 ? it + 1 : Math.max(it + 1, Math.ceil(it * (1 + logStep)));
      }
    } else if (it % every === 0) measure = true;
    if (!measure) continue;
    const t1 = performance.now();
    const report = evaluator.nashConv(solver.averagePolicy());
    evaluationSeconds += (performance.now() - t1) / 1000;
    const progress: SolveProgress = {
      iteration: it, nashConv: report.nashConv, exploitability: report.exploitability,
      expectedValues: report.expectedValues, solverSeconds,
    };
    curve.push(progress);
    onProgress?.(progress);
    if (options.targetNashConv !== undefined && report.nashConv < options.targetNashConv) {
      reachedTargetAt = it;
      stoppedBy = 'target';
      break;
    }
    if (outOfTime) {
      stoppedBy = 'timeLimit';
      break;
    }
  }
  return {
    algo, game: game.name, iterations: it, stoppedBy, policy: solver.averagePolicy(), tree, curve, reachedTargetAt,
    solverSeconds, evaluationSeconds, iterationsPerSecond: solverSeconds > 0 ? it / solverSeconds : Infinity,
  };
}
