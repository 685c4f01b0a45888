// The pass agent: takes the first offered card (the referee's PASS) and never acts in battle.
import type { Card } from '../cards.js';
import type { LocmAgent } from './agent.js';

export class PassAgent implements LocmAgent {
  readonly name = 'pass';
  reset(): void {}
  draft(): number { return 0; }
  /** What a constructed `PASS` does: the first cards with copies left, two of each, in list order. */
  construct(offered: readonly Card[]): number[] {
    return Array.from({ length: 30 }, (_, i) => Math.min(offered.length - 1, i >> 1));
  }
  battle(): void {}
}
