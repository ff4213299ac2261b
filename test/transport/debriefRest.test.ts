/**
 * A run's debrief over REST on a real server: a run of the small heat-pump-trip exercise played to its end at
 * full speed, then its trend (points at most once per simulated minute, the truth for the instructor only, the
 * objectives' limits) and its CSV export (every action and event, without the instructor's malfunctions for a
 * trainee); who may read them, and errors naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, type ApiError } from '../server/helpers';
import { api, EXERCISE_ID, PASSWORD, smallExercise, startTrainingServer } from './trainingHarness';
import type { CreatedRun, JoinedRun, LoginAnswer, RunDetail, RunTrendAnswer } from '../../shared/protocol/runs';

type Server = Awaited<ReturnType<typeof startTrainingServer>>;

describe('a run\'s trend and CSV export', () => {
  let server: Server;
  let ann: string;
  let bob: string;
  let run: CreatedRun;
  let tina: JoinedRun;

  const login = async (name: string) =>
    (await api<LoginAnswer>(server.url, 'POST', '/api/login', { name, password: PASSWORD })).body.token;

  beforeAll(async () => {
    server = await startTrainingServer(['ann', 'bob']);
    [ann, bob] = [await login('ann'), await login('bob')];
    // Twenty simulated minutes per wall second, far more than one reading a wall second gives: the session still
    // tells its readings once every simulated minute. Slow enough that the trainee joins before the end.
    const body = { exerciseId: EXERCISE_ID, paused: false, speed: 1200 };
    run = (await api<CreatedRun>(server.url, 'POST', '/api/runs', body, ann)).body;
    tina = (await api<JoinedRun>(server.url, 'POST', '/api/runs/join', { code: run.joinCode, name: 'tina' })).body;
    for (let i = 0; i < 300; i++) {
      const d = await api<RunDetail>(server.url, 'GET', `/api/runs/${run.runId}`, undefined, ann);
      if (d.body.status === 'finished') break;
      await sleep(100);
    }
  }, 60_000);
  afterAll(() => server?.close());

  const get = <T>(path: string, token?: string) =>
    api<T>(server.url, 'GET', `/api/runs/${run.runId}${path}`, undefined, token);

  it('has finished the run', async () => {
    expect((await get<RunDetail>('', ann)).body.status).toBe('finished');
  });

  it('gives the instructor the readings at most once per simulated minute with the truth, and the limits', async () => {
    const trend = await get<RunTrendAnswer>('/trend', ann);
    expect(trend.status).toBe(200);
    const { points, limits, startS } = trend.body;
    expect(limits).toEqual({ supplyBelowSetpointK: smallExercise.objectives.supplyBelowSetpointK });
    expect(startS).toBe(Date.UTC(2025, 0, 3, 6, 0) / 1000);
    expect(points.length).toBeGreaterThanOrEqual(smallExercise.durationMin);
    const minutes = points.map((p) => Math.floor(p.simTimeS / 60));
    expect(new Set(minutes).size).toBe(minutes.length);
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
    for (const p of points) {
      expect(p.simTimeS).toBeGreaterThanOrEqual(startS!);
      expect(p.simTimeS).toBeLessThanOrEqual(startS! + smallExercise.durationMin * 60 + 60);
      expect(p.supplyC).toBeGreaterThan(40);
      expect(p.supplyC).toBeLessThan(130);
      expect(p.worstDpPa).toBeGreaterThan(0);
      expect(typeof p.supplyTruthC).toBe('number');
      expect(typeof p.worstDpTruthPa).toBe('number');
    }
  });

  it('gives the trainee the measured readings only', async () => {
    const asAnn = (await get<RunTrendAnswer>('/trend', ann)).body;
    const asTina = await get<RunTrendAnswer>('/trend', tina.token);
    expect(asTina.status).toBe(200);
    expect(asTina.body.points).toEqual(
      asAnn.points.map((p) => ({ simTimeS: p.simTimeS, supplyC: p.supplyC, worstDpPa: p.worstDpPa })),
    );
  });

  it('exports every action and event as CSV, without the instructor\'s malfunctions for a trainee', async () => {
    const detail = (await get<RunDetail>('', ann)).body;
    const csv = await fetch(`${server.url}/api/runs/${run.runId}/export.csv`, {
      headers: { authorization: `Bearer ${ann}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename=run-${run.runId}.csv`);
    const rows = (await csv.text()).trimEnd().split('\r\n');
    expect(rows[0]).toBe('sim_time,min_from_start,kind,who,text');
    expect(rows.length - 1).toBe(detail.actions.length + detail.events.length);
    const trip = rows.find((r) => r.split(',')[2] === 'malfunction');
    expect(trip).toMatch(/^2025-01-03T06:30:00,30\.00,malfunction,,/);
    const asTina = await fetch(`${server.url}/api/runs/${run.runId}/export.csv`, {
      headers: { authorization: `Bearer ${tina.token}` },
    });
    expect(asTina.status).toBe(200);
    const tinaKinds = (await asTina.text()).trimEnd().split('\r\n').slice(1).map((r) => r.split(',')[2]);
    expect(tinaKinds).not.toContain('malfunction');
    expect(tinaKinds.length).toBeGreaterThan(0);
    expect(tinaKinds.length).toBeLessThan(rows.length - 1);
  });

  it('answers 401 without a token, 403 to another instructor, 404 for no run, 400 naming a bad query', async () => {
    for (const path of ['/trend', '/export.csv']) {
      const none = await get<ApiError>(path);
      expect(none.status, path).toBe(401);
      expect(none.body.error).toMatch(/^authorization: /);
      expect((await get(path, bob)).status, path).toBe(403);
      const unknown = await api<ApiError>(server.url, 'GET', `/api/runs/no-such-run${path}`, undefined, ann);
      expect(unknown.status, path).toBe(404);
      expect(unknown.body.error).toBe('id: no run "no-such-run"');
      const bad = await get<ApiError>(`${path}?from=3`, ann);
      expect(bad.status, path).toBe(400);
      expect(bad.body.error).toMatch(/unknown key "from"/);
    }
  });
});
