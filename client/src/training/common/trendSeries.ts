/**
 * The measured tags a console can trend and the samples it keeps of them: a bounded ring per tag, fed from the
 * moment the page joined (the transmitters' readings and the KPI samples, each about once a wall second), and
 * the session's earlier KPI history (5-minute rows) before the first live sample. Pure data: the chart
 * (TrendChart.tsx) turns a selection of tags and a time range into uPlot's aligned columns with trendColumns.
 */
import uPlot from 'uplot';
import type { History, KpiSample } from '../../../../shared/protocol/session';
import type { Readings } from '../../../../shared/protocol/training';

export type TagId = 'supplyC' | 'worstDpKPa' | 'heatDeliveredMW' | 'unmetHeatMW' | 'outdoorC' | 'priceEurPerMWh';

export interface TagSpec {
  label: string;
  unit: string;
  color: string;
  /** The KPI sample's field, for the tags the KPI samples (and the history) carry. */
  kpiField?: 'heatDeliveredMW' | 'unmetHeatMW' | 'outdoorC' | 'priceEurPerMWh';
}

export const TAGS: Record<TagId, TagSpec> = {
  supplyC: { label: 'Supply temperature (measured)', unit: '°C', color: '#ff8a65' },
  worstDpKPa: { label: 'Worst-point dp (measured)', unit: 'kPa', color: '#4fc3f7' },
  heatDeliveredMW: { label: 'Heat delivered', unit: 'MW', color: '#69f0ae', kpiField: 'heatDeliveredMW' },
  unmetHeatMW: { label: 'Unmet heat', unit: 'MW', color: '#ff6b6b', kpiField: 'unmetHeatMW' },
  outdoorC: { label: 'Outdoor temperature', unit: '°C', color: '#b39ddb', kpiField: 'outdoorC' },
  priceEurPerMWh: { label: 'Electricity price', unit: 'EUR/MWh', color: '#ffd54f', kpiField: 'priceEurPerMWh' },
};

export const TAG_IDS = Object.keys(TAGS) as TagId[];

/** One chart holds at most this many units: one axis on the left, one on the right. */
export const MAX_UNITS = 2;

/** The units of a selection of tags, in the order they first appear (the first on the left axis). */
export function unitsOf(tags: readonly TagId[]): string[] {
  return [...new Set(tags.map((t) => TAGS[t].unit))];
}

/** Samples kept per tag: at about one a wall second, close to three hours of a run. */
export const RING_CAPACITY = 10_000;

/** Times (s, simulated) and values in a fixed-size ring: the oldest sample gives way to the newest. */
export class SampleRing {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity = RING_CAPACITY) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  firstTime(): number | undefined {
    return this.count > 0 ? this.times[this.start] : undefined;
  }

  lastTime(): number | undefined {
    return this.count > 0 ? this.times[(this.start + this.count - 1) % this.capacity] : undefined;
  }

  /** Adds a sample; one at an earlier time than the last (a jump back, a restore) starts the ring afresh. */
  push(timeS: number, value: number): void {
    const last = this.lastTime();
    if (last !== undefined && timeS < last) this.clear();
    else if (last === timeS) return;
    const at = (this.start + this.count) % this.capacity;
    this.times[at] = timeS;
    this.values[at] = value;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }

  /** The samples from fromS on, oldest first. */
  since(fromS: number): [number[], number[]] {
    const times: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const at = (this.start + i) % this.capacity;
      if (this.times[at] < fromS) continue;
      times.push(this.times[at]);
      values.push(this.values[at]);
    }
    return [times, values];
  }
}

/** The samples of every tag, the latest supply set-point (°C) and who to tell when they change. */
export interface TrendBuffer {
  rings: Record<TagId, SampleRing>;
  /** Earlier KPI rows per KPI tag (from the session's history), all before the ring's first sample. */
  history: Partial<Record<TagId, [number[], number[]]>>;
  setpointC: number | null;
  latestS: number | null;
  listeners: Set<() => void>;
}

export function createTrendBuffer(): TrendBuffer {
  const rings = Object.fromEntries(TAG_IDS.map((t) => [t, new SampleRing()])) as Record<TagId, SampleRing>;
  return { rings, history: {}, setpointC: null, latestS: null, listeners: new Set() };
}

/** Notes the latest live sample's time (a jump back moves it back) and tells the listeners. */
function changed(buffer: TrendBuffer, timeS: number | null): void {
  if (timeS !== null) buffer.latestS = timeS;
  for (const listener of buffer.listeners) listener();
}

export function pushKpi(buffer: TrendBuffer, k: KpiSample): void {
  const last = buffer.rings.heatDeliveredMW.lastTime();
  // Time going back drops the history too: it belonged to the timeline left behind.
  if (last !== undefined && k.simTimeS < last) buffer.history = {};
  for (const tag of TAG_IDS) {
    const field = TAGS[tag].kpiField;
    if (field) buffer.rings[tag].push(k.simTimeS, k[field]);
  }
  buffer.setpointC = k.supplySetpointC;
  changed(buffer, k.simTimeS);
}

export function pushReadings(buffer: TrendBuffer, r: Readings): void {
  for (const t of r.transmitters) {
    if (t.measured == null) continue;
    if (t.sensor === 'supplyTemperature') buffer.rings.supplyC.push(r.simTimeS, t.measured);
    else buffer.rings.worstDpKPa.push(r.simTimeS, t.measured / 1e3);
  }
  changed(buffer, r.simTimeS);
}

/** Keeps the history's rows of the KPI tags that come before each tag's first live sample. */
export function setHistory(buffer: TrendBuffer, history: History): void {
  const timeCol = history.columns.indexOf('simTimeS');
  if (timeCol < 0) return;
  for (const tag of TAG_IDS) {
    const field = TAGS[tag].kpiField;
    const col = field ? history.columns.indexOf(field) : -1;
    if (col < 0) continue;
    const first = buffer.rings[tag].firstTime() ?? Infinity;
    const rows = history.rows.filter((row) => row[timeCol] < first);
    buffer.history[tag] = [rows.map((row) => row[timeCol]), rows.map((row) => row[col])];
  }
  changed(buffer, buffer.latestS ?? history.rows.at(-1)?.[timeCol] ?? null);
}

/** A horizontal line drawn across the chart: an objective's limit, on the scale of its unit. */
export interface LimitLine {
  label: string;
  unit: string;
  color: string;
  value: number;
}

/**
 * uPlot's columns for the tags from fromS on: one time column shared by every tag (a tag without a sample at a
 * time has a gap there, which the chart spans), then one column per tag, then one per limit (its value at
 * every time).
 */
export function trendColumns(
  buffer: TrendBuffer,
  tags: readonly TagId[],
  limits: readonly LimitLine[],
  fromS: number,
): uPlot.AlignedData {
  const tables = tags.map((tag): uPlot.AlignedData => {
    const [times, values] = buffer.rings[tag].since(fromS);
    const [hTimes, hValues] = buffer.history[tag] ?? [[], []];
    const keep = hTimes.findIndex((t) => t >= fromS);
    if (keep < 0) return [times, values];
    return [[...hTimes.slice(keep), ...times], [...hValues.slice(keep), ...values]];
  });
  const joined: uPlot.AlignedData = tables.length > 0 ? uPlot.join(tables) : [[]];
  const xs = joined[0];
  return [...joined, ...limits.map((l) => xs.map(() => l.value))] as uPlot.AlignedData;
}

/** What an exercise holds the trainee to that can be drawn: the objectives of shared/training/exercise.ts. */
export interface DrawnObjectives {
  supplyBelowSetpointK?: number;
  worstConsumerDpPa?: number;
}

/**
 * The objectives' limits for the tags shown: the worst-point dp's floor (kPa) with the dp tag; the supply's
 * floor, the current set-point (°C) less the allowed shortfall (K), with the supply tag once a set-point is known.
 */
export function limitLines(
  objectives: DrawnObjectives | null | undefined,
  tags: readonly TagId[],
  setpointC: number | null,
): LimitLine[] {
  const lines: LimitLine[] = [];
  const belowK = objectives?.supplyBelowSetpointK;
  if (belowK !== undefined && setpointC !== null && tags.includes('supplyC')) {
    const label = `Supply limit (set-point − ${belowK} K)`;
    lines.push({ label, unit: '°C', color: TAGS.supplyC.color, value: setpointC - belowK });
  }
  const dpPa = objectives?.worstConsumerDpPa;
  if (dpPa !== undefined && tags.includes('worstDpKPa')) {
    lines.push({ label: 'Worst-point dp limit', unit: 'kPa', color: TAGS.worstDpKPa.color, value: dpPa / 1e3 });
  }
  return lines;
}
