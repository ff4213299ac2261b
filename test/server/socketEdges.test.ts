/**
 * The Socket.IO side against clients that misbehave: a re-join or a known scenario costs the server nothing,
 * a client that stops reading is dropped before its queue grows without bound, one address cannot open
 * sockets or join without limit, and pages from other origins cannot connect.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createLogger } from '../../server/transport/logger';
import { createMetrics } from '../../server/transport/metrics';
import { attachSocketServer, type TwinSocketServer } from '../../server/transport/socketServer';
import type { SessionDirectory, TwinSession } from '../../server/transport/types';
import { startSmallServer } from './harness';
import { client, clientTcp, connected, joined, joinSession, nextEvent, refusal, requestHistory, serverConnection, sleep } from './helpers';

type Server = Awaited<ReturnType<typeof startSmallServer>>;

/** Counts scenario and snapshot events on a client. */
function countEvents(c: Socket) {
  const n = { scenario: 0, snapshot: 0 };
  c.on('scenario', () => n.scenario++);
  c.on('snapshot', () => n.snapshot++);
  return n;
}

describe('joining sends only what the client lacks', () => {
  let server: Server;
  const open: Socket[] = [];
  beforeAll(async () => {
    server = await startSmallServer();
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.close();
  });
  const newClient = async () => {
    const c = client(server.url);
    open.push(c);
    await connected(c);
    return c;
  };

  it('a re-join of the same session by the same socket only answers', async () => {
    const c = await newClient();
    const n = countEvents(c);
    const first = await joinSession(c, { sessionId: 'public' });
    expect(first).toMatchObject({ ok: true, role: 'viewer', scenarioSent: true });
    expect(n).toEqual({ scenario: 1, snapshot: 1 });
    for (let i = 0; i < 5; i++) expect(await joinSession(c, { sessionId: 'public' })).toEqual({ ...first, scenarioSent: false });
    await sleep(200);
    expect(n).toEqual({ scenario: 1, snapshot: 1 });
  });

  it('a client holding the scenario (same hash) gets a snapshot but not the scenario', async () => {
    const a = await newClient();
    const { scenarioHash } = joined(await joinSession(a, { sessionId: 'public' }));
    expect(scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    const b = await newClient();
    const n = countEvents(b);
    const snapshot = nextEvent(b, 'snapshot');
    expect(await joinSession(b, { sessionId: 'public', scenarioHash })).toEqual({ ok: true, role: 'viewer', scenarioHash, scenarioSent: false });
    await snapshot;
    await sleep(200);
    expect(n).toEqual({ scenario: 0, snapshot: 1 });
    // A stale hash gets the scenario.
    const c = await newClient();
    const m = countEvents(c);
    expect(await joinSession(c, { sessionId: 'public', scenarioHash: '0'.repeat(64) })).toMatchObject({ ok: true, scenarioSent: true, scenarioHash });
    expect(m.scenario).toBe(1);
    expect(refusal(await joinSession(c, { sessionId: 'public', scenarioHash: 'XYZ' }))).toMatch(/^scenarioHash: /);
  });
});

describe('refusals stay small', () => {
  let server: Server;
  let c: Socket;
  beforeAll(async () => {
    server = await startSmallServer();
    c = client(server.url);
    await connected(c);
    await joinSession(c, { sessionId: 'public' });
  });
  afterAll(async () => {
    c?.close();
    await server?.close();
  });

  it('a 60 KB binary history request gets a short error, not a list of 60,000 keys', async () => {
    const ack = await requestHistory(c, Buffer.alloc(60_000, 7));
    expect(ack).toMatchObject({ ok: false });
    expect(JSON.stringify(ack).length).toBeLessThan(400);
    expect(refusal(ack)).toMatch(/^unknown keys "0", "1", "2" and \d+ more$/);
  });
});

describe('per-address limits', () => {
  let server: Server;
  const open: Socket[] = [];
  beforeAll(async () => {
    server = await startSmallServer({ limits: { socketsPerAddress: 3, joinRate: { ratePerS: 0.01, burst: 2 } } });
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.close();
  });

  it('refuses sockets beyond the limit from one address, and takes one again once a socket closes', async () => {
    const three = Array.from({ length: 3 }, () => client(server.url));
    open.push(...three);
    await Promise.all(three.map(connected));
    const fourth = client(server.url);
    open.push(fourth);
    await expect(connected(fourth)).rejects.toThrow();
    three[0].close();
    await sleep(200);
    const fifth = client(server.url);
    open.push(fifth);
    await connected(fifth);
    const refused = await server.metrics.registry.getSingleMetric('heattwin_connections_refused_total')!.get();
    expect(refused.values.find((v) => v.labels.reason === 'address')?.value).toBe(1);
  });

  it('limits joins per address across sockets; a no-op re-join is free', async () => {
    const [a, b] = open.filter((c) => c.connected);
    expect((await joinSession(a, { sessionId: 'public' })).ok).toBe(true);
    expect((await joinSession(b, { sessionId: 'public' })).ok).toBe(true);
    expect(await joinSession(a, { sessionId: 'public' })).toMatchObject({ ok: true, scenarioSent: false });
    const c = open.find((s) => s.connected && s !== a && s !== b)!;
    expect(refusal(await joinSession(c, { sessionId: 'public' }))).toMatch(/^rate: too many joins from this address \(burst 2, 0.01\/s\); retry in \d+ ms$/);
  });
});

describe('origins', () => {
  let own: Server;
  let listed: Server;
  const open: Socket[] = [];
  beforeAll(async () => {
    own = await startSmallServer();
    listed = await startSmallServer({ allowedOrigins: ['http://kiosk.example'] });
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await own?.close();
    await listed?.close();
  });
  const tryConnect = async (url: string, origin?: string): Promise<boolean> => {
    const c = client(url, origin ? { extraHeaders: { origin } } : {});
    open.push(c);
    try {
      await connected(c);
      return true;
    } catch {
      return false;
    }
  };

  it('by default lets in its own origin and non-browser clients, not other sites', async () => {
    expect(await tryConnect(own.url)).toBe(true);
    expect(await tryConnect(own.url, own.url)).toBe(true);
    expect(await tryConnect(own.url, 'http://evil.example')).toBe(false);
    expect(await tryConnect(own.url, `http://127.0.0.1:${own.port + 1}`)).toBe(false);
    expect(await tryConnect(own.url, 'null')).toBe(false);
    const refused = await own.metrics.registry.getSingleMetric('heattwin_connections_refused_total')!.get();
    expect(refused.values.find((v) => v.labels.reason === 'origin')?.value).toBe(3);
  });

  it('with an allow-list lets in exactly the listed origins', async () => {
    expect(await tryConnect(listed.url, 'http://kiosk.example')).toBe(true);
    expect(await tryConnect(listed.url, listed.url)).toBe(false);
    expect(await tryConnect(listed.url, 'https://kiosk.example')).toBe(false);
    expect(await tryConnect(listed.url)).toBe(true);
  });
});

describe('a client that stops reading', () => {
  const SCENARIO_CHARS = 2_000_000;
  const MAX_QUEUED = 1024 * 1024;
  let http: HttpServer;
  let sockets: TwinSocketServer;
  let url: string;
  // Two sessions with big scenarios: each join that changes session queues one for the client.
  const session = (id: string) =>
    ({
      id,
      isPublic: true,
      scenario: { id, name: id, padding: id.repeat(SCENARIO_CHARS / id.length) },
      tokens: null,
      info: () => ({ id, scenarioId: id, isPublic: true, status: 'running', simTimeS: 0, speed: 60, createdAt: '' }),
      latestFrame: () => null,
      on: () => () => undefined,
      roleForToken: () => 'viewer',
      stats: () => ({ stepTimeMsAvg: 0, framesSent: 0, stepsPerSecond: 0 }),
    }) as unknown as TwinSession;
  const all = [session('a'), session('b')];
  const directory: SessionDirectory = {
    get: (id) => all.find((s) => s.id === id),
    list: () => all,
    create: () => Promise.reject(new Error('not here')),
    delete: () => Promise.resolve(false),
  };
  const metrics = createMetrics({ sessions: directory, clients: () => sockets.clientCount(), sessionClients: () => 0 });

  beforeAll(async () => {
    http = createServer();
    sockets = attachSocketServer(http, {
      sessions: directory,
      logger: createLogger('silent'),
      metrics,
      requestRate: { ratePerS: 1000, burst: 1000 },
      limits: { socketsPerAddress: 10, joinRate: { ratePerS: 1000, burst: 1000 }, maxQueuedBytes: MAX_QUEUED },
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sockets.close();
  });

  it('is dropped once its queue passes the bound, while a reading client stays', async () => {
    const slow = client(url);
    const fast = client(url);
    await Promise.all([connected(slow), connected(fast)]);
    expect((await joinSession(slow, { sessionId: 'a' }, 10_000)).ok).toBe(true);
    const serverSide = sockets.io.of('/').sockets.get(slow.id!)!;
    const conn = serverConnection(serverSide);
    // Stop reading: the client's TCP socket is paused; it keeps sending joins (no ack awaited).
    clientTcp(slow).pause();
    let joins = 0;
    let maxQueued = 0;
    const deadline = Date.now() + 15_000;
    while (serverSide.connected && Date.now() < deadline) {
      slow.emit('join', { sessionId: joins % 2 === 0 ? 'b' : 'a' });
      joins++;
      await sleep(20);
      const pending = conn.queued().reduce((n, p) => n + (p.data?.length ?? 0), 0);
      maxQueued = Math.max(maxQueued, conn.ws.bufferedAmount + pending);
    }
    // Without the bound it stays connected and every join queues another 2 MB scenario.
    expect(serverSide.connected).toBe(false);
    // The bound plus the scenario it was sent, plus the one in flight when the bound was passed.
    expect(maxQueued).toBeLessThanOrEqual(MAX_QUEUED + 2 * (SCENARIO_CHARS + 1000));
    const dropped = await metrics.registry.getSingleMetric('heattwin_clients_dropped_total')!.get();
    expect(dropped.values.find((v) => v.labels.reason === 'backlog')?.value).toBe(1);
    // The reading client is untouched and its joins still work.
    expect((await joinSession(fast, { sessionId: 'b' }, 10_000)).ok).toBe(true);
    expect(sockets.clientCount()).toBe(1);
    slow.close();
    fast.close();
  });
});
