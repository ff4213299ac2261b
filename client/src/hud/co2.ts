/**
 * CO2 over a period (today, this year) and its baseline from the KPI samples. KpiSample.co2Tonnes and
 * baselineCo2Tonnes are running totals since the session started, so the period's emissions are
 *   total(now) - total(period start),
 * with total(period start) interpolated linearly between the two samples around it. When the kept history
 * (48 h) does not reach back to the period's start, the day is completed with the earliest sample's hourly rate
 * (co2TonnesPerH x the hours missing, marked as an estimate) and the year falls back to the total since the
 * session started, or today's figure when that is larger (marked as an estimate).
 */
import type { KpiSample } from '../../../shared/protocol/session';

export interface Co2Period {
  tonnes: number;
  baselineTonnes: number;
  /** The history did not reach the period's start: see the header. */
  approximate: boolean;
}

const DAY_S = 86_400;

/** The running totals at `timeS`, interpolated; null when the history does not bracket it. */
export function totalsAt(history: readonly KpiSample[], timeS: number): { co2: number; baseline: number } | null {
  // The last sample at or before timeS, and the one after it.
  let i = history.length - 1;
  while (i >= 0 && history[i].simTimeS > timeS) i--;
  if (i < 0) return null;
  const a = history[i];
  if (a.simTimeS === timeS) return { co2: a.co2Tonnes, baseline: a.baselineCo2Tonnes };
  const b = history[i + 1];
  if (!b) return null;
  const f = (timeS - a.simTimeS) / (b.simTimeS - a.simTimeS);
  return {
    co2: a.co2Tonnes + f * (b.co2Tonnes - a.co2Tonnes),
    baseline: a.baselineCo2Tonnes + f * (b.baselineCo2Tonnes - a.baselineCo2Tonnes),
  };
}

/** Since 00:00 of the latest sample's day. */
export function co2Today(history: readonly KpiSample[]): Co2Period | null {
  const now = history[history.length - 1];
  if (!now) return null;
  const midnightS = Math.floor(now.simTimeS / DAY_S) * DAY_S;
  const start = totalsAt(history, midnightS);
  if (start) return { tonnes: now.co2Tonnes - start.co2, baselineTonnes: now.baselineCo2Tonnes - start.baseline, approximate: false };
  const first = history.find((h) => h.simTimeS >= midnightS) ?? now;
  const missingH = (first.simTimeS - midnightS) / 3600;
  return {
    tonnes: now.co2Tonnes - first.co2Tonnes + first.co2TonnesPerH * missingH,
    baselineTonnes: now.baselineCo2Tonnes - first.baselineCo2Tonnes + first.baselineCo2TonnesPerH * missingH,
    approximate: missingH > 0,
  };
}

/** Since 1 January 00:00 of the latest sample's year. */
export function co2ThisYear(history: readonly KpiSample[]): Co2Period | null {
  const now = history[history.length - 1];
  if (!now) return null;
  const yearStartS = Date.UTC(new Date(now.simTimeS * 1000).getUTCFullYear(), 0, 1) / 1000;
  const start = totalsAt(history, yearStartS);
  if (start) return { tonnes: now.co2Tonnes - start.co2, baselineTonnes: now.baselineCo2Tonnes - start.baseline, approximate: false };
  // Never less than today's (possibly completed) figure, so the two cards agree when the session began today.
  const today = co2Today(history)!;
  return { tonnes: Math.max(now.co2Tonnes, today.tonnes), baselineTonnes: Math.max(now.baselineCo2Tonnes, today.baselineTonnes), approximate: true };
}
