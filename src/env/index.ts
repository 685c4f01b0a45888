// The env API's public face: the Gymnasium-style contract, spaces, registry, wrappers, checker, vector
// envs, the turn-based game API with its two-player wrapper, and the frame rasteriser.
export * from './types.js';
export * from './game.js';
export * from './spaces.js';
export { BaseEnv, isSeededEnv, resetBounds, type SeededEnv } from './env.js';
export { checkSeed, entropySeed } from './seeding.js';
export { make, register, registeredIds, spec, suggest, unregister, type EntryPoint, type MakeOptions, type RegisterOptions } from './registry.js';
export { checkEnv, EnvCheckError, allClose, type CheckEnvOptions } from './checker.js';
export * from './wrappers/index.js';
export * from './vector/index.js';
export { TwoPlayerEnv, type LearnerSeat, type TwoPlayerEnvOptions } from './two-player.js';
export { FirstLegalSeatPolicy, RandomSeatPolicy, isSeededSeatPolicy, type SeededSeatPolicy } from './seat-policies.js';
export { Canvas, type Rgb } from './raster.js';
