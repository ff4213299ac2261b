/**
 * Darcy friction factor of a network's pipes from tables, for the hydraulic solver's hot loop: the same factor
 * as friction.ts (the reference) without solving Colebrook for every pipe in every step.
 *
 * Method: pipes come from a catalogue, so a network holds few distinct relative roughnesses eps/D. For each, f
 * and df/dlnRe = f·dlnf/dlnRe from darcyFactorAndSlope are stored on knots evenly spaced in ln Re, in two runs
 * that meet at the turbulent limit (Re 4000) so the blended transition and the turbulent law are each smooth
 * between knots: 96 intervals across the transition 2300-4000 (the blend turns f's slope from +0.8 to -0.3
 * within 2 % of Re below 4000), 20 per unit of ln Re from 4000 to 1e8. Between knots f is the cubic Hermite
 * interpolant in ln Re and dlnf/dlnRe its derivative over f. The Hermite error falls with the fourth power of
 * the knot spacing: f stays within 3e-9 of darcyFactorAndSlope (relative; 7e-10 above Re 4000) and the slope
 * within 2e-6 (test/friction.test.ts), so drops agree with the reference to far below what any test or setting
 * resolves. Above Re 1e8, the reference itself.
 * Costs a logarithm and a dozen flops, less than one Newton step of Colebrook.
 */
import { darcyFactorAndSlope, LAMINAR_RE, TURBULENT_RE, type FrictionModel } from './friction';

const LN_LAMINAR_RE = Math.log(LAMINAR_RE);
const LN_TURBULENT_RE = Math.log(TURBULENT_RE);
const TRANSITION_INTERVALS = 96;
/** Knots per unit of ln Re across the transition 2300-4000, where the blend turns f within a few % of Re. */
const TRANSITION_KNOTS_PER_LN = TRANSITION_INTERVALS / (LN_TURBULENT_RE - LN_LAMINAR_RE);
const TRANSITION_KNOTS = TRANSITION_INTERVALS + 1;
/** Knots per unit of ln Re from Re 4000 up to Re 1e8. */
const TURBULENT_KNOTS_PER_LN = 20;
const TURBULENT_KNOTS = Math.ceil((Math.log(1e8) - LN_TURBULENT_RE) * TURBULENT_KNOTS_PER_LN) + 1;
const KNOT_COUNT = TRANSITION_KNOTS + TURBULENT_KNOTS;

export interface PipeFrictionTable {
  /** Darcy f and dlnf/dlnRe of pipe e at Re >= 2300 (the caller handles laminar flow) into out[0] and out[1]. */
  factorAndSlope(e: number, re: number, out: Float64Array): void;
}

/** Tables for every distinct relative roughness among the pipes (eps/D per pipe). */
export function createPipeFrictionTable(relRoughness: Float64Array, model: FrictionModel): PipeFrictionTable {
  const tableOf = new Map<number, number>();
  for (const r of relRoughness) if (!tableOf.has(r)) tableOf.set(r, tableOf.size);
  // Per knot: f and the change of f over one knot interval at the knot's slope, h·df/dlnRe.
  const knots = new Float64Array(tableOf.size * KNOT_COUNT * 2);
  const fs = new Float64Array(3);
  for (const [r, t] of tableOf) {
    for (let i = 0; i < KNOT_COUNT; i++) {
      const transition = i < TRANSITION_KNOTS;
      const perLn = transition ? TRANSITION_KNOTS_PER_LN : TURBULENT_KNOTS_PER_LN;
      const lnRe = transition ? LN_LAMINAR_RE + i / perLn : LN_TURBULENT_RE + (i - TRANSITION_KNOTS) / perLn;
      darcyFactorAndSlope(Math.exp(lnRe), r, model, fs);
      knots[(t * KNOT_COUNT + i) * 2] = fs[0];
      knots[(t * KNOT_COUNT + i) * 2 + 1] = (fs[0] * fs[1]) / perLn;
    }
  }
  const base = Int32Array.from(relRoughness, (r) => (tableOf.get(r) as number) * KNOT_COUNT * 2);
  return {
    factorAndSlope(e, re, out) {
      const lnRe = Math.log(re);
      const transition = re < TURBULENT_RE;
      const perLn = transition ? TRANSITION_KNOTS_PER_LN : TURBULENT_KNOTS_PER_LN;
      const x = transition ? (lnRe - LN_LAMINAR_RE) * perLn : (lnRe - LN_TURBULENT_RE) * perLn;
      const i = Math.floor(x);
      if (!(i >= 0 && i < TURBULENT_KNOTS - 1)) {
        darcyFactorAndSlope(re, relRoughness[e], model, out);
        return;
      }
      const k = base[e] + 2 * (transition ? i : TRANSITION_KNOTS + i);
      const f0 = knots[k];
      const s0 = knots[k + 1];
      const f1 = knots[k + 2];
      const s1 = knots[k + 3];
      const u = x - i;
      const v = 1 - u;
      // Hermite basis on the unit interval: values (1 + 2u)v², u²(3 - 2u); slopes u·v², -u²·v; and their derivatives.
      const f = (1 + 2 * u) * v * v * f0 + u * u * (3 - 2 * u) * f1 + u * v * (v * s0 - u * s1);
      const dfdu = 6 * u * v * (f1 - f0) + v * (v - 2 * u) * s0 + u * (u - 2 * v) * s1;
      out[0] = f;
      out[1] = (dfdu * perLn) / f;
    },
  };
}
