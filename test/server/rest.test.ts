/**
 * REST endpoints: health, scenarios, session life cycle, history CSV, /metrics; bad bodies, params
 * and queries are 400 with `{ error: 'field: message' }`, unknown ids 404. Prometheus text format per
 * https://prometheus.io/docs/instrumenting/exposition_formats/ (`name{labels} value` lines, `# TYPE` lines).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { SessionInfo } from '../../server/session/session';
import { startSmallServer, SMALL_ID } from './harness';
import { client, connected, http, joinSession, nextEvent, postJson, type ApiError, type CreatedSession } from './helpers';

type Server = Awaited<ReturnType<typeof startSmallServer>>;

describe('REST API', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startSmallServer({ maxSessions: 2, clientDist: join(tmpdir(), 'heattwin-no-client') });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('GET /api/health', async () => {
    const r = await http(server.url, '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, sessions: 1, clients: 0 });
  });

  it('GET /api/scenarios lists ids and names from the scenario directory', async () => {
    const r = await http(server.url, '/api/scenarios');
    expect(r.body).toEqual([{ id: SMALL_ID, name: 'Small test city', description: '' }]);
  });

  it('GET / serves a status page while the 3D client is not built', async () => {
    const r = await http(server.url, '/');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/text\/html/);
    expect(r.text).toContain('public');
  });

  it('creates, reads, exports and deletes a private session', async () => {
    const created = await postJson<CreatedSession>(server.url, '/api/sessions', { scenario: SMALL_ID, start: '2025-01-03', speed: 3600, seed: 3 });
    expect(created.status).toBe(201);
    const { id, tokens } = created.body;
    expect(typeof id).toBe('string');
    expect(tokens.operator).not.toBe(tokens.instructor);
    expect(tokens.operator.length).toBeGreaterThanOrEqual(16);

    const info = await http<SessionInfo>(server.url, `/api/sessions/${id}`);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ id, scenarioId: SMALL_ID, isPublic: false, speed: 3600, clients: 0 });
    // 2025-01-03 00:00 UTC in calendar.ts seconds (Unix epoch based).
    expect(info.body.simTimeS).toBeGreaterThanOrEqual(Date.UTC(2025, 0, 3) / 1000);

    const list = await http<SessionInfo[]>(server.url, '/api/sessions');
    expect(list.body.map((s) => s.id).sort()).toEqual([id, 'public'].sort());

    // An hour per second: a dozen 5-minute history rows per second.
    await new Promise((r) => setTimeout(r, 1500));
    const csv = await http(server.url, `/api/sessions/${id}/history.csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toMatch(/simTimeS/);
    expect(lines.length).toBeGreaterThan(2);
    const cols = lines[0].split(',').length;
    for (const l of lines.slice(1)) expect(l.split(',').length).toBe(cols);
    // from/to bound the rows (times in column simTimeS).
    const tCol = lines[0].split(',').findIndex((c) => c.includes('simTimeS'));
    const times = lines.slice(1).map((l) => Number(l.split(',')[tCol]));
    // The session runs on meanwhile, so bound both ends.
    const from = times[1];
    const to = times[times.length - 1];
    const bounded = await http(server.url, `/api/sessions/${id}/history.csv?from=${from}&to=${to}`);
    const bTimes = bounded.text.trim().split('\n').slice(1).map((l) => Number(l.split(',')[tCol]));
    expect(bTimes).toEqual(times.slice(1));
    expect((await http(server.url, `/api/sessions/${id}/history.csv?from=soon`)).body).toEqual({ error: 'from: Invalid input: expected number, received NaN' });
    // Bigger responses are gzipped for clients that accept it (fetch decompresses; the header tells).
    const gz = await fetch(`${server.url}/api/sessions/${id}/history.csv`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect((await gz.text()).split('\n')[0]).toBe(lines[0]);

    // A viewer of the session hears that it ended.
    const viewer = client(server.url);
    await connected(viewer);
    expect(await joinSession(viewer, { sessionId: id })).toMatchObject({ ok: true });
    const ended = nextEvent<{ sessionId: string }>(viewer, 'ended');

    // Deleting needs the instructor token.
    expect((await http(server.url, `/api/sessions/${id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await http(server.url, `/api/sessions/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.operator}` } })).status).toBe(403);
    const del = await http(server.url, `/api/sessions/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.instructor}` } });
    expect(del).toMatchObject({ status: 200, body: { deleted: id } });
    expect((await http(server.url, `/api/sessions/${id}`)).status).toBe(404);
    expect(await ended).toEqual({ sessionId: id });
    viewer.disconnect();
  });

  it('rejects bad bodies naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /^scenario: /],
      [{ scenario: SMALL_ID, speed: -1 }, /^speed: /],
      [{ scenario: SMALL_ID, start: '3 May' }, /^start: expected YYYY-MM-DD/],
      // Dates Date.UTC would roll over into other days are refused, not normalised.
      [{ scenario: SMALL_ID, start: '2025-02-30' }, /^start: day 30: February 2025 has 28 days$/],
      [{ scenario: SMALL_ID, start: '9999-99-99' }, /^start: year 9999 is outside 1900-2200$/],
      [{ scenario: SMALL_ID, start: '0000-00-00' }, /^start: year 0 is outside/],
      // A union field (number or 'max') keeps its name.
      [{ scenario: SMALL_ID, speed: 'fast' }, /^speed: /],
      [{ scenario: SMALL_ID, seed: 1.5 }, /^seed: /],
      [{ scenario: SMALL_ID, extra: 1 }, /extra/],
      [{ scenario: 'atlantis' }, /^scenario: unknown scenario "atlantis"/],
      [[1, 2, 3], /expected object/],
    ];
    for (const [body, re] of cases) {
      const r = await postJson<ApiError>(server.url, '/api/sessions', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error, JSON.stringify(body)).toMatch(re);
    }
    const broken = await http(server.url, '/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scenario":' });
    expect(broken).toMatchObject({ status: 400, body: { error: 'body: invalid JSON' } });
    const huge = await postJson<ApiError>(server.url, '/api/sessions', { scenario: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatch(/^body: /);
  });

  it('404s unknown sessions and routes; refuses to delete the public session', async () => {
    expect(await http(server.url, '/api/sessions/nope')).toMatchObject({ status: 404, body: { error: 'id: no session "nope"' } });
    expect((await http(server.url, '/api/sessions/nope/history.csv')).status).toBe(404);
    expect((await http<ApiError>(server.url, `/api/sessions/${'%20'.repeat(3)}`)).body.error).toMatch(/^id: /);
    expect(await http(server.url, '/api/nothing')).toMatchObject({ status: 404, body: { error: 'path: no route GET /api/nothing' } });
    expect(await http(server.url, '/api/sessions/public', { method: 'DELETE' })).toMatchObject({
      status: 400,
      body: { error: 'id: the public session cannot be deleted' },
    });
    expect((await http(server.url, '/api/sessions/public')).status).toBe(200);
  });

  it('keeps slots for presentations and kiosks: training gets max minus the reserve, then 503', async () => {
    // maxSessions 2 keeps ceil(2 / 4) = 1 slot for presentations and kiosks.
    // T: the answer the request should get, a created session or an error.
    const create = <T>(purpose?: string) => postJson<T>(server.url, '/api/sessions', { scenario: SMALL_ID, paused: true, ...(purpose ? { purpose } : {}) });
    const a = await create<CreatedSession>();
    const b = await create<ApiError>('training');
    const c = await create<CreatedSession>('presentation');
    const d = await create<ApiError>('kiosk');
    expect([a.status, b.status, c.status, d.status]).toEqual([201, 503, 201, 503]);
    expect(b.body.error).toBe('sessions: all 1 training slots are taken (1 of 2 kept for presentations and kiosks)');
    expect(d.body.error).toMatch(/^sessions: too many sessions/);
    const retry = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: SMALL_ID }),
    });
    expect(retry.status).toBe(503);
    expect(Number(retry.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await create<ApiError>('lecture')).body.error).toMatch(/^purpose: /);
    for (const s of [a, c])
      await http(server.url, `/api/sessions/${s.body.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${s.body.tokens.instructor}` } });
  });

  it('GET /metrics is Prometheus text with the server, session and event-loop figures', async () => {
    const r = await http(server.url, '/metrics');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/text\/plain/);
    for (const name of [
      'heattwin_sessions',
      'heattwin_clients',
      'heattwin_frames_sent_total',
      'heattwin_frame_bytes_sent_total',
      'heattwin_sim_step_seconds',
      'nodejs_eventloop_lag_seconds',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
    ])
      expect(r.text).toMatch(new RegExp(`^# TYPE ${name} (gauge|counter)$`, 'm'));
    expect(r.text).toMatch(/^heattwin_sessions\{status="running"\} 1$/m);
  });
});
