/**
 * The temperatures a simulation starts from. A run starts mid-operation, not from a cold network: the supply
 * pipes hold water at the curve's set-point for 0 °C outside (a mild mid-season guess that the first hours of
 * transport replace), the return pipes, the substations' returns and the plants' inlets at 45 °C, the typical
 * return of a Nordic network (docs/reference-figures.md, Network: about 45-55 °C).
 */
import { supplySetpointC, type SupplyCurve } from './supplyCurve';

export const START_RETURN_C = 45;

/** Outdoor temperature whose set-point fills the supply pipes at the start (°C). */
const START_OUTDOOR_C = 0;

export function startSupplyC(curve: SupplyCurve): number {
  return supplySetpointC(curve, START_OUTDOOR_C);
}
