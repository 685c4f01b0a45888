// Named league configurations: OSFP with the Hearthstone hyperparameters of ALGORITHMS.md §2.5, and
// the two ablations, plain self-play and uniform fictitious self-play. Overrides change any field.

import type { LeagueConfig } from './league.js';

export type LeaguePreset = 'selfPlay' | 'uniformFsp' | 'osfp';
export const LEAGUE_PRESETS: readonly LeaguePreset[] = ['selfPlay', 'uniformFsp', 'osfp'];

/**
 * OSFP: p = 0.6, ξ = 0.55, c = 6 (Hearthstone values, [secondary] in §2.5), scores as win rates
 * (so ξ = 0.55 means a 55% win rate, the reading of §2.5's experiment 1) and pfsp with q = 2.
 */
export function osfpConfig(overrides: Partial<LeagueConfig> = {}): LeagueConfig {
  return {
    selfPlayProb: 0.6, sampling: { kind: 'pfsp', q: 2 }, score: 'winLoss', admitThreshold: 0.55, maxWaitPeriods: 6,
    resetResults: 'everyPeriod', priorGames: 1, ...overrides,
  };
}

/** Plain self-play: the opponent is always the current learner (p = 1); the pool is only a record of past snapshots. */
export function selfPlayConfig(overrides: Partial<LeagueConfig> = {}): LeagueConfig {
  return osfpConfig({ selfPlayProb: 1, sampling: { kind: 'uniform' }, admitThreshold: Infinity, maxWaitPeriods: 0, ...overrides });
}

/** Uniform fictitious self-play: the opponent is a uniformly drawn past snapshot (p = 0) and a snapshot joins every period (c = 0). */
export function uniformFspConfig(overrides: Partial<LeagueConfig> = {}): LeagueConfig {
  return osfpConfig({ selfPlayProb: 0, sampling: { kind: 'uniform' }, admitThreshold: Infinity, maxWaitPeriods: 0, ...overrides });
}

export function presetConfig(name: LeaguePreset, overrides: Partial<LeagueConfig> = {}): LeagueConfig {
  switch (name) {
    case 'selfPlay': return selfPlayConfig(overrides);
    case 'uniformFsp': return uniformFspConfig(overrides);
    case 'osfp': return osfpConfig(overrides);
  }
}
