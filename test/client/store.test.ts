/**
 * The client store's reducers (client/src/state/store.ts). Expected values follow from the store's stated
 * rules: KPI history keeps the last 48 simulated hours (KPI_WINDOW_S), a sample earlier than the last starts
 * the history afresh, a new scenario clears what belonged to the old one.
 */
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { createTwinStore, KPI_WINDOW_S } from '../../client/src/state/store';
import type { KpiSample } from '../../shared/protocol/session';
import { smallCity } from '../fixtures/smallCity';
import { kpiSample } from '../fixtures/kpiSample';
import { parseScenario } from '../../shared/scenario/validate';

const HOUR_S = 3600;

function kpi(simTimeS: number, heatDemandMW = 1): KpiSample {
  return kpiSample({
    simTimeS,
    outdoorC: -5,
    supplySetpointC: 85,
    priceEurPerMWh: 50,
    heatDemandMW,
    heatDeliveredMW: heatDemandMW,
    networkLossMW: 0.1,
    electricityMW: 0.3,
    heatBySourceMW: { heatPump: heatDemandMW },
    wasteHeatSharePct: 100,
    cop: 3,
    baselineCo2TonnesPerH: 0.4,
  });
}

describe('KPI history', () => {
  it('keeps exactly the samples of the last 48 simulated hours', () => {
    const store = createTwinStore();
    // One sample an hour for 60 hours: t = 0, 1 h, ..., 59 h.
    for (let h = 0; h < 60; h++) store.getState().pushKpi(kpi(h * HOUR_S, h));
    const { kpi: latest, kpiHistory } = store.getState();
    expect(latest?.simTimeS).toBe(59 * HOUR_S);
    // Kept: t > 59 h - 48 h = 11 h, so 12 h ... 59 h = 48 samples, oldest first.
    expect(KPI_WINDOW_S).toBe(48 * HOUR_S);
    expect(kpiHistory).toHaveLength(48);
    expect(kpiHistory[0].simTimeS).toBe(12 * HOUR_S);
    expect(kpiHistory[47].simTimeS).toBe(59 * HOUR_S);
    expect(kpiHistory.map((k) => k.heatDemandMW)).toEqual(Array.from({ length: 48 }, (_, i) => 12 + i));
  });

  it('starts afresh when simulation time jumps back (loop restart or restore)', () => {
    const store = createTwinStore();
    for (let h = 0; h < 10; h++) store.getState().pushKpi(kpi(100 * HOUR_S + h * HOUR_S));
    expect(store.getState().kpiHistory).toHaveLength(10);
    store.getState().pushKpi(kpi(5 * HOUR_S));
    expect(store.getState().kpiHistory.map((k) => k.simTimeS)).toEqual([5 * HOUR_S]);
    expect(store.getState().kpi?.simTimeS).toBe(5 * HOUR_S);
  });

  it('drops everything older than 48 h after a jump forward', () => {
    const store = createTwinStore();
    store.getState().pushKpi(kpi(0));
    store.getState().pushKpi(kpi(HOUR_S));
    store.getState().pushKpi(kpi(HOUR_S + KPI_WINDOW_S)); // 48 h after the second: the second is exactly at the edge
    expect(store.getState().kpiHistory.map((k) => k.simTimeS)).toEqual([HOUR_S + KPI_WINDOW_S]);
  });
});

describe('selection, hover, overlay and layers', () => {
  it('selects and clears a building, plant or pipe', () => {
    const store = createTwinStore();
    expect(store.getState().selection).toBeNull();
    store.getState().select({ kind: 'building', index: 3 });
    expect(store.getState().selection).toEqual({ kind: 'building', index: 3 });
    store.getState().select({ kind: 'pipe', index: 0 });
    expect(store.getState().selection).toEqual({ kind: 'pipe', index: 0 });
    store.getState().hover({ kind: 'plant', index: 1 });
    expect(store.getState().hovered).toEqual({ kind: 'plant', index: 1 });
    store.getState().select(null);
    expect(store.getState().selection).toBeNull();
  });

  it('toggles one layer at a time and switches the overlay', () => {
    const store = createTwinStore();
    const before = store.getState().layers;
    store.getState().toggleLayer('losses');
    expect(store.getState().layers).toEqual({ ...before, losses: !before.losses });
    store.getState().toggleLayer('losses');
    expect(store.getState().layers).toEqual(before);
    store.getState().setOverlay('unmet');
    expect(store.getState().overlay).toBe('unmet');
  });

  it('a new scenario clears the KPIs, history, selection and hover of the old one', () => {
    const store = createTwinStore();
    store.getState().pushKpi(kpi(0));
    store.getState().select({ kind: 'building', index: 1 });
    store.getState().hover({ kind: 'building', index: 2 });
    const scenario = parseScenario(smallCity());
    store.getState().setScenario(scenario);
    const s = store.getState();
    expect(s.scenario).toBe(scenario);
    expect([s.kpi, s.kpiHistory.length, s.selection, s.hovered]).toEqual([null, 0, null, null]);
  });

  it('keeps the newest 50 alarms, newest first', () => {
    const store = createTwinStore();
    for (let i = 0; i < 60; i++) store.getState().pushAlarm({ simTimeS: i, severity: 'info', source: 'test', message: `a${i}` });
    const { alarms } = store.getState();
    expect(alarms).toHaveLength(50);
    expect(alarms[0].simTimeS).toBe(59);
    expect(alarms[49].simTimeS).toBe(10);
  });
});
