import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../core/rng.js';
import { MLP } from '../../core/nn/index.js';
import { fromBuffer, noGrad, scope } from '../../core/tensor.js';
import { Categorical } from '../../core/distributions/index.js';
import { nashConv, nashConvOfObservationPolicy, policyFromCallback } from '../../algos/tabular/index.js';
import { League } from '../league.js';
import { osfpConfig } from '../presets.js';
import { ActorTabulator, freezeActor, pokerLeagueGame, runPpoLeague, type PpoLeagueResult } from './ppo-league.js';

/** A network whose output ignores the observation: every weight 0, output biases `logits`. */
function constantNetwork(obsSize: number, logits: number[]): MLP {
  const net = new MLP([obsSize, 8, logits.length], new Rng(3));
  for (const [, t] of net.namedParameters('')) t.data.fill(0);
  net.linears[1].bias!.data.set(logits);
  return net;
}

test('the tabulated network has the NashConv of the same policy written by hand (Kuhn and Leduc, masked)', () => {
  const kuhn = pokerLeagueGame('kuhn');
  const k = new ActorTabulator(kuhn.tree);
  // Pass 3/4, bet 1/4 everywhere.
  const kuhnNet = nashConv(kuhn.tree, k.policy(constantNetwork(k.obsSize, [Math.log(3), 0]))).nashConv;
  const kuhnHand = nashConv(kuhn.tree, policyFromCallback(kuhn.tree.infosets, 2, () => [3, 1])).nashConv;
  assert.ok(Math.abs(kuhnNet - kuhnHand) < 1e-6, `${kuhnNet} vs ${kuhnHand}`);
  // The uniform policy's NashConv in Kuhn is 11/12 (exploitability 0.458333, as OpenSpiel reports).
  assert.ok(Math.abs(nashConv(kuhn.tree, k.policy(constantNetwork(k.obsSize, [0, 0]))).nashConv - 11 / 12) < 1e-6);

  // Leduc: weights 1 : 3 : 1 for fold : call : raise, over the legal actions only (fold is often illegal).
  const leduc = pokerLeagueGame('leduc');
  const l = new ActorTabulator(leduc.tree);
  const policy = l.policy(constantNetwork(l.obsSize, [0, Math.log(3), 0]));
  const byHand = policyFromCallback(leduc.tree.infosets, 3, () => [1, 3, 1]);
  let maxDiff = 0;
  for (let s = 0; s < policy.probs.length; s++) maxDiff = Math.max(maxDiff, Math.abs(policy.probs[s] - byHand.probs[s]));
  assert.ok(maxDiff < 1e-6, `largest slot difference ${maxDiff}`);
  assert.ok(Math.abs(nashConv(leduc.tree, policy).nashConv - nashConv(leduc.tree, byHand).nashConv) < 1e-5);
});

test('the batched tabulation of a random network matches evaluating it one observation at a time', () => {
  const { tree } = pokerLeagueGame('leduc');
  const tab = new ActorTabulator(tree);
  const net = new MLP([tab.obsSize, 16, 3], new Rng(11));
  const batched = nashConv(tree, tab.policy(net)).nashConv;
  const single = nashConvOfObservationPolicy(tree, (obs, mask) => noGrad(() => scope(() => new Categorical(net.forward(fromBuffer(obs, [1, obs.length])), mask).probs())));
  assert.ok(Math.abs(batched - single.nashConv) < 1e-5, `${batched} vs ${single.nashConv}`);
  // A frozen copy is the same policy and does not follow later changes of the original.
  const frozen = freezeActor(net, 'tanh');
  assert.deepEqual(tab.policy(frozen).probs, tab.policy(net).probs);
  net.linears[1].bias!.data[2] += 5;
  assert.notDeepEqual(tab.policy(frozen).probs, tab.policy(net).probs);
});

test('a few OSFP periods with a PPO learner on Kuhn are deterministic per seed and feed the league', () => {
  const game = pokerLeagueGame('kuhn');
  const run = (seed: number): { result: PpoLeagueResult; league: League<MLP> } => {
    const league = new League<MLP>(osfpConfig({ maxWaitPeriods: 1 }), seed);
    const result = runPpoLeague(game, league, { ppo: { numEnvs: 4, numSteps: 32 }, iterationsPerPeriod: 2, periods: 4, seconds: Infinity }, seed);
    return { result, league };
  };
  const a = run(1), b = run(1), c = run(2);
  const view = (r: PpoLeagueResult): unknown => ({ steps: r.steps, current: r.current, pool: r.poolAverage, admissions: r.admissions, games: r.games });
  assert.deepEqual(view(a.result), view(b.result));
  assert.notDeepEqual(a.result.current, c.result.current);
  assert.deepEqual(a.result.steps, [0, 256, 512, 768, 1024]);
  assert.equal(a.result.current.length, 5);
  for (const v of a.result.current) assert.ok(v >= 0 && v < 3, `NashConv ${v}`);
  assert.ok(a.league.size >= 2, `pool of ${a.league.size}`);
  assert.ok(a.result.games.member > 0 && a.result.games.learner > 0, JSON.stringify(a.result.games));
  assert.ok(Number.isNaN(a.result.poolAverage[0]) && Number.isFinite(a.result.poolAverage[1]));
});
