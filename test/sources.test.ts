import { describe, it, expect } from 'vitest';
import { sourceSchema } from '../shared/scenario/schema';
import type { SourceSpec } from '../shared/scenario/schema';
import { DAY_S, HOUR_S, dateToS } from '../server/sim/calendar';
import { createSourceOutput, dryCoolerW, evaluateSource } from '../server/sim/sources';
import type { SourceOutput } from '../server/sim/sources';

// Reference: docs/reference-figures.md, Heat sources table, unless a test says otherwise.

const MONDAY = dateToS('2024-01-01'); // 2024-01-01 was a Monday
const WEEK_S = 7 * DAY_S;
const CP = 4190; // J/(kg·K), reference "Network": water c_p about 4180-4190

function spec(input: unknown): SourceSpec {
  return sourceSchema.parse(input);
}

/** Midpoint-rule mean of a field over [t0, t0 + spanS) in steps of stepS. Exact for the piecewise-linear and
 * low-order trigonometric shapes these sources use when breakpoints fall on the step grid. */
function meanOver(
  s: SourceSpec,
  t0: number,
  spanS: number,
  stepS: number,
  field: keyof SourceOutput,
  outdoorC = 5,
  ghiWm2 = 0,
): number {
  const out = createSourceOutput();
  const n = Math.round(spanS / stepS);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    evaluateSource(s, t0 + (i + 0.5) * stepS, outdoorC, ghiWm2, out);
    sum += out[field];
  }
  return sum / n;
}

function at(s: SourceSpec, timeS: number, outdoorC: number, ghiWm2 = 0): SourceOutput {
  const out = createSourceOutput();
  evaluateSource(s, timeS, outdoorC, ghiWm2, out);
  return out;
}

describe('data centre', () => {
  const dc = spec({ id: 'dc', kind: 'datacentre', itLoadW: 10e6, coolingType: 'air', dailySwing: 0.1, weeklySwing: 0.05 });
  const aux = 1.05; // air-cooled: fans add 5 % of IT power to the loop (module header)

  it('mean heat over a week equals the mean IT load plus fan heat (analytic: cosines integrate to zero)', () => {
    const mean = meanOver(dc, MONDAY + 3 * DAY_S + 1234, WEEK_S, 60, 'rejectedW');
    expect(mean / (10e6 * aux)).toBeCloseTo(1, 9);
  });

  it('mean over one day equals the mean when the weekly swing is 0; peak 14:00 and trough 02:00 at ±dailySwing', () => {
    const flat = spec({ id: 'dc', kind: 'datacentre', itLoadW: 4e6, coolingType: 'liquid', dailySwing: 0.2, weeklySwing: 0 });
    expect(meanOver(flat, MONDAY + 2 * DAY_S, DAY_S, 60, 'rejectedW') / (4e6 * 1.02)).toBeCloseTo(1, 9);
    expect(at(flat, MONDAY + 14 * HOUR_S, 0).rejectedW).toBeCloseTo(4e6 * 1.02 * 1.2, 3);
    expect(at(flat, MONDAY + 2 * HOUR_S, 0).rejectedW).toBeCloseTo(4e6 * 1.02 * 0.8, 3);
  });

  it('weekdays are busier than the weekend; weekly peak is mean·(1+weeklySwing) on Wednesday noon', () => {
    const noDaily = spec({ id: 'dc', kind: 'datacentre', itLoadW: 1e6, coolingType: 'warmWater', dailySwing: 0, weeklySwing: 0.3 });
    const weekday = meanOver(noDaily, MONDAY, 5 * DAY_S, 600, 'rejectedW');
    const weekend = meanOver(noDaily, MONDAY + 5 * DAY_S, 2 * DAY_S, 600, 'rejectedW');
    expect(weekday).toBeGreaterThan(1.02e6);
    expect(weekend).toBeLessThan(1.02e6);
    expect(at(noDaily, MONDAY + 2.5 * DAY_S, 0).rejectedW).toBeCloseTo(1e6 * 1.02 * 1.3, 3);
  });

  it('offers all of its heat; the dry coolers take what the heat pump does not, so cooling is always met', () => {
    const o = at(dc, MONDAY + 10 * HOUR_S, 20);
    expect(o.availableW).toBe(o.rejectedW);
    expect(dryCoolerW(o.rejectedW, 0)).toBe(o.rejectedW);
    expect(dryCoolerW(o.rejectedW, 0.75 * o.rejectedW)).toBeCloseTo(0.25 * o.rejectedW, 3); // Espoo: ~75 % used
    expect(dryCoolerW(o.rejectedW, 2 * o.rejectedW)).toBe(0);
    expect(dryCoolerW(o.rejectedW, -5)).toBe(o.rejectedW);
  });

  it('air-cooled loop water is 25-30 °C (Kajaani 30 °C), warmer when free cooling weakens', () => {
    expect(at(dc, MONDAY, -20).temperatureC).toBe(25);
    expect(at(dc, MONDAY, 10).temperatureC).toBe(25);
    expect(at(dc, MONDAY, 17.5).temperatureC).toBeCloseTo(27.5, 12);
    expect(at(dc, MONDAY, 30).temperatureC).toBe(30);
  });

  it('warm-water loops are 45-60 °C and direct liquid cooling 60-75 °C at any load and weather', () => {
    for (const [coolingType, lo, hi] of [['warmWater', 45, 60], ['liquid', 60, 75]] as const) {
      const s = spec({ id: 'dc', kind: 'datacentre', itLoadW: 1e6, coolingType, dailySwing: 1, weeklySwing: 1 });
      for (let h = 0; h < 7 * 24; h += 1) {
        const t = at(s, MONDAY + h * HOUR_S, -40 + (h % 80)).temperatureC;
        expect(t).toBeGreaterThanOrEqual(lo);
        expect(t).toBeLessThanOrEqual(hi);
      }
    }
  });
});

describe('supermarket CO2 refrigeration', () => {
  const sm = spec({ id: 'sm', kind: 'supermarket', condenserW: 200e3 }); // defaults: open 7-22, 60 % recoverable

  it('daily mean at a constant outdoor temperature equals condenserW·climate·(L + 0.7(24−L))/24', () => {
    // Hot day (≥30 °C): climate factor 1 by definition of condenserW; L = 15 h open.
    const mean = meanOver(sm, MONDAY, DAY_S, 60, 'rejectedW', 30);
    expect(mean).toBeCloseTo((200e3 * (15 + 0.7 * 9)) / 24, 6);
  });

  it('opening hours that wrap past midnight: [20, 4) open 8 h', () => {
    const late = spec({ id: 'sm', kind: 'supermarket', condenserW: 100e3, openingHours: [20, 4] });
    expect(meanOver(late, MONDAY, DAY_S, 60, 'rejectedW', 30)).toBeCloseTo((100e3 * (8 + 0.7 * 16)) / 24, 6);
    expect(at(late, MONDAY + 23 * HOUR_S, 30).rejectedW).toBeCloseTo(100e3, 6);
    expect(at(late, MONDAY + 12 * HOUR_S, 30).rejectedW).toBeCloseTo(70e3, 6);
  });

  it('condensing load rises with outdoor temperature, following 1 + 1/COP with the reference COP 2.6-7.3', () => {
    const cold = at(sm, MONDAY + 12 * HOUR_S, -25).rejectedW;
    const mild = at(sm, MONDAY + 12 * HOUR_S, 15).rejectedW;
    const hot = at(sm, MONDAY + 12 * HOUR_S, 35).rejectedW;
    expect(cold).toBeCloseTo((200e3 * (1 + 1 / 7.3)) / (1 + 1 / 2.6), 6);
    expect(hot).toBeCloseTo(200e3, 6);
    expect(mild).toBeGreaterThan(cold);
    expect(mild).toBeLessThan(hot);
  });

  it('recoverable share of the rejected heat (reference 50-70 %) and recovery loop at 30-35 °C', () => {
    for (const share of [0.5, 0.6, 0.7]) {
      const s = spec({ id: 'sm', kind: 'supermarket', condenserW: 200e3, recoverableShare: share });
      const o = at(s, MONDAY + 9 * HOUR_S, 5);
      expect(o.availableW / o.rejectedW).toBeCloseTo(share, 12);
      expect(o.temperatureC).toBeGreaterThanOrEqual(30);
      expect(o.temperatureC).toBeLessThanOrEqual(35);
    }
  });
});

describe('wastewater', () => {
  const ww = spec({ id: 'ww', kind: 'wastewater', meanFlowKgS: 300 }); // defaults: 8-14 °C (Joensuu), discharge 2 °C

  it('mean flow over a day equals meanFlowKgS (integral of the diurnal curve)', () => {
    // availableW / (cp·ΔT) is the flow; use a day when the seasonal temperature is nearly flat (coldest day).
    const t0 = dateToS('2023-03-07');
    const out = createSourceOutput();
    let flowSum = 0;
    const n = 24 * 60;
    for (let i = 0; i < n; i++) {
      evaluateSource(ww, t0 + (i + 0.5) * 60, 0, 0, out);
      flowSum += out.availableW / (CP * (out.temperatureC - 2));
    }
    expect(flowSum / n / 300).toBeCloseTo(1, 9);
  });

  it('diurnal shape: night minimum about 40 % of the mean, morning peak about 150 %, evening peak', () => {
    const t0 = dateToS('2023-03-07');
    const flow = (h: number): number => {
      const o = at(ww, t0 + h * HOUR_S, 0);
      return o.availableW / (CP * (o.temperatureC - 2)) / 300;
    };
    const hourly = Array.from({ length: 24 * 4 }, (_, i) => flow(i / 4));
    const minAt = hourly.indexOf(Math.min(...hourly)) / 4;
    const maxAt = hourly.indexOf(Math.max(...hourly)) / 4;
    expect(Math.min(...hourly)).toBeCloseTo(0.4, 2);
    expect(minAt).toBeGreaterThanOrEqual(2);
    expect(minAt).toBeLessThanOrEqual(6);
    expect(Math.max(...hourly)).toBeCloseTo(1.5, 2);
    expect(maxAt).toBeGreaterThanOrEqual(7);
    expect(maxAt).toBeLessThanOrEqual(11);
    // Evening: a local maximum between 18:00 and 22:00 above the afternoon trough.
    const evening = Math.max(...hourly.slice(18 * 4, 22 * 4));
    expect(evening).toBeGreaterThan(flow(16) + 0.1);
    expect(evening).toBeGreaterThan(1);
  });

  it('available heat is m·cp·(T − discharge): at 04:00 on the coldest day 0.4·300 kg/s · 4190 · (8 − 2) K', () => {
    const o = at(ww, dateToS('2023-03-07') + 4 * HOUR_S, -10);
    // The seasonal cosine is within 1e-6 K of its minimum 4 h after it.
    expect(o.temperatureC).toBeCloseTo(8, 4);
    expect(o.availableW).toBeCloseTo(0.4 * 300 * CP * (o.temperatureC - 2), 3);
    expect(o.rejectedW).toBe(0);
  });

  it('sewage temperature is seasonal within minC-maxC: coldest in March, warmest in Aug/Sept, annual mean (min+max)/2', () => {
    const t0 = dateToS('2023-01-01');
    let sum = 0;
    let minDay = 0;
    let maxDay = 0;
    let minC = Infinity;
    let maxC = -Infinity;
    for (let d = 0; d < 365; d++) {
      const t = at(ww, t0 + (d + 0.5) * DAY_S, 0).temperatureC;
      sum += t;
      if (t < minC) [minC, minDay] = [t, d];
      if (t > maxC) [maxC, maxDay] = [t, d];
    }
    expect(sum / 365).toBeCloseTo(11, 9); // Joensuu 8-14 °C
    expect(minC).toBeGreaterThanOrEqual(8);
    expect(maxC).toBeLessThanOrEqual(14);
    expect(minC).toBeCloseTo(8, 3);
    expect(maxC).toBeCloseTo(14, 3);
    expect(minDay).toBeGreaterThanOrEqual(59); // 1 March
    expect(minDay).toBeLessThan(90); // 31 March
    expect(maxDay).toBeGreaterThanOrEqual(212); // 1 August
    expect(maxDay).toBeLessThan(273); // 30 September
  });

  it('Lahti-like sewage (about 9 °C mean, discharged at 1-2 °C) gives its 5 MW from about 160 kg/s of sewage', () => {
    // Lahti plant 5 MW: 5e6 / (4190 · (9 − 1.5)) ≈ 159 kg/s mean flow at a 7.5 K drop.
    const lahti = spec({ id: 'ww', kind: 'wastewater', meanFlowKgS: 159.1, minC: 6, maxC: 12, dischargeC: 1.5 });
    const yearMean = meanOver(lahti, dateToS('2023-01-01'), 365 * DAY_S, HOUR_S, 'availableW');
    expect(yearMean / 1e6).toBeCloseTo(5, 1);
  });

  it('never negative when the sewage is colder than the discharge limit', () => {
    const cold = spec({ id: 'ww', kind: 'wastewater', meanFlowKgS: 100, minC: 1, maxC: 5, dischargeC: 3 });
    const o = at(cold, dateToS('2023-03-07'), 0);
    expect(o.temperatureC).toBeCloseTo(1, 6);
    expect(o.availableW).toBe(0);
  });
});

describe('building cooling', () => {
  const bc = spec({ id: 'bc', kind: 'buildingCooling', peakCoolingW: 2e6 }); // office hours 7-19, return 16 °C

  it('in winter only the 10 % base load (server rooms) remains: comfort cooling is zero at ≤ 12 °C', () => {
    for (let h = 0; h < 7 * 24; h += 0.5) {
      for (const outdoorC of [-40, -10, 0, 12]) {
        const o = at(bc, MONDAY + h * HOUR_S, outdoorC, 600);
        expect(o.rejectedW).toBe(0.1 * 2e6);
      }
    }
  });

  it('reaches peakCoolingW on a weekday afternoon at 28 °C in strong sun, never more', () => {
    const tue15 = MONDAY + DAY_S + 15 * HOUR_S;
    expect(at(bc, tue15, 28, 800).rejectedW).toBeCloseTo(2e6, 6);
    expect(at(bc, tue15, 40, 1000).rejectedW).toBeCloseTo(2e6, 6);
    expect(at(bc, tue15, 20, 400).rejectedW).toBeLessThan(2e6);
  });

  it('rises with outdoor temperature and with sun; weekend and nights keep only the base load', () => {
    const wed = MONDAY + 2 * DAY_S + 13 * HOUR_S;
    expect(at(bc, wed, 20, 0).rejectedW).toBeLessThan(at(bc, wed, 24, 0).rejectedW);
    expect(at(bc, wed, 20, 0).rejectedW).toBeLessThan(at(bc, wed, 20, 700).rejectedW);
    expect(at(bc, MONDAY + 5 * DAY_S + 13 * HOUR_S, 28, 800).rejectedW).toBe(0.2e6); // Saturday
    expect(at(bc, MONDAY + 2 * DAY_S + 23 * HOUR_S, 28, 0).rejectedW).toBe(0.2e6); // 23:00
  });

  it('on a hot sunny weekday the load peaks in the early afternoon', () => {
    // Outdoor 16-28 °C peaking at 15:00, sun a half-sine 04-20 peaking at 12:00 (850 W/m²).
    const thu = MONDAY + 3 * DAY_S;
    let best = -1;
    let bestH = 0;
    for (let h = 0; h < 24; h += 0.25) {
      const outdoorC = 22 + 6 * Math.cos((2 * Math.PI * (h - 15)) / 24);
      const ghi = h > 4 && h < 20 ? 850 * Math.sin((Math.PI * (h - 4)) / 16) : 0;
      const w = at(bc, thu + h * HOUR_S, outdoorC, ghi).rejectedW;
      if (w > best) [best, bestH] = [w, h];
    }
    expect(bestH).toBeGreaterThanOrEqual(12);
    expect(bestH).toBeLessThanOrEqual(17);
    expect(best).toBeGreaterThan(0.8 * 2e6);
  });

  it('the heat pump may take all of it, from the chilled-water return', () => {
    const cool = spec({ id: 'bc', kind: 'buildingCooling', peakCoolingW: 1e6, returnC: 18 });
    const o = at(cool, MONDAY + 14 * HOUR_S, 25, 500);
    expect(o.availableW).toBe(o.rejectedW);
    expect(o.temperatureC).toBe(18);
  });
});

describe('outdoor air', () => {
  it('unlimited at the air temperature, no cooling duty', () => {
    const air = spec({ id: 'air', kind: 'outdoorAir' });
    const o = at(air, MONDAY, -15);
    expect(o.availableW).toBe(Infinity);
    expect(o.temperatureC).toBe(-15);
    expect(o.rejectedW).toBe(0);
  });
});

describe('all sources', () => {
  const all: SourceSpec[] = [
    spec({ id: 'a', kind: 'datacentre', itLoadW: 5e6, coolingType: 'air', dailySwing: 1, weeklySwing: 1 }),
    spec({ id: 'b', kind: 'datacentre', itLoadW: 5e6, coolingType: 'warmWater' }),
    spec({ id: 'c', kind: 'datacentre', itLoadW: 5e6, coolingType: 'liquid' }),
    spec({ id: 'd', kind: 'supermarket', condenserW: 1e5, openingHours: [0, 24] }),
    spec({ id: 'e', kind: 'supermarket', condenserW: 1e5, openingHours: [22, 6] }),
    spec({ id: 'f', kind: 'wastewater', meanFlowKgS: 50 }),
    spec({ id: 'g', kind: 'buildingCooling', peakCoolingW: 1e6 }),
    spec({ id: 'h', kind: 'outdoorAir' }),
  ];

  it('are deterministic and never NaN or negative for outdoor temperatures from -40 to +40 °C', () => {
    const out = createSourceOutput();
    const again = createSourceOutput();
    const t0 = dateToS('2024-01-01');
    for (const s of all) {
      for (let k = 0; k < 400; k++) {
        const timeS = t0 + k * 7919 * 11; // spreads over a year, all hours and weekdays
        const outdoorC = -40 + (k % 161) * 0.5;
        const ghi = (k * 37) % 1100;
        evaluateSource(s, timeS, outdoorC, ghi, out);
        evaluateSource(s, timeS, outdoorC, ghi, again);
        expect(out).toEqual(again);
        expect(Number.isNaN(out.availableW) || Number.isNaN(out.temperatureC) || Number.isNaN(out.rejectedW)).toBe(false);
        expect(Number.isFinite(out.temperatureC)).toBe(true);
        expect(Number.isFinite(out.rejectedW)).toBe(true);
        expect(out.availableW).toBeGreaterThanOrEqual(0);
        expect(out.rejectedW).toBeGreaterThanOrEqual(0);
        if (s.kind !== 'outdoorAir') expect(Number.isFinite(out.availableW)).toBe(true);
        // Temperatures in the product's source range -40..+75 °C (reference "What the product models", liquid cooling).
        expect(out.temperatureC).toBeGreaterThanOrEqual(-40);
        expect(out.temperatureC).toBeLessThanOrEqual(75);
      }
    }
  });
});
