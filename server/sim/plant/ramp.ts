/**
 * A unit's output ramp: the output moves toward its target at a limited rate (W/s), and the books take the mean
 * over the time it ramps, not where it stands at the end, so the energy does not depend on the step length.
 */
/**
 * Ramp from `fromW` toward `toW` at `rateWPerS` for `spanS` seconds: the mean output over the span and the output
 * at its end (W). The mean is what the books take, so energy does not depend on how the span is cut into steps.
 */
export function rampOver(fromW: number, toW: number, rateWPerS: number, spanS: number): { meanW: number; endW: number } {
  const diffW = toW - fromW;
  if (diffW === 0 || spanS <= 0) return { meanW: fromW, endW: fromW };
  const reachS = rateWPerS > 0 ? Math.abs(diffW) / rateWPerS : Infinity;
  if (reachS >= spanS) {
    const endW = fromW + Math.sign(diffW) * rateWPerS * spanS;
    return { meanW: (fromW + endW) / 2, endW };
  }
  return { meanW: toW - (diffW * reachS) / (2 * spanS), endW: toW };
}
