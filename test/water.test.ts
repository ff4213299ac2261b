/**
 * Water property fits against the full equations they were fitted to, written out here independently of the
 * model: the IAPWS-IF97 region 1 Gibbs free energy (IAPWS R7-97(2012)) for density, enthalpy and isobaric heat
 * capacity, and the IAPWS 2008 viscosity (IAPWS R12-08) at the IF97 density. Both are first checked against the
 * verification values the releases publish.
 */
import { describe, it, expect } from 'vitest';
import {
  KELVIN,
  waterCpJPerKgK,
  waterDensityKgM3,
  waterEnthalpyJPerKg,
  waterTemperatureFromEnthalpyC,
  waterDensityTabulatedKgM3,
  waterViscosityPaS,
  waterViscosityTabulatedPaS,
} from '../server/sim/water';

// IF97 region 1: g(p,T)/(R·T) = gamma(pi, tau) = sum n_i (7.1 - pi)^I_i (tau - 1.222)^J_i,
// pi = p/16.53 MPa, tau = 1386 K/T (IAPWS R7-97(2012), Table 2).
const IF97_R_J_PER_KG_K = 461.526;
const IF97_P_STAR_PA = 16.53e6;
const IF97_T_STAR_K = 1386;
const IF97_REGION1: ReadonlyArray<readonly [i: number, j: number, n: number]> = [
  [0, -2, 0.14632971213167],
  [0, -1, -0.84548187169114],
  [0, 0, -0.3756360367204e1],
  [0, 1, 0.33855169168385e1],
  [0, 2, -0.95791963387872],
  [0, 3, 0.15772038513228],
  [0, 4, -0.16616417199501e-1],
  [0, 5, 0.81214629983568e-3],
  [1, -9, 0.28319080123804e-3],
  [1, -7, -0.60706301565874e-3],
  [1, -1, -0.18990068218419e-1],
  [1, 0, -0.32529748770505e-1],
  [1, 1, -0.21841717175414e-1],
  [1, 3, -0.5283835796993e-4],
  [2, -3, -0.47184321073267e-3],
  [2, 0, -0.30001780793026e-3],
  [2, 1, 0.47661393906987e-4],
  [2, 3, -0.44141845330846e-5],
  [2, 17, -0.72694996297594e-15],
  [3, -4, -0.31679644845054e-4],
  [3, 0, -0.28270797985312e-5],
  [3, 6, -0.85205128120103e-9],
  [4, -5, -0.22425281908e-5],
  [4, -2, -0.65171222895601e-6],
  [4, 10, -0.14341729937924e-12],
  [5, -8, -0.40516996860117e-6],
  [8, -11, -0.12734301741641e-8],
  [8, -6, -0.17424871230634e-9],
  [21, -29, -0.68762131295531e-18],
  [23, -31, 0.14478307828521e-19],
  [29, -38, 0.26335781662795e-22],
  [30, -39, -0.11947622640071e-22],
  [31, -40, 0.18228094581404e-23],
  [32, -41, -0.93537087292458e-25],
];

interface Region1State {
  specificVolumeM3PerKg: number;
  enthalpyJPerKg: number;
  cpJPerKgK: number;
}

/** v = R·T/p · pi·gamma_pi, h = R·T · tau·gamma_tau, cp = -R · tau²·gamma_tautau. */
function if97Region1(tK: number, pPa: number): Region1State {
  const pi = pPa / IF97_P_STAR_PA;
  const tau = IF97_T_STAR_K / tK;
  const a = 7.1 - pi;
  const b = tau - 1.222;
  let gammaPi = 0;
  let gammaTau = 0;
  let gammaTauTau = 0;
  for (const [i, j, n] of IF97_REGION1) {
    gammaPi -= n * i * a ** (i - 1) * b ** j;
    gammaTau += n * a ** i * j * b ** (j - 1);
    gammaTauTau += n * a ** i * j * (j - 1) * b ** (j - 2);
  }
  return {
    specificVolumeM3PerKg: ((IF97_R_J_PER_KG_K * tK) / pPa) * pi * gammaPi,
    enthalpyJPerKg: IF97_R_J_PER_KG_K * tK * tau * gammaTau,
    cpJPerKgK: -IF97_R_J_PER_KG_K * tau * tau * gammaTauTau,
  };
}

// IAPWS 2008 viscosity: mu/mu* = mu0(Tbar)·mu1(Tbar, rhobar), mu2 = 1 (industrial use, IAPWS R12-08 section 3).
const VISCOSITY_T_STAR_K = 647.096;
const VISCOSITY_RHO_STAR_KG_M3 = 322;
const VISCOSITY_MU_STAR_PA_S = 1e-6;
const VISCOSITY_H0 = [1.67752, 2.20462, 0.6366564, -0.241605];
/** Nonzero H_ij of mu1 = exp(rhobar · sum H_ij (1/Tbar - 1)^i (rhobar - 1)^j) (IAPWS R12-08, Table 2). */
const VISCOSITY_H1: ReadonlyArray<readonly [i: number, j: number, h: number]> = [
  [0, 0, 5.20094e-1],
  [1, 0, 8.50895e-2],
  [2, 0, -1.08374],
  [3, 0, -2.89555e-1],
  [0, 1, 2.22531e-1],
  [1, 1, 9.99115e-1],
  [2, 1, 1.88797],
  [3, 1, 1.26613],
  [5, 1, 1.20573e-1],
  [0, 2, -2.81378e-1],
  [1, 2, -9.06851e-1],
  [2, 2, -7.72479e-1],
  [3, 2, -4.89837e-1],
  [4, 2, -2.5704e-1],
  [0, 3, 1.61913e-1],
  [1, 3, 2.57399e-1],
  [0, 4, -3.25372e-2],
  [3, 4, 6.98452e-2],
  [4, 5, 8.72102e-3],
  [3, 6, -4.35673e-3],
  [5, 6, -5.93264e-4],
];

function iapws2008ViscosityPaS(tK: number, rhoKgM3: number): number {
  const tBar = tK / VISCOSITY_T_STAR_K;
  const rhoBar = rhoKgM3 / VISCOSITY_RHO_STAR_KG_M3;
  let denominator = 0;
  VISCOSITY_H0.forEach((h, i) => (denominator += h / tBar ** i));
  const mu0 = (100 * Math.sqrt(tBar)) / denominator;
  let sum = 0;
  for (const [i, j, h] of VISCOSITY_H1) sum += h * (1 / tBar - 1) ** i * (rhoBar - 1) ** j;
  return VISCOSITY_MU_STAR_PA_S * mu0 * Math.exp(rhoBar * sum);
}

interface ReferenceWater {
  densityKgM3: number;
  enthalpyJPerKg: number;
  cpJPerKgK: number;
  viscosityPaS: number;
}

function referenceWater(tC: number, pPa: number): ReferenceWater {
  const tK = tC + KELVIN;
  const state = if97Region1(tK, pPa);
  const densityKgM3 = 1 / state.specificVolumeM3PerKg;
  return {
    densityKgM3,
    enthalpyJPerKg: state.enthalpyJPerKg,
    cpJPerKgK: state.cpJPerKgK,
    viscosityPaS: iapws2008ViscosityPaS(tK, densityKgM3),
  };
}

const FIT_PRESSURE_PA = 1e6;
/** The 1 K grid over the fitted range, °C. */
const GRID_C = Array.from({ length: 151 }, (_, i) => i);

function worstRelativeError(model: (tC: number) => number, reference: (tC: number) => number, grid: number[]): number {
  let worst = 0;
  for (const tC of grid) worst = Math.max(worst, Math.abs(model(tC) / reference(tC) - 1));
  return worst;
}

describe('reference equations reproduce the published verification values', () => {
  it('IF97 region 1 (R7-97(2012), Table 5) to 9 significant digits', () => {
    const table: Array<[tK: number, pPa: number, v: number, hKJ: number, cpKJ: number]> = [
      [300, 3e6, 0.100215168e-2, 0.115331273e3, 0.417301218e1],
      [300, 80e6, 0.971180894e-3, 0.184142828e3, 0.401008987e1],
      [500, 3e6, 0.1202418e-2, 0.975542239e3, 0.465580682e1],
    ];
    for (const [tK, pPa, v, hKJ, cpKJ] of table) {
      const state = if97Region1(tK, pPa);
      expect(Math.abs(state.specificVolumeM3PerKg / v - 1)).toBeLessThan(1e-8);
      expect(Math.abs(state.enthalpyJPerKg / (hKJ * 1e3) - 1)).toBeLessThan(1e-8);
      expect(Math.abs(state.cpJPerKgK / (cpKJ * 1e3) - 1)).toBeLessThan(1e-8);
    }
  });

  it('IAPWS 2008 viscosity (R12-08, Table 4, mu2 = 1) to the 6 published decimals', () => {
    const table: Array<[tK: number, rho: number, muMicroPaS: number]> = [
      [298.15, 998, 889.7351],
      [298.15, 1200, 1437.649467],
      [373.15, 1000, 307.883622],
      [433.15, 1, 14.538324],
      [433.15, 1000, 217.685358],
      [873.15, 600, 77.430195],
    ];
    for (const [tK, rho, muMicroPaS] of table) {
      expect(iapws2008ViscosityPaS(tK, rho) * 1e6).toBeCloseTo(muMicroPaS, 6);
    }
  });
});

describe('water property fits over 0-150 °C at 1 MPa', () => {
  const reference = new Map(GRID_C.map((tC) => [tC, referenceWater(tC, FIT_PRESSURE_PA)]));
  const at = (tC: number) => reference.get(tC)!;

  it('density within 0.02 % of IF97', () => {
    expect(worstRelativeError(waterDensityKgM3, (tC) => at(tC).densityKgM3, GRID_C)).toBeLessThan(2e-4);
  });

  it('cp within 0.1 % of IF97', () => {
    expect(worstRelativeError(waterCpJPerKgK, (tC) => at(tC).cpJPerKgK, GRID_C)).toBeLessThan(1e-3);
  });

  it('viscosity within 0.5 % of IAPWS 2008', () => {
    expect(worstRelativeError(waterViscosityPaS, (tC) => at(tC).viscosityPaS, GRID_C)).toBeLessThan(5e-3);
  });

  it('enthalpy within 0.1 % of IF97 from 5 °C, below 5 °C within the error that allows at 5 °C', () => {
    const aboveZero = (tC: number) => at(tC).enthalpyJPerKg - at(0).enthalpyJPerKg;
    expect(waterEnthalpyJPerKg(0)).toBe(0);
    expect(
      worstRelativeError(
        waterEnthalpyJPerKg,
        aboveZero,
        GRID_C.filter((tC) => tC >= 5),
      ),
    ).toBeLessThan(1e-3);
    for (const tC of GRID_C.filter((t) => t < 5)) {
      expect(Math.abs(waterEnthalpyJPerKg(tC) - aboveZero(tC))).toBeLessThan(1e-3 * aboveZero(5));
    }
  });
});

describe('enthalpy and heat capacity agree, so heat booked either way balances', () => {
  it('h(T1) - h(T0) is the integral of cp from T0 to T1 (Simpson, 1500 intervals)', () => {
    const integrateCp = (t0: number, t1: number) => {
      const n = 1500;
      const dt = (t1 - t0) / n;
      let sum = waterCpJPerKgK(t0) + waterCpJPerKgK(t1);
      for (let k = 1; k < n; k++) sum += (k % 2 === 1 ? 4 : 2) * waterCpJPerKgK(t0 + k * dt);
      return (sum * dt) / 3;
    };
    for (const [t0, t1] of [
      [0, 150],
      [40, 120],
      [45, 85],
      [10, 11],
    ]) {
      const dh = waterEnthalpyJPerKg(t1) - waterEnthalpyJPerKg(t0);
      expect(Math.abs(dh / integrateCp(t0, t1) - 1)).toBeLessThan(1e-12);
    }
  });
});

describe('temperature from enthalpy', () => {
  it('round trip T -> h -> T within 1e-9 K on a 0.01 K grid over 0-150 °C', () => {
    let worst = 0;
    for (let i = 0; i <= 15000; i++) {
      const tC = i * 0.01;
      worst = Math.max(worst, Math.abs(waterTemperatureFromEnthalpyC(waterEnthalpyJPerKg(tC)) - tC));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('converges to within 1e-10 K of the enthalpy asked for', () => {
    const hMax = waterEnthalpyJPerKg(150);
    for (let i = 0; i <= 1000; i++) {
      const h = (i / 1000) * hMax;
      const tC = waterTemperatureFromEnthalpyC(h);
      expect(Math.abs(waterEnthalpyJPerKg(tC) - h) / waterCpJPerKgK(tC)).toBeLessThan(1e-10);
    }
  });
});

describe('network pressure', () => {
  it('from 0.3 to 1.6 MPa (0-130 °C) density, cp, viscosity change by at most 0.073 %, 0.16 %, 0.17 %', () => {
    // 130 °C stays below the 133.5 °C boiling point at 0.3 MPa, so both states are liquid (IF97 region 1).
    let density = 0;
    let cp = 0;
    let viscosity = 0;
    for (const tC of GRID_C.filter((t) => t <= 130)) {
      const low = referenceWater(tC, 0.3e6);
      const high = referenceWater(tC, 1.6e6);
      density = Math.max(density, Math.abs(high.densityKgM3 / low.densityKgM3 - 1));
      cp = Math.max(cp, Math.abs(high.cpJPerKgK / low.cpJPerKgK - 1));
      viscosity = Math.max(viscosity, Math.abs(high.viscosityPaS / low.viscosityPaS - 1));
    }
    // The stated figures are the measured maxima rounded up: each within its last digit.
    expect(density).toBeLessThanOrEqual(0.073e-2);
    expect(density).toBeGreaterThan(0.072e-2);
    expect(cp).toBeLessThanOrEqual(0.16e-2);
    expect(cp).toBeGreaterThan(0.15e-2);
    expect(viscosity).toBeLessThanOrEqual(0.17e-2);
    expect(viscosity).toBeGreaterThan(0.16e-2);
  });
});

describe("the network solvers' density and viscosity tables", () => {
  it('agree with the fits within 1e-9 from -10 to 170 °C, and are the fits outside', () => {
    let worstDensity = 0;
    let worstViscosity = 0;
    // A step incommensurate with the 0.25 K knots, so points fall everywhere between them.
    for (let tC = -10; tC <= 170; tC += 0.0037) {
      worstDensity = Math.max(worstDensity, Math.abs(waterDensityTabulatedKgM3(tC) / waterDensityKgM3(tC) - 1));
      worstViscosity = Math.max(worstViscosity, Math.abs(waterViscosityTabulatedPaS(tC) / waterViscosityPaS(tC) - 1));
    }
    expect(worstDensity).toBeLessThan(1e-9);
    expect(worstViscosity).toBeLessThan(1e-9);
    for (const tC of [-30, -10.01, 170, 200]) {
      expect(waterDensityTabulatedKgM3(tC)).toBe(waterDensityKgM3(tC));
      expect(waterViscosityTabulatedPaS(tC)).toBe(waterViscosityPaS(tC));
    }
  });
});
