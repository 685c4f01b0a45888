// Wrappers, each changing one thing about an env (GYMNASIUM-SEMANTICS §4).
export { ClipAction, RescaleAction, StickyAction } from './action-wrappers.js';
export { Autoreset } from './autoreset.js';
export { FrameStack, type Padding } from './frame-stack.js';
export { NormalizeObservation, NormalizeReward } from './normalize.js';
export { OrderEnforcing } from './order-enforcing.js';
export { PassiveEnvChecker } from './passive-env-checker.js';
export { RecordEpisodeStatistics, type EpisodeStats } from './record-episode-statistics.js';
export { RunningMeanStd } from './running-mean-std.js';
export { TimeLimit } from './time-limit.js';
export { Wrapper, findWrapper } from './wrapper.js';
