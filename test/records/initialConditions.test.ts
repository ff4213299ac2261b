/**
 * Initial conditions in the records database: saved under a name given once, read back with their state and
 * who saved them, listed without it, removed unless a run not finished started from one; the schema step that
 * adds them to a database of the step before; and runs started and resumed from one by the run service, which
 * refuses an unknown one or one not of the exercise's scenario and start.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database as Db } from '../../server/records/database';
import {
  conditionDate,
  InitialConditionConflictError,
  InitialConditions,
} from '../../server/records/initialConditions';
import { MIGRATIONS, migrate, schemaVersion } from '../../server/records/migrations';
import { RunRecords } from '../../server/records/runRecords';
import { RunService, type TrainingSessions } from '../../server/records/runService';
import type { RecordedSession } from '../../server/records/runRecorder';
import type { TrainingOptions } from '../../server/session/registry';
import { InitialConditionError } from '../../server/training/exerciseRun';
import { Instructors } from '../../server/auth/instructors';
import { dateTimeToS } from '../../server/sim/calendar';
import type { CreateRun } from '../../shared/protocol/runs';

const START = '2025-01-03T06:00';
const START_S = dateTimeToS(START);
const bytes = (n: number): Uint8Array => new Uint8Array([n, n + 1, n + 2, n + 3]);
/** Saves bytes(n) under the name, of the small city unless told. */
const saveAs = (conditions: InitialConditions, instructorId: number, name: string, n: number, more = {}): void =>
  conditions.save({ name, scenarioId: 'small-city', simTimeS: START_S, state: bytes(n), instructorId, ...more });

describe('initial conditions in the database', () => {
  let dir: string;
  let db: Db;
  let conditions: InitialConditions;
  let records: RunRecords;
  let annId: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'heattwin-conditions-'));
    db = openDatabase(dir);
    conditions = new InitialConditions(db);
    records = new RunRecords(db);
    annId = (await new Instructors(db).add('ann', 'ann-password-1')).id;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back what was saved, state and who saved it; lists them without the state', () => {
    const before = Date.now();
    saveAs(conditions, annId, 'b-later', 5, { simTimeS: START_S + 600 });
    saveAs(conditions, annId, 'a-start', 1);
    saveAs(conditions, annId, 'c-other', 9, { scenarioId: 'espoo' });
    const got = conditions.get('a-start')!;
    expect(got).toMatchObject({ name: 'a-start', scenarioId: 'small-city', simTimeS: START_S, instructorId: annId });
    expect(got.instructor).toBe('ann');
    expect([...got.state]).toEqual([1, 2, 3, 4]);
    expect(Date.parse(got.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(got.createdAt)).toBeLessThanOrEqual(Date.now());
    expect(conditions.get('no-such')).toBeUndefined();
    const list = conditions.list();
    expect(list.map((c) => c.name)).toEqual(['c-other', 'a-start', 'b-later']);
    expect(list.every((c) => !('state' in c))).toBe(true);
  });

  it('refuses a name taken, keeping the first', () => {
    saveAs(conditions, annId, 'start', 1);
    const again = () => saveAs(conditions, annId, 'start', 7);
    expect(again).toThrow(InitialConditionConflictError);
    expect(again).toThrow('name: there is an initial condition "start" already');
    expect([...conditions.get('start')!.state]).toEqual([1, 2, 3, 4]);
  });

  it('outlives the account of who saved it', () => {
    saveAs(conditions, annId, 'start', 1);
    expect(new Instructors(db).remove('ann')).toBe(true);
    expect(conditions.get('start')).toMatchObject({ instructorId: null, instructor: null });
  });

  it('removes one by name, once', () => {
    saveAs(conditions, annId, 'start', 1);
    expect(conditions.remove('start')).toBe(true);
    expect(conditions.get('start')).toBeUndefined();
    expect(conditions.remove('start')).toBe(false);
  });

  it('keeps which one a run started from, and keeps it while the run may go on', () => {
    saveAs(conditions, annId, 'start', 1);
    records.createRun({ id: 'run1', exerciseId: 'ex', instructorId: annId, sessionId: 's1', joinCode: 'ABCDEF' });
    records.createRun({ id: 'run2', exerciseId: 'ex', instructorId: annId, sessionId: 's2', joinCode: 'ABCDEG' });
    conditions.recordRunStart('run1', 'start');
    expect(conditions.ofRun('run1')).toBe('start');
    expect(conditions.ofRun('run2')).toBeUndefined();
    expect(() => conditions.remove('start')).toThrow('name: runs not finished started from "start": run1');
    expect(records.interruptRun('run1', 's1')).toBe(true);
    expect(() => conditions.remove('start')).toThrow(InitialConditionConflictError);
    expect(records.finishRun('run1')).toBe(true);
    expect(conditions.remove('start')).toBe(true);
  });

  it('writes a moment as an exercise start is written, seconds only when there are some', () => {
    expect(conditionDate(START_S)).toBe(START);
    expect(conditionDate(START_S - 1e-7)).toBe(START);
    expect(conditionDate(START_S + 90)).toBe('2025-01-03T06:01:30');
  });
});

describe('the schema step of initial conditions', () => {
  it('adds them to a database of the step before, its runs kept and started from none', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, MIGRATIONS.length - 1));
    db.prepare(
      `INSERT INTO runs (id, exercise_id, session_id, join_code, status, created_ms)
       VALUES ('old', 'ex', 's', 'ABCDEF', 'finished', 1)`,
    ).run();
    migrate(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const conditions = new InitialConditions(db);
    expect(conditions.ofRun('old')).toBeUndefined();
    expect(conditions.list()).toEqual([]);
    db.close();
  });
});

/** A registry that keeps what each training session was asked to start from. */
class RecordingSessions implements TrainingSessions {
  readonly asked: TrainingOptions[] = [];
  readonly live = new Map<string, RecordedSession>();

  get(id: string): unknown {
    return this.live.get(id);
  }

  createTraining(opts: TrainingOptions): Promise<RecordedSession> {
    this.asked.push(opts);
    const session = { id: `s${this.asked.length}`, on: () => () => undefined } as unknown as RecordedSession;
    this.live.set(session.id, session);
    opts.onCreated?.(session as never);
    return Promise.resolve(session);
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.live.delete(id));
  }
}

describe('runs from initial conditions', () => {
  let exerciseDir: string;
  let db: Db;
  let records: RunRecords;
  let conditions: InitialConditions;
  let sessions: RecordingSessions;
  let service: RunService;
  let annId: number;

  const exercise = (id: string, extra: object = {}) =>
    writeFileSync(
      join(exerciseDir, `${id}.json`),
      JSON.stringify({
        id,
        title: 'A trip',
        scenario: 'small-city',
        start: START,
        durationMin: 60,
        briefing: 'Keep it warm.',
        objectives: { supplyBelowSetpointK: 3 },
        malfunctions: [
          {
            atMin: 30,
            malfunction: { kind: 'heatPumpTrip', unitId: 'hp' },
            response: { anyOf: [{ type: 'heatPump', action: 'reset' }], withinMin: 10 },
          },
        ],
        ...extra,
      }),
    );

  beforeEach(async () => {
    exerciseDir = mkdtempSync(join(tmpdir(), 'heattwin-exercises-'));
    exercise('plain');
    exercise('from-start', { initialCondition: 'start' });
    db = openDatabase(null);
    records = new RunRecords(db);
    conditions = new InitialConditions(db);
    sessions = new RecordingSessions();
    service = new RunService({ sessions, records, exerciseDir, initialConditions: conditions });
    annId = (await new Instructors(db).add('ann', 'ann-password-1')).id;
    saveAs(conditions, annId, 'start', 1);
    saveAs(conditions, annId, 'later', 2, { simTimeS: START_S + 60 });
    saveAs(conditions, annId, 'elsewhere', 3, { scenarioId: 'espoo' });
  });
  afterEach(() => {
    db.close();
    rmSync(exerciseDir, { recursive: true, force: true });
  });

  const stateAsked = (i: number) => {
    const s = sessions.asked[i].initialState;
    return s && [...s];
  };

  it('starts from the one the exercise names, the one it is told, or none, and keeps which', async () => {
    const named = await service.start(annId, { exerciseId: 'from-start' });
    const told = await service.start(annId, { exerciseId: 'plain', initialCondition: 'start' });
    const none = await service.start(annId, { exerciseId: 'plain' });
    expect([stateAsked(0), stateAsked(1), stateAsked(2)]).toEqual([[1, 2, 3, 4], [1, 2, 3, 4], undefined]);
    expect([named, told, none].map((r) => conditions.ofRun(r.runId))).toEqual(['start', 'start', undefined]);
  });

  it('refuses one unknown, of another scenario or of another moment than the start, starting nothing', async () => {
    const cases: Array<[CreateRun, RegExp]> = [
      [{ exerciseId: 'plain', initialCondition: 'no-such' }, /^initialCondition: no initial condition "no-such"$/],
      [{ exerciseId: 'plain', initialCondition: 'elsewhere' }, /^initialCondition: "elsewhere" is of scenario espoo/],
      [
        { exerciseId: 'from-start', initialCondition: 'later' },
        /^initialCondition: "later" is of another moment \(2025-01-03T06:01\) than start 2025-01-03T06:00$/,
      ],
    ];
    for (const [body, message] of cases) {
      const err = (await service.start(annId, body).catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(InitialConditionError);
      expect(err.message).toMatch(message);
    }
    conditions.remove('start');
    await expect(service.start(annId, { exerciseId: 'from-start' })).rejects.toThrow(/^initialCondition: no initial/);
    expect(sessions.asked).toEqual([]);
  });

  it('resumes a run from the one it started from, with a backtrack or without', async () => {
    const run = await service.start(annId, { exerciseId: 'plain', initialCondition: 'start' });
    const interrupt = () => {
      const row = records.getRunRow(run.runId)!;
      sessions.live.delete(row.sessionId);
      expect(records.interruptRun(run.runId, row.sessionId)).toBe(true);
      return records.getRunRow(run.runId)!;
    };
    await service.resume(interrupt(), {});
    records.recordBacktrack(run.runId, 's2', { id: 'b1', simTimeS: START_S + 600, state: bytes(8) });
    await service.resume(interrupt(), {});
    expect([stateAsked(1), stateAsked(2)]).toEqual([[1, 2, 3, 4], [1, 2, 3, 4]]);
    expect(sessions.asked[1].resume).toBeUndefined();
    expect([...sessions.asked[2].resume!.state!]).toEqual([8, 9, 10, 11]);
  });
});
