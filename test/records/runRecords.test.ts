/**
 * A training run's record in the database: actions with who sent them and how they were answered, the
 * exercise's events, scores (latest and final), the newest backtracks, what a resumed run enters again, and
 * what an instructor's restore takes back; join codes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/records/database';
import { BACKTRACKS_KEPT, RunRecords, type Actor } from '../../server/records/runRecords';
import { newJoinCode, randomJoinCode } from '../../server/records/joinCodes';
import { Instructors } from '../../server/auth/instructors';
import type { Command } from '../../shared/protocol/commands';
import { JOIN_CODE_ALPHABET } from '../../shared/protocol/runs';
import type { LiveScore, RunEvent } from '../../shared/protocol/training';

const T0 = 1_000_000;
const reset: Command = { type: 'heatPump', unitId: 'hp', action: 'reset' };
const charge: Command = { type: 'storage', mode: 'charge' };
const pause: Command = { type: 'clock', action: 'pause' };
const inject: Command = { type: 'malfunction', action: 'inject', malfunction: { kind: 'coldSnap', dropK: 5 } };
const event = (simTimeS: number, kind: RunEvent['kind'], text = kind): RunEvent => ({
  simTimeS,
  atS: simTimeS - T0,
  kind,
  text,
});
const score = (atS: number, total: number, finished = false): LiveScore => ({
  total,
  parts: [{ part: 'supply', weight: 20, score: total / 100 }],
  hintPoints: 0,
  atS,
  finished,
});
const state = (n: number): Uint8Array => new Uint8Array([n, n + 1, n + 2]);

describe('run records', () => {
  let dir: string;
  let db: Database;
  let records: RunRecords;
  let annId: number;
  let ann: Actor;
  let trainee: Actor;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'heattwin-records-'));
    db = openDatabase(dir);
    records = new RunRecords(db);
    const instructor = await new Instructors(db).add('ann', 'ann-password-1');
    annId = instructor.id;
    ann = { kind: 'instructor', id: annId, name: 'ann' };
    records.createRun({ id: 'run1', exerciseId: 'ex', instructorId: annId, sessionId: 's1', joinCode: 'ABCDEF' });
    const t = records.addTrainee('run1', 'tina', 'hash-of-tina');
    trainee = { kind: 'trainee', id: t.id, name: 'tina' };
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each action with who sent it and how it was answered, and reads the whole run back', () => {
    records.recordAction('run1', trainee, reset, { ok: true, simTimeS: T0 + 60 });
    records.recordAction('run1', trainee, charge, { ok: false, error: 'mode: no', simTimeS: T0 + 120 });
    records.recordAction('run1', ann, inject, { ok: true, simTimeS: T0 + 180 });
    records.recordAction('run1', { kind: 'session' }, pause, { ok: true });
    records.recordEvent('run1', { ...event(T0 + 60, 'action'), command: reset });
    records.recordEvent('run1', event(T0 + 180, 'malfunction'));
    records.recordScore('run1', score(180, 71));
    const r = records.getRun('run1')!;
    expect(r.run).toMatchObject({ id: 'run1', status: 'open', sessionId: 's1', joinCode: 'ABCDEF' });
    expect(r.instructor).toBe('ann');
    expect(r.trainees.map((t) => t.name)).toEqual(['tina']);
    expect(r.actions.map((a) => [a.who, a.command, a.ok, a.error, a.simTimeS])).toEqual([
      [{ kind: 'trainee', name: 'tina' }, reset, true, null, T0 + 60],
      [{ kind: 'trainee', name: 'tina' }, charge, false, 'mode: no', T0 + 120],
      [{ kind: 'instructor', name: 'ann' }, inject, true, null, T0 + 180],
      [{ kind: 'session', name: null }, pause, true, null, null],
    ]);
    expect(r.events).toEqual([{ ...event(T0 + 60, 'action'), command: reset }, event(T0 + 180, 'malfunction')]);
    expect(r.score).toEqual(score(180, 71));
  });

  it('keeps the newest 12 backtracks of a run, the latest first to resume from', () => {
    for (let i = 0; i < BACKTRACKS_KEPT + 3; i++)
      records.recordBacktrack('run1', 's1', { id: `b${i}`, simTimeS: T0 + 600 * i, state: state(i) });
    const rows = db.prepare<[], { backtrack_id: string }>('SELECT backtrack_id FROM backtracks ORDER BY id').all();
    expect(rows.map((r) => r.backtrack_id)).toEqual(Array.from({ length: 12 }, (_, i) => `b${i + 3}`));
    expect(records.latestBacktrack('run1')).toEqual({
      backtrackId: 'b14',
      sessionId: 's1',
      simTimeS: T0 + 600 * 14,
      state: state(14),
      eventsUpto: 0,
    });
    expect(records.latestBacktrack('other')).toBeUndefined();
  });

  it('gives a resumed run the acknowledged plant commands from the backtrack on, in order', () => {
    records.recordAction('run1', trainee, charge, { ok: true, simTimeS: T0 + 500 });
    records.recordBacktrack('run1', 's1', { id: 'b1', simTimeS: T0 + 600, state: state(1) });
    records.recordAction('run1', trainee, reset, { ok: true, simTimeS: T0 + 600 });
    records.recordAction('run1', trainee, charge, { ok: false, error: 'no', simTimeS: T0 + 660 });
    records.recordAction('run1', ann, pause, { ok: true, simTimeS: T0 + 700 });
    records.recordAction('run1', ann, inject, { ok: true, simTimeS: T0 + 720 });
    records.recordAction('run1', trainee, { type: 'hint', action: 'ask' }, { ok: true, simTimeS: T0 + 900 });
    expect(records.actionsSince('run1', T0 + 600)).toEqual([
      { simTimeS: T0 + 600, command: reset },
      { simTimeS: T0 + 720, command: inject },
      { simTimeS: T0 + 900, command: { type: 'hint', action: 'ask' } },
    ]);
  });

  it('takes back what a restore undoes: later commands, events and backtracks; an ended exercise goes on', () => {
    records.recordEvent('run1', event(T0, 'hint'));
    records.recordBacktrack('run1', 's1', { id: 'b1', simTimeS: T0 + 600, state: state(1) });
    records.recordEvent('run1', event(T0 + 600, 'action'));
    records.recordAction('run1', trainee, reset, { ok: true, simTimeS: T0 + 600 });
    records.recordBacktrack('run1', 's1', { id: 'b2', simTimeS: T0 + 1200, state: state(2) });
    records.recordAction('run1', trainee, charge, { ok: true, simTimeS: T0 + 1300 });
    records.recordEvent('run1', event(T0 + 1300, 'action'));
    records.recordScore('run1', score(1800, 80, true));
    expect(records.finishRun('run1')).toBe(true);

    const restore: Command = { type: 'clock', action: 'restore', snapshotId: 'b1' };
    records.recordAction('run1', ann, restore, { ok: true, simTimeS: T0 + 600 });
    const r = records.getRun('run1')!;
    expect(r.actions.map((a) => a.undone)).toEqual([true, true, false]);
    expect(r.events).toEqual([event(T0, 'hint')]);
    expect(records.latestBacktrack('run1')?.backtrackId).toBe('b1');
    expect(records.actionsSince('run1', T0 + 600)).toEqual([]);
    expect(r.run.status).toBe('open');
    expect(r.score?.finished).toBe(false);
  });

  it('keeps the latest score and the final one, and ends the run with it once', () => {
    records.recordScore('run1', score(60, 90));
    records.recordScore('run1', score(120, 85));
    expect(records.latestScore('run1')).toEqual(score(120, 85));
    records.recordScore('run1', score(3600, 77, true));
    expect(db.prepare('SELECT final, total FROM scores ORDER BY final').all()).toEqual([
      { final: 0, total: 77 },
      { final: 1, total: 77 },
    ]);
    expect(records.finishRun('run1')).toBe(true);
    expect(records.finishRun('run1')).toBe(false);
    const run = records.getRunRow('run1')!;
    expect(run.status).toBe('finished');
    expect(run.finalScore).toEqual(score(3600, 77, true));
    expect(records.summary(run)).toMatchObject({ joinCode: null, finalTotal: 77, trainees: ['tina'] });
  });

  it('interrupts an open run only for the session it runs in, and resumes it in a new one', () => {
    records.recordEvent('run1', event(T0, 'hint'));
    records.recordBacktrack('run1', 's1', { id: 'b1', simTimeS: T0 + 600, state: state(1) });
    records.recordEvent('run1', event(T0 + 700, 'alarm'));
    expect(records.interruptRun('run1', 'other-session')).toBe(false);
    expect(records.interruptRun('run1', 's1')).toBe(true);
    expect(records.runsWithStatus('interrupted').map((r) => r.id)).toEqual(['run1']);
    records.resumeRun('run1', 's2', records.latestBacktrack('run1'));
    const r = records.getRun('run1')!;
    expect(r.run).toMatchObject({ status: 'open', sessionId: 's2' });
    // The new session tells the events after the backtrack again.
    expect(r.events).toEqual([event(T0, 'hint')]);
    expect(records.runBySession('s2')?.id).toBe('run1');
    expect(records.runBySession('s1')).toBeUndefined();
  });

  it('lists an instructor\'s runs, newest first, and those a trainee joined', async () => {
    const bob = await new Instructors(db).add('bob', 'bob-password-1');
    records.createRun({ id: 'run2', exerciseId: 'ex', instructorId: annId, sessionId: 's2', joinCode: 'GHJKLM' });
    records.createRun({ id: 'run3', exerciseId: 'ex', instructorId: bob.id, sessionId: 's3', joinCode: 'NPQRST' });
    records.addTrainee('run2', 'tom', 'hash-of-tom');
    expect(records.listRuns({ instructorId: annId }).map((r) => r.id)).toEqual(['run2', 'run1']);
    expect(records.listRuns({ instructorId: annId, trainee: 'tina' }).map((r) => r.id)).toEqual(['run1']);
    expect(records.listRuns({ instructorId: annId, trainee: 'nobody' })).toEqual([]);
    expect(records.listRuns({ instructorId: bob.id }).map((r) => r.id)).toEqual(['run3']);
  });

  it('refuses a join code given before', () => {
    expect(() =>
      records.createRun({ id: 'run9', exerciseId: 'ex', instructorId: 1, sessionId: 's9', joinCode: 'ABCDEF' }),
    ).toThrow(/UNIQUE/);
  });
});

describe('join codes', () => {
  it('are six characters of the alphabet without 0, O, 1 and I', () => {
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[0O1I]/);
    const codes = Array.from({ length: 2000 }, randomJoinCode);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character turns up: the draw covers the whole alphabet.
    expect(new Set(codes.join('')).size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it('skip codes already taken, and give up when none is free', () => {
    const draws = ['AAAAAA', 'BBBBBB', 'CCCCCC'];
    expect(newJoinCode((c) => c !== 'CCCCCC', () => draws.shift()!)).toBe('CCCCCC');
    expect(() => newJoinCode(() => true)).toThrow(/no free join code/);
  });
});
