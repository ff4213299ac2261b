/**
 * The samples a console keeps of every trend tag of its scenario (shared/training/trendTags.ts): a bounded ring
 * per tag, fed from the moment the page joined (the transmitters' readings and the KPI samples as they arrive,
 * the plants and units from the latest frame about once a wall second); before the rings' first samples, the
 * run's recorded samples (one per simulated minute, fetched from its record) or, for the KPI tags when the
 * record cannot be read, the session's KPI history (5-minute rows). Pure data: the chart (TrendChart.tsx) turns
 * a selection of tags and a time window into uPlot's aligned columns with trendColumns.
 */
import uPlot from 'uplot';
import type { Frame } from '../../../../shared/protocol/frame';
import type { RunSamplesAnswer } from '../../../../shared/protocol/runs';
import type { History, KpiSample } from '../../../../shared/protocol/session';
import type { Readings } from '../../../../shared/protocol/training';
import {
  SUPPLY_TX_TAG,
  tagValue,
  WORST_DP_TX_TAG,
  type TagSource,
  type TagSources,
  type TrendTag,
} from '../../../../shared/training/trendTags';

/** One chart holds at most this many units: one axis on the left, one on the right. */
export const MAX_UNITS = 2;

/** The units of a selection of tags, in the order they first appear (the first on the left axis). */
export function unitsOf(tags: readonly TrendTag[]): string[] {
  return [...new Set(tags.map((t) => t.unit))];
}

/** Samples kept per tag: at about one a wall second, close to three hours of a run. */
export const RING_CAPACITY = 10_000;
/** A ring starts this big and doubles as it fills, so a scenario's many tags cost little until they run long. */
const RING_START = 256;

/** Times (s, simulated) and values (NaN: no value then) in a bounded ring: the oldest give way to the newest. */
export class SampleRing {
  private times = new Float64Array(RING_START);
  private values = new Float64Array(RING_START);
  private start = 0;
  private count = 0;

  constructor(readonly capacity = RING_CAPACITY) {}

  get length(): number {
    return this.count;
  }

  private at(i: number): number {
    return (this.start + i) % this.times.length;
  }

  firstTime(): number | undefined {
    return this.count > 0 ? this.times[this.start] : undefined;
  }

  lastTime(): number | undefined {
    return this.count > 0 ? this.times[this.at(this.count - 1)] : undefined;
  }

  /** Adds a sample; one at an earlier time than the last (a jump back, a restore) starts the ring afresh. */
  push(timeS: number, value: number): void {
    const last = this.lastTime();
    if (last !== undefined && timeS < last) this.clear();
    else if (last === timeS) return;
    if (this.count === this.times.length && this.count < this.capacity) this.grow();
    if (this.count < this.times.length) {
      const i = this.at(this.count++);
      this.times[i] = timeS;
      this.values[i] = value;
      return;
    }
    this.times[this.start] = timeS;
    this.values[this.start] = value;
    this.start = (this.start + 1) % this.times.length;
  }

  private grow(): void {
    const size = Math.min(this.capacity, 2 * this.times.length);
    const times = new Float64Array(size);
    const values = new Float64Array(size);
    for (let i = 0; i < this.count; i++) {
      times[i] = this.times[this.at(i)];
      values[i] = this.values[this.at(i)];
    }
    [this.times, this.values, this.start] = [times, values, 0];
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }

  /** The samples from fromS to toS (both included), oldest first; no value as null. */
  between(fromS: number, toS: number): [number[], Array<number | null>] {
    const times: number[] = [];
    const values: Array<number | null> = [];
    for (let k = 0; k < this.count; k++) {
      const i = this.at(k);
      if (this.times[i] < fromS || this.times[i] > toS) continue;
      times.push(this.times[i]);
      values.push(Number.isNaN(this.values[i]) ? null : this.values[i]);
    }
    return [times, values];
  }
}

/** A tag's samples before the page joined: times (s) and values, oldest first. */
type Series = [number[], Array<number | null>];

/** Earlier samples fetched from the run's record for a tag: all of the run up to untilS (empty while asked). */
interface Earlier {
  series: Series;
  untilS: number;
}

/** The samples of every tag, the latest supply set-point (°C) and who to tell when they change. */
export interface TrendBuffer {
  tags: TrendTag[];
  rings: Map<string, SampleRing>;
  /** Per tag, the run's recorded samples before its ring's first (asked for or come). */
  earlier: Map<string, Earlier>;
  /** Per KPI tag, the session's earlier KPI rows: for when the run's record cannot be read. */
  history: Map<string, Series>;
  /** Why the run's record could not be read, when it could not. */
  earlierError: string | null;
  /** Counts jumps back in time: an answer asked for before the latest one belongs to a timeline left behind. */
  epoch: number;
  /** The last time (s) each feed told, to see time go back. */
  lastS: Partial<Record<Feed, number>>;
  setpointC: number | null;
  latestS: number | null;
  listeners: Set<() => void>;
}

export function createTrendBuffer(): TrendBuffer {
  return {
    tags: [],
    rings: new Map(),
    earlier: new Map(),
    history: new Map(),
    earlierError: null,
    epoch: 0,
    lastS: {},
    setpointC: null,
    latestS: null,
    listeners: new Set(),
  };
}

function changed(buffer: TrendBuffer): void {
  for (const listener of buffer.listeners) listener();
}

/** Time went back (a restore, a jump back): everything kept belonged to the timeline left behind. */
function forget(buffer: TrendBuffer): void {
  for (const ring of buffer.rings.values()) ring.clear();
  buffer.earlier.clear();
  buffer.history.clear();
  buffer.earlierError = null;
  buffer.lastS = {};
  buffer.latestS = null;
  buffer.epoch++;
}

/** The scenario's tags: a ring for each (those of tags it keeps stay as they were). */
export function setTags(buffer: TrendBuffer, tags: TrendTag[]): void {
  const rings = new Map(tags.map((t) => [t.id, buffer.rings.get(t.id) ?? new SampleRing()]));
  buffer.tags = tags;
  buffer.rings = rings;
  changed(buffer);
}

/** What a console is told, each in time order: the kinds of tag source each one feeds. */
type Feed = 'kpi' | 'readings' | 'frame';
const FEEDS: Record<Feed, ReadonlyArray<TagSource['from']>> = {
  kpi: ['kpi'],
  readings: ['reading'],
  frame: ['plant', 'unit'],
};

/** Pushes the values at timeS of the tags one feed gives. */
function push(buffer: TrendBuffer, feed: Feed, timeS: number, sources: TagSources): void {
  const last = buffer.lastS[feed];
  if (last !== undefined && timeS < last) forget(buffer);
  buffer.lastS[feed] = timeS;
  buffer.latestS = Math.max(buffer.latestS ?? timeS, timeS);
  for (const tag of buffer.tags) {
    if (FEEDS[feed].includes(tag.source.from)) buffer.rings.get(tag.id)?.push(timeS, tagValue(tag, sources) ?? NaN);
  }
  changed(buffer);
}

export function pushKpi(buffer: TrendBuffer, k: KpiSample): void {
  buffer.setpointC = k.supplySetpointC;
  push(buffer, 'kpi', k.simTimeS, { kpi: k });
}

export function pushReadings(buffer: TrendBuffer, r: Readings): void {
  push(buffer, 'readings', r.simTimeS, { readings: r });
}

/** The plants' and units' values of the latest frame. */
export function pushFrame(buffer: TrendBuffer, frame: Frame): void {
  push(buffer, 'frame', frame.header.simTimeS, { frame });
}

/** Keeps the session's KPI history rows of the KPI tags. */
export function setHistory(buffer: TrendBuffer, history: History): void {
  const timeCol = history.columns.indexOf('simTimeS');
  if (timeCol < 0) return;
  for (const tag of buffer.tags) {
    if (tag.source.from !== 'kpi') continue;
    const col = history.columns.indexOf(tag.source.field);
    if (col < 0) continue;
    buffer.history.set(tag.id, [history.rows.map((row) => row[timeCol]), history.rows.map((row) => row[col])]);
  }
  changed(buffer);
}

/** The run's samples are once a simulated minute: a shorter stretch before a ring's first sample holds none. */
const RECORD_STEP_S = 60;

/**
 * What of the run's record a chart of these tags from fromS needs and has not asked for: the tags whose ring
 * begins after fromS (the page joined later) and whose earlier samples do not reach its first sample, and the
 * time up to which to ask (the earliest of those first samples). Null when nothing is missing.
 */
export function missingEarlier(
  buffer: TrendBuffer,
  tagIds: readonly string[],
  fromS: number,
): { tags: string[]; toS: number } | null {
  if (buffer.latestS === null) return null;
  const tags: string[] = [];
  let toS = Infinity;
  for (const id of tagIds) {
    const first = buffer.rings.get(id)?.firstTime() ?? buffer.latestS;
    if (fromS >= first) continue;
    const until = buffer.earlier.get(id)?.untilS;
    if (until !== undefined && until >= first - RECORD_STEP_S) continue;
    tags.push(id);
    toS = Math.min(toS, first);
  }
  return tags.length > 0 ? { tags, toS } : null;
}

/** Marks the tags' earlier samples asked for, up to toS; what comes is set by setEarlier. */
export function askedEarlier(buffer: TrendBuffer, tagIds: readonly string[], toS: number): void {
  for (const id of tagIds) buffer.earlier.set(id, { series: [[], []], untilS: toS });
}

/** The run's recorded samples of the tags asked for, up to toS. */
export function setEarlier(buffer: TrendBuffer, answer: RunSamplesAnswer, toS: number): void {
  for (const [id, values] of Object.entries(answer.columns)) {
    buffer.earlier.set(id, { series: [answer.times, values], untilS: toS });
  }
  buffer.earlierError = null;
  changed(buffer);
}

export function earlierFailed(buffer: TrendBuffer, error: string): void {
  buffer.earlierError = error;
  changed(buffer);
}

/** A tag's samples from fromS to toS: the earlier ones (record, else KPI history) before its ring's, then those. */
function seriesOf(buffer: TrendBuffer, id: string, fromS: number, toS: number): Series {
  const ring = buffer.rings.get(id);
  const [times, values] = ring ? ring.between(fromS, toS) : [[], []];
  const recorded = buffer.earlier.get(id)?.series;
  const [eTimes, eValues] = recorded && recorded[0].length > 0 ? recorded : (buffer.history.get(id) ?? [[], []]);
  const first = ring?.firstTime() ?? Infinity;
  const out: Series = [[], []];
  eTimes.forEach((t, i) => {
    if (t < fromS || t > toS || t >= first) return;
    out[0].push(t);
    out[1].push(eValues[i]);
  });
  return [
    [...out[0], ...times],
    [...out[1], ...values],
  ];
}

/** A horizontal line drawn across the chart: an objective's limit, on the scale of its unit. */
export interface LimitLine {
  label: string;
  unit: string;
  /** The tag it is a limit of (its colour is that tag's). */
  tagId: string;
  value: number;
}

/**
 * uPlot's columns for the tags from fromS to toS: one time column shared by every tag (a tag without a sample
 * at a time is spanned there; one whose source had no value has a gap), then one column per tag, then one per
 * limit (its value at every time).
 */
export function trendColumns(
  buffer: TrendBuffer,
  tagIds: readonly string[],
  limits: readonly LimitLine[],
  fromS: number,
  toS: number,
): uPlot.AlignedData {
  const tables = tagIds.map((id) => seriesOf(buffer, id, fromS, toS) as uPlot.AlignedData);
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
  tagIds: readonly string[],
  setpointC: number | null,
): LimitLine[] {
  const lines: LimitLine[] = [];
  const belowK = objectives?.supplyBelowSetpointK;
  if (belowK !== undefined && setpointC !== null && tagIds.includes(SUPPLY_TX_TAG)) {
    const label = `Supply limit (set-point − ${belowK} K)`;
    lines.push({ label, unit: '°C', tagId: SUPPLY_TX_TAG, value: setpointC - belowK });
  }
  const dpPa = objectives?.worstConsumerDpPa;
  if (dpPa !== undefined && tagIds.includes(WORST_DP_TX_TAG)) {
    lines.push({ label: 'Worst-point dp limit', unit: 'kPa', tagId: WORST_DP_TX_TAG, value: dpPa / 1e3 });
  }
  return lines;
}
