/**
 * Live sessions with real worker threads on the small test city (test/fixtures/smallCity.ts written to a temp
 * scenario dir). Expectations come from the clock's definition (speed = simulated s per wall s, frames at a
 * fixed wall rate), the command contract (shared/protocol/commands.ts) and the session's requirements (history of
 * >= 7 days at 5-minute resolution, a failing simulation does not disturb another).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFrame, type Frame } from '../../shared/protocol/frame';
import type { Alarm } from '../../shared/protocol/session';
import { dateToS, DAY_S } from '../../server/sim/calendar';
import { SessionRegistry, type Session } from '../../server/session/registry';
import { smallCity } from '../fixtures/smallCity';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(fn: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

/** Frames received from now on, decoded. */
function collect(s: Session): { frames: Frame[]; stop: () => void } {
  const frames: Frame[] = [];
  const stop = s.on('frame', (b) => frames.push(decodeFrame(b)));
  return { frames, stop };
}

const latest = (s: Session) => decodeFrame(s.latestFrame()!.slice(0));

let dir: string;
let registry: SessionRegistry;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'heattwin-sessions-'));
  const base = smallCity();
  writeFileSync(join(dir, 'small-city.json'), JSON.stringify(base));
  writeFileSync(
    join(dir, 'small-loop.json'),
    JSON.stringify({ ...base, id: 'small-loop', simulation: { ...base.simulation, loop: { start: '2025-01-05', days: 1 } } }),
  );
  registry = new SessionRegistry({ scenarioDir: dir, frameHz: 10, kpiIntervalMs: 250 });
});

afterAll(async () => {
  await registry.stopAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('live sessions (worker threads)', () => {
  // Exact pacing is tested on the step loop with a fake clock (stepLoop.test.ts); with a real worker on a shared
  // machine only its order of magnitude is: a worker that stalls for a second or runs free would fail it.
  it('x3600 smoke test: frames at about 10 Hz, simulated time at about x3600', async () => {
    const s = await registry.create({ scenario: 'small-city', speed: 3600, paused: false, start: '2025-01-10' });
    expect(s.tokens?.operator).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(s.roleForToken(s.tokens!.instructor)).toBe('instructor');
    expect(s.roleForToken(s.tokens!.operator)).toBe('operator');
    expect(s.roleForToken('nope')).toBe('viewer');
    expect(s.roleForToken(undefined)).toBe('viewer');
    await sleep(300); // past start-up
    const { frames, stop } = collect(s);
    await sleep(2000);
    stop();
    // 10 Hz over 2 s is 20 frames; the frame timer never runs ahead, a loaded machine may delay some.
    expect(frames.length).toBeGreaterThanOrEqual(8);
    expect(frames.length).toBeLessThanOrEqual(22);
    const a = frames[0].header;
    const b = frames.at(-1)!.header;
    const rate = (b.simTimeS - a.simTimeS) / ((b.sentAtMs - a.sentAtMs) / 1000);
    // The clock owes at most MAX_LAG_WALL_S (0.5 s) after a stall, so it cannot run much faster than x3600.
    expect(rate).toBeGreaterThan(3600 * 0.4);
    expect(rate).toBeLessThan(3600 * 1.3);
    expect(b.speed).toBe(3600);
    await registry.delete(s.id);
    expect(registry.get(s.id)).toBeUndefined();
  });

  it('pause holds the time, step advances by whole steps, jump lands on the date, snapshot/restore goes back', async () => {
    const s = await registry.create({ scenario: 'small-city', speed: 60, paused: true, start: '2025-01-10' });
    expect(s.info().status).toBe('paused');
    const t0 = latest(s).header.simTimeS;
    await sleep(300);
    expect(latest(s).header.simTimeS).toBe(t0);

    expect(await s.command({ type: 'clock', action: 'step', steps: 5 })).toMatchObject({ ok: true });
    await waitFor(() => latest(s).header.simTimeS === t0 + 300);
    await sleep(200);
    expect(latest(s).header.simTimeS).toBe(t0 + 300); // still paused after the steps

    const snap = await s.command({ type: 'clock', action: 'snapshot', label: 'before' });
    expect(snap.ok).toBe(true);
    const snapshotId = (snap as { result: { snapshotId: string } }).result.snapshotId;
    await s.command({ type: 'clock', action: 'step', steps: 10 });
    const after = await waitFor(() => {
      const f = latest(s);
      return f.header.simTimeS === t0 + 900 && f;
    });
    expect(await s.command({ type: 'clock', action: 'restore', snapshotId })).toMatchObject({ ok: true });
    expect(await s.command({ type: 'clock', action: 'restore', snapshotId: 'zz' })).toMatchObject({
      ok: false,
      error: 'snapshotId: no snapshot "zz"',
    });
    await waitFor(() => latest(s).header.simTimeS === t0 + 300);
    await s.command({ type: 'clock', action: 'step', steps: 10 });
    const again = await waitFor(() => {
      const f = latest(s);
      return f.header.simTimeS === t0 + 900 && f;
    });
    // Same state, same steps: the same values (deterministic core, exact snapshot).
    expect(Array.from(again.buildings.indoorC)).toEqual(Array.from(after.buildings.indoorC));
    expect(Array.from(again.units.heatW)).toEqual(Array.from(after.units.heatW));

    const jump = await s.command({ type: 'clock', action: 'jump', to: '2025-01-12T06:00' });
    expect(jump).toMatchObject({ ok: true });
    await waitFor(() => latest(s).header.simTimeS === dateToS('2025-01-12') + 6 * 3600);
    expect(s.info().simTimeS).toBe(dateToS('2025-01-12') + 6 * 3600);
    // Backward jump re-creates the simulation and warms it up to the target.
    expect(await s.command({ type: 'clock', action: 'jump', to: '2025-01-11' })).toMatchObject({ ok: true });
    await waitFor(() => latest(s).header.simTimeS === dateToS('2025-01-11'));

    expect(await s.command({ type: 'clock', action: 'speed', speed: 3600 })).toMatchObject({ ok: true });
    expect(await s.command({ type: 'clock', action: 'resume' })).toMatchObject({ ok: true });
    expect(s.info().status).toBe('running');
    await waitFor(() => latest(s).header.simTimeS > dateToS('2025-01-11') + 600);
    await registry.delete(s.id);
  });

  it('plant commands change the simulation; bad unit ids are refused', async () => {
    const s = await registry.create({ scenario: 'small-city', speed: 'max', paused: false, start: '2025-01-20' });
    const i = s.scenario.plants[0].units.findIndex((u) => u.id === 'dc-hp1');
    // Cold January: the data-centre heat pumps run.
    await waitFor(() => latest(s).units.heatW[i] > 0);
    expect(await s.command({ type: 'heatPump', unitId: 'dc-hp1', action: 'stop' })).toMatchObject({ ok: true });
    const t = latest(s).header.simTimeS;
    await waitFor(() => latest(s).header.simTimeS > t + 600);
    expect(latest(s).units.heatW[i]).toBe(0);
    expect(await s.command({ type: 'heatPump', unitId: 'nope', action: 'start' })).toMatchObject({
      ok: false,
      error: 'unitId: no heat pump "nope"',
    });
    expect(await s.command({ type: 'heatPump', unitId: 'gas', action: 'start' })).toMatchObject({
      ok: false,
      error: 'unitId: no heat pump "gas"',
    });
    expect(await s.command({ type: 'boiler', unitId: 'dc-hp1', action: 'start' })).toMatchObject({ ok: false, error: 'unitId: no boiler "dc-hp1"' });
    expect(await s.command({ type: 'priority', unitIds: ['gas', 'x'] })).toMatchObject({ ok: false, error: 'unitIds.1: no unit "x"' });
    expect(await s.command({ type: 'supplySetpoint', overrideC: 100 })).toMatchObject({ ok: true });
    const t2 = latest(s).header.simTimeS;
    await waitFor(() => latest(s).header.simTimeS > t2 + 120);
    expect(latest(s).header.supplySetpointC).toBe(100);
    await registry.delete(s.id);
  });

  it('history covers >= 7 days at 5-minute resolution after fast-forwarding, and as CSV', async () => {
    const s = await registry.create({ scenario: 'small-city', speed: 60, paused: true, start: '2025-02-01' });
    expect(await s.command({ type: 'clock', action: 'jump', to: '2025-02-09T00:00' })).toMatchObject({
      ok: true,
      result: { accepted: true, targetS: dateToS('2025-02-09') },
    });
    // The jump answers at once; the session says when the clock has arrived.
    await waitFor(() => s.info().clockTarget === null, 30_000);
    const h = await s.history({});
    expect(h.resolutionS).toBe(300);
    expect(h.columns[0]).toBe('simTimeS');
    const times = h.rows.map((r) => r[0]);
    expect(times.at(-1)! - times[0]).toBeGreaterThanOrEqual(7 * DAY_S);
    for (let k = 1; k < times.length; k++) expect(times[k] - times[k - 1]).toBe(300);
    const demand = h.columns.indexOf('heatDemandMW');
    expect(h.rows.every((r) => r[demand] > 0)).toBe(true); // February in Espoo: there is always demand
    const part = await s.history({ from: dateToS('2025-02-08'), to: dateToS('2025-02-08') + 3600 });
    expect(part.rows.length).toBe(13);
    const csv = (await s.historyCsv(dateToS('2025-02-08'), dateToS('2025-02-08') + 3600)).trim().split('\n');
    expect(csv.length).toBe(14);
    expect(csv[1].split(',')[1]).toBe('2025-02-08 00:00');
    await registry.delete(s.id);
  });

  it('a failing worker marks its session failed with an alarm; another keeps streaming; restart recovers', async () => {
    const a = await registry.create({ scenario: 'small-city', speed: 3600, paused: false });
    const b = await registry.create({ scenario: 'small-city', speed: 3600, paused: false });
    const alarms: Alarm[] = [];
    a.on('alarm', (x) => alarms.push(x));
    const statuses: string[] = [];
    a.on('status', (info) => statuses.push(info.status));
    a.injectFailure('boom');
    await waitFor(() => a.info().status === 'failed');
    expect(statuses).toContain('failed');
    expect(alarms.find((x) => x.severity === 'critical')?.message).toContain('boom');
    expect(await a.command({ type: 'clock', action: 'pause' })).toMatchObject({ ok: false });
    await expect(a.history({})).rejects.toThrow();
    const { frames, stop } = collect(b);
    await sleep(600);
    stop();
    expect(frames.length).toBeGreaterThanOrEqual(4);
    expect(frames.at(-1)!.header.simTimeS).toBeGreaterThan(frames[0].header.simTimeS);
    await a.restart();
    expect(a.info().status).toBe('running');
    const n = a.stats().framesSent;
    await waitFor(() => a.stats().framesSent > n + 3);
    await registry.delete(a.id);
    await registry.delete(b.id);
  });

  it('public session loops over the scenario loop period and has no tokens', async () => {
    const p = await registry.startPublic('small-loop');
    expect(p.id).toBe('public');
    expect(p.tokens).toBeNull();
    expect(p.roleForToken('anything')).toBe('viewer');
    expect(p.info().speed).toBe(60);
    expect(await registry.delete('public')).toBe(false);
    const start = dateToS('2025-01-05');
    const alarms: Alarm[] = [];
    p.on('alarm', (x) => alarms.push(x));
    await p.command({ type: 'clock', action: 'speed', speed: 'max' });
    await waitFor(() => alarms.some((x) => x.source === 'clock'), 20_000);
    const times = collect(p);
    await sleep(300);
    times.stop();
    for (const f of times.frames) {
      expect(f.header.simTimeS).toBeGreaterThanOrEqual(start);
      expect(f.header.simTimeS).toBeLessThan(start + DAY_S);
    }
  });
});
