/**
 * Building cooling: offices' chilled-water loop as a heat source (the heat pump works as the chiller).
 *
 *   rejectedW = peakCoolingW · (BASE_SHARE + (1 − BASE_SHARE) · occ · min(1, τ · (1 − SUN_SHARE + SUN_SHARE · σ)))
 *   τ = max(0, (T_out − 12 °C) / (28 − 12 K))   outdoor-temperature term: 0 at and below 12 °C (free cooling by
 *                                                outdoor air covers the offices), 1 at the 28 °C design day
 *   σ = min(1, GHI / 800 W/m²)                   solar term: 1 in strong sun
 *   occ = 1 in spec.officeHours on weekdays, else 0 (no comfort cooling at night or at weekends)
 * BASE_SHARE = 0.1: server rooms and other process cooling, all day, all year, whatever the weather.
 * SUN_SHARE = 0.4: share of the design load from solar gains through glazing (assumption, typical of glazed offices).
 * So the load is the base load alone below 12 °C outdoor and out of hours, and reaches spec.peakCoolingW on a
 * weekday at ≥ 28 °C in ≥ 800 W/m² sun (never more: the chillers are sized for that day). With outdoor temperature
 * peaking mid-afternoon and sun at noon, the load peaks early afternoon.
 *
 * The heat pump takes heat from the chilled-water return at spec.returnC; it may take all of the load
 * (availableW = rejectedW), the chillers / dry coolers take the rest.
 */
import type { SourceSpec } from '../../../shared/scenario/schema';
import { hourOfDay, isWeekend } from '../calendar';
import { inHourWindow } from './hourWindow';
import type { SourceOutput } from './output';

export type BuildingCoolingSpec = Extract<SourceSpec, { kind: 'buildingCooling' }>;

export const BASE_SHARE = 0.1;
export const SUN_SHARE = 0.4;
export const FREE_COOLING_BELOW_C = 12;
export const DESIGN_OUTDOOR_C = 28;
export const DESIGN_GHI_W_M2 = 800;

/** Cooling load (W) of the served buildings. */
export function buildingCoolingLoadW(spec: BuildingCoolingSpec, timeS: number, outdoorC: number, ghiWm2: number): number {
  const baseW = BASE_SHARE * spec.peakCoolingW;
  if (isWeekend(timeS) || !inHourWindow(hourOfDay(timeS), spec.officeHours[0], spec.officeHours[1])) return baseW;
  const tau = (outdoorC - FREE_COOLING_BELOW_C) / (DESIGN_OUTDOOR_C - FREE_COOLING_BELOW_C);
  if (!(tau > 0)) return baseW;
  // NaN or negative irradiance counts as dark.
  const sigma = ghiWm2 > 0 ? (ghiWm2 < DESIGN_GHI_W_M2 ? ghiWm2 / DESIGN_GHI_W_M2 : 1) : 0;
  const load = tau * (1 - SUN_SHARE + SUN_SHARE * sigma);
  return baseW + (spec.peakCoolingW - baseW) * (load < 1 ? load : 1);
}

export function evaluateBuildingCooling(
  spec: BuildingCoolingSpec,
  timeS: number,
  outdoorC: number,
  ghiWm2: number,
  out: SourceOutput,
): void {
  const loadW = buildingCoolingLoadW(spec, timeS, outdoorC, ghiWm2);
  out.rejectedW = loadW;
  out.availableW = loadW;
  out.temperatureC = spec.returnC;
}
