// Autoreset (§4.11): the single-env NextStep rule. After a step that ends the episode, the next step
// ignores its action, resets the env (no seed) and returns (reset obs, 0, false, false, reset info).
import type { ResetArgs, ResetResult, StepResult } from '../types.js';
import { Wrapper } from './wrapper.js';

export class Autoreset<O = Float32Array, A = number> extends Wrapper<O, A> {
  private pending = false;

  override reset(args?: ResetArgs): ResetResult<O> {
    this.pending = false;
    return super.reset(args);
  }

  override step(action: A): StepResult<O> {
    if (this.pending) {
      this.pending = false;
      const r = super.reset();
      return { obs: r.obs, reward: 0, terminated: false, truncated: false, info: r.info };
    }
    const r = super.step(action);
    this.pending = r.terminated || r.truncated;
    return r;
  }
}
