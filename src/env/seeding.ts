// Seed handling shared by envs and spaces (GYMNASIUM-SEMANTICS §2): validation of user seeds,
// and the entropy seed an unseeded generator starts from on first use (rule 1 and rule 6).
import { randomInt } from 'node:crypto';
import { EnvError } from './types.js';

/** Largest seed accepted: seeds are reduced to 32 bits by Rng, so larger ones would alias. */
export const MAX_SEED = 0xffffffff;

/** Throws EnvError unless `seed` is a non-negative integer (Gymnasium: "Seed must be greater or equal to zero"). */
export function checkSeed(seed: unknown, where = 'reset'): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new EnvError(`${where}: seed must be a non-negative integer or undefined, got ${String(seed)} (${typeof seed})`);
  }
  if (seed < 0) throw new EnvError(`${where}: seed must be greater or equal to zero, got ${seed}`);
  if (seed > MAX_SEED) throw new EnvError(`${where}: seed must be at most 2^32−1 = ${MAX_SEED}, got ${seed}`);
  return seed;
}

/**
 * A seed drawn from operating-system entropy, for a generator the user never seeded.
 * The value is recorded (as Gymnasium's np_random_seed) so such a run can still be replayed.
 */
export function entropySeed(): number {
  return randomInt(0, 0x100000000 - 1);
}
