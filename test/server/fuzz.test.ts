/**
 * Robustness (the server never crashes on malformed events): 12,000 seeded random payloads over
 * `join`, `command` and `history` — primitives, huge and odd strings, binary, arrays, deep nesting,
 * prototype-looking keys, and near-valid messages with one field mutated — from clients that are not joined,
 * joined to the public session, and joined to a private session as viewer and as operator (so the
 * validator and the role check both see them). Some are sent without an ack callback or with extra
 * arguments. Every acked reply must be a well-formed refusal or answer (never an `internal:` error), and the
 * server must still answer good requests afterwards.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createRng, type Rng } from '../../server/sim/random';
import { startSmallServer, SMALL_ID } from './harness';
import { client, connected, historyRows, http, joinSession, nextEvent, postJson, requestHistory, sendCommand, type CreatedSession } from './helpers';

type Server = Awaited<ReturnType<typeof startSmallServer>>;
const N = 12_000;

const VALID: Record<string, unknown>[] = [
  { type: 'clock', action: 'pause' },
  { type: 'clock', action: 'speed', speed: 60 },
  { type: 'clock', action: 'jump', to: '2025-01-02' },
  { type: 'supplySetpoint', offsetK: 1 },
  { type: 'heatPump', unitId: 'dc-hp1', action: 'start' },
  { type: 'boiler', unitId: 'gas', action: 'auto' },
  { type: 'storage', mode: 'idle' },
  { type: 'priority', unitIds: ['dc-hp1'] },
  { sessionId: 'public' },
  { from: 0, to: 1e10 },
];

function fuzzValue(rng: Rng, depth = 0): unknown {
  const pick = Math.floor(rng.next() * 16);
  const str = (max: number) => {
    const n = Math.floor(rng.next() * max);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(rng.next() * (rng.next() < 0.9 ? 128 : 0xffff)));
    return s;
  };
  switch (pick) {
    case 0: return null;
    case 1: return undefined;
    case 2: return rng.next() < 0.5;
    case 3: return [0, -1, 1e308, -1e-308, 2 ** 53, Infinity, NaN, -0][Math.floor(rng.next() * 8)];
    case 4: return (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 20);
    case 5: return str(40);
    case 6: return 'x'.repeat(Math.floor(rng.next() * 20_000)); // under the 64 KiB message limit
    case 7: return Buffer.from(str(64));
    case 8: return new Uint8Array(Math.floor(rng.next() * 256)).map(() => rng.next() * 256);
    case 9: return depth > 4 ? 0 : Array.from({ length: Math.floor(rng.next() * 5) }, () => fuzzValue(rng, depth + 1));
    case 10: {
      if (depth > 4) return {};
      const o: Record<string, unknown> = {};
      const keys = ['type', 'action', 'unitId', 'sessionId', 'token', 'from', 'to', 'speed', '__proto__', 'constructor', str(8)];
      // defineProperty: an own `__proto__` key (as JSON.parse makes), not a prototype change.
      for (let i = Math.floor(rng.next() * 5); i > 0; i--)
        Object.defineProperty(o, keys[Math.floor(rng.next() * keys.length)], { value: fuzzValue(rng, depth + 1), enumerable: true, writable: true, configurable: true });
      return o;
    }
    case 11: {
      let v: unknown = 1;
      for (let i = 0; i < 60; i++) v = { a: v }; // deep nesting
      return v;
    }
    default: {
      // Near-valid: a valid message with one field replaced by junk (or one junk field added).
      const base = { ...VALID[Math.floor(rng.next() * VALID.length)] };
      const keys = Object.keys(base);
      const key = rng.next() < 0.8 && keys.length ? keys[Math.floor(rng.next() * keys.length)] : str(6);
      Object.defineProperty(base, key, { value: depth > 2 ? null : fuzzValue(rng, depth + 2), enumerable: true, writable: true, configurable: true });
      return base;
    }
  }
}

function isWellFormedReply(event: string, reply: unknown): boolean {
  if (typeof reply !== 'object' || reply === null) return false;
  const r = reply as Record<string, unknown>;
  if (r.ok === false) return typeof r.error === 'string' && !r.error.startsWith('internal:');
  if (event === 'join') return r.ok === true && typeof r.role === 'string';
  if (event === 'command') return r.ok === true;
  return Array.isArray(r.rows) && Array.isArray(r.columns);
}

describe('fuzzing the socket events', () => {
  let server: Server;
  let id: string;
  let tokens: { operator: string; instructor: string };
  const open: Socket[] = [];

  beforeAll(async () => {
    // No rate limit in the way: every payload must reach the validators.
    server = await startSmallServer({ requestRate: { ratePerS: 1e6, burst: 1e6 } });
    ({ id, tokens } = (await postJson<CreatedSession>(server.url, '/api/sessions', { scenario: SMALL_ID })).body);
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.close();
  });

  it(`survives ${N} random payloads and still answers good requests`, async () => {
    const mk = async (joining?: Record<string, unknown>) => {
      const c = client(server.url);
      open.push(c);
      await connected(c);
      if (joining) expect((await joinSession(c, joining)).ok).toBe(true);
      return c;
    };
    const clients = [await mk(), await mk({ sessionId: 'public' }), await mk({ sessionId: id }), await mk({ sessionId: id, token: tokens.operator })];
    const rng = createRng(20251126);
    const events = ['join', 'command', 'command', 'history'];
    const bad: string[] = [];
    let acked = 0;
    const BATCH = 400;
    for (let start = 0; start < N; start += BATCH) {
      const pending: Promise<void>[] = [];
      for (let i = start; i < start + BATCH; i++) {
        const c = clients[i % clients.length];
        const event = events[Math.floor(rng.next() * events.length)];
        const payload = fuzzValue(rng);
        const mode = rng.next();
        if (mode < 0.1) c.emit(event, payload); // no ack callback
        else if (mode < 0.15) c.emit(event, payload, fuzzValue(rng), 'extra'); // extra arguments, no ack
        else if (mode < 0.18) c.emit(event); // nothing at all
        else
          pending.push(
            c.timeout(15_000).emitWithAck(event, payload).then((r) => {
              acked++;
              if (!isWellFormedReply(event, r)) bad.push(`${event} ${JSON.stringify(payload)?.slice(0, 200)} -> ${JSON.stringify(r)}`);
            }),
          );
      }
      await Promise.all(pending);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(acked).toBeGreaterThan(0.8 * N);
    for (const c of clients) expect(c.connected).toBe(true);

    // Good requests still work: health, a fresh client joining, an operator command, history.
    expect((await http(server.url, '/api/health')).status).toBe(200);
    const fresh = await mk();
    const scenario = nextEvent<{ id: string }>(fresh, 'scenario');
    expect(await joinSession(fresh, { sessionId: 'public' })).toMatchObject({ ok: true, role: 'viewer', scenarioSent: true });
    expect((await scenario).id).toBe(SMALL_ID);
    await nextEvent(fresh, 'frame');
    const op = await mk({ sessionId: id, token: tokens.operator });
    expect(await sendCommand(op, { type: 'storage', mode: 'auto' })).toMatchObject({ ok: true });
    expect(Array.isArray(historyRows(await requestHistory(op, {})).rows)).toBe(true);
  });

  it('an oversized message disconnects only its sender', async () => {
    const big = client(server.url);
    const other = client(server.url);
    open.push(big, other);
    await Promise.all([connected(big), connected(other)]);
    const gone = nextEvent(big, 'disconnect');
    big.emit('command', 'x'.repeat(200_000));
    await gone;
    expect(await joinSession(other, { sessionId: 'public' })).toMatchObject({ ok: true, role: 'viewer' });
  });
});
