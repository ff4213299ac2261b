/**
 * Properties of district heating water.
 *
 * Temperature-dependent properties for the engine's hot loops: density, dynamic viscosity, isobaric heat capacity
 * and specific enthalpy of liquid water from 0 to 150 °C at 1 MPa, as polynomials in t = T/100 (T in °C),
 * evaluated by Horner's rule without allocation:
 *
 *   rho(T) = sum_k a_k t^k                 kg/m³   (degree 5)
 *   cp(T)  = sum_k c_k t^k                 J/(kg·K) (degree 6)
 *   h(T)   = integral_0^T cp dT'
 *          = 100 · sum_k c_k t^(k+1)/(k+1) J/kg, h(0 °C) = 0, exactly the integral of cp, so the heat
 *            m·(h(T1) - h(T0)) a parcel gives up is the same whether it is booked through h or through cp
 *   mu(T)  = exp(sum_k b_k t^k)            Pa·s    (degree 6)
 *
 * The coefficients are least-squares fits (relative error for rho and cp, ln(mu) for viscosity) on a 0.1 K grid
 * over 0-150 °C at 1 MPa to:
 *   - IAPWS R7-97(2012), "Revised Release on the IAPWS Industrial Formulation 1997 for the Thermodynamic
 *     Properties of Water and Steam", region 1 (density, cp, enthalpy);
 *   - IAPWS R12-08, "Release on the IAPWS Formulation 2008 for the Viscosity of Ordinary Water Substance",
 *     mu0·mu1 with mu2 = 1 as recommended for industrial use, at the IF97 density.
 * Maximum errors against those equations on a 1 K grid over 0-150 °C at 1 MPa: density 0.006 %, cp 0.032 %,
 * viscosity 0.081 % (each at 0 °C), enthalpy 0.008 % from 5 °C (2.6 J/kg absolute anywhere); over 40-120 °C they
 * are a quarter of that or less. test/water.test.ts holds them to 0.02 %, 0.1 %, 0.5 % and 0.1 %. The fitting
 * procedure is in docs/water-properties.md.
 *
 * Pressure: 1 MPa is the middle of a district-heating network's static pressure. Between 0.3 and 1.6 MPa
 * (0-130 °C, where water at 0.3 MPa stays liquid) IF97 and IAPWS 2008 change density by at most 0.073 %
 * (at 130 °C), cp by at most 0.16 % and viscosity by at most 0.17 % (both at 0 °C), so one pressure serves the
 * whole network. Outside 0-150 °C the polynomials extrapolate: within 5 K of either end they stay within 0.2 % (cp)
 * and 0.4 % (viscosity), further out they drift away.
 */

/**
 * Single reference values for callers that hold one fluid for the whole network (40-120 °C):
 * c_p 4190 J/(kg·K) at 60-90 °C, density 970 kg/m³ and viscosity 3.5e-4 Pa·s at 80 °C
 * (docs/reference-figures.md, Network).
 */
export const WATER_CP_J_PER_KG_K = 4190;
export const WATER_DENSITY_KG_PER_M3 = 970;
export const WATER_VISCOSITY_PA_S = 3.5e-4;
export const KELVIN = 273.15;

export interface Fluid {
  densityKgM3: number;
  viscosityPaS: number;
  cpJPerKgK: number;
}

export const DH_WATER: Fluid = {
  densityKgM3: WATER_DENSITY_KG_PER_M3,
  viscosityPaS: WATER_VISCOSITY_PA_S,
  cpJPerKgK: WATER_CP_J_PER_KG_K,
};

/** Density in kg/m³, coefficients of t^0...t^5. */
const DENSITY = [1000.35901584, 4.51822597706, -74.4699338724, 44.5181334658, -19.7866947697, 3.64424032141];
/** Isobaric heat capacity in J/(kg·K), coefficients of t^0...t^6. */
const CP = [
  4213.6409638, -283.570453598, 847.227841668, -1359.91815757, 1314.70616835, -643.654886595, 126.099759445,
];
/** ln(viscosity / Pa·s), coefficients of t^0...t^6. */
const LN_VISCOSITY = [
  -6.32648445354, -3.44439279576, 3.26736091665, -3.13932012397, 2.21905863659, -0.907147538784, 0.156655760912,
];
/** Enthalpy in J/kg, coefficients of t^1...t^7: the term-by-term integral of CP over T = 100·t. */
const ENTHALPY = CP.map((c, k) => (100 * c) / (k + 1));

/** Newton stops once a step moves the temperature by less than this (K). */
const INVERSE_TOLERANCE_K = 1e-11;
/** Newton converges in at most 4 steps over 0-150 °C from the constant-cp guess; this bounds a pathological input. */
const INVERSE_MAX_STEPS = 20;

export function waterDensityKgM3(tC: number): number {
  const t = tC * 0.01;
  const a = DENSITY;
  return a[0] + t * (a[1] + t * (a[2] + t * (a[3] + t * (a[4] + t * a[5]))));
}

export function waterCpJPerKgK(tC: number): number {
  const t = tC * 0.01;
  const c = CP;
  return c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * (c[4] + t * (c[5] + t * c[6])))));
}

/** Specific enthalpy relative to liquid water at 0 °C (same pressure), J/kg. */
export function waterEnthalpyJPerKg(tC: number): number {
  const t = tC * 0.01;
  const e = ENTHALPY;
  return t * (e[0] + t * (e[1] + t * (e[2] + t * (e[3] + t * (e[4] + t * (e[5] + t * e[6]))))));
}

export function waterViscosityPaS(tC: number): number {
  const t = tC * 0.01;
  const b = LN_VISCOSITY;
  return Math.exp(b[0] + t * (b[1] + t * (b[2] + t * (b[3] + t * (b[4] + t * (b[5] + t * b[6]))))));
}

/** Temperature (°C) whose enthalpy is h (J/kg), by Newton's method with dh/dT = cp (to 1e-11 K). */
function solveTemperatureFromEnthalpyC(hJPerKg: number): number {
  let tC = hJPerKg / WATER_CP_J_PER_KG_K;
  for (let i = 0; i < INVERSE_MAX_STEPS; i++) {
    const step = (waterEnthalpyJPerKg(tC) - hJPerKg) / waterCpJPerKgK(tC);
    tC -= step;
    if (Math.abs(step) < INVERSE_TOLERANCE_K) break;
  }
  return tC;
}

/**
 * The inverse as the engine's hot loops need it, every node of both networks every step: cubic Hermite
 * interpolation of T on knots 0.25 K apart in h/c_p,ref from -10 to 170 °C, each knot's T and dT/dh = 1/cp
 * from Newton's method. The error of cubic Hermite interpolation falls with the fourth power of the knot
 * spacing: 4e-9 K at 1 K, 2e-11 K at 0.25 K (test/water.test.ts holds 1e-10 K), at a fifth of Newton's cost.
 * Outside the knots: Newton.
 */
const KNOTS_PER_K = 4;
const KNOT_FROM_K = -10;
const KNOT_COUNT = 180 * KNOTS_PER_K + 1;
const knotC = new Float64Array(KNOT_COUNT);
/** dT over one knot interval at the knot's slope, dT/d(h/c_p,ref)/KNOTS_PER_K. */
const knotSlope = new Float64Array(KNOT_COUNT);
for (let i = 0; i < KNOT_COUNT; i++) {
  const tC = solveTemperatureFromEnthalpyC((KNOT_FROM_K + i / KNOTS_PER_K) * WATER_CP_J_PER_KG_K);
  knotC[i] = tC;
  // dT per knot interval: dT/dh · dh per interval.
  knotSlope[i] = WATER_CP_J_PER_KG_K / (KNOTS_PER_K * waterCpJPerKgK(tC));
}

/** Temperature (°C) whose enthalpy is h (J/kg): the inverse of waterEnthalpyJPerKg. */
export function waterTemperatureFromEnthalpyC(hJPerKg: number): number {
  const x = (hJPerKg / WATER_CP_J_PER_KG_K - KNOT_FROM_K) * KNOTS_PER_K;
  const i = Math.floor(x);
  if (!(i >= 0 && i < KNOT_COUNT - 1)) return solveTemperatureFromEnthalpyC(hJPerKg);
  const u = x - i;
  const v = 1 - u;
  // Hermite basis on the unit interval: values weighted (1 + 2u)v², u²(3 - 2u); slopes u·v², -u²·v.
  return (1 + 2 * u) * v * v * knotC[i] + u * u * (3 - 2 * u) * knotC[i + 1] + u * v * (v * knotSlope[i] - u * knotSlope[i + 1]);
}

/** Heat (J) a kilogram of water takes up from fromC to toC (°C): h(toC) - h(fromC), negative when it cools. */
export function waterHeatJPerKg(fromC: number, toC: number): number {
  return waterEnthalpyJPerKg(toC) - waterEnthalpyJPerKg(fromC);
}

/** Temperature (°C) of water at tC once a kilogram of it has taken up qJPerKg. */
export function waterHeatedC(tC: number, qJPerKg: number): number {
  return waterTemperatureFromEnthalpyC(waterEnthalpyJPerKg(tC) + qJPerKg);
}

/**
 * Density and viscosity as the network solvers need them, for every pipe of both networks as its water warms
 * or cools: cubic Hermite interpolation on knots 0.25 K apart from -10 to 170 °C, each knot holding the fit's
 * value and its derivative (by the polynomials' derivatives), built once. As for the enthalpy's inverse, the
 * error falls with the fourth power of the knot spacing: 2e-10 relative for viscosity at -10 °C, 2e-11 over
 * 30-130 °C, 1e-13 for density (test/water.test.ts holds both to 1e-9), so solvers reading
 * the table agree with the fits to rounding, at a fraction of the cost of the exponential and polynomials.
 * Outside the knots: the fits.
 */
const PROPERTY_KNOTS_PER_K = 4;
const PROPERTY_KNOT_FROM_C = -10;
const PROPERTY_KNOT_COUNT = 180 * PROPERTY_KNOTS_PER_K + 1;
/** Per knot: the value and its change over one knot interval at the knot's slope. */
const densityKnot = new Float64Array(2 * PROPERTY_KNOT_COUNT);
const viscosityKnot = new Float64Array(2 * PROPERTY_KNOT_COUNT);

/** d/dT of sum_k c_k t^k, t = T/100 (per K). */
function polynomialSlopePerK(c: readonly number[], tC: number): number {
  const t = tC * 0.01;
  let s = 0;
  for (let k = c.length - 1; k >= 1; k--) s = s * t + k * c[k];
  return s * 0.01;
}

for (let i = 0; i < PROPERTY_KNOT_COUNT; i++) {
  const tC = PROPERTY_KNOT_FROM_C + i / PROPERTY_KNOTS_PER_K;
  densityKnot[2 * i] = waterDensityKgM3(tC);
  densityKnot[2 * i + 1] = polynomialSlopePerK(DENSITY, tC) / PROPERTY_KNOTS_PER_K;
  const mu = waterViscosityPaS(tC);
  viscosityKnot[2 * i] = mu;
  viscosityKnot[2 * i + 1] = (mu * polynomialSlopePerK(LN_VISCOSITY, tC)) / PROPERTY_KNOTS_PER_K;
}

/** Cubic Hermite interpolation of a knot table at knot coordinate x (0 <= x < PROPERTY_KNOT_COUNT - 1). */
function interpolateKnots(knot: Float64Array, x: number, i: number): number {
  const u = x - i;
  const v = 1 - u;
  const k = 2 * i;
  // Hermite basis on the unit interval: values weighted (1 + 2u)v², u²(3 - 2u); slopes u·v², -u²·v.
  return (1 + 2 * u) * v * v * knot[k] + u * u * (3 - 2 * u) * knot[k + 2] + u * v * (v * knot[k + 1] - u * knot[k + 3]);
}

/** waterDensityKgM3 interpolated on the 0.25 K knots (within 1e-9 of it from -10 to 170 °C). */
export function waterDensityTabulatedKgM3(tC: number): number {
  const x = (tC - PROPERTY_KNOT_FROM_C) * PROPERTY_KNOTS_PER_K;
  const i = Math.floor(x);
  if (!(i >= 0 && i < PROPERTY_KNOT_COUNT - 1)) return waterDensityKgM3(tC);
  return interpolateKnots(densityKnot, x, i);
}

/** waterViscosityPaS interpolated on the 0.25 K knots (within 1e-9 of it from -10 to 170 °C). */
export function waterViscosityTabulatedPaS(tC: number): number {
  const x = (tC - PROPERTY_KNOT_FROM_C) * PROPERTY_KNOTS_PER_K;
  const i = Math.floor(x);
  if (!(i >= 0 && i < PROPERTY_KNOT_COUNT - 1)) return waterViscosityPaS(tC);
  return interpolateKnots(viscosityKnot, x, i);
}
