/**
 * The measured tags an operator can trend, derived from the scenario: one catalogue for the server, which keeps
 * a sample of every tag per simulated minute in a run's record (server/records/runSamples.ts), and for the
 * consoles, which trend them live and fetch the earlier samples by the same ids.
 *
 *   Network  the control room's two transmitters (measured: a faulty one shows its error, a failed one nothing)
 *            and the KPI sample's network-wide figures
 *   Plants   per plant: outlet (supply) and return temperature, heat into the network (frame plant values)
 *   Units    per unit: heat output; COP for heat pumps, state of charge for storage (frame unit values)
 *
 * Ids are stable and readable (`tx:supplyC`, `kpi:heatDeliveredMW`, `plant:main:supplyC`, `unit:hp1:heatMW`);
 * values are in the SI-derived units shown (°C, kPa, MW, %, EUR/MWh, t/h; COP has none). Frames of a training
 * session carry the main plant's outlet as its transmitter reads it (server/session/frames.ts), so its plant
 * tag is the measured value there too: no tag ever gives a trainee the truth behind a faulty sensor.
 */
import type { Frame } from '../protocol/frame';
import type { KpiSample } from '../protocol/session';
import type { Readings, TransmitterReading } from '../protocol/training';
import type { Scenario } from '../scenario/schema';

export type TagGroup = 'network' | 'plants' | 'units';
export const TAG_GROUPS: ReadonlyArray<{ id: TagGroup; label: string }> = [
  { id: 'network', label: 'Network' },
  { id: 'plants', label: 'Plants' },
  { id: 'units', label: 'Units' },
];

export type TagUnit = '°C' | 'kPa' | 'MW' | '%' | 'EUR/MWh' | 't/h' | '–';

type KpiTagField =
  | 'heatDemandMW'
  | 'heatDeliveredMW'
  | 'unmetHeatMW'
  | 'networkLossMW'
  | 'electricityMW'
  | 'wasteHeatSharePct'
  | 'co2TonnesPerH'
  | 'outdoorC'
  | 'supplySetpointC'
  | 'priceEurPerMWh';

/** Where a tag's value comes from. */
export type TagSource =
  | { from: 'reading'; sensor: TransmitterReading['sensor'] }
  | { from: 'kpi'; field: KpiTagField }
  | { from: 'plant'; index: number; quantity: 'heatMW' | 'supplyC' | 'returnC' }
  | { from: 'unit'; index: number; quantity: 'heatMW' | 'cop' | 'socPct' };

export interface TrendTag {
  id: string;
  group: TagGroup;
  /** The plant or unit it belongs to (its name), or '' for a network tag. */
  owner: string;
  /** What it is, without its owner: "Supply temperature (measured)", "heat output". */
  quantity: string;
  /** Owner and quantity in one: what a chart's legend writes. */
  label: string;
  unit: TagUnit;
  source: TagSource;
}

/** A chart draws at most this many tags at once, and a request for a run's samples asks for at most as many. */
export const MAX_TREND_TAGS = 8;

/** Tag ids as a query names them: a scenario id (letters, digits, _ . : -) between a prefix and a quantity. */
export const TAG_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,160}$/;

/** The transmitters' tags: what the objectives' limits are drawn with. */
export const SUPPLY_TX_TAG = 'tx:supplyC';
export const WORST_DP_TX_TAG = 'tx:worstDpKPa';

type TransmitterTag = { id: string; sensor: TransmitterReading['sensor']; quantity: string; unit: TagUnit };
const TRANSMITTERS: readonly TransmitterTag[] = [
  { id: SUPPLY_TX_TAG, sensor: 'supplyTemperature', quantity: 'Supply temperature (measured)', unit: '°C' },
  { id: WORST_DP_TX_TAG, sensor: 'worstDp', quantity: 'Worst-point dp (measured)', unit: 'kPa' },
];

const KPIS: ReadonlyArray<{ field: KpiTagField; quantity: string; unit: TagUnit }> = [
  { field: 'heatDeliveredMW', quantity: 'Heat delivered', unit: 'MW' },
  { field: 'unmetHeatMW', quantity: 'Unmet heat', unit: 'MW' },
  { field: 'heatDemandMW', quantity: 'Heat demand', unit: 'MW' },
  { field: 'networkLossMW', quantity: 'Network heat loss', unit: 'MW' },
  { field: 'electricityMW', quantity: 'Electricity use', unit: 'MW' },
  { field: 'outdoorC', quantity: 'Outdoor temperature', unit: '°C' },
  { field: 'supplySetpointC', quantity: 'Supply set-point', unit: '°C' },
  { field: 'priceEurPerMWh', quantity: 'Electricity price', unit: 'EUR/MWh' },
  { field: 'wasteHeatSharePct', quantity: 'Waste-heat share', unit: '%' },
  { field: 'co2TonnesPerH', quantity: 'CO₂ emissions', unit: 't/h' },
];

const PLANT_QUANTITIES: ReadonlyArray<{ quantity: 'supplyC' | 'returnC' | 'heatMW'; text: string; unit: TagUnit }> = [
  { quantity: 'supplyC', text: 'outlet (supply) temperature', unit: '°C' },
  { quantity: 'returnC', text: 'return temperature', unit: '°C' },
  { quantity: 'heatMW', text: 'heat out', unit: 'MW' },
];

/** A unit's quantities; `of`: only units of that kind have it. */
interface UnitQuantity {
  quantity: Extract<TagSource, { from: 'unit' }>['quantity'];
  text: string;
  unit: TagUnit;
  of?: 'heatPump' | 'storage';
}
const UNIT_QUANTITIES: readonly UnitQuantity[] = [
  { quantity: 'heatMW', text: 'heat output', unit: 'MW' },
  { quantity: 'cop', text: 'COP', unit: '–', of: 'heatPump' },
  { quantity: 'socPct', text: 'state of charge', unit: '%', of: 'storage' },
];

function tag(group: TagGroup, owner: string, id: string, quantity: string, unit: TagUnit, source: TagSource): TrendTag {
  return { id, group, owner, quantity, label: owner ? `${owner} ${quantity}` : quantity, unit, source };
}

/** Every tag of the scenario: network tags, then plant after plant, then unit after unit in the frame's order. */
export function trendTags(scenario: Pick<Scenario, 'plants'>): TrendTag[] {
  const tags: TrendTag[] = [
    ...TRANSMITTERS.map((t) => tag('network', '', t.id, t.quantity, t.unit, { from: 'reading', sensor: t.sensor })),
    ...KPIS.map((k) => tag('network', '', `kpi:${k.field}`, k.quantity, k.unit, { from: 'kpi', field: k.field })),
  ];
  scenario.plants.forEach((plant, index) => {
    for (const q of PLANT_QUANTITIES) {
      const source: TagSource = { from: 'plant', index, quantity: q.quantity };
      tags.push(tag('plants', plant.name, `plant:${plant.id}:${q.quantity}`, q.text, q.unit, source));
    }
  });
  // Units are numbered in the frame in the scenario's order, plant after plant.
  const units = scenario.plants.flatMap((p) => p.units);
  units.forEach((unit, index) => {
    for (const q of UNIT_QUANTITIES) {
      if (q.of !== undefined && q.of !== unit.kind) continue;
      const source: TagSource = { from: 'unit', index, quantity: q.quantity };
      tags.push(tag('units', unit.name ?? unit.id, `unit:${unit.id}:${q.quantity}`, q.text, q.unit, source));
    }
  });
  return tags;
}

/** What a tag's value may be read from: the latest frame, KPI sample and transmitter readings, as far as known. */
export interface TagSources {
  frame?: Frame | null;
  kpi?: KpiSample | null;
  readings?: Readings | null;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The tag's value from its source, in its unit; null when that source is not given, has no value for it (a
 * failed transmitter, an element the frame does not hold), or the value means nothing (a heat pump's COP while
 * it makes no heat).
 */
export function tagValue(tag: TrendTag, s: TagSources): number | null {
  const src = tag.source;
  switch (src.from) {
    case 'reading': {
      const measured = s.readings?.transmitters.find((t) => t.sensor === src.sensor)?.measured;
      if (measured == null) return null;
      return finiteOrNull(src.sensor === 'worstDp' ? measured / 1e3 : measured);
    }
    case 'kpi':
      return s.kpi ? finiteOrNull(s.kpi[src.field]) : null;
    case 'plant': {
      const f = s.frame;
      if (!f || src.index >= f.counts.plants) return null;
      if (src.quantity === 'heatMW') return finiteOrNull(f.plants.heatW[src.index] / 1e6);
      return finiteOrNull(src.quantity === 'supplyC' ? f.plants.outletC[src.index] : f.plants.returnC[src.index]);
    }
    case 'unit': {
      const f = s.frame;
      if (!f || src.index >= f.counts.units) return null;
      if (src.quantity === 'heatMW') return finiteOrNull(f.units.heatW[src.index] / 1e6);
      const v = f.units.copOrSoc[src.index];
      if (src.quantity === 'socPct') return finiteOrNull(100 * v);
      return v > 0 ? finiteOrNull(v) : null;
    }
  }
}
