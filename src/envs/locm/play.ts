// Plays whole LOCM games between two engine-level agents, with the referee's seeds, deck
// building and turn semantics but no text: the fast path for benchmarks, leagues and tests.
import { CARDS_12, type Card } from './cards.js';
import * as E from './engine.js';
import { LocmGame, type Version } from './engine.js';
import { generateCards15 } from './generator.js';
import { DRAFT_INDICES, constructedList, deriveMatchSeeds, draftIndices, fillBattleDeck, type DeckBuffer } from './match.js';
import { ActionList, executeTurn, type LocmAgent } from './agents/agent.js';

// A module-local copy: an imported binding read under tsx costs a getter call per step.
const PASS = E.PASS;

export interface GameResult {
  winner: number;
  /** Player turns played in the battle. */
  turns: number;
  /** Actions executed in the battle. */
  actions: number;
}

export class LocmRunner {
  readonly game: LocmGame;
  private readonly actions = new ActionList();
  private readonly action = new Int32Array(3);
  // Per-game buffers, reused: the draft's card indices, the offered triple, the chosen cards and
  // the battle decks. Agents see the triple and their chosen cards only during their call.
  private readonly draft = new Int32Array(DRAFT_INDICES);
  private readonly triple: Card[] = [];
  private readonly chosen: [Card[], Card[]] = [[], []];
  private readonly decks: [DeckBuffer, DeckBuffer] = [{ cards: [], ids: [] }, { cards: [], ids: [] }];

  constructor(readonly version: Version) {
    this.game = new LocmGame(version);
  }

  /** One game from the referee seed `seed`; agents[p] plays seat p. */
  play(seed: bigint | number, agents: readonly [LocmAgent, LocmAgent], params: Record<string, string> = {}): GameResult {
    const seeds = deriveMatchSeeds(this.version, params, BigInt(seed));
    const low = typeof seed === 'number' ? seed >>> 0 : Number(BigInt.asUintN(32, seed));
    agents[0].reset(low);
    agents[1].reset((low + 1) >>> 0);
    const chosen = this.chosen;
    chosen[0].length = 0;
    chosen[1].length = 0;
    if (this.version === '1.2') {
      const draft = this.draft, triple = this.triple;
      draftIndices(seeds.draftChoicesSeed!, CARDS_12.length, draft);
      for (let k = 0; k < DRAFT_INDICES; k += 3) {
        triple[0] = CARDS_12[draft[k]]; triple[1] = CARDS_12[draft[k + 1]]; triple[2] = CARDS_12[draft[k + 2]];
        for (let p = 0; p < 2; p++) {
          const i = agents[p].draft(triple, chosen[p]);
          if (!(i === 0 || i === 1 || i === 2)) throw new RangeError(`${agents[p].name}: draft pick must be 0, 1 or 2, got ${i}`);
          chosen[p].push(triple[i]);
        }
      }
    } else {
      const offered = constructedList(generateCards15(seeds.cardGenSeed!), seeds.constructedChoicesSeed!);
      for (let p = 0; p < 2; p++) {
        const picks = agents[p].construct(offered);
        const counts = new Int32Array(offered.length);
        for (const i of picks) {
          if (!(i >= 0 && i < offered.length) || ++counts[i] > 2) throw new RangeError(`${agents[p].name}: constructed pick ${i} is not an offered card with a copy left`);
          chosen[p].push(offered[i]);
        }
        if (chosen[p].length !== 30) throw new RangeError(`${agents[p].name}: constructed ${chosen[p].length} cards, needs 30`);
      }
    }
    const g = this.game;
    g.setup(
      fillBattleDeck(this.version, chosen[0], 0, seeds.shufflePlayer0Seed, g.idScheme, this.decks[0]),
      fillBattleDeck(this.version, chosen[1], 1, seeds.shufflePlayer1Seed, g.idScheme, this.decks[1]),
      61,
    );
    g.startTurn();
    let turns = 0, actions = 0;
    const a = this.action;
    while (g.winner < 0) {
      const agent = agents[g.currentPlayer];
      if (agent.step) {
        // Step agents act on the live position; an illegal choice ends the turn (a repeat would loop).
        while (g.winner < 0) {
          agent.step(g, a);
          if (a[0] === PASS) break;
          if (g.isLegal(a[0], a[1], a[2])) { g.apply(a[0], a[1], a[2]); actions++; }
          else break;
        }
      } else {
        this.actions.clear();
        agent.battle(g, this.actions);
        actions += executeTurn(g, this.actions);
      }
      turns++;
      if (g.winner < 0) g.startTurn();
    }
    return { winner: g.winner, turns, actions };
  }
}
