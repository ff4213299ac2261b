import { describe, it, expect } from 'vitest';
import { energyFlows, layoutSankey } from '../client/src/hud/energyFlows';
import { stackProduction } from '../client/src/hud/productionStack';
import { sourceLabel } from '../client/src/hud/sourceColors';
import type { KpiSample } from '../shared/protocol/session';
import { kpiSample } from './fixtures/kpiSample';
import { smallCity } from './fixtures/smallCity';
import { parseScenario } from '../shared/scenario/validate';
import { dateToS } from '../server/sim/calendar';
import { compileScenario } from '../server/sim/compile';
import { createSimulation, type SimulationOutputs } from '../server/sim';
import { createCostFactors } from '../server/sim/costFactors';
import { bookStep, type BookedStep } from '../server/sim/bookkeeping';
import { settlePlant, type StorageUnit } from '../server/sim/plant/plants';
import { storageHotHeatJ } from '../server/sim/plant/storage';
import { waterHeatJPerKg } from '../server/sim/water';
import { createKpiMeter, sampleKpi } from '../server/session/kpi';

function sample(over: Partial<KpiSample>): KpiSample {
  return kpiSample({ outdoorC: -5, supplySetpointC: 90, priceEurPerMWh: 60, ...over });
}

const value = (flows: ReturnType<typeof energyFlows>, from: string, to: string) => flows.find((f) => f.from === from && f.to === to)?.valueMW ?? 0;
/** The band into the network that carries one source's heat. */
const intoNetwork = (flows: ReturnType<typeof energyFlows>, source: string) =>
  flows.filter((f) => f.to === 'network' && f.source === source).reduce((s, f) => s + f.valueMW, 0);

describe('energy flows of a KPI sample', () => {
  // Reference docs/reference-figures.md, Heat pumps: Q_sink = Q_source + P_el, COP = Q_sink / P_el.
  it('splits heat-pump heat into source heat and electricity by Q_sink = Q_source + P_el, each source at its own COP', () => {
    const k = sample({
      cop: 9 / 3.5,
      heatBySourceMW: { datacentre: 6, wastewater: 3 },
      heatPumpElectricityBySourceMW: { datacentre: 2, wastewater: 1.5 },
      heatDeliveredMW: 8.1,
      networkLossMW: 0.9,
    });
    const f = energyFlows(k);
    expect(value(f, 'wasteHeat', 'datacentre')).toBeCloseTo(4, 12); // 6 MW at COP 3: 2 MW electricity, 4 MW taken
    expect(value(f, 'electricity', 'datacentre')).toBeCloseTo(2, 12);
    expect(value(f, 'wasteHeat', 'wastewater')).toBeCloseTo(1.5, 12); // 3 MW at COP 2
    expect(value(f, 'electricity', 'wastewater')).toBeCloseTo(1.5, 12);
    expect(value(f, 'datacentre', 'network')).toBeCloseTo(6, 12);
    expect(value(f, 'wastewater', 'network')).toBeCloseTo(3, 12);
    expect(value(f, 'network', 'buildings')).toBeCloseTo(8.1, 12);
    expect(value(f, 'network', 'losses')).toBeCloseTo(0.9, 12);
    expect(value(f, 'network', 'stored')).toBe(0); // 9 in = 8.1 + 0.9 out: nothing held back
  });

  it('draws boilers by their heat (fuels together, electric boilers from electricity) and storage by discharge', () => {
    const k = sample({ heatBySourceMW: { gas: 2, oil: 1, electricBoiler: 4, storage: 1.5 }, heatDeliveredMW: 7, networkLossMW: 0.5 });
    const f = energyFlows(k);
    expect(value(f, 'fuels', 'boilers')).toBeCloseTo(3, 12);
    expect(value(f, 'electricity', 'boilers')).toBeCloseTo(4, 12);
    // Into the network, one band per fuel: the production chart's bands.
    expect(intoNetwork(f, 'gas')).toBeCloseTo(2, 12);
    expect(intoNetwork(f, 'oil')).toBeCloseTo(1, 12);
    expect(intoNetwork(f, 'electricBoiler')).toBeCloseTo(4, 12);
    expect(intoNetwork(f, 'storage')).toBeCloseTo(1.5, 12);
    expect(value(f, 'network', 'stored')).toBeCloseTo(1, 12); // 8.5 in - 7.5 out
    expect(f.some((x) => x.from === 'wasteHeat' || x.from === 'ambientHeat')).toBe(false); // no heat pump ran
  });

  it('lays out bands whose widths are value x scale and fill each node exactly', () => {
    const k = sample({
      cop: 4,
      heatBySourceMW: { datacentre: 8, outdoorAir: 4, gas: 2 },
      heatPumpElectricityBySourceMW: { datacentre: 2, outdoorAir: 1 },
      heatDeliveredMW: 12.6,
      networkLossMW: 1.4,
    });
    const box = { width: 400, height: 300, nodeWidth: 10, gap: 10, minSlot: 0 };
    const { nodes, flows, scale } = layoutSankey(energyFlows(k), box);
    // The fullest column is the first: waste heat 6 + ambient heat 3 + electricity 3 + fuels 2 = 14 MW in 4 nodes
    // with 3 gaps (the heat pumps and boilers: 14 MW in 3 nodes).
    expect(scale).toBeCloseTo((300 - 3 * 10) / 14, 12);
    for (const f of flows) expect(f.width).toBeCloseTo(f.valueMW * scale, 12);
    const network = nodes.find((n) => n.id === 'network')!;
    expect(network.valueMW).toBeCloseTo(14, 12);
    // Bands leaving the network stack from its top edge to its bottom edge.
    const out = flows.filter((f) => f.from === 'network');
    expect(out[0].y0 - out[0].width / 2).toBeCloseTo(network.y, 9);
    const lastOut = out[out.length - 1];
    expect(lastOut.y0 + lastOut.width / 2).toBeCloseTo(network.y + network.height, 9);
    for (const n of nodes) {
      expect(n.y).toBeGreaterThanOrEqual(-1e-9);
      expect(n.y + n.height).toBeLessThanOrEqual(box.height + 1e-9);
    }
  });
});

describe('sankey label slots', () => {
  it('gives small nodes at least minSlot and keeps every column inside the box', () => {
    // One big source and four tiny ones: without slots their labels would sit on top of each other.
    const heatBySourceMW = { datacentre: 30, wastewater: 0.3, supermarket: 0.2, buildingCooling: 0.2, outdoorAir: 0.3 };
    const heatPumpElectricityBySourceMW = Object.fromEntries(Object.entries(heatBySourceMW).map(([s, q]) => [s, q / 3])); // COP 3 each
    const k = sample({ cop: 3, heatBySourceMW, heatPumpElectricityBySourceMW, heatDeliveredMW: 28, networkLossMW: 3 });
    const box = { width: 400, height: 300, nodeWidth: 10, gap: 6, minSlot: 30 };
    const { nodes, scale } = layoutSankey(energyFlows(k), box);
    const heatPumps = nodes.filter((n) => n.column === 1);
    // Heat pumps by source: 5 nodes; the four small ones take 30 px each, the data centre's 30 MW the rest:
    // scale = (300 - 4 gaps x 6 - 4 x 30) / 30 MW, less than any other column's.
    const ids = ['datacentre', 'supermarket', 'wastewater', 'buildingCooling', 'outdoorAir'];
    expect(heatPumps.map((n) => n.id)).toEqual(ids);
    expect(scale).toBeCloseTo((300 - 4 * 6 - 4 * 30) / 30, 9);
    for (let i = 1; i < heatPumps.length; i++) {
      const prevCentre = heatPumps[i - 1].y + heatPumps[i - 1].height / 2;
      const centre = heatPumps[i].y + heatPumps[i].height / 2;
      expect(centre - prevCentre).toBeGreaterThanOrEqual(30 + 6 - 1e-9);
    }
    for (const n of nodes) expect(n.y + n.height).toBeLessThanOrEqual(box.height + 1e-9);
  });
});

describe('production stack', () => {
  it('stacks sources so each top is the running sum and the last is the total heat', () => {
    const h = [
      sample({ simTimeS: 0, heatBySourceMW: { datacentre: 2, wastewater: 1, gas: 0 } }),
      sample({ simTimeS: 300, heatBySourceMW: { datacentre: 3, wastewater: 0.5, gas: 4 } }),
    ];
    const s = stackProduction(h);
    expect(s.keys).toEqual(['datacentre', 'wastewater', 'gas']);
    expect(s.timesS).toEqual([0, 300]);
    expect(s.tops[0]).toEqual([2, 3]);
    expect(s.tops[1]).toEqual([3, 3.5]);
    expect(s.tops[2]).toEqual([3, 7.5]);
  });
});

describe('the Sankey and the production chart read one sample alike', () => {
  // A KPI sample from the server's own books: the small city's main plant with its data-centre heat pumps, both
  // boilers and its tank discharging heat that is 75 % waste heat, settled (plant/plants.ts), booked
  // (bookkeeping.ts) and sampled (server/session/kpi.ts) over one 300 s step.
  function bookedSample(): KpiSample {
    const input = parseScenario(smallCity());
    const model = compileScenario(input);
    const sim = createSimulation(model, { startS: dateToS('2025-01-10') });
    const plant = sim.state.plants.find((p) => p.isMain)!;
    const unit = (id: string) => plant.units.find((u) => u.id === id)!;
    // Heat, electricity, fuel (W) of each unit this step.
    const made = {
      'dc-hp1': [0.6e6, 0.15e6, 0],
      'dc-hp2': [0.4e6, 0.12e6, 0],
      eboiler: [0.2e6, 0.202e6, 0],
      gas: [0.3e6, 0, 0.326e6],
    };
    for (const [id, [heatW, electricityW, fuelW]] of Object.entries(made)) {
      Object.assign(unit(id), { heatW, electricityW, fuelW });
    }
    const tank = unit('tank') as StorageUnit;
    tank.state.wasteJ = 0.75 * storageHotHeatJ(tank.spec, tank.state);
    const needW = 0.6e6 + 0.4e6 + 0.2e6 + 0.3e6 + 0.8e6; // the tank covers the last 0.8 MW
    plant.flowKgS = needW / waterHeatJPerKg(50, 80);
    settlePlant(plant, 50, 80, 'auto', 0, 300);
    const out = { ...sim.outputs, ledger: sim.state.ledger, districts: null } as unknown as SimulationOutputs;
    const meter = createKpiMeter(out);
    const step = {
      electricityPriceEurPerMWh: 60,
      demandW: Float64Array.of(2.1e6),
      deliveredW: Float64Array.of(2.1e6),
      unmetW: Float64Array.of(0),
      units: plant.units,
      prosumers: [],
      plants: [plant],
      sources: [],
      supply: { totalHeatLossW: 0.1e6 },
      return: { totalHeatLossW: 0.05e6 },
      pump: { electricityW: 0 },
      pressureHolding: { leakKgS: 0, makeUpKgS: 0, leakHeatW: 0 },
    } as unknown as BookedStep;
    bookStep(sim.state.ledger, model, createCostFactors(input), step, new Float64Array(0), 0, 300);
    return sampleKpi(meter, out);
  }

  it('gives each source the same MW in the Sankey as the chart\'s band, and the share by its definition', () => {
    const k = bookedSample();
    // By hand: data centre 0.6 + 0.4 MW, electric boiler 0.2, gas 0.3, tank 0.8 MW of which 0.6 waste heat.
    const hand: Record<string, number> = { datacentre: 1.0, electricBoiler: 0.2, gas: 0.3, storage: 0.8 };
    const stack = stackProduction([k]);
    expect(stack.keys).toEqual(['datacentre', 'electricBoiler', 'gas', 'storage']);
    const flows = energyFlows(k);
    const { nodes } = layoutSankey(flows, { width: 400, height: 300, nodeWidth: 10, gap: 6, minSlot: 20 });
    stack.keys.forEach((key, i) => {
      const bandMW = stack.tops[i][0] - (i > 0 ? stack.tops[i - 1][0] : 0);
      expect(bandMW).toBeCloseTo(hand[key], 9);
      expect(intoNetwork(flows, key)).toBeCloseTo(bandMW, 12);
    });
    // The node named "Data centre" carries the heat-pump output, as the chart's band; the heat taken is marked.
    const dc = nodes.find((n) => n.id === 'datacentre')!;
    expect(dc.label).toBe(sourceLabel('datacentre')); // the chart's legend's name
    expect(dc.valueMW).toBeCloseTo(stack.tops[0][0], 12);
    const taken = nodes.find((n) => n.id === 'wasteHeat')!;
    expect(taken.note).toBe('taken');
    expect(taken.valueMW).toBeCloseTo(1.0 - 0.27, 9); // 1 MW less 0.27 MW of compressor electricity
    // Waste-heat share: (1.0 + 0.75 x 0.8) / (1.0 + 0.2 + 0.3 + 0.8) MW into the network.
    expect(k.wasteHeatSharePct).toBeCloseTo((100 * (1.0 + 0.75 * 0.8)) / 2.3, 9);
  });
});
