/**
 * Design facts of a scenario a story caption may bind as `{scenario.<key>}`: counts, capacities and lengths read
 * from the scenario document itself, never typed into the caption. Units as the key's name says
 * (MW, km, m³, °C, %); a pipe without `lengthM` is as long as the straight line between its nodes, as the
 * network model takes it.
 */
import type { Scenario, SourceKind } from '../scenario/schema';
import { sourceKind } from '../scenario/schema';
import type { KpiPresentation } from './kpis';

const SOURCE_KINDS = sourceKind.options;

export const SCENARIO_FACT_KEYS = [
  'buildingCount',
  'prosumerCount',
  'districtCount',
  'plantCount',
  'networkLengthKm',
  'heatPumpCount',
  'heatPumpCapacityMW',
  ...SOURCE_KINDS.map((k) => `heatPumpCapacityMW.${k}` as const),
  'heatPumpMaxSupplyC',
  'supplyMaxC',
  'electricBoilerCapacityMW',
  'fuelBoilerCapacityMW',
  'storageVolumeM3',
  'dataCentreItLoadMW',
  'baselineEfficiencyPct',
] as const;
export type ScenarioFactKey = (typeof SCENARIO_FACT_KEYS)[number];

const SOURCE_WORD: Record<SourceKind, string> = {
  datacentre: 'data-centre',
  supermarket: 'supermarket',
  wastewater: 'wastewater',
  buildingCooling: 'building-cooling',
  outdoorAir: 'outdoor-air',
};

const PRESENTATION: Record<string, KpiPresentation> = {
  buildingCount: { label: 'Buildings', unit: '', digits: 0 },
  prosumerCount: { label: 'Prosumer buildings', unit: '', digits: 0 },
  districtCount: { label: 'Districts', unit: '', digits: 0 },
  plantCount: { label: 'Plants', unit: '', digits: 0 },
  networkLengthKm: { label: 'Network length', unit: 'km', digits: 1 },
  heatPumpCount: { label: 'Heat pumps at plants', unit: '', digits: 0 },
  heatPumpCapacityMW: { label: 'Heat-pump capacity at plants', unit: 'MW', digits: 0 },
  heatPumpMaxSupplyC: { label: 'Hottest heat-pump water', unit: '°C', digits: 0 },
  supplyMaxC: { label: 'Hottest supply', unit: '°C', digits: 0 },
  electricBoilerCapacityMW: { label: 'Electric boilers', unit: 'MW', digits: 0 },
  fuelBoilerCapacityMW: { label: 'Fuel boilers', unit: 'MW', digits: 0 },
  storageVolumeM3: { label: 'Heat storage', unit: 'm³', digits: 0 },
  dataCentreItLoadMW: { label: 'Data-centre IT load', unit: 'MW', digits: 0 },
  baselineEfficiencyPct: { label: 'Baseline plant efficiency', unit: '%', digits: 0 },
};

export function scenarioFactPresentation(key: ScenarioFactKey): KpiPresentation {
  const dot = key.indexOf('.');
  if (dot < 0) return PRESENTATION[key];
  return { label: `Heat pumps on ${SOURCE_WORD[key.slice(dot + 1) as SourceKind]} heat`, unit: 'MW', digits: 1 };
}

/** Every fact of the scenario. */
export function scenarioFacts(s: Scenario): Record<ScenarioFactKey, number> {
  const units = s.plants.flatMap((p) => p.units);
  const heatPumps = units.flatMap((u) => (u.kind === 'heatPump' ? [u] : []));
  const boilers = units.flatMap((u) => (u.kind === 'boiler' ? [u] : []));
  const sourceKindOf = new Map(s.sources.map((src) => [src.id, src.kind]));
  const nodes = new Map(s.network.nodes.map((n) => [n.id, n]));
  const pipeLengthM = (from: string, to: string, lengthM: number | undefined): number => {
    if (lengthM !== undefined) return lengthM;
    const a = nodes.get(from)!;
    const b = nodes.get(to)!;
    return Math.hypot(a.x - b.x, a.y - b.y);
  };
  const capacityMW = (kind: SourceKind) =>
    heatPumps.filter((h) => sourceKindOf.get(h.source) === kind).reduce((sum, h) => sum + h.capacityW, 0) / 1e6;
  return {
    buildingCount: s.buildings.length,
    prosumerCount: s.buildings.filter((b) => b.prosumer).length,
    districtCount: s.districts?.length ?? 0,
    plantCount: s.plants.length,
    networkLengthKm: s.network.pipes.reduce((sum, p) => sum + pipeLengthM(p.from, p.to, p.lengthM), 0) / 1000,
    heatPumpCount: heatPumps.length,
    heatPumpCapacityMW: heatPumps.reduce((sum, h) => sum + h.capacityW, 0) / 1e6,
    ...(Object.fromEntries(SOURCE_KINDS.map((k) => [`heatPumpCapacityMW.${k}`, capacityMW(k)])) as Record<
      `heatPumpCapacityMW.${SourceKind}`,
      number
    >),
    heatPumpMaxSupplyC: heatPumps.length ? Math.max(...heatPumps.map((h) => h.maxSinkC)) : 0,
    supplyMaxC: Math.max(...s.supplyCurve.points.map(([, c]) => c)),
    electricBoilerCapacityMW: boilers.filter((b) => b.fuel === 'electric').reduce((sum, b) => sum + b.capacityW, 0) / 1e6,
    fuelBoilerCapacityMW: boilers.filter((b) => b.fuel !== 'electric').reduce((sum, b) => sum + b.capacityW, 0) / 1e6,
    storageVolumeM3: units.reduce((sum, u) => sum + (u.kind === 'storage' ? u.volumeM3 : 0), 0),
    dataCentreItLoadMW: s.sources.reduce((sum, src) => sum + (src.kind === 'datacentre' ? src.itLoadW : 0), 0) / 1e6,
    baselineEfficiencyPct: 100 * s.baseline.efficiency,
  };
}
