/**
 * Heat pump coefficient of performance (heating COP = heat to the sink / electricity in).
 *
 * Equations (docs/reference-figures.md, Heat pumps; Arpagaus; oemof-thermal
 * compression_heat_pumps_and_chillers), temperatures in kelvin:
 *   Carnot fraction:  COP = eta · T_sink / (T_sink - T_source)
 *   log-mean temp.:   T_lm = (T_in - T_out) / ln(T_in / T_out)
 *   Lorenz:           COP = eta_L · T_lm,sink / (T_lm,sink - T_lm,source)
 *   energy balance:   Q_sink = Q_source + P_el, so COP_cool = COP_heat - 1.
 * Guards: a vanishing or negative lift would give Infinity/NaN or a negative COP; the result is held in
 * [MIN_COP, MAX_COP]. MAX_COP = 15 is above any real vapour-compression unit at DH temperatures. MIN_COP = 1
 * because a compressor cannot deliver less heat than the electricity it takes (Q_source >= 0).
 * Inputs in °C, outputs dimensionless (COP) or K (logMeanK).
 */
import { KELVIN } from '../water';

export const MAX_COP = 15;
export const MIN_COP = 1;

function clampCop(cop: number): number {
  // NaN (from non-finite inputs) and non-positive lifts (cop <= 0 or Infinity) both end at a bound.
  if (!(cop > 0)) return MAX_COP;
  if (cop > MAX_COP) return MAX_COP;
  return cop < MIN_COP ? MIN_COP : cop;
}

/** Carnot-fraction heating COP between a sink and a source temperature (°C). */
export function carnotCop(sinkC: number, sourceC: number, efficiency: number): number {
  const sinkK = sinkC + KELVIN;
  const liftK = sinkC - sourceC;
  if (!(liftK > 0)) return MAX_COP;
  return clampCop((efficiency * sinkK) / liftK);
}

/** Log-mean temperature (K) of a stream going from inC to outC; the arithmetic mean when they (nearly) agree. */
export function logMeanK(inC: number, outC: number): number {
  const inK = inC + KELVIN;
  const outK = outC + KELVIN;
  const diffK = inK - outK;
  // Below a relative difference of 1e-6 the log form loses digits; the arithmetic mean is then exact to ~1e-13 K.
  if (Math.abs(diffK) < 1e-6 * inK) return 0.5 * (inK + outK);
  return diffK / Math.log(inK / outK);
}

/** Lorenz heating COP from the sink stream (in -> out, heated) and the source stream (in -> out, cooled), °C. */
export function lorenzCop(
  sinkInC: number,
  sinkOutC: number,
  sourceInC: number,
  sourceOutC: number,
  efficiency: number,
): number {
  const sinkLmK = logMeanK(sinkInC, sinkOutC);
  const liftK = sinkLmK - logMeanK(sourceInC, sourceOutC);
  if (!(liftK > 0)) return MAX_COP;
  return clampCop((efficiency * sinkLmK) / liftK);
}
