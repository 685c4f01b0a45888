// `ludus list`: the environments, learners and games Ludus knows.
import { ALGORITHMS } from '../../algos/index.js';
import { registeredIds, spec } from '../../env/registry.js';
import { TABULAR_GAME_NAMES } from '../../algos/tabular/games.js';
import type { Command } from '../command.js';
import { formatTable } from './runs.js';

export const listCommand: Command = {
  name: 'list',
  summary: 'Lists the environments, algorithms and games.',
  positionals: [],
  options: {},
  run() {
    console.log('environments (ludus train <algo> <env>):');
    console.log(formatTable([['  id', 'max steps', 'reward threshold'], ...registeredIds().sort().map((id) => {
      const s = spec(id);
      return [`  ${id}`, s.maxEpisodeSteps === null ? '—' : String(s.maxEpisodeSteps), s.rewardThreshold === null ? '—' : String(s.rewardThreshold)];
    })]));
    console.log('\nalgorithms:');
    for (const a of ALGORITHMS) console.log(`  ${a.name.padEnd(8)} ${a.summary}`);
    console.log(`\ngames (ludus solve <game>): ${TABULAR_GAME_NAMES.join(', ')}`);
  },
};
