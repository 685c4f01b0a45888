// Optimisers, learning-rate schedules and gradient clipping.
export { Optimizer, resolveParams, type ParamSource, type OptimizerState } from './optimizer.js';
export { Adam, AdamW, SGD, RMSprop, type AdamOptions, type SGDOptions, type RMSpropOptions } from './optimizers.js';
export { constantLr, linearLr, cosineLr, warmupLr, type LrSchedule } from './schedule.js';
export { clipGradNorm, gradNorm } from './clip.js';
