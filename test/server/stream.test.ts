/**
 * Streaming over Socket.IO with a real server (small test city as the public session) and real clients.
 * Expectations from shared/protocol/events.ts: on `join` a client gets `scenario`, then
 * `snapshot`, then `frame` about 10 times per wall-clock second (latest-value); frames decode with the one
 * codec (shared/protocol/frame.ts) to the scenario's counts; a reconnecting client that re-joins gets a
 * fresh scenario and snapshot and frames carry on.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Socket } from 'socket.io-client';
import { decodeFrame, FRAME_MAGIC } from '../../shared/protocol/frame';
import type { Scenario } from '../../shared/scenario/schema';
import { startSmallServer } from './harness';
import { client, connected, historyRows, joinSession, nextEvent, refusal, requestHistory, sendCommand, sleep } from './helpers';

type Server = Awaited<ReturnType<typeof startSmallServer>>;

describe('socket streaming', () => {
  let server: Server;
  const open: Socket[] = [];
  const newClient = (opts = {}) => {
    const c = client(server.url, opts);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startSmallServer();
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.close();
  });

  it('sends scenario, then snapshot, then frames at 10 Hz (±15 % over 2 s)', async () => {
    const c = newClient();
    const order: string[] = [];
    let scenario: Scenario | undefined;
    let snapshot: Buffer | undefined;
    const frameTimes: number[] = [];
    const frames: Buffer[] = [];
    c.on('scenario', (s: Scenario) => {
      order.push('scenario');
      scenario = s;
    });
    c.on('snapshot', (b: Buffer) => {
      order.push('snapshot');
      snapshot = b;
    });
    c.on('frame', (b: Buffer) => {
      order.push('frame');
      frameTimes.push(performance.now());
      frames.push(b);
    });
    await connected(c);
    const ack = await joinSession(c, { sessionId: 'public' });
    expect(ack).toEqual({ ok: true, role: 'viewer', scenarioHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, scenarioSent: true });
    // The ack comes after both, on the same ordered connection.
    expect(order.slice(0, 2)).toEqual(['scenario', 'snapshot']);
    expect(scenario!.id).toBe('small-city');

    await sleep(2300);
    // Rate over whole frame intervals inside a 2 s window after the first frame.
    const t0 = frameTimes[0];
    const inWindow = frameTimes.filter((t) => t - t0 <= 2000).length - 1;
    expect(inWindow / 2).toBeGreaterThanOrEqual(8.5);
    expect(inWindow / 2).toBeLessThanOrEqual(11.5);

    // Decode: magic, counts in the scenario's order (events.ts), increasing sequence and simulation time.
    const s = scenario!;
    const units = s.plants.reduce((n, p) => n + p.units.length, 0);
    for (const bytes of [snapshot!, ...frames]) {
      const f = decodeFrame(bytes);
      expect(bytes.readUInt32LE(0)).toBe(FRAME_MAGIC);
      expect(f.counts).toEqual({ buildings: s.buildings.length, pipes: s.network.pipes.length, plants: s.plants.length, units });
    }
    const decoded = frames.map((b) => decodeFrame(b));
    for (let i = 1; i < decoded.length; i++) {
      expect(decoded[i].header.sequence).toBeGreaterThan(decoded[i - 1].header.sequence);
      expect(decoded[i].header.simTimeS).toBeGreaterThanOrEqual(decoded[i - 1].header.simTimeS);
    }
    // Public session at x60: ~2 s of wall time is ~120 s of simulated time (tolerance for step quantisation).
    const last = decoded[decoded.length - 1].header;
    const first = decoded[0].header;
    const wallS = (last.sentAtMs - first.sentAtMs) / 1000;
    expect((last.simTimeS - first.simTimeS) / wallS).toBeGreaterThan(30);
    expect((last.simTimeS - first.simTimeS) / wallS).toBeLessThan(120);
    // Physical ranges (reference: supply curve 70-115 °C of the fixture; indoor comfort ~20 °C), in the full
    // snapshot updated by the frames' slices as a client holds it.
    const f = frames.reduce((held, b) => decodeFrame(b, held), decodeFrame(snapshot!));
    for (const t of f.buildings.indoorC) {
      expect(t).toBeGreaterThan(10);
      expect(t).toBeLessThan(30);
    }
    expect(f.header.supplySetpointC).toBeGreaterThanOrEqual(70);
    expect(f.header.supplySetpointC).toBeLessThanOrEqual(115);
  });

  it('sends kpi about once a second', async () => {
    const c = newClient();
    await connected(c);
    await joinSession(c, { sessionId: 'public' });
    const k = await nextEvent<Record<string, number>>(c, 'kpi', 3000);
    expect(typeof k.simTimeS).toBe('number');
    expect(k.heatDemandMW).toBeGreaterThan(0);
  });

  it('answers history with an ack', async () => {
    const c = newClient();
    await connected(c);
    await joinSession(c, { sessionId: 'public' });
    const h = historyRows(await requestHistory(c, {}));
    expect(h.resolutionS).toBe(300);
    expect(Array.isArray(h.columns)).toBe(true);
    expect(Array.isArray(h.rows)).toBe(true);
    expect(refusal(await requestHistory(c, { from: 'yesterday' }))).toMatch(/^from: /);
  });

  it('a reconnecting client gets a fresh scenario and snapshot after re-joining', async () => {
    const c = newClient({ reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    let scenarios = 0;
    const snapshots: Buffer[] = [];
    let framesAfter = 0;
    let reconnected = false;
    c.on('scenario', () => scenarios++);
    c.on('snapshot', (b: Buffer) => snapshots.push(b));
    c.on('frame', () => reconnected && framesAfter++);
    // The client re-joins on every (re)connect, as the 3D client will.
    c.on('connect', () => void c.emit('join', { sessionId: 'public' }));
    await connected(c);
    await nextEvent(c, 'frame', 3000);
    expect(scenarios).toBe(1);
    const firstSnap = decodeFrame(snapshots[0]).header.sequence;

    const oldId = c.id;
    c.io.engine.close(); // drop the connection as a network failure would; the manager reconnects
    await nextEvent(c, 'connect', 5000);
    reconnected = true;
    expect(c.id).not.toBe(oldId);
    await nextEvent(c, 'snapshot', 3000);
    expect(scenarios).toBe(2);
    expect(snapshots.length).toBe(2);
    expect(decodeFrame(snapshots[1]).header.sequence).toBeGreaterThan(firstSnap);
    await sleep(500);
    expect(framesAfter).toBeGreaterThanOrEqual(3);
  });

  it('refuses joins to unknown sessions and bad tokens, naming the field', async () => {
    const c = newClient();
    await connected(c);
    expect(await joinSession(c, { sessionId: 'nope' })).toEqual({ ok: false, error: 'sessionId: no session "nope"' });
    expect(refusal(await joinSession(c, { sessionId: 'public', token: 'guess' }))).toMatch(/^token: /);
    expect(refusal(await joinSession(c, { sessionId: 42 }))).toMatch(/^sessionId: /);
    expect(refusal(await sendCommand(c, { type: 'storage', mode: 'idle' }))).toMatch(/^sessionId: join a session first/);
  });

  it('rate-limits each socket at 10 requests/s with a burst of 20', async () => {
    const c = newClient();
    await connected(c);
    const acks = await Promise.all(Array.from({ length: 40 }, () => requestHistory(c, {})));
    const limited = acks.filter((a) => refusal(a)?.startsWith('rate:')).length;
    // 40 requests within a few ms: the burst of 20 passes (plus at most a token or two refilled meanwhile).
    expect(limited).toBeGreaterThanOrEqual(17);
    expect(limited).toBeLessThanOrEqual(20);
    // Another socket has its own bucket.
    const d = newClient();
    await connected(d);
    expect((await joinSession(d, { sessionId: 'public' })).ok).toBe(true);
  });
});
