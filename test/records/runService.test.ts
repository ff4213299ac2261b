/**
 * Starting and resuming a run against a registry whose sessions talk before they are ready (a malfunction at
 * minute 0, the start's backtrack): the run's record holds what the session told from its first message on.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/records/database';
import { RunRecords } from '../../server/records/runRecords';
import { RunService, type TrainingSessions } from '../../server/records/runService';
import type { RecordedSession } from '../../server/records/runRecorder';
import type { TrainingOptions } from '../../server/session/registry';
import { Instructors } from '../../server/auth/instructors';
import type { RunEvent } from '../../shared/protocol/training';

const T0 = 1_736_000_000;
const malfunctionAtStart: RunEvent = { simTimeS: T0, atS: 0, kind: 'malfunction', text: 'heatPumpTrip, unitId dc-hp-1' };

/** Sessions that tell a malfunction and their start's backtrack before their creation resolves. */
class EagerSessions implements TrainingSessions {
  readonly live = new Map<string, RecordedSession>();
  private n = 0;

  get(id: string): unknown {
    return this.live.get(id);
  }

  createTraining(opts: TrainingOptions): Promise<RecordedSession> {
    const emitter = new EventEmitter();
    const session = {
      id: `s${++this.n}`,
      on: (event: string, fn: (payload: unknown) => void) => {
        emitter.on(event, fn);
        return () => void emitter.off(event, fn);
      },
    } as unknown as RecordedSession;
    this.live.set(session.id, session);
    opts.onCreated?.(session as never);
    emitter.emit('backtrack', { id: 'b1', simTimeS: T0, state: new Uint8Array([1, 2, 3]) });
    emitter.emit('runEvent', malfunctionAtStart);
    return Promise.resolve(session);
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.live.delete(id));
  }
}

describe('run service', () => {
  let db: Database;
  let records: RunRecords;
  let sessions: EagerSessions;
  let service: RunService;
  let instructorId: number;

  beforeEach(async () => {
    db = openDatabase(null);
    records = new RunRecords(db);
    sessions = new EagerSessions();
    service = new RunService({ sessions, records });
    instructorId = (await new Instructors(db).add('ann', 'ann-password-1')).id;
  });
  afterEach(() => db.close());

  it('records what a new session tells before it is ready', async () => {
    const created = await service.start(instructorId, { exerciseId: 'heat-pump-trip-cold-morning' });
    const run = records.getRun(created.runId)!;
    expect(run.run.sessionId).toBe(created.sessionId);
    expect(run.events).toEqual([malfunctionAtStart]);
    expect(records.latestBacktrack(created.runId)?.simTimeS).toBe(T0);
  });

  it('records what a resumed session tells before it is ready', async () => {
    const created = await service.start(instructorId, { exerciseId: 'heat-pump-trip-cold-morning' });
    sessions.live.delete(created.sessionId);
    expect(records.interruptRun(created.runId, created.sessionId)).toBe(true);
    const resumed = await service.resume(records.getRunRow(created.runId)!, {});
    expect(resumed.sessionId).not.toBe(created.sessionId);
    const run = records.getRun(created.runId)!;
    expect(run.run.status).toBe('open');
    expect(run.events).toEqual([malfunctionAtStart]);
  });
});
