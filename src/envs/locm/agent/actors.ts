// The LOCM trainer's actors: whole games played by sampled copies of the policy against the job's
// opponent, one trajectory per learner seat. A batch of jobs (decided by the learner) is played in
// the learner's thread or spread over worker threads (job i on worker i mod W); a game's outcome
// depends only on its job and the parameters submitted with it, so both give the same batch.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { Rng } from '../../../core/rng.js';
import { spawnWorker } from '../../../core/worker.js';
import { NUM_BATTLE_ACTIONS } from '../env.js';
import { LocmRunner } from '../play.js';
import { makeAgent, type LocmAgent } from '../agents/index.js';
import { NeuralAgent, loadPolicy, type DecisionRecorder } from './neural-agent.js';
import { BUILD_STEPS, LocmPolicy, type LocmPolicyConfig } from './policy.js';

/** The opponent of one training game: the learner itself (both seats learn), a league member's policy file, or a fixed baseline. */
export type ActorOpponent = { kind: 'self' } | { kind: 'member'; path: string } | { kind: 'fixed'; name: string };

/** One training game: the referee seed (it also seeds both agents' sampling) and the learner's seat. */
export interface ActorJob {
  seed: number;
  seat: number;
  opponent: ActorOpponent;
}

/** One learner seat's decisions over a game: rows [0, length) of each array (views may be longer). */
export interface TrajectoryData {
  readonly length: number;
  /** [length, obsSize]. */
  readonly obs: Float32Array;
  /** [BUILD_STEPS, candSize]: the build decisions' candidates. */
  readonly cand: Float32Array;
  /** [length, NUM_BATTLE_ACTIONS]. */
  readonly masks: Uint8Array;
  readonly actions: Int32Array;
  /** The behaviour policy's log-probabilities μ of the actions taken. */
  readonly logProbs: Float32Array;
  /** +1 win, −1 loss. */
  readonly reward: number;
}

/** A played batch: each job's winner, and the trajectories in job order (seat 0 before seat 1 in self-play). */
export interface PlayedBatch {
  winners: Int8Array;
  trajectories: TrajectoryData[];
}

export class LocmActorError extends Error {
  override name = 'LocmActorError';
}

/** One seat's decisions over a game, in growable preallocated buffers (reused across games). */
export class Trajectory implements DecisionRecorder, TrajectoryData {
  length = 0;
  obs: Float32Array;
  readonly cand: Float32Array;
  masks: Uint8Array;
  actions: Int32Array;
  logProbs: Float32Array;
  reward = 0;

  constructor(readonly obsSize: number, readonly candSize: number, private capacity = 256) {
    this.obs = new Float32Array(capacity * obsSize);
    this.cand = new Float32Array(BUILD_STEPS * candSize);
    this.masks = new Uint8Array(capacity * NUM_BATTLE_ACTIONS);
    this.actions = new Int32Array(capacity);
    this.logProbs = new Float32Array(capacity);
  }

  record(obs: Float32Array, cand: Float32Array | null, mask: Uint8Array, action: number, logProb: number): void {
    const t = this.length;
    if (t === this.capacity) this.grow();
    if ((cand !== null) !== (t < BUILD_STEPS)) throw new RangeError(`Trajectory: decision ${t} is ${cand === null ? 'a battle' : 'a build'} decision; the first ${BUILD_STEPS} are build decisions`);
    this.obs.set(obs, t * this.obsSize);
    if (cand !== null) this.cand.set(cand, t * this.candSize);
    this.masks.set(mask, t * NUM_BATTLE_ACTIONS);
    this.actions[t] = action;
    this.logProbs[t] = logProb;
    this.length++;
  }

  private grow(): void {
    const n = this.capacity * 2, o = this.obs, m = this.masks, a = this.actions, l = this.logProbs;
    this.obs = new Float32Array(n * this.obsSize); this.obs.set(o);
    this.masks = new Uint8Array(n * NUM_BATTLE_ACTIONS); this.masks.set(m);
    this.actions = new Int32Array(n); this.actions.set(a);
    this.logProbs = new Float32Array(n); this.logProbs.set(l);
    this.capacity = n;
  }
}

/** Plays jobs with sampled copies of one policy; league members are loaded from their files once. */
export class GamePlayer {
  private readonly runner: LocmRunner;
  private readonly learners: [NeuralAgent, NeuralAgent];
  private readonly fixed = new Map<string, LocmAgent>();
  private readonly members = new Map<string, NeuralAgent>();
  private readonly pool: Trajectory[] = [];

  constructor(readonly policy: LocmPolicy, fixedOpponents: readonly string[]) {
    this.runner = new LocmRunner(policy.config.version);
    this.learners = [new NeuralAgent(policy, { greedy: false, name: 'learner0' }), new NeuralAgent(policy, { greedy: false, name: 'learner1' })];
    for (const n of fixedOpponents) this.fixed.set(n, makeAgent(n));
  }

  private opponent(o: ActorOpponent): LocmAgent | null {
    if (o.kind === 'self') return null;
    if (o.kind === 'fixed') {
      const a = this.fixed.get(o.name);
      if (a === undefined) throw new LocmActorError(`fixed opponent '${o.name}' is not among this actor's baselines (${[...this.fixed.keys()].join(', ')})`);
      return a;
    }
    let a = this.members.get(o.path);
    if (a === undefined) {
      a = new NeuralAgent(loadPolicy(o.path), { greedy: false, name: o.path });
      this.members.set(o.path, a);
    }
    return a;
  }

  /** Plays `jobs` into this player's trajectory buffers, valid until its next call; `onGame` after each game. */
  playBatch(jobs: readonly ActorJob[], onGame: () => void = () => {}): { winners: Int8Array; trajectories: Trajectory[] } {
    const winners = new Int8Array(jobs.length), trajectories: Trajectory[] = [];
    const L = this.policy.layout;
    jobs.forEach((job, g) => {
      const opponent = this.opponent(job.opponent);
      const seats: [LocmAgent, LocmAgent] = [this.learners[0], this.learners[1]];
      const recorded: [Trajectory | null, Trajectory | null] = [null, null];
      for (let p = 0; p < 2; p++) {
        if (opponent !== null && p !== job.seat) { seats[p] = opponent; continue; }
        const i = trajectories.length;
        if (i === this.pool.length) this.pool.push(new Trajectory(L.size, L.candidateSize));
        const t = recorded[p] = this.pool[i];
        t.length = 0;
        trajectories.push(t);
        this.learners[p].recorder = t;
      }
      const r = this.runner.play(job.seed, seats);
      for (let p = 0; p < 2; p++) if (recorded[p] !== null) recorded[p]!.reward = r.winner === p ? 1 : -1;
      winners[g] = r.winner;
      onGame();
    });
    return { winners, trajectories };
  }
}

/** Where the games are played: submit() a batch with the current parameters, collect() it later. */
export interface ActorPool {
  /** Worker threads (0: the learner's thread). */
  readonly threads: number;
  /** Starts playing `jobs` with `policy`'s parameters as they are now; the policy may change right after. */
  submit(jobs: readonly ActorJob[], policy: LocmPolicy): void;
  /** Blocks until the submitted batch is played; its data stay valid until the next submit after the next one. */
  collect(): PlayedBatch;
  /** Stops the workers (idempotent). */
  close(): void;
}

/**
 * Plays in the learner's thread, at submit time (so with the parameters as submitted). Two sets of
 * trajectory buffers alternate, so a batch submitted while the previous one is being learned from
 * does not overwrite it.
 */
export class InThreadActors implements ActorPool {
  readonly threads = 0;
  private readonly players: [GamePlayer, GamePlayer];
  private next = 0;
  private played: PlayedBatch | null = null;

  constructor(policy: LocmPolicy, fixedOpponents: readonly string[]) {
    this.players = [new GamePlayer(policy, fixedOpponents), new GamePlayer(policy, fixedOpponents)];
  }

  /** Plays with the policy the actors were built with (the learner's own). */
  submit(jobs: readonly ActorJob[]): void {
    if (this.played !== null) throw new LocmActorError('submit: the previous batch has not been collected');
    this.played = this.players[this.next].playBatch(jobs);
    this.next ^= 1;
  }

  collect(): PlayedBatch {
    const p = this.played;
    if (p === null) throw new LocmActorError('collect: no batch was submitted');
    this.played = null;
    return p;
  }

  close(): void {}
}

export interface ActorWorkerInit {
  worker: number;
  policy: LocmPolicyConfig;
  fixedOpponents: string[];
  /** The submitted parameters, flat in the policy's parameter order. */
  params: SharedArrayBuffer;
  /** Per worker: [batches answered, games played]. */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

/** A worker's answer: its jobs' winners and their trajectories, packed end to end (transferred). */
interface BatchReply {
  winners: Int8Array;
  lengths: Int32Array;
  rewards: Float32Array;
  obs: Float32Array;
  cand: Float32Array;
  masks: Uint8Array;
  actions: Int32Array;
  logProbs: Float32Array;
}

/** `error`: the worker's error stack (it starts with the error's name and message). */
type WorkerReply = { ok: BatchReply } | { error: string };

/** How long a worker may go without finishing a game before the learner reports it stuck. */
const STUCK_MS = 300_000;

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './actor-worker.ts' : './actor-worker.js', import.meta.url);

function copyParameters(policy: LocmPolicy, flat: Float32Array, direction: 'toFlat' | 'fromFlat'): void {
  let o = 0;
  for (const [, p] of policy.namedParameters()) {
    if (direction === 'toFlat') flat.set(p.data, o);
    else p.data.set(flat.subarray(o, o + p.size));
    o += p.size;
  }
  if (o !== flat.length) throw new LocmActorError(`the policy has ${o} parameters, the shared buffer ${flat.length}`);
}

/**
 * One worker thread per actor, each with its own copy of the policy. submit() writes the parameters
 * into a shared buffer (the workers are idle then: a batch is collected before the next is
 * submitted) and posts each worker its jobs; the workers answer on their ports and bump a shared
 * counter, which collect() waits on without the event loop.
 */
export class WorkerActors implements ActorPool {
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly params: Float32Array;
  private readonly signal: Int32Array;
  private readonly answered: number[];
  private readonly obsSize: number;
  private readonly candSize: number;
  private jobs: readonly ActorJob[] | null = null;

  get threads(): number {
    return this.workers.length;
  }

  constructor(threads: number, policy: LocmPolicy, fixedOpponents: readonly string[]) {
    if (!(Number.isInteger(threads) && threads > 0)) throw new LocmActorError(`WorkerActors: threads must be a positive integer, got ${threads}`);
    this.params = new Float32Array(new SharedArrayBuffer(4 * policy.numParameters()));
    this.signal = new Int32Array(new SharedArrayBuffer(4 * 2 * threads));
    this.answered = new Array<number>(threads).fill(0);
    this.obsSize = policy.layout.size;
    this.candSize = BUILD_STEPS * policy.layout.candidateSize;
    for (let w = 0; w < threads; w++) {
      const { port1, port2 } = new MessageChannel();
      const init: ActorWorkerInit = {
        worker: w, policy: policy.config, fixedOpponents: [...fixedOpponents],
        params: this.params.buffer as SharedArrayBuffer, signal: this.signal.buffer as SharedArrayBuffer, port: port2,
      };
      const worker = spawnWorker(WORKER_URL, { workerData: init, transferList: [port2] });
      // The learner never waits on the event loop for its actors; they must not keep the process alive.
      worker.unref();
      this.workers.push(worker);
      this.ports.push(port1);
    }
  }

  submit(jobs: readonly ActorJob[], policy: LocmPolicy): void {
    if (this.jobs !== null) throw new LocmActorError('submit: the previous batch has not been collected');
    if (this.workers.length === 0) throw new LocmActorError('submit: the actor threads were closed');
    copyParameters(policy, this.params, 'toFlat');
    const W = this.workers.length;
    for (let w = 0; w < W; w++) this.ports[w].postMessage(jobs.filter((_, i) => i % W === w));
    this.jobs = jobs;
  }

  collect(): PlayedBatch {
    const jobs = this.jobs;
    if (jobs === null) throw new LocmActorError('collect: no batch was submitted');
    this.jobs = null;
    const W = this.workers.length, replies = this.workers.map((_, w) => this.receive(w));
    const winners = new Int8Array(jobs.length), trajectories: TrajectoryData[] = [];
    const obsSize = this.obsSize, candSize = this.candSize;
    const next = replies.map(() => ({ game: 0, traj: 0, row: 0 }));
    jobs.forEach((job, i) => {
      const w = i % W, r = replies[w], at = next[w];
      winners[i] = r.winners[at.game++];
      for (let k = job.opponent.kind === 'self' ? 2 : 1; k > 0; k--) {
        const n = r.lengths[at.traj], row = at.row;
        trajectories.push({
          length: n, reward: r.rewards[at.traj],
          obs: r.obs.subarray(row * obsSize, (row + n) * obsSize),
          cand: r.cand.subarray(at.traj * candSize, (at.traj + 1) * candSize),
          masks: r.masks.subarray(row * NUM_BATTLE_ACTIONS, (row + n) * NUM_BATTLE_ACTIONS),
          actions: r.actions.subarray(row, row + n), logProbs: r.logProbs.subarray(row, row + n),
        });
        at.traj++;
        at.row += n;
      }
    });
    return { winners, trajectories };
  }

  /** Waits for worker w's answer to the current batch; a worker's error or silence becomes a LocmActorError. */
  private receive(w: number): BatchReply {
    const s = this.signal, want = ++this.answered[w];
    let progress = Atomics.load(s, 2 * w + 1), since = Date.now();
    for (;;) {
      const got = Atomics.load(s, 2 * w);
      if (got >= want) break;
      if (Atomics.wait(s, 2 * w, got, 1000) !== 'timed-out') continue;
      const p = Atomics.load(s, 2 * w + 1);
      if (p !== progress) { progress = p; since = Date.now(); }
      else if (Date.now() - since > STUCK_MS) {
        throw new LocmActorError(`LOCM actor thread ${w} finished no game in ${STUCK_MS / 1000} s (it may have failed to start); set "actors": 0 to play in the learner's thread and see its error`);
      }
    }
    const m = receiveMessageOnPort(this.ports[w]);
    if (m === undefined) throw new LocmActorError(`LOCM actor thread ${w} signalled an answer but sent none`);
    const reply = m.message as WorkerReply;
    if ('error' in reply) throw new LocmActorError(`LOCM actor thread ${w} failed: ${reply.error}`);
    return reply.ok;
  }

  close(): void {
    for (const p of this.ports) p.close();
    // terminate() stops a worker even mid-game; its promise only reports the exit code.
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
    this.ports.length = 0;
    this.jobs = null;
  }
}

/** The worker thread's side: builds its policy copy and answers each posted batch of jobs. */
export function serveActor(init: ActorWorkerInit): void {
  const signal = new Int32Array(init.signal), params = new Float32Array(init.params);
  let player: GamePlayer | null = null;
  init.port.on('message', (jobs: ActorJob[]) => {
    let reply: WorkerReply, transfer: ArrayBuffer[] = [];
    try {
      player ??= new GamePlayer(new LocmPolicy(init.policy, new Rng(0)), init.fixedOpponents);
      copyParameters(player.policy, params, 'fromFlat');
      const played = player.playBatch(jobs, () => Atomics.add(signal, 2 * init.worker + 1, 1));
      const ok = pack(played.winners, played.trajectories);
      reply = { ok };
      transfer = [ok.winners, ok.lengths, ok.rewards, ok.obs, ok.cand, ok.masks, ok.actions, ok.logProbs].map((a) => a.buffer as ArrayBuffer);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { error: err.stack ?? `${err.name}: ${err.message}` };
    }
    init.port.postMessage(reply, transfer);
    Atomics.add(signal, 2 * init.worker, 1);
    Atomics.notify(signal, 2 * init.worker);
  });
}

function pack(winners: Int8Array, trajs: Trajectory[]): BatchReply {
  let rows = 0;
  for (const t of trajs) rows += t.length;
  const obsSize = trajs[0]?.obsSize ?? 0, candSize = trajs[0]?.candSize ?? 0;
  const r: BatchReply = {
    winners, lengths: new Int32Array(trajs.length), rewards: new Float32Array(trajs.length),
    obs: new Float32Array(rows * obsSize), cand: new Float32Array(trajs.length * BUILD_STEPS * candSize),
    masks: new Uint8Array(rows * NUM_BATTLE_ACTIONS), actions: new Int32Array(rows), logProbs: new Float32Array(rows),
  };
  let row = 0;
  trajs.forEach((t, i) => {
    const n = t.length;
    r.lengths[i] = n;
    r.rewards[i] = t.reward;
    r.obs.set(t.obs.subarray(0, n * obsSize), row * obsSize);
    r.cand.set(t.cand, i * BUILD_STEPS * candSize);
    r.masks.set(t.masks.subarray(0, n * NUM_BATTLE_ACTIONS), row * NUM_BATTLE_ACTIONS);
    r.actions.set(t.actions.subarray(0, n), row);
    r.logProbs.set(t.logProbs.subarray(0, n), row);
    row += n;
  });
  return r;
}
