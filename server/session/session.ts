/**
 * A live session: the main-thread handle of one simulation running in its own worker thread (worker.ts).
 *
 * API (used by server/transport and server/main.ts; keep stable):
 *   interface SessionInfo { id; scenarioId; isPublic;
 *                           status: 'starting'|'running'|'paused'|'restarting'|'failed'|'stopping'|'stopped';
 *                           simTimeS (s, calendar.ts); speed (simulated s per wall s, or 'max');
 *                           clockTarget ({ fromS, targetS } of a step or jump under way, else null);
 *                           createdAt (ISO); clients? }
 *   interface SessionEvents { frame(buf: ArrayBuffer); kpi(k: KpiSample); alarm(a: Alarm); status(info: SessionInfo);
 *                             training runs: runEvent(e: RunEvent); score(s: LiveScore); readings(r: Readings);
 *                             backtrack(b: BacktrackRecord) }
 *   class Session
 *     id, isPublic, scenario (static, for the `scenario` event), tokens ({ operator, instructor } | null for public)
 *     ready: Promise<void>                  resolves when the worker has compiled the scenario and sent its first frame
 *     info(): SessionInfo                   current status, simulation time and speed
 *     latestFrame(): ArrayBuffer | null     last frame (for the `snapshot` event on join); do not modify it
 *     on(event, fn): () => void             subscribe; returns unsubscribe. frame ~frameHz/s, kpi ~1/s, alarm, status
 *     command(cmd): Promise<CommandAck>     validated + role-checked by transport; {ok:false, error} names the field;
 *                                           simTimeS: when the simulation applied it
 *                                           clock snapshot -> result { snapshotId, simTimeS, label }; step/jump
 *                                           answer at once with ClockMoveResult, then run to their target
 *     history(req): Promise<History>        5-minute KPI rows (>= 7 simulated days kept), req.from/to in sim seconds
 *     historyCsv(fromS?, toS?): Promise<string>
 *     saveState(): Promise<{ simTimeS, state }>   the simulation and operator inputs now as bytes (savedState.ts)
 *     loadState(bytes): Promise<CommandAck>  puts such a state in place (not in a training run)
 *     restart(): Promise<void>              new worker from the session's original start (after a failure, or any
 *                                           time); joins a restart under way; rejects with SessionStateError when
 *                                           the session is stopping or stopped, or is stopped before it is back
 *     stop(): Promise<void>                 terminates the worker; status 'stopped' for good (idempotent)
 *     roleForToken(token): Role             'viewer' when absent/unknown; constant-time comparison
 *     stats(): { stepTimeMsAvg, framesSent, stepsPerSecond, hydraulicNonConvergedSteps }   for /metrics
 *                                           (framesSent = frames the worker produced; hydraulicNonConvergedSteps =
 *                                           steps of the current worker whose hydraulic solve did not converge)
 *     injectFailure(message?)               test hook: the worker throws from its step loop
 * Lifecycle (lifecycle.ts): at most one worker is alive; a stop during a restart wins and no worker survives.
 * Failure: a worker error or a non-zero exit marks the session 'failed', raises a critical alarm (alarm event) and
 * answers pending and new commands with { ok: false }; history requests reject. Other sessions are untouched.
 *
 * Worker spawn: new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData }); the .mjs entry calls
 * tsx's `register()` (tsx/esm/api) and then imports worker.ts. `execArgv: ['--import', 'tsx']` with worker.ts as the
 * entry fails on Node 20 ("Unknown file extension .ts": the hooks are not applied to a worker's entry module).
 * The .mjs entry works the same under tsx, under vitest and under plain node. Tests may pass `spawnWorker` to
 * count the workers a session makes.
 */
import { Worker } from 'node:worker_threads';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Scenario } from '../../shared/scenario/schema';
import type { Command, CommandAck, Role } from '../../shared/protocol/commands';
import type { Alarm, History, HistoryRequest, KpiSample } from '../../shared/protocol/session';
import type { BacktrackRecord, LiveScore, Readings, RunEvent } from '../../shared/protocol/training';
import { readFrameHead } from '../../shared/protocol/frame';
import { failureAlarm } from './alarms';
import { streamedFrame } from './frames';
import { Lifecycle, SessionStateError } from './lifecycle';
import type { FromWorker, SavedStateBytes, ToWorker, WorkerConfig, WorkerStatus } from './protocol';

export interface SessionInfo {
  id: string;
  scenarioId: string;
  isPublic: boolean;
  status: 'starting' | 'running' | 'paused' | 'restarting' | 'failed' | 'stopping' | 'stopped';
  simTimeS: number;
  speed: number | 'max';
  clockTarget: WorkerStatus['clockTarget'];
  createdAt: string;
  clients?: number;
}

export interface SessionEvents {
  frame(buf: ArrayBuffer): void;
  kpi(k: KpiSample): void;
  alarm(a: Alarm): void;
  status(info: SessionInfo): void;
  /** Training runs: each line of the run's record, the score so far (about once a wall second, and the final
   *  one), each backtrack saved. The worker sends a line before it answers the command that wrote it. */
  runEvent(e: RunEvent): void;
  score(s: LiveScore): void;
  /** Training runs: the transmitters' readings with the truth behind them, about once a wall second. */
  readings(r: Readings): void;
  backtrack(b: BacktrackRecord): void;
}

/** What the worker needs (protocol.ts), plus the session's identity; process alarms follow isPublic, and trip
 *  auto-reset too unless told. */
export interface SessionOptions extends Omit<WorkerConfig, 'kpiIntervalMs' | 'autoResetTrips' | 'processAlarms' | 'training'> {
  id: string;
  isPublic: boolean;
  autoResetTrips?: boolean;
  kpiIntervalMs?: number;
  /** A training run (WorkerConfig.training); none for other sessions. */
  training?: WorkerConfig['training'];
  tokens: { operator: string; instructor: string } | null;
  logger?: Logger;
  /** Makes the worker thread (default: a Worker on worker-entry.mjs). */
  spawnWorker?: (workerData: WorkerConfig) => Worker;
}

/** A JS entry that registers tsx in the worker thread, then imports worker.ts (see worker-entry.mjs for why). */
const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);
const spawnDefault = (workerData: WorkerConfig): Worker => new Worker(WORKER_URL, { workerData });

type Pending = { resolve: (m: Extract<FromWorker, { type: 'reply' }>) => void; reject: (e: Error) => void };

export class Session {
  readonly id: string;
  readonly isPublic: boolean;
  readonly scenario: Scenario;
  readonly tokens: { operator: string; instructor: string } | null;
  ready: Promise<void>;

  private readonly opts: SessionOptions;
  private readonly createdAt = new Date().toISOString();
  private worker: Worker | null = null;
  private readonly life = new Lifecycle();
  private restarting: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private workerStatus: WorkerStatus;
  private frame: ArrayBuffer | null = null;
  private framesSent = 0;
  private nextRequestId = 1;
  private pending = new Map<number, Pending>();
  private listeners: { [K in keyof SessionEvents]: Set<SessionEvents[K]> } = {
    frame: new Set(),
    kpi: new Set(),
    alarm: new Set(),
    status: new Set(),
    runEvent: new Set(),
    score: new Set(),
    readings: new Set(),
    backtrack: new Set(),
  };
  private lastInfoKey = '';

  constructor(opts: SessionOptions) {
    this.opts = opts;
    this.id = opts.id;
    this.isPublic = opts.isPublic;
    this.scenario = opts.scenario;
    this.tokens = opts.tokens;
    this.workerStatus = this.initialStatus();
    this.ready = this.spawn();
  }

  info(): SessionInfo {
    const s = this.workerStatus;
    return {
      id: this.id,
      scenarioId: this.scenario.id,
      isPublic: this.isPublic,
      status: this.life.state === 'running' && s.paused ? 'paused' : this.life.state,
      simTimeS: this.frame ? readFrameHead(this.frame).header.simTimeS : s.simTimeS,
      speed: s.speed,
      clockTarget: s.clockTarget,
      createdAt: this.createdAt,
    };
  }

  latestFrame(): ArrayBuffer | null {
    return this.frame;
  }

  on<K extends keyof SessionEvents>(event: K, fn: SessionEvents[K]): () => void {
    const set = this.listeners[event] as Set<SessionEvents[K]>;
    set.add(fn);
    return () => void set.delete(fn);
  }

  async command(cmd: Command): Promise<CommandAck> {
    const state = this.life.state;
    if (!this.worker || state === 'failed' || state === 'stopping' || state === 'stopped')
      return { ok: false, error: `session is ${state}${state === 'failed' ? ': restart it' : ''}` };
    try {
      const reply = await this.request({ type: 'command', id: 0, command: cmd });
      return reply.ack ?? { ok: false, error: 'no answer from the simulation' };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  }

  async history(req: HistoryRequest): Promise<History> {
    const reply = await this.request({ type: 'history', id: 0, request: req });
    return reply.history!;
  }

  async historyCsv(fromS?: number, toS?: number): Promise<string> {
    const reply = await this.request({ type: 'csv', id: 0, fromS, toS });
    return reply.csv!;
  }

  /** The simulation and the operator's inputs now, as bytes (to keep as an initial condition). */
  async saveState(): Promise<SavedStateBytes> {
    const reply = await this.request({ type: 'saveState', id: 0 });
    return reply.state!;
  }

  /** Puts a saved state in place; refused in a training run and for a moment outside a loop. */
  async loadState(state: Uint8Array): Promise<CommandAck> {
    try {
      const reply = await this.request({ type: 'loadState', id: 0, state });
      return reply.ack ?? { ok: false, error: 'no answer from the simulation' };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  }

  restart(): Promise<void> {
    if (this.restarting) return this.restarting;
    const state = this.life.state;
    if (state === 'stopping' || state === 'stopped') return Promise.reject(new SessionStateError(`session is ${state}: it cannot restart`));
    this.life.to('restarting');
    this.emitStatus();
    this.restarting = this.replaceWorker().finally(() => (this.restarting = null));
    return this.restarting;
  }

  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    if (this.life.state === 'stopped') return Promise.resolve();
    this.life.to('stopping');
    this.emitStatus();
    this.stopping = this.terminateWorker().then(() => {
      this.life.to('stopped');
      this.emitStatus();
    });
    return this.stopping;
  }

  roleForToken(token: string | undefined): Role {
    if (!token || !this.tokens) return 'viewer';
    if (safeEqual(token, this.tokens.instructor)) return 'instructor';
    if (safeEqual(token, this.tokens.operator)) return 'operator';
    return 'viewer';
  }

  stats(): { stepTimeMsAvg: number; framesSent: number; stepsPerSecond: number; hydraulicNonConvergedSteps: number } {
    const s = this.workerStatus;
    return {
      stepTimeMsAvg: s.stepTimeMsAvg,
      framesSent: this.framesSent,
      stepsPerSecond: s.stepsPerSecond,
      hydraulicNonConvergedSteps: s.hydraulicNonConvergedSteps,
    };
  }

  /** Test hook: makes the worker throw from its step loop, as a failing simulation would. */
  injectFailure(message = 'injected failure'): void {
    this.worker?.postMessage({ type: 'fail', message } satisfies ToWorker);
  }

  private initialStatus(): WorkerStatus {
    const o = this.opts;
    return {
      simTimeS: o.startS,
      speed: o.speed,
      paused: o.paused,
      stepTimeMsAvg: 0,
      stepsPerSecond: 0,
      clockTarget: null,
      hydraulicNonConvergedSteps: 0,
    };
  }

  /** The restart itself: the old worker ends before the new one starts, unless a stop came in between. */
  private async replaceWorker(): Promise<void> {
    await this.terminateWorker();
    if (this.life.state !== 'restarting') throw new SessionStateError(`session ${this.id} was stopped during its restart`);
    this.frame = null;
    this.workerStatus = this.initialStatus();
    this.ready = this.spawn();
    await this.ready;
  }

  /** Starts the one worker; resolves when it runs, rejects when it dies or is stopped before that. */
  private spawn(): Promise<void> {
    const o = this.opts;
    // Every field named (the type check sees a missing one): the config is copied into the thread, where a logger
    // or a function cannot go.
    const workerData: WorkerConfig = {
      scenario: o.scenario,
      epwText: o.epwText,
      startS: o.startS,
      seed: o.seed,
      speed: o.speed,
      paused: o.paused,
      frameHz: o.frameHz,
      kpiIntervalMs: o.kpiIntervalMs ?? 1000,
      loop: o.loop,
      autoResetTrips: o.autoResetTrips ?? o.isPublic,
      backtrack: o.backtrack,
      processAlarms: !o.isPublic,
      training: o.training ?? null,
    } satisfies Record<keyof WorkerConfig, unknown>;
    const worker = (o.spawnWorker ?? spawnDefault)(workerData);
    this.worker = worker;
    const ready = new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (m: FromWorker) => {
        if (this.worker !== worker) return;
        if (m.type === 'ready') {
          started = true;
          this.workerStatus = m.status;
          this.life.to('running');
          resolve();
          this.emitStatus();
        } else this.onMessage(m);
      });
      const end = (error: string) => {
        const current = this.worker === worker;
        if (!started) reject(new Error(`session ${this.id}: ${current ? error : 'stopped before its simulation started'}`));
        if (!current) return; // terminated on purpose: not a failure
        this.worker = null;
        this.fail(error);
      };
      worker.on('error', (err) => end(err.message));
      worker.on('exit', (code) => end(`worker exited with code ${code}`));
    });
    // Whoever awaits `ready` sees the error; a start nobody waits for any more is no unhandled rejection.
    ready.catch(() => undefined);
    return ready;
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'frame':
        // The worker sends full frames: the latest is the join snapshot, viewers are streamed a slice of each.
        this.frame = m.buffer;
        this.framesSent++;
        this.emit('frame', streamedFrame(m.buffer));
        return;
      case 'kpi':
        this.workerStatus = m.status;
        this.emit('kpi', m.kpi);
        this.emitStatusIfChanged();
        return;
      case 'status':
        this.workerStatus = m.status;
        this.emitStatusIfChanged();
        return;
      case 'alarm':
        this.emit('alarm', m.alarm);
        return;
      case 'runEvent':
        this.emit('runEvent', m.event);
        return;
      case 'score':
        this.emit('score', m.score);
        return;
      case 'readings':
        this.emit('readings', m.readings);
        return;
      case 'backtrack':
        this.emit('backtrack', m.backtrack);
        return;
      case 'reply': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.status) this.workerStatus = m.status;
        p.resolve(m);
        if (m.status) this.emitStatusIfChanged();
        return;
      }
      case 'ready':
        return;
    }
  }

  private request(msg: ToWorker): Promise<Extract<FromWorker, { type: 'reply' }>> {
    const worker = this.worker;
    const state = this.life.state;
    if (!worker || state === 'failed' || state === 'stopping' || state === 'stopped') return Promise.reject(new Error(`session is ${state}`));
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id });
    });
  }

  private fail(error: string): void {
    if (!this.life.can('failed')) return; // stopping or stopped: its end is no failure
    this.life.to('failed');
    this.opts.logger?.error({ session: this.id, error }, 'simulation failed');
    this.rejectPending(`session failed: ${error}`);
    this.emit('alarm', failureAlarm(this.info().simTimeS, error));
    this.emitStatus();
  }

  private rejectPending(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }

  private async terminateWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null; // its exit is not a failure
    this.rejectPending(`session ${this.id} restarted or stopped`);
    if (worker) await worker.terminate();
  }

  private emit<K extends keyof SessionEvents>(event: K, ...args: Parameters<SessionEvents[K]>): void {
    for (const fn of this.listeners[event]) {
      try {
        (fn as (...a: Parameters<SessionEvents[K]>) => void)(...args);
      } catch (err) {
        this.opts.logger?.error({ session: this.id, event, err }, 'session listener threw');
      }
    }
  }

  private emitStatusIfChanged(): void {
    const info = this.info();
    if (statusKey(info) !== this.lastInfoKey) this.emitStatus(info);
  }

  private emitStatus(info = this.info()): void {
    this.lastInfoKey = statusKey(info);
    this.emit('status', info);
  }
}

/** What a `status` event reports a change of: the state, the speed and the clock's target. */
const statusKey = (info: SessionInfo): string => `${info.status}/${info.speed}/${info.clockTarget?.targetS ?? ''}`;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
