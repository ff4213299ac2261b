/**
 * What the selection panel shows for a building, a plant or a pipe: its fixed facts from the scenario, and its
 * live values read from a frame (block layout: shared/protocol/frame.ts; units plant by plant) as display rows
 * plus the numbers its time-series chart plots.
 */
import type { Frame } from '../../../shared/protocol/frame';
import type { Scenario } from '../../../shared/scenario/schema';
import type { Selection } from '../state/store';
import { celsiusText, numberText, powerText } from './format';
import { pipeVelocityMS } from './hydraulics';
import type { SeriesSpec } from './useLiveSeriesChart';

export interface Row {
  label: string;
  text: string;
}

export interface SelectionView {
  kind: string;
  title: string;
  facts: Row[];
  /** Chart series: left-axis unit and the series. */
  leftUnit: string;
  series: SeriesSpec[];
}

export interface SelectionLive {
  rows: Row[];
  /** Per unit of a plant: name, heat, COP or state of charge, mode. */
  units: Row[];
  /** One value per series, in the series' units. */
  values: number[];
}

const USE_LABELS: Record<string, string> = {
  residential: 'Homes',
  office: 'Office',
  school: 'School',
  retail: 'Retail',
  supermarket: 'Supermarket',
  datacentre: 'Data centre',
  industrial: 'Industry',
  plant: 'Plant',
};

const DEMAND = '#ff7043';
const DELIVERED = '#ffd54f';
const WARM = '#ef5350';
const COOL = '#42a5f5';

export function describeSelection(scenario: Scenario, sel: NonNullable<Selection>): SelectionView | null {
  if (sel.kind === 'building') {
    const b = scenario.buildings[sel.index];
    if (!b) return null;
    const source = scenario.sources.find((s) => s.buildingId === b.id);
    const facts: Row[] = [
      { label: 'Use', text: (USE_LABELS[b.use] ?? b.use) + (b.prosumer ? ' · prosumer' : '') },
      { label: 'Built', text: String(b.yearBuilt) },
      { label: 'Floor area', text: `${b.floorAreaM2.toLocaleString('en-GB')} m²` },
    ];
    if (source) facts.push({ label: 'Heat source', text: source.name ?? source.id });
    if (!b.node) facts.push({ label: 'Network', text: 'not connected' });
    return {
      kind: 'Building',
      title: b.name ?? b.id,
      facts,
      leftUnit: 'kW',
      series: [
        { label: 'Demand', color: DEMAND, axis: 'left' },
        { label: 'Delivered', color: DELIVERED, axis: 'left' },
        { label: 'Indoor', color: COOL, axis: 'right' },
      ],
    };
  }
  if (sel.kind === 'plant') {
    const p = scenario.plants[sel.index];
    if (!p) return null;
    const kinds = p.units.map((u) => u.kind);
    return {
      kind: 'Plant',
      title: p.name,
      facts: [
        { label: 'Units', text: `${count(kinds, 'heatPump', 'heat pump')}${count(kinds, 'boiler', 'boiler')}${count(kinds, 'storage', 'store')}`.replace(/, $/, '') },
        { label: 'Capacity', text: powerText(p.units.reduce((s, u) => s + (u.kind === 'storage' ? 0 : u.capacityW), 0)) },
      ],
      leftUnit: 'MW',
      series: [
        { label: 'Heat', color: DEMAND, axis: 'left' },
        { label: 'Outlet', color: WARM, axis: 'right' },
        { label: 'Return', color: COOL, axis: 'right' },
      ],
    };
  }
  const pipe = scenario.network.pipes[sel.index];
  if (!pipe) return null;
  return {
    kind: 'Pipe',
    title: pipe.id,
    facts: [
      { label: 'Route', text: `${pipe.from} → ${pipe.to}` },
      { label: 'Inner diameter', text: `${(pipe.innerDiameterM * 1000).toFixed(0)} mm` },
      ...(pipe.lengthM ? [{ label: 'Length', text: `${pipe.lengthM.toFixed(0)} m` }] : []),
    ],
    leftUnit: 'kg/s',
    series: [
      { label: 'Flow', color: DELIVERED, axis: 'left' },
      { label: 'Supply', color: WARM, axis: 'right' },
      { label: 'Return', color: COOL, axis: 'right' },
    ],
  };
}

function count(kinds: string[], kind: string, word: string): string {
  const n = kinds.filter((k) => k === kind).length;
  return n === 0 ? '' : `${n} ${word}${n > 1 ? 's' : ''}, `;
}

const HEAT_PUMP_MODES = ['off', 'starting', 'running', 'tripped', 'maintenance'];

export function readSelection(frame: Frame, scenario: Scenario, sel: NonNullable<Selection>): SelectionLive | null {
  if (sel.kind === 'building') {
    const i = sel.index;
    if (i >= frame.counts.buildings) return null;
    const demandW = frame.buildings.demandW[i];
    const deliveredW = frame.buildings.deliveredW[i];
    const indoorC = frame.buildings.indoorC[i];
    return {
      rows: [
        { label: 'Heat demand', text: powerText(demandW) },
        { label: 'Delivered', text: powerText(deliveredW) },
        { label: 'Indoor', text: celsiusText(indoorC) },
      ],
      units: [],
      values: [demandW / 1e3, deliveredW / 1e3, indoorC],
    };
  }
  if (sel.kind === 'plant') {
    const i = sel.index;
    if (i >= frame.counts.plants) return null;
    const heatW = frame.plants.heatW[i];
    const outletC = frame.plants.outletC[i];
    const returnC = frame.plants.returnC[i];
    let first = 0;
    for (let p = 0; p < i; p++) first += scenario.plants[p].units.length;
    const units: Row[] = scenario.plants[i].units.map((spec, k) => {
      const u = first + k;
      const uHeatW = frame.units.heatW[u];
      const x = frame.units.copOrSoc[u];
      const mode = frame.units.mode[u];
      const name = spec.name ?? spec.id;
      if (spec.kind === 'storage') {
        const state = uHeatW > 1e3 ? 'discharging' : uHeatW < -1e3 ? 'charging' : 'idle';
        return { label: name, text: `${powerText(Math.abs(uHeatW))} ${state} · ${(100 * x).toFixed(0)} % full` };
      }
      if (spec.kind === 'heatPump') {
        const modeText = HEAT_PUMP_MODES[Math.round(mode)] ?? '?';
        return { label: name, text: `${powerText(uHeatW)} · COP ${x > 0 ? numberText(x, 2) : '–'} · ${modeText}` };
      }
      return { label: name, text: `${powerText(uHeatW)} · ${mode >= 1 ? 'on' : 'off'}` };
    });
    return {
      rows: [
        { label: 'Heat out', text: powerText(heatW) },
        { label: 'Outlet', text: celsiusText(outletC) },
        { label: 'Return', text: celsiusText(returnC) },
        { label: 'Flow', text: `${numberText(frame.plants.flowKgS[i], 1)} kg/s` },
      ],
      units,
      values: [heatW / 1e6, outletC, returnC],
    };
  }
  const i = sel.index;
  const pipe = scenario.network.pipes[i];
  if (i >= frame.counts.pipes || !pipe) return null;
  const flowKgS = frame.pipes.massFlowKgS[i];
  const supplyC = frame.pipes.supplyC[i];
  const returnC = frame.pipes.returnC[i];
  const velocityMS = pipeVelocityMS(flowKgS, pipe.innerDiameterM);
  return {
    rows: [
      { label: 'Flow', text: `${numberText(Math.abs(flowKgS), 2)} kg/s ${flowKgS < 0 ? `(${pipe.to} → ${pipe.from})` : ''}`.trim() },
      { label: 'Velocity', text: `${numberText(Math.abs(velocityMS), 2)} m/s` },
      { label: 'Supply', text: celsiusText(supplyC) },
      { label: 'Return', text: celsiusText(returnC) },
    ],
    units: [],
    values: [flowKgS, supplyC, returnC],
  };
}

/** Two readings show the same text (so the panel need not re-render). */
export function sameReadings(a: SelectionLive | null, b: SelectionLive | null): boolean {
  if (a === null || b === null) return a === b;
  const text = (r: SelectionLive) => r.rows.map((x) => x.text).join('|') + '#' + r.units.map((x) => x.text).join('|');
  return text(a) === text(b);
}
