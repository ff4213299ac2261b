import { describe, it, expect } from 'vitest';
import { createRng } from '../server/sim/random';
import { dateToS, HOUR_S } from '../server/sim/calendar';
import {
  dailyTemperatureAnomalyK,
  samplePrice,
  synthesizeElectricityPrices,
  type ElectricityPriceSpec,
} from '../server/sim/market/electricityPrice';
import { synthesizeWeatherYear } from '../server/sim/weather/synthetic';

const N = 8760;
// Helsinki-Vantaa IWEC monthly means (docs/reference-figures.md, Climate) for realistic temperatures.
const helsinkiYear = synthesizeWeatherYear(
  {
    kind: 'synthetic',
    monthlyMeanC: [-3.9, -5.7, -1.0, 3.7, 9.9, 14.0, 16.7, 15.8, 10.2, 5.9, -1.3, -3.0],
    designColdC: -23,
    noiseK: 3.5,
  },
  60.32,
  createRng(8),
).temperatureC;
const nordic: ElectricityPriceSpec = { kind: 'synthetic', meanEurPerMWh: 60, seasonality: 0.5, volatility: 0.35 };
const SEEDS = [1, 2, 3, 4, 5];

function mean(a: ArrayLike<number>, from = 0, to = a.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s / (to - from);
}

function dayMean(p: Float32Array, d: number): number {
  return mean(p, d * 24, d * 24 + 24);
}

describe('synthesizeElectricityPrices', () => {
  it('gives a flat array for a constant price', () => {
    const p = synthesizeElectricityPrices({ kind: 'constant', eurPerMWh: 42 }, helsinkiYear, createRng(1));
    expect(p.length).toBe(N);
    expect(Math.min(...p)).toBe(42);
    expect(Math.max(...p)).toBe(42);
  });

  it('keeps the annual mean at meanEurPerMWh', () => {
    for (const seed of SEEDS) {
      for (const spec of [nordic, { ...nordic, meanEurPerMWh: 120, volatility: 1 }, { ...nordic, seasonality: 0 }]) {
        const p = synthesizeElectricityPrices(spec, helsinkiYear, createRng(seed));
        expect(mean(p)).toBeCloseTo(spec.meanEurPerMWh, 2);
      }
    }
  });

  it('makes winter dearer than summer', () => {
    // Seasonal factor alone: Dec-Feb over Jun-Aug about 1.45 for seasonality 0.5; day-to-day noise
    // (sd 0.35, persistence 0.8) moves a 90-day mean by about ±11 %, so single years vary.
    let ratioSum = 0;
    for (const seed of SEEDS) {
      const p = synthesizeElectricityPrices(nordic, helsinkiYear, createRng(seed));
      const winter = (mean(p, 0, 59 * 24) * 59 + mean(p, 334 * 24, N) * 31) / 90; // Jan, Feb, Dec
      const summer = mean(p, 151 * 24, 243 * 24); // Jun-Aug
      expect(winter).toBeGreaterThan(summer);
      ratioSum += winter / summer;
    }
    expect(ratioSum / SEEDS.length).toBeGreaterThan(1.25);
  });

  it('sets the winter-over-summer ratio to 1 + seasonality (analytic, noise off, steady weather)', () => {
    const flat = new Float32Array(N).fill(5);
    const p = synthesizeElectricityPrices(
      { kind: 'synthetic', meanEurPerMWh: 60, seasonality: 0.5, volatility: 0 },
      flat,
      createRng(1),
    );
    // 15 January (day 14) against day 196 (mid July), same weekday: seasonal factors 1 + a·cos(...), a = 0.2.
    const a = 0.5 / 2.5;
    const expected =
      (1 + a * Math.cos((2 * Math.PI * (14.5 - 15)) / 365)) / (1 + a * Math.cos((2 * Math.PI * (196.5 - 15)) / 365));
    expect(dayMean(p, 14) / dayMean(p, 196)).toBeCloseTo(expected, 4);
    expect(expected).toBeCloseTo(1.5, 3);
  });

  it('has a morning (08-10) and an evening (17-20) peak over a night trough on working days', () => {
    for (const seed of SEEDS) {
      const p = synthesizeElectricityPrices(nordic, helsinkiYear, createRng(seed), 0); // 1 Jan a Monday
      const byHour = new Float64Array(24);
      for (let d = 0; d < 365; d++) {
        if (d % 7 >= 5) continue;
        for (let h = 0; h < 24; h++) byHour[h] += p[d * 24 + h];
      }
      const night = mean(byHour, 2, 6);
      const morning = mean(byHour, 8, 10);
      const midday = mean(byHour, 12, 15);
      const evening = mean(byHour, 17, 20);
      expect(evening).toBeGreaterThan(1.3 * night);
      expect(morning).toBeGreaterThan(1.3 * night);
      expect(evening).toBeGreaterThan(midday);
      expect(morning).toBeGreaterThan(midday);
    }
  });

  it('is cheaper at weekends, following the given weekday of 1 January', () => {
    const flat = new Float32Array(N).fill(0);
    const spec: ElectricityPriceSpec = { kind: 'synthetic', meanEurPerMWh: 60, seasonality: 0, volatility: 0 };
    // 2028-01-01 is a Saturday (5): days 0 and 1 are the weekend, day 2 a Monday.
    const p = synthesizeElectricityPrices(spec, flat, createRng(1), 5);
    expect(dayMean(p, 0)).toBeLessThan(0.9 * dayMean(p, 2));
    expect(dayMean(p, 1)).toBeLessThan(0.9 * dayMean(p, 3));
    expect(dayMean(p, 7)).toBeCloseTo(dayMean(p, 0), 3);
  });

  it('raises prices in a cold spell', () => {
    // Steady 0 °C with a 5-day dip to -20 °C from day 40: a 31-day running mean sees -100/31 K, so the dip's
    // anomaly is -20 + 100/31 = -16.8 K; premium exp(0.03·16.8 + 0.04·(16.8 - 5)) against the anomaly +3.2 K
    // of a nearby day, exp(-0.03·3.2).
    const temps = new Float32Array(N).fill(0);
    for (let h = 40 * 24; h < 45 * 24; h++) temps[h] = -20;
    const spec: ElectricityPriceSpec = { kind: 'synthetic', meanEurPerMWh: 60, seasonality: 0, volatility: 0 };
    const p = synthesizeElectricityPrices(spec, temps, createRng(1), 0);
    const dip = 20 - 100 / 31;
    const expected = Math.exp(0.03 * dip + 0.04 * (dip - 5)) / Math.exp(-0.03 * (100 / 31));
    // Day 42 (Wednesday) against day 35 (Wednesday, inside the running window, outside the dip).
    expect(dayMean(p, 42) / dayMean(p, 35)).toBeCloseTo(expected, 3);
    expect(expected).toBeGreaterThan(2.5);
  });

  it('correlates daily price negatively with temperature anomaly in a realistic year', () => {
    for (const seed of SEEDS) {
      const p = synthesizeElectricityPrices(nordic, helsinkiYear, createRng(seed));
      const anom = dailyTemperatureAnomalyK(helsinkiYear);
      const logP = Array.from({ length: 365 }, (_, d) => Math.log(Math.max(1, dayMean(p, d))));
      const ma = mean(anom);
      const mp = mean(logP);
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      for (let d = 0; d < 365; d++) {
        sab += (anom[d] - ma) * (logP[d] - mp);
        saa += (anom[d] - ma) ** 2;
        sbb += (logP[d] - mp) ** 2;
      }
      expect(sab / Math.sqrt(saa * sbb)).toBeLessThan(-0.2);
    }
  });

  it('has occasional near-zero or negative hours, only on summer nights', () => {
    for (const seed of SEEDS) {
      const p = synthesizeElectricityPrices(nordic, helsinkiYear, createRng(seed));
      let count = 0;
      for (let h = 0; h < N; h++) {
        if (p[h] > 5) continue;
        count++;
        expect(h % 24).toBeLessThan(6);
        expect(h).toBeGreaterThanOrEqual(120 * 24); // May
        expect(h).toBeLessThan(273 * 24); // to September
      }
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(0.05 * N);
    }
  });

  it('is deterministic: the same seed gives identical arrays', () => {
    const a = synthesizeElectricityPrices(nordic, helsinkiYear, createRng(77));
    const b = synthesizeElectricityPrices(nordic, helsinkiYear, createRng(77));
    const c = synthesizeElectricityPrices(nordic, helsinkiYear, createRng(78));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe('samplePrice', () => {
  const prices = Float32Array.from({ length: N }, (_, i) => i);

  it('holds each hour value over the hour and wraps into any year', () => {
    const t = dateToS('2023-01-01');
    expect(samplePrice(prices, t)).toBe(0);
    expect(samplePrice(prices, t + 59 * 60)).toBe(0);
    expect(samplePrice(prices, t + HOUR_S)).toBe(1);
    expect(samplePrice(prices, dateToS('2023-12-31') + 23.5 * HOUR_S)).toBe(8759);
    expect(samplePrice(prices, dateToS('2024-01-01') + 2 * HOUR_S)).toBe(2);
    expect(samplePrice(prices, dateToS('2024-03-01'))).toBe(59 * 24);
  });
});
