// The learners Ludus ships, by name (what `ludus train <algo>` accepts).
import { makeVec } from '../env/vector/index.js';
import '../envs/index.js';
import { asLearner, type AlgorithmEntry, type Learner } from './learner.js';
import { PPO } from './ppo/ppo.js';
import { resolvePpoConfig } from './ppo/config.js';
import { DQN } from './dqn/dqn.js';
import { resolveDqnConfig } from './dqn/config.js';
import { SAC } from './sac/sac.js';
import { resolveSacConfig } from './sac/config.js';
import { Impala } from './impala/impala.js';
import { resolveImpalaConfig } from './impala/config.js';
import { actorCriticSpecFor } from './networks/minatar.js';
import { createErf, type ExploringLearner } from './erf/erf.js';
import { resolveErfConfig } from './erf/config.js';
import { createCasa } from './casa/casa.js';
import { resolveCasaConfig } from './casa/config.js';
export type { AlgorithmEntry, Learner, LearnerMetrics } from './learner.js';
export { PPO } from './ppo/ppo.js';
export { PPO_DEFAULTS, PPO_PRESETS, resolvePpoConfig, type PpoConfig } from './ppo/config.js';
export { DQN } from './dqn/dqn.js';
export { DQN_DEFAULTS, DQN_PRESETS, resolveDqnConfig, type DqnConfig } from './dqn/config.js';
export { SAC } from './sac/sac.js';
export { SAC_DEFAULTS, SAC_PRESETS, resolveSacConfig, type SacConfig } from './sac/config.js';
export { ReplayBuffer } from './replay-buffer.js';
export { Impala, type ImpalaMetrics, type ImpalaOptions } from './impala/impala.js';
export { IMPALA_DEFAULTS, IMPALA_PRESETS, resolveImpalaConfig, type ImpalaConfig } from './impala/config.js';
export { computeGae, computeVtrace } from './returns.js';
export { createErf, erfLoss, type ExploringLearner } from './erf/erf.js';
export { ERF_EXPLORATION_DEFAULTS, resolveErfConfig, type ErfConfig, type ExplorationSettings } from './erf/config.js';
export { SlidingWindowUcb, BanditVote, type ArmSelector } from './erf/bandit.js';
export type { ExplorationArm } from './erf/behaviour.js';
export { createCasa, casaLoss } from './casa/casa.js';
export { CASA_DEFAULTS, CASA_EXPLORATION_DEFAULTS, resolveCasaConfig, type CasaConfig } from './casa/config.js';
export { computeDrTrace } from './casa/trace.js';
export { actorCriticSpecFor, minatarActorCritic, minatarNetworkSpec } from './networks/minatar.js';
export { evaluatePolicy } from './evaluate.js';

const ppo: AlgorithmEntry = {
  name: 'ppo',
  summary: 'Proximal Policy Optimization (CleanRL defaults; tuned presets for CartPole-v1, Acrobot-v1, Pendulum-v1)',
  resolveConfig: (envId, overrides) => resolvePpoConfig(envId, overrides),
  async create(envId, overrides, seed): Promise<Learner> {
    const config = resolvePpoConfig(envId, overrides);
    const env = await makeVec(envId, config.numEnvs, { autoresetMode: 'SameStep' });
    const learner = new PPO(env, config, seed);
    const one = new Float32Array(learner.obsSize);
    const act = (obs: Float32Array): number | Float32Array => {
      one.set(obs);
      const a = learner.predict(one, true);
      return learner.discrete ? a[0] : Float32Array.from(a);
    };
    return asLearner(learner, config, act, () => env.close());
  },
};

const dqn: AlgorithmEntry = {
  name: 'dqn',
  summary: 'Deep Q-Network (CleanRL defaults; tuned preset for CartPole-v1)',
  resolveConfig: (envId, overrides) => resolveDqnConfig(envId, overrides),
  async create(envId, overrides, seed): Promise<Learner> {
    const config = resolveDqnConfig(envId, overrides);
    const env = await makeVec(envId, 1, { autoresetMode: 'SameStep' });
    const learner = new DQN(env, config, seed);
    const action = new Int32Array(1);
    return asLearner(learner, config, (obs) => learner.predict(obs, action)[0], () => env.close());
  },
};

const sac: AlgorithmEntry = {
  name: 'sac',
  summary: 'Soft Actor-Critic for bounded continuous actions (CleanRL defaults; tuned preset for Pendulum-v1)',
  resolveConfig: (envId, overrides) => resolveSacConfig(envId, overrides),
  async create(envId, overrides, seed): Promise<Learner> {
    const config = resolveSacConfig(envId, overrides);
    const env = await makeVec(envId, 1, { autoresetMode: 'SameStep' });
    const learner = new SAC(env, config, seed);
    return asLearner(learner, config, (obs) => learner.predict(obs, true), () => env.close());
  },
};

const impala: AlgorithmEntry = {
  name: 'impala',
  summary: 'IMPALA: V-trace actor-critic with actors in worker threads (TorchBeast-style defaults; tuned preset for CartPole-v1; MinAtar conv net on 10×10×C grids)',
  resolveConfig: (envId, overrides) => resolveImpalaConfig(envId, overrides),
  async create(envId, overrides, seed): Promise<Learner> {
    const config = resolveImpalaConfig(envId, overrides);
    const learner = await Impala.create(envId, config, seed, { network: actorCriticSpecFor(envId, config.hidden, config.activation) });
    return asLearner(learner, config, (obs) => learner.predict(obs), () => learner.close());
  },
};

/** The Learner face of an exploring IMPALA-core learner (ERF, CASA). */
function exploringLearner({ learner }: ExploringLearner, config: object): Learner {
  return asLearner(learner, config, (obs) => learner.predict(obs), () => learner.close());
}

const erf: AlgorithmEntry = {
  name: 'erf',
  summary: 'Entropy-regularisation-free mechanism on IMPALA/V-trace: closed-form behaviour μ(τ, ε) picked by a sliding-window UCB, no entropy term',
  resolveConfig: (envId, overrides) => resolveErfConfig(envId, overrides),
  async create(envId, overrides, seed): Promise<Learner> {
    const made = await createErf(envId, overrides, seed);
    return exploringLearner(made, made.config);
  },
};

const casa: AlgorithmEntry = {
  name: 'casa',
  summary: 'CASA-B on IMPALA: policy = softmax(critic advantages), doubly-robust trace for V and Q, entropy-target behaviour arms by bandit vote',
  resolveConfig: (envId, overrides) => resolveCasaConfig(envId, overrides),
  async create(envId, overrides, seed): Promise<Learner> {
    const made = await createCasa(envId, overrides, seed);
    return exploringLearner(made, made.config);
  },
};

export const ALGORITHMS: readonly AlgorithmEntry[] = [ppo, dqn, sac, impala, erf, casa];

export function algorithm(name: string): AlgorithmEntry | undefined {
  return ALGORITHMS.find((a) => a.name === name.toLowerCase());
}
