// Evaluation of a trained policy: whole episodes on a fresh env, seeded, with the policy's
// deterministic action unless asked otherwise.
import { make } from '../env/registry.js';
import type { Env } from '../env/types.js';

export type ObsPolicy = (obs: Float32Array) => number | Float32Array;

export interface EvalResult {
  episodes: number;
  returns: number[];
  lengths: number[];
  mean: number;
  std: number;
}

export function evaluatePolicy(envId: string, policy: ObsPolicy, episodes: number, seed: number): EvalResult {
  const env = make(envId) as Env<Float32Array, number | Float32Array>;
  const returns: number[] = [], lengths: number[] = [];
  try {
    for (let e = 0; e < episodes; e++) {
      let { obs } = env.reset(e === 0 ? { seed } : {});
      let total = 0, length = 0;
      for (;;) {
        const r = env.step(policy(obs));
        total += r.reward;
        length++;
        obs = r.obs;
        if (r.terminated || r.truncated) break;
      }
      returns.push(total);
      lengths.push(length);
    }
  } finally {
    env.close();
  }
  const mean = returns.reduce((a, b) => a + b, 0) / episodes;
  const std = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / episodes);
  return { episodes, returns, lengths, mean, std };
}
