// Simple fixed policies for a seat of a turn-based game: uniformly random over the legal actions
// (seeded), and the first legal action. Useful as opponents in TwoPlayerEnv and in tests.
import { Rng } from '../core/rng.js';
import { checkSeed } from './seeding.js';
import { EnvError } from './types.js';
import type { SeatPolicy, TurnBasedEnv } from './game.js';

/** A seat policy with its own generator; TwoPlayerEnv seeds it from reset({seed}). */
export interface SeededSeatPolicy extends SeatPolicy {
  seed(seed: number): void;
}

export function isSeededSeatPolicy(p: SeatPolicy): p is SeededSeatPolicy {
  return typeof (p as Partial<SeededSeatPolicy>).seed === 'function';
}

function noLegalAction(env: TurnBasedEnv): never {
  throw new EnvError(`seat policy: no legal action for player ${env.currentPlayer()} (the mask is all zeros)`);
}

export class RandomSeatPolicy implements SeededSeatPolicy {
  private rng: Rng;

  constructor(seed = 0) {
    this.rng = new Rng(checkSeed(seed, 'RandomSeatPolicy'));
  }

  seed(seed: number): void {
    this.rng = new Rng(checkSeed(seed, 'RandomSeatPolicy.seed'));
  }

  act(_obs: Float32Array, mask: Uint8Array, env: TurnBasedEnv): number {
    let count = 0;
    for (let i = 0; i < mask.length; i++) count += mask[i] ? 1 : 0;
    if (count === 0) noLegalAction(env);
    let k = this.rng.int(count);
    for (let i = 0; i < mask.length; i++) if (mask[i] && k-- === 0) return i;
    return noLegalAction(env);
  }
}

export class FirstLegalSeatPolicy implements SeatPolicy {
  act(_obs: Float32Array, mask: Uint8Array, env: TurnBasedEnv): number {
    const i = mask.indexOf(1);
    return i >= 0 ? i : noLegalAction(env);
  }
}
