/**
 * energy-positive-district: a year of a district that makes more heat than it uses and sells the rest next door
 * (docs/reference-figures.md, What the product models: districts can become
 * energy-positive). The net export is measured independently at the tie line (enthalpy flows of the supply and
 * return water crossing the district's edge), so the check net export = production - use - losses (- the change
 * of heat in the district's pipes) is a real energy balance, to within the engine's balance tolerance.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/validate';
import { compileScenario } from '../../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation, summarizeSimulation } from '../../server/sim';
import { DAY_S, dateToS } from '../../server/sim/calendar';
import { formatJson } from '../../server/generator/json';
import { createKpiMeter, sampleKpi } from '../../server/session/kpi';
import { DISTRICT_ID, ENERGY_POSITIVE_DISTRICT_ID, energyPositiveDistrictScenario } from '../../server/generator/scenarios/energyPositiveDistrict';

const text = readFileSync(resolve(__dirname, '../../assets/scenarios', `${ENERGY_POSITIVE_DISTRICT_ID}.json`), 'utf8');
const scenario = parseScenario(JSON.parse(text));

describe('energy-positive-district scenario', () => {
  it('is valid, equals its generator output and names its district', () => {
    expect(text).toBe(formatJson(energyPositiveDistrictScenario()));
    expect(scenario.districts?.map((d) => d.id)).toEqual([DISTRICT_ID]);
    const inside = scenario.network.nodes.filter((n) => n.district === DISTRICT_ID).length;
    expect(inside).toBeGreaterThan(10);
    expect(inside).toBeLessThan(scenario.network.nodes.length);
  });

  it('runs a year: produces more than it uses and its export closes the balance', () => {
    const model = compileScenario(scenario);
    const sim = createSimulation(model, { startS: dateToS(scenario.simulation.start), seed: scenario.simulation.seed });
    const inputs = createOperatorInputs(model);
    const dt = scenario.simulation.stepS;
    const n = Math.round((365 * DAY_S) / dt);
    const meter = createKpiMeter(sim.outputs);
    for (let k = 0; k < n; k++) stepSimulation(sim, inputs, dt);
    const kpi = sampleKpi(meter, sim.outputs);
    const s = summarizeSimulation(sim);
    const d = s.districts?.find((x) => x.id === DISTRICT_ID);
    if (!d) throw new Error('no district in the summary');
    expect(d.usedMWh).toBeGreaterThan(0);
    expect(d.producedMWh).toBeGreaterThan(d.usedMWh);
    expect(d.surplusMWh).toBeCloseTo(d.producedMWh - d.usedMWh, 6);
    expect(d.netExportMWh).toBeGreaterThan(0);
    // Conservation at the edge, within 0.5 % of production (the tolerance the engine's own balance is held to).
    const expected = d.producedMWh - d.usedMWh - d.lossesMWh - d.pipeContentChangeMWh;
    expect(Math.abs(d.netExportMWh - expected)).toBeLessThan(0.005 * d.producedMWh);
    // Without the content term too (a year ends near where it started).
    expect(Math.abs(d.netExportMWh - (d.producedMWh - d.usedMWh - d.lossesMWh))).toBeLessThan(0.005 * d.producedMWh);
    // Its pipe losses are a few per cent of what it makes (reference, Network: Finland 7-10 % for whole networks).
    expect(d.lossesMWh / d.producedMWh).toBeGreaterThan(0.002);
    expect(d.lossesMWh / d.producedMWh).toBeLessThan(0.1);
    // The neighbours receive the export: what the whole network delivers exceeds what the district used.
    expect(s.heatDeliveredMWh - d.usedMWh).toBeGreaterThan(d.netExportMWh * 0.8);
    expect(Math.abs(s.balanceErrorPct)).toBeLessThan(0.5);
    expect(s.unmetHeatMWh / s.heatDemandMWh).toBeLessThan(0.01);
    // The live KPI stream shows the same balance (presentation mode's "year's balance" chapter).
    expect(kpi.districtUsedMWh).toBeCloseTo(d.usedMWh, 6);
    expect(kpi.districtProducedMWh).toBeCloseTo(d.producedMWh, 6);
    expect(kpi.districtNetExportMWh).toBeCloseTo(d.netExportMWh, 6);
  }, 120_000);
});
