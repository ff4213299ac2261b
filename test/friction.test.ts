import { describe, it, expect } from 'vitest';
import {
  colebrookFactor,
  darcyFactor,
  darcyFactorAndSlope,
  darcyPressureDropPa,
  haalandFactor,
  reynoldsNumber,
  swameeJainFactor,
} from '../server/sim/network/friction';
import { createPipeFrictionTable } from '../server/sim/network/frictionTable';
import type { Fluid } from '../server/sim/water';
import { ENGINE_HYDRAULICS } from '../server/sim/engineSettings';

const water: Fluid = { densityKgM3: 1000, viscosityPaS: 1e-3, cpJPerKgK: 4190 };

describe('laminar friction (Hagen-Poiseuille)', () => {
  it('f = 64/Re exactly below Re 2300', () => {
    for (const re of [1, 10, 500, 1999, 2299]) expect(darcyFactor(re, 1e-3)).toBeCloseTo(64 / re, 14);
  });

  it('pressure drop equals 128·mu·L·Q/(pi·D^4)', () => {
    const d = 0.05;
    const lengthM = 120;
    const m = 0.02; // Re = 4·0.02/(pi·0.05·1e-3) = 509
    expect(reynoldsNumber(m, d, water.viscosityPaS)).toBeLessThan(2300);
    const q = m / water.densityKgM3;
    const expected = (128 * water.viscosityPaS * lengthM * q) / (Math.PI * d ** 4);
    expect(darcyPressureDropPa(m, lengthM, d, 1e-4, water) / expected - 1).toBeCloseTo(0, 12);
    expect(darcyPressureDropPa(-m, lengthM, d, 1e-4, water) / -expected - 1).toBeCloseTo(0, 12);
    expect(darcyPressureDropPa(0, lengthM, d, 1e-4, water)).toBe(0);
  });
});

describe('turbulent friction', () => {
  it('Colebrook solution satisfies its implicit equation over the Moody chart range', () => {
    let worst = 0;
    for (let lr = Math.log10(4000); lr <= 8; lr += 0.1) {
      for (const eD of [0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 5e-2]) {
        const re = 10 ** lr;
        const f = colebrookFactor(re, eD);
        const residual = 1 / Math.sqrt(f) + 2 * Math.log10(eD / 3.7 + 2.51 / (re * Math.sqrt(f)));
        worst = Math.max(worst, Math.abs(residual));
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('matches Moody chart values', () => {
    // Smooth pipes: Prandtl-von Karman law as tabulated with the Moody (1944) chart.
    // Relative tolerance 0.5 %: the tabulated values have three significant digits.
    const rel = (a: number, b: number) => Math.abs(a / b - 1);
    expect(rel(colebrookFactor(1e4, 0), 0.0309)).toBeLessThan(0.005);
    expect(rel(colebrookFactor(1e5, 0), 0.018)).toBeLessThan(0.005);
    expect(rel(colebrookFactor(1e6, 0), 0.0116)).toBeLessThan(0.005);
    expect(rel(colebrookFactor(1e7, 0), 0.0081)).toBeLessThan(0.005);
    // Fully rough limit (von Karman, 1/sqrt(f) = -2·log10(eps/(3.7·D))): 0.038 at eps/D = 0.01, 0.0196 at 0.001.
    expect(rel(colebrookFactor(1e9, 1e-2), 0.0379)).toBeLessThan(0.005);
    expect(rel(colebrookFactor(1e9, 1e-3), 0.0196)).toBeLessThan(0.005);
    // Moody chart: Re 1e5, eps/D 0.001 -> 0.0222.
    expect(rel(colebrookFactor(1e5, 1e-3), 0.0222)).toBeLessThan(0.005);
  });

  it('explicit approximations agree with Colebrook within their published accuracy', () => {
    // Haaland (1983): within 1.5 %; Swamee-Jain (1976): within about 3 % over 5e3 <= Re <= 1e8, 1e-6 <= eps/D <= 1e-2
    // (the 1 % often quoted holds only at high Re).
    let worstH = 0;
    let worstSJ = 0;
    for (let lr = Math.log10(5000); lr <= 8; lr += 0.05) {
      for (let le = -6; le <= -2; le += 0.05) {
        const re = 10 ** lr;
        const eD = 10 ** le;
        const f = colebrookFactor(re, eD);
        worstH = Math.max(worstH, Math.abs(haalandFactor(re, eD) / f - 1));
        worstSJ = Math.max(worstSJ, Math.abs(swameeJainFactor(re, eD) / f - 1));
      }
    }
    expect(worstH).toBeLessThan(0.015);
    expect(worstSJ).toBeLessThan(0.03);
    expect(darcyFactor(1e5, 1e-4, 'swamee-jain')).toBe(swameeJainFactor(1e5, 1e-4));
  });

  it('transition 2300-4000 joins laminar and turbulent continuously with rising pressure drop', () => {
    const eD = 1e-3;
    expect(darcyFactor(2300, eD) / (64 / 2300) - 1).toBeCloseTo(0, 12);
    expect(darcyFactor(4000, eD) / colebrookFactor(4000, eD) - 1).toBeCloseTo(0, 12);
    expect(Math.abs(darcyFactor(2299.999, eD) - darcyFactor(2300.001, eD))).toBeLessThan(1e-7);
    expect(Math.abs(darcyFactor(3999.999, eD) - darcyFactor(4000.001, eD))).toBeLessThan(1e-7);
    // dp ∝ f·Re², which must grow with flow for the network solve to be well posed.
    let prev = 0;
    for (let re = 2000; re <= 5000; re += 10) {
      const dp = darcyFactor(re, eD) * re * re;
      expect(dp).toBeGreaterThan(prev);
      prev = dp;
    }
  });

  it('log-slope dlnf/dlnRe equals the derivative of f (central difference)', () => {
    const out = new Float64Array(2);
    for (const model of ['colebrook', 'swamee-jain'] as const) {
      for (const re of [500, 2500, 3200, 3900, 5000, 3e4, 1e6]) {
        for (const eD of [0, 1e-4, 1e-2]) {
          darcyFactorAndSlope(re, eD, model, out);
          const h = 1e-5;
          const numeric =
            (Math.log(darcyFactor(re * Math.exp(h), eD, model)) - Math.log(darcyFactor(re * Math.exp(-h), eD, model))) /
            (2 * h);
          expect(out[1]).toBeCloseTo(numeric, 6);
        }
      }
    }
  });
});

describe("the engine's friction refresh", () => {
  it('a factor kept until Re has moved by the refresh share stays within 0.6 % of exact above Re 4000', () => {
    // Colebrook's |dlnf/dlnRe| = 2k/(1+k), k = 2·2.51/(ln10·Re·u), is largest for smooth pipes at low Re: about
    // 0.3 at Re 4000 (Blasius' 0.25 holds further up). So Re moved by a share s changes f by at most
    // (1 + s)^0.3 - 1: 0.6 % for the engine's 2 %.
    const share = ENGINE_HYDRAULICS.frictionRefreshRel;
    const bound = (1 + share) ** 0.3 - 1;
    expect(bound).toBeLessThan(0.006);
    const out = new Float64Array(2);
    let worst = 0;
    for (let lr = Math.log10(4000); lr <= 8; lr += 0.01) {
      for (const eD of [0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 5e-2]) {
        const re = 10 ** lr;
        darcyFactorAndSlope(re, eD, 'colebrook', out);
        expect(Math.abs(out[1])).toBeLessThan(0.3);
        const f = out[0];
        for (const moved of [re * (1 + share), re / (1 + share)]) {
          if (moved >= 4000) worst = Math.max(worst, Math.abs(darcyFactor(moved, eD) / f - 1));
        }
      }
    }
    expect(worst).toBeLessThan(bound);
  });
});

describe("the network solver's friction table", () => {
  // Relative roughnesses from smooth plastic to old steel in a small pipe; the table is per distinct value, so a
  // repeated one shares its knots with the first.
  const relRoughness = Float64Array.from([0, 1e-6, 1e-5, 1e-4, 4.5e-5 / 0.0273, 1e-3, 1e-2, 5e-2, 1e-4]);

  for (const model of ['colebrook', 'swamee-jain'] as const) {
    it(`${model}: f within 5e-9 and dlnf/dlnRe within 3e-6 of the reference from Re 2300 to 1e8`, () => {
      const table = createPipeFrictionTable(relRoughness, model);
      const got = new Float64Array(2);
      const want = new Float64Array(2);
      let worstF = 0;
      let worstSlope = 0;
      // A step incommensurate with the knots, so points fall everywhere between them, knots and ends included.
      for (let lr = Math.log(2300); lr <= Math.log(1e8); lr += 7.3e-4) {
        const re = Math.exp(lr);
        relRoughness.forEach((eD, e) => {
          table.factorAndSlope(e, re, got);
          darcyFactorAndSlope(re, eD, model, want);
          worstF = Math.max(worstF, Math.abs(got[0] / want[0] - 1));
          worstSlope = Math.max(worstSlope, Math.abs(got[1] - want[1]));
        });
      }
      for (const re of [2300, 4000, 4000 * (1 - 1e-12), 1e8 * (1 - 1e-12)]) {
        table.factorAndSlope(3, re, got);
        darcyFactorAndSlope(re, 1e-4, model, want);
        worstF = Math.max(worstF, Math.abs(got[0] / want[0] - 1));
      }
      expect(worstF).toBeLessThan(5e-9);
      expect(worstSlope).toBeLessThan(3e-6);
    });
  }

  it('is the reference itself beyond its last knot (Re 1e8 or the first knot above)', () => {
    const table = createPipeFrictionTable(relRoughness, 'colebrook');
    const got = new Float64Array(2);
    const want = new Float64Array(2);
    for (const re of [2e8, 3e8, 1e10]) {
      table.factorAndSlope(5, re, got);
      darcyFactorAndSlope(re, relRoughness[5], 'colebrook', want);
      expect(Array.from(got)).toEqual(Array.from(want));
    }
  });
});
