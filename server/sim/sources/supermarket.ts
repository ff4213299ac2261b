/**
 * Supermarket CO2 (R744) refrigeration: condenser / gas-cooler heat.
 *
 * Rejected heat = evaporator load + compressor work = Q_evap · (1 + 1/COP). With spec.condenserW the rejected heat
 * at full load (store open, hot day), the model is
 *   rejectedW = condenserW · occupancy(h) · climate(T_out)
 *   occupancy = 1 within spec.openingHours, CLOSED_LOAD_SHARE = 0.7 outside (night covers on the cabinets and
 *               lights off cut the cabinet load by about a third; same hours every day of the week)
 *   climate   = (1 + 1/COP(T_out)) / (1 + 1/COP_hot), COP falling linearly from 7.3 at ≤ 0 °C to 2.6 at
 *               ≥ 30 °C outdoor (docs/reference-figures.md, Heat sources: COP 2.6-7.3);
 *               the condensing load rises with outdoor temperature, climate = 0.82 in winter, 1 on a hot day.
 * Daily mean at constant outdoor temperature: condenserW · climate · (L + 0.7 (24 − L)) / 24, L = open hours.
 *
 * Recoverable: availableW = recoverableShare · rejectedW (reference: 50-70 % recoverable); the rest leaves through
 * the gas cooler outdoors. The heat pump takes heat from the heat-recovery water loop behind the gas cooler at
 * SUPERMARKET_SOURCE_C = 35 °C (gas-cooler outlet about 30-35 °C; direct desuperheat recovery could reach about
 * 80 °C, which this model leaves to the heat pump).
 */
import type { SourceSpec } from '../../../shared/scenario/schema';
import { hourOfDay } from '../calendar';
import { inHourWindow } from './hourWindow';
import type { SourceOutput } from './output';

export type SupermarketSpec = Extract<SourceSpec, { kind: 'supermarket' }>;

export const SUPERMARKET_SOURCE_C = 35;
export const CLOSED_LOAD_SHARE = 0.7;
export const COP_COLD = 7.3;
export const COP_HOT = 2.6;
const COLD_OUTDOOR_C = 0;
const HOT_OUTDOOR_C = 30;

/** Refrigeration COP at an outdoor temperature: linear between the reference's 7.3 (cold) and 2.6 (hot). */
export function refrigerationCop(outdoorC: number): number {
  const x = (outdoorC - COLD_OUTDOOR_C) / (HOT_OUTDOOR_C - COLD_OUTDOOR_C);
  const f = x < 0 ? 0 : x > 1 ? 1 : x;
  return COP_COLD + (COP_HOT - COP_COLD) * f;
}

/** Rejected heat relative to a hot day's, (1 + 1/COP) / (1 + 1/COP_hot), in [0.82, 1]. */
export function condensingFactor(outdoorC: number): number {
  return (1 + 1 / refrigerationCop(outdoorC)) / (1 + 1 / COP_HOT);
}

export function evaluateSupermarket(spec: SupermarketSpec, timeS: number, outdoorC: number, out: SourceOutput): void {
  const open = inHourWindow(hourOfDay(timeS), spec.openingHours[0], spec.openingHours[1]);
  const rejectedW = spec.condenserW * (open ? 1 : CLOSED_LOAD_SHARE) * condensingFactor(outdoorC);
  out.rejectedW = rejectedW;
  out.availableW = spec.recoverableShare * rejectedW;
  out.temperatureC = SUPERMARKET_SOURCE_C;
}
