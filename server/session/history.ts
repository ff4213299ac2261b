/**
 * KPI history: a ring buffer of KpiSample rows at a fixed simulated resolution (default 300 s), holding at
 * least 7 simulated days (default capacity 8 days = 2304 rows), in one preallocated Float64Array (row-major,
 * HISTORY_COLUMNS order: every sample field, heat by source included). Served on request (History) and as CSV.
 * When simulated time goes back (restore, loop restart, jump back) the rows after the new time are dropped so
 * the series stays monotonic.
 */
import { HISTORY_COLUMNS, historyValue, type History, type KpiSample } from '../../shared/protocol/session';
import { formatTime } from '../sim/calendar';

export const HISTORY_RESOLUTION_S = 300;

export class KpiHistory {
  readonly resolutionS: number;
  readonly capacity: number;
  private readonly data: Float64Array;
  private start = 0;
  private count = 0;

  constructor(resolutionS = HISTORY_RESOLUTION_S, keepDays = 8) {
    this.resolutionS = resolutionS;
    this.capacity = Math.ceil((keepDays * 86_400) / resolutionS);
    this.data = new Float64Array(this.capacity * HISTORY_COLUMNS.length);
  }

  get length(): number {
    return this.count;
  }

  /** Time of the newest row (s), -Infinity when empty. */
  get lastTimeS(): number {
    return this.count === 0 ? -Infinity : this.data[((this.start + this.count - 1) % this.capacity) * HISTORY_COLUMNS.length];
  }

  push(k: KpiSample): void {
    const w = HISTORY_COLUMNS.length;
    let row: number;
    if (this.count < this.capacity) row = (this.start + this.count++) % this.capacity;
    else {
      row = this.start;
      this.start = (this.start + 1) % this.capacity;
    }
    for (let c = 0; c < w; c++) this.data[row * w + c] = historyValue(k, HISTORY_COLUMNS[c]);
  }

  /** Drops rows later than timeS. */
  truncateAfter(timeS: number): void {
    while (this.count > 0 && this.lastTimeS > timeS) this.count--;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }

  /** Rows with fromS <= simTimeS <= toS, oldest first. */
  rows(fromS = -Infinity, toS = Infinity): number[][] {
    const w = HISTORY_COLUMNS.length;
    const out: number[][] = [];
    for (let i = 0; i < this.count; i++) {
      const r = ((this.start + i) % this.capacity) * w;
      const t = this.data[r];
      if (t < fromS || t > toS) continue;
      out.push(Array.from(this.data.subarray(r, r + w)));
    }
    return out;
  }

  toHistory(fromS?: number, toS?: number): History {
    return { resolutionS: this.resolutionS, columns: [...HISTORY_COLUMNS], rows: this.rows(fromS, toS) };
  }

  /** CSV with a header line; a `time` column (YYYY-MM-DD HH:MM, simulation calendar) follows simTimeS. */
  toCsv(fromS?: number, toS?: number): string {
    const header = ['simTimeS', 'time', ...HISTORY_COLUMNS.slice(1)].join(',');
    const lines = this.rows(fromS, toS).map((r) => [r[0], formatTime(r[0]), ...r.slice(1).map(fmt)].join(','));
    return [header, ...lines].join('\n') + '\n';
  }
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 1e6) / 1e6) : '';
}
