/**
 * The REST side against hostile or careless clients: security headers, malformed percent-encoding, and what
 * one address may take of the private session slots.
 */
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { pino } from 'pino';
import { startSmallServer, SMALL_ID } from './harness';
import { http, postJson, type ApiError, type CreatedSession } from './helpers';

type Server = Awaited<ReturnType<typeof startSmallServer>>;

/** One JSON line of pino's. */
interface LogLine {
  level: number;
  msg: string;
}

/** A logger whose JSON lines land in `lines`. */
function capturingLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('REST edges', () => {
  let server: Server;
  const log = capturingLogger();
  beforeAll(async () => {
    server = await startSmallServer({
      logger: log.logger,
      clientDist: join(tmpdir(), 'heattwin-no-client'),
      maxSessions: 8,
      limits: { sessionsPerAddress: 2, sessionCreationRate: { ratePerS: 0.01, burst: 3 }, reservedSessions: 2 },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends security headers: a same-origin CSP without inline script, nosniff, no framing by others', async () => {
    for (const path of ['/', '/api/health']) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/(^|;)default-src 'self'(;|$)/);
      expect(csp, path).toMatch(/(^|;)script-src 'self'(;|$)/);
      expect(csp, path).toMatch(/(^|;)frame-ancestors 'self'(;|$)/);
      expect(csp, path).toMatch(/(^|;)object-src 'none'(;|$)/);
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    // The status page's inline style is allowed by its hash.
    const page = await fetch(server.url + '/');
    expect(page.headers.get('content-security-policy')).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);
  });

  it('answers malformed percent-encoding in a path with 400, logging no error', async () => {
    log.lines.length = 0;
    for (const path of ['/api/sessions/%C0%AE%C0%AE%2F', '/api/sessions/%ZZ', '/api/stories/%E0%A4%A', '/api/sessions/%ZZ/history.csv']) {
      const r = await http(server.url, path);
      expect(r.status, path).toBe(400);
      expect(r.body, path).toEqual({ error: 'path: malformed percent-encoding' });
    }
    expect(log.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('limits session creation per address: live sessions, then the creation rate (429 with Retry-After)', async () => {
    const create = () =>
      fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: SMALL_ID, paused: true }) });
    const a = await create();
    const b = await create();
    expect([a.status, b.status]).toEqual([201, 201]);
    const c = await create();
    expect(c.status).toBe(429);
    expect(Number(c.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await c.json()) as ApiError).error).toBe('sessions: at most 2 live sessions per address; delete one first');
    // Deleting one frees a slot; the third creation uses the last token of the burst of 3.
    const { id, tokens } = (await a.json()) as CreatedSession;
    await http(server.url, `/api/sessions/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.instructor}` } });
    const d = await create();
    expect(d.status).toBe(201);
    const second = (await d.json()) as CreatedSession;
    await http(server.url, `/api/sessions/${second.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${second.tokens.instructor}` } });
    const e = await create();
    expect(e.status).toBe(429);
    // One token per 100 s at 0.01/s.
    expect(Number(e.headers.get('retry-after'))).toBeGreaterThan(90);
    expect(((await e.json()) as ApiError).error).toMatch(/^sessions: too many created from this address \(burst 3, then one per 100 s\)$/);
    const rest = (await b.json()) as CreatedSession;
    await http(server.url, `/api/sessions/${rest.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${rest.tokens.instructor}` } });
  });

  it('answers a malformed body with a short error', async () => {
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 1]));
    const r = await postJson<ApiError>(server.url, '/api/sessions', { scenario: SMALL_ID, ...wide });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^unknown keys "k0", "k1", "k2" and 497 more$/);
  });
});
