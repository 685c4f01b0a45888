// The LOCM end-to-end policy against the fixed baselines (issue #8's `eval:locm` table): greedy
// play, both seat orders on the same seeds, win rates with 95% Wilson intervals, and the
// per-decision and per-turn inference times against the 200 ms turn limit.
//   npx tsx bench/locm-agent.ts [--version 1.5|1.2] [--agent ludus-1.5|<policy.safetensors>] [--games 1000] [--seed 1]
// Without --agent it measures an untrained policy of the default widths (timing only).
import { Rng, deriveSeed } from '../src/core/rng.js';
import type { LocmGame, Version } from '../src/envs/locm/engine.js';
import { LocmRunner } from '../src/envs/locm/play.js';
import { makeAgent, type LocmAgent } from '../src/envs/locm/agents/index.js';
import { wilsonInterval } from '../src/envs/locm/referee.js';
import { NeuralAgent, neuralAgentResolver } from '../src/envs/locm/agent/neural-agent.js';
import { LocmPolicy, policyConfig } from '../src/envs/locm/agent/policy.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const version = arg('version', '1.5') as Version;
const spec = arg('agent', '');
const games = Number(arg('games', '1000'));
const seed = Number(arg('seed', '1'));
const resolved = spec === '' ? null : neuralAgentResolver(spec);
if (spec !== '' && !(resolved instanceof NeuralAgent)) throw new Error(`--agent ${spec} is not a policy file or ludus-1.5/ludus-1.2`);
const agent = resolved instanceof NeuralAgent ? resolved : new NeuralAgent(new LocmPolicy(policyConfig(version), new Rng(seed)), { name: 'untrained' });
if (agent.version !== version) throw new Error(`--agent ${spec} is a LOCM ${agent.version} policy; pass --version ${agent.version}`);

/** Times every network call and every battle turn of the wrapped agent. */
class Timed implements LocmAgent {
  readonly name = agent.name;
  decisionMs: number[] = [];
  turnMs: number[] = [];
  private turn = -1;
  reset(s: number): void { agent.reset(s); this.turn = -1; }
  draft(t: Parameters<LocmAgent['draft']>[0], c: Parameters<LocmAgent['draft']>[1]): number { return this.time(() => agent.draft(t, c)); }
  construct(o: Parameters<LocmAgent['construct']>[0]): number[] {
    const t0 = performance.now(), r = agent.construct(o);
    this.decisionMs.push((performance.now() - t0) / r.length);
    return r;
  }
  battle(g: LocmGame, out: Parameters<LocmAgent['battle']>[1]): void { agent.battle(g, out); }
  step(g: LocmGame, out: Int32Array): void {
    const t0 = performance.now();
    agent.step(g, out);
    const ms = performance.now() - t0;
    this.decisionMs.push(ms);
    if (g.turn !== this.turn) { this.turn = g.turn; this.turnMs.push(0); }
    this.turnMs[this.turnMs.length - 1] += ms;
  }
  private time(f: () => number): number {
    const t0 = performance.now(), r = f();
    this.decisionMs.push(performance.now() - t0);
    return r;
  }
}

const me = new Timed(), runner = new LocmRunner(version), figures: Record<string, number> = {};
console.log(`LOCM ${version}: ${agent.name} (greedy), ${games} games per opponent, both seat orders`);
for (const name of ['random', 'baseline2', 'baseline1', 'greedy']) {
  const other = makeAgent(name);
  let wins = 0;
  for (let i = 0; i < games; i++) {
    const seat = i & 1;
    if (runner.play(deriveSeed(seed, 'eval', i >> 1), seat === 0 ? [me, other] : [other, me]).winner === seat) wins++;
  }
  const [lo, hi] = wilsonInterval(wins, games);
  console.log(`  vs ${name.padEnd(9)} ${(100 * wins / games).toFixed(1)}%  [${(100 * lo).toFixed(1)}, ${(100 * hi).toFixed(1)}]`);
  figures[`winrate_${name}`] = wins / games;
  figures[`winrate_${name}_lo95`] = lo;
}
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const d = sorted(me.decisionMs), t = sorted(me.turnMs);
figures.decision_ms_mean = d.reduce((s, x) => s + x, 0) / d.length;
figures.decision_ms_p99 = d[Math.floor(0.99 * (d.length - 1))];
figures.turn_ms_p99 = t[Math.floor(0.99 * (t.length - 1))];
figures.turn_ms_max = t[t.length - 1];
console.log(`  inference: ${figures.decision_ms_mean.toFixed(3)} ms per decision (p99 ${figures.decision_ms_p99.toFixed(3)}), battle turn p99 ${figures.turn_ms_p99.toFixed(2)} ms, max ${figures.turn_ms_max.toFixed(2)} ms (limit 200 ms)`);
console.log(JSON.stringify({
  bench: 'locm-agent', figures,
  targets: { winrate_random: 0.99, winrate_baseline2: 0.95, winrate_baseline1: 0.9, winrate_greedy: 0.7, turn_ms_max: 200 },
}));
