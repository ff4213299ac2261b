/**
 * The trend tag catalogue: every scenario in assets/scenarios gives every plant its outlet, return and heat tags
 * and every unit its heat (and COP for a heat pump, state of charge for storage), beside the network's measured
 * and KPI tags, with ids unique and as a query names them; values read from a frame come from the right plant
 * and unit, in the tag's unit, and a failed transmitter or an idle heat pump's COP gives none.
 */
import { describe, expect, it } from 'vitest';
import { listScenarioIds, loadScenario } from '../../server/scenarios/load';
import { createFrame } from '../../shared/protocol/frame';
import type { KpiSample } from '../../shared/protocol/session';
import {
  SUPPLY_TX_TAG,
  TAG_ID_PATTERN,
  tagValue,
  trendTags,
  WORST_DP_TX_TAG,
} from '../../shared/training/trendTags';

describe('the trend tag catalogue', () => {
  const ids = listScenarioIds();

  it('finds the scenarios', () => {
    expect(ids).toContain('espoo-district');
  });

  it.each(ids)('gives every plant and unit of %s its tags, ids unique', (id) => {
    const scenario = loadScenario(id).scenario;
    const tags = trendTags(scenario);
    const byId = new Map(tags.map((t) => [t.id, t]));
    expect(byId.size).toBe(tags.length);
    for (const t of tags) expect(t.id).toMatch(TAG_ID_PATTERN);
    expect(byId.get(SUPPLY_TX_TAG)).toMatchObject({ group: 'network', unit: '°C' });
    expect(byId.get(WORST_DP_TX_TAG)).toMatchObject({ group: 'network', unit: 'kPa' });
    expect(byId.get('kpi:heatDeliveredMW')).toMatchObject({ group: 'network', unit: 'MW' });
    scenario.plants.forEach((plant, index) => {
      for (const [q, unit] of [['supplyC', '°C'], ['returnC', '°C'], ['heatMW', 'MW']] as const) {
        const tag = byId.get(`plant:${plant.id}:${q}`);
        expect(tag, `${plant.id} ${q}`).toMatchObject({ group: 'plants', owner: plant.name, unit });
        expect(tag?.source).toEqual({ from: 'plant', index, quantity: q });
      }
    });
    const units = scenario.plants.flatMap((p) => p.units);
    units.forEach((u, index) => {
      expect(byId.get(`unit:${u.id}:heatMW`)?.source, u.id).toEqual({ from: 'unit', index, quantity: 'heatMW' });
      expect(byId.has(`unit:${u.id}:cop`), `${u.id} COP`).toBe(u.kind === 'heatPump');
      expect(byId.has(`unit:${u.id}:socPct`), `${u.id} SoC`).toBe(u.kind === 'storage');
    });
    const perUnit = units.reduce((n, u) => n + (u.kind === 'boiler' ? 1 : 2), 0);
    expect(tags.filter((t) => t.group === 'units')).toHaveLength(perUnit);
    expect(tags.filter((t) => t.group === 'plants')).toHaveLength(3 * scenario.plants.length);
  });

  it('reads each tag from its source, in its unit', () => {
    const scenario = loadScenario('espoo-district').scenario;
    const tags = trendTags(scenario);
    const units = scenario.plants.flatMap((p) => p.units);
    const frame = createFrame({ buildings: 0, pipes: 0, plants: scenario.plants.length, units: units.length });
    frame.plants.outletC[1] = 72.5;
    frame.plants.heatW[1] = 3.2e6;
    const hp = units.findIndex((u) => u.kind === 'heatPump');
    const store = units.findIndex((u) => u.kind === 'storage');
    frame.units.heatW[hp] = 1.5e6;
    frame.units.copOrSoc[hp] = 3.1;
    frame.units.copOrSoc[store] = 0.4;
    const value = (id: string, sources: Parameters<typeof tagValue>[1]) =>
      tagValue(tags.find((t) => t.id === id)!, sources);
    const plant = scenario.plants[1].id;
    expect(value(`plant:${plant}:supplyC`, { frame })).toBeCloseTo(72.5);
    expect(value(`plant:${plant}:heatMW`, { frame })).toBeCloseTo(3.2);
    expect(value(`unit:${units[hp].id}:heatMW`, { frame })).toBeCloseTo(1.5);
    expect(value(`unit:${units[hp].id}:cop`, { frame })).toBeCloseTo(3.1);
    expect(value(`unit:${units[store].id}:socPct`, { frame })).toBeCloseTo(40);
    frame.units.copOrSoc[hp] = 0;
    expect(value(`unit:${units[hp].id}:cop`, { frame }), 'no COP while it makes no heat').toBeNull();
    expect(value(`unit:${units[hp].id}:heatMW`, {}), 'no frame, no value').toBeNull();

    const readings = {
      simTimeS: 0,
      transmitters: [
        { sensor: 'supplyTemperature' as const, measured: null, truth: 80 },
        { sensor: 'worstDp' as const, measured: 95_000, truth: 90_000 },
      ],
    };
    expect(value(SUPPLY_TX_TAG, { readings }), 'a failed transmitter: none, never its truth').toBeNull();
    expect(value(WORST_DP_TX_TAG, { readings })).toBe(95);
    expect(value('kpi:unmetHeatMW', { kpi: { unmetHeatMW: 0.25 } as KpiSample })).toBe(0.25);
  });
});
