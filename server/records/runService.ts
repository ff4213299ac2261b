/**
 * Training runs through their life, over the session registry and the records: start one (a training session
 * for an exercise, a join code, the recorder), let trainees join it, finish it, and resume it in a new session
 * when its own went away. On start the server marks the runs left open by a previous process as interrupted.
 *
 * A run starts from the initial condition it is told to, else from the one its exercise names, else from the
 * settled scenario; an initial condition must be of the exercise's scenario and of the moment of its start (a
 * run is never moved to another moment than its exercise's). The run's record keeps which one it started from.
 *
 * Resuming gives the new session the run's newest backtrack and the commands acknowledged at or after its
 * moment (RunRecords.actionsSince), which the session enters again at their simulation times; without a
 * backtrack the run starts over from the exercise's start. Either way the session gets the initial condition
 * the run started from: the start it would go back to, and the one the reference run (the live score's
 * yardstick) runs from.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { TrainingOptions } from '../session/registry';
import { loadExercise } from '../training/exerciseFiles';
import { InitialConditionError } from '../training/exerciseRun';
import { dateTimeToS } from '../sim/calendar';
import type { CreateRun, CreatedRun, JoinedRun } from '../../shared/protocol/runs';
import type { Exercise } from '../../shared/training/exercise';
import { newToken, tokenHash } from '../auth/tokens';
import { conditionDate, type InitialConditions } from './initialConditions';
import { newJoinCode } from './joinCodes';
import { recordRun, type RecordedSession } from './runRecorder';
import type { Run, RunRecords } from './runRecords';

/** What runs need of the registry. */
export interface TrainingSessions {
  get(id: string): unknown;
  createTraining(opts: TrainingOptions): Promise<RecordedSession>;
  delete(id: string): Promise<boolean>;
}

/** Simulation times closer than this (s) are the same moment, as the session's own check has it (exerciseRun.ts). */
const SAME_MOMENT_S = 1e-6;

/** A run in the wrong state for what was asked (a 409 over REST). */
export class RunStateError extends Error {
  override name = 'RunStateError';
}

export interface RunServiceOptions {
  sessions: TrainingSessions;
  records: RunRecords;
  /** Exercise files; default assets/exercises. */
  exerciseDir?: string;
  /** Saved initial conditions; without them only exercises that name none can be run. */
  initialConditions?: InitialConditions;
  logger?: Logger;
  /** Called after a run's session was deleted (the socket server tells its viewers). */
  onSessionDeleted?(sessionId: string): void;
}

export class RunService {
  private readonly resuming = new Set<string>();

  constructor(private readonly opts: RunServiceOptions) {}

  /**
   * Throws ExerciseFileError for an unknown or broken exercise, InitialConditionError for an initial condition
   * that is unknown or not of the exercise's scenario and start, and whatever the registry throws.
   */
  async start(instructorId: number, body: CreateRun): Promise<CreatedRun> {
    const { sessions, records } = this.opts;
    const exercise = loadExercise(body.exerciseId, this.opts.exerciseDir);
    const condition = body.initialCondition ?? exercise.initialCondition;
    const initialState = this.initialState(condition, exercise);
    const runId = randomBytes(9).toString('base64url');
    let joinCode = '';
    // The run is on record and its recorder listening before the session's worker can tell anything.
    const session = await sessions.createTraining({
      exercise,
      initialState,
      speed: body.speed,
      paused: body.paused,
      onCreated: (created) => {
        // Synchronous from here to the insert: no other request can take the code in between.
        joinCode = newJoinCode((code) => records.runByJoinCode(code) !== undefined);
        records.createRun({ id: runId, exerciseId: exercise.id, instructorId, sessionId: created.id, joinCode });
        if (condition !== undefined) this.opts.initialConditions?.recordRunStart(runId, condition);
        recordRun(created, runId, records, this.opts.logger);
      },
    });
    this.opts.logger?.info(
      { run: runId, session: session.id, exercise: exercise.id, initialCondition: condition ?? null },
      'run started',
    );
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
      const { exercise, initialState } = this.startOf(run);
      const from = records.latestBacktrack(run.id);
      const resume = from && { state: from.state, actions: records.actionsSince(run.id, from.simTimeS) };
      const session = await sessions.createTraining({
        exercise,
        initialState,
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

  /** The exercise a run is of and the initial condition it started from: where its sessions start. */
  startOf(run: Run): { exercise: Exercise; initialState: Uint8Array | undefined } {
    const exercise = loadExercise(run.exerciseId, this.opts.exerciseDir);
    return { exercise, initialState: this.initialState(this.opts.initialConditions?.ofRun(run.id), exercise) };
  }

  /** The bytes of the named initial condition, checked against the exercise; undefined for no name. */
  private initialState(name: string | undefined, exercise: Exercise): Uint8Array | undefined {
    if (name === undefined) return undefined;
    const condition = this.opts.initialConditions?.get(name);
    if (!condition) throw new InitialConditionError(`initialCondition: no initial condition "${name}"`);
    if (condition.scenarioId !== exercise.scenario)
      throw new InitialConditionError(
        `initialCondition: "${name}" is of scenario ${condition.scenarioId}, not the exercise's ${exercise.scenario}`,
      );
    if (Math.abs(condition.simTimeS - dateTimeToS(exercise.start)) > SAME_MOMENT_S)
      throw new InitialConditionError(
        `initialCondition: "${name}" is of another moment (${conditionDate(condition.simTimeS)}) than start ` +
          exercise.start,
      );
    return condition.state;
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
