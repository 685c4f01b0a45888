// PassiveEnvChecker (§4.4): checks the spaces at construction and the results of the first reset and the
// first step; violations of the result shapes throw, soft problems are emitted as process warnings.
// It never checks actions: out-of-bounds actions pass through on purpose.
import { checkResetResult, checkSpace, checkStepResult } from '../checks.js';
import { isFlatEnv, type Env, type FlatEnv, type Space, type FlatStepResult, type Info, type ResetArgs, type ResetResult, type StepResult } from '../types.js';
import { Wrapper } from './wrapper.js';

function warn(messages: string[]): void {
  for (const m of messages) process.emitWarning(m, 'LudusEnvWarning');
}

export class PassiveEnvChecker<O = Float32Array, A = number> extends Wrapper<O, A> implements FlatEnv {
  private checkedReset = false;
  private checkedStep = false;

  constructor(env: Env<O, A>) {
    super(env);
    warn([...checkSpace(env.observationSpace as Space<unknown>, 'observation'), ...checkSpace(env.actionSpace as Space<unknown>, 'action')]);
  }

  override reset(args?: ResetArgs): ResetResult<O> {
    const r = this.env.reset(args);
    if (!this.checkedReset) {
      this.checkedReset = true;
      warn(checkResetResult(r, this.observationSpace as Space<unknown>, String(this.env)));
    }
    return r;
  }

  override step(action: A): StepResult<O> {
    const r = this.env.step(action);
    if (!this.checkedStep) {
      this.checkedStep = true;
      warn(checkStepResult(r, this.observationSpace as Space<unknown>, String(this.env)));
    }
    return r;
  }

  get obsSize(): number {
    return isFlatEnv(this.env) ? this.env.obsSize : -1;
  }

  get actionSize(): number {
    return isFlatEnv(this.env) ? this.env.actionSize : -1;
  }

  resetInto(obs: Float32Array, offset: number, args?: ResetArgs): Info | null {
    return (this.env as unknown as FlatEnv).resetInto(obs, offset, args);
  }

  stepInto(actions: ArrayLike<number>, actionOffset: number, obs: Float32Array, offset: number): FlatStepResult {
    const r = (this.env as unknown as FlatEnv).stepInto(actions, actionOffset, obs, offset);
    if (!this.checkedStep) {
      this.checkedStep = true;
      if (!Number.isFinite(r.reward)) warn([`${String(this.env)}: step() returned a non-finite reward ${r.reward}`]);
    }
    return r;
  }
}
