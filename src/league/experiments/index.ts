// Public face of the league experiments: exact policy gradient on symmetric matrix games and sampled
// policy gradient on compiled game trees, each against a league's opponents, with exact exploitability.
export { runMatrixLeague, symmetricExploitability, MATRIX_PG_DEFAULTS, type MatrixPgConfig, type MatrixPgResult } from './matrix-pg.js';
export { runTreeLeague, PoolAverage, type TreePgConfig, type TreePgResult } from './tree-pg.js';
