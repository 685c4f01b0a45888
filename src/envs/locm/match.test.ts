// The deck-building pieces LocmRunner calls with reused buffers give what the allocating
// functions (used by LocmMatch and the env) give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CARDS_12 } from './cards.js';
import { DRAFT_INDICES, battleDecks, draftIndices, draftTriples, fillBattleDeck, type DeckBuffer } from './match.js';

test('draftIndices writes draftTriples\' offers as card indices, also after a longer card list grew its scratch', () => {
  const longer = [...CARDS_12, ...CARDS_12.map((c) => ({ ...c, id: c.id + 1000 }))];
  const out = new Int32Array(DRAFT_INDICES);
  for (const [seed, cards] of [[1, CARDS_12], [-5n, longer], [123456789n, CARDS_12], [7, longer]] as const) {
    draftIndices(seed, cards.length, out);
    assert.deepEqual(draftTriples(seed, cards), Array.from({ length: 30 }, (_, k) => [cards[out[3 * k]], cards[out[3 * k + 1]], cards[out[3 * k + 2]]]));
  }
});

test('draftIndices refuses a list with fewer cards than the draft pool, or a short out', () => {
  assert.throws(() => draftIndices(1, 59, new Int32Array(DRAFT_INDICES)), RangeError);
  assert.throws(() => draftIndices(1, CARDS_12.length, new Int32Array(DRAFT_INDICES - 1)), RangeError);
});

test('fillBattleDeck overwrites a reused buffer (a shorter deck truncates it) with battleDecks\' deck', () => {
  const buffer: DeckBuffer = { cards: [], ids: [] };
  const seeds = { shufflePlayer0Seed: 11n, shufflePlayer1Seed: -3n };
  for (const [version, idScheme, size] of [['1.2', 'competition', 30], ['1.5', 'later', 30], ['1.5', 'competition', 12]] as const) {
    const chosen = [CARDS_12.slice(0, size), CARDS_12.slice(40, 40 + size)];
    const expected = battleDecks(version, chosen, seeds, idScheme)[1];
    assert.deepEqual(fillBattleDeck(version, chosen[1], 1, seeds.shufflePlayer1Seed, idScheme, buffer), { cards: expected.cards, ids: expected.ids });
  }
});
