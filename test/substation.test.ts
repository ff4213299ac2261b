import { describe, it, expect } from 'vitest';
import { buildingSchema, type BuildingSpec } from '../shared/scenario/schema';
import { createBuildingArrays } from '../server/sim/consumers/buildings';
import {
  createSubstationArrays,
  exactSpacePrimaryReturnC,
  gridSpacePrimaryReturnC,
  GRID_Y_MAX,
  radiatorTemperatures,
  solveSubstations,
  logMeanK,
  type SubstationArrays,
} from '../server/sim/consumers/substation';
import { WATER_CP_J_PER_KG_K as CP, waterHeatJPerKg } from '../server/sim/water';
import { createRng } from '../server/sim/random';

function building(yearBuilt: number, extra: Partial<BuildingSpec> = {}): BuildingSpec {
  return buildingSchema.parse({
    id: `b${yearBuilt}`,
    use: 'residential',
    footprint: [[0, 0], [40, 0], [40, 12]],
    heightM: 20,
    floorAreaM2: 4000,
    yearBuilt,
    dhwKWhPerM2Year: 0,
    ...extra,
  });
}

function setup(specs: BuildingSpec[]) {
  const b = createBuildingArrays(specs);
  const sub = createSubstationArrays(b, specs);
  const n = specs.length;
  const out = {
    flow: new Float64Array(n),
    ret: new Float64Array(n),
    delivered: new Float64Array(n),
    deliveredSpace: new Float64Array(n),
  };
  const solve = (supplyC: number[], flowFactor: number, spaceW: number[], dhwW: number[]) => {
    const total = Float64Array.from(spaceW, (s, i) => s + dhwW[i]);
    solveSubstations(sub, Float64Array.from(supplyC), flowFactor, total, Float64Array.from(spaceW), out.flow, out.ret, out.delivered, out.deliveredSpace);
    return out;
  };
  return { b, sub, solve };
}

/**
 * Primary flow (kg/s) that carries heatW from supply to return by the water's enthalpy: the exchangers work at the
 * reference cp, the network carries the heat as h(Ts) - h(Tr).
 */
function carryingFlowKgS(heatW: number, supplyC: number, returnC: number): number {
  return heatW / waterHeatJPerKg(returnC, supplyC);
}

/** Primary return (°C) of one 80/60 building at load fraction phi and supply temperature ts, no DHW. */
function oneReturn(sub: SubstationArrays, solve: ReturnType<typeof setup>['solve'], phi: number, ts: number): number {
  return solve([ts], 1, [phi * sub.designSpaceW[0]], [0]).ret[0];
}

describe('radiator characteristic (EN 442, n = 1.3, constant secondary flow)', () => {
  it('80/60 radiators at half load: Ts2 = 54.640, Tr2 = 44.640 °C (solved by hand)', () => {
    // r_d = 59/39; ln r = ln(59/39) * 0.5^(1 - 1/1.3) = 0.35278 -> r = 1.42302;
    // Tr2 - 21 = 0.5 * 20 / (r - 1) = 23.6395; Ts2 - 21 = r * 23.6395 = 33.6395.
    const [ts2, tr2] = radiatorTemperatures(0, 0.5, 21);
    expect(ts2).toBeCloseTo(54.6395, 4);
    expect(tr2).toBeCloseTo(44.6395, 4);
    // And the characteristic itself: (LMTD / LMTD_d)^1.3 = 0.5.
    expect((logMeanK(ts2 - 21, tr2 - 21) / logMeanK(59, 39)) ** 1.3).toBeCloseTo(0.5, 12);
  });
});

describe('common-case grid against the exact model', () => {
  // Exact model: closed-form radiator curve (EN 442, n = 1.3) and the counter-flow root solved to rounding.
  it('the exact return at half load matches the hand solution (90 °C: 45.8738, 100 °C: 45.1935 °C)', () => {
    expect(Math.abs(exactSpacePrimaryReturnC(0, 0.5, 90, 21) - 45.8738)).toBeLessThan(1e-4);
    expect(Math.abs(exactSpacePrimaryReturnC(0, 0.5, 100, 21) - 45.1935)).toBeLessThan(1e-4);
  });

  it('bilinear grid is within 0.05 K of the exact return away from the infeasible edge, and never below it', () => {
    const rng = createRng(5);
    let worst = 0;
    let served = 0;
    let tried = 0;
    for (let k = 0; k < 40_000; k++) {
      const cls = k % 4;
      const phi = 0.001 + rng.next() * 1.199;
      const ts = 60 + rng.next() * 60;
      const room = 18 + rng.next() * 5;
      const exact = exactSpacePrimaryReturnC(cls, phi, ts, room);
      if (!(exact === exact)) continue;
      // Exchanger duty y at this point (header of substation.ts): away from the edge means y <= 0.85.
      const [es] = radiatorTemperatures(cls, phi, 21).map((t) => t - 21);
      const designLmtd = logMeanK(115 - [80, 70, 60, 55][cls], 5);
      const y = (designLmtd * phi ** 0.6) / (ts - room - es);
      if (y > 0.85) continue;
      tried++;
      const grid = gridSpacePrimaryReturnC(cls, phi, ts, room);
      if (!(grid === grid)) continue; // cell touching the edge: the caller takes the exact path
      served++;
      expect(grid).toBeGreaterThanOrEqual(exact - 1e-9); // convex in sqrt(phi) and Ts: the interpolant is above
      worst = Math.max(worst, grid - exact);
    }
    expect(worst).toBeLessThan(0.05);
    expect(served / tried).toBeGreaterThan(0.97); // the grid really serves the common case
    expect(GRID_Y_MAX).toBeLessThan(0.95);
  });

  it('solveSubstations agrees with the exact model within 0.05 K and keeps Q = m (h(Ts) - h(Tr)) in the common case', () => {
    const specs = [1930, 1970, 1980, 1995, 2010, 2020].map((y) => building(y, { id: `c${y}` }));
    const { sub, solve } = setup(specs);
    const rng = createRng(9);
    let unlimited = 0;
    for (let round = 0; round < 200; round++) {
      const supply = specs.map(() => 75 + rng.next() * 40);
      const phi = specs.map(() => 0.05 + rng.next() * 0.6);
      const out = solve(supply, 1, phi.map((p, i) => p * sub.designSpaceW[i]), specs.map(() => 0));
      for (let i = 0; i < specs.length; i++) {
        const q = out.delivered[i];
        expect(Math.abs(q - out.flow[i] * waterHeatJPerKg(out.ret[i], supply[i]))).toBeLessThanOrEqual(1e-9 * q);
        const exact = exactSpacePrimaryReturnC(sub.heatingClass[i], phi[i], supply[i], sub.roomC[i]);
        const exactW = phi[i] * sub.designSpaceW[i];
        // The valve limits the exchanger's heat rate (reference cp) and the flow carrying the heat (enthalpy).
        const exactFlow = Math.max(exactW / (CP * (supply[i] - exact)), carryingFlowKgS(exactW, supply[i], exact));
        if (!(exactFlow < 1.3 * sub.designMassFlowKgS[i] * (1 - 1e-4))) continue; // supply or valve limit: other tests
        unlimited++;
        expect(Math.abs(out.ret[i] - exact)).toBeLessThan(0.05);
        expect(out.deliveredSpace[i]).toBeCloseTo(phi[i] * sub.designSpaceW[i], 6);
      }
    }
    expect(unlimited).toBeGreaterThan(600);
  });
});

describe('substation', () => {
  it('design point: 80/60 radiators, 115 °C supply, full load return 60 + 5 K approach; flow = design flow', () => {
    const { sub, solve } = setup([building(1970)]);
    const q = sub.designSpaceW[0];
    const out = solve([115], 1, [q], [0]);
    expect(Math.abs(out.ret[0] - 65)).toBeLessThan(1e-3);
    expect(out.flow[0]).toBeCloseTo(carryingFlowKgS(q, 115, 65), 3);
    expect(out.flow[0]).toBeCloseTo(sub.designMassFlowKgS[0], 3);
    expect(sub.designMassFlowKgS[0]).toBeCloseTo(carryingFlowKgS(q, 115, 65), 9);
  });

  it('half load matches the hand solution of radiator + counter-flow exchanger (UA ~ phi^0.4)', () => {
    // Exchanger: L_d = LMTD(115 - 80, 5) = 15.417 K; L = 0.5^0.6 * L_d = 10.171 K.
    // 90 °C: theta_h = 90 - 54.6395 = 35.3605, LMTD(theta_h, theta_c) = 10.1714 -> theta_c = 1.2343 -> Tr1 = 45.8738.
    // 100 °C: theta_h = 45.3605 -> theta_c = 0.5540 -> Tr1 = 45.1935.
    const { sub, solve } = setup([building(1970)]);
    // Tolerance 1e-3 K: the model interpolates its curves from tables.
    expect(Math.abs(oneReturn(sub, solve, 0.5, 90) - 45.8738)).toBeLessThan(1e-3);
    expect(Math.abs(oneReturn(sub, solve, 0.5, 100) - 45.1935)).toBeLessThan(1e-3);
  });

  it('the return falls as the load falls, and a hotter supply gives a lower return (Frederiksen & Werner)', () => {
    const { sub, solve } = setup([building(1970)]);
    let previous = Infinity;
    for (const phi of [1.0, 0.75, 0.5, 0.25, 0.1]) {
      const r = oneReturn(sub, solve, phi, 100);
      expect(r).toBeLessThan(previous);
      expect(r).toBeGreaterThan(radiatorTemperatures(0, phi, 21)[1]); // never below the secondary return
      previous = r;
    }
    expect(oneReturn(sub, solve, 0.5, 100)).toBeLessThan(oneReturn(sub, solve, 0.5, 90));
  });

  it('energy identity Q = m (h(Ts) - h(Tr)) to 1e-9 over random operating points, limits included', () => {
    const rng = createRng(11);
    const specs = Array.from({ length: 400 }, (_, i) => building(1900 + ((i * 7) % 125), { id: `b${i}` }));
    const { sub, solve } = setup(specs);
    for (let round = 0; round < 20; round++) {
      const supply = specs.map(() => 20 + rng.next() * 100);
      const space = specs.map((_, i) => rng.next() * 1.2 * sub.designSpaceW[i]);
      const dhw = specs.map(() => (rng.next() < 0.5 ? rng.next() * 40e3 : 0));
      const flowFactor = rng.next();
      const out = solve(supply, flowFactor, space, dhw);
      for (let i = 0; i < specs.length; i++) {
        const q = out.delivered[i];
        expect(Math.abs(q - out.flow[i] * waterHeatJPerKg(out.ret[i], supply[i]))).toBeLessThanOrEqual(1e-9 * Math.max(q, 1));
        expect(out.flow[i]).toBeGreaterThanOrEqual(0);
        expect(out.flow[i]).toBeLessThanOrEqual(1.3 * flowFactor * sub.designMassFlowKgS[i]);
        expect(q).toBeLessThanOrEqual(space[i] + dhw[i] + 1e-6);
        expect(out.deliveredSpace[i]).toBeLessThanOrEqual(space[i] + 1e-6);
        if (out.flow[i] > 0) expect(out.ret[i]).toBeLessThan(supply[i]);
      }
    }
  });

  it('too cold a supply gives less heat; DHW below 60 °C supply heats water only to Ts - 5 K', () => {
    const { sub, solve } = setup([building(1970)]);
    const q = sub.designSpaceW[0];
    // DHW share (50 - 5 - 9)/(55 - 9) = 0.7826 of the 20 kW asked, primary return 9 + 13 = 22 °C.
    const dhwW = (20e3 * 36) / 46;
    let out = solve([50], 1, [0], [20e3]);
    expect(out.delivered[0]).toBeCloseTo(dhwW, 6);
    expect(out.ret[0]).toBeCloseTo(22, 9);
    expect(out.flow[0]).toBeCloseTo(carryingFlowKgS(dhwW, 50, 22), 12);
    // 80/60 radiators at 0.8 load want Ts2 above 70 °C: a 50 °C supply cannot do it.
    out = solve([50], 1, [0.8 * q], [20e3]);
    expect(out.delivered[0] - out.deliveredSpace[0]).toBeLessThanOrEqual(dhwW * (1 + 1e-12));
    expect(out.deliveredSpace[0]).toBeGreaterThan(0);
    expect(out.deliveredSpace[0]).toBeLessThan(0.8 * q);
    const [ts2] = radiatorTemperatures(0, out.deliveredSpace[0] / q, 21);
    expect(ts2).toBeLessThan(50);
  });

  it('when the valve limits the flow, DHW is served first and space heating gets the rest', () => {
    const { sub, solve } = setup([building(1970)]);
    const q = sub.designSpaceW[0];
    const maxFlow = 1.3 * 0.2 * sub.designMassFlowKgS[0];
    // Circulation reheating (primary 115 -> 55 °C) at half the valve's heat rate (reference cp). Between the
    // return and 115 °C the water's mean cp is above the reference, so the flow carrying the exchangers' heat
    // stays inside the valve's limit and all of it is delivered.
    const dhw = 0.5 * maxFlow * CP * (115 - 55);
    sub.circulationW[0] = dhw;
    const out = solve([115], 0.2, [0.8 * q], [dhw]);
    const tr = out.ret[0];
    expect(waterHeatJPerKg(tr, 115)).toBeGreaterThan(CP * (115 - tr));
    expect(out.delivered[0] - out.deliveredSpace[0]).toBeCloseTo(dhw, 6);
    expect(out.deliveredSpace[0]).toBeLessThan(0.8 * q);
    expect(out.flow[0]).toBeLessThanOrEqual(maxFlow);
    // The exchangers take the valve's whole heat rate: maxFlow cp (Ts - Tr), carried by enthalpy.
    expect(out.flow[0]).toBeGreaterThan(carryingFlowKgS(maxFlow * CP * (115 - tr), 115, tr) * 0.999);

    // Tap water alone above the valve's capacity takes all of it; space heating gets nothing. From 22 to 90 °C the
    // water's mean cp is below the reference: the flow is the valve's limit and the heat what it carries.
    sub.circulationW[0] = 0;
    const big = solve([90], 0.2, [0.8 * q], [1.5 * maxFlow * CP * (90 - 22)]);
    expect(big.deliveredSpace[0]).toBe(0);
    expect(big.ret[0]).toBeCloseTo(22, 9);
    expect(big.flow[0]).toBeLessThanOrEqual(maxFlow);
    expect(big.delivered[0]).toBeCloseTo(maxFlow * waterHeatJPerKg(22, 90), 6);
  });

  it('the valve limit holds exactly in flow, also where the flow carrying the heat by enthalpy would pass it; the heat is then m_max (h(Ts) - h(Tr))', () => {
    const { sub, solve } = setup([building(1970)]);
    const q = sub.designSpaceW[0];
    // Common case: tap water only at 62 °C, the exchanger's heat rate just inside the valve's (reference cp), so the
    // return is 22 °C; the water's mean cp from 22 to 62 °C is below the reference, so carrying that heat by
    // enthalpy would take more than the valve passes.
    let maxFlow = 1.3 * 0.5 * sub.designMassFlowKgS[0];
    const tapW = 0.999 * maxFlow * CP * (62 - 22);
    expect(carryingFlowKgS(tapW, 62, 22)).toBeGreaterThan(maxFlow);
    let out = solve([62], 0.5, [0], [tapW]);
    expect(out.ret[0]).toBeCloseTo(22, 9);
    expect(out.flow[0]).toBeLessThanOrEqual(maxFlow);
    expect(out.flow[0]).toBeCloseTo(maxFlow, 12);
    expect(Math.abs(out.delivered[0] - maxFlow * waterHeatJPerKg(22, 62))).toBeLessThanOrEqual(1e-9 * tapW);
    expect(out.deliveredSpace[0]).toBe(0);

    // Limited case: too cold a supply for space heating at 0.8 load, which then asks more than the valve passes.
    maxFlow = 1.3 * sub.designMassFlowKgS[0];
    out = solve([50], 1, [0.8 * q], [20e3]);
    const tr = out.ret[0];
    expect(carryingFlowKgS(maxFlow * CP * (50 - tr), 50, tr)).toBeGreaterThan(maxFlow);
    expect(out.flow[0]).toBeLessThanOrEqual(maxFlow);
    expect(out.flow[0]).toBeCloseTo(maxFlow, 12);
    expect(Math.abs(out.delivered[0] - maxFlow * waterHeatJPerKg(tr, 50))).toBeLessThanOrEqual(1e-9 * out.delivered[0]);
  });

  it('hot-water circulation returns at 55 °C: the mixed return is the flow-weighted one (hand solution)', () => {
    const { sub, solve } = setup([building(1970)]);
    sub.circulationW[0] = 5e3;
    // Circulation only: reheated from 50 to 55 °C, primary 70 -> 55 °C.
    let out = solve([70], 1, [0], [5e3]);
    expect(out.ret[0]).toBeCloseTo(55, 9);
    expect(out.flow[0]).toBeCloseTo(carryingFlowKgS(5e3, 70, 55), 12);
    // 20 kW of tap water (return 22 °C) on top, 80 °C supply: the exchangers' heat rates
    // m cp = 20000/58 + 5000/25 = 544.8276 W/K give Tr = 80 - 25000/544.8276 = 34.1139 °C; the flow carries the
    // 25 kW from 80 °C to Tr.
    out = solve([80], 1, [0], [25e3]);
    const dhwRate = 20e3 / 58 + 5e3 / 25;
    expect(out.flow[0]).toBeCloseTo(carryingFlowKgS(25e3, 80, 80 - 25e3 / dhwRate), 12);
    expect(out.ret[0]).toBeCloseTo(34.1139, 4);
    // Space heating at half load as well: the same sum with the space branch's own drop.
    const q = sub.designSpaceW[0];
    const spaceReturn = oneReturn(sub, solve, 0.5, 100);
    out = solve([100], 1, [0.5 * q], [25e3]);
    const rate = 20e3 / 78 + 5e3 / 45 + (0.5 * q) / (100 - spaceReturn);
    const mixedReturn = 100 - (25e3 + 0.5 * q) / rate;
    expect(out.flow[0]).toBeCloseTo(carryingFlowKgS(25e3 + 0.5 * q, 100, mixedReturn), 10);
    expect(out.ret[0]).toBeCloseTo(mixedReturn, 6);
    // Below 60 °C the loop runs colder: 56 °C serves (56 - 50)/10 of it and returns at (56 + 50)/2 = 53 °C.
    out = solve([56], 1, [0], [5e3]);
    expect(out.delivered[0]).toBeCloseTo(0.6 * 5e3, 9);
    expect(out.ret[0]).toBeCloseTo(53, 9);
    // Circulation never exceeds the hour's DHW: 3 kW asked of a 5 kW loop is all circulation.
    out = solve([70], 1, [0], [3e3]);
    expect(out.ret[0]).toBeCloseTo(55, 9);
  });

  it('no demand or no authority: zero flow and a standing return; never NaN on odd inputs', () => {
    const { sub, solve } = setup([building(1970), building(2015, { id: 'new' })]);
    let out = solve([95, 30], 1, [0, 0], [0, 0]);
    expect(Array.from(out.flow)).toEqual([0, 0]);
    expect(Array.from(out.ret)).toEqual([35, 30]);
    out = solve([95, 95], 0, [1e5, 1e5], [1e4, 1e4]);
    expect(Array.from(out.delivered)).toEqual([0, 0]);
    for (const [ts, ff, sp, dh] of [
      [NaN, 1, 1e5, 1e4],
      [-10, 1, 1e5, 1e4],
      [21, 1, 1e5, 0],
      [95, 5, -1e5, -3],
      [95, 1, 1e9, 1e9],
      [200, 1, sub.designSpaceW[0], 0],
    ]) {
      out = solve([ts, ts], ff, [sp, sp], [dh, dh]);
      for (let i = 0; i < 2; i++) {
        expect(Number.isFinite(out.flow[i]) && out.flow[i] >= 0).toBe(true);
        expect(Number.isFinite(out.ret[i])).toBe(true);
        expect(Number.isFinite(out.delivered[i]) && out.delivered[i] >= 0).toBe(true);
        if (out.flow[i] > 0) expect(out.ret[i]).toBeLessThan(ts);
      }
    }
  });
});
