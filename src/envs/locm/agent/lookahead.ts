// One-step lookahead features for the battle head (a Ludus addition, not in ByteRL): for every
// legal battle slot, what the action does to the position, from the actor's side, computed by
// applying it to a scratch copy of the engine. A bot's own actions are deterministic and fully
// observed in LOCM (draws happen at turn start), so this is information the seat already has,
// only made explicit. The policy weights these features by a state-dependent vector initialised
// to the greedy agent's evaluation (agents/greedy.ts), so an untrained policy already plays like
// a noisy greedy and reinforcement learning refines from there (docs/locm-agent.md).
import { F_ATK, F_DEF, F_KW, F_LANE, LocmGame, type Version } from '../engine.js';
import { NUM_BATTLE_ACTIONS, type BattleActionCodec } from '../env.js';
import { creatureValue, evaluate } from '../agents/greedy.js';

/**
 * Per action: greedy evaluation change /10 (clipped to ±3; 0 when the game ends), the game's end
 * (+1 won, −1 lost), the changes of own health, enemy health, own and enemy board value (/10), own
 * and enemy creature counts (/3), own mana (/10), own cards to come (hand + next draw, /3), and two
 * lane features (/10): the enemy attack facing own creatures (summed over own creatures, each
 * counting the enemy attack in its lane: creatures fight only in their lane) and the enemy attack
 * in lanes where the actor has no creature.
 */
export const LOOKAHEAD_FEATURES = 12;

/** The head's initial weights on the features: the greedy evaluation, and any winning action first. */
export const LOOKAHEAD_PRIOR: readonly number[] = [4, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

function boardValue(g: LocmGame, p: number): number {
  let v = 0;
  for (let i = 0, n = g.boardSize(p); i < n; i++) {
    const id = g.boardCard(p, i);
    v += creatureValue(g.field(id, F_ATK), g.field(id, F_DEF), g.field(id, F_KW));
  }
  return v;
}

const laneAttack = [0, 0], laneCreatures = [0, 0];

/** The two lane features of `p`'s side (see LOOKAHEAD_FEATURES) into out[at], out[at + 1]. */
function writeLanes(g: LocmGame, p: number, out: Float32Array, at: number): void {
  const q = 1 - p;
  laneAttack[0] = laneAttack[1] = laneCreatures[0] = laneCreatures[1] = 0;
  for (let i = 0, n = g.boardSize(q); i < n; i++) {
    const id = g.boardCard(q, i);
    laneAttack[g.field(id, F_LANE)] += g.field(id, F_ATK);
  }
  let facing = 0;
  for (let i = 0, n = g.boardSize(p); i < n; i++) {
    const lane = g.field(g.boardCard(p, i), F_LANE);
    laneCreatures[lane]++;
    facing += laneAttack[lane];
  }
  out[at] = facing / 10;
  out[at + 1] = ((laneCreatures[0] === 0 ? laneAttack[0] : 0) + (laneCreatures[1] === 0 ? laneAttack[1] : 0)) / 10;
}

/** Writes the features of the position `g` (player to move p) into out[at + k] for k < LOOKAHEAD_FEATURES. */
function writeState(g: LocmGame, p: number, out: Float32Array, at: number): void {
  const q = 1 - p;
  out[at] = g.winner >= 0 ? 0 : evaluate(g, p) / 10;
  out[at + 1] = g.winner === p ? 1 : g.winner === q ? -1 : 0;
  out[at + 2] = g.health(p) / 10;
  out[at + 3] = g.health(q) / 10;
  out[at + 4] = boardValue(g, p) / 10;
  out[at + 5] = boardValue(g, q) / 10;
  out[at + 6] = g.boardSize(p) / 3;
  out[at + 7] = g.boardSize(q) / 3;
  out[at + 8] = g.mana(p) / 10;
  out[at + 9] = (g.handSize(p) + g.nextTurnDraw(p)) / 3;
  writeLanes(g, p, out, at + 10);
}

export class ActionLookahead {
  private readonly scratch: LocmGame;
  private readonly before = new Float32Array(LOOKAHEAD_FEATURES);

  constructor(readonly version: Version) {
    this.scratch = new LocmGame(version);
  }

  /**
   * The features of every slot legal in `mask` for the player to move in `g`, written into
   * out[at + a·LOOKAHEAD_FEATURES + k]; other slots (and PASS, which changes nothing) stay as they are.
   */
  write(g: LocmGame, mask: Uint8Array, codec: BattleActionCodec, out: Float32Array, at: number): void {
    const p = g.currentPlayer, t = this.scratch, b = this.before, K = LOOKAHEAD_FEATURES;
    writeState(g, p, b, 0);
    for (let a = 1; a < NUM_BATTLE_ACTIONS; a++) {
      if (!mask[a]) continue;
      const d = codec.decode(g, a);
      if (d === null) continue;
      t.copyFrom(g);
      t.apply(d[0], d[1], d[2]);
      const o = at + a * K;
      writeState(t, p, out, o);
      for (let k = 0; k < K; k++) out[o + k] -= b[k];
      // A finished game has no evaluation change; a large swing is clipped.
      out[o] = t.winner >= 0 ? 0 : Math.max(-3, Math.min(3, out[o]));
    }
  }
}
