/**
 * Frame filling, KPI means and history, in-process on the small test city:
 *  - a frame decoded with decodeFrame (shared/protocol/frame.ts) equals the simulation's values after Float32
 *    rounding (Math.fround), header included;
 *  - KPI interval means equal ledger total differences over the interval (definition of a mean);
 *  - the history ring keeps 5-minute rows, drops the oldest beyond capacity and rows after a time going back.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/validate';
import { decodeFrame, frameBytes } from '../../shared/protocol/frame';
import { dateToS } from '../../server/sim/calendar';
import { compileScenario } from '../../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation } from '../../server/sim/engine';
import { FLOW } from '../../server/sim/ledger';
import { buildFrame, frameCountsOf } from '../../server/session/frames';
import { createKpiMeter, sampleKpi } from '../../server/session/kpi';
import { KpiHistory, HISTORY_COLUMNS } from '../../server/session/history';
import { applyPlantCommand } from '../../server/session/commands';
import { smallCity } from '../fixtures/smallCity';

const f32 = (a: ArrayLike<number>) => Array.from(a, (x) => Math.fround(x));

describe('frames', () => {
  const model = compileScenario(parseScenario(smallCity()));
  const sim = createSimulation(model, { startS: dateToS('2025-01-15'), seed: 1 });
  const inputs = createOperatorInputs(model);
  for (let i = 0; i < 120; i++) stepSimulation(sim, inputs, 60);

  it('round-trips through decodeFrame to the simulation values (Float32)', () => {
    const frame = buildFrame(sim, 42, 3600, 1.7e12);
    expect(frame.buffer.byteLength).toBe(frameBytes(frameCountsOf(sim)));
    const copy = frame.buffer.slice(0); // as received over a socket
    const f = decodeFrame(new Uint8Array(copy));
    expect(f.header).toEqual({
      sequence: 42,
      simTimeS: sim.timeS,
      sentAtMs: 1.7e12,
      outdoorC: Math.fround(sim.outdoorC),
      supplySetpointC: Math.fround(sim.supplySetpointC),
      priceEurPerMWh: Math.fround(sim.electricityPriceEurPerMWh),
      speed: 3600,
    });
    expect(Array.from(f.buildings.demandW)).toEqual(f32(sim.demandW));
    expect(Array.from(f.buildings.deliveredW)).toEqual(f32(sim.deliveredW));
    expect(Array.from(f.buildings.indoorC)).toEqual(f32(sim.buildings.indoorC));
    expect(Array.from(f.pipes.massFlowKgS)).toEqual(f32(sim.hydraulics.massFlowKgS));
    const meanSupply = Array.from(sim.supply.pipeInletC, (x, i) => 0.5 * (x + sim.supply.pipeOutletC[i]));
    expect(Array.from(f.pipes.supplyC)).toEqual(f32(meanSupply));
    const pipeLoss = Array.from(sim.supply.pipeHeatLossW, (x, i) => x + sim.return.pipeHeatLossW[i]);
    expect(Array.from(f.pipes.heatLossW)).toEqual(f32(pipeLoss));
    // Per-pipe losses add up to the network's total loss (energy balance: the two networks' totals).
    const lossSum = Array.from(f.pipes.heatLossW).reduce((a, b) => a + b, 0);
    expect(lossSum).toBeGreaterThan(0);
    expect(lossSum / (sim.supply.totalHeatLossW + sim.return.totalHeatLossW)).toBeCloseTo(1, 5);
    expect(Array.from(f.plants.heatW)).toEqual(f32(sim.plants.map((p) => p.heatToNetworkW)));
    expect(Array.from(f.plants.outletC)).toEqual(f32(sim.plants.map((p) => p.outletC)));
    expect(Array.from(f.units.heatW)).toEqual(f32(sim.units.map((u) => u.heatW)));
    expect(Array.from(f.units.electricityW)).toEqual(f32(sim.units.map((u) => u.electricityW)));
    sim.units.forEach((u, i) => {
      if (u.kind === 'heatPump') {
        expect(f.units.mode[i]).toBe(u.state.mode);
        expect(f.units.copOrSoc[i]).toBe(Math.fround(u.electricityW > 0 ? u.heatW / u.electricityW : 0));
      }
      if (u.kind === 'storage') expect(f.units.copOrSoc[i]).toBe(Math.fround(u.state.soc));
    });
  });

  it('a heat pump forced off makes no heat in the frame', () => {
    const s2 = createSimulation(model, { startS: dateToS('2025-01-15'), seed: 1 });
    const in2 = createOperatorInputs(model);
    expect(applyPlantCommand({ type: 'heatPump', unitId: 'dc-hp1', action: 'stop' }, s2, in2)).toEqual({ ok: true });
    expect(applyPlantCommand({ type: 'heatPump', unitId: 'gas', action: 'stop' }, s2, in2)).toEqual({
      ok: false,
      error: 'unitId: no heat pump "gas"',
    });
    for (let i = 0; i < 30; i++) stepSimulation(s2, in2, 60);
    const i = s2.units.findIndex((u) => u.id === 'dc-hp1');
    expect(decodeFrame(buildFrame(s2, 0, 0, 0).buffer).units.heatW[i]).toBe(0);
  });
});

describe('kpi and history', () => {
  const model = compileScenario(parseScenario(smallCity()));

  it('KPI over an interval is the mean of the ledger flows over it', () => {
    const sim = createSimulation(model, { startS: dateToS('2025-01-20'), seed: 1 });
    const inputs = createOperatorInputs(model);
    const meter = createKpiMeter(sim);
    let demandJ = 0;
    let co2G = 0;
    for (let i = 0; i < 5; i++) {
      stepSimulation(sim, inputs, 60);
      demandJ += sim.ledger.step[FLOW.heatDemandW] * 60;
      co2G += sim.ledger.step[FLOW.co2GPerS] * 60;
    }
    const k = sampleKpi(meter, sim);
    expect(k.heatDemandMW).toBeCloseTo(demandJ / 300 / 1e6, 9);
    expect(k.co2TonnesPerH).toBeCloseTo(((co2G / 300) * 3600) / 1e6, 9);
    expect(k.simTimeS).toBe(sim.timeS);
  });

  it('ring buffer: 5-minute rows, at least 7 days kept, oldest dropped, truncation on going back', () => {
    const h = new KpiHistory();
    expect(h.capacity * h.resolutionS).toBeGreaterThanOrEqual(7 * 86_400);
    const row = (t: number) => Object.fromEntries(HISTORY_COLUMNS.map((c) => [c, c === 'simTimeS' ? t : 1])) as never;
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
