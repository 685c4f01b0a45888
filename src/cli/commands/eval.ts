// `ludus eval <run>`: loads a run's latest checkpoint and plays evaluation episodes.
import { algorithm, evaluatePolicy } from '../../algos/index.js';
import { Run, RunError } from '../../runs/run.js';
import type { Command } from '../command.js';

export const evalCommand: Command = {
  name: 'eval',
  summary: "Evaluates a run's latest checkpoint over whole episodes.",
  positionals: ['run'],
  options: {
    episodes: { type: 'int', description: 'episodes to play', default: 20 },
    seed: { type: 'int', description: 'seed of the evaluation env', default: 12345 },
    dir: { type: 'string', description: 'folder that holds the runs', default: 'runs' },
  },
  async run({ positionals, options }) {
    const run = Run.open(positionals.run!, options.dir as string);
    const algo = algorithm(run.info.algo);
    if (!algo) throw new RunError(`run '${run.info.name}' was trained with '${run.info.algo}', which this Ludus does not know`);
    const ckpt = run.loadLatestCheckpoint();
    if (!ckpt) throw new RunError(`run '${run.info.name}' has no checkpoint yet`);
    const learner = await algo.create(run.info.env, (run.info.config.overrides ?? {}) as Record<string, unknown>, run.info.seed);
    try {
      learner.restore(ckpt.tensors);
      const episodes = options.episodes as number;
      const r = evaluatePolicy(run.info.env, (obs) => learner.act(obs), episodes, options.seed as number);
      console.log(`${run.info.name} (${run.info.algo} on ${run.info.env}, step ${ckpt.step}):`);
      console.log(`mean return ${r.mean.toFixed(1)} ± ${r.std.toFixed(1)} over ${episodes} episodes (min ${Math.min(...r.returns)}, max ${Math.max(...r.returns)})`);
    } finally {
      learner.close();
    }
  },
};
