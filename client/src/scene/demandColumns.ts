/**
 * The "Demand" layer's columns, one standing on each building's roof (display scales, not physics):
 *   height : live heat demand at 1 m per 10 kW, capped at 80 m so a large block does not hide the city
 *            (a 10 kW terraced home 1 m, a 300 kW school 30 m); no demand, no column. At a larger draw scale
 *            (cityLayout.ts) the cap and the column's side grow by that factor, the metres per kW stay (the
 *            legend's reading), so a region's aggregated blocks stand apart.
 *   colour : delivered share = delivered / demand; green from 99 % up (delivered in full: the last percent is
 *            Float32 rounding and the step's lag), through amber to red at 80 % and below (short).
 */
export const DEMAND_COLUMN_M_PER_W = 1 / 10_000;
export const DEMAND_COLUMN_MAX_M = 80;
/** Column side (m): thin next to a building, readable from a kilometre away. */
export const DEMAND_COLUMN_WIDTH_M = 3;
export const DELIVERED_IN_FULL_SHARE = 0.99;
export const DELIVERED_SHORT_SHARE = 0.8;

/** sRGB 0-1 of the three stops: short, half way, delivered in full. */
export const DELIVERY_RED = [0.9, 0.12, 0.1] as const;
export const DELIVERY_AMBER = [1.0, 0.72, 0.1] as const;
export const DELIVERY_GREEN = [0.15, 0.78, 0.3] as const;

export function demandColumnHeightM(demandW: number, drawScale = 1): number {
  return demandW > 0 ? Math.min(DEMAND_COLUMN_MAX_M * drawScale, demandW * DEMAND_COLUMN_M_PER_W) : 0;
}

/** Writes the column colour (sRGB) for a building's delivered share into out[o..o+2]. */
export function deliveryRgb(demandW: number, deliveredW: number, out: Float32Array, o: number): void {
  const share = demandW > 0 ? deliveredW / demandW : 1;
  const t = Math.min(1, Math.max(0, (share - DELIVERED_SHORT_SHARE) / (DELIVERED_IN_FULL_SHARE - DELIVERED_SHORT_SHARE)));
  const [a, b, k] = t < 0.5 ? [DELIVERY_RED, DELIVERY_AMBER, t * 2] : [DELIVERY_AMBER, DELIVERY_GREEN, t * 2 - 1];
  out[o] = a[0] + (b[0] - a[0]) * k;
  out[o + 1] = a[1] + (b[1] - a[1]) * k;
  out[o + 2] = a[2] + (b[2] - a[2]) * k;
}
