import { describe, expect, it } from 'vitest';
import { createFrame, decodeFrame, encodeFrame, frameBytes, FrameError } from '../shared/protocol/frame';
import { expectCelsius, expectLogCoded } from './fixtures/framePrecision';
import { parseCommand, requiredRole, roleAllows } from '../shared/protocol/commands';

describe('frame codec', () => {
  it('round-trips header and every block, also from an unaligned Node Buffer', () => {
    const counts = { buildings: 3, pipes: 5, plants: 2, units: 4 };
    const f = createFrame(counts);
    Object.assign(f.header, { sequence: 42, simTimeS: 1.7356e9, sentAtMs: 1.8e12 + 0.25, outdoorC: -12.5, supplySetpointC: 101, priceEurPerMWh: 73.5, speed: 3600 });
    f.buildings.demandW.set([1e5, 2e5, 3e5]);
    f.buildings.indoorC.set([20.5, 21, 19.25]);
    f.pipes.massFlowKgS.set([1, -2, 3, -4, 5]);
    f.pipes.returnC.set([40, 41, 42, 43, 44]);
    f.pipes.heatLossW.set([1500, 0, 250.5, 8000, 12]);
    f.plants.outletC.set([95, 80]);
    f.units.mode.set([2, 3, 0, 1]);
    const encoded = encodeFrame(f);
    expect(encoded.byteLength).toBe(frameBytes(counts));
    // Layout: 60-byte header, then 2-byte values: 3 per building, 4 per pipe, 4 per plant, 4 per unit.
    expect(encoded.byteLength).toBe(60 + 2 * (3 * 3 + 4 * 5 + 4 * 2 + 4 * 4));

    const bytes = new Uint8Array(encoded.byteLength + 3);
    bytes.set(new Uint8Array(encoded), 3);
    const g = decodeFrame(Buffer.from(bytes.buffer, 3, encoded.byteLength));
    expect(g.header).toEqual(f.header);
    expect(g.counts).toEqual(counts);
    expectCelsius(g.buildings.indoorC, [20.5, 21, 19.25]);
    expectLogCoded(g.pipes.massFlowKgS, [1, -2, 3, -4, 5]);
    expectCelsius(g.pipes.returnC, [40, 41, 42, 43, 44]);
    expectLogCoded(g.pipes.heatLossW, [1500, 0, 250.5, 8000, 12]);
    expectCelsius(g.plants.outletC, [95, 80]);
    expect(Array.from(g.units.mode)).toEqual([2, 3, 0, 1]);
  });

  it('rejects what is not a frame', () => {
    expect(() => decodeFrame(new ArrayBuffer(10))).toThrow(FrameError);
    expect(() => decodeFrame(new ArrayBuffer(60))).toThrow(/magic/);
    const encoded = encodeFrame(createFrame({ buildings: 1, pipes: 1, plants: 1, units: 1 }));
    expect(() => decodeFrame(encoded.slice(0, encoded.byteLength - 4))).toThrow(/length/);
  });

  it('keeps the default scenario under 16 KB per frame', () => {
    expect(frameBytes({ buildings: 275, pipes: 546, plants: 6, units: 11 })).toBeLessThan(16 * 1024);
  });
});

describe('commands', () => {
  it('accepts good commands and names the field of a bad one', () => {
    expect(parseCommand({ type: 'heatPump', unitId: 'dc-hp-1', action: 'reset' }).ok).toBe(true);
    expect(parseCommand({ type: 'clock', action: 'speed', speed: 'max' }).ok).toBe(true);
    const bad = parseCommand({ type: 'heatPump', unitId: 7, action: 'reset' });
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^unitId: /) as unknown });
    const range = parseCommand({ type: 'supplySetpoint', offsetK: 500 });
    expect(range).toEqual({ ok: false, error: expect.stringMatching(/^offsetK: /) as unknown });
    for (const junk of [null, 3, 'x', [], { type: 'launch' }, { type: 'clock', action: 'explode' }]) {
      expect(parseCommand(junk).ok).toBe(false);
    }
  });

  it('lets operators run the plant and instructors also the clock', () => {
    const clock = requiredRole({ type: 'clock', action: 'pause' });
    const plant = requiredRole({ type: 'storage', mode: 'charge' });
    expect(roleAllows('viewer', plant)).toBe(false);
    expect(roleAllows('operator', plant)).toBe(true);
    expect(roleAllows('operator', clock)).toBe(false);
    expect(roleAllows('instructor', clock)).toBe(true);
  });
});
