import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../envs/index.js';
import { TicTacToe } from '../envs/tictactoe/index.js';
import { checkEnv } from './checker.js';
import { TERMINAL, type Player, type TurnBasedEnv, type TurnBasedEnvSpec } from './game.js';
import { make } from './registry.js';
import { FirstLegalSeatPolicy, RandomSeatPolicy } from './seat-policies.js';
import { TwoPlayerEnv } from './two-player.js';
import { EnvError, type Info } from './types.js';

/** Nim: take 1–3 stones (action k takes k + 1); whoever takes the last stone wins. */
class Nim implements TurnBasedEnv {
  readonly spec: TurnBasedEnvSpec = { numPlayers: 2, observationSize: 2, numActions: 3 };
  readonly renderMode = null;
  stones = 0;
  private toMove: Player = 0;
  private readonly r = new Float64Array(2);
  constructor(private readonly start: number) {}
  reset(): void { this.stones = this.start; this.toMove = 0; this.r.fill(0); }
  currentPlayer(): Player { return this.stones === 0 ? TERMINAL : this.toMove; }
  observe(player: Player, out = new Float32Array(2)): Float32Array { out[0] = this.stones; out[1] = player; return out; }
  legalActions(out = new Uint8Array(3)): Uint8Array { for (let a = 0; a < 3; a++) out[a] = a + 1 <= this.stones ? 1 : 0; return out; }
  step(action: number): void {
    if (!(action >= 0 && action < 3 && action + 1 <= this.stones)) throw new EnvError(`Nim: illegal action ${action}`);
    this.stones -= action + 1;
    this.r.fill(0);
    if (this.stones === 0) { this.r[this.toMove] = 1; this.r[1 - this.toMove] = -1; } else this.toMove = 1 - this.toMove;
  }
  rewards(): Float64Array { return this.r; }
  terminated(): boolean { return this.stones === 0; }
  truncated(): boolean { return false; }
  info(): Info { return {}; }
  render(): null { return null; }
  close(): void {}
}

test('the opponent moves until the learner\'s turn; terminal rewards are the learner\'s', () => {
  // Pile 6; the opponent always takes 1 stone; the learner moves first.
  const env = new TwoPlayerEnv(new Nim(6), new FirstLegalSeatPolicy(), { learnerSeat: 0 });
  let r0 = env.reset({ seed: 0 });
  assert.deepEqual([...r0.obs], [6, 0]);
  let s = env.step(1); // takes 2 → 4 left; opponent takes 1 → 3 left
  assert.deepEqual([s.reward, s.terminated, ...s.obs], [0, false, 3, 0]);
  s = env.step(2); // takes the last 3
  assert.deepEqual([s.reward, s.terminated], [1, true]);
  assert.throws(() => env.step(0), /after the episode ended/);
  // Learner second: the opponent's first move happens inside reset.
  const second = new TwoPlayerEnv(new Nim(2), new FirstLegalSeatPolicy(), { learnerSeat: 1 });
  r0 = second.reset({ seed: 0 });
  assert.deepEqual([...r0.obs], [1, 1]);
  assert.deepEqual([...(r0.info.actionMask as Uint8Array)], [1, 0, 0]);
  assert.equal(second.step(0).reward, 1);
  // A losing learner gets −1 on the opponent's winning move.
  const lose = new TwoPlayerEnv(new Nim(3), new FirstLegalSeatPolicy(), { learnerSeat: 0 });
  lose.reset({ seed: 0 });
  const l = lose.step(0); // 2 left; opponent takes 1; 1 left, learner's turn
  assert.equal(l.terminated, false);
  const end = lose.step(0);
  assert.deepEqual([end.reward, end.terminated], [1, true]);
  const lose2 = new TwoPlayerEnv(new Nim(2), new FirstLegalSeatPolicy(), { learnerSeat: 0 });
  lose2.reset({ seed: 0 });
  const e2 = lose2.step(0); // 1 left: opponent takes it and wins
  assert.deepEqual([e2.reward, e2.terminated], [-1, true]);
});

test('illegal learner actions give an EnvError listing the legal ones; the mask is in info and actionMask()', () => {
  const env = new TwoPlayerEnv(new Nim(2), new FirstLegalSeatPolicy());
  const r = env.reset({ seed: 1 });
  assert.deepEqual([...(r.info.actionMask as Uint8Array)], [1, 1, 0]);
  assert.deepEqual([...env.actionMask()], [1, 1, 0]);
  assert.throws(() => env.step(2), /action 2 is not legal now; legal actions: 0, 1/);
  assert.throws(() => new TwoPlayerEnv(new Nim(2), new FirstLegalSeatPolicy(), { learnerSeat: 2 as 0 }), /learnerSeat/);
});

test('alternate and random seats', () => {
  const alt = new TwoPlayerEnv(new Nim(9), new FirstLegalSeatPolicy(), { learnerSeat: 'alternate' });
  assert.deepEqual([0, 1, 2, 3].map(() => (alt.reset(), alt.seat)), [0, 1, 0, 1]);
  const rnd = new TwoPlayerEnv(new Nim(9), new FirstLegalSeatPolicy(), { learnerSeat: 'random' });
  rnd.reset({ seed: 3 });
  const seats = Array.from({ length: 40 }, () => (rnd.reset(), rnd.seat));
  assert.ok(seats.includes(0) && seats.includes(1));
  rnd.reset({ seed: 3 });
  assert.deepEqual(Array.from({ length: 40 }, () => (rnd.reset(), rnd.seat)), seats);
});

test('TicTacToe-v0 passes checkEnv and plays full games against a random opponent', () => {
  checkEnv(make<unknown, unknown>('TicTacToe-v0'));
  const env = make('TicTacToe-v0', { renderMode: 'ansi' });
  const me = new RandomSeatPolicy(5);
  const game = (env.unwrapped as TwoPlayerEnv).game;
  const outcomes = new Set<number>();
  let r = env.reset({ seed: 0 });
  for (let episode = 0; episode < 60; episode++) {
    for (;;) {
      const action = me.act(r.obs, r.info.actionMask as Uint8Array, game);
      const s = env.step(action);
      if (s.terminated) {
        outcomes.add(s.reward);
        assert.equal(s.info.actionMask, undefined);
        break;
      }
      assert.equal(s.reward, 0);
      r = s;
    }
    assert.match(env.render() as string, /^[.XO ]+\n[.XO ]+\n[.XO ]+$/);
    r = env.reset();
  }
  assert.deepEqual([...outcomes].sort(), [-1, 0, 1]);
});

test('tic-tac-toe rules: wins, draws, zero-sum rewards and per-player observations', () => {
  const g = new TicTacToe();
  g.reset();
  for (const a of [0, 3, 1, 4]) g.step(a);
  assert.equal(g.currentPlayer(), 0);
  assert.deepEqual([...g.observe(1).subarray(0, 9)], [0, 0, 0, 1, 1, 0, 0, 0, 0], 'own marks first');
  g.step(2);
  assert.equal(g.currentPlayer(), TERMINAL);
  assert.deepEqual([...g.rewards()], [1, -1]);
  assert.throws(() => g.step(5), /game is over/);
  g.reset();
  for (const a of [0, 1, 2, 4, 3, 5, 7, 6, 8]) g.step(a);
  assert.ok(g.terminated());
  assert.deepEqual([...g.rewards()], [0, 0]);
  g.reset();
  g.step(4);
  assert.throws(() => g.step(4), /illegal/);
});

test('the opponent\'s startEpisode hook runs once per reset, after its seeding and before its first move', () => {
  const calls: string[] = [];
  const opponent = {
    seed(): void { calls.push('seed'); },
    startEpisode(): void { calls.push('start'); },
    act(_obs: Float32Array, mask: Uint8Array): number { calls.push('act'); return mask.indexOf(1); },
  };
  const env = new TwoPlayerEnv(new Nim(5), opponent, { learnerSeat: 1 });
  env.reset({ seed: 3 });
  assert.deepEqual(calls, ['seed', 'start', 'act']);
  calls.length = 0;
  env.reset();
  assert.deepEqual(calls, ['start', 'act']);
});
