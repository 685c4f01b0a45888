// Built-in envs. Importing this module registers them, so `make('CartPole-v1')` works; worker-thread
// vector envs import it in each worker. Other env families add their registrations here.
import { register } from '../env/registry.js';
import { EnvError, type RenderMode } from '../env/types.js';
import { RandomSeatPolicy } from '../env/seat-policies.js';
import { TwoPlayerEnv, type LearnerSeat } from '../env/two-player.js';
import { AcrobotEnv, CartPoleEnv, MountainCarContinuousEnv, MountainCarEnv, PendulumEnv } from './classic/index.js';
import { TicTacToe } from './tictactoe/index.js';
import './minatar/index.js';

const module = import.meta.url;

/** Rejects constructor keywords an env does not take (Gymnasium raises on unexpected kwargs). */
function kwargsFor(id: string, kwargs: Record<string, unknown>, allowed: readonly string[]): { renderMode?: RenderMode | null } & Record<string, unknown> {
  for (const k of Object.keys(kwargs)) {
    if (!allowed.includes(k)) throw new EnvError(`make('${id}'): unknown option '${k}'; this env takes ${allowed.join(', ')}`);
  }
  return kwargs as { renderMode?: RenderMode | null };
}

register({ id: 'CartPole-v1', entryPoint: (kw) => new CartPoleEnv(kwargsFor('CartPole-v1', kw, ['renderMode'])), maxEpisodeSteps: 500, rewardThreshold: 475.0, module });
register({ id: 'Acrobot-v1', entryPoint: (kw) => new AcrobotEnv(kwargsFor('Acrobot-v1', kw, ['renderMode'])), maxEpisodeSteps: 500, rewardThreshold: -100.0, module });
register({ id: 'MountainCar-v0', entryPoint: (kw) => new MountainCarEnv(kwargsFor('MountainCar-v0', kw, ['renderMode'])), maxEpisodeSteps: 200, rewardThreshold: -110.0, module });
register({
  id: 'MountainCarContinuous-v0',
  entryPoint: (kw) => new MountainCarContinuousEnv(kwargsFor('MountainCarContinuous-v0', kw, ['renderMode'])),
  maxEpisodeSteps: 999,
  rewardThreshold: 90.0,
  module,
});
register({ id: 'Pendulum-v1', entryPoint: (kw) => new PendulumEnv(kwargsFor('Pendulum-v1', kw, ['renderMode', 'g']) as { g?: number }), maxEpisodeSteps: 200, module });
register({
  id: 'TicTacToe-v0',
  entryPoint: (kw) => {
    const { renderMode, learnerSeat } = kwargsFor('TicTacToe-v0', kw, ['renderMode', 'learnerSeat']) as { renderMode?: RenderMode | null; learnerSeat?: LearnerSeat };
    return new TwoPlayerEnv(new TicTacToe({ renderMode }), new RandomSeatPolicy(), { learnerSeat: learnerSeat ?? 'alternate' });
  },
  module,
});

export * from './classic/index.js';
export * from './tictactoe/index.js';
export { make, register, registeredIds, spec } from '../env/registry.js';
