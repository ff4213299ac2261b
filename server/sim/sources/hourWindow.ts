/**
 * Hour-of-day windows as the scenario gives them (schema `hourWindow`): [fromH, toH) local time, hours in
 * [0, 24]; fromH > toH wraps past midnight ([22, 6] is the night). fromH = toH is an empty window; [0, 24] is all day.
 */
export function inHourWindow(hour: number, fromH: number, toH: number): boolean {
  if (fromH <= toH) return hour >= fromH && hour < toH;
  return hour >= fromH || hour < toH;
}

/** Length of the window in hours, [0, 24]. */
export function hourWindowLengthH(fromH: number, toH: number): number {
  return fromH <= toH ? toH - fromH : 24 - fromH + toH;
}
