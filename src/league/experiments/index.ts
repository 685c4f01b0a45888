// Public face of the league experiments: exact policy gradient on symmetric matrix games and sampled
// policy gradient on compiled game trees, and PPO on poker through the learner env (its network tabulated),
// each against a league's opponents, with exact exploitability.
export { runMatrixLeague, symmetricExploitability, MATRIX_PG_DEFAULTS, type MatrixPgConfig, type MatrixPgResult } from './matrix-pg.js';
export { runTreeLeague, PoolAverage, type TreePgConfig, type TreePgResult } from './tree-pg.js';
export {
  runPpoLeague, pokerLeagueGame, freezeActor, ActorTabulator, PPO_LEAGUE_DEFAULTS, type LeagueGame, type PpoLeagueConfig, type PpoLeagueResult,
} from './ppo-league.js';
