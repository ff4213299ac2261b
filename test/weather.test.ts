import { describe, it, expect } from 'vitest';
import { createRng } from '../server/sim/random';
import { dateToS, dayOfYear, DAY_S, HOUR_S } from '../server/sim/calendar';
import {
  HOURS_PER_YEAR,
  createWeatherSeries,
  hourOfTypicalYear,
  sampleWeather,
  type WeatherSample,
} from '../server/sim/weather/series';
import {
  clearSkyGhiWm2,
  meanPreservingCurve,
  monthlyMeans,
  synthesizeWeatherYear,
  type SyntheticWeatherSpec,
} from '../server/sim/weather/synthetic';

// docs/reference-figures.md, Climate: Helsinki-Vantaa IWEC typical year.
const IWEC_MONTHLY_C = [-3.9, -5.7, -1.0, 3.7, 9.9, 14.0, 16.7, 15.8, 10.2, 5.9, -1.3, -3.0];
const IWEC_HDD17 = 4420;
const IWEC_ANNUAL_MEAN_C = 5.2;
const HELSINKI_LAT = 60.32;
const helsinki: SyntheticWeatherSpec = {
  kind: 'synthetic',
  monthlyMeanC: IWEC_MONTHLY_C,
  designColdC: -23,
  noiseK: 3.5,
};
const SEEDS = [1, 2, 3, 7, 42, 2024];
const years = SEEDS.map((seed) => synthesizeWeatherYear(helsinki, HELSINKI_LAT, createRng(seed)));

function dailyMeans(t: Float32Array): Float64Array {
  const out = new Float64Array(365);
  for (let d = 0; d < 365; d++) {
    let s = 0;
    for (let h = 0; h < 24; h++) s += t[d * 24 + h];
    out[d] = s / 24;
  }
  return out;
}

function extremes(t: Float32Array): { min: number; max: number; minAt: number } {
  let min = Infinity;
  let max = -Infinity;
  let minAt = -1;
  for (let h = 0; h < t.length; h++) {
    if (t[h] < min) {
      min = t[h];
      minAt = h;
    }
    max = Math.max(max, t[h]);
  }
  return { min, max, minAt };
}

describe('hourOfTypicalYear', () => {
  it('agrees with calendar dayOfYear in common years, before and after 1970', () => {
    for (const date of ['2023-01-01', '2023-03-01', '2023-07-04', '2023-12-31', '1969-06-15', '2100-03-01']) {
      const t = dateToS(date) + 10.5 * HOUR_S;
      expect(hourOfTypicalYear(t)).toBeCloseTo(dayOfYear(t) * 24, 9);
    }
  });

  it('maps leap years by calendar date: 29 Feb replays 28 Feb, 1 Mar is day 59', () => {
    expect(hourOfTypicalYear(dateToS('2024-03-01'))).toBe(59 * 24);
    expect(hourOfTypicalYear(dateToS('2024-02-29') + 6 * HOUR_S)).toBe(58 * 24 + 6);
    expect(hourOfTypicalYear(dateToS('2024-12-31') + 23 * HOUR_S)).toBe(8759);
    expect(hourOfTypicalYear(dateToS('2000-12-31'))).toBe(364 * 24);
  });
});

describe('sampleWeather', () => {
  // A series whose values are known functions of the hour index, so interpolation has an exact answer.
  const series = createWeatherSeries();
  for (let i = 0; i < HOURS_PER_YEAR; i++) {
    series.temperatureC[i] = (i % 100) - 50;
    series.ghiWm2[i] = 2 * (i % 50);
    series.windMs[i] = i % 10;
  }
  const out: WeatherSample = { temperatureC: 0, ghiWm2: 0, windMs: 0 };

  it('returns the stored value on the hour and interpolates linearly within it', () => {
    const t0 = dateToS('2023-01-02') + 3 * HOUR_S; // hour 27
    expect(sampleWeather(series, t0, out)).toBe(out);
    expect(out.temperatureC).toBe(27 - 50);
    sampleWeather(series, t0 + 0.25 * HOUR_S, out);
    expect(out.temperatureC).toBeCloseTo(27.25 - 50, 5);
    expect(out.ghiWm2).toBeCloseTo(54.5, 5);
    expect(out.windMs).toBeCloseTo(7.25, 5);
  });

  it('wraps from the last hour of the year to the first', () => {
    sampleWeather(series, dateToS('2023-12-31') + 23.5 * HOUR_S, out);
    // hour 8759: (8759 % 100) - 50 = 9; hour 0: -50; halfway -20.5
    expect(out.temperatureC).toBeCloseTo((9 + -50) / 2, 5);
    sampleWeather(series, dateToS('2031-01-01') + 0.5 * DAY_S, out);
    expect(out.temperatureC).toBeCloseTo(12 - 50, 5);
  });
});

describe('meanPreservingCurve', () => {
  it('is smooth and keeps every monthly mean exactly', () => {
    const curve = meanPreservingCurve(IWEC_MONTHLY_C);
    const means = monthlyMeans(curve);
    for (let m = 0; m < 12; m++) expect(means[m]).toBeCloseTo(IWEC_MONTHLY_C[m], 8);
    let biggestStep = 0;
    for (let h = 0; h < HOURS_PER_YEAR; h++) {
      biggestStep = Math.max(biggestStep, Math.abs(curve[(h + 1) % HOURS_PER_YEAR] - curve[h]));
    }
    // Monthly means change by at most 6.2 K a month: a smooth curve moves well under 0.05 K an hour.
    expect(biggestStep).toBeLessThan(0.05);
  });
});

describe('synthesizeWeatherYear, Helsinki-Vantaa (reference: IWEC typical year)', () => {

  it('keeps the IWEC monthly means within 1 K', () => {
    for (const w of years) {
      const means = monthlyMeans(w.temperatureC);
      for (let m = 0; m < 12; m++) expect(Math.abs(means[m] - IWEC_MONTHLY_C[m])).toBeLessThan(1);
    }
  });

  it('gives heating degree-days (base 17 °C, daily means) within 5 % of 4,420 K·d', () => {
    for (const w of years) {
      let hdd = 0;
      for (const t of dailyMeans(w.temperatureC)) hdd += Math.max(0, 17 - t);
      expect(Math.abs(hdd - IWEC_HDD17) / IWEC_HDD17).toBeLessThan(0.05);
    }
  });

  it('has an annual mean near 5.2 °C', () => {
    for (const w of years) {
      let s = 0;
      for (const t of w.temperatureC) s += t;
      expect(Math.abs(s / HOURS_PER_YEAR - IWEC_ANNUAL_MEAN_C)).toBeLessThan(0.3);
    }
  });

  it('reaches the design cold in a January-February cold spell, minimum within -25..-20 °C', () => {
    for (const w of years) {
      const { min, minAt, max } = extremes(w.temperatureC);
      expect(min).toBeGreaterThanOrEqual(-25);
      expect(min).toBeLessThanOrEqual(-20);
      expect(minAt).toBeLessThan(59 * 24); // before 1 March
      // IWEC hourly maximum 28.7 °C; a summer warm spell should reach the high twenties.
      expect(max).toBeGreaterThan(25);
      expect(max).toBeLessThan(34);
      // A spell, not one cold hour: the three days around the minimum average well below January's mean.
      let s = 0;
      for (let h = minAt - 36; h < minAt + 36; h++) s += w.temperatureC[(h + HOURS_PER_YEAR) % HOURS_PER_YEAR];
      expect(s / 72).toBeLessThan(IWEC_MONTHLY_C[0] - 8);
    }
  });

  it('puts the cold spell in the local winter for a southern-hemisphere year', () => {
    // Helsinki's year shifted by six months: coldest month August, colder neighbour July.
    const southern = [...IWEC_MONTHLY_C.slice(6), ...IWEC_MONTHLY_C.slice(0, 6)];
    const w = synthesizeWeatherYear({ ...helsinki, monthlyMeanC: southern }, -HELSINKI_LAT, createRng(4));
    const { min, minAt } = extremes(w.temperatureC);
    expect(min).toBeCloseTo(-23, 2);
    expect(minAt).toBeGreaterThanOrEqual(181 * 24); // 1 July
    expect(minAt).toBeLessThan(243 * 24); // 1 September
  });

  it('follows a colder design temperature when asked', () => {
    const w = synthesizeWeatherYear({ ...helsinki, designColdC: -30 }, HELSINKI_LAT, createRng(5));
    expect(extremes(w.temperatureC).min).toBeCloseTo(-30, 2);
  });

  it('has its daily minimum near 05-06 and maximum near 14-15 on average', () => {
    const byHour = new Float64Array(24);
    for (const w of years) for (let h = 0; h < HOURS_PER_YEAR; h++) byHour[h % 24] += w.temperatureC[h];
    const coldest = byHour.indexOf(Math.min(...byHour));
    const warmest = byHour.indexOf(Math.max(...byHour));
    expect(coldest).toBeGreaterThanOrEqual(4);
    expect(coldest).toBeLessThanOrEqual(7);
    expect(warmest).toBeGreaterThanOrEqual(13);
    expect(warmest).toBeLessThanOrEqual(16);
  });

  it('makes the requested mean daily range when noise is off', () => {
    const spec: SyntheticWeatherSpec = { ...helsinki, noiseK: 0, dailyRangeK: Array(12).fill(10) };
    const w = synthesizeWeatherYear(spec, HELSINKI_LAT, createRng(3));
    let sum = 0;
    let days = 0;
    // Away from the spells (Jan-Feb cold spell, summer warm spell) the day's swing is the range alone.
    for (let d = 70; d < 160; d++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let h = 0; h < 24; h++) {
        lo = Math.min(lo, w.temperatureC[d * 24 + h]);
        hi = Math.max(hi, w.temperatureC[d * 24 + h]);
      }
      sum += hi - lo;
      days++;
    }
    expect(Math.abs(sum / days - 10)).toBeLessThan(1);
  });

  it('is deterministic: the same seed gives identical arrays, another seed differs', () => {
    const a = synthesizeWeatherYear(helsinki, HELSINKI_LAT, createRng(99));
    const b = synthesizeWeatherYear(helsinki, HELSINKI_LAT, createRng(99));
    const c = synthesizeWeatherYear(helsinki, HELSINKI_LAT, createRng(100));
    expect(a.temperatureC).toEqual(b.temperatureC);
    expect(a.ghiWm2).toEqual(b.ghiWm2);
    expect(a.windMs).toEqual(b.windMs);
    expect(a.temperatureC).not.toEqual(c.temperatureC);
  });
});

describe('solar irradiance', () => {
  it('matches the Haurwitz clear-sky formula at equatorial equinox noon', () => {
    // Day 81 (22 Mar): declination 23.45·sin(2π·365/365) = 0, so at latitude 0 the sun is overhead at noon.
    expect(clearSkyGhiWm2(0, 81, 12)).toBeCloseTo(1098 * Math.exp(-0.057), 6);
  });

  it('is zero outside the analytic day length and never above clear sky', () => {
    const w = synthesizeWeatherYear(helsinki, HELSINKI_LAT, createRng(11));
    const phi = (HELSINKI_LAT * Math.PI) / 180;
    for (const day of [0, 100, 171, 200, 354]) {
      for (let hod = 0; hod < 24; hod++) {
        const n = day + 1 + hod / 24;
        const delta = ((23.45 * Math.PI) / 180) * Math.sin((2 * Math.PI * (284 + n)) / 365);
        // Sunset hour angle: cos ωs = -tan φ tan δ (Duffie & Beckman eq. 1.6.10).
        const halfDayH = (Math.acos(-Math.tan(phi) * Math.tan(delta)) * 180) / Math.PI / 15;
        const ghi = w.ghiWm2[day * 24 + hod];
        if (Math.abs(hod - 12) > halfDayH + 0.01) expect(ghi).toBe(0);
        if (Math.abs(hod - 12) < halfDayH - 0.01) expect(ghi).toBeGreaterThan(0);
        const cosZ =
          Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * Math.cos(((hod - 12) * Math.PI) / 12);
        const clear = cosZ > 0 ? 1098 * cosZ * Math.exp(-0.057 / cosZ) : 0;
        expect(ghi).toBeLessThanOrEqual(clear + 1e-3);
      }
    }
  });

  it('sums to about 1000 kWh/m2 a year in Helsinki (PVGIS / FMI: about 950-1000 kWh/m2 in southern Finland)', () => {
    for (const w of years) {
      let wh = 0;
      for (const g of w.ghiWm2) wh += g; // one-hour steps: W/m2 · 1 h = Wh/m2
      expect(wh / 1000).toBeGreaterThan(850);
      expect(wh / 1000).toBeLessThan(1150);
    }
  });
});

describe('wind', () => {
  it('is non-negative with the Rayleigh-scaled annual mean of 4 m/s', () => {
    for (const w of years) {
      let s = 0;
      let lowest = Infinity;
      for (const v of w.windMs) {
        lowest = Math.min(lowest, v);
        s += v;
      }
      expect(lowest).toBeGreaterThanOrEqual(0);
      expect(Math.abs(s / HOURS_PER_YEAR - 4)).toBeLessThan(0.4);
    }
  });
});
