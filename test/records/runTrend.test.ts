/**
 * A run's trend in the database: the recorder keeps a session's readings at most once per simulated minute, with
 * the truth behind them; an instructor's restore and a resume from a backtrack drop the points after the moment
 * the run went back to; the trainee's view has no truth.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/records/database';
import { RunRecords, type Actor } from '../../server/records/runRecords';
import { recordRun, type RecordedSession } from '../../server/records/runRecorder';
import { Instructors } from '../../server/auth/instructors';
import type { Command } from '../../shared/protocol/commands';
import type { Readings } from '../../shared/protocol/training';

const T0 = 1_000_040;
const readings = (simTimeS: number, supplyC: number | null = 80, dpPa = 90_000): Readings => ({
  simTimeS,
  transmitters: [
    { sensor: 'supplyTemperature', measured: supplyC, truth: 81 },
    { sensor: 'worstDp', measured: dpPa, truth: dpPa + 500 },
  ],
});

/** A session that only tells its readings (and the other events, never) to whoever listens. */
function fakeSession() {
  const listeners = new Map<string, (x: unknown) => void>();
  const session = {
    id: 's1',
    on: (event: string, fn: (x: unknown) => void) => {
      listeners.set(event, fn);
      return () => listeners.delete(event);
    },
  } as unknown as RecordedSession;
  return { session, tell: (r: Readings) => listeners.get('readings')?.(r) };
}

describe('run trend', () => {
  let dir: string;
  let db: Database;
  let records: RunRecords;
  let ann: Actor;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'heattwin-trend-'));
    db = openDatabase(dir);
    records = new RunRecords(db);
    const instructor = await new Instructors(db).add('ann', 'ann-password-1');
    ann = { kind: 'instructor', id: instructor.id, name: 'ann' };
    const run = { id: 'run1', exerciseId: 'ex', sessionId: 's1', joinCode: 'ABCDEF' };
    records.createRun({ ...run, instructorId: instructor.id });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the readings at most once per simulated minute, the truth for the instructor only', () => {
    const { session, tell } = fakeSession();
    const stop = recordRun(session, 'run1', records);
    // T0 is 20 s into a minute: T0 + 30 is the same minute, T0 + 40 the next.
    for (const t of [T0, T0 + 10, T0 + 30, T0 + 40, T0 + 70, T0 + 100]) tell(readings(t, 80 + (t - T0) / 10));
    tell(readings(T0 + 160, null));
    stop();
    tell(readings(T0 + 400));
    expect(records.trend.points('run1', true)).toEqual([
      { simTimeS: T0, supplyC: 80, worstDpPa: 90_000, supplyTruthC: 81, worstDpTruthPa: 90_500 },
      { simTimeS: T0 + 40, supplyC: 84, worstDpPa: 90_000, supplyTruthC: 81, worstDpTruthPa: 90_500 },
      { simTimeS: T0 + 100, supplyC: 90, worstDpPa: 90_000, supplyTruthC: 81, worstDpTruthPa: 90_500 },
      { simTimeS: T0 + 160, supplyC: null, worstDpPa: 90_000, supplyTruthC: 81, worstDpTruthPa: 90_500 },
    ]);
    expect(records.trend.points('run1', false)[1]).toEqual({ simTimeS: T0 + 40, supplyC: 84, worstDpPa: 90_000 });
  });

  it('drops the points after a restored moment, and writes again as the run goes on from it', () => {
    const { session, tell } = fakeSession();
    recordRun(session, 'run1', records);
    records.recordBacktrack('run1', 's1', { id: 'b1', simTimeS: T0 + 600, state: new Uint8Array([1]) });
    for (let m = 0; m <= 20; m += 5) tell(readings(T0 + 60 * m));
    const restore: Command = { type: 'clock', action: 'restore', snapshotId: 'b1' };
    records.recordAction('run1', ann, restore, { ok: true, simTimeS: T0 + 600 });
    const times = () => records.trend.points('run1', false).map((p) => (p.simTimeS - T0) / 60);
    expect(times()).toEqual([0, 5, 10]);
    tell(readings(T0 + 660));
    expect(times()).toEqual([0, 5, 10, 11]);
  });

  it('drops the points after the backtrack a run resumes from, and all of them when it starts over', () => {
    for (let m = 0; m <= 20; m += 5) records.trend.record('run1', readings(T0 + 60 * m));
    records.recordBacktrack('run1', 's1', { id: 'b1', simTimeS: T0 + 600, state: new Uint8Array([1]) });
    records.resumeRun('run1', 's2', records.latestBacktrack('run1'));
    expect(records.trend.points('run1', false).map((p) => (p.simTimeS - T0) / 60)).toEqual([0, 5, 10]);
    records.resumeRun('run1', 's3', undefined);
    expect(records.trend.points('run1', false)).toEqual([]);
  });
});
