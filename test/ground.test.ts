import { describe, it, expect } from 'vitest';
import { dateToS, DAY_S } from '../server/sim/calendar';
import { groundSchema } from '../shared/scenario/schema';
import {
  HELSINKI_GROUND,
  dampingDepthM,
  groundAmplitudeK,
  groundLagDays,
  groundTemperatureC,
  type GroundSpec,
} from '../server/sim/weather/ground';

// docs/reference-figures.md, Climate: Helsinki-Vantaa IWEC ground temperatures at 2 m, Jan..Dec.
const IWEC_2M_C = [2.5, -0.8, -2.3, -2.4, 0.1, 3.7, 7.5, 10.9, 12.6, 12.2, 10.0, 6.5];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const PERIOD_S = 365 * 86400;
const YEAR0 = dateToS('2023-01-01');

/** Temperatures at noon of each day of 2023 at the given depth. */
function dailyAt(ground: GroundSpec, depthM: number): number[] {
  return Array.from({ length: 365 }, (_, d) => groundTemperatureC(ground, YEAR0 + (d + 0.5) * DAY_S, depthM));
}

describe('groundTemperatureC, Helsinki fit', () => {
  it('lands within 1.5 K of the IWEC 2 m monthly ground temperatures', () => {
    // HELSINKI_GROUND: Tm 5.0 °C, As 17.5 K, coldest surface day 39, α 6e-7 m2/s.
    const daily = dailyAt(HELSINKI_GROUND, 2);
    let start = 0;
    for (let m = 0; m < 12; m++) {
      const days = daily.slice(start, start + MONTH_DAYS[m]);
      const mean = days.reduce((a, b) => a + b, 0) / days.length;
      expect(Math.abs(mean - IWEC_2M_C[m])).toBeLessThan(1.5);
      start += MONTH_DAYS[m];
    }
  });

  it('is a valid scenario ground object at a typical 1 m burial depth', () => {
    expect(groundSchema.parse(HELSINKI_GROUND)).toEqual(HELSINKI_GROUND);
    expect(HELSINKI_GROUND.depthM).toBe(1);
  });
});

describe('groundTemperatureC, analytic properties (Kusuda & Achenbach 1965)', () => {
  const ground: GroundSpec = { meanC: 7, amplitudeK: 12, coldestDay: 30, depthM: 1, diffusivityM2S: 5e-7 };
  // Damping depth D = sqrt(2α/ω), ω = 2π/P (Carslaw & Jaeger, periodic surface temperature).
  const D = Math.sqrt((2 * ground.diffusivityM2S) / ((2 * Math.PI) / PERIOD_S));

  it('uses the damping depth sqrt(2α/ω)', () => {
    expect(dampingDepthM(ground.diffusivityM2S)).toBeCloseTo(D, 10);
  });

  it('has the surface minimum Tm - As on the coldest day', () => {
    const surface = dailyAt(ground, 0);
    const minDay = surface.indexOf(Math.min(...surface));
    expect(minDay + 1).toBe(ground.coldestDay); // day numbers start at 1
    expect(Math.min(...surface)).toBeCloseTo(ground.meanC - ground.amplitudeK, 3);
  });

  for (const z of [0.5, 1, 2, 4]) {
    it(`at ${z} m: annual mean Tm, amplitude As·exp(-z/D), lag z/D radians`, () => {
      const daily = dailyAt(ground, z);
      const mean = daily.reduce((a, b) => a + b, 0) / daily.length;
      expect(mean).toBeCloseTo(ground.meanC, 2);
      const amplitude = (Math.max(...daily) - Math.min(...daily)) / 2;
      expect(amplitude).toBeCloseTo(ground.amplitudeK * Math.exp(-z / D), 2);
      expect(groundAmplitudeK(ground, z)).toBeCloseTo(ground.amplitudeK * Math.exp(-z / D), 10);
      const lagDays = ((z / D) * 365) / (2 * Math.PI);
      expect(groundLagDays(ground, z)).toBeCloseTo(lagDays, 10);
      const minDay = daily.indexOf(Math.min(...daily)) + 1;
      expect(Math.abs(minDay - (ground.coldestDay + lagDays))).toBeLessThanOrEqual(1);
    });
  }

  it('tends to the mean far below the surface', () => {
    for (const t of dailyAt(ground, 10)) {
      expect(Math.abs(t - ground.meanC)).toBeLessThanOrEqual(ground.amplitudeK * Math.exp(-10 / D) + 1e-9);
    }
    expect(ground.amplitudeK * Math.exp(-10 / D)).toBeLessThan(0.2);
  });
});
