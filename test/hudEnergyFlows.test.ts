import { describe, it, expect } from 'vitest';
import { energyFlows, layoutSankey } from '../client/src/hud/energyFlows';
import { stackProduction } from '../client/src/hud/productionStack';
import type { KpiSample } from '../shared/protocol/session';
import { kpiSample } from './fixtures/kpiSample';

function sample(over: Partial<KpiSample>): KpiSample {
  return kpiSample({ outdoorC: -5, supplySetpointC: 90, priceEurPerMWh: 60, ...over });
}

const value = (flows: ReturnType<typeof energyFlows>, from: string, to: string) => flows.find((f) => f.from === from && f.to === to)?.valueMW ?? 0;

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
    expect(value(f, 'datacentre', 'heatPumps')).toBeCloseTo(4, 12); // 6 MW at COP 3: 2 MW electricity, 4 MW from the source
    expect(value(f, 'wastewater', 'heatPumps')).toBeCloseTo(1.5, 12); // 3 MW at COP 2
    expect(value(f, 'electricity', 'heatPumps')).toBeCloseTo(3.5, 12);
    expect(value(f, 'heatPumps', 'network')).toBeCloseTo(9, 12);
    expect(value(f, 'network', 'buildings')).toBeCloseTo(8.1, 12);
    expect(value(f, 'network', 'losses')).toBeCloseTo(0.9, 12);
    expect(value(f, 'network', 'stored')).toBe(0); // 9 in = 8.1 + 0.9 out: nothing held back
  });

  it('draws boilers by their heat (fuels together, electric boilers from electricity) and storage by discharge', () => {
    const k = sample({ heatBySourceMW: { gas: 2, oil: 1, electricBoiler: 4, storage: 1.5 }, heatDeliveredMW: 7, networkLossMW: 0.5 });
    const f = energyFlows(k);
    expect(value(f, 'fuels', 'boilers')).toBeCloseTo(3, 12);
    expect(value(f, 'electricity', 'boilers')).toBeCloseTo(4, 12);
    expect(value(f, 'boilers', 'network')).toBeCloseTo(7, 12);
    expect(value(f, 'storage', 'network')).toBeCloseTo(1.5, 12);
    expect(value(f, 'network', 'stored')).toBeCloseTo(1, 12); // 8.5 in - 7.5 out
    expect(f.some((x) => x.from === 'electricity' && x.to === 'heatPumps')).toBe(false); // no heat pump ran
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
    // The fullest column is the sources: 6 + 3 + 3 (electricity) + 2 (fuels) = 14 MW in 4 nodes with 3 gaps.
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
    const sources = nodes.filter((n) => n.column === 0);
    // Sources: 5 nodes + electricity; the four small ones take 30 px each, the rest share what is left at one scale:
    // scale = (300 - 5 gaps x 6 - 4 x 30) / (20 + 31/3) MW (datacentre 30 x 2/3 MW from its source, electricity 31/3 MW).
    expect(scale).toBeCloseTo((300 - 5 * 6 - 4 * 30) / (20 + 31 / 3), 9);
    for (let i = 1; i < sources.length; i++) {
      const prevCentre = sources[i - 1].y + sources[i - 1].height / 2;
      const centre = sources[i].y + sources[i].height / 2;
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
