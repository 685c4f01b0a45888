// Any LocmAgent as a SeatPolicy of the LOCM TurnBasedEnv, so baselines and search agents can sit
// in env-based self-play and leagues: deck-building choices one at a time, and battle turns fed
// one action per step (a line agent's actions with the referee's skip rule, then PASS).
import type { SeatPolicy, TurnBasedEnv } from '../../../env/game.js';
import { EnvError } from '../../../env/types.js';
import type { LocmEnv } from '../env.js';
import { ActionList, type LocmAgent } from './agent.js';

export class AgentSeatPolicy implements SeatPolicy {
  private readonly line = new ActionList();
  private readonly action = new Int32Array(3);
  private cursor = 0;
  private lineTurn = -1;
  private picks: number[] = [];

  constructor(readonly agent: LocmAgent, private readonly env: LocmEnv) {}

  /** Starts a game: resets the agent with `seed` (as LocmRunner does: its seed, +1 for seat 1). */
  reset(seed: number): void {
    this.agent.reset(seed);
    this.lineTurn = -1;
    this.picks = [];
  }

  act(_obs: Float32Array, _mask: Uint8Array, env: TurnBasedEnv): number {
    if (env !== this.env) throw new EnvError('AgentSeatPolicy: act() called with another env than the one it was built for');
    const e = this.env, p = e.currentPlayer();
    if (e.phase === 'build') {
      if (e.version === '1.2') return this.agent.draft(e.offer, e.chosenCards(p));
      if (e.chosenCards(p).length === 0) this.picks = this.agent.construct(e.offer);
      return this.picks[e.chosenCards(p).length];
    }
    const g = e.game, a = this.action;
    if (this.agent.step) {
      this.agent.step(g, a);
      return this.encodeOrPass(a[0], a[1], a[2]);
    }
    if (this.lineTurn !== g.turn) {
      this.line.clear();
      this.agent.battle(g, this.line);
      this.cursor = 0;
      this.lineTurn = g.turn;
    }
    while (this.cursor < this.line.length) {
      const i = this.cursor++;
      const kind = this.line.kind(i), a1 = this.line.a1(i), a2 = this.line.a2(i);
      if (kind !== 0 && g.isLegal(kind, a1, a2)) return this.encodeOrPass(kind, a1, a2);
    }
    return 0;
  }

  private encodeOrPass(kind: number, a1: number, a2: number): number {
    const index = this.env.encode(kind, a1, a2);
    return index < 0 ? 0 : index;
  }
}
