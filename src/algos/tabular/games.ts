// The games the tabular tools know by name, for `ludus solve <game>` and the benchmarks.

import type { Game } from '../../env/game.js';
import { biasedRockPaperScissors, rockPaperScissors } from '../../envs/matrix/index.js';
import { KuhnPoker, LeducPoker } from '../../envs/poker/index.js';
import { TabularError } from './errors.js';

const GAMES: Record<string, () => Game> = {
  kuhn: () => new KuhnPoker(),
  leduc: () => new LeducPoker(),
  rps: rockPaperScissors,
  biased_rps: biasedRockPaperScissors,
};

const ALIASES: Record<string, string> = { kuhn_poker: 'kuhn', leduc_poker: 'leduc', 'biased-rps': 'biased_rps' };

export const TABULAR_GAME_NAMES: readonly string[] = Object.keys(GAMES);

/** A fresh game by name (also accepts OpenSpiel's names, e.g. 'kuhn_poker'). */
export function loadTabularGame(name: string): Game {
  const key = name.toLowerCase();
  const make = GAMES[ALIASES[key] ?? key];
  if (make === undefined) throw new TabularError(`unknown game '${name}'; choose one of ${TABULAR_GAME_NAMES.join(', ')}`);
  return make();
}
