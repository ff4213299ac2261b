/**
 * Recorded training runs replayed for their debriefs. A replay is a training session of the run's exercise with
 * nothing attached to it: no recorder, no run, so nobody's token gives a role in it beyond viewer, and what it
 * tells reaches only its viewers. It starts from the newest kept backtrack at or before the moment asked for (or
 * the exercise's start, from the initial condition the run started from) and enters again, at their simulation
 * times, the commands that stood in the run; the simulation being deterministic, it goes through what the run
 * went through.
 *
 * Each reader of a run has one replay, moved by each seek: forward, it runs on to the moment as fast as it goes
 * (a clock step); back, a new session starts from the backtrack. A seek answers once the replay stands at its
 * moment. Seeks of one reader are taken one after the other; at most MAX_REPLAYS replays live at once (each is a
 * worker). Replays nobody watches are deleted like any idle session (session/idleReaper.ts).
 */
import type { Logger } from 'pino';
import { CLOCK_STEPS_MAX, type Command } from '../../shared/protocol/commands';
import type { ReplayAnswer, replaySeekSchema } from '../../shared/protocol/replay';
import type { z } from 'zod';
import type { Exercise } from '../../shared/training/exercise';
import { dateTimeToS } from '../sim/calendar';
import type { Session, TrainingOptions } from '../session/registry';
import type { Run, RunRecords } from './runRecords';
import type { RunService } from './runService';

/** Replays at once, over every run and reader. */
export const MAX_REPLAYS = 4;
/** The longest a seek waits for its replay to reach the moment (ms). */
export const ARRIVAL_TIMEOUT_MS = 60_000;
/** Simulation times closer than this (s) are the same moment. */
const SAME_TIME_S = 1e-6;

type ReplaySession = Pick<Session, 'id' | 'scenario' | 'info' | 'command' | 'on'>;

/** What replays need of the registry. */
export interface ReplaySessions {
  get(id: string): ReplaySession | undefined;
  createTraining(opts: TrainingOptions): Promise<ReplaySession>;
  delete(id: string): Promise<boolean>;
}

export interface RunReplaysOptions {
  sessions: ReplaySessions;
  records: RunRecords;
  runs: Pick<RunService, 'startOf'>;
  logger?: Logger;
  /** Called after a replay's session was deleted (the socket server tells its viewers). */
  onSessionDeleted?(sessionId: string): void;
}

/** Every replay slot is taken (a 503 over REST). */
export class ReplayLimitError extends Error {
  override name = 'ReplayLimitError';
}

/** A replay that did not reach its moment in time, or whose session went away meanwhile. */
export class ReplayError extends Error {
  override name = 'ReplayError';
}

export type ParsedSeek = z.output<typeof replaySeekSchema>;

interface Span {
  exercise: Exercise;
  initialState: Uint8Array | undefined;
  /** The exercise's start and the end of the run's record (simulation time, s). */
  startS: number;
  untilS: number;
}

export class RunReplays {
  /** The replay session of each run and reader ("runId reader"). */
  private readonly replays = new Map<string, string>();
  /** The seek under way per run and reader: the next one waits for it. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: RunReplaysOptions) {}

  /** Moves `reader`'s replay of the run to the moment asked for, starting the replay when there is none. */
  seek(run: Run, reader: string, seek: ParsedSeek): Promise<ReplayAnswer> {
    const key = `${run.id} ${reader}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(
      () => this.move(key, run, seek),
      () => this.move(key, run, seek),
    );
    this.queues.set(key, next);
    const settle = () => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    };
    next.then(settle, settle);
    return next;
  }

  /** Deletes the reader's replay of the run; false when there was none. */
  stop(run: Run, reader: string): Promise<boolean> {
    return this.drop(`${run.id} ${reader}`);
  }

  private async drop(key: string): Promise<boolean> {
    const id = this.replays.get(key);
    this.replays.delete(key);
    if (id === undefined || !(await this.opts.sessions.delete(id))) return false;
    this.opts.onSessionDeleted?.(id);
    return true;
  }

  /** Where the reader's replay of the run stands once a seek under way is over; undefined when there is none. */
  async now(run: Run, reader: string): Promise<ReplayAnswer | undefined> {
    const key = `${run.id} ${reader}`;
    await this.queues.get(key)?.catch(() => undefined);
    const session = this.live(key);
    return session && answer(session, this.span(run));
  }

  /** The run's exercise, where its sessions start, and the span of its record (s). */
  private span(run: Run): Span {
    const { exercise, initialState } = this.opts.runs.startOf(run);
    const startS = dateTimeToS(exercise.start);
    const recorded = this.opts.records.recordedUntil(run.id) ?? startS;
    const untilS = Math.min(Math.max(recorded, startS), startS + exercise.durationMin * 60);
    return { exercise, initialState, startS, untilS };
  }

  private async move(key: string, run: Run, seek: ParsedSeek): Promise<ReplayAnswer> {
    const span = this.span(run);
    const { exercise, initialState, startS, untilS } = span;
    const targetS = Math.min(startS + seek.atMin * 60, untilS);

    let session = this.live(key);
    if (session && session.info().simTimeS > targetS + SAME_TIME_S) {
      await this.drop(key);
      session = undefined;
    }
    if (!session) {
      if (this.replays.size >= MAX_REPLAYS) this.forgetGone();
      if (this.replays.size >= MAX_REPLAYS)
        throw new ReplayLimitError(`replays: all ${MAX_REPLAYS} replay slots are in use; try again later`);
      const from = this.opts.records.backtrackAtOrBefore(run.id, targetS);
      session = await this.opts.sessions.createTraining({
        exercise,
        initialState,
        paused: true,
        resume: {
          state: from?.state ?? null,
          actions: this.opts.records.actionsSince(run.id, from?.simTimeS ?? startS),
        },
      });
      this.replays.set(key, session.id);
      this.opts.logger?.info({ run: run.id, session: session.id, fromS: from?.simTimeS ?? startS }, 'replay started');
    }

    await command(session, { type: 'clock', action: 'pause' });
    let steps = Math.round((targetS - session.info().simTimeS) / session.scenario.simulation.stepS);
    for (; steps > 0; steps -= CLOCK_STEPS_MAX) await arrive(session, Math.min(steps, CLOCK_STEPS_MAX));
    // A run's record ends where its exercise ended or where the run stands: the replay stops there too.
    if (seek.playing && targetS < untilS - SAME_TIME_S) {
      await command(session, { type: 'clock', action: 'speed', speed: seek.speed });
      await command(session, { type: 'clock', action: 'resume' });
    }
    return answer(session, span);
  }

  /** The key's replay session while it lives. */
  private live(key: string): ReplaySession | undefined {
    const id = this.replays.get(key);
    const session = id === undefined ? undefined : this.opts.sessions.get(id);
    if (!session) this.replays.delete(key);
    return session;
  }

  /** Lets go of replays whose sessions went away (deleted as idle). */
  private forgetGone(): void {
    for (const key of [...this.replays.keys()]) this.live(key);
  }
}

async function command(session: ReplaySession, c: Command): Promise<unknown> {
  const ack = await session.command(c);
  if (!ack.ok) throw new ReplayError(`replay: ${ack.error ?? 'refused'}`);
  return ack.result;
}

async function answer(session: ReplaySession, { startS, untilS }: Span): Promise<ReplayAnswer> {
  const alarms = await command(session, { type: 'alarm', action: 'list' });
  const info = session.info();
  return {
    sessionId: session.id,
    atMin: (info.simTimeS - startS) / 60,
    untilMin: (untilS - startS) / 60,
    playing: info.status === 'running',
    alarms,
  };
}

/** Steps the replay on and waits until it stands at its new moment (the move over, its frame out). */
async function arrive(session: ReplaySession, steps: number): Promise<void> {
  const targetS = session.info().simTimeS + steps * session.scenario.simulation.stepS;
  const offs: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        const info = session.info();
        if (info.status === 'stopped' || info.status === 'failed') reject(new ReplayError('replay: its session ended'));
        else if (info.clockTarget === null && info.simTimeS >= targetS - SAME_TIME_S) resolve();
      };
      offs.push(session.on('frame', check), session.on('status', check));
      timer = setTimeout(
        () => reject(new ReplayError(`replay: did not reach its moment within ${ARRIVAL_TIMEOUT_MS / 1000} s`)),
        ARRIVAL_TIMEOUT_MS,
      );
      command(session, { type: 'clock', action: 'step', steps }).then(check, reject);
    });
  } finally {
    clearTimeout(timer);
    for (const off of offs) off();
  }
}
