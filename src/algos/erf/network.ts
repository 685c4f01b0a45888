// The exploring network of ERF and CASA: any of the shared actor-critics (MLP or MinAtar conv net) plus
// a weight-like table of exploration arms, one row per env lane, that travels to the actors with the
// weights; its behaviour() hook acts with the closed-form μ of the row's arm (behaviour.ts) and records
// log μ(a|x) for V-trace. The table has no gradient, so the optimiser leaves it alone.
import type { Rng } from '../../core/rng.js';
import { fromBuffer } from '../../core/tensor.js';
import { ConfigError } from '../ppo/config.js';
import { mlpActorCritic, type NetworkFactory, type NetworkSpec } from '../impala/network.js';
import { minatarActorCritic } from '../networks/minatar.js';
import { ARM_ENTROPY, ARM_TEMPERATURE, behaviourDistribution, type ExplorationArm } from './behaviour.js';

/** Floats per lane row of the arm table: kind (ARM_TEMPERATURE | ARM_ENTROPY), τ or entropy level, ε. */
export const ARM_ROW = 3;
/** The table's parameter name (it is saved in checkpoints with the weights). */
export const ARM_TABLE = 'explore.arms';

/** The base networks an exploring network can wrap, by their export name. */
const BASES: Readonly<Record<string, NetworkFactory>> = { mlpActorCritic, minatarActorCritic };

/** Writes one arm into row `lane` of an arm table. */
export function writeArm(table: Float32Array, lane: number, arm: ExplorationArm): void {
  const o = lane * ARM_ROW;
  table[o] = arm.entropy !== undefined ? ARM_ENTROPY : ARM_TEMPERATURE;
  table[o + 1] = arm.entropy ?? arm.tau ?? 1;
  table[o + 2] = arm.eps ?? 0;
}

/**
 * Options: `base` (the wrapped actor-critic's spec, one of mlpActorCritic / minatarActorCritic) and
 * `lanes` (rows of the arm table). Row r of an actor's forward batch acts with lane r mod lanes: actors
 * forward their M envs together, so lane i is env i of every actor. Lanes start at τ = 1 (on-policy).
 */
export const exploringActorCritic: NetworkFactory = (dims, options, rng: Rng) => {
  const base = options.base as NetworkSpec;
  const lanes = options.lanes;
  const make = BASES[base.exportName];
  if (make === undefined) throw new ConfigError(`exploring network: unknown base network '${base.exportName}'; known: ${Object.keys(BASES).join(', ')}`);
  if (!(typeof lanes === 'number' && Number.isInteger(lanes) && lanes > 0)) throw new ConfigError(`exploring network: lanes must be a positive integer, got ${String(lanes)}`);
  const net = make(dims, base.options, rng);
  const table = new Float32Array(lanes * ARM_ROW);
  for (let i = 0; i < lanes; i++) writeArm(table, i, { tau: 1 });
  const arms = fromBuffer(table, [lanes, ARM_ROW]);
  const n = dims.numActions;
  const mu = new Float64Array(n);
  return {
    namedParameters: (prefix = '') => [...net.namedParameters(prefix), [`${prefix}${ARM_TABLE}`, arms]],
    forward: (obs) => net.forward(obs),
    behaviour(out, rng2, actions, logMu) {
      const z = out.logits.data;
      for (let r = 0; r < actions.length; r++) {
        const o = (r % lanes) * ARM_ROW;
        behaviourDistribution(z, r * n, n, table[o], table[o + 1], table[o + 2], mu);
        const a = rng2.categorical(mu, n);
        actions[r] = a;
        logMu[r] = Math.log(mu[a]);
      }
    },
  };
};

/** The spec of an exploring network around `base` with `lanes` arm rows. */
export function exploringNetworkSpec(base: NetworkSpec, lanes: number): NetworkSpec {
  if (!(base.exportName in BASES)) throw new ConfigError(`exploring network: cannot wrap '${base.exportName}'; known: ${Object.keys(BASES).join(', ')}`);
  return { module: import.meta.url, exportName: 'exploringActorCritic', options: { base, lanes } };
}
