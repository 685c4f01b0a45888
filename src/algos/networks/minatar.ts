// Networks shared by the learners for image-like observations: the MinAtar conv net (Young & Tian
// 2019: 10×10×C → conv 3×3×16 → ReLU → dense 128 → ReLU → heads) as an IMPALA-core actor-critic and as
// DQN's Q-network, and the choice of network by observation shape so MinAtar ids get it without configuration.
import type { Rng } from '../../core/rng.js';
import type { Tensor } from '../../core/tensor.js';
import * as op from '../../core/ops/index.js';
import { Conv2d, Linear, Module, init } from '../../core/nn/index.js';
import { make } from '../../env/registry.js';
import { Box } from '../../env/spaces.js';
import type { Space } from '../../env/types.js';
import { ConfigError } from '../ppo/config.js';
import { defaultNetworkSpec, type NetworkFactory, type NetworkSpec } from '../impala/network.js';

/** MinAtar's grid side: observations are [10, 10, C], channels last. */
export const MINATAR_GRID = 10;
/** Filters of the 3×3 convolution and width of the dense layer (the MinAtar paper's network). */
export const MINATAR_FILTERS = 16;
export const MINATAR_HIDDEN = 128;

/** The channel count C when `shape` is a MinAtar-style [10, 10, C] grid, else null. */
export function minatarChannels(shape: readonly number[]): number | null {
  return shape.length === 3 && shape[0] === MINATAR_GRID && shape[1] === MINATAR_GRID && shape[2] >= 1 ? shape[2] : null;
}

/**
 * The MinAtar network as an actor-critic: a shared torso (valid 3×3 conv with 16 filters, ReLU, dense
 * 8·8·16 → 128, ReLU) and two linear heads (policy logits, initialised small so the first policy is
 * near uniform; value). Options: `channels` (C). Flat observations of 100·C floats are read as
 * [n, 10, 10, C] (the env's row-major, channels-last layout).
 */
export const minatarActorCritic: NetworkFactory = (dims, options, rng: Rng) => {
  const channels = options.channels;
  if (typeof channels !== 'number' || dims.obsSize !== MINATAR_GRID * MINATAR_GRID * channels) {
    throw new ConfigError(`MinAtar network: observations of ${dims.obsSize} floats are not 10×10×${String(channels)}`);
  }
  const side = MINATAR_GRID - 2;
  const conv = new Conv2d(channels, MINATAR_FILTERS, 3, rng, { weightInit: init.orthogonal(Math.SQRT2), biasInit: init.zeros() });
  const dense = new Linear(side * side * MINATAR_FILTERS, MINATAR_HIDDEN, rng, { weightInit: init.orthogonal(Math.SQRT2), biasInit: init.zeros() });
  const policy = new Linear(MINATAR_HIDDEN, dims.numActions, rng, { weightInit: init.orthogonal(0.01), biasInit: init.zeros() });
  const baseline = new Linear(MINATAR_HIDDEN, 1, rng, { weightInit: init.orthogonal(1), biasInit: init.zeros() });
  const torso = (obs: Tensor): Tensor => {
    const n = obs.shape[0];
    const x = op.relu(conv.forward(op.reshape(obs, [n, MINATAR_GRID, MINATAR_GRID, channels])));
    return op.relu(dense.forward(op.reshape(x, [n, side * side * MINATAR_FILTERS])));
  };
  return {
    namedParameters: (prefix = '') => [
      ...conv.namedParameters(`${prefix}conv.`), ...dense.namedParameters(`${prefix}dense.`),
      ...policy.namedParameters(`${prefix}policy.`), ...baseline.namedParameters(`${prefix}baseline.`),
    ],
    forward: (obs) => {
      const h = torso(obs);
      return { logits: policy.forward(h), value: op.reshape(baseline.forward(h), [obs.shape[0]]) };
    },
  };
};

/** The MinAtar actor-critic's spec for C channels. */
export function minatarNetworkSpec(channels: number): NetworkSpec {
  return { module: import.meta.url, exportName: 'minatarActorCritic', options: { channels } };
}

/**
 * The actor-critic an IMPALA-core learner should use on `envId`: the MinAtar conv net when the
 * observations are a [10, 10, C] grid, else the MLP of the given settings.
 */
export function actorCriticSpecFor(envId: string, hidden: readonly number[], activation: 'tanh' | 'relu'): NetworkSpec {
  const probe = make<unknown, unknown>(envId);
  const channels = minatarChannelsOf(probe.observationSpace);
  probe.close();
  return channels === null ? defaultNetworkSpec(hidden, activation) : minatarNetworkSpec(channels);
}

/** The channel count C when `space` is a MinAtar-style [10, 10, C] Box, else null. */
export function minatarChannelsOf(space: Space<unknown>): number | null {
  return space instanceof Box ? minatarChannels(space.shape) : null;
}

/**
 * The MinAtar paper's Q-network: valid 3×3 conv with 16 filters, ReLU, dense 8·8·16 → 128, ReLU, linear
 * → |A| Q-values, with PyTorch's default initialisation (as the paper's code). Reads flat [n, 100·C]
 * observations as [n, 10, 10, C].
 */
export class MinatarQNetwork extends Module {
  private readonly conv: Conv2d;
  private readonly dense: Linear;
  private readonly head: Linear;

  constructor(readonly channels: number, numActions: number, rng: Rng) {
    super();
    const side = MINATAR_GRID - 2;
    this.conv = this.addModule('conv', new Conv2d(channels, MINATAR_FILTERS, 3, rng));
    this.dense = this.addModule('dense', new Linear(side * side * MINATAR_FILTERS, MINATAR_HIDDEN, rng));
    this.head = this.addModule('head', new Linear(MINATAR_HIDDEN, numActions, rng));
  }

  forward(obs: Tensor): Tensor {
    const n = obs.shape[0], side = MINATAR_GRID - 2;
    const x = op.relu(this.conv.forward(op.reshape(obs, [n, MINATAR_GRID, MINATAR_GRID, this.channels])));
    return this.head.forward(op.relu(this.dense.forward(op.reshape(x, [n, side * side * MINATAR_FILTERS]))));
  }
}
