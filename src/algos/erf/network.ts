// The exploring network of ERF and CASA: any of the shared actor-critics (MLP or MinAtar conv net) plus
// per-episode exploration. Its episode hooks let each actor's bandit pick an arm for every episode an
// env starts and learn from the returns (controller.ts); its behaviour() acts with the closed-form μ of
// the env's current arm (behaviour.ts) and records log μ(a|x) for V-trace. The exploration state is
// shared memory named in the options, so the learner and every actor thread see the same floats.
import type { Rng } from '../../core/rng.js';
import { ConfigError } from '../ppo/config.js';
import { mlpActorCritic, type NetworkFactory, type NetworkSpec } from '../impala/network.js';
import { minatarActorCritic } from '../networks/minatar.js';
import { ARM_ENTROPY, ARM_TEMPERATURE, behaviourDistribution, type ExplorationArm } from './behaviour.js';
import { EpisodeArms, type ExplorationLayout } from './controller.js';

/** The base networks an exploring network can wrap, by their export name. */
const BASES: Readonly<Record<string, NetworkFactory>> = { mlpActorCritic, minatarActorCritic };

/**
 * Options: `base` (the wrapped actor-critic's spec, one of mlpActorCritic / minatarActorCritic), `arms`,
 * `layout` and `memory` (the SharedArrayBuffer of the exploration state, see ExplorationController).
 * Row i of actor a's forward batch is its env i and acts with that env's current arm.
 */
export const exploringActorCritic: NetworkFactory = (dims, options, rng: Rng) => {
  const base = options.base as NetworkSpec;
  const make = BASES[base.exportName];
  if (make === undefined) throw new ConfigError(`exploring network: unknown base network '${base.exportName}'; known: ${Object.keys(BASES).join(', ')}`);
  const arms = options.arms as ExplorationArm[];
  const layout = options.layout as ExplorationLayout;
  const episodes = new EpisodeArms(layout, new Float64Array(options.memory as SharedArrayBuffer));
  const net = make(dims, base.options, rng);
  // Each arm as (kind, τ or entropy level, ε), read every step.
  const kind = Float64Array.from(arms, (a) => (a.entropy !== undefined ? ARM_ENTROPY : ARM_TEMPERATURE));
  const value = Float64Array.from(arms, (a) => a.entropy ?? a.tau ?? 1);
  const eps = Float64Array.from(arms, (a) => a.eps ?? 0);
  const n = dims.numActions;
  const mu = new Float64Array(n);
  return {
    namedParameters: (prefix = '') => net.namedParameters(prefix),
    forward: (obs) => net.forward(obs),
    behaviour(out, rng2, actions, logMu, actor) {
      const z = out.logits.data;
      for (let r = 0; r < actions.length; r++) {
        const k = episodes.arm(actor, r);
        if (k < 0) throw new ConfigError(`exploring network: env ${r} of actor ${actor} acts outside an episode (the actor must report episode starts)`);
        behaviourDistribution(z, r * n, n, kind[k], value[k], eps[k], mu);
        const a = rng2.categorical(mu, n);
        actions[r] = a;
        logMu[r] = Math.log(mu[a]);
      }
    },
    episodes,
  };
};

/** The spec of an exploring network around `base` over the exploration state in `memory`. */
export function exploringNetworkSpec(base: NetworkSpec, arms: readonly ExplorationArm[], layout: ExplorationLayout, memory: Float64Array): NetworkSpec {
  if (!(base.exportName in BASES)) throw new ConfigError(`exploring network: cannot wrap '${base.exportName}'; known: ${Object.keys(BASES).join(', ')}`);
  if (!(memory.buffer instanceof SharedArrayBuffer)) throw new ConfigError('exploring network: the exploration state must live in a SharedArrayBuffer (actor threads share it)');
  return { module: import.meta.url, exportName: 'exploringActorCritic', options: { base, arms: arms.map((a) => ({ ...a })), layout: { ...layout }, memory: memory.buffer } };
}
