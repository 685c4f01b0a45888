// Rules the recordings never reach (RULES §13: 1.2 items, deck-out runes, self-damage) and the
// keyword interactions, checked on hand-built positions with zero-cost test cards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AREA_LANE1, AREA_LANE2, BLUE_ITEM, BREAKTHROUGH, CHARGE, CREATURE, DRAIN, GREEN_ITEM, GUARD, LETHAL, RED_ITEM, WARD, type Card,
} from './cards.js';
import { ATTACK, F_ATK, F_DEF, F_KW, F_LOC, LocmGame, MAX_LEGAL, SUMMON, USE, type Version } from './engine.js';

let nextNo = 200;
function card(p: Partial<Card>): Card {
  return { id: nextNo++, name: 'test', type: CREATURE, cost: 0, attack: 1, defense: 1, keywords: 0, myHealthChange: 0, opponentHealthChange: 0, cardDraw: 0, area: 0, ...p };
}
const filler = card({ attack: 0, defense: 1 });

/** A game whose players' decks start with the given cards (top first), padded with filler. */
function game(version: Version, top0: Card[], top1: Card[], size0 = 30, size1 = 30): LocmGame {
  const g = new LocmGame(version);
  const pad = (cs: Card[], size: number): Card[] => [...cs, ...Array.from({ length: size - cs.length }, () => filler)];
  const d0 = pad(top0, size0), d1 = pad(top1, size1);
  g.setup({ cards: d0, ids: d0.map((_, i) => i + 1) }, { cards: d1, ids: d1.map((_, i) => 31 + i) });
  g.startTurn();
  return g;
}

function play(g: LocmGame, kind: number, a1: number, a2: number): void {
  assert.ok(g.isLegal(kind, a1, a2), `expected ${kind} ${a1} ${a2} to be legal`);
  g.apply(kind, a1, a2);
}

test('1.2: a big hit breaks several runes at once and each gives a draw', () => {
  const g = game('1.2', [card({ attack: 12, defense: 1, keywords: CHARGE })], []);
  play(g, SUMMON, 1, 0);
  play(g, ATTACK, 1, -1);
  assert.equal(g.health(1), 18);
  assert.equal(g.nextRune(1), 15);
  assert.equal(g.nextTurnDraw(1), 3);
  g.startTurn();
  assert.equal(g.drawValueToShow(1), 3);
  assert.equal(g.handSize(1), 8);
});

test('1.2: drawing from an empty deck burns the largest rune and sets health to it', () => {
  const g = game('1.2', [], [], 5); // player 0 draws 4 + 1; its next draw finds the deck empty
  assert.equal(g.deckSize(0), 0);
  g.startTurn(); g.startTurn();
  assert.equal(g.health(0), 25);
  assert.equal(g.nextRune(0), 20);
  for (let i = 0; i < 5; i++) { g.startTurn(); g.startTurn(); }
  assert.equal(g.health(0), 0);
  assert.equal(g.winner, 1);
});

test('1.5: an empty deck deals 10 that never counts toward extra draws', () => {
  const g = game('1.5', [], [], 5);
  g.startTurn(); g.startTurn();
  assert.equal(g.health(0), 20);
  assert.equal(g.nextTurnDraw(0), 1);
});

test('1.2 items: green Charge lets a fresh creature attack; red removes Ward before damage; blue hits the face', () => {
  const green = card({ type: GREEN_ITEM, attack: 2, defense: 2, keywords: CHARGE });
  const red = card({ type: RED_ITEM, attack: -1, defense: -3, keywords: WARD | GUARD });
  const blue = card({ type: BLUE_ITEM, attack: 0, defense: -2, opponentHealthChange: -1, myHealthChange: 2, cardDraw: 1 });
  const guard = card({ attack: 2, defense: 5, keywords: WARD | GUARD, myHealthChange: 3 });
  const g = game('1.2', [card({ attack: 1, defense: 1 }), green, red, blue], [guard]);
  // Player 0 acts first but player 1's guard must be on the board: let player 1 summon it first.
  g.startTurn();
  play(g, SUMMON, 31, 0);
  g.startTurn();
  play(g, SUMMON, 1, 0);
  assert.equal(g.isLegal(ATTACK, 1, 31), false, 'summoned this turn, no Charge yet');
  play(g, USE, 2, 1);
  assert.deepEqual([g.field(1, F_ATK), g.field(1, F_DEF)], [3, 3]);
  assert.equal(g.isLegal(ATTACK, 1, -1), false, 'the guard blocks the face');
  play(g, USE, 3, 31);
  assert.deepEqual([g.field(31, F_ATK), g.field(31, F_DEF), g.field(31, F_KW)], [1, 2, 0]);
  play(g, ATTACK, 1, -1);
  assert.equal(g.health(1), 30, "the guard's summon healed its owner by 3");
  play(g, USE, 4, -1);
  assert.deepEqual([g.health(0), g.health(1), g.nextTurnDraw(0)], [32, 27, 2]);
  // Q1: a creature modified by an attack or an item shows 0 0 0 for its summon effects in 1.2.
  assert.match(g.inputLines(0).find((l) => l.startsWith(`${guard.id} 31 -1`))!, / 0 0 0 0 $/);
});

test('combat: Ward absorbs, Lethal kills, Breakthrough carries over, Drain heals by full attack', () => {
  const g = game('1.5', [card({ attack: 5, defense: 5, keywords: CHARGE | BREAKTHROUGH | DRAIN }), card({ attack: 1, defense: 9, keywords: CHARGE | LETHAL })],
    [card({ attack: 1, defense: 2 }), card({ attack: 3, defense: 3, keywords: WARD })]);
  g.startTurn();
  play(g, SUMMON, 31, 0);
  play(g, SUMMON, 32, 1);
  g.startTurn();
  play(g, SUMMON, 1, 0);
  play(g, ATTACK, 1, 31);
  assert.equal(g.health(1), 27, 'breakthrough: 5 − 2');
  assert.equal(g.health(0), 35, 'drain heals by the attack');
  assert.equal(g.field(1, F_DEF), 4);
  play(g, SUMMON, 2, 1);
  play(g, ATTACK, 2, 32);
  assert.equal(g.field(32, F_KW), 0, 'ward is lost, the creature survives');
  assert.equal(g.field(32, F_DEF), 3);
  assert.equal(g.field(2, F_DEF), 6);
  g.startTurn(); g.startTurn();
  play(g, ATTACK, 2, 32);
  assert.equal(g.laneCount(1, 1), 0, 'lethal kills');
});

test('1.5 Area: a lane1 creature copies itself with the next global id; a lane2 item hits every enemy creature', () => {
  const twin = card({ attack: 1, defense: 3, area: AREA_LANE1, myHealthChange: 1, cardDraw: 1 });
  const storm = card({ type: RED_ITEM, attack: 0, defense: -2, area: AREA_LANE2, opponentHealthChange: -1 });
  const g = game('1.5', [storm], [twin, card({ attack: 1, defense: 2 })]);
  g.startTurn();
  play(g, SUMMON, 31, 0);
  assert.equal(g.laneCard(1, 0, 1), 61);
  assert.equal(g.health(1), 32);
  assert.equal(g.nextTurnDraw(1), 3);
  play(g, SUMMON, 32, 1);
  g.startTurn();
  play(g, USE, 1, 61);
  assert.deepEqual([g.field(31, F_DEF), g.field(61, F_DEF), g.boardSize(1)], [1, 1, 2]);
  assert.equal(g.health(1), 32 - 3, 'three creatures affected');
  const copy = g.clone();
  copy.startTurn();
  assert.notEqual(copy.turn, g.turn, 'a clone is independent');
});

test('1.5: a full hand wastes draws without damage even from an empty deck; 1.2 still burns a rune', () => {
  const brick = card({ cost: 99 });
  for (const version of ['1.5', '1.2'] as const) {
    const g = game(version, [], Array.from({ length: 8 }, () => brick), 30, 8);
    for (let i = 0; i < 3; i++) { g.startTurn(); g.startTurn(); }
    assert.equal(g.handSize(1), 8);
    g.startTurn(); // player 1: hand full, deck empty
    assert.equal(g.deckSize(1), 0);
    assert.equal(g.health(1), version === '1.5' ? 30 : 25);
  }
});

test('the turn limit: from a player\'s 51st turn, 1.5 deals 10 per turn start and 1.2 burns a rune per draw', () => {
  const brick = card({ cost: 99 });
  for (const version of ['1.5', '1.2'] as const) {
    const g = game(version, Array.from({ length: 30 }, () => brick), Array.from({ length: 30 }, () => brick));
    while (g.turn < 98) g.startTurn(); // turn 98 is player 0's 50th turn (k = 49)
    assert.equal(g.health(0), 30);
    g.startTurn(); g.startTurn(); // turn 100: player 0, k = 50
    assert.ok(g.deckSize(0) > 0, 'cards are left in the deck');
    assert.equal(g.health(0), version === '1.5' ? 20 : 25);
  }
});

test('copying a position never exposes instances of an earlier, larger game', async () => {
  const { LocmRunner } = await import('./play.js');
  const { RandomAgent } = await import('./agents/random.js');
  const runner = new LocmRunner('1.5');
  let seed = 0;
  // Find a game whose Area summons created copies (ids past 60).
  for (; seed < 200; seed++) {
    runner.play(seed, [new RandomAgent(), new RandomAgent()]);
    if (runner.game.field(61, F_LOC) !== 0) break;
  }
  assert.ok(seed < 200, 'some game creates an Area copy');
  const fresh = game('1.5', [], []);
  runner.game.copyFrom(fresh);
  for (let id = 61; id < 128; id++) {
    for (const [kind, a2] of [[SUMMON, 0], [USE, -1], [ATTACK, -1]]) assert.equal(runner.game.isLegal(kind, id, a2), false);
  }
  runner.game.listLegal(new Int32Array(3 * MAX_LEGAL)); // must not throw
});

test('countLegal and sampleLegal give listLegal\'s count and its action at the drawn index, in every position of random games', async () => {
  const { LocmRunner } = await import('./play.js');
  const { RandomAgent } = await import('./agents/random.js');
  const { LocmEngineError } = await import('./engine.js');
  const list = new Int32Array(3 * MAX_LEGAL), one = new Int32Array(3);
  const kinds = new Set<number>();
  let positions = 0;
  for (const version of ['1.2', '1.5'] as const) {
    const runner = new LocmRunner(version);
    const random = new RandomAgent();
    // A step agent that checks the position it is asked about, then plays as the random agent.
    const checker = {
      name: 'checker', reset: (seed: number) => random.reset(seed), draft: () => random.draft(), construct: random.construct.bind(random),
      battle: () => { throw new Error('the runner steps step agents'); },
      step(g: LocmGame, out: Int32Array): void {
        const n = g.listLegal(list);
        assert.equal(g.countLegal(), n);
        for (let k = 0; k < n; k++) {
          g.sampleLegal({ int: (m) => { assert.equal(m, n); return k; } }, one);
          assert.deepEqual([...one], [...list.subarray(3 * k, 3 * k + 3)], `${version} action ${k} of ${n}`);
          kinds.add(one[0] === ATTACK && one[2] !== -1 ? 4 : one[0]);
        }
        for (const bad of [n, -1, 0.5]) assert.throws(() => g.sampleLegal({ int: () => bad }, one), LocmEngineError);
        positions++;
        random.step(g, out);
      },
    };
    for (let seed = 0; seed < 60; seed++) runner.play(seed, [checker, checker]);
  }
  assert.ok(positions > 2000, `${positions} positions checked`);
  assert.equal(kinds.size, 5, 'PASS, SUMMON, ATTACK face, ATTACK creature and USE all occur');
});
