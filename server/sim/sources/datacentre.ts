/**
 * Data centre: waste heat from the cooling loop.
 *
 * IT load (W), a daily and a weekly cosine around the mean:
 *   P_IT(t) = itLoadW · (1 + dailySwing · cos(2π (h − 14) / 24)) · (1 + weeklySwing · cos(2π (d − 2.5) / 7))
 *   h = hour of day [0, 24), d = days since Monday 00:00 [0, 7).
 * The day peaks at 14:00 (business-hours traffic) and bottoms at 02:00; the week peaks Wednesday 12:00 and
 * bottoms at the Saturday/Sunday midnight. Swings are peak-to-mean fractions as the schema defines them.
 * Both cosines integrate to zero over their periods and are orthogonal (7 cycles vs 1 a week), so the mean
 * over any 7 days is exactly itLoadW, and over any day exactly itLoadW · (1 + weeklySwing · w̄_day).
 *
 * All IT power ends as heat in the cooling loop, plus the fans and pumps that move the coolant
 * (COOLING_AUX_SHARE of IT power; assumption: CRAH fans about 5 % of IT for air cooling, pumps about 2 % for
 * water cooling, consistent with PUE 1.1-1.3 of efficient data centres):
 *   rejectedW = P_IT · (1 + aux).
 * The heat pump may take all of it (availableW = rejectedW); dry coolers reject the rest and always can, so
 * the data centre's cooling is always met (`dryCoolerW`).
 *
 * Loop temperature the heat pump sees (docs/reference-figures.md, Heat sources):
 *  - air-cooled: 25-30 °C (Kajaani: 30 °C). 25 °C while outdoor air ≤ 10 °C, rising linearly to 30 °C at
 *    ≥ 25 °C outdoor: free cooling weakens, so the loop is allowed to run warmer in summer.
 *  - warm-water: 45-60 °C; liquid (direct to chip): 60-75 °C. Fixed flow at a fixed supply temperature, so the
 *    return rises with load: T = supply + 10 K · P_IT / itLoadW (supply 42 °C resp. 55 °C: 52 resp. 65 °C at
 *    mean load), held inside the band.
 */
import type { SourceSpec } from '../../../shared/scenario/schema';
import { dayOfWeek, hourOfDay } from '../calendar';
import type { SourceOutput } from './output';

export type DatacentreSpec = Extract<SourceSpec, { kind: 'datacentre' }>;
type CoolingType = DatacentreSpec['coolingType'];

const TWO_PI = 2 * Math.PI;
export const DAILY_PEAK_H = 14;
/** Days after Monday 00:00 of the weekly peak (Wednesday noon). */
export const WEEKLY_PEAK_D = 2.5;

/** Share of IT power spent on fans and pumps whose heat also ends in the cooling loop. */
export const COOLING_AUX_SHARE: Record<CoolingType, number> = { air: 0.05, warmWater: 0.02, liquid: 0.02 };

const AIR_MIN_C = 25;
const AIR_MAX_C = 30;
const AIR_RISE_FROM_OUTDOOR_C = 10;
const AIR_RISE_TO_OUTDOOR_C = 25;

/** Water-cooled loops: supply temperature, return rise at mean load, and the band the return stays in. */
const WATER_LOOPS: Record<'warmWater' | 'liquid', { supplyC: number; riseK: number; minC: number; maxC: number }> = {
  warmWater: { supplyC: 42, riseK: 10, minC: 45, maxC: 60 },
  liquid: { supplyC: 55, riseK: 10, minC: 60, maxC: 75 },
};

/** IT electrical load (W) at a time. */
export function datacentreItLoadW(spec: DatacentreSpec, timeS: number): number {
  const hour = hourOfDay(timeS);
  const weekDay = dayOfWeek(timeS) + hour / 24;
  const daily = 1 + spec.dailySwing * Math.cos((TWO_PI * (hour - DAILY_PEAK_H)) / 24);
  const weekly = 1 + spec.weeklySwing * Math.cos((TWO_PI * (weekDay - WEEKLY_PEAK_D)) / 7);
  return spec.itLoadW * daily * weekly;
}

/** Cooling-loop temperature (°C) the heat pump takes heat from. */
export function datacentreLoopC(coolingType: CoolingType, outdoorC: number, loadRatio: number): number {
  if (coolingType === 'air') {
    const x = (outdoorC - AIR_RISE_FROM_OUTDOOR_C) / (AIR_RISE_TO_OUTDOOR_C - AIR_RISE_FROM_OUTDOOR_C);
    return AIR_MIN_C + (AIR_MAX_C - AIR_MIN_C) * clamp01(x);
  }
  const loop = WATER_LOOPS[coolingType];
  const returnC = loop.supplyC + loop.riseK * loadRatio;
  return returnC < loop.minC ? loop.minC : returnC > loop.maxC ? loop.maxC : returnC;
}

export function evaluateDatacentre(spec: DatacentreSpec, timeS: number, outdoorC: number, out: SourceOutput): void {
  const itW = datacentreItLoadW(spec, timeS);
  const heatW = itW * (1 + COOLING_AUX_SHARE[spec.coolingType]);
  out.rejectedW = heatW;
  out.availableW = heatW;
  out.temperatureC = datacentreLoopC(spec.coolingType, outdoorC, itW / spec.itLoadW);
}

/** Heat the dry coolers reject (W) when a heat pump takes takenW of the data centre's rejectedW. */
export function dryCoolerW(rejectedW: number, takenW: number): number {
  const taken = takenW < 0 ? 0 : takenW > rejectedW ? rejectedW : takenW;
  return rejectedW - taken;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
