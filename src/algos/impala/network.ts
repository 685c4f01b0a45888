// The pluggable policy/value network of the actor–learner core. Actors live in other threads, so a
// network is named by a NetworkSpec (module URL, export name, cloneable options) that every thread
// imports and builds the same way; the learner trains its copy and actors receive the weights.
import type { Rng } from '../../core/rng.js';
import type { Tensor } from '../../core/tensor.js';
import * as op from '../../core/ops/index.js';
import { MLP, init } from '../../core/nn/index.js';
import { Categorical } from '../../core/distributions/index.js';
import { ConfigError } from '../ppo/config.js';

/** What a network computes for a batch of n observations. */
export interface NetworkOutput {
  /** Policy logits [n × numActions]. */
  logits: Tensor;
  /** Baseline V(x) [n]. */
  value: Tensor;
}

export interface ImpalaNetwork {
  /** The trainable tensors, in a fixed order (the order weights are published to actors in). */
  namedParameters(prefix?: string): [string, Tensor][];
  forward(obs: Tensor): NetworkOutput;
  /**
   * Optional behaviour policy μ built from the output (ERF/CASA-style closed-form exploration) for the
   * rows of actor `actor` (row i is its env i). Writes one action per row and log μ(a|x); the default
   * samples from softmax(logits).
   */
  behaviour?(out: NetworkOutput, rng: Rng, actions: Int32Array, logMu: Float32Array, actor: number): void;
  /** Optional per-episode hooks (ERF/CASA draw an exploration arm per episode from a bandit). */
  episodes?: EpisodeHooks;
}

/**
 * What an actor reports about its envs' episodes, in order. In-thread actors share one network, so
 * every call names the actor. Hooks run on the actor's thread and must not allocate (hot path).
 */
export interface EpisodeHooks {
  /** Actor `actor` restarted all its envs: every unfinished episode is abandoned (no return). */
  reset(actor: number): void;
  /** Env `env` of actor `actor` starts an episode (after reset, or right after the previous one ended). */
  start(actor: number, env: number): void;
  /** Env `env` of actor `actor` finished an episode with this (unclipped) return. */
  end(actor: number, env: number, episodeReturn: number): void;
}

export interface NetworkDims {
  obsSize: number;
  numActions: number;
}

/** Builds a network; `rng` draws the initial weights (actors' copies are overwritten by the learner's). */
export type NetworkFactory = (dims: NetworkDims, options: Record<string, unknown>, rng: Rng) => ImpalaNetwork;

/** A network any thread can build: `(await import(module))[exportName](dims, options, rng)`. */
export interface NetworkSpec {
  module: string;
  exportName: string;
  /** Structured-cloneable options passed to the factory. */
  options: Record<string, unknown>;
}

/** Separate policy and baseline MLPs with orthogonal initialisation (as PPO's). Options: hidden, activation. */
export const mlpActorCritic: NetworkFactory = (dims, options, rng) => {
  const hidden = options.hidden as number[];
  const activation = options.activation as 'tanh' | 'relu';
  const hiddenInit = init.orthogonal(Math.SQRT2);
  const policy = new MLP([dims.obsSize, ...hidden, dims.numActions], rng, { activation, hiddenInit, outputInit: init.orthogonal(0.01), biasInit: init.zeros() });
  const baseline = new MLP([dims.obsSize, ...hidden, 1], rng, { activation, hiddenInit, outputInit: init.orthogonal(1), biasInit: init.zeros() });
  return {
    namedParameters: (prefix = '') => [...policy.namedParameters(`${prefix}policy.`), ...baseline.namedParameters(`${prefix}baseline.`)],
    forward: (obs) => ({ logits: policy.forward(obs), value: op.reshape(baseline.forward(obs), [obs.shape[0]]) }),
  };
};

/** The spec of the default network for the given settings. */
export function defaultNetworkSpec(hidden: readonly number[], activation: 'tanh' | 'relu'): NetworkSpec {
  return { module: import.meta.url, exportName: 'mlpActorCritic', options: { hidden: [...hidden], activation } };
}

/** Imports a spec's module and returns its factory (works in any thread). */
export async function loadNetworkFactory(spec: NetworkSpec): Promise<NetworkFactory> {
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const factory = mod[spec.exportName];
  if (typeof factory !== 'function') throw new ConfigError(`IMPALA network: ${spec.module} has no exported factory '${spec.exportName}'`);
  return factory as NetworkFactory;
}

/** Samples from softmax(logits): the behaviour of networks without their own. */
export function sampleBehaviour(net: ImpalaNetwork, out: NetworkOutput, rng: Rng, actions: Int32Array, logMu: Float32Array, actor: number): void {
  if (net.behaviour) {
    net.behaviour(out, rng, actions, logMu, actor);
    return;
  }
  const dist = new Categorical(out.logits);
  dist.sample(rng, actions);
  const lp = dist.logProbs.data, n = dist.n;
  for (let i = 0; i < actions.length; i++) logMu[i] = lp[i * n + actions[i]];
}

/** Total float count of a parameter list. */
export function parameterCount(params: readonly Tensor[]): number {
  let n = 0;
  for (const t of params) n += t.size;
  return n;
}

/** Copies the parameters, in order, into `flat` (publishing) or from it (receiving). */
export function copyParametersFlat(params: readonly Tensor[], flat: Float32Array, direction: 'toFlat' | 'fromFlat'): void {
  let o = 0;
  for (const t of params) {
    if (direction === 'toFlat') flat.set(t.data, o);
    else t.data.set(flat.subarray(o, o + t.size));
    o += t.size;
  }
}
