/**
 * Initial conditions over REST on a real server (the small test city): an instructor saves the state of their
 * run's session under a name, lists it, starts runs from it (told to, or because the exercise names it) at its
 * moment and with its operator inputs, resumes such a run from it, and removes it once no run needs it; the
 * refusals, each naming the field.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../server/helpers';
import { api, EXERCISE_ID, PASSWORD, smallExercise, startTrainingServer } from './trainingHarness';
import { DATABASE_FILE } from '../../server/records/database';
import { dateTimeToS } from '../../server/sim/calendar';
import { decodeSavedState } from '../../server/sim/savedState';
import { PUBLIC_SESSION_ID } from '../../server/session/registry';
import type { CreatedRun, InitialConditionSummary, LoginAnswer } from '../../shared/protocol/runs';
import type { exerciseSchema } from '../../shared/training/exercise';

type Server = Awaited<ReturnType<typeof startTrainingServer>>;

const START_S = dateTimeToS(smallExercise.start);
const CONDITION = 'small-trip-start';
/** The small trip, starting from CONDITION. */
const FROM_CONDITION = 'small-trip-from-start';
/** The small trip in a city other than where CONDITION was saved. */
const ELSEWHERE = 'small-trip-elsewhere';

describe('initial conditions over REST', () => {
  let server: Server;
  let ann: string;
  let bob: string;
  let first: CreatedRun;

  const login = async (name: string): Promise<string> =>
    (await api<LoginAnswer>(server.url, 'POST', '/api/login', { name, password: PASSWORD })).body.token;
  const startRun = (body: object, token = ann) =>
    api<CreatedRun>(server.url, 'POST', '/api/runs', { exerciseId: EXERCISE_ID, paused: true, ...body }, token);
  const save = <T = InitialConditionSummary>(name: string, sessionId: string, token = ann) =>
    api<T>(server.url, 'POST', '/api/initial-conditions', { name, sessionId }, token);
  const session = (id: string) => server.registry.get(id)!;
  /** The storage mode the operator has set in the session now (the settled automation's is `auto`). */
  const storageMode = async (sessionId: string): Promise<unknown> => {
    const { state } = await session(sessionId).saveState();
    return (decodeSavedState(state).inputs as unknown as { p: { storageMode: unknown } }).p.storageMode;
  };

  beforeAll(async () => {
    server = await startTrainingServer(['ann', 'bob']);
    const write = (e: z.input<typeof exerciseSchema>) =>
      writeFileSync(join(server.exerciseDir, `${e.id}.json`), JSON.stringify(e));
    write({ ...smallExercise, id: FROM_CONDITION, initialCondition: CONDITION });
    write({ ...smallExercise, id: ELSEWHERE, scenario: 'another-city' });
    ann = await login('ann');
    bob = await login('bob');
    const created = await startRun({});
    expect(created.status, created.text).toBe(201);
    first = created.body;
  });
  afterAll(() => server?.close());

  it('answers 401 without a live login', async () => {
    for (const [method, path] of [
      ['POST', '/api/initial-conditions'],
      ['GET', '/api/initial-conditions'],
      ['DELETE', `/api/initial-conditions/${CONDITION}`],
    ]) {
      const none = await api<ApiError>(server.url, method, path, method === 'POST' ? {} : undefined);
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(none.body.error).toMatch(/^authorization: /);
      expect((await api(server.url, method, path, undefined, 'made-up-token')).status, `${method} ${path}`).toBe(401);
    }
  });

  it('saves the state of a session of one of the instructor\'s runs, and lists it to every instructor', async () => {
    expect(await storageMode(first.sessionId)).toBe('auto');
    expect(await session(first.sessionId).command({ type: 'storage', mode: 'charge' })).toMatchObject({ ok: true });
    const saved = await save(CONDITION, first.sessionId);
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body).toEqual({
      name: CONDITION,
      scenarioId: 'small-city',
      simTimeS: START_S,
      date: smallExercise.start,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      instructor: 'ann',
    });
    const list = await api<InitialConditionSummary[]>(server.url, 'GET', '/api/initial-conditions', undefined, bob);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([saved.body]);
  });

  it('refuses a bad name or session id naming the field, a name taken, a session not of one\'s own runs', async () => {
    for (const name of ['Small-Trip', '-start', 'a'.repeat(65), '', 'a b']) {
      const bad = await save<ApiError>(name, first.sessionId);
      expect(bad.status, name).toBe(400);
      expect(bad.body.error, name).toMatch(/^name: /);
    }
    const noSession = await api<ApiError>(server.url, 'POST', '/api/initial-conditions', { name: 'x' }, ann);
    expect(noSession.status).toBe(400);
    expect(noSession.body.error).toMatch(/^sessionId: /);
    const taken = await save<ApiError>(CONDITION, first.sessionId);
    expect(taken.status).toBe(409);
    expect(taken.body.error).toBe(`name: there is an initial condition "${CONDITION}" already`);
    const others = await save<ApiError>('bobs', first.sessionId, bob);
    expect(others.status).toBe(403);
    expect(others.body.error).toMatch(/^sessionId: /);
    expect((await save('public-start', PUBLIC_SESSION_ID)).status).toBe(403);
    const unknown = await save<ApiError>('nowhere', 'no-such-session');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('sessionId: no session "no-such-session"');
    const names = (await api<InitialConditionSummary[]>(server.url, 'GET', '/api/initial-conditions', undefined, ann))
      .body.map((c) => c.name);
    expect(names).toEqual([CONDITION]);
  });

  it('starts a run from it when told to, or when the exercise names it, at its moment with its state', async () => {
    const told = await startRun({ initialCondition: CONDITION });
    expect(told.status, told.text).toBe(201);
    const named = await startRun({ exerciseId: FROM_CONDITION });
    expect(named.status, named.text).toBe(201);
    const plain = await startRun({});
    for (const run of [told.body, named.body, plain.body])
      expect(session(run.sessionId).info().simTimeS).toBe(START_S);
    expect(await storageMode(told.body.sessionId)).toBe('charge');
    expect(await storageMode(named.body.sessionId)).toBe('charge');
    expect(await storageMode(plain.body.sessionId)).toBe('auto');
  });

  it('refuses to start from one unknown, of another city or of another moment, naming initialCondition', async () => {
    const refused = async (body: object, error: RegExp) => {
      const res = await api<ApiError>(server.url, 'POST', '/api/runs', { exerciseId: EXERCISE_ID, ...body }, ann);
      expect(res.status, res.text).toBe(400);
      expect(res.body.error).toMatch(error);
    };
    await refused({ initialCondition: 'no-such-start' }, /^initialCondition: no initial condition "no-such-start"$/);
    await refused({ initialCondition: 'Not A Name' }, /^initialCondition: /);
    await refused(
      { exerciseId: ELSEWHERE, initialCondition: CONDITION },
      /^initialCondition: "small-trip-start" is of scenario small-city, not the exercise's another-city$/,
    );
    // A minute later: the run would have to start a minute after its exercise.
    const step = await session(first.sessionId).command({ type: 'clock', action: 'step', steps: 1 });
    expect(step).toMatchObject({ ok: true });
    const later = await save('small-trip-later', first.sessionId);
    expect(later.status, later.text).toBe(201);
    expect(later.body).toMatchObject({ simTimeS: START_S + 60, date: '2025-01-03T06:01' });
    await refused(
      { initialCondition: 'small-trip-later' },
      /^initialCondition: "small-trip-later" is of another moment \(2025-01-03T06:01\) than start 2025-01-03T06:00$/,
    );
  });

  it('resumes a run with no backtrack from the initial condition it started from', async () => {
    const run = (await startRun({ exerciseId: FROM_CONDITION })).body;
    expect(await server.registry.delete(run.sessionId)).toBe(true);
    expect(server.records.getRunRow(run.runId)?.status).toBe('interrupted');
    // Without its backtracks the run starts over from its start.
    const db = new Database(join(server.dataDir, DATABASE_FILE));
    db.pragma('busy_timeout = 5000');
    db.prepare('DELETE FROM backtracks WHERE run_id = ?').run(run.runId);
    db.close();
    expect(server.records.latestBacktrack(run.runId)).toBeUndefined();
    const resumed = await api<CreatedRun>(server.url, 'POST', `/api/runs/${run.runId}/resume`, { paused: true }, ann);
    expect(resumed.status, resumed.text).toBe(200);
    expect(session(resumed.body.sessionId).info().simTimeS).toBe(START_S);
    expect(await storageMode(resumed.body.sessionId)).toBe('charge');
  });

  it('removes one by its instructor once no run that may go on started from it', async () => {
    const del = (name: string, token = ann) =>
      api<ApiError & { deleted: string }>(server.url, 'DELETE', `/api/initial-conditions/${name}`, undefined, token);
    const byBob = await del('small-trip-later', bob);
    expect(byBob.status).toBe(403);
    expect(byBob.body.error).toMatch(/^authorization: /);
    const needed = await del(CONDITION);
    expect(needed.status).toBe(409);
    expect(needed.body.error).toMatch(/^name: runs not finished started from "small-trip-start": /);
    const bad = await del('Not_A_Name');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^name: /);
    const removed = await del('small-trip-later');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ deleted: 'small-trip-later' });
    const again = await del('small-trip-later');
    expect(again.status).toBe(404);
    expect(again.body.error).toBe('name: no initial condition "small-trip-later"');
    const names = (await api<InitialConditionSummary[]>(server.url, 'GET', '/api/initial-conditions', undefined, ann))
      .body.map((c) => c.name);
    expect(names).toEqual([CONDITION]);
  });
});
