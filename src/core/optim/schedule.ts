// Learning-rate schedules: functions from the update index (0, 1, 2, …) to a learning rate.
// Set `optimizer.lr = schedule(k)` before each update (or each PPO iteration).

export type LrSchedule = (step: number) => number;

export function constantLr(lr: number): LrSchedule {
  return () => lr;
}

/**
 * Linear from `from` at step 0 to `to` at step `steps` (then constant). CleanRL's PPO annealing is
 * linearLr(lr0, 0, numIterations) evaluated at iteration − 1: lr0·(1 − (k−1)/K).
 */
export function linearLr(from: number, to: number, steps: number): LrSchedule {
  return (t) => from + (to - from) * Math.min(Math.max(t, 0) / steps, 1);
}

/** Half-cosine from `from` at step 0 to `to` at step `steps` (then constant). */
export function cosineLr(from: number, to: number, steps: number): LrSchedule {
  return (t) => to + (from - to) * 0.5 * (1 + Math.cos(Math.PI * Math.min(Math.max(t, 0) / steps, 1)));
}

/** Linear warm-up over `steps` updates to after(0), then after(t − steps). */
export function warmupLr(steps: number, after: LrSchedule): LrSchedule {
  return (t) => (t < steps ? (after(0) * (t + 1)) / steps : after(t - steps));
}
