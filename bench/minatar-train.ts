// MinAtar training throughput: environment steps per second of each learner training on MinAtar
// Breakout (full action set, the paper's setting), through the same registry `ludus train` uses.
// IMPALA, ERF and CASA use the MinAtar conv net (10×10×4 → conv 3×3×16 → 128 → heads) with their
// default actors (2 worker threads in lockstep, 4 envs each; ERF and CASA draw an exploration arm per
// episode); DQN uses its MinAtar preset (the paper's conv Q-network, one gradient step of batch 32 per
// step) but starts learning after 1,000 steps here (the preset's 5,000 would time acting only); PPO
// flattens the 10×10×4 grid into its default MLP. Each learner runs a short warm-up call first; the figure is the timed call's steps / seconds.
// Usage: npm run bench:minatar-train [-- --steps 20000] [-- --learners impala,erf,casa,ppo,dqn] [-- --env MinAtar/Breakout-v0]
import { algorithm } from '../src/algos/index.js';

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** Settings that differ from a learner's defaults in this benchmark (see the header). */
const OVERRIDES: Record<string, Record<string, unknown>> = { dqn: { learningStarts: 1000 } };
const NETWORK: Record<string, string> = {
  impala: 'MinAtar conv net', erf: 'MinAtar conv net', casa: 'MinAtar conv net', ppo: 'flattened MLP', dqn: 'MinAtar conv Q-net',
};

async function main(): Promise<void> {
  const steps = Number(argValue('steps', '20000'));
  const envId = argValue('env', 'MinAtar/Breakout-v0');
  const learners = argValue('learners', 'impala,erf,casa,ppo,dqn').split(',');
  const figures: Record<string, number> = {};
  console.log(`MinAtar training throughput on ${envId}: ${steps} timed steps per learner after a warm-up\n`);
  console.log('learner   network             steps/s');
  for (const name of learners) {
    const entry = algorithm(name);
    if (entry === undefined) throw new Error(`unknown learner '${name}'`);
    const learner = await entry.create(envId, OVERRIDES[name] ?? {}, 1);
    try {
      learner.learn(Math.min(2048, steps), {}, { horizonSteps: steps * 2 });
      const t0 = performance.now(), s0 = learner.globalStep;
      learner.learn(steps, {}, { horizonSteps: steps * 2 });
      const sps = (learner.globalStep - s0) / ((performance.now() - t0) / 1000);
      figures[`${name}StepsPerSecond`] = Math.round(sps);
      console.log(`${name.padEnd(9)} ${(NETWORK[name] ?? '').padEnd(19)} ${Math.round(sps).toString().padStart(7)}`);
    } finally {
      learner.close();
    }
  }
  console.log(JSON.stringify({ bench: 'minatar-train', figures, targets: {} }));
}

await main();
