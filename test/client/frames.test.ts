/**
 * Frames into the client: bytes laid out as shared/protocol/frame.ts documents are decoded into liveFrame
 * (client/src/net/liveFrame.ts) with every value in its block, and the one connection (client/src/net/socket.ts)
 * fills the store and liveFrame from a real server, and re-joins by itself after the server drops it.
 */
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrame, frameBytes, writeFrameHeader, type FrameCounts } from '../../shared/protocol/frame';
import { liveFrame } from '../../client/src/net/liveFrame';
import { connectTwin, joinFromUrl, receiveFrame } from '../../client/src/net/socket';
import { createTwinStore, type TwinState } from '../../client/src/state/store';
import { startSmallServer } from '../server/harness';
import type { RunningServer } from '../../server/main';

const COUNTS: FrameCounts = { buildings: 3, pipes: 2, plants: 1, units: 2 };

/** A frame whose every value names its place: building i demand = 1000 + i, delivered = 2000 + i, ... */
function labelledFrameBytes(sequence: number): Uint8Array {
  const f = createFrame(COUNTS);
  Object.assign(f.header, { sequence, simTimeS: 86_400.5, sentAtMs: 1.7e12, outdoorC: -12.5, supplySetpointC: 95, priceEurPerMWh: 42.25, speed: 60 });
  for (let i = 0; i < COUNTS.buildings; i++) {
    f.buildings.demandW[i] = 1000 + i;
    f.buildings.deliveredW[i] = 2000 + i;
    f.buildings.indoorC[i] = 20 + i / 4;
  }
  for (let i = 0; i < COUNTS.pipes; i++) {
    f.pipes.massFlowKgS[i] = i === 0 ? 3.5 : -1.25; // a pipe flowing backwards keeps its sign
    f.pipes.supplyC[i] = 80 - i;
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
  writeFrameHeader(f);
  // Node's socket.io client hands binary over as a Buffer that may sit at any offset of a larger pool.
  const pool = new Uint8Array(f.buffer.byteLength + 3);
  pool.set(new Uint8Array(f.buffer), 3);
  return pool.subarray(3);
}

describe('decoding a frame into liveFrame', () => {
  it('puts every value in its block and counts the frame', () => {
    const before = liveFrame.version;
    expect(receiveFrame(labelledFrameBytes(7), 1234.5)).toBe(true);
    const f = liveFrame.frame!;
    expect(liveFrame.version).toBe(before + 1);
    expect(liveFrame.receivedAtMs).toBe(1234.5);
    expect(f.buffer.byteLength).toBe(frameBytes(COUNTS));
    // Header 56 bytes, then 4-byte values: 3 per building, 4 per pipe, 4 per plant, 4 per unit.
    expect(f.buffer.byteLength).toBe(56 + 4 * (3 * COUNTS.buildings + 4 * COUNTS.pipes + 4 * COUNTS.plants + 4 * COUNTS.units));
    expect(f.header).toEqual({ sequence: 7, simTimeS: 86_400.5, sentAtMs: 1.7e12, outdoorC: -12.5, supplySetpointC: 95, priceEurPerMWh: 42.25, speed: 60 });
    expect(f.counts).toEqual(COUNTS);
    expect([...f.buildings.demandW]).toEqual([1000, 1001, 1002]);
    expect([...f.buildings.deliveredW]).toEqual([2000, 2001, 2002]);
    expect([...f.buildings.indoorC]).toEqual([20, 20.25, 20.5]);
    expect([...f.pipes.massFlowKgS]).toEqual([3.5, -1.25]);
    expect([...f.pipes.supplyC]).toEqual([80, 79]);
    expect([...f.pipes.returnC]).toEqual([40, 41]);
    expect([...f.pipes.heatLossW]).toEqual([3000, 3001]);
    expect([f.plants.heatW[0], f.plants.outletC[0], f.plants.returnC[0], f.plants.flowKgS[0]]).toEqual([5e6, 85, 42, 29.5]);
    expect([...f.units.heatW, ...f.units.electricityW, ...f.units.copOrSoc, ...f.units.mode]).toEqual([3e6, -5e5, 1e6, 0, 3, 0.75, 2, 0]);
  });

  it('drops a malformed frame and keeps the last good one', () => {
    receiveFrame(labelledFrameBytes(8), 1);
    const good = liveFrame.frame;
    const version = liveFrame.version;
    const truncated = labelledFrameBytes(9).subarray(0, 100);
    const badMagic = labelledFrameBytes(10);
    badMagic[0] ^= 0xff;
    expect(receiveFrame(truncated, 2)).toBe(false);
    expect(receiveFrame(badMagic, 3)).toBe(false);
    expect(liveFrame.version).toBe(version);
    expect(liveFrame.frame).toBe(good);
    expect(liveFrame.frame?.header.sequence).toBe(8);
  });

  it('reads the session and token from the query string, public by default', () => {
    expect(joinFromUrl('')).toEqual({ sessionId: 'public' });
    expect(joinFromUrl('?session=abc&token=t0k')).toEqual({ sessionId: 'abc', token: 't0k' });
  });
});

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

  async function until(what: string, ok: (s: TwinState) => boolean, timeoutMs = 10_000): Promise<void> {
    const t0 = Date.now();
    while (!ok(store.getState())) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('joins the public session: scenario, frames and KPIs arrive, state goes live', async () => {
    const startVersion = liveFrame.version;
    close = connectTwin({ store, search: '', url: server.url });
    await until('live', (s) => s.connection === 'live' && s.scenario !== null && s.kpi !== null);
    const { scenario, role } = store.getState();
    expect(role).toBe('viewer');
    expect(scenario!.id).toBe('small-city');
    const t0 = Date.now();
    while (liveFrame.version < startVersion + 3 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    // Frame blocks follow the scenario's lists.
    const f = liveFrame.frame!;
    expect(liveFrame.version).toBeGreaterThanOrEqual(startVersion + 3);
    expect(f.counts.buildings).toBe(scenario!.buildings.length);
    expect(f.counts.pipes).toBe(scenario!.network.pipes.length);
    expect(f.counts.plants).toBe(scenario!.plants.length);
  });

  it('re-joins by itself when the server drops the connection', async () => {
    await until('live', (s) => s.connection === 'live');
    store.getState().select({ kind: 'building', index: 0 });
    const states: string[] = [];
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.connection !== prev.connection) states.push(s.connection);
    });
    server.sockets.io.disconnectSockets(true);
    // Live again with a fresh scenario: setScenario cleared the old selection.
    await until('live again', (s) => s.connection === 'live' && s.selection === null);
    unsubscribe();
    expect(states).toEqual(['reconnecting', 'live']);
    const v = liveFrame.version;
    await new Promise((r) => setTimeout(r, 300));
    expect(liveFrame.version).toBeGreaterThan(v);
  });
});
