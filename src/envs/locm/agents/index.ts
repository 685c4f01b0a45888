// The LOCM agents: random, pass, Baseline1, Baseline2 and a greedy one-ply search, by name.
import type { LocmAgent } from './agent.js';
import { Baseline1Agent } from './baseline1.js';
import { Baseline2Agent } from './baseline2.js';
import { GreedyAgent } from './greedy.js';
import { PassAgent } from './pass.js';
import { RandomAgent } from './random.js';

export { ActionList, executeTurn, constructByScore, type LocmAgent } from './agent.js';
export { Baseline1Agent, Baseline2Agent, GreedyAgent, PassAgent, RandomAgent };
export { AgentSeatPolicy } from './seat-policy.js';

export const AGENT_NAMES = ['random', 'pass', 'baseline1', 'baseline2', 'greedy'] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

export function makeAgent(name: string): LocmAgent {
  switch (name) {
    case 'random': return new RandomAgent();
    case 'pass': return new PassAgent();
    case 'baseline1': return new Baseline1Agent();
    case 'baseline2': return new Baseline2Agent();
    case 'greedy': return new GreedyAgent();
    default: throw new RangeError(`unknown LOCM agent "${name}"; known agents: ${AGENT_NAMES.join(', ')}`);
  }
}
