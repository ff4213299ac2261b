import { describe, it, expect } from 'vitest';
import { co2ThisYear, co2Today, totalsAt } from '../client/src/hud/co2';
import type { KpiSample } from '../shared/protocol/session';
import { kpiSample } from './fixtures/kpiSample';

const DAY = 86_400;
const JAN_15 = Date.UTC(2025, 0, 15) / 1000;

/** Samples of a constant emission rate: totals grow linearly from the session start (analytic: rate x hours). */
function steady(fromS: number, toS: number, stepS: number, co2PerH: number, basePerH: number, startS = fromS): KpiSample[] {
  const out: KpiSample[] = [];
  for (let t = fromS; t <= toS; t += stepS) {
    const h = (t - startS) / 3600;
    out.push(
      kpiSample({
        simTimeS: t,
        heatDemandMW: 10,
        heatDeliveredMW: 10,
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

describe('CO2 over today and this year', () => {
  it('interpolates the running totals between samples', () => {
    const h = steady(JAN_15, JAN_15 + 3600, 3600, 2, 5);
    expect(totalsAt(h, JAN_15 + 900)).toEqual({ co2: 0.5, baseline: 1.25 });
    expect(totalsAt(h, JAN_15 - 1)).toBeNull();
  });

  it('takes today as total now minus total at midnight when the history reaches midnight', () => {
    // 2 t/h and 5 t/h baseline since 18:00 the day before, sampled every 25 minutes; now 10:00.
    const h = steady(JAN_15 - 6 * 3600, JAN_15 + 10 * 3600, 1500, 2, 5);
    const now = h[h.length - 1].simTimeS;
    const hours = (now - JAN_15) / 3600;
    const d = co2Today(h)!;
    expect(d.approximate).toBe(false);
    expect(d.tonnes).toBeCloseTo(2 * hours, 9);
    expect(d.baselineTonnes).toBeCloseTo(5 * hours, 9);
  });

  it('completes the day with the hourly rate when the history starts after midnight', () => {
    // Joined at 06:00: 6 hours before the first sample at 2 t/h are estimated, 4 hours after are measured.
    const h = steady(JAN_15 + 6 * 3600, JAN_15 + 10 * 3600, 3600, 2, 5);
    const d = co2Today(h)!;
    expect(d.approximate).toBe(true);
    expect(d.tonnes).toBeCloseTo(2 * 10, 9);
    expect(d.baselineTonnes).toBeCloseTo(5 * 10, 9);
  });

  it('counts this year from 1 January when the history crosses the new year', () => {
    const newYear = Date.UTC(2025, 0, 1) / 1000;
    const h = steady(newYear - DAY, newYear + 12 * 3600, 3600, 3, 4, newYear - 10 * DAY);
    const y = co2ThisYear(h)!;
    expect(y.approximate).toBe(false);
    expect(y.tonnes).toBeCloseTo(3 * 12, 9);
    expect(y.baselineTonnes).toBeCloseTo(4 * 12, 9);
  });

  it('falls back to the total since the session started when the year start is out of the history', () => {
    const h = steady(JAN_15, JAN_15 + 5 * 3600, 3600, 3, 4, JAN_15 - 2 * DAY);
    const y = co2ThisYear(h)!;
    expect(y.approximate).toBe(true);
    expect(y.tonnes).toBeCloseTo(3 * (48 + 5), 9);
  });
});

describe('CO2 cards agree', () => {
  it('never shows less for this year than for today when the session began today', () => {
    // Session and history start at 06:00 at 2 t/h; at 10:00 the session total is 8 t but today is completed to 20 t.
    const h = steady(JAN_15 + 6 * 3600, JAN_15 + 10 * 3600, 3600, 2, 5);
    expect(co2Today(h)!.tonnes).toBeCloseTo(20, 9);
    expect(co2ThisYear(h)!.tonnes).toBeCloseTo(20, 9);
    expect(co2ThisYear(h)!.baselineTonnes).toBeCloseTo(50, 9);
  });
});
