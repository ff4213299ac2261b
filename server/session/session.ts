/**
 * A live session: the main-thread handle of one simulation running in its own worker thread (worker.ts).
 *
 * API (used by server/transport and server/main.ts; keep stable):
 *   interface SessionInfo { id; scenarioId; isPublic; status: 'running'|'paused'|'failed'|'stopped';
 *                           simTimeS (s, calendar.ts); speed (simulated s per wall s, or 'max'); createdAt (ISO); clients? }
 *   interface SessionEvents { frame(buf: ArrayBuffer); kpi(k: KpiSample); alarm(a: Alarm); status(info: SessionInfo) }
 *   class Session
 *     id, isPublic, scenario (static, for the `scenario` event), tokens ({ operator, instructor } | null for public)
 *     ready: Promise<void>                  resolves when the worker has compiled the scenario and sent its first frame
 *     info(): SessionInfo                   current status, simulation time and speed
 *     latestFrame(): ArrayBuffer | null     last frame (for the `snapshot` event on join); do not modify it
 *     on(event, fn): () => void             subscribe; returns unsubscribe. frame ~frameHz/s, kpi ~1/s, alarm, status
 *     command(cmd): Promise<CommandAck>     validated + role-checked by transport; {ok:false, error} names the field
 *                                           clock snapshot -> result { snapshotId, simTimeS, label }; step/jump ack when done
 *     history(req): Promise<History>        5-minute KPI rows (>= 7 simulated days kept), req.from/to in sim seconds
 *     historyCsv(fromS?, toS?): Promise<string>
 *     restart(): Promise<void>              new worker from the session's original start (after a failure, or any time)
 *     stop(): Promise<void>                 terminates the worker; status 'stopped'
 *     roleForToken(token): Role             'viewer' when absent/unknown; constant-time comparison
 *     stats(): { stepTimeMsAvg, framesSent, stepsPerSecond }   for /metrics (framesSent = frames the worker produced)
 *     injectFailure(message?)               test hook: the worker throws from its step loop
 * Failure: a worker error or a non-zero exit marks the session 'failed', raises a critical alarm (alarm event) and
 * answers pending and new commands with { ok: false }; history requests reject. Other sessions are untouched.
 *
 * Worker spawn: new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData }); the .mjs entry calls
 * tsx's `register()` (tsx/esm/api) and then imports worker.ts. `execArgv: ['--import', 'tsx']` with worker.ts as the
 * entry fails on Node 20 ("Unknown file extension .ts": the hooks are not applied to a worker's entry module).
 * The .mjs entry works the same under tsx, under vitest and under plain node.
 */
import { Worker } from 'node:worker_threads';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Scenario } from '../../shared/scenario/schema';
import type { Command, CommandAck, Role } from '../../shared/protocol/commands';
import type { Alarm, History, HistoryRequest, KpiSample } from '../../shared/protocol/session';
import { failureAlarm } from './alarms';
import type { FromWorker, ToWorker, WorkerConfig, WorkerStatus } from './protocol';

export interface SessionInfo {
  id: string;
  scenarioId: string;
  isPublic: boolean;
  status: 'running' | 'paused' | 'failed' | 'stopped';
  simTimeS: number;
  speed: number | 'max';
  createdAt: string;
  clients?: number;
}

export interface SessionEvents {
  frame(buf: ArrayBuffer): void;
  kpi(k: KpiSample): void;
  alarm(a: Alarm): void;
  status(info: SessionInfo): void;
}

/** What the worker needs (protocol.ts), plus the session's identity; trip auto-reset follows isPublic. */
export interface SessionOptions extends Omit<WorkerConfig, 'kpiIntervalMs' | 'autoResetTrips'> {
  id: string;
  isPublic: boolean;
  kpiIntervalMs?: number;
  tokens: { operator: string; instructor: string } | null;
  logger?: Logger;
}

/** A JS entry that registers tsx in the worker thread, then imports worker.ts (see worker-entry.mjs for why). */
const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);

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
  private state: SessionInfo['status'] = 'running';
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
  };
  private lastInfoKey = '';

  constructor(opts: SessionOptions) {
    this.opts = opts;
    this.id = opts.id;
    this.isPublic = opts.isPublic;
    this.scenario = opts.scenario;
    this.tokens = opts.tokens;
    this.workerStatus = { simTimeS: opts.startS, speed: opts.speed, paused: opts.paused, stepTimeMsAvg: 0, stepsPerSecond: 0 };
    this.ready = this.spawn();
  }

  info(): SessionInfo {
    const s = this.workerStatus;
    return {
      id: this.id,
      scenarioId: this.scenario.id,
      isPublic: this.isPublic,
      status: this.state === 'running' && s.paused ? 'paused' : this.state,
      simTimeS: this.frame && this.frame.byteLength >= 16 ? new DataView(this.frame).getFloat64(8, true) : s.simTimeS,
      speed: s.speed,
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
    if (this.state === 'failed' || this.state === 'stopped')
      return { ok: false, error: `session is ${this.state}${this.state === 'failed' ? ': restart it' : ''}` };
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

  async restart(): Promise<void> {
    await this.terminateWorker();
    this.state = 'running';
    this.frame = null;
    this.workerStatus = { ...this.workerStatus, simTimeS: this.opts.startS, speed: this.opts.speed, paused: this.opts.paused };
    this.ready = this.spawn();
    this.emitStatus();
    await this.ready;
  }

  async stop(): Promise<void> {
    await this.terminateWorker();
    this.state = 'stopped';
    this.emitStatus();
  }

  roleForToken(token: string | undefined): Role {
    if (!token || !this.tokens) return 'viewer';
    if (safeEqual(token, this.tokens.instructor)) return 'instructor';
    if (safeEqual(token, this.tokens.operator)) return 'operator';
    return 'viewer';
  }

  stats(): { stepTimeMsAvg: number; framesSent: number; stepsPerSecond: number } {
    return { stepTimeMsAvg: this.workerStatus.stepTimeMsAvg, framesSent: this.framesSent, stepsPerSecond: this.workerStatus.stepsPerSecond };
  }

  /** Test hook: makes the worker throw from its step loop, as a failing simulation would. */
  injectFailure(message = 'injected failure'): void {
    this.worker?.postMessage({ type: 'fail', message } satisfies ToWorker);
  }

  private spawn(): Promise<void> {
    const o = this.opts;
    const { id: _id, isPublic, tokens: _tokens, logger: _logger, ...config } = o;
    const workerData: WorkerConfig = { ...config, kpiIntervalMs: o.kpiIntervalMs ?? 1000, autoResetTrips: isPublic };
    const worker = new Worker(WORKER_URL, { workerData });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (m: FromWorker) => {
        if (this.worker !== worker) return;
        if (m.type === 'ready') {
          started = true;
          this.workerStatus = m.status;
          resolve();
          this.emitStatus();
        } else this.onMessage(m);
      });
      const fail = (error: string) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.fail(error);
        if (!started) reject(new Error(`session ${this.id}: ${error}`));
      };
      worker.on('error', (err) => fail(err.message));
      worker.on('exit', (code) => fail(`worker exited with code ${code}`));
    });
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'frame':
        this.frame = m.buffer;
        this.framesSent++;
        this.emit('frame', m.buffer);
        return;
      case 'kpi':
        this.workerStatus = m.status;
        this.emit('kpi', m.kpi);
        this.emitStatusIfChanged();
        return;
      case 'alarm':
        this.emit('alarm', m.alarm);
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
    if (!worker || this.state === 'failed' || this.state === 'stopped') return Promise.reject(new Error(`session is ${this.state}`));
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id });
    });
  }

  private fail(error: string): void {
    if (this.state === 'stopped') return;
    this.state = 'failed';
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
    if (`${info.status}/${info.speed}` !== this.lastInfoKey) this.emitStatus(info);
  }

  private emitStatus(info = this.info()): void {
    this.lastInfoKey = `${info.status}/${info.speed}`;
    this.emit('status', info);
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
