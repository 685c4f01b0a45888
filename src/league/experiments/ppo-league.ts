// League experiment with a neural learner on a two-player zero-sum game with a compiled tree (Kuhn,
// Leduc): PPO with invalid-action masking plays the game through TwoPlayerEnv (seats alternating)
// against the opponent the league draws at every game start (the live learner network, or a frozen
// copy of a past one); a new member is a frozen copy of the actor. The network is turned into a
// tabular policy by evaluating its masked action probabilities on every information state's
// observation, so the exact NashConv of the learner and of the pool average is tracked per period.

import { Rng, deriveSeed, type Seed } from '../../core/rng.js';
import { fromBuffer, noGrad, scope } from '../../core/tensor.js';
import { MLP } from '../../core/nn/index.js';
import { Categorical } from '../../core/distributions/index.js';
import { PPO } from '../../algos/ppo/ppo.js';
import { resolvePpoConfig, type PpoConfig } from '../../algos/ppo/config.js';
import { PolicyEvaluator, TabularPolicy, compileGame, type CompiledTree } from '../../algos/tabular/index.js';
import type { Game, TurnBasedEnv } from '../../env/game.js';
import type { SeededSeatPolicy } from '../../env/seat-policies.js';
import { TwoPlayerEnv } from '../../env/two-player.js';
import { SyncVectorEnv } from '../../env/vector/index.js';
import { Wrapper } from '../../env/wrappers/wrapper.js';
import type { ResetArgs, ResetResult, StepResult } from '../../env/types.js';
import { KuhnEnv, KuhnPoker, LeducEnv, LeducPoker } from '../../envs/poker/index.js';
import { LeagueError } from '../errors.js';
import type { League, Opponent } from '../league.js';
import { PoolAverage, scoreOf } from './tree-pg.js';

/** A poker game in both views: the compiled tree for exact evaluation, the turn-based env for play. */
export interface LeagueGame {
  readonly tree: CompiledTree;
  makeEnv(): TurnBasedEnv;
}

const POKER: Record<string, { game: () => Game; env: () => TurnBasedEnv }> = {
  kuhn: { game: () => new KuhnPoker(), env: () => new KuhnEnv() },
  leduc: { game: () => new LeducPoker(), env: () => new LeducEnv() },
};

/** Kuhn or Leduc poker, compiled, with a factory for its learner env. */
export function pokerLeagueGame(name: string): LeagueGame {
  const entry = POKER[name];
  if (entry === undefined) throw new LeagueError(`ppo league: unknown game '${name}'; choose one of ${Object.keys(POKER).join(', ')}`);
  return { tree: compileGame(entry.game()), makeEnv: entry.env };
}

export interface PpoLeagueConfig {
  /** PPO settings (numEnvs sub-envs, each a TwoPlayerEnv against the league). */
  ppo: Partial<PpoConfig>;
  /** PPO iterations (rollout of numEnvs × numSteps learner moves, then the update) per league period. */
  iterationsPerPeriod: number;
  /** Most league periods to run. */
  periods: number;
  /** Training-time budget in seconds (evaluation excluded): no period starts after it is spent. Infinity: none. */
  seconds: number;
}

/**
 * Settings for poker: 8 envs × 64 moves per rollout, γ = 1 (terminal rewards only), a constant learning
 * rate (a run's length is a time budget, so there is no horizon to anneal over), 4 rollouts per period.
 */
export const PPO_LEAGUE_DEFAULTS: Readonly<PpoLeagueConfig> = Object.freeze({
  ppo: Object.freeze({
    numEnvs: 8, numSteps: 64, learningRate: 3e-4, annealLr: false, gamma: 1, gaeLambda: 0.95, numMinibatches: 4, updateEpochs: 4,
    entCoef: 0.01, hidden: [64, 64],
  }),
  iterationsPerPeriod: 4,
  periods: 1000,
  seconds: Infinity,
});

export interface PpoLeagueResult {
  /** Learner moves trained on at each checkpoint (index 0: before training). */
  steps: number[];
  /** Wall-clock seconds of training (PPO rollouts and updates, league bookkeeping; evaluation excluded). */
  seconds: number[];
  /** Exact NashConv of the current network at each checkpoint. */
  current: number[];
  /** Exact NashConv of the pool's average policy (members mixed per game, realization-weighted); NaN while empty. */
  poolAverage: number[];
  admissions: { empty: number; threshold: number; forced: number };
  /** Games the learner finished against frozen members and against itself. */
  games: { member: number; learner: number };
  /** The final network as a tabular policy. */
  finalPolicy: TabularPolicy;
}

/** A frozen copy of an actor network, as a league member. */
export function freezeActor(actor: MLP, activation: PpoConfig['activation']): MLP {
  const copy = new MLP(actor.sizes, new Rng(0), { activation });
  const from = actor.namedParameters(''), to = copy.namedParameters('');
  for (let i = 0; i < from.length; i++) to[i][1].data.set(from[i][1].data);
  return copy;
}

/**
 * Turns actor networks over information-state observations into tabular policies: the observations and
 * legal-action masks of every information set are gathered once, and each conversion is one batched
 * forward pass under the masks.
 */
export class ActorTabulator {
  private readonly obs: Float32Array;
  private readonly mask: Uint8Array;
  private readonly probs: Float32Array;
  readonly obsSize: number;

  constructor(readonly tree: CompiledTree) {
    const { numInfosets, offset, slotAction, representative, player, keys } = tree.infosets;
    const A = tree.numDistinctActions;
    const size = representative[0]?.informationStateTensor?.(player[0]).length;
    if (size === undefined) throw new LeagueError(`ppo league: '${tree.gameName}' gives no informationStateTensor, so a network's policy cannot be tabulated`);
    this.obsSize = size;
    this.obs = new Float32Array(numInfosets * size);
    this.mask = new Uint8Array(numInfosets * A);
    this.probs = new Float32Array(numInfosets * A);
    for (let I = 0; I < numInfosets; I++) {
      const x = representative[I].informationStateTensor!(player[I]);
      if (x.length !== size) throw new LeagueError(`ppo league: information set '${keys[I]}' has a tensor of ${x.length} values, expected ${size}`);
      this.obs.set(x, I * size);
      for (let s = offset[I]; s < offset[I + 1]; s++) this.mask[I * A + slotAction[s]] = 1;
    }
  }

  /** The tabular policy of `actor`: its masked action probabilities at every information set. */
  policy(actor: MLP, out: TabularPolicy = new TabularPolicy(this.tree.infosets)): TabularPolicy {
    const { numInfosets, offset, slotAction } = this.tree.infosets;
    const A = this.tree.numDistinctActions;
    noGrad(() => scope(() => new Categorical(actor.forward(fromBuffer(this.obs, [numInfosets, this.obsSize])), this.mask).probs(this.probs)));
    for (let I = 0; I < numInfosets; I++) {
      let total = 0;
      for (let s = offset[I]; s < offset[I + 1]; s++) total += this.probs[I * A + slotAction[s]];
      for (let s = offset[I]; s < offset[I + 1]; s++) out.probs[s] = this.probs[I * A + slotAction[s]] / total;
    }
    return out;
  }
}

/** The opponent seat: draws its network from the league at each game start, samples its masked policy. */
class LeagueSeat implements SeededSeatPolicy {
  /** The current learner's actor, set once PPO exists. */
  learner: MLP | null = null;
  private opponent: Opponent<MLP> = { kind: 'learner' };
  private rng: Rng;
  private readonly action = new Int32Array(1);

  constructor(private readonly league: League<MLP>, private readonly obsSize: number, private readonly counts: PpoLeagueResult['games'], seed: Seed) {
    this.rng = new Rng(seed);
  }

  seed(seed: number): void {
    this.rng = new Rng(seed);
  }

  startEpisode(): void {
    this.opponent = this.league.sampleOpponent();
  }

  act(obs: Float32Array, mask: Uint8Array): number {
    const net = this.opponent.kind === 'member' ? this.opponent.member.snapshot : this.learner;
    if (net === null) throw new LeagueError('ppo league: the opponent seat has no learner network yet');
    noGrad(() => scope(() => new Categorical(net.forward(fromBuffer(obs, [1, this.obsSize])), mask).sample(this.rng, this.action)));
    return this.action[0];
  }

  /** A game ended with this return for the learner: results against members go to the league. */
  finish(learnerReturn: number): void {
    if (this.opponent.kind === 'member') {
      this.league.record(this.opponent.index, scoreOf(learnerReturn, this.league.config.score === 'plusMinus'));
      this.counts.member++;
    } else this.counts.learner++;
  }
}

/** Sums the learner's rewards over a game and reports the total to its seat when the game ends. */
class ReportResults extends Wrapper<Float32Array, number> {
  private total = 0;

  constructor(env: TwoPlayerEnv, private readonly seat: LeagueSeat) {
    super(env);
  }

  override reset(args?: ResetArgs): ResetResult<Float32Array> {
    this.total = 0; // a game cut off by the end of a period is abandoned unreported
    return super.reset(args);
  }

  override step(action: number): StepResult<Float32Array> {
    const r = super.step(action);
    this.total += r.reward;
    if (r.terminated || r.truncated) this.seat.finish(this.total);
    return r;
  }
}

/**
 * Runs the league with a PPO learner. Each period: `iterationsPerPeriod` PPO iterations on games against
 * the league's draws, then the league's admission rule (a member is a frozen copy of the actor), then the
 * exact NashConv of the current network and of the pool average. Same seed and no time budget: same run.
 */
export function runPpoLeague(game: LeagueGame, league: League<MLP>, config: PpoLeagueConfig, seed: Seed): PpoLeagueResult {
  const { tree } = game;
  if (tree.numPlayers !== 2) throw new LeagueError(`ppo league: needs a two-player game, '${tree.gameName}' has ${tree.numPlayers}`);
  if (!(Number.isInteger(config.iterationsPerPeriod) && config.iterationsPerPeriod > 0)) throw new LeagueError(`ppo league: iterationsPerPeriod must be a positive integer, got ${config.iterationsPerPeriod}`);
  if (!(config.seconds > 0)) throw new LeagueError(`ppo league: seconds must be positive (Infinity for no budget), got ${config.seconds}`);
  const tabulator = new ActorTabulator(tree);
  const evaluator = new PolicyEvaluator(tree);
  const pool = new PoolAverage(tree);
  const ppoConfig = resolvePpoConfig(null, { ...PPO_LEAGUE_DEFAULTS.ppo, ...config.ppo });
  const numEnvs = ppoConfig.numEnvs;
  const games = { member: 0, learner: 0 };
  const seats = Array.from({ length: numEnvs }, (_, i) => new LeagueSeat(league, tabulator.obsSize, games, deriveSeed(seed, 'ppo-league', 'seat', i)));
  const env = new SyncVectorEnv(
    seats.map((seat) => () => new ReportResults(new TwoPlayerEnv(game.makeEnv(), seat, { learnerSeat: 'alternate' }), seat)),
    { autoresetMode: 'SameStep' },
  );
  const ppo = new PPO(env, ppoConfig, deriveSeed(seed, 'ppo-league', 'ppo'));
  for (const seat of seats) seat.learner = ppo.actor;
  const activation = ppo.config.activation;
  const stepsPerPeriod = config.iterationsPerPeriod * ppo.config.numEnvs * ppo.config.numSteps;

  const current = tabulator.policy(ppo.actor);
  const member = new TabularPolicy(tree.infosets);
  const result: PpoLeagueResult = {
    steps: [0], seconds: [0], current: [evaluator.nashConv(current).nashConv], poolAverage: [NaN],
    admissions: { empty: 0, threshold: 0, forced: 0 }, games, finalPolicy: current,
  };
  let seconds = 0;
  try {
    for (let period = 0; period < config.periods && seconds < config.seconds; period++) {
      const t0 = performance.now();
      ppo.learn(stepsPerPeriod);
      const out = league.endPeriod(() => freezeActor(ppo.actor, activation));
      seconds += (performance.now() - t0) / 1000;
      if (out.admitted !== null && out.member !== null) {
        result.admissions[out.admitted]++;
        pool.add(tabulator.policy(out.member.snapshot, member).probs);
      }
      result.steps.push(ppo.globalStep);
      result.seconds.push(seconds);
      result.current.push(evaluator.nashConv(tabulator.policy(ppo.actor, current)).nashConv);
      result.poolAverage.push(pool.size > 0 ? evaluator.nashConv(pool.policy()).nashConv : NaN);
    }
  } finally {
    env.close();
  }
  return result;
}
