/**
 * The training REST API on a real server: instructor login by cookie or bearer token, logout, the 401s, errors
 * naming the field, the login and join rate limits; exercises, starting a run, joining it by code, the run's
 * record as its instructor and as its trainee see it, finishing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../server/helpers';
import { api, EXERCISE_ID, PASSWORD, startTrainingServer } from './trainingHarness';
import type {
  CreatedRun,
  ExerciseSummary,
  JoinedRun,
  LoginAnswer,
  RunDetail,
  RunSummary,
} from '../../shared/protocol/runs';

type Server = Awaited<ReturnType<typeof startTrainingServer>>;

describe('instructor login', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTrainingServer(['ann'], { limits: { loginRate: { ratePerS: 0.001, burst: 8 } } });
  });
  afterAll(() => server?.close());

  it('answers a token and sets an HttpOnly, SameSite=Strict cookie; both authenticate', async () => {
    const res = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ann', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as LoginAnswer;
    expect(body.name).toBe('ann');
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3600e3);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^heattwin_session=[A-Za-z0-9_-]{43}; Max-Age=4319\d; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).toContain(body.token);

    const byCookie = await fetch(`${server.url}/api/me`, { headers: { cookie: cookie.split(';')[0] } });
    expect(byCookie.status).toBe(200);
    expect(await byCookie.json()).toEqual({ name: 'ann', expiresAt: body.expiresAt });
    const byBearer = await api<{ name: string }>(server.url, 'GET', '/api/me', undefined, body.token);
    expect(byBearer.body.name).toBe('ann');

    const out = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie: cookie.split(';')[0] } });
    expect(await out.json()).toEqual({ loggedOut: true });
    expect(out.headers.get('set-cookie')).toMatch(/^heattwin_session=; Max-Age=0;/);
    expect((await api(server.url, 'GET', '/api/me', undefined, body.token)).status).toBe(401);
  });

  it('answers 401 with one message for an unknown name and a wrong password', async () => {
    const unknown = await api<ApiError>(server.url, 'POST', '/api/login', { name: 'nobody', password: PASSWORD });
    const wrong = await api<ApiError>(server.url, 'POST', '/api/login', { name: 'ann', password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error).toBe(wrong.body.error);
    expect(wrong.body.error).toBe('login: wrong name or password');
  });

  it('answers 401 to instructor routes without a live login', async () => {
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['GET', '/api/exercises'],
      ['GET', '/api/runs'],
      ['POST', '/api/runs'],
      ['GET', '/api/runs/abc'],
      ['POST', '/api/runs/abc/finish'],
      ['POST', '/api/runs/abc/resume'],
    ]) {
      const none = await api<ApiError>(server.url, method, path, method === 'POST' ? {} : undefined);
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(none.body.error).toMatch(/^authorization: /);
      expect((await api(server.url, method, path, undefined, 'made-up-token')).status, `${method} ${path}`).toBe(401);
    }
    const cookie = await fetch(`${server.url}/api/me`, { headers: { cookie: 'heattwin_session=made-up' } });
    expect(cookie.status).toBe(401);
  });

  it('names the field of a bad body', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ password: PASSWORD }, /^name: /],
      [{ name: 'ann' }, /^password: /],
      [{ name: 'ann', password: PASSWORD, admin: true }, /unknown key "admin"/],
      [{ name: '', password: PASSWORD }, /^name: /],
    ];
    for (const [body, error] of cases) {
      const res = await api<ApiError>(server.url, 'POST', '/api/login', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(error);
    }
  });

  it('limits login attempts per address', async () => {
    let last = await api<ApiError>(server.url, 'POST', '/api/login', { name: 'ann', password: 'wrong-password' });
    for (let i = 0; i < 10 && last.status !== 429; i++)
      last = await api<ApiError>(server.url, 'POST', '/api/login', { name: 'ann', password: 'wrong-password' });
    expect(last.status).toBe(429);
    expect(last.body.error).toMatch(/^rate: too many login attempts/);
    // The right password does not get past the limit either.
    expect((await api(server.url, 'POST', '/api/login', { name: 'ann', password: PASSWORD })).status).toBe(429);
  });
});

describe('training runs over REST', () => {
  let server: Server;
  let ann: string;
  let bob: string;
  let run: CreatedRun;

  const startRun = (token: string) =>
    api<CreatedRun>(server.url, 'POST', '/api/runs', { exerciseId: EXERCISE_ID, paused: true }, token);
  const login = async (name: string): Promise<string> =>
    (await api<LoginAnswer>(server.url, 'POST', '/api/login', { name, password: PASSWORD })).body.token;

  beforeAll(async () => {
    server = await startTrainingServer(['ann', 'bob'], { limits: { runJoinRate: { ratePerS: 0.001, burst: 12 } } });
    ann = await login('ann');
    bob = await login('bob');
    const created = await startRun(ann);
    expect(created.status, created.text).toBe(201);
    run = created.body;
  });
  afterAll(() => server?.close());

  it('lists the exercises with what an instructor picks by', async () => {
    const res = await api<ExerciseSummary[]>(server.url, 'GET', '/api/exercises', undefined, ann);
    expect(res.body).toEqual([
      {
        id: EXERCISE_ID,
        title: 'A heat pump trips in the small city',
        scenario: 'small-city',
        durationMin: 60,
        briefing: 'Keep the small city warm.',
      },
    ]);
  });

  it('starts a run in a new training session with a join code', async () => {
    expect(run.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(server.registry.get(run.sessionId)?.info().status).toBe('paused');
    const list = await api<RunSummary[]>(server.url, 'GET', '/api/runs', undefined, ann);
    const rows = list.body.map((r) => [r.id, r.status, r.joinCode, r.exerciseId]);
    expect(rows).toContainEqual([run.runId, 'open', run.joinCode, EXERCISE_ID]);
    expect((await api<RunSummary[]>(server.url, 'GET', '/api/runs', undefined, bob)).body).toEqual([]);
  });

  it('refuses a bad run body naming the field, and an unknown exercise', async () => {
    const bad = await api<ApiError>(server.url, 'POST', '/api/runs', { exerciseId: EXERCISE_ID, speed: -1 }, ann);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^speed: /);
    const unknown = await api<ApiError>(server.url, 'POST', '/api/runs', { exerciseId: 'no-such-exercise' }, ann);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/^exerciseId: unknown exercise "no-such-exercise"/);
  });

  it('lets a trainee join by code (any case), 404 for a wrong code, 400 naming a bad field', async () => {
    const lowerCase = { code: run.joinCode.toLowerCase(), name: 'tina' };
    const joined = await api<JoinedRun>(server.url, 'POST', '/api/runs/join', lowerCase);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ runId: run.runId, sessionId: run.sessionId });
    expect(joined.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const wrongCode = run.joinCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    const wrong = await api<ApiError>(server.url, 'POST', '/api/runs/join', { code: wrongCode, name: 'tina' });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toBe('code: no run with this code');
    const bad = await api<ApiError>(server.url, 'POST', '/api/runs/join', { code: 'O0I1AB', name: 'tina' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^code: only /);
    const noName = await api<ApiError>(server.url, 'POST', '/api/runs/join', { code: run.joinCode });
    expect(noName.body.error).toMatch(/^name: /);
  });

  it('gives unique join codes', async () => {
    const codes = new Set([run.joinCode]);
    for (let i = 0; i < 2; i++) {
      const r = await startRun(bob);
      codes.add(r.body.joinCode);
      await api(server.url, 'POST', `/api/runs/${r.body.runId}/finish`, {}, bob);
    }
    expect(codes.size).toBe(3);
    const rows = server.records.runsWithStatus('finished').map((r) => r.joinCode);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('shows the run to its instructor and its trainee only, filters runs by trainee', async () => {
    const tom = (await api<JoinedRun>(server.url, 'POST', '/api/runs/join', { code: run.joinCode, name: 'tom' })).body;
    const asAnn = await api<RunDetail>(server.url, 'GET', `/api/runs/${run.runId}`, undefined, ann);
    expect(asAnn.status).toBe(200);
    expect(asAnn.body).toMatchObject({ id: run.runId, instructor: 'ann', status: 'open', sessionId: run.sessionId });
    expect(asAnn.body.trainees).toEqual(expect.arrayContaining(['tom']));
    expect((await api(server.url, 'GET', `/api/runs/${run.runId}`, undefined, tom.token)).status).toBe(200);
    expect((await api(server.url, 'GET', `/api/runs/${run.runId}`, undefined, bob)).status).toBe(403);
    expect((await api(server.url, 'GET', `/api/runs/${run.runId}`)).status).toBe(401);
    expect((await api(server.url, 'GET', '/api/runs/no-such-run', undefined, ann)).status).toBe(404);
    expect((await api(server.url, 'POST', `/api/runs/${run.runId}/finish`, {}, bob)).status).toBe(403);
    expect((await api(server.url, 'POST', `/api/runs/${run.runId}/finish`, {}, tom.token)).status).toBe(401);
    const byTom = await api<RunSummary[]>(server.url, 'GET', '/api/runs?trainee=tom', undefined, ann);
    expect(byTom.body.map((r) => r.id)).toEqual([run.runId]);
    const bad = await api<ApiError>(server.url, 'GET', '/api/runs?colour=red', undefined, ann);
    expect(bad.body.error).toMatch(/unknown key "colour"/);
  });

  it('refuses to resume a run that still runs, finishes it once, then refuses joins and resumes', async () => {
    const second = (await startRun(ann)).body;
    const resume = await api<ApiError>(server.url, 'POST', `/api/runs/${second.runId}/resume`, {}, ann);
    expect(resume.status).toBe(409);
    expect(resume.body.error).toMatch(/still running/);
    const finished = await api<RunDetail>(server.url, 'POST', `/api/runs/${second.runId}/finish`, {}, ann);
    expect(finished.status).toBe(200);
    expect(finished.body.status).toBe('finished');
    expect(finished.body.finishedAt).not.toBeNull();
    expect(server.registry.get(second.sessionId)).toBeUndefined();
    expect((await api(server.url, 'POST', `/api/runs/${second.runId}/finish`, {}, ann)).status).toBe(409);
    expect((await api(server.url, 'POST', `/api/runs/${second.runId}/resume`, {}, ann)).status).toBe(409);
    const join = await api<ApiError>(server.url, 'POST', '/api/runs/join', { code: second.joinCode, name: 'late' });
    expect(join.status).toBe(409);
    expect(join.body.error).toBe('code: that run has finished');
  });

  it('limits joins per address', async () => {
    let status = 0;
    for (let i = 0; i < 20 && status !== 429; i++)
      status = (await api(server.url, 'POST', '/api/runs/join', { code: 'ZZZZZZ', name: 'guesser' })).status;
    expect(status).toBe(429);
  });
});
