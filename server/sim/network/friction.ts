/**
 * Darcy friction factor f of a full circular pipe, for Darcy-Weisbach dp = f·(L/D)·rho·v²/2
 * (docs/reference-figures.md, Network: friction).
 *
 *   Re = rho·|v|·D/mu = 4·|m|/(pi·D·mu)                         (m in kg/s, D in m, mu in Pa·s)
 *   laminar, Re < 2300:     f = 64/Re                             (Hagen-Poiseuille, exact)
 *   turbulent, Re > 4000:   Colebrook-White  1/√f = -2·log10(eps/(3.7·D) + 2.51/(Re·√f))
 *                           solved by Newton on x = 1/√f from the Swamee-Jain start (2 steps: |error| < 1e-10),
 *                           or Swamee-Jain explicit  f = 0.25 / log10(eps/(3.7·D) + 5.74/Re^0.9)²
 *                           (Swamee & Jain 1976: within 1 % of Colebrook for 1e-6 <= eps/D <= 1e-2, 5e3 <= Re <= 1e8)
 *   transition 2300-4000:   f = (1-w)·64/Re + w·f_turb(Re), w = smoothstep((Re-2300)/1700): continuous f and df/dRe,
 *                           so Newton on networks never meets a jump (the true transition is not predictable anyway).
 * Haaland (1983) 1/√f = -1.8·log10((eps/D/3.7)^1.11 + 6.9/Re) is exported for cross-checks (within about 2 %).
 *
 * The network Newton solve needs d(dp)/dm = (2 + dlnf/dlnRe)·dp/m, so `darcyFactorAndSlope` also returns
 * dlnf/dlnRe (laminar -1; Colebrook by implicit differentiation; Swamee-Jain by its explicit derivative).
 * The network solver reads both from tables built from this reference (frictionTable.ts).
 */
import type { Fluid } from '../water';

export type FrictionModel = 'colebrook' | 'swamee-jain';

export const LAMINAR_RE = 2300;
export const TURBULENT_RE = 4000;

const LN10 = Math.LN10;

/** Reynolds number of a pipe flow from its mass flow (sign ignored). */
export function reynoldsNumber(massFlowKgS: number, diameterM: number, viscosityPaS: number): number {
  return (4 * Math.abs(massFlowKgS)) / (Math.PI * diameterM * viscosityPaS);
}

/** Swamee-Jain explicit turbulent friction factor. */
export function swameeJainFactor(re: number, relRoughness: number): number {
  // exp/log instead of pow/log10: same values, several times faster in V8.
  const l = Math.log(relRoughness / 3.7 + 5.74 * Math.exp(-0.9 * Math.log(re))) / LN10;
  return 0.25 / (l * l);
}

/** Haaland explicit turbulent friction factor (for comparison). */
export function haalandFactor(re: number, relRoughness: number): number {
  const x = -1.8 * Math.log10(Math.pow(relRoughness / 3.7, 1.11) + 6.9 / re);
  return 1 / (x * x);
}

/**
 * Colebrook-White friction factor. Newton on F(x) = x + 2·log10(a + b·x/Re), x = 1/√f,
 * a = eps/(3.7·D), b = 2.51, from the Swamee-Jain value; F is increasing and concave in x, so Newton converges
 * quadratically (and monotonically after the first step): from Swamee-Jain (within 3 %) one step leaves < 2e-5, two steps < 1e-10 (relative, over
 * 2300 <= Re <= 1e9, 0 <= eps/D <= 0.05).
 */
export function colebrookFactor(re: number, relRoughness: number): number {
  const x = colebrookInverseSqrt(re, relRoughness);
  return 1 / (x * x);
}

/** x = 1/√f: Swamee-Jain start x0 = -2·log10(eps/(3.7·D) + 5.74/Re^0.9), then two Newton steps. */
function colebrookInverseSqrt(re: number, relRoughness: number): number {
  const a = relRoughness / 3.7;
  const bRe = 2.51 / re;
  let x = (-2 / LN10) * Math.log(a + 5.74 * Math.exp(-0.9 * Math.log(re)));
  for (let i = 0; i < 2; i++) {
    const u = a + bRe * x;
    x -= (x + (2 / LN10) * Math.log(u)) / (1 + (2 / LN10) * (bRe / u));
  }
  return x;
}

/** Turbulent factor and its log-slope dlnf/dlnRe into out[0] and out[1]. */
function turbulentFactorAndSlope(re: number, relRoughness: number, colebrook: boolean, out: Float64Array): void {
  if (colebrook) {
    const x = colebrookInverseSqrt(re, relRoughness);
    const u = relRoughness / 3.7 + (2.51 * x) / re;
    // x = -2 log10(u(x, Re))  =>  dln x/dln Re = k/(1+k), k = 2·2.51/(ln10·Re·u)
    const k = (2 * 2.51) / (LN10 * re * u);
    out[0] = 1 / (x * x);
    out[1] = (-2 * k) / (1 + k);
  } else {
    const t = 5.74 * Math.exp(-0.9 * Math.log(re));
    const u = relRoughness / 3.7 + t;
    const l = Math.log(u) / LN10;
    out[0] = 0.25 / (l * l);
    // f = 0.25·l^-2, dl/dlnRe = -0.9·t/(u·ln10)
    out[1] = (-2 * (-0.9 * t)) / (u * LN10 * l);
  }
}

/**
 * Darcy friction factor f and its log-slope dlnf/dlnRe into out[0] and out[1].
 * Re must be > 0 (callers handle zero flow, where the laminar law dp = R·m applies).
 */
export function darcyFactorAndSlope(re: number, relRoughness: number, model: FrictionModel, out: Float64Array): void {
  const colebrook = model === 'colebrook';
  if (re < LAMINAR_RE) {
    out[0] = 64 / re;
    out[1] = -1;
    return;
  }
  turbulentFactorAndSlope(re, relRoughness, colebrook, out);
  if (re >= TURBULENT_RE) return;
  const fT = out[0];
  const slopeT = out[1];
  const fL = 64 / re;
  const s = (re - LAMINAR_RE) / (TURBULENT_RE - LAMINAR_RE);
  const w = s * s * (3 - 2 * s);
  const dwdlnRe = (6 * s * (1 - s) * re) / (TURBULENT_RE - LAMINAR_RE);
  const f = (1 - w) * fL + w * fT;
  // d f/d ln Re = (1-w)·fL·(-1) + w·fT·slopeT + (fT - fL)·dw/dlnRe
  out[0] = f;
  out[1] = (-(1 - w) * fL + w * fT * slopeT + (fT - fL) * dwdlnRe) / f;
}

/** Darcy friction factor (laminar, blended transition, turbulent by the chosen model). */
export function darcyFactor(re: number, relRoughness: number, model: FrictionModel = 'colebrook'): number {
  if (re < LAMINAR_RE) return 64 / re;
  const fT = model === 'colebrook' ? colebrookFactor(re, relRoughness) : swameeJainFactor(re, relRoughness);
  if (re >= TURBULENT_RE) return fT;
  const s = (re - LAMINAR_RE) / (TURBULENT_RE - LAMINAR_RE);
  const w = s * s * (3 - 2 * s);
  return (1 - w) * (64 / re) + w * fT;
}

/** Friction pressure drop of one pipe (Pa), signed with the flow: dp = f·(L/D)·m·|m|/(2·rho·A²). */
export function darcyPressureDropPa(
  massFlowKgS: number,
  lengthM: number,
  diameterM: number,
  roughnessM: number,
  fluid: Fluid,
  model: FrictionModel = 'colebrook',
): number {
  if (massFlowKgS === 0) return 0;
  const re = reynoldsNumber(massFlowKgS, diameterM, fluid.viscosityPaS);
  const f = darcyFactor(re, roughnessM / diameterM, model);
  const area = (Math.PI * diameterM * diameterM) / 4;
  return (f * lengthM * massFlowKgS * Math.abs(massFlowKgS)) / (2 * fluid.densityKgM3 * area * area * diameterM);
}
