// League experiment on any two-player zero-sum game with a compiled tree (Kuhn, Leduc): a tabular
// softmax policy over all information sets (both seats) is trained by sampled policy gradient
// (REINFORCE with a per-information-set baseline) on episodes against the league's opponents, and
// the exact NashConv of the current learner and of the pool average is tracked after every period.

import { CHANCE, TERMINAL } from '../../env/game.js';
import { deriveSeed, Rng, type Seed } from '../../core/rng.js';
import { PolicyEvaluator, TabularPolicy, type CompiledTree } from '../../algos/tabular/index.js';
import { LeagueError } from '../errors.js';
import type { League } from '../league.js';

export interface TreePgConfig {
  /** Episodes of play per learning period. */
  episodesPerPeriod: number;
  periods: number;
  /** Step size of the per-episode logit update (scaled by the return, in the game's chips). */
  lr: number;
  /** Rate of the running mean of returns kept at each information set as the REINFORCE baseline. */
  baselineRate: number;
}

export interface TreePgResult {
  /** Episodes played at each checkpoint (index 0: before training). */
  episodes: number[];
  /** Wall-clock seconds of training (evaluation excluded) at each checkpoint. */
  seconds: number[];
  /** Exact NashConv of the current learner at each checkpoint. */
  current: number[];
  /** Exact NashConv of the pool's average policy (a uniform mixture of members, realization-weighted); NaN while empty. */
  poolAverage: number[];
  admissions: { empty: number; threshold: number; forced: number };
  /** The final learner's action probabilities, one per slot of tree.infosets. */
  finalPolicy: Float64Array;
}

/**
 * The behavioural policy equivalent to playing a uniformly drawn member of `policies` for a whole game
 * (XFP's mixing, ALGORITHMS.md §2.2): at each information set, members are weighted by their own
 * reach probability of it.
 */
export class PoolAverage {
  private readonly num: Float64Array;
  private readonly den: Float64Array;
  private readonly reach: Float64Array;
  private count = 0;

  constructor(readonly tree: CompiledTree) {
    this.num = new Float64Array(tree.infosets.numSlots);
    this.den = new Float64Array(tree.infosets.numInfosets);
    this.reach = new Float64Array(tree.infosets.numInfosets);
  }

  get size(): number { return this.count; }

  add(probs: Float64Array): void {
    const { numInfosets, offset, recallSlot, slotInfoset, numSlots } = this.tree.infosets;
    if (probs.length !== numSlots) throw new LeagueError(`PoolAverage: expected ${numSlots} slot probabilities, got ${probs.length}`);
    // Infosets are numbered so that the one holding a recall slot comes first: one forward pass.
    for (let I = 0; I < numInfosets; I++) {
      const r = recallSlot[I];
      const x = r < 0 ? 1 : this.reach[slotInfoset[r]] * probs[r];
      this.reach[I] = x;
      this.den[I] += x;
      for (let s = offset[I]; s < offset[I + 1]; s++) this.num[s] += x * probs[s];
    }
    this.count++;
  }

  /** The average policy; at information sets no member reaches, the uniform policy. */
  policy(): TabularPolicy {
    const infosets = this.tree.infosets;
    const out = new TabularPolicy(infosets);
    for (let I = 0; I < infosets.numInfosets; I++) {
      const k = infosets.offset[I + 1] - infosets.offset[I];
      for (let s = infosets.offset[I]; s < infosets.offset[I + 1]; s++) out.probs[s] = this.den[I] > 0 ? this.num[s] / this.den[I] : 1 / k;
    }
    return out;
  }
}

/** One game's score for the league from the learner's return: by its sign, win/draw/loss. */
export function scoreOf(ret: number, plusMinus: boolean): number {
  const s = Math.sign(ret);
  return plusMinus ? s : (s + 1) / 2;
}

/**
 * Runs the league on `tree` (two players, zero-sum). Each episode: the league draws the opponent, the
 * learner takes a uniformly drawn seat, the game is sampled on the compiled tree, and every learner
 * decision gets the update θ[I, ·] += lr·(G − b_I)·(e_a − π(·|I)). In self-play episodes both seats are
 * the learner and both learn. Results against members are reported to the league by the sign of the return.
 */
export function runTreeLeague(tree: CompiledTree, league: League<Float64Array>, config: TreePgConfig, seed: Seed): TreePgResult {
  if (tree.numPlayers !== 2) throw new LeagueError(`tree experiment: needs a two-player game, '${tree.gameName}' has ${tree.numPlayers}`);
  const { infosets, nodePlayer, nodeInfoset, firstChild, numChildren, chanceProb, returns, parentSlot } = tree;
  const { offset, slotInfoset } = infosets;
  const rng = new Rng(deriveSeed(seed, 'tree-pg', 'play'));
  const logits = new Float64Array(infosets.numSlots);
  const learner = TabularPolicy.uniform(infosets);
  const probs = learner.probs;
  const baseline = new Float64Array(infosets.numInfosets);
  const pool = new PoolAverage(tree);
  const evaluator = new PolicyEvaluator(tree);
  const plusMinus = league.config.score === 'plusMinus';
  // The decisions of one episode: chosen slot and the seat that made it.
  const visitSlot = new Int32Array(tree.depth + 1);
  const visitSeat = new Int32Array(tree.depth + 1);

  const result: TreePgResult = {
    episodes: [0], seconds: [0], current: [evaluator.nashConv(learner).nashConv], poolAverage: [NaN],
    admissions: { empty: 0, threshold: 0, forced: 0 }, finalPolicy: probs,
  };
  let seconds = 0;
  let episodes = 0;
  for (let period = 0; period < config.periods; period++) {
    const t0 = performance.now();
    for (let e = 0; e < config.episodesPerPeriod; e++) {
      const opponent = league.sampleOpponent();
      const other = opponent.kind === 'member' ? opponent.member.snapshot : probs;
      const seat = rng.int(2);
      let n = 0;
      let visits = 0;
      while (nodePlayer[n] !== TERMINAL) {
        const pl = nodePlayer[n];
        const c0 = firstChild[n];
        let u = rng.next();
        let c = c0;
        const last = c0 + numChildren[n] - 1;
        if (pl === CHANCE) {
          while (c < last && (u -= chanceProb[c]) >= 0) c++;
        } else {
          const table = pl === seat ? probs : other;
          while (c < last && (u -= table[parentSlot[c]]) >= 0) c++;
          if (pl === seat || opponent.kind === 'learner') { visitSlot[visits] = parentSlot[c]; visitSeat[visits] = pl; visits++; }
        }
        n = c;
      }
      for (let k = 0; k < visits; k++) {
        const slot = visitSlot[k];
        const I = slotInfoset[slot];
        const g = returns[n * 2 + visitSeat[k]];
        const adv = g - baseline[I];
        baseline[I] += config.baselineRate * (g - baseline[I]);
        const s0 = offset[I];
        const s1 = offset[I + 1];
        for (let s = s0; s < s1; s++) logits[s] += config.lr * adv * ((s === slot ? 1 : 0) - probs[s]);
        let max = -Infinity;
        for (let s = s0; s < s1; s++) max = Math.max(max, logits[s]);
        let total = 0;
        for (let s = s0; s < s1; s++) { probs[s] = Math.exp(logits[s] - max); total += probs[s]; }
        for (let s = s0; s < s1; s++) probs[s] /= total;
      }
      if (opponent.kind === 'member') league.record(opponent.index, scoreOf(returns[n * 2 + seat], plusMinus));
    }
    const out = league.endPeriod(() => probs.slice());
    seconds += (performance.now() - t0) / 1000;
    episodes += config.episodesPerPeriod;
    if (out.admitted !== null && out.member !== null) {
      result.admissions[out.admitted]++;
      pool.add(out.member.snapshot);
    }
    result.episodes.push(episodes);
    result.seconds.push(seconds);
    result.current.push(evaluator.nashConv(learner).nashConv);
    result.poolAverage.push(pool.size > 0 ? evaluator.nashConv(pool.policy()).nashConv : NaN);
  }
  return result;
}
