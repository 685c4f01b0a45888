// The entropy-regularisation-free mechanism (Xiao et al. 2021; ALGORITHMS.md §3) on the IMPALA core:
// actors act with a closed-form behaviour μ_{τ,ε} of the learned logits, a bandit picks each lane's arm,
// and the learner maximises the unregularised return with V-trace (ρ = min(ρ̄, π/μ), c = min(c̄, π/μ))
// and IMPALA's loss without its entropy term. [reconstructed: the mechanism's details are not published]
import { Impala } from '../impala/impala.js';
import { impalaLoss, type LossFn } from '../impala/loss.js';
import { actorCriticSpecFor } from '../networks/minatar.js';
import { BanditVote, SlidingWindowUcb, type ArmSelector } from './bandit.js';
import { resolveErfConfig, type ErfConfig, type ExplorationSettings } from './config.js';
import { ExplorationController } from './controller.js';
import { exploringNetworkSpec } from './network.js';
import { IMPALA_DEFAULTS, type ImpalaConfig } from '../impala/config.js';

/** One sliding-window UCB per window; several vote (CASA-B's "Bandits Vote"), one is used as it is. */
export function makeSelector(s: ExplorationSettings): ArmSelector {
  const members = s.banditWindows.map((w) => new SlidingWindowUcb(s.arms.length, w, s.banditBeta));
  return members.length === 1 ? members[0] : new BanditVote(members);
}

/** An exploring learner: the IMPALA core with the exploring network around the env's actor-critic. */
export interface ExploringLearner {
  learner: Impala;
  controller: ExplorationController;
}

/**
 * Builds the IMPALA core with an exploring network (MinAtar conv net or MLP by observation shape) and
 * the loss `makeLoss(controller)`, then binds the controller to the learner's arm table.
 */
export async function createExploring(
  envId: string, config: ImpalaConfig & ExplorationSettings, seed: number, makeLoss: (controller: ExplorationController) => LossFn,
): Promise<ExploringLearner> {
  const controller = new ExplorationController(config.arms, makeSelector(config), config.envsPerActor);
  const network = exploringNetworkSpec(actorCriticSpecFor(envId, config.hidden, config.activation), config.envsPerActor);
  // The core validates its own settings only: hand it those.
  const core: Record<string, unknown> = {};
  for (const key of Object.keys(IMPALA_DEFAULTS)) core[key] = config[key as keyof ImpalaConfig];
  const learner = await Impala.create(envId, core as Partial<ImpalaConfig>, seed, { network, loss: makeLoss(controller) });
  controller.attach(learner.net);
  return { learner, controller };
}

/**
 * ERF's loss: IMPALA's V-trace policy-gradient and baseline terms with the entropy cost forced to 0
 * (the entropy stat still reports the target policy's), then the bandit round. Extra stat: rewardRate.
 */
export function erfLoss(controller: ExplorationController): LossFn {
  return (ctx) => {
    const r = impalaLoss({ ...ctx, coefficients: { ...ctx.coefficients, entropyCost: 0 } });
    const rewardRate = controller.observe(ctx.batch);
    return { loss: r.loss, stats: { ...r.stats, rewardRate } };
  };
}

/** ERF on `envId` (settings over ERF's defaults and IMPALA's env presets). */
export async function createErf(envId: string, overrides: Partial<ErfConfig> = {}, seed = 1): Promise<ExploringLearner & { config: ErfConfig }> {
  const config = resolveErfConfig(envId, overrides as Record<string, unknown>);
  return { ...(await createExploring(envId, config, seed, erfLoss)), config };
}
