/**
 * The client store's reducers (client/src/state/store.ts). Expected values follow from the store's stated
 * rules: KPI history keeps the last 48 simulated hours (KPI_WINDOW_S), a sample earlier than the last starts
 * the history afresh, a new scenario clears what belonged to the old one; the session's history fills in where
 * the live samples leave gaps, never twice for a time and never out of order.
 */
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { createTwinStore, historySamples, KPI_WINDOW_S, mergeKpiHistory } from '../../client/src/state/store';
import { HISTORY_COLUMNS, historyValue, type History, type KpiSample } from '../../shared/protocol/session';
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

describe('KPI history from the session', () => {
  const STEP_S = 300;
  const history = (samples: KpiSample[]): History => ({
    resolutionS: STEP_S,
    columns: HISTORY_COLUMNS,
    rows: samples.map((k) => HISTORY_COLUMNS.map((c) => historyValue(k, c))),
  });
  const rowsEvery5Min = (fromS: number, toS: number) => {
    const out: KpiSample[] = [];
    for (let t = fromS; t <= toS; t += STEP_S) out.push(kpi(t, 2));
    return out;
  };
  const times = (ks: readonly KpiSample[]) => ks.map((k) => k.simTimeS);
  const increasing = (ts: number[]) => ts.every((t, i) => i === 0 || t > ts[i - 1]);

  it('reads a history row back into the sample it was made from, heat by source included', () => {
    const k = kpiSample({
      simTimeS: 1234,
      heatDemandMW: 7.5,
      co2Tonnes: 3.25,
      heatBySourceMW: { datacentre: 4.5, storage: 1.25 },
      heatPumpElectricityBySourceMW: { datacentre: 1.5 },
    });
    const [back] = historySamples(history([k]));
    expect(back.simTimeS).toBe(1234);
    expect(back.heatDemandMW).toBe(7.5);
    expect(back.co2Tonnes).toBe(3.25);
    expect(back.heatBySourceMW).toMatchObject({ datacentre: 4.5, storage: 1.25, gas: 0 });
    expect(back.heatPumpElectricityBySourceMW).toMatchObject({ datacentre: 1.5, outdoorAir: 0 });
  });

  it('puts the 48 h before the first live sample in front of it (a join)', () => {
    const now = 100 * HOUR_S;
    const live = [kpi(now), kpi(now + 60), kpi(now + 120)];
    const merged = mergeKpiHistory(live, rowsEvery5Min(now - 60 * HOUR_S, now), STEP_S);
    const ts = times(merged);
    expect(increasing(ts)).toBe(true);
    expect(merged.slice(-3)).toEqual(live);
    // Rows within one step of the first live sample are left to it: the last row kept is 5 min before it.
    expect(ts[ts.length - 4]).toBe(now - STEP_S);
    // 48 h before the newest sample, and no more.
    expect(ts[0]).toBeGreaterThan(now + 120 - KPI_WINDOW_S);
    expect(ts[0]).toBeLessThanOrEqual(now + 120 - KPI_WINDOW_S + STEP_S);
  });

  it('fills the break between live samples of a re-join, and only the break', () => {
    const before = [kpi(10 * HOUR_S), kpi(10 * HOUR_S + 60)];
    const after = [kpi(13 * HOUR_S), kpi(13 * HOUR_S + 60)];
    const merged = mergeKpiHistory([...before, ...after], rowsEvery5Min(9 * HOUR_S, 13 * HOUR_S + 60), STEP_S);
    const ts = times(merged);
    expect(increasing(ts)).toBe(true);
    const filled = merged.filter((k) => k.heatDemandMW === 2).map((k) => k.simTimeS);
    // Before the first live sample, then the break from a step after 10:01 to a step before 13:00.
    expect(filled.filter((t) => t > 10 * HOUR_S)[0]).toBe(10 * HOUR_S + 2 * STEP_S);
    expect(filled.at(-1)).toBe(13 * HOUR_S - STEP_S);
    expect(ts.slice(-2)).toEqual(times(after));
  });

  it('drops rows later than the newest live sample (the clock went back after the request)', () => {
    const live = [kpi(5 * HOUR_S)];
    const merged = mergeKpiHistory(live, rowsEvery5Min(4 * HOUR_S, 8 * HOUR_S), STEP_S);
    expect(Math.max(...times(merged))).toBe(5 * HOUR_S);
    expect(increasing(times(merged))).toBe(true);
  });

  it('keeps history alone before any live sample, and live samples after it stay in order', () => {
    const store = createTwinStore();
    store.getState().addHistory(history(rowsEvery5Min(0, 2 * HOUR_S)));
    expect(store.getState().kpiHistory).toHaveLength(25);
    expect(store.getState().kpi).toBeNull();
    // A live sample at the time of the last row replaces it rather than doubling the time.
    store.getState().pushKpi(kpi(2 * HOUR_S, 9));
    store.getState().pushKpi(kpi(2 * HOUR_S + 60, 9));
    const ts = times(store.getState().kpiHistory);
    expect(new Set(ts).size).toBe(ts.length);
    expect(increasing(ts)).toBe(true);
    expect(ts.at(-2)).toBe(2 * HOUR_S);
  });

  it('a history answer arriving after live samples goes in front of them', () => {
    const store = createTwinStore();
    store.getState().pushKpi(kpi(50 * HOUR_S, 9));
    store.getState().pushKpi(kpi(50 * HOUR_S + 60, 9));
    store.getState().addHistory(history(rowsEvery5Min(49 * HOUR_S, 50 * HOUR_S + 60)));
    const { kpiHistory, kpi: latest } = store.getState();
    expect(increasing(times(kpiHistory))).toBe(true);
    expect(kpiHistory.slice(-2).map((k) => k.heatDemandMW)).toEqual([9, 9]);
    expect(kpiHistory[0].simTimeS).toBe(49 * HOUR_S);
    expect(latest?.simTimeS).toBe(50 * HOUR_S + 60);
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
