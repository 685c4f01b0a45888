// MinAtar's public face. Importing it registers the ten ids of MINATAR-SPEC §1.7 with the env registry:
// `MinAtar/<Game>-v0` with all 6 actions and `MinAtar/<Game>-v1` with the game's minimal action set.
// Keyword arguments: stickyActionProb (0.1), difficultyRamping (true), renderMode, reuseObservation.
// No TimeLimit is added: Freeway's limit is part of the game, the others have none (spec §1.3).

import { register } from '../../env/registry.js';
import { EnvError } from '../../env/types.js';
import { MinAtarEnv, type MinAtarOptions } from './env.js';
import type { GameName } from './game.js';

const IDS: ReadonlyArray<readonly [string, GameName]> = [
  ['Asterix', 'asterix'], ['Breakout', 'breakout'], ['Freeway', 'freeway'], ['Seaquest', 'seaquest'], ['SpaceInvaders', 'space_invaders'],
];
const KWARGS = ['stickyActionProb', 'difficultyRamping', 'renderMode', 'reuseObservation'];

function entry(id: string, game: GameName, actionSet: 'full' | 'minimal') {
  return (kwargs: Record<string, unknown>): MinAtarEnv => {
    for (const k of Object.keys(kwargs)) {
      if (!KWARGS.includes(k)) throw new EnvError(`make('${id}'): unknown option '${k}'; this env takes ${KWARGS.join(', ')}`);
    }
    return new MinAtarEnv({ ...(kwargs as Partial<MinAtarOptions>), game, actionSet });
  };
}

/** The registered MinAtar ids. */
export const MINATAR_IDS: readonly string[] = IDS.flatMap(([name]) => [`MinAtar/${name}-v0`, `MinAtar/${name}-v1`]);

for (const [name, game] of IDS) {
  for (const [version, actionSet] of [['v0', 'full'], ['v1', 'minimal']] as const) {
    const id = `MinAtar/${name}-${version}`;
    register({ id, entryPoint: entry(id, game, actionSet), module: import.meta.url });
  }
}

export { Asterix } from './asterix.js';
export { Breakout } from './breakout.js';
export { Freeway } from './freeway.js';
export { Seaquest, ObjectPool } from './seaquest.js';
export { SpaceInvaders } from './space-invaders.js';
export { MinAtarEnv, GAME_NAMES, createGame, type MinAtarOptions } from './env.js';
export { ACTION_NAMES, NUM_ACTIONS, GRID, NOOP, LEFT, UP, RIGHT, DOWN, FIRE, type GameName, type MinAtarGame, type GameOptions, type ObsBuffer } from './game.js';
export { runRandomPolicy, zScore, type EpisodeStats, type RandomPolicyConfig, type ReferenceRun } from './stats.js';
export { renderAnsi, renderRgb, CELL_PIXELS } from './render.js';
