// Public face of the matrix games.
export {
  MatrixGame, MatrixGameEnv, MatrixEngine, zeroSumSpec, rockPaperScissors, biasedRockPaperScissors,
  BIASED_RPS_EQUILIBRIUM, RPS_ACTIONS, type MatrixGameSpec,
} from './matrix-game.js';
