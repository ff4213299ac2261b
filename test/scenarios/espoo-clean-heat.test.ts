/**
 * espoo-clean-heat: the scenario validates, is built at real scale, and a full simulated year
 * (the engine, headless, at the scenario's own step) lands on the published Espoo figures of
 * docs/reference-figures.md (What the product models; Heat pumps; Network):
 *   data-centre heat about 40 % of the district heat (35-45 %), CO2 avoided about 400,000 t a year (within 15 %),
 *   about 75 % of the data centres' waste heat used, DC heat pump COP 2.5-3.5 (large DH heat pumps from 25-35 °C
 *   water into an 80-95 °C network), network losses in the Finnish 7-10 %, a 900 km network, 250,000 users.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/validate';
import { compileScenario } from '../../server/sim/compile';
import { dateToS, DAY_S } from '../../server/sim/calendar';
import { createOperatorInputs, createSimulation, stepSimulation, summarizeSimulation } from '../../server/sim';
import { polygonAreaM2 } from '../fixtures/polygonArea';

const scenario = parseScenario(JSON.parse(readFileSync(resolve(__dirname, '../../assets/scenarios/espoo-clean-heat.json'), 'utf8')));
const RHO = 970;
const CP = 4190;

describe('espoo-clean-heat: the scenario', () => {
  it('has 30-80 district blocks of at most 1e6 m2, floor area = footprint x floors, with a plausible use and age mix', () => {
    // A block (district and use) is one node; it is drawn as several buildings that share that node.
    const blocks = scenario.buildings.filter((b) => b.node);
    const blockNodes = new Set(blocks.map((b) => b.node));
    expect(blockNodes.size).toBeGreaterThanOrEqual(30);
    expect(blockNodes.size).toBeLessThanOrEqual(80);
    for (const node of blockNodes) expect(blocks.filter((b) => b.node === node).reduce((s, b) => s + b.floorAreaM2, 0)).toBeLessThanOrEqual(1e6);
    for (const b of blocks) {
      expect(b.floorAreaM2).toBeLessThanOrEqual(1e6);
      const floors = b.floorAreaM2 / polygonAreaM2(b.footprint);
      expect(Math.abs(floors - Math.round(floors))).toBeLessThan(0.01);
      expect(b.heightM / Math.round(floors)).toBeCloseTo(3, 6);
    }
    for (const use of ['residential', 'office', 'school', 'retail'] as const) expect(blocks.some((b) => b.use === use)).toBe(true);
    const floor = (f: (b: (typeof blocks)[number]) => boolean) => blocks.filter(f).reduce((s, b) => s + b.floorAreaM2, 0);
    const total = floor(() => true);
    expect(floor((b) => b.use === 'residential') / total).toBeGreaterThan(0.55);
    // Espoo grew mostly from the 1960s to the 2000s: most homes are from 1960-2005.
    expect(floor((b) => b.use === 'residential' && b.yearBuilt >= 1960 && b.yearBuilt <= 2005) / floor((b) => b.use === 'residential')).toBeGreaterThan(0.6);
    // ~250,000 users (reference) at 30-80 m2 of heated floor each.
    expect(total / 250_000).toBeGreaterThan(30);
    expect(total / 250_000).toBeLessThan(80);
  });

  it('keeps the 900 km network: trunk length plus the distribution length carried by the feeders (U·L / U) is 900 km', () => {
    const trunk = scenario.network.pipes.filter((p) => !p.id.startsWith('F-'));
    const feeders = scenario.network.pipes.filter((p) => p.id.startsWith('F-'));
    expect(feeders.length).toBe(new Set(scenario.buildings.filter((b) => b.node).map((b) => b.node)).size);
    const trunkM = trunk.reduce((s, p) => s + p.lengthM!, 0);
    const distributionM = feeders.reduce((s, p) => s + (p.heatLossWPerMK! * p.lengthM!) / 0.22, 0);
    expect((trunkM + distributionM) / 900e3).toBeCloseTo(1, 2);
    expect(trunkM).toBeGreaterThan(50e3);
  });

  it('has the reference plants: data-centre heat pumps, a 10 MW air-to-water unit down to -15 °C, 50 MW electric boiler, 800 MWh accumulator, gas baseline', () => {
    const kindOf = new Map(scenario.sources.map((s) => [s.id, s.kind]));
    const units = scenario.plants.flatMap((p) => p.units);
    const dc = units.filter((u) => u.kind === 'heatPump' && kindOf.get(u.source) === 'datacentre');
    expect(dc.length).toBeGreaterThanOrEqual(4);
    for (const u of dc) {
      if (u.kind !== 'heatPump') continue;
      expect(u.maxSinkC).toBe(95);
      expect(u.capacityW).toBeLessThanOrEqual(80e6);
    }
    const air = units.filter((u) => u.kind === 'heatPump' && kindOf.get(u.source) === 'outdoorAir');
    expect(air).toHaveLength(1);
    expect(air[0]).toMatchObject({ capacityW: 10e6, minSourceC: -15 });
    expect(units.find((u) => u.kind === 'boiler' && u.fuel === 'electric')).toMatchObject({ capacityW: 50e6 });
    const tank = units.find((u) => u.kind === 'storage');
    expect(tank?.kind).toBe('storage');
    if (tank?.kind === 'storage') expect((RHO * CP * tank.volumeM3 * (95 - tank.coldC)) / 3.6e9).toBeCloseTo(800, -1);
    expect(units.some((u) => u.kind === 'boiler' && u.fuel === 'coal')).toBe(false); // coal ended in 2024
    expect(scenario.baseline.fuel).toBe('gas');
    expect(scenario.emissions).toMatchObject({ electricityGPerKWh: 179, fuelGPerKWh: { gas: 202, coal: 341 } });
  });
});

describe('espoo-clean-heat: a simulated year', () => {
  it('delivers ~40 % of its heat from the data centres and avoids ~400,000 t CO2, with small unmet heat and Finnish losses', () => {
    const model = compileScenario(scenario);
    const sim = createSimulation(model, { startS: dateToS(scenario.simulation.start), seed: scenario.simulation.seed });
    const inputs = createOperatorInputs(model);
    const dcSources = new Set(scenario.sources.filter((s) => s.kind === 'datacentre').map((s) => s.id));
    const dcUnits = sim.outputs.units.filter((u) => u.kind === 'heatPump' && dcSources.has(u.spec.source));
    const stepS = scenario.simulation.stepS;
    const steps = Math.round((scenario.simulation.days * DAY_S) / stepS);
    let heatJ = 0;
    let electricityJ = 0;
    let sourceJ = 0;
    let hottestSinkC = 0;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) {
      stepSimulation(sim, inputs, stepS);
      for (const u of dcUnits) {
        if (u.kind !== 'heatPump') continue;
        heatJ += u.heatW * stepS;
        electricityJ += u.electricityW * stepS;
        sourceJ += u.state.sourceHeatW * stepS;
        if (u.heatW > 0 && u.state.sinkOutC > hottestSinkC) hottestSinkC = u.state.sinkOutC;
      }
    }
    const runtimeS = (performance.now() - t0) / 1000;
    const s = summarizeSimulation(sim);

    // Reference: data-centre heat about 40 % of the district heat of the three towns.
    const dcShare = s.heatBySourceMWh.datacentre / s.heatDeliveredMWh;
    expect(dcShare).toBeGreaterThan(0.35);
    expect(dcShare).toBeLessThan(0.45);
    // Reference: up to 400,000 t CO2 a year less (within 15 %).
    expect(s.co2AvoidedTonnes).toBeGreaterThan(0.85 * 400_000);
    expect(s.co2AvoidedTonnes).toBeLessThan(1.15 * 400_000);
    // Reference: about 75 % of the data centres' waste heat used; the rest to dry coolers.
    const sourceMWh = sourceJ / 3.6e9;
    const used = sourceMWh / (sourceMWh + s.dryCoolerMWh);
    expect(used).toBeGreaterThan(0.65);
    expect(used).toBeLessThan(0.85);
    // Reference (Heat pumps): COP 2.5-3.5 from 25-35 °C data-centre water into an 80-95 °C network; at most 95 °C.
    expect(heatJ / electricityJ).toBeGreaterThan(2.5);
    expect(heatJ / electricityJ).toBeLessThan(3.5);
    expect(hottestSinkC).toBeCloseTo(95, 6);
    // Reference (Network): Finnish networks lose about 7 % to 10 % of production.
    expect(s.networkLossPct).toBeGreaterThan(7);
    expect(s.networkLossPct).toBeLessThan(10);
    // The city stays warm: unmet heat under 2 % of demand; the books close.
    expect(s.unmetHeatMWh / s.heatDemandMWh).toBeLessThan(0.02);
    expect(Math.abs(s.balanceErrorPct)).toBeLessThan(0.1);
    // Real scale: ~250,000 users x 8-11 MWh.
    expect(s.heatDeliveredMWh).toBeGreaterThan(2.0e6);
    expect(s.heatDeliveredMWh).toBeLessThan(2.75e6);
    expect(runtimeS).toBeLessThan(30);
  }, 120_000);
});
