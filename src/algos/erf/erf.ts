// The entropy-regularisation-free mechanism (Xiao et al. 2021; ALGORITHMS.md §3) on the IMPALA core:
// actors act with a closed-form behaviour μ_{τ,ε} of the learned logits, each actor's bandit picks the arm
// of every episode and learns from its return,
// and the learner maximises the unregularised return with V-trace (ρ = min(ρ̄, π/μ), c = min(c̄, π/μ))
// and IMPALA's loss without its entropy term. [reconstructed: the mechanism's details are not published]
import { Impala } from '../impala/impala.js';
import { impalaLoss, type LossFn } from '../impala/loss.js';
import { actorCriticSpecFor } from '../networks/minatar.js';
import { resolveErfConfig, type ErfConfig, type ExplorationSettings } from './config.js';
import { ExplorationController } from './controller.js';
import { IMPALA_DEFAULTS, type ImpalaConfig } from '../impala/config.js';

/** An exploring learner: the IMPALA core with the exploring network around the env's actor-critic. */
export interface ExploringLearner {
  learner: Impala;
  controller: ExplorationController;
}

/**
 * Builds the IMPALA core with an exploring network (MinAtar conv net or MLP by observation shape),
 * one bandit per actor drawing an arm per episode, and the loss; checkpoints carry the bandits' state.
 */
export async function createExploring(envId: string, config: ImpalaConfig & ExplorationSettings, seed: number, loss: LossFn): Promise<ExploringLearner> {
  const controller = new ExplorationController(config, config.numActors, config.envsPerActor);
  const network = controller.networkSpec(actorCriticSpecFor(envId, config.hidden, config.activation));
  // The core validates its own settings only: hand it those.
  const core: Record<string, unknown> = {};
  for (const key of Object.keys(IMPALA_DEFAULTS)) core[key] = config[key as keyof ImpalaConfig];
  const learner = await Impala.create(envId, core as Partial<ImpalaConfig>, seed, { network, loss, extension: controller });
  return { learner, controller };
}

/** ERF's loss: IMPALA's V-trace policy-gradient and baseline terms with the entropy cost forced to 0 (the entropy stat still reports the target policy's). */
export const erfLoss: LossFn = (ctx) => impalaLoss({ ...ctx, coefficients: { ...ctx.coefficients, entropyCost: 0 } });

/** ERF on `envId` (settings over ERF's defaults and IMPALA's env presets). */
export async function createErf(envId: string, overrides: Partial<ErfConfig> = {}, seed = 1): Promise<ExploringLearner & { config: ErfConfig }> {
  const config = resolveErfConfig(envId, overrides as Record<string, unknown>);
  return { ...(await createExploring(envId, config, seed, erfLoss)), config };
}
