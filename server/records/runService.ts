/**
 * Training runs through their life, over the session registry and the records: start one (a training session
 * for an exercise, a join code, the recorder), let trainees join it, finish it, and resume it in a new session
 * when its own went away. On start the server marks the runs left open by a previous process as interrupted.
 *
 * Resuming gives the new session the run's newest backtrack and the commands acknowledged at or after its
 * moment (RunRecords.actionsSince), which the session enters again at their simulation times; without a
 * backtrack the run starts over from the exercise's start.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { TrainingOptions } from '../session/registry';
import { loadExercise } from '../training/exerciseFiles';
import type { CreateRun, CreatedRun, JoinedRun } from '../../shared/protocol/runs';
import { newToken, tokenHash } from '../auth/tokens';
import { newJoinCode } from './joinCodes';
import { recordRun, type RecordedSession } from './runRecorder';
import type { Run, RunRecords } from './runRecords';

/** What runs need of the registry. */
export interface TrainingSessions {
  get(id: string): unknown;
  createTraining(opts: TrainingOptions): Promise<RecordedSession>;
  delete(id: string): Promise<boolean>;
}

/** A run in the wrong state for what was asked (a 409 over REST). */
export class RunStateError extends Error {
  override name = 'RunStateError';
}

export interface RunServiceOptions {
  sessions: TrainingSessions;
  records: RunRecords;
  /** Exercise files; default assets/exercises. */
  exerciseDir?: string;
  logger?: Logger;
  /** Called after a run's session was deleted (the socket server tells its viewers). */
  onSessionDeleted?(sessionId: string): void;
}

export class RunService {
  private readonly resuming = new Set<string>();

  constructor(private readonly opts: RunServiceOptions) {}

  /** Throws ExerciseFileError for an unknown or broken exercise, and whatever the registry throws. */
  async start(instructorId: number, body: CreateRun): Promise<CreatedRun> {
    const { sessions, records } = this.opts;
    const exercise = loadExercise(body.exerciseId, this.opts.exerciseDir);
    const runId = randomBytes(9).toString('base64url');
    let joinCode = '';
    // The run is on record and its recorder listening before the session's worker can tell anything.
    const session = await sessions.createTraining({
      exercise,
      speed: body.speed,
      paused: body.paused,
      onCreated: (created) => {
        // Synchronous from here to the insert: no other request can take the code in between.
        joinCode = newJoinCode((code) => records.runByJoinCode(code) !== undefined);
        records.createRun({ id: runId, exerciseId: exercise.id, instructorId, sessionId: created.id, joinCode });
        recordRun(created, runId, records, this.opts.logger);
      },
    });
    this.opts.logger?.info({ run: runId, session: session.id, exercise: exercise.id }, 'run started');
    return { runId, sessionId: session.id, joinCode };
  }

  /** A trainee joins an open run by its code; undefined when no run has that code. */
  join(code: string, name: string): JoinedRun | undefined {
    const { records } = this.opts;
    const run = records.runByJoinCode(code);
    if (!run) return undefined;
    if (run.status === 'finished') throw new RunStateError('code: that run has finished');
    if (run.status === 'interrupted')
      throw new RunStateError('code: that run is interrupted until its instructor resumes it');
    const token = newToken();
    records.addTrainee(run.id, name, tokenHash(token));
    this.opts.logger?.info({ run: run.id }, 'trainee joined');
    return { runId: run.id, sessionId: run.sessionId, token };
  }

  /** Ends the run with its score as it stands and deletes its session. */
  async finish(run: Run): Promise<void> {
    if (!this.opts.records.finishRun(run.id)) throw new RunStateError(`id: run "${run.id}" has finished already`);
    if (await this.opts.sessions.delete(run.sessionId)) this.opts.onSessionDeleted?.(run.sessionId);
    this.opts.logger?.info({ run: run.id }, 'run finished by its instructor');
  }

  async resume(run: Run, clock: { speed?: number | 'max'; paused?: boolean }): Promise<CreatedRun> {
    const { sessions, records } = this.opts;
    if (run.status === 'finished') throw new RunStateError(`id: run "${run.id}" has finished`);
    if (sessions.get(run.sessionId) !== undefined)
      throw new RunStateError(`id: run "${run.id}" is still running in session "${run.sessionId}"`);
    if (this.resuming.has(run.id)) throw new RunStateError(`id: run "${run.id}" is being resumed`);
    this.resuming.add(run.id);
    try {
      const exercise = loadExercise(run.exerciseId, this.opts.exerciseDir);
      const from = records.latestBacktrack(run.id);
      const resume = from && { state: from.state, actions: records.actionsSince(run.id, from.simTimeS) };
      const session = await sessions.createTraining({
        exercise,
        ...clock,
        resume,
        onCreated: (created) => {
          records.resumeRun(run.id, created.id, from);
          recordRun(created, run.id, records, this.opts.logger);
        },
      });
      this.opts.logger?.info(
        { run: run.id, session: session.id, fromS: from?.simTimeS ?? null, actions: resume?.actions.length ?? 0 },
        'run resumed',
      );
      return { runId: run.id, sessionId: session.id, joinCode: run.joinCode };
    } finally {
      this.resuming.delete(run.id);
    }
  }

  /** Open runs whose session is gone (the process that ran them ended) become interrupted; returns how many. */
  interruptOrphans(): number {
    const { sessions, records } = this.opts;
    let n = 0;
    for (const run of records.runsWithStatus('open'))
      if (sessions.get(run.sessionId) === undefined && records.interruptRun(run.id, run.sessionId)) n++;
    return n;
  }
}
