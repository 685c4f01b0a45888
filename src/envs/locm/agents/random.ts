// The random agent: uniform draft picks, a random constructed deck (RandomWItems2lanes style:
// uniform cards, redrawn past 2 copies), and in battle a uniformly random legal action at each
// step (PASS included, which ends the turn), simulated on a scratch copy of the position.
import { Rng } from '../../../core/rng.js';
import type { Card } from '../cards.js';
import { LocmGame } from '../engine.js';
import { battleBySteps, type ActionList, type LocmAgent } from './agent.js';

export class RandomAgent implements LocmAgent {
  readonly name = 'random';
  private readonly rng = new Rng(0);
  private scratch: LocmGame | null = null;
  private readonly action = new Int32Array(3);

  reset(seed: number): void { this.rng.seed(seed); }

  draft(): number { return this.rng.int(3); }

  construct(offered: readonly Card[]): number[] {
    const counts = new Int32Array(offered.length);
    const picks: number[] = [];
    while (picks.length < 30) {
      const i = this.rng.int(offered.length);
      if (counts[i] < 2) { counts[i]++; picks.push(i); }
    }
    return picks;
  }

  battle(game: LocmGame, out: ActionList): void {
    if (this.scratch === null || this.scratch.version !== game.version) this.scratch = new LocmGame(game.version, game.idScheme);
    battleBySteps(this, this.scratch, game, out, this.action);
  }

  /** A uniformly random legal action, PASS included: listLegal's action at index rng.int(count). */
  step(game: LocmGame, out: Int32Array): void {
    game.sampleLegal(this.rng, out);
  }
}
