// Public face of the league: the OSFP opponent sampler with its presets (self-play, uniform FSP),
// and Elo ratings with win-rate tables across pool members and baselines.
export { LeagueError } from './errors.js';
export {
  League, samplingWeights, validateLeagueConfig,
  type LeagueConfig, type LeagueConfigJson, type LeagueJson, type LeagueMember, type Opponent, type PeriodOutcome,
  type ResultsReset, type SamplingFunction, type ScoreConvention, type SnapshotCodec,
} from './league.js';
export { osfpConfig, selfPlayConfig, uniformFspConfig, presetConfig, LEAGUE_PRESETS, type LeaguePreset } from './presets.js';
export {
  ResultsMatrix, eloRatings, eloDifference, expectedScore, formatRatingsTable, type EloOptions,
} from './ratings.js';
