/**
 * Frames into the client: bytes laid out as shared/protocol/frame.ts documents decode into liveFrame
 * (client/src/net/liveFrame.ts) with every value in its block, within the precision the layout promises
 * (0.005 K for temperatures, 0.046 % for powers, flows, COP and state of charge); slices update only their
 * elements; the one connection (client/src/net/socket.ts) fills the store and liveFrame from a real server,
 * re-joins by itself after the server drops it, and keeps scenarios by hash so that a re-join does not fetch
 * the scenario again when the server says so (and still works with a server that always sends it); on joining
 * it takes the session's KPI history, so the charts of the last 48 h are full at once.
 */
/// <reference lib="dom" />
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { createFrame, decodeFrame, encodeFrame, frameBytes, FULL_FRAME, sliceFrame, type Frame, type FrameCounts } from '../../shared/protocol/frame';
import { liveFrame } from '../../client/src/net/liveFrame';
import { connectTwin, joinFromUrl, receiveFrame } from '../../client/src/net/socket';
import { createTwinStore, type TwinState, type TwinStore } from '../../client/src/state/store';
import { parseScenario } from '../../shared/scenario/validate';
import { SMALL_ID, startSmallServer } from '../server/harness';
import { dateToS } from '../../server/sim/calendar';
import { smallCity } from '../fixtures/smallCity';
import { expectCelsius, expectLogCoded } from '../fixtures/framePrecision';
import type { RunningServer } from '../../server/main';

/** Node's socket.io client hands binary over as a Buffer that may sit at any offset of a larger pool. */
function atOddOffset(buffer: ArrayBuffer): Uint8Array {
  const pool = new Uint8Array(buffer.byteLength + 3);
  pool.set(new Uint8Array(buffer), 3);
  return pool.subarray(3);
}

describe('quantisation', () => {
  // Realistic ranges: outdoor -40 °C to supply 130 °C; powers from a radiator's watts to a 2 GW region, both
  // signs (storage charging, prosumers); flows from a summer bypass to a trunk main, both directions.
  const n = 4001;
  const counts: FrameCounts = { buildings: n, pipes: n, plants: 0, units: n };
  const f = createFrame(counts);
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    f.buildings.indoorC[i] = -40 + 170 * t;
    f.buildings.demandW[i] = 10 ** (9.3 * t); // 1 W .. 2 GW
    f.buildings.deliveredW[i] = -(10 ** (3 + 6 * t)) * 1.2345;
    f.pipes.massFlowKgS[i] = (i % 2 ? -1 : 1) * 10 ** (-3 + 7.7 * t); // 1 g/s .. 50 t/s
    f.pipes.supplyC[i] = 130 - 90 * t + 0.0049;
    f.pipes.returnC[i] = 20 + 40 * t - 0.0037;
    f.pipes.heatLossW[i] = 0.5 + 5e4 * t * t;
    f.units.copOrSoc[i] = i % 2 ? t : 8 * t; // state of charge 0..1, COP 0..8
    f.units.heatW[i] = (t - 0.5) * 1e8;
    f.units.electricityW[i] = t * 3e7;
    f.units.mode[i] = i % 5;
  }
  const g = decodeFrame(encodeFrame(f));

  it('keeps temperatures within 0.005 K', () => {
    expectCelsius(g.buildings.indoorC, f.buildings.indoorC);
    expectCelsius(g.pipes.supplyC, f.pipes.supplyC);
    expectCelsius(g.pipes.returnC, f.pipes.returnC);
  });

  it('keeps powers, flows, COP and state of charge within 0.046 % (1e-3 absolute near zero), signs included', () => {
    expectLogCoded(g.buildings.demandW, f.buildings.demandW);
    expectLogCoded(g.buildings.deliveredW, f.buildings.deliveredW);
    expectLogCoded(g.pipes.massFlowKgS, f.pipes.massFlowKgS);
    expectLogCoded(g.pipes.heatLossW, f.pipes.heatLossW);
    expectLogCoded(g.units.copOrSoc, f.units.copOrSoc);
    expectLogCoded(g.units.heatW, f.units.heatW);
    expectLogCoded(g.units.electricityW, f.units.electricityW);
    for (let i = 0; i < n; i++) expect(Math.sign(g.pipes.massFlowKgS[i])).toBe(Math.sign(f.pipes.massFlowKgS[i]));
    expect([...g.units.mode]).toEqual([...f.units.mode]);
  });

  it('keeps zero as zero and a missing value as missing', () => {
    const h = createFrame({ buildings: 3, pipes: 0, plants: 0, units: 0 });
    h.buildings.demandW.set([0, NaN, -0]);
    h.buildings.indoorC.set([0, NaN, 21]);
    const d = decodeFrame(encodeFrame(h));
    expect([...d.buildings.demandW]).toEqual([0, NaN, 0]);
    expect(d.buildings.indoorC[1]).toBeNaN();
    expect(d.buildings.indoorC[0]).toBe(0);
  });

  it('holds two bytes a value after a 60-byte header', () => {
    const c = { buildings: 3, pipes: 5, plants: 2, units: 4 };
    expect(frameBytes(c)).toBe(60 + 2 * (3 * 3 + 4 * 5 + 4 * 2 + 4 * 4));
    // Slice 1 of 2 holds buildings 1-2 and pipes 2-4; plants and units go whole.
    expect(frameBytes(c, { index: 1, count: 2 })).toBe(60 + 2 * (3 * 2 + 4 * 3 + 4 * 2 + 4 * 4));
  });
});

const COUNTS: FrameCounts = { buildings: 3, pipes: 2, plants: 1, units: 2 };

/** A frame whose every value names its place: building i demand = 1000 + i, delivered = 2000 + i, ... */
function labelledFrame(sequence: number, shift = 0): Frame {
  const f = createFrame(COUNTS);
  Object.assign(f.header, { sequence, simTimeS: 86_400.5, sentAtMs: 1.7e12, outdoorC: -12.5, supplySetpointC: 95, priceEurPerMWh: 42.25, speed: 60 });
  for (let i = 0; i < COUNTS.buildings; i++) {
    f.buildings.demandW[i] = 1000 + i + shift;
    f.buildings.deliveredW[i] = 2000 + i + shift;
    f.buildings.indoorC[i] = 20 + i / 4 + shift;
  }
  for (let i = 0; i < COUNTS.pipes; i++) {
    f.pipes.massFlowKgS[i] = i === 0 ? 3.5 : -1.25; // a pipe flowing backwards keeps its sign
    f.pipes.supplyC[i] = 80 - i + shift;
    f.pipes.returnC[i] = 40 + i;
    f.pipes.heatLossW[i] = 3000 + i;
  }
  f.plants.heatW[0] = 5e6;
  f.plants.outletC[0] = 85;
  f.plants.returnC[0] = 42;
  f.plants.flowKgS[0] = 29.5;
  f.units.heatW.set([3e6, -5e5]);
  f.units.electricityW.set([1e6, 0]);
  f.units.copOrSoc.set([3, 0.75]);
  f.units.mode.set([2, 0]);
  return f;
}

describe('decoding frames into liveFrame', () => {
  it('puts every value of a full frame in its block and counts the frame', () => {
    const before = liveFrame.version;
    const sent = labelledFrame(7);
    expect(receiveFrame(atOddOffset(encodeFrame(sent)), 1234.5)).toBe(true);
    const f = liveFrame.frame!;
    expect(liveFrame.version).toBe(before + 1);
    expect(liveFrame.receivedAtMs).toBe(1234.5);
    expect(f.header).toEqual({ sequence: 7, simTimeS: 86_400.5, sentAtMs: 1.7e12, outdoorC: -12.5, supplySetpointC: 95, priceEurPerMWh: 42.25, speed: 60 });
    expect(f.counts).toEqual(COUNTS);
    expect(f.slice).toEqual(FULL_FRAME);
    expectLogCoded(f.buildings.demandW, [1000, 1001, 1002]);
    expectLogCoded(f.buildings.deliveredW, [2000, 2001, 2002]);
    expectCelsius(f.buildings.indoorC, [20, 20.25, 20.5]);
    expectLogCoded(f.pipes.massFlowKgS, [3.5, -1.25]);
    expectCelsius(f.pipes.supplyC, [80, 79]);
    expectCelsius(f.pipes.returnC, [40, 41]);
    expectLogCoded(f.pipes.heatLossW, [3000, 3001]);
    expectLogCoded([f.plants.heatW[0], f.plants.flowKgS[0]], [5e6, 29.5]);
    expectCelsius([f.plants.outletC[0], f.plants.returnC[0]], [85, 42]);
    expectLogCoded([...f.units.heatW, ...f.units.electricityW, ...f.units.copOrSoc], [3e6, -5e5, 1e6, 0, 3, 0.75]);
    expect([...f.units.mode]).toEqual([2, 0]);
  });

  it('a slice updates its own buildings and pipes in the frame held and leaves the others', () => {
    receiveFrame(encodeFrame(labelledFrame(8)), 1);
    const held = liveFrame.frame!;
    // Slice 1 of 2: buildings 1-2 and pipe 1 (sliceRange), with every value 100 higher.
    expect(receiveFrame(sliceFrame(encodeFrame(labelledFrame(9, 100)), { index: 1, count: 2 }), 2)).toBe(true);
    expect(liveFrame.frame).toBe(held);
    expect(held.header.sequence).toBe(9);
    expect(held.slice).toEqual({ index: 1, count: 2 });
    expectLogCoded(held.buildings.demandW, [1000, 1101, 1102]);
    expectCelsius(held.buildings.indoorC, [20, 120.25, 120.5]);
    expectCelsius(held.pipes.supplyC, [80, 179]);
  });

  it('drops a malformed frame, and a slice before any full frame of its shape, and keeps the last good one', () => {
    receiveFrame(encodeFrame(labelledFrame(10)), 1);
    const good = liveFrame.frame;
    const version = liveFrame.version;
    const truncated = new Uint8Array(encodeFrame(labelledFrame(11))).subarray(0, 40);
    const badMagic = new Uint8Array(encodeFrame(labelledFrame(12)));
    badMagic[0] ^= 0xff;
    const badSlice = new Uint8Array(encodeFrame(labelledFrame(13)));
    new DataView(badSlice.buffer).setUint16(56, 5, true); // slice 5 of 1
    const otherShape = createFrame({ buildings: 9, pipes: 9, plants: 1, units: 2 });
    const orphanSlice = sliceFrame(encodeFrame(otherShape), { index: 0, count: 3 });
    expect(receiveFrame(truncated, 2)).toBe(false);
    expect(receiveFrame(badMagic, 3)).toBe(false);
    expect(receiveFrame(badSlice, 4)).toBe(false);
    expect(receiveFrame(orphanSlice, 5)).toBe(false);
    expect(liveFrame.version).toBe(version);
    expect(liveFrame.frame).toBe(good);
    expect(liveFrame.frame?.header.sequence).toBe(10);
  });

  it('reads the session and token from the query string, public by default', () => {
    expect(joinFromUrl('')).toEqual({ sessionId: 'public' });
    expect(joinFromUrl('?session=abc&token=t0k')).toEqual({ sessionId: 'abc', token: 't0k' });
  });
});

async function until(store: TwinStore, what: string, ok: (s: TwinState) => boolean, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!ok(store.getState())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the connection against a real server', () => {
  let server: RunningServer;
  let close: () => void = () => undefined;
  const store = createTwinStore();

  beforeAll(async () => {
    server = await startSmallServer({ frameHz: 20 });
  });
  afterAll(async () => {
    close();
    await server?.close();
  });

  it('joins the public session: scenario, frames and KPIs arrive, state goes live', async () => {
    const startVersion = liveFrame.version;
    close = connectTwin({ store, search: '', url: server.url });
    await until(store, 'live', (s) => s.connection === 'live' && s.scenario !== null && s.kpi !== null);
    const { scenario, role } = store.getState();
    expect(role).toBe('viewer');
    expect(scenario!.id).toBe('small-city');
    const t0 = Date.now();
    while (liveFrame.version < startVersion + 3 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    // Frame blocks follow the scenario's lists, and every element has a value (snapshot, then slices).
    const f = liveFrame.frame!;
    expect(liveFrame.version).toBeGreaterThanOrEqual(startVersion + 3);
    expect(f.counts.buildings).toBe(scenario!.buildings.length);
    expect(f.counts.pipes).toBe(scenario!.network.pipes.length);
    expect(f.counts.plants).toBe(scenario!.plants.length);
    for (const t of f.buildings.indoorC) expect(t).toBeGreaterThan(10);
    for (const t of f.pipes.supplyC) expect(t).toBeGreaterThan(30);
  });

  it('re-joins by itself when the server drops the connection', async () => {
    await until(store, 'live', (s) => s.connection === 'live');
    const states: string[] = [];
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.connection !== prev.connection) states.push(s.connection);
    });
    server.sockets.io.disconnectSockets(true);
    await until(store, 'live again', (s) => states.length >= 2 && s.connection === 'live');
    unsubscribe();
    expect(states).toEqual(['reconnecting', 'live']);
    expect(store.getState().scenario!.id).toBe('small-city');
    const v = liveFrame.version;
    await new Promise((r) => setTimeout(r, 300));
    expect(liveFrame.version).toBeGreaterThan(v);
  });
});

/**
 * A stand-in server speaking the join protocol (and answering history with none) in one of its two forms:
 * `cache` names its scenario by hash and sends it only to a client that does not offer that hash; `always`
 * knows no hashes and sends it on every join.
 */
async function joinServer(mode: 'cache' | 'always') {
  const HASH = 'ab'.repeat(32);
  const scenario = parseScenario(smallCity());
  const snapshot = encodeFrame(createFrame({ buildings: scenario.buildings.length, pipes: scenario.network.pipes.length, plants: scenario.plants.length, units: 7 }));
  const http: HttpServer = createServer();
  const io = new Server(http);
  const joins: Record<string, unknown>[] = [];
  let scenariosSent = 0;
  io.on('connection', (socket) => {
    socket.on('join', (payload: Record<string, unknown>, reply: (ack: unknown) => void) => {
      joins.push(payload);
      const send = mode === 'always' || payload.scenarioHash !== HASH;
      if (send) {
        socket.emit('scenario', scenario);
        scenariosSent++;
      }
      socket.emit('snapshot', snapshot);
      reply(mode === 'always' ? { ok: true, role: 'viewer' } : { ok: true, role: 'viewer', scenarioHash: HASH, scenarioSent: send });
    });
    // The client asks for the history after each join: a session with none yet.
    socket.on('history', (_payload: unknown, reply: (history: unknown) => void) => {
      reply({ resolutionS: 300, columns: [], rows: [] });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    HASH,
    joins,
    scenariosSent: () => scenariosSent,
    dropAll: () => io.disconnectSockets(true),
    close: () => io.close(),
  };
}

describe('the scenario cache', () => {
  let close: () => void = () => undefined;
  afterEach(() => close());

  /** A twin connected to a stand-in server, once it is live with a scenario. */
  async function liveTwin(mode: Parameters<typeof joinServer>[0]) {
    const server = await joinServer(mode);
    const store = createTwinStore();
    const closeTwin = connectTwin({ store, search: '', url: server.url });
    close = () => {
      closeTwin();
      void server.close();
    };
    await until(store, 'live', (s) => s.connection === 'live' && s.scenario !== null);
    return { server, store };
  }

  it('re-joins offering the hash and keeps its scenario, scene and selection when the server sends none', async () => {
    const { server, store } = await liveTwin('cache');
    const scenario = store.getState().scenario;
    expect(server.joins[0]).toEqual({ sessionId: 'public' });
    store.getState().select({ kind: 'building', index: 0 });

    server.dropAll();
    await until(store, 're-joined', () => server.joins.length === 2);
    await until(store, 'live again', (s) => s.connection === 'live');
    expect(server.joins[1]).toEqual({ sessionId: 'public', scenarioHash: server.HASH });
    expect(server.scenariosSent()).toBe(1);
    expect(store.getState().scenario).toBe(scenario);
    expect(store.getState().selection).toEqual({ kind: 'building', index: 0 });
  });

  it('works with a server that always sends the scenario: offers no hash, takes the fresh scenario', async () => {
    const { server, store } = await liveTwin('always');
    const first = store.getState().scenario;
    store.getState().select({ kind: 'building', index: 0 });

    server.dropAll();
    await until(store, 're-joined', () => server.joins.length === 2);
    await until(store, 'live again', (s) => s.connection === 'live' && s.scenario !== first);
    expect(server.joins).toEqual([{ sessionId: 'public' }, { sessionId: 'public' }]);
    expect(server.scenariosSent()).toBe(2);
    // The fresh scenario replaced the old one, which clears the selection.
    expect(store.getState().scenario!.id).toBe(first!.id);
    expect(store.getState().selection).toBeNull();
  });
});

describe('history on joining', () => {
  it('takes the session\'s history before the join at once, by source, and live samples follow in order', async () => {
    const server = await startSmallServer();
    const store = createTwinStore();
    let close = () => undefined as void;
    try {
      const session = await server.registry.create({ scenario: SMALL_ID, start: '2025-01-20', speed: 60 });
      // A forward jump is simulated: six hours of 5-minute history rows before the page joins.
      await session.command({ type: 'clock', action: 'jump', to: '2025-01-20T06:00' });
      for (const t0 = Date.now(); session.info().clockTarget !== null && Date.now() - t0 < 20_000; )
        await new Promise((r) => setTimeout(r, 50));
      close = connectTwin({ store, search: `?session=${session.id}`, url: server.url });
      await until(store, 'history', (s) => s.kpiHistory.length >= 6 * 12 - 1);
      const first = store.getState().kpiHistory[0];
      expect(first.simTimeS).toBeLessThanOrEqual(dateToS('2025-01-20') + 600);
      expect(Object.values(first.heatBySourceMW).some((mw) => mw > 0)).toBe(true);
      await until(store, 'live samples after it', (s) => s.kpi !== null && s.kpiHistory.at(-1) === s.kpi);
      await new Promise((r) => setTimeout(r, 1500));
      const times = store.getState().kpiHistory.map((k) => k.simTimeS);
      expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true);
      expect(times.at(-1)).toBe(store.getState().kpi!.simTimeS);
    } finally {
      close();
      await server.close();
    }
  });
});
