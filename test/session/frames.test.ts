/**
 * Frame building, KPI means and history, in-process on the small test city:
 *  - a full frame decoded with decodeFrame (shared/protocol/frame.ts) holds the simulation's values within the
 *    precision the layout promises, header included;
 *  - the stream's slices: each is cut from a full frame and decodes to that frame's values for its elements;
 *    each run of N frames carries every slice once, so N frames decoded into one frame reassemble the full
 *    state; a client that drops frames (one, every second, every N-th) gets every slice, a dropped one at most
 *    2N - 1 frames later;
 *  - frames of the default scenario and of a 25,000-building city fit their budgets (6 KB, 128 KB);
 *  - KPI interval means equal ledger total differences over the interval (definition of a mean);
 *  - the history ring keeps 5-minute rows, drops the oldest beyond capacity and rows after a time going back.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/validate';
import { decodeFrame, frameBytes, sliceRange, type Frame, type FrameCounts } from '../../shared/protocol/frame';
import { dateToS } from '../../server/sim/calendar';
import { compileScenario } from '../../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation } from '../../server/sim';
import { FLOW } from '../../server/sim/ledger';
import { buildFrame, frameCountsOf, sliceCountFor, sliceOf, streamedFrame } from '../../server/session/frames';
import { createKpiMeter, sampleKpi } from '../../server/session/kpi';
import { KpiHistory } from '../../server/session/history';
import { kpiSample } from '../fixtures/kpiSample';
import { applyPlantCommand } from '../../server/session/commands';
import { smallCity } from '../fixtures/smallCity';
import { expectCelsius, expectLogCoded } from '../fixtures/framePrecision';

/** Every value of two decoded frames, in block order. */
const valuesOf = (f: Frame): number[] =>
  (['buildings', 'pipes', 'plants', 'units'] as const).flatMap((g) => Object.values(f[g]).flatMap((block: Float32Array) => Array.from(block)));

describe('frames', () => {
  const model = compileScenario(parseScenario(smallCity()));
  const sim = createSimulation(model, { startS: dateToS('2025-01-15') });
  const inputs = createOperatorInputs(model);
  for (let i = 0; i < 120; i++) stepSimulation(sim, inputs, 60);

  it('a full frame holds the simulation values at the precision of the layout', () => {
    const { buffer } = buildFrame(sim, 0, 3600, 1.7e12);
    expect(buffer.byteLength).toBe(frameBytes(frameCountsOf(sim)));
    const f = decodeFrame(new Uint8Array(buffer.slice(0))); // as received over a socket
    expect(f.slice).toEqual({ index: 0, count: 1 });
    expect(f.header).toEqual({
      sequence: 0,
      simTimeS: sim.outputs.timeS,
      sentAtMs: 1.7e12,
      outdoorC: Math.fround(sim.outputs.outdoorC),
      supplySetpointC: Math.fround(sim.outputs.supplySetpointC),
      priceEurPerMWh: Math.fround(sim.outputs.electricityPriceEurPerMWh),
      speed: 3600,
    });
    expectLogCoded(f.buildings.demandW, sim.outputs.demandW);
    expectLogCoded(f.buildings.deliveredW, sim.outputs.deliveredW);
    expectCelsius(f.buildings.indoorC, sim.outputs.indoorC);
    expectLogCoded(f.pipes.massFlowKgS, sim.outputs.massFlowKgS);
    expectCelsius(f.pipes.supplyC, Array.from(sim.outputs.supply.pipeInletC, (x, i) => 0.5 * (x + sim.outputs.supply.pipeOutletC[i])));
    expectCelsius(f.pipes.returnC, Array.from(sim.outputs.return.pipeInletC, (x, i) => 0.5 * (x + sim.outputs.return.pipeOutletC[i])));
    expectLogCoded(f.pipes.heatLossW, Array.from(sim.outputs.supply.pipeHeatLossW, (x, i) => x + sim.outputs.return.pipeHeatLossW[i]));
    // Per-pipe losses add up to the network's total loss (energy balance: the two networks' totals).
    const lossSum = Array.from(f.pipes.heatLossW).reduce((a, b) => a + b, 0);
    expect(lossSum).toBeGreaterThan(0);
    expect(lossSum / (sim.outputs.supply.totalHeatLossW + sim.outputs.return.totalHeatLossW)).toBeCloseTo(1, 3);
    expectLogCoded(f.plants.heatW, sim.outputs.plants.map((p) => p.heatToNetworkW));
    expectCelsius(f.plants.outletC, sim.outputs.plants.map((p) => p.outletC));
    expectLogCoded(f.units.heatW, sim.outputs.units.map((u) => u.heatW));
    expectLogCoded(f.units.electricityW, sim.outputs.units.map((u) => u.electricityW));
    sim.outputs.units.forEach((u, i) => {
      if (u.kind === 'heatPump') {
        expect(f.units.mode[i]).toBe(u.state.mode);
        expectLogCoded([f.units.copOrSoc[i]], [u.electricityW > 0 ? u.heatW / u.electricityW : 0]);
      }
      if (u.kind === 'storage') expectLogCoded([f.units.copOrSoc[i]], [u.state.soc]);
    });
  });

  it('a heat pump forced off makes no heat in the frame', () => {
    const s2 = createSimulation(model, { startS: dateToS('2025-01-15') });
    const in2 = createOperatorInputs(model);
    expect(applyPlantCommand({ type: 'heatPump', unitId: 'dc-hp1', action: 'stop' }, s2.outputs, in2)).toEqual({ ok: true });
    expect(applyPlantCommand({ type: 'heatPump', unitId: 'gas', action: 'stop' }, s2.outputs, in2)).toEqual({
      ok: false,
      error: 'unitId: no heat pump "gas"',
    });
    for (let i = 0; i < 30; i++) stepSimulation(s2, in2, 60);
    const i = s2.outputs.units.findIndex((u) => u.id === 'dc-hp1');
    expect(decodeFrame(buildFrame(s2, 0, 0, 0).buffer).units.heatW[i]).toBe(0);
  });

  it('each run of N frames carries every slice once', () => {
    for (const n of [4, 5, 7]) {
      for (let run = 0; run < 200; run++) {
        const indices = Array.from({ length: n }, (_, i) => sliceOf(run * n + i, n));
        expect(indices.every((s) => s.count === n)).toBe(true);
        expect(indices.map((s) => s.index).sort()).toEqual(Array.from({ length: n }, (_, i) => i));
      }
    }
  });

  it('N frames decoded into one frame reassemble the full state', () => {
    const n = sliceCountFor(frameCountsOf(sim));
    const full = decodeFrame(buildFrame(sim, 0, 60, 0).buffer);
    // A run of N slices into a frame with no values yet (NaN outside each slice).
    const run = 3;
    let into: Frame | undefined;
    for (let k = 0; k < n; k++) into = decodeFrame(streamedFrame(buildFrame(sim, run * n + k, 60, 0).buffer), into);
    expect(into!.slice.count).toBe(n);
    expect(valuesOf(into!)).toEqual(valuesOf(full));
  });

  it('a dropped frame only delays its slice', () => {
    const n = sliceCountFor(frameCountsOf(sim));
    const frames = 4000;
    /** For each frame a client takes, the frames since it last saw that frame's slice; and which it saw. */
    function gaps(takes: (sequence: number) => boolean): { maxGap: number; seen: Set<number> } {
      const lastSeen = new Map<number, number>();
      let maxGap = 0;
      for (let s = 1; s <= frames; s++) {
        if (!takes(s)) continue;
        const k = sliceOf(s, n).index;
        if (lastSeen.has(k)) maxGap = Math.max(maxGap, s - lastSeen.get(k)!);
        lastSeen.set(k, s);
      }
      return { maxGap, seen: new Set(lastSeen.keys()) };
    }
    // Every frame: a slice comes back within 2N - 1 frames.
    expect(gaps(() => true).maxGap).toBeLessThanOrEqual(2 * n - 1);
    // One frame dropped: its slice comes in the next run, at most 2N - 1 frames later.
    const dropped = 1234;
    const k = sliceOf(dropped, n).index;
    const next = Array.from({ length: 2 * n }, (_, i) => dropped + 1 + i).find((s) => sliceOf(s, n).index === k)!;
    expect(next - dropped).toBeLessThanOrEqual(2 * n - 1);
    // Clients that regularly skip frames still see every slice.
    for (const every of [2, 3, n, 2 * n]) expect(gaps((s) => s % every === 0).seen.size).toBe(n);
  });

  it('a streamed frame is the slice of its full frame that its sequence gives it', () => {
    const n = sliceCountFor(frameCountsOf(sim));
    const full = buildFrame(sim, 13, 60, 5);
    const fullValues = decodeFrame(full.buffer);
    const slice = decodeFrame(streamedFrame(full.buffer));
    expect(slice.slice).toEqual(sliceOf(13, n));
    expect(slice.header).toEqual(fullValues.header);
    const [a, b] = sliceRange(sim.model.buildings.count, slice.slice);
    expect(b).toBeGreaterThan(a);
    for (let i = 0; i < sim.model.buildings.count; i++) {
      if (i >= a && i < b) expect(slice.buildings.indoorC[i]).toBe(fullValues.buildings.indoorC[i]);
      else expect(slice.buildings.indoorC[i]).toBeNaN();
    }
    const [c, d] = sliceRange(sim.model.topology.pipeCount, slice.slice);
    expect(Array.from(slice.pipes.massFlowKgS.subarray(c, d))).toEqual(Array.from(fullValues.pipes.massFlowKgS.subarray(c, d)));
    expect(Array.from(slice.units.heatW)).toEqual(Array.from(fullValues.units.heatW));
  });

  it('keeps frames of the default scenario within 6 KB and of a 25,000-building city within 128 KB', () => {
    // Counts of espoo-district and of `npm run generate -- --buildings 25000 --seed 1`.
    const cities: [FrameCounts, number][] = [
      [{ buildings: 275, pipes: 546, plants: 6, units: 11 }, 6 * 1024],
      [{ buildings: 25_000, pipes: 47_179, plants: 6, units: 36 }, 128 * 1024],
    ];
    for (const [counts, budget] of cities) {
      const n = sliceCountFor(counts);
      const largest = Math.max(...Array.from({ length: n }, (_, index) => frameBytes(counts, { index, count: n })));
      expect(largest).toBeLessThanOrEqual(budget);
    }
  });
});

describe('kpi and history', () => {
  const model = compileScenario(parseScenario(smallCity()));

  it('KPI over an interval is the mean of the ledger flows over it', () => {
    const sim = createSimulation(model, { startS: dateToS('2025-01-20') });
    const inputs = createOperatorInputs(model);
    const meter = createKpiMeter(sim.outputs);
    let demandJ = 0;
    let co2G = 0;
    for (let i = 0; i < 5; i++) {
      stepSimulation(sim, inputs, 60);
      demandJ += sim.outputs.ledger.step[FLOW.heatDemandW] * 60;
      co2G += sim.outputs.ledger.step[FLOW.co2GPerS] * 60;
    }
    const k = sampleKpi(meter, sim.outputs);
    expect(k.heatDemandMW).toBeCloseTo(demandJ / 300 / 1e6, 9);
    expect(k.co2TonnesPerH).toBeCloseTo(((co2G / 300) * 3600) / 1e6, 9);
    expect(k.simTimeS).toBe(sim.outputs.timeS);
  });

  it('ring buffer: 5-minute rows, at least 7 days kept, oldest dropped, truncation on going back', () => {
    const h = new KpiHistory();
    expect(h.capacity * h.resolutionS).toBeGreaterThanOrEqual(7 * 86_400);
    const row = (t: number) => kpiSample({ simTimeS: t, outdoorC: 1, heatBySourceMW: { gas: 1 } });
    for (let i = 0; i < h.capacity + 10; i++) h.push(row(i * 300));
    expect(h.length).toBe(h.capacity);
    const rows = h.rows();
    expect(rows[0][0]).toBe(10 * 300);
    expect(rows.at(-1)![0]).toBe((h.capacity + 9) * 300);
    h.truncateAfter(100 * 300);
    expect(h.lastTimeS).toBe(100 * 300);
    const csv = h.toCsv(99 * 300, 100 * 300).trim().split('\n');
    expect(csv[0].startsWith('simTimeS,time,outdoorC')).toBe(true);
    expect(csv.length).toBe(3);
  });
});
