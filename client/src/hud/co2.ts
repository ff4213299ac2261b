/**
 * CO2 over a period and its baseline from the KPI samples. KpiSample.co2Tonnes and baselineCo2Tonnes are running
 * totals since totalsFromS, where the simulation's ledger began counting (zero there), so from `fromS` to the
 * latest sample
 *   emitted = total(now) - total(fromS),
 * with total(fromS) interpolated linearly between the two samples around it. Only samples of the latest count
 * are used (a jump restarts the totals). A period asked from before the count began starts with the count; one
 * whose start the samples do not reach starts at the earliest sample after it. Either way the period says where
 * it starts, so a card labels its figure with the period it truly covers.
 */
import type { KpiSample } from '../../../shared/protocol/session';
import { periodStartText } from './format';

export interface Co2Period {
  /** Simulated time the figures count from (s). */
  fromS: number;
  tonnes: number;
  baselineTonnes: number;
}

const DAY_S = 86_400;

/** 00:00 of the day of `simTimeS` (simulation time has no zone: the day starts at a multiple of 86 400 s). */
export function midnightOf(simTimeS: number): number {
  return Math.floor(simTimeS / DAY_S) * DAY_S;
}

/** The running totals at `timeS`, interpolated; null when the samples do not bracket it. */
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

/** Emissions from `startS` (or from where the count or the samples begin, if later) to the latest sample. */
export function co2Since(history: readonly KpiSample[], startS: number): Co2Period | null {
  const now = history.at(-1);
  if (!now) return null;
  if (startS <= now.totalsFromS) {
    return { fromS: now.totalsFromS, tonnes: now.co2Tonnes, baselineTonnes: now.baselineCo2Tonnes };
  }
  const count = history.filter((h) => h.totalsFromS === now.totalsFromS);
  const start = totalsAt(count, startS);
  if (start) {
    return { fromS: startS, tonnes: now.co2Tonnes - start.co2, baselineTonnes: now.baselineCo2Tonnes - start.baseline };
  }
  const first = count.find((h) => h.simTimeS >= startS) ?? now;
  return {
    fromS: first.simTimeS,
    tonnes: now.co2Tonnes - first.co2Tonnes,
    baselineTonnes: now.baselineCo2Tonnes - first.baselineCo2Tonnes,
  };
}

/** A CO2 card's label for a period from `fromS` to the latest sample at `nowS`: "today" from 00:00. */
export function co2PeriodLabel(fromS: number, nowS: number): string {
  return fromS === midnightOf(nowS) ? 'CO₂ today' : `CO₂ since ${periodStartText(fromS, nowS)}`;
}
