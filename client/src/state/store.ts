/**
 * The client's state (zustand): the static scenario, the latest KPIs and their last 48 simulated hours, the
 * selection, the layers shown, alarms and the connection. Per-frame data never goes here (see net/liveFrame.ts):
 * only slow-changing state that React should render.
 */
import { createStore, useStore } from 'zustand';
import type { Scenario } from '../../../shared/scenario/schema';
import type { Alarm, History, KpiSample } from '../../../shared/protocol/session';

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'offline';
export type Selection =
  | { kind: 'building'; index: number }
  | { kind: 'plant'; index: number }
  | { kind: 'pipe'; index: number }
  | null;
/** What colours the buildings: their use, or a live quantity. */
export type BuildingOverlay = 'use' | 'demand' | 'indoor' | 'unmet';
export interface Layers {
  temperatures: boolean;
  flows: boolean;
  demand: boolean;
  losses: boolean;
}

/** KPI history kept for charts: 48 simulated hours. */
export const KPI_WINDOW_S = 48 * 3600;
const MAX_ALARMS = 50;

export interface TwinState {
  sessionId: string;
  role: 'viewer' | 'operator' | 'instructor';
  scenario: Scenario | null;
  connection: Connection;
  kpi: KpiSample | null;
  kpiHistory: KpiSample[];
  alarms: Alarm[];
  selection: Selection;
  hovered: Selection;
  overlay: BuildingOverlay;
  layers: Layers;
  setScenario: (scenario: Scenario) => void;
  setConnection: (c: Connection) => void;
  setRole: (role: TwinState['role']) => void;
  pushKpi: (k: KpiSample) => void;
  /** Adds the session's history rows (history.ts) where the live samples leave gaps: see mergeKpiHistory. */
  addHistory: (history: History) => void;
  pushAlarm: (a: Alarm) => void;
  select: (s: Selection) => void;
  hover: (s: Selection) => void;
  setOverlay: (o: BuildingOverlay) => void;
  toggleLayer: (layer: keyof Layers) => void;
}

export function createTwinStore(sessionId = 'public') {
  return createStore<TwinState>()((set) => ({
    sessionId,
    role: 'viewer',
    scenario: null,
    connection: 'connecting',
    kpi: null,
    kpiHistory: [],
    alarms: [],
    selection: null,
    hovered: null,
    overlay: 'use',
    layers: { temperatures: true, flows: true, demand: false, losses: false },
    // A new scenario (first join, or a reconnect to a restarted session) resets what belonged to the old one.
    setScenario: (scenario) => set({ scenario, kpi: null, kpiHistory: [], selection: null, hovered: null }),
    setConnection: (connection) => set({ connection }),
    setRole: (role) => set({ role }),
    pushKpi: (k) =>
      set((s) => {
        // A jump back in time (loop restart, restore) starts the history afresh.
        const kept = s.kpiHistory.filter((h) => h.simTimeS < k.simTimeS && h.simTimeS > k.simTimeS - KPI_WINDOW_S);
        kept.push(k);
        return { kpi: k, kpiHistory: kept };
      }),
    addHistory: (history) =>
      set((s) => ({ kpiHistory: mergeKpiHistory(s.kpiHistory, historySamples(history), history.resolutionS) })),
    pushAlarm: (a) => set((s) => ({ alarms: [a, ...s.alarms].slice(0, MAX_ALARMS) })),
    select: (selection) => set({ selection }),
    hover: (hovered) => set({ hovered }),
    setOverlay: (overlay) => set({ overlay }),
    toggleLayer: (layer) => set((s) => ({ layers: { ...s.layers, [layer]: !s.layers[layer] } })),
  }));
}

export type TwinStore = ReturnType<typeof createTwinStore>;

/** A history answer's rows as KPI samples, each column put back where its name says (HISTORY_COLUMNS). */
export function historySamples(history: History): KpiSample[] {
  return history.rows.map((row) => {
    const bySource = { heatBySourceMW: {}, heatPumpElectricityBySourceMW: {} };
    const sample: Record<string, number | Record<string, number>> = bySource;
    history.columns.forEach((column, i) => {
      const [field, source] = column.split('.');
      if (source === undefined) sample[field] = row[i];
      else (sample[field] as Record<string, number>)[source] = row[i];
    });
    return sample as unknown as KpiSample;
  });
}

/**
 * The live samples with the history rows (means over `resolutionS`) put where the live ones leave gaps: before
 * the first live sample (a join) and between live samples further apart than a history step (a re-join after a
 * break). A row within one step of a live sample is left out, as is a row later than the newest live sample (the
 * clock went back after it was asked for), so times stay strictly increasing; the last KPI_WINDOW_S are kept.
 */
export function mergeKpiHistory(
  live: readonly KpiSample[],
  rows: readonly KpiSample[],
  resolutionS: number,
): KpiSample[] {
  const newestS = live.at(-1)?.simTimeS ?? rows.at(-1)?.simTimeS;
  if (newestS === undefined) return [];
  const out: KpiSample[] = [];
  let j = 0; // the first live sample not before the row's step
  let l = 0; // live samples already copied out
  for (const r of rows) {
    const t = r.simTimeS;
    if (t > newestS || (out.length > 0 && t <= out[out.length - 1].simTimeS)) continue;
    while (j < live.length && live[j].simTimeS <= t - resolutionS) j++;
    if (j < live.length && live[j].simTimeS < t + resolutionS) continue;
    while (l < live.length && live[l].simTimeS < t) out.push(live[l++]);
    out.push(r);
  }
  while (l < live.length) out.push(live[l++]);
  return out.filter((k) => k.simTimeS > newestS - KPI_WINDOW_S);
}

/** The app's one store. */
export const twinStore = createTwinStore(new URLSearchParams(globalThis.location?.search ?? '').get('session') ?? 'public');

export function useTwin<T>(selector: (s: TwinState) => T): T {
  return useStore(twinStore, selector);
}
