// ALGORITHMS.md §1.4, exact fixed-point check: on a random 5-state, 3-action MDP, V-trace targets
// equal n-step returns when π = μ, and iterating the (empirical) V-trace operator on μ's segments
// converges to V^π with ρ̄ = ∞ and to V^{π_ρ̄} (not V^π) with ρ̄ = 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../core/rng.js';
import { computeVtrace } from '../returns.js';

const S = 5, A = 3, N = 5, GAMMA = 0.7;
// Iterations of the operator and segments per start state: enough for ~0.05 Monte-Carlo error.
const ITERS = 40, PER = 5000;

function randomMdp(rng: Rng): { P: Float64Array; R: Float64Array } {
  const P = new Float64Array(S * A * S), R = new Float64Array(S * A);
  for (let sa = 0; sa < S * A; sa++) {
    let z = 0;
    for (let s2 = 0; s2 < S; s2++) z += (P[sa * S + s2] = rng.next() + 0.1);
    for (let s2 = 0; s2 < S; s2++) P[sa * S + s2] /= z;
    R[sa] = (sa % A) + rng.next(); // action 2 pays most, action 0 least
  }
  return { P, R };
}

/** V^π = (I − γ P_π)^{-1} r_π by Gaussian elimination. */
function valueOf(P: Float64Array, R: Float64Array, pi: Float64Array): Float64Array {
  const M = new Float64Array(S * (S + 1));
  for (let s = 0; s < S; s++) {
    M[s * (S + 1) + s] = 1;
    for (let a = 0; a < A; a++) {
      const p = pi[s * A + a];
      M[s * (S + 1) + S] += p * R[s * A + a];
      for (let s2 = 0; s2 < S; s2++) M[s * (S + 1) + s2] -= GAMMA * p * P[(s * A + a) * S + s2];
    }
  }
  for (let c = 0; c < S; c++) {
    for (let r = 0; r < S; r++) {
      if (r === c) continue;
      const f = M[r * (S + 1) + c] / M[c * (S + 1) + c];
      for (let k = 0; k <= S; k++) M[r * (S + 1) + k] -= f * M[c * (S + 1) + k];
    }
  }
  return Float64Array.from({ length: S }, (_, s) => M[s * (S + 1) + S] / M[s * (S + 1) + s]);
}

function draw(rng: Rng, p: Float64Array, o: number, n: number): number {
  let u = rng.next();
  for (let i = 0; i < n - 1; i++) if ((u -= p[o + i]) < 0) return i;
  return n - 1;
}

/** B segments of length N from μ, each starting in state b mod S; time-major [N × B]. */
function segments(rng: Rng, P: Float64Array, R: Float64Array, pi: Float64Array, mu: Float64Array, B: number) {
  const states = new Int32Array((N + 1) * B), logRhos = new Float64Array(N * B), rewards = new Float64Array(N * B);
  for (let b = 0; b < B; b++) {
    let s = b % S;
    for (let t = 0; t < N; t++) {
      const a = draw(rng, mu, s * A, A);
      states[t * B + b] = s;
      logRhos[t * B + b] = Math.log(pi[s * A + a] / mu[s * A + a]);
      rewards[t * B + b] = R[s * A + a];
      s = draw(rng, P, (s * A + a) * S, S);
    }
    states[N * B + b] = s;
  }
  return { states, logRhos, rewards };
}

/** Iterates V(x) ← mean over segments starting at x of v_s until it stops moving. */
function vtraceFixedPoint(seg: ReturnType<typeof segments>, B: number, rhoBar: number): Float64Array {
  const V = new Float64Array(S), values = new Float64Array(N * B), bootstrap = new Float64Array(B);
  const discounts = new Float64Array(N * B).fill(GAMMA), vs = new Float64Array(N * B), pg = new Float64Array(N * B);
  for (let it = 0; it < ITERS; it++) {
    for (let k = 0; k < N * B; k++) values[k] = V[seg.states[k]];
    for (let b = 0; b < B; b++) bootstrap[b] = V[seg.states[N * B + b]];
    computeVtrace(N, B, seg.logRhos, discounts, seg.rewards, values, bootstrap, vs, pg, { rhoBar, cBar: 1 });
    V.fill(0);
    for (let b = 0; b < B; b++) V[b % S] += vs[b] / (B / S);
  }
  return V;
}

test('with π = μ the V-trace targets are the n-step bootstrapped returns', () => {
  const rng = new Rng(7);
  const { P, R } = randomMdp(rng);
  const mu = new Float64Array(S * A).fill(1 / A);
  const B = 50, seg = segments(rng, P, R, mu, mu, B);
  const V = Float64Array.from({ length: S }, () => rng.next() * 10);
  const values = Float64Array.from(seg.states.subarray(0, N * B), (s) => V[s]);
  const bootstrap = Float64Array.from(seg.states.subarray(N * B), (s) => V[s]);
  const vs = new Float64Array(N * B), pg = new Float64Array(N * B);
  computeVtrace(N, B, seg.logRhos, new Float64Array(N * B).fill(GAMMA), seg.rewards, values, bootstrap, vs, pg);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < N; t++) {
      let g = 0;
      for (let k = t; k < N; k++) g += GAMMA ** (k - t) * seg.rewards[k * B + b];
      g += GAMMA ** (N - t) * bootstrap[b];
      assert.ok(Math.abs(vs[t * B + b] - g) < 1e-9, `segment ${b}, step ${t}: ${vs[t * B + b]} vs ${g}`);
    }
  }
});

test('tabular V-trace converges to V^π with ρ̄ = ∞ and to V^{π_ρ̄} with ρ̄ = 1', () => {
  const rng = new Rng(11);
  const { P, R } = randomMdp(rng);
  const mu = new Float64Array(S * A), pi = new Float64Array(S * A), piBar = new Float64Array(S * A);
  for (let s = 0; s < S; s++) {
    mu.set([0.5, 0.3, 0.2], s * A); // behaviour prefers the worst action
    pi.set([0.1, 0.2, 0.7], s * A); // target prefers the best
    let z = 0;
    for (let a = 0; a < A; a++) z += (piBar[s * A + a] = Math.min(mu[s * A + a], pi[s * A + a]));
    for (let a = 0; a < A; a++) piBar[s * A + a] /= z;
  }
  const vPi = valueOf(P, R, pi), vPiBar = valueOf(P, R, piBar);
  const B = PER * S, seg = segments(rng, P, R, pi, mu, B);
  const tol = 0.1;
  const gap = Math.max(...vPi.map((v, s) => Math.abs(v - vPiBar[s])));
  assert.ok(gap > 5 * tol, `V^π and V^π_ρ̄ must differ clearly for the check to mean anything (gap ${gap})`);
  const unclipped = vtraceFixedPoint(seg, B, Infinity);
  const clipped = vtraceFixedPoint(seg, B, 1);
  for (let s = 0; s < S; s++) {
    assert.ok(Math.abs(unclipped[s] - vPi[s]) < tol, `ρ̄ = ∞, state ${s}: ${unclipped[s]} vs V^π ${vPi[s]}`);
    assert.ok(Math.abs(clipped[s] - vPiBar[s]) < tol, `ρ̄ = 1, state ${s}: ${clipped[s]} vs V^π_ρ̄ ${vPiBar[s]}`);
  }
});
