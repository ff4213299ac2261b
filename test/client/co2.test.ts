/**
 * CO2 over a period from the KPI samples' running totals (client/src/hud/co2.ts). Samples of a constant rate
 * give totals that grow linearly from where the count began, so every expected figure is rate x hours.
 */
import { describe, expect, it } from 'vitest';
import { co2PeriodLabel, co2Since, midnightOf, totalsAt } from '../../client/src/hud/co2';
import type { KpiSample } from '../../shared/protocol/session';
import { kpiSample } from '../fixtures/kpiSample';

const HOUR = 3600;
const DAY = 86_400;
/** Wednesday 15 January 2025, 00:00. */
const JAN_15 = Date.UTC(2025, 0, 15) / 1000;

/** Samples every `stepS` from fromS to toS of a steady rate, the totals counting from startS. */
function steady(fromS: number, toS: number, stepS: number, co2PerH: number, basePerH: number, startS = fromS) {
  const out: KpiSample[] = [];
  for (let t = fromS; t <= toS; t += stepS) {
    const h = (t - startS) / HOUR;
    out.push(
      kpiSample({
        simTimeS: t,
        co2TonnesPerH: co2PerH,
        baselineCo2TonnesPerH: basePerH,
        co2Tonnes: co2PerH * h,
        baselineCo2Tonnes: basePerH * h,
        totalsFromS: startS,
      }),
    );
  }
  return out;
}

describe('CO2 since a moment', () => {
  it('interpolates the running totals between samples', () => {
    const h = steady(JAN_15, JAN_15 + HOUR, HOUR, 2, 5);
    expect(totalsAt(h, JAN_15 + 900)).toEqual({ co2: 0.5, baseline: 1.25 });
    expect(totalsAt(h, JAN_15 - 1)).toBeNull();
  });

  it('counts today from midnight when the samples reach back past it', () => {
    // 2 t/h and 5 t/h baseline since 18:00 the day before, sampled every 25 minutes; now 10:00.
    const h = steady(JAN_15 - 6 * HOUR, JAN_15 + 10 * HOUR, 1500, 2, 5);
    const now = h[h.length - 1].simTimeS;
    const d = co2Since(h, midnightOf(now))!;
    expect(d.fromS).toBe(JAN_15);
    expect(d.tonnes).toBeCloseTo((2 * (now - JAN_15)) / HOUR, 9);
    expect(d.baselineTonnes).toBeCloseTo((5 * (now - JAN_15)) / HOUR, 9);
  });

  it('starts with the count when that began after the moment asked for: the whole running total', () => {
    // Counting since 06:00 at 2 t/h; at 10:00 that is 8 t, and "today" can only be said from 06:00.
    const h = steady(JAN_15 + 6 * HOUR, JAN_15 + 10 * HOUR, HOUR, 2, 5);
    const d = co2Since(h, JAN_15)!;
    expect(d).toEqual({ fromS: JAN_15 + 6 * HOUR, tonnes: 8, baselineTonnes: 20 });
    expect(co2Since(h, -Infinity)).toEqual(d);
  });

  it('starts at the earliest sample after the moment when the samples do not reach it', () => {
    // Counting since two days ago, but the samples begin at 04:00 today.
    const h = steady(JAN_15 + 4 * HOUR, JAN_15 + 10 * HOUR, HOUR, 3, 4, JAN_15 - 2 * DAY);
    const d = co2Since(h, JAN_15)!;
    expect(d.fromS).toBe(JAN_15 + 4 * HOUR);
    expect(d.tonnes).toBeCloseTo(3 * 6, 9);
    expect(co2Since(h, -Infinity)!.tonnes).toBeCloseTo(3 * (48 + 10), 9);
  });

  it('uses only the samples of the latest count after the totals restarted', () => {
    // A jump restarted the totals at 08:00; the samples before it belong to the old count.
    const before = steady(JAN_15, JAN_15 + 7 * HOUR, HOUR, 9, 9, JAN_15 - DAY);
    const after = steady(JAN_15 + 8 * HOUR, JAN_15 + 10 * HOUR, HOUR, 2, 5);
    const d = co2Since([...before, ...after], JAN_15)!;
    expect(d).toEqual({ fromS: JAN_15 + 8 * HOUR, tonnes: 4, baselineTonnes: 10 });
  });

  it('has nothing to say without samples', () => {
    expect(co2Since([], JAN_15)).toBeNull();
  });
});

describe('CO2 period labels', () => {
  it('says "today" from midnight, else the weekday and time the figure counts from', () => {
    expect(co2PeriodLabel(JAN_15, JAN_15 + 10 * HOUR)).toBe('CO₂ today');
    expect(co2PeriodLabel(JAN_15 + 14 * HOUR, JAN_15 + 20 * HOUR)).toBe('CO₂ since Wed 14:00');
    expect(co2PeriodLabel(JAN_15 - 2 * DAY + 6 * HOUR, JAN_15 + HOUR)).toBe('CO₂ since Mon 06:00');
  });

  it('gives the date of a start a week or more back, where a weekday would be ambiguous', () => {
    expect(co2PeriodLabel(JAN_15 - 3 * DAY, JAN_15 + 30 * DAY)).toBe('CO₂ since 12 Jan 00:00');
  });
});
