/**
 * Wastewater (sewage) heat recovery.
 *
 * Sewage temperature, one cosine a year between spec.minC and spec.maxC:
 *   T(t) = (maxC + minC)/2 − (maxC − minC)/2 · cos(2π (doy − COLDEST_DOY) / 365)
 * coldest on day 65 (6 March, late winter when snow melt reaches the sewers), warmest half a year later
 * (5 September). Reference docs/reference-figures.md, Heat sources: Joensuu 8-14 °C, Lahti about 9 °C mean.
 *
 * Flow: meanFlowKgS · q(h), q piecewise linear between hourly values (HOURLY_FLOW_SHARE) whose mean is 1, so the mean
 * over any whole day is exactly meanFlowKgS (the mean of a periodic piecewise-linear function on an even grid is
 * the mean of its nodes). Shape of a typical municipal diurnal curve as it reaches a plant: night minimum 0.40 at
 * 04:00, morning peak 1.50 at 09:00, evening peak 1.28 at 20:00 (Metcalf & Eddy, Wastewater Engineering,
 * diurnal flow variation: minimum about 30-50 % and peak about 150-200 % of the mean). Same every day of the week.
 *
 * Heat the heat pump can take by cooling the sewage down to the lowest discharge temperature (Lahti: 1-2 °C):
 *   availableW = m · c_p · max(0, T − dischargeC), c_p = 4190 J/(kg·K) (water; 4192 at 10 °C).
 * rejectedW = 0: sewage has no cooling duty; heat not taken simply flows on to the treatment plant.
 */
import type { SourceSpec } from '../../../shared/scenario/schema';
import { YEAR_DAYS, dayOfYear, hourOfDay } from '../calendar';
import { WATER_CP_J_PER_KG_K } from '../water';
import type { SourceOutput } from './output';

export type WastewaterSpec = Extract<SourceSpec, { kind: 'wastewater' }>;

/** Day of year (0 = 1 January 00:00) of the coldest sewage. */
export const COLDEST_DOY = 65;
export const SEWAGE_CP_J_PER_KG_K = WATER_CP_J_PER_KG_K;

/** Flow relative to the daily mean at 00:00, 01:00, ... 23:00. */
const RAW_HOURLY_FLOW = [
  0.82, 0.62, 0.5, 0.43, 0.4, 0.45, 0.65, 1.0, 1.35, 1.5, 1.45, 1.32, 1.22, 1.17, 1.08, 1.02, 1.0, 1.05, 1.15, 1.25,
  1.28, 1.22, 1.1, 0.97,
];
export const HOURLY_FLOW_SHARE = normalised(RAW_HOURLY_FLOW);

/** Sewage temperature (°C) at a time. */
export function sewageTemperatureC(spec: WastewaterSpec, timeS: number): number {
  const midC = 0.5 * (spec.maxC + spec.minC);
  const halfRangeK = 0.5 * (spec.maxC - spec.minC);
  return midC - halfRangeK * Math.cos((2 * Math.PI * (dayOfYear(timeS) - COLDEST_DOY)) / YEAR_DAYS);
}

/** Sewage flow relative to the daily mean at an hour of the day [0, 24). */
export function sewageFlowShare(hour: number): number {
  const i = Math.floor(hour);
  const frac = hour - i;
  const a = HOURLY_FLOW_SHARE[i];
  const b = HOURLY_FLOW_SHARE[i === 23 ? 0 : i + 1];
  return a + (b - a) * frac;
}

export function evaluateWastewater(spec: WastewaterSpec, timeS: number, out: SourceOutput): void {
  const temperatureC = sewageTemperatureC(spec, timeS);
  const flowKgS = spec.meanFlowKgS * sewageFlowShare(hourOfDay(timeS));
  const deltaK = temperatureC - spec.dischargeC;
  out.temperatureC = temperatureC;
  out.availableW = deltaK > 0 ? flowKgS * SEWAGE_CP_J_PER_KG_K * deltaK : 0;
  out.rejectedW = 0;
}

function normalised(values: number[]): Float64Array {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  return Float64Array.from(values, (v) => v / mean);
}
