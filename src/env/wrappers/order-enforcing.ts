// OrderEnforcing (§4.3): a clear EnvError for step (or render) before the first reset, and for a step
// after the env inside reported termination without a reset in between.
import { EnvError, isFlatEnv, type Env, type FlatEnv, type FlatStepResult, type Info, type ResetArgs, type ResetResult, type RgbFrame, type StepResult } from '../types.js';
import { Wrapper } from './wrapper.js';

export class OrderEnforcing<O = Float32Array, A = number> extends Wrapper<O, A> implements FlatEnv {
  private hasReset = false;
  private terminated = false;

  constructor(env: Env<O, A>, private readonly disableRenderOrderEnforcing = false) {
    super(env);
  }

  get hasResetOnce(): boolean {
    return this.hasReset;
  }

  private check(): void {
    const name = this.spec?.id ?? String(this.env);
    if (!this.hasReset) throw new EnvError(`${name}: step() called before reset(); call reset() first (ResetNeeded)`);
    if (this.terminated) throw new EnvError(`${name}: step() called after the episode terminated; call reset() before stepping again`);
  }

  override reset(args?: ResetArgs): ResetResult<O> {
    const r = this.env.reset(args);
    this.hasReset = true;
    this.terminated = false;
    return r;
  }

  override step(action: A): StepResult<O> {
    if (!this.hasReset || this.terminated) this.check();
    const r = this.env.step(action);
    this.terminated = r.terminated;
    return r;
  }

  override render(): string | RgbFrame | null {
    if (!this.disableRenderOrderEnforcing && !this.hasReset) {
      throw new EnvError(`${this.spec?.id ?? String(this.env)}: render() called before reset(); call reset() first (ResetNeeded)`);
    }
    return super.render();
  }

  get obsSize(): number {
    return isFlatEnv(this.env) ? this.env.obsSize : -1;
  }

  get actionSize(): number {
    return isFlatEnv(this.env) ? this.env.actionSize : -1;
  }

  resetInto(obs: Float32Array, offset: number, args?: ResetArgs): Info | null {
    const info = (this.env as unknown as FlatEnv).resetInto(obs, offset, args);
    this.hasReset = true;
    this.terminated = false;
    return info;
  }

  stepInto(actions: ArrayLike<number>, actionOffset: number, obs: Float32Array, offset: number): FlatStepResult {
    if (!this.hasReset || this.terminated) this.check();
    const r = (this.env as unknown as FlatEnv).stepInto(actions, actionOffset, obs, offset);
    this.terminated = r.terminated;
    return r;
  }
}
