/**
 * Undisturbed ground temperature at pipe depth: Kusuda & Achenbach (1965), the annual surface wave
 * conducted into a semi-infinite homogeneous soil.
 *
 *   T(z, d) = Tm - As·exp(-z/D)·cos(2π/P_d·(d - d0 - z/(2·86400)·sqrt(P/(π·α))))
 *   D = sqrt(P·α/π)                      damping depth (m): amplitude falls by e and phase lags 1 rad per D
 *   P = 365·86400 s (P_d = 365 d)        the period
 * Tm mean surface temperature (°C), As surface amplitude (K, half the annual swing), d0 the day of the coldest
 * surface temperature, z depth (m), α soil thermal diffusivity (m2/s), d the day of the year. The day counts
 * from 1 at noon on 1 January (d = dayOfYear + 0.5), so coldestDay = N puts the coldest instant at noon on day N.
 *
 * HELSINKI_GROUND is fitted (least squares on monthly means, α held at the schema default 6e-7 m2/s) to the
 * 2 m ground temperatures of the Helsinki-Vantaa IWEC typical-year file (docs/reference-figures.md,
 * Climate: 2.5, -0.8, -2.3, -2.4, 0.1, 3.7, 7.5, 10.9, 12.6, 12.2, 10.0, 6.5 °C): Tm 5.0 °C, As 17.5 K,
 * coldest surface day 39 (8 February, matching February being the coldest IWEC month); largest monthly
 * residual about 0.2 K. The 2 m values only fix amplitude and phase at 2 m, so α and As trade off; the schema
 * default α was kept. Its depthM is the 1 m burial depth of a typical distribution pipe, not the 2 m fit depth.
 */
import type { z } from 'zod';
import type { groundSchema } from '../../../shared/scenario/schema';
import { dayOfTypicalYear } from './series';

export type GroundSpec = z.infer<typeof groundSchema>;

const PERIOD_S = 365 * 86_400;
const PERIOD_DAYS = 365;

export const HELSINKI_GROUND: GroundSpec = {
  meanC: 5.0,
  amplitudeK: 17.5,
  coldestDay: 39,
  depthM: 1,
  diffusivityM2S: 6e-7,
};

/** Damping depth D = sqrt(P·α/π) (m): the depth at which the annual amplitude has fallen to 1/e. */
export function dampingDepthM(diffusivityM2S: number): number {
  return Math.sqrt((PERIOD_S * diffusivityM2S) / Math.PI);
}

/** Annual amplitude (K) at depth: As·exp(-z/D). */
export function groundAmplitudeK(ground: GroundSpec, depthM: number = ground.depthM): number {
  return ground.amplitudeK * Math.exp(-depthM / dampingDepthM(ground.diffusivityM2S));
}

/** Lag (days) of the temperature wave at depth behind the surface: z/D radians of the annual cycle. */
export function groundLagDays(ground: GroundSpec, depthM: number = ground.depthM): number {
  return (depthM / dampingDepthM(ground.diffusivityM2S)) * (PERIOD_DAYS / (2 * Math.PI));
}

/** Ground temperature (°C) at the spec's depth (or `depthM`) at a simulation time (s). */
export function groundTemperatureC(ground: GroundSpec, timeS: number, depthM: number = ground.depthM): number {
  const d = dayOfTypicalYear(timeS) + 0.5;
  const D = dampingDepthM(ground.diffusivityM2S);
  const phase = ((2 * Math.PI) / PERIOD_DAYS) * (d - ground.coldestDay - groundLagDays(ground, depthM));
  return ground.meanC - ground.amplitudeK * Math.exp(-depthM / D) * Math.cos(phase);
}
