// `ludus solve <game> --algo xfp|cfr|cfr+`: runs an exact equilibrium solver, printing the
// exploitability of its average policy as it goes, and plots exploitability against iterations.
import { solve, parseSolverAlgo, SOLVER_ALGOS } from '../../algos/tabular/solve.js';
import { loadTabularGame, TABULAR_GAME_NAMES } from '../../algos/tabular/games.js';
import { nashConvPlot } from '../../algos/tabular/plot.js';
import { writeSvg } from '../../plot/index.js';
import type { Command } from '../command.js';
import { ProgressBar } from '../progress.js';

export const solveCommand: Command = {
  name: 'solve',
  summary: `Finds a Nash equilibrium of a small game exactly (${TABULAR_GAME_NAMES.join(', ')}).`,
  positionals: ['game'],
  options: {
    algo: { type: 'string', description: 'solver', default: 'cfr+', choices: SOLVER_ALGOS },
    iterations: { type: 'int', description: 'solver iterations', default: 1000 },
    target: { type: 'number', description: 'stop once NashConv is below this' },
    plot: { type: 'string', description: 'SVG file for exploitability against iterations', default: 'solve-<game>-<algo>.svg' },
  },
  run({ positionals, options }) {
    const game = loadTabularGame(positionals.game!);
    const algo = parseSolverAlgo(options.algo as string);
    const iterations = options.iterations as number;
    const bar = new ProgressBar({ total: iterations, label: `${algo} ${game.name}`, unit: 'iterations', logEverySeconds: 2 });
    const result = solve(game, algo, iterations, (p) => bar.update(p.iteration, { NashConv: p.nashConv.toExponential(2) }),
      { targetNashConv: options.target as number | undefined });
    bar.finish();
    const last = result.curve[result.curve.length - 1];
    console.log(`${algo} on ${game.name}: ${result.iterations} iterations, ${Math.round(result.iterationsPerSecond)} iterations/s`);
    console.log(`NashConv ${last.nashConv.toExponential(3)}, exploitability ${last.exploitability.toExponential(3)}; ` +
      `values ${last.expectedValues.map((v) => v.toFixed(4)).join(', ')}`);
    if (result.reachedTargetAt !== null) console.log(`reached NashConv < ${options.target} at iteration ${result.reachedTargetAt}`);
    const path = String(options.plot).replace('<game>', game.name).replace('<algo>', algo.replace('+', 'plus'));
    writeSvg(path, nashConvPlot([result], { target: options.target as number | undefined }));
    console.log(`plot: ${path}`);
  },
};
