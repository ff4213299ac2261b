/**
 * All live sessions of the server: the one public session (default scenario, looping over the scenario's
 * `simulation.loop` period at x60, auto-reset of heat-pump trips on, no tokens so it accepts no commands) and
 * private training sessions created over REST (fresh random role tokens from node:crypto; trips must be reset
 * by the trainee: autoResetTrips false). Scenarios are read from `scenarioDir` (default assets/scenarios) by id.
 *
 *   new SessionRegistry({ scenarioDir?, frameHz? (default 10), logger?, maxSessions? (private, default 16) })
 *   startPublic(scenarioId = 'espoo-district'): Promise<Session>   id 'public'; returns the running one if any
 *   create(body: CreateSession): Promise<Session>   throws ScenarioLoadError (unknown scenario / bad file) or
 *                                                   SessionLimitError; resolves once the worker runs
 *   createTraining({ exercise, speed?, paused?, resume?, onCreated? }): Promise<Session>   a private session that runs the
 *                                                   exercise (its scenario, start and schedule; backtracks every
 *                                                   10 simulated minutes, the last 12 kept), or resumes it
 *   get(id), list(), delete(id) (false when unknown or the public session), stopAll()
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { loadScenario, SCENARIO_DIR } from '../scenarios/load';
import { dateTimeToS, dateToS, DAY_S } from '../sim/calendar';
import type { Exercise } from '../../shared/training/exercise';
import type { TrainingResume } from './protocol';
import type { CreateSession, SessionPurpose } from '../../shared/protocol/session';
import { Session } from './session';

export { Session } from './session';
export type { SessionInfo, SessionEvents } from './session';

export const PUBLIC_SESSION_ID = 'public';
export const DEFAULT_SCENARIO_ID = 'espoo-district';
export const PUBLIC_SPEED = 60;
/** Most private sessions at once by default: each is a worker thread and a simulation. */
export const DEFAULT_MAX_SESSIONS = 16;

/**
 * Whether a private session's tripped units reset themselves: nobody operates the plants of a presentation or
 * a kiosk, so a heat pump tripped by a cold snap must come back by itself, as in the public session; in training
 * the operator resets trips.
 */
export function autoResetTripsFor(purpose: SessionPurpose): boolean {
  return purpose !== 'training';
}

/** A training run's backtracks: every 10 simulated minutes, the last 12 (two hours) kept. */
export const TRAINING_BACKTRACK_EVERY_S = 600;
export const TRAINING_BACKTRACKS_KEPT = 12;

export interface TrainingOptions {
  exercise: Exercise;
  /** The bytes of the initial condition the exercise names (server/sim/savedState.ts). */
  initialState?: Uint8Array;
  speed?: number | 'max';
  /** Default: running, or paused when resuming (the instructor starts the clock again). */
  paused?: boolean;
  resume?: TrainingResume;
  /**
   * Called with the session as soon as it exists, before its worker can tell anything: whoever must hear every
   * one of its events (the run's recorder) subscribes here.
   */
  onCreated?: (session: Session) => void;
}

export class SessionLimitError extends Error {
  override name = 'SessionLimitError';
}

export interface RegistryOptions {
  scenarioDir?: string;
  frameHz?: number;
  logger?: Logger;
  /** Most private sessions at once; default DEFAULT_MAX_SESSIONS. */
  maxSessions?: number;
  /** Wall ms between kpi events (default 1000). */
  kpiIntervalMs?: number;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly scenarioDir: string;
  private readonly frameHz: number;
  private readonly logger?: Logger;
  private readonly maxSessions: number;
  private readonly kpiIntervalMs: number;

  constructor(opts: RegistryOptions = {}) {
    this.scenarioDir = opts.scenarioDir ?? SCENARIO_DIR;
    this.frameHz = opts.frameHz ?? 10;
    this.logger = opts.logger;
    this.maxSessions = opts.maxSessions ?? DEFAULT_MAX_SESSIONS;
    this.kpiIntervalMs = opts.kpiIntervalMs ?? 1000;
  }

  async startPublic(scenarioId = DEFAULT_SCENARIO_ID): Promise<Session> {
    const running = this.sessions.get(PUBLIC_SESSION_ID);
    if (running) return running;
    const { scenario, epwText } = loadScenario(scenarioId, this.scenarioDir);
    const loop = scenario.simulation.loop ?? { start: scenario.simulation.start, days: Math.min(7, scenario.simulation.days) };
    const startS = dateToS(loop.start);
    const session = new Session({
      id: PUBLIC_SESSION_ID,
      isPublic: true,
      scenario,
      epwText,
      startS,
      seed: scenario.simulation.seed,
      speed: PUBLIC_SPEED,
      paused: false,
      frameHz: this.frameHz,
      kpiIntervalMs: this.kpiIntervalMs,
      loop: { startS, endS: startS + loop.days * DAY_S },
      backtrack: null,
      tokens: null,
      logger: this.logger,
    });
    this.sessions.set(session.id, session);
    await this.started(session);
    return session;
  }

  async create(body: CreateSession): Promise<Session> {
    this.checkRoom();
    const { scenario, epwText } = loadScenario(body.scenario, this.scenarioDir);
    const session = new Session({
      id: randomBytes(9).toString('base64url'),
      isPublic: false,
      scenario,
      epwText,
      startS: dateToS(body.start ?? scenario.simulation.start),
      seed: body.seed ?? scenario.simulation.seed,
      speed: body.speed ?? 60,
      paused: body.paused ?? false,
      frameHz: this.frameHz,
      kpiIntervalMs: this.kpiIntervalMs,
      loop: null,
      backtrack: { everyS: (body.backtrack?.everyMin ?? 10) * 60, keep: body.backtrack?.keep ?? 12 },
      autoResetTrips: autoResetTripsFor(body.purpose ?? 'training'),
      tokens: { operator: randomBytes(18).toString('base64url'), instructor: randomBytes(18).toString('base64url') },
      logger: this.logger,
    });
    this.sessions.set(session.id, session);
    await this.started(session);
    return session;
  }

  async createTraining(opts: TrainingOptions): Promise<Session> {
    this.checkRoom();
    const { exercise } = opts;
    const { scenario, epwText } = loadScenario(exercise.scenario, this.scenarioDir);
    const session = new Session({
      id: randomBytes(9).toString('base64url'),
      isPublic: false,
      scenario,
      epwText,
      startS: dateTimeToS(exercise.start),
      seed: scenario.simulation.seed,
      speed: opts.speed ?? 60,
      paused: opts.paused ?? opts.resume !== undefined,
      frameHz: this.frameHz,
      kpiIntervalMs: this.kpiIntervalMs,
      loop: null,
      backtrack: { everyS: TRAINING_BACKTRACK_EVERY_S, keep: TRAINING_BACKTRACKS_KEPT },
      training: { exercise, initialState: opts.initialState ?? null, resume: opts.resume ?? null },
      tokens: { operator: randomBytes(18).toString('base64url'), instructor: randomBytes(18).toString('base64url') },
      logger: this.logger,
    });
    this.sessions.set(session.id, session);
    opts.onCreated?.(session);
    await this.started(session);
    return session;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  list(): Session[] {
    return [...this.sessions.values()];
  }

  async delete(id: string): Promise<boolean> {
    const s = this.sessions.get(id);
    if (!s || s.isPublic) return false;
    this.sessions.delete(id);
    await s.stop();
    this.logger?.info({ session: id }, 'session deleted');
    return true;
  }

  async stopAll(): Promise<void> {
    const all = this.list();
    this.sessions.clear();
    await Promise.all(all.map((s) => s.stop()));
  }

  private checkRoom(): void {
    const privateCount = this.list().filter((s) => !s.isPublic).length;
    if (privateCount >= this.maxSessions) throw new SessionLimitError(`too many sessions (at most ${this.maxSessions})`);
  }

  /** Waits for the worker; a session whose worker cannot start is removed and the error passed on. */
  private async started(session: Session): Promise<void> {
    try {
      await session.ready;
      this.logger?.info({ session: session.id, scenario: session.scenario.id, public: session.isPublic }, 'session started');
    } catch (err) {
      this.sessions.delete(session.id);
      await session.stop();
      throw err;
    }
  }
}
