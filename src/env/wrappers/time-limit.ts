// TimeLimit (§4.2): truncates the episode once `maxEpisodeSteps` steps have been taken since reset.
import { EnvError, isFlatEnv, type Env, type FlatEnv, type FlatStepResult, type Info, type ResetArgs, type ResetResult, type StepResult } from '../types.js';
import { Wrapper } from './wrapper.js';

export class TimeLimit<O = Float32Array, A = number> extends Wrapper<O, A> implements FlatEnv {
  readonly maxEpisodeSteps: number;
  /** Steps since the last reset; keeps growing if stepping continues after truncation. */
  elapsedSteps = 0;

  constructor(env: Env<O, A>, maxEpisodeSteps: number) {
    super(env);
    if (!Number.isInteger(maxEpisodeSteps) || maxEpisodeSteps <= 0) {
      throw new EnvError(`TimeLimit: maxEpisodeSteps must be a positive integer, got ${maxEpisodeSteps}`);
    }
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  override reset(args?: ResetArgs): ResetResult<O> {
    this.elapsedSteps = 0;
    return this.env.reset(args);
  }

  override step(action: A): StepResult<O> {
    // Calling the inner env directly (not through super) keeps each wrapper's call site monomorphic.
    const r = this.env.step(action);
    if (++this.elapsedSteps >= this.maxEpisodeSteps) r.truncated = true;
    return r;
  }

  get obsSize(): number {
    return isFlatEnv(this.env) ? this.env.obsSize : -1;
  }

  get actionSize(): number {
    return isFlatEnv(this.env) ? this.env.actionSize : -1;
  }

  resetInto(obs: Float32Array, offset: number, args?: ResetArgs): Info | null {
    this.elapsedSteps = 0;
    return (this.env as unknown as FlatEnv).resetInto(obs, offset, args);
  }

  stepInto(actions: ArrayLike<number>, actionOffset: number, obs: Float32Array, offset: number): FlatStepResult {
    const r = (this.env as unknown as FlatEnv).stepInto(actions, actionOffset, obs, offset);
    if (++this.elapsedSteps >= this.maxEpisodeSteps) r.truncated = true;
    return r;
  }
}
