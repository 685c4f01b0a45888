import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANCE, TERMINAL, type Game, type GameState } from '../../env/game.js';
import { KuhnPoker } from '../../envs/poker/index.js';
import { TabularError } from './errors.js';
import { compileGame } from './tree.js';

/** A tiny configurable game for malformed-tree checks: one chance node, then player 0 moves twice. */
class ToyState implements GameState {
  constructor(private readonly h: number[], private readonly opts: { chance: number[]; key: (h: number[]) => string; player?: (h: number[]) => number }) {}
  numPlayers(): number { return 2; }
  currentPlayer(): number {
    if (this.h.length === 0) return CHANCE;
    if (this.h.length >= 3) return TERMINAL;
    return this.opts.player?.(this.h) ?? 0;
  }
  isTerminal(): boolean { return this.h.length >= 3; }
  legalActions(): number[] { return this.h.length === 0 || this.isTerminal() ? [] : [0, 1]; }
  chanceOutcomes(): Array<[number, number]> { return this.opts.chance.map((p, a) => [a, p]); }
  child(a: number): GameState { return new ToyState([...this.h, a], this.opts); }
  returns(): number[] { return [this.h[2], -this.h[2]]; }
  informationStateKey(): string { return this.opts.key(this.h); }
  actionToString(a: number): string { return String(a); }
  toString(): string { return this.h.join(','); }
}

function toy(opts: ConstructorParameters<typeof ToyState>[1]): Game {
  return { name: 'toy', numPlayers: () => 2, numDistinctActions: () => 2, newInitialState: () => new ToyState([], opts) };
}

test('compiles Kuhn breadth-first: parents before children, children contiguous', () => {
  const t = compileGame(new KuhnPoker());
  assert.equal(t.numNodes, 58);
  assert.equal(t.infosets.numInfosets, 12);
  assert.equal(t.terminalNodes.length, 30);
  for (let n = 1; n < t.numNodes; n++) {
    const p = t.nodeParent[n];
    assert.ok(p < n);
    assert.ok(n >= t.firstChild[p] && n < t.firstChild[p] + t.numChildren[p]);
  }
  // Own-sequence links point to earlier information sets of the same player.
  for (let I = 0; I < t.infosets.numInfosets; I++) {
    const s = t.infosets.recallSlot[I];
    if (s >= 0) {
      const J = t.infosets.slotInfoset[s];
      assert.ok(J < I);
      assert.equal(t.infosets.player[J], t.infosets.player[I]);
    }
  }
  assert.deepEqual(t.infosets.keys.filter((k) => t.infosets.recallSlot[t.infosets.indexOf(k)!] >= 0).sort(), ['0pb', '1pb', '2pb']);
});

test('rejects imperfect recall, shared keys, bad chance probabilities and oversized trees', () => {
  const perfect = toy({ chance: [0.5, 0.5], key: (h) => h.slice(0, 2).join('') });
  assert.equal(compileGame(perfect).infosets.numInfosets, 6);
  // Player 0 forgets their own first move.
  assert.throws(() => compileGame(toy({ chance: [0.5, 0.5], key: (h) => (h.length === 1 ? `a${h[0]}` : `b${h[0]}`) })), /perfect recall/);
  assert.throws(() => compileGame(toy({ chance: [0.5, 0.5], key: () => 'same', player: (h) => h.length - 1 })), /distinct across players/);
  assert.throws(() => compileGame(toy({ chance: [0.5, 0.4], key: (h) => h.join('') })), /sum to 1/);
  assert.throws(() => compileGame(perfect, { maxNodes: 5 }), (e: unknown) => e instanceof TabularError && /more than 5 nodes/.test(e.message));
});
