/**
 * A run's samples of every trend tag in the database: the schema step adds the table to a database of the step
 * before; the recorder writes one sample per simulated minute at most from the session's frames (decoding a
 * frame only when a new minute begins) with the latest KPI sample and measured readings while they are current
 * at the clock's speed, never the truth; columns come back per tag between two times, a long range thinned to
 * what an answer holds; an instructor's restore and a resume from a backtrack drop the samples after the moment
 * the run went back to.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database as Db } from '../../server/records/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../server/records/migrations';
import { RunRecords, type Actor } from '../../server/records/runRecords';
import { recordRun, type RecordedSession } from '../../server/records/runRecorder';
import { Instructors } from '../../server/auth/instructors';
import { createFrame, decodeFrame, encodeFrame } from '../../shared/protocol/frame';
import type { Command } from '../../shared/protocol/commands';
import { MAX_SAMPLE_ROWS } from '../../shared/protocol/runs';
import type { KpiSample } from '../../shared/protocol/session';
import type { Readings } from '../../shared/protocol/training';
import { parseScenario } from '../../shared/scenario/validate';
import { SUPPLY_TX_TAG, trendTags } from '../../shared/training/trendTags';
import { smallCity } from '../fixtures/smallCity';

vi.mock('../../shared/protocol/frame', async (actual) => {
  const frame = await actual<typeof import('../../shared/protocol/frame')>();
  return { ...frame, decodeFrame: vi.fn(frame.decodeFrame) };
});

const scenario = parseScenario(smallCity());
const UNITS = scenario.plants.flatMap((p) => p.units);
const HP = UNITS.findIndex((u) => u.id === 'dc-hp1');
/** 20 s into a simulated minute. */
const T0 = 1_000_040;

/**
 * A full frame at simTimeS: the main plant's outlet (as its transmitter reads it) and dc-hp1's heat (W), the
 * clock at `speed` simulated seconds per second (0: frozen).
 */
function frameAt(simTimeS: number, outletC = 80, heatW = 4e5, speed = 0): ArrayBuffer {
  const frame = createFrame({ buildings: 0, pipes: 0, plants: scenario.plants.length, units: UNITS.length });
  frame.header.simTimeS = simTimeS;
  frame.header.speed = speed;
  frame.plants.outletC[0] = outletC;
  frame.units.heatW[HP] = heatW;
  return encodeFrame(frame);
}

const readings = (simTimeS: number, measured: number | null = 79): Readings => ({
  simTimeS,
  transmitters: [
    { sensor: 'supplyTemperature', measured, truth: 86 },
    { sensor: 'worstDp', measured: 90_000, truth: 91_000 },
  ],
});

const kpi = (simTimeS: number, unmetHeatMW = 0.5) => ({ simTimeS, unmetHeatMW, heatDeliveredMW: 4 }) as KpiSample;

/** A session that tells what a test gives it to whoever listens. */
function fakeSession() {
  const listeners = new Map<string, (x: unknown) => void>();
  const session = {
    id: 's1',
    scenario,
    on: (event: string, fn: (x: unknown) => void) => {
      listeners.set(event, fn);
      return () => listeners.delete(event);
    },
  } as unknown as RecordedSession;
  const tell = (event: string, x: unknown) => listeners.get(event)?.(x);
  return { session, tell };
}

describe('the schema step of run samples', () => {
  it('adds the table to a database of the step before, its runs kept', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, MIGRATIONS.length - 1));
    db.prepare(
      `INSERT INTO runs (id, exercise_id, session_id, join_code, status, created_ms)
       VALUES ('old', 'ex', 's', 'ABCDEF', 'finished', 1)`,
    ).run();
    migrate(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const records = new RunRecords(db);
    expect(records.samples.tagIds('old')).toEqual([]);
    records.samples.record('old', 60, { a: 1 });
    expect(records.samples.columns('old', ['a'])).toEqual({ times: [60], columns: { a: [1] } });
    db.close();
  });
});

describe('run samples', () => {
  let dir: string;
  let db: Db;
  let records: RunRecords;
  let ann: Actor;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'heattwin-samples-'));
    db = openDatabase(dir);
    records = new RunRecords(db);
    const instructor = await new Instructors(db).add('ann', 'ann-password-1');
    ann = { kind: 'instructor', id: instructor.id, name: 'ann' };
    const run = { id: 'run1', exerciseId: 'ex', sessionId: 's1', joinCode: 'ABCDEF' };
    records.createRun({ ...run, instructorId: instructor.id });
    vi.mocked(decodeFrame).mockClear();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every tag once per simulated minute from the frames, decoding one frame a minute', () => {
    const { session, tell } = fakeSession();
    const stop = recordRun(session, 'run1', records);
    tell('kpi', kpi(T0 - 1));
    tell('readings', readings(T0 - 1));
    // T0 + 30 is the same minute as T0, T0 + 40 the next; ten frames a second at 1x would be many more.
    for (const t of [T0, T0 + 10, T0 + 30, T0 + 40, T0 + 41, T0 + 100]) tell('frame', frameAt(t, 80 + (t - T0) / 10));
    expect(decodeFrame).toHaveBeenCalledTimes(3);
    // The KPI sample and readings of long ago go into no sample.
    tell('frame', frameAt(T0 + 400));
    stop();
    tell('frame', frameAt(T0 + 600));

    const tags = trendTags(scenario).map((t) => t.id);
    expect(records.samples.tagIds('run1').sort()).toEqual([...tags].sort());
    const asked = [SUPPLY_TX_TAG, 'plant:main:supplyC', 'unit:dc-hp1:heatMW', 'kpi:unmetHeatMW', 'unit:tank:socPct'];
    const { times, columns } = records.samples.columns('run1', asked);
    expect(times).toEqual([T0, T0 + 40, T0 + 100, T0 + 400]);
    expect(columns).toEqual({
      // The transmitter's measured reading, never the truth (86) behind it.
      [SUPPLY_TX_TAG]: [79, 79, null, null],
      'plant:main:supplyC': [80, 84, 90, 80],
      'unit:dc-hp1:heatMW': Array(4).fill(expect.closeTo(0.4, 3)),
      'kpi:unmetHeatMW': [0.5, 0.5, null, null],
      'unit:tank:socPct': [0, 0, 0, 0],
    });
  });

  it('takes the latest KPI sample into a sample while it is current at the clock\'s speed', () => {
    const { session, tell } = fakeSession();
    recordRun(session, 'run1', records);
    // At 300x the KPI samples, about one a wall second, are five simulated minutes apart.
    tell('kpi', kpi(T0, 0.7));
    tell('frame', frameAt(T0 + 240, 80, 4e5, 300));
    tell('frame', frameAt(T0 + 2400, 80, 4e5, 300));
    expect(records.samples.columns('run1', ['kpi:unmetHeatMW']).columns['kpi:unmetHeatMW']).toEqual([0.7, null]);
  });

  it('gives the samples between two times, both included', () => {
    for (let m = 0; m < 10; m++) records.samples.record('run1', T0 + 60 * m, { x: m, y: null });
    const { times, columns } = records.samples.columns('run1', ['y', 'x', 'z'], T0 + 120, T0 + 300);
    expect(times).toEqual([T0 + 120, T0 + 180, T0 + 240, T0 + 300]);
    expect(columns).toEqual({ x: [2, 3, 4, 5], y: [null, null, null, null], z: [null, null, null, null] });
  });

  it('thins a range of more samples than an answer holds evenly, keeping the newest', () => {
    const n = MAX_SAMPLE_ROWS + MAX_SAMPLE_ROWS / 2;
    db.transaction(() => {
      for (let m = 0; m < n; m++) records.samples.record('run1', 60 * m, { x: m });
    })();
    const { times, columns } = records.samples.columns('run1', ['x']);
    expect(times).toHaveLength(MAX_SAMPLE_ROWS);
    expect(columns.x.slice(0, 4)).toEqual([0, 2, 3, 5]);
    expect(columns.x.at(-1)).toBe(n - 1);
  });

  it('drops the samples after a restored moment, and writes again as the run goes on from it', () => {
    const { session, tell } = fakeSession();
    recordRun(session, 'run1', records);
    records.recordBacktrack('run1', 's1', { id: 'b1', simTimeS: T0 + 600, state: new Uint8Array([1]) });
    for (let m = 0; m <= 20; m += 5) tell('frame', frameAt(T0 + 60 * m));
    const restore: Command = { type: 'clock', action: 'restore', snapshotId: 'b1' };
    records.recordAction('run1', ann, restore, { ok: true, simTimeS: T0 + 600 });
    const minutes = () => records.samples.columns('run1', []).times.map((t) => (t - T0) / 60);
    expect(minutes()).toEqual([0, 5, 10]);
    tell('frame', frameAt(T0 + 660));
    expect(minutes()).toEqual([0, 5, 10, 11]);
  });

  it('drops the samples after the backtrack a run resumes from, and all of them when it starts over', () => {
    for (let m = 0; m <= 20; m += 5) records.samples.record('run1', T0 + 60 * m, { x: m });
    records.recordBacktrack('run1', 's1', { id: 'b1', simTimeS: T0 + 600, state: new Uint8Array([1]) });
    records.resumeRun('run1', 's2', records.latestBacktrack('run1'));
    expect(records.samples.columns('run1', ['x']).columns.x).toEqual([0, 5, 10]);
    records.resumeRun('run1', 's3', undefined);
    expect(records.samples.columns('run1', ['x'])).toEqual({ times: [], columns: { x: [] } });
  });
});
