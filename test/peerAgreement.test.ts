/**
 * Peer agreement: the core's steady design solve (server/sim/network/steady.ts) against an independent solution of
 * the same networks (test/fixtures/peerTwinPipe.ts: nodal Newton, Colebrook inverted exactly, Kell density and
 * Vogel viscosity per pipe at its mean temperature, supply and return as two networks), held to the tolerances
 * pandapipes is validated with against STANET [pandapipes]: velocities 0.03 m/s, pressures 0.2 %, temperatures
 * 0.05 K.
 *
 * Pressures: the static pressure held at the plant's return is an offset both solutions share, and 0.2 % of a
 * gauge pressure of several bar would let whole path drops go unseen, so node pressures are held to 0.2 % of the
 * pump head (the span of pressure the network works with), and the pump head itself to 0.2 %.
 */
import { describe, expect, it } from 'vitest';
import { solveNodal } from './fixtures/nodalNewton';
import {
  combCase,
  DP_SETPOINT_PA,
  gridCase,
  largestGap,
  networkOf,
  solveCore,
  STATIC_PRESSURE_PA,
  type Case,
} from './fixtures/peerCases';
import {
  colebrookByIteration,
  darcyColebrookFlow,
  solveTwinPipe,
  STANDARD_GRAVITY_M_S2,
  type DesignCase,
  type TwinPipeSolution,
} from './fixtures/peerTwinPipe';
import { kellDensityKgM3, TEXTBOOK_CP_J_PER_KG_K, vogelViscosityPaS } from './fixtures/textbookWater';

const VELOCITY_TOLERANCE_MS = 0.03;
const PRESSURE_TOLERANCE = 0.002;
const TEMPERATURE_TOLERANCE_K = 0.05;

function agreementSuite(c: Case): void {
  describe(c.name, () => {
    const peer: TwinPipeSolution = solveTwinPipe(c.network, c.design);
    const core = solveCore(c);
    const head = peer.pumpHeadPa;

    it('the core converges', () => {
      expect(core.converged).toBe(true);
    });
    it('supply velocities agree within 0.03 m/s', () => {
      expect(largestGap(core.velocityMS, peer.supply.velocityMS)).toBeLessThan(VELOCITY_TOLERANCE_MS);
    });
    it('return velocities agree within 0.03 m/s', () => {
      expect(largestGap(core.returnVelocityMS, peer.return.velocityMS)).toBeLessThan(VELOCITY_TOLERANCE_MS);
    });
    it('supply node temperatures agree within 0.05 K', () => {
      expect(largestGap(core.supplyNodeC, peer.supply.nodeC)).toBeLessThan(TEMPERATURE_TOLERANCE_K);
    });
    it('return node temperatures agree within 0.05 K', () => {
      expect(largestGap(core.returnNodeC, peer.return.nodeC)).toBeLessThan(TEMPERATURE_TOLERANCE_K);
    });
    it('supply node pressures agree within 0.2 % of the pump head', () => {
      expect(largestGap(core.supplyPressurePa, peer.supply.pressurePa) / head).toBeLessThan(PRESSURE_TOLERANCE);
    });
    it('return node pressures agree within 0.2 % of the pump head', () => {
      expect(largestGap(core.returnPressurePa, peer.return.pressurePa) / head).toBeLessThan(PRESSURE_TOLERANCE);
    });
    it('the pump heads agree within 0.2 %', () => {
      expect(Math.abs(core.pump.headPa / head - 1)).toBeLessThan(PRESSURE_TOLERANCE);
    });
  });
}

describe('the independent solution on its own', () => {
  it('its water correlations give the IAPWS values at 1 atm (density 0.01 %, viscosity 0.5 %)', () => {
    // IAPWS-95 densities and IAPWS 2008 viscosities at 0.101325 MPa (NIST Chemistry WebBook, water).
    const table: Array<[tC: number, rho: number, muPaS: number]> = [
      [20, 998.21, 1.0016e-3],
      [40, 992.22, 0.6527e-3],
      [60, 983.2, 0.4660e-3],
      [80, 971.79, 0.3544e-3],
    ];
    for (const [t, rho, mu] of table) {
      expect(Math.abs(kellDensityKgM3(t) / rho - 1)).toBeLessThan(1e-4);
      expect(Math.abs(vogelViscosityPaS(t) / mu - 1)).toBeLessThan(5e-3);
    }
  });

  it('its Colebrook factor reads like the Moody chart, and the inverted pipe law returns the flow it was given', () => {
    // Moody (1944): f = 0.0180 for a smooth pipe and 0.0222 at eps/D = 0.001, both at Re 1e5 (three digits).
    expect(Math.abs(colebrookByIteration(1e5, 0) / 0.018 - 1)).toBeLessThan(5e-3);
    expect(Math.abs(colebrookByIteration(1e5, 1e-3) / 0.0222 - 1)).toBeLessThan(5e-3);
    const [lengthM, diameterM, roughnessM, rho, mu] = [120, 0.1, 1e-4, 975, 3.8e-4];
    const area = (Math.PI * diameterM ** 2) / 4;
    for (const re of [500, 1e4, 1e5, 1e6]) {
      const m = (re * Math.PI * diameterM * mu) / 4;
      const f = re < 2300 ? 64 / re : colebrookByIteration(re, roughnessM / diameterM);
      const dp = (f * lengthM * m * m) / (2 * rho * area * area * diameterM);
      expect(darcyColebrookFlow(dp, lengthM, diameterM, roughnessM, rho, mu).flow / m - 1).toBeCloseTo(0, 10);
      expect(darcyColebrookFlow(-dp, lengthM, diameterM, roughnessM, rho, mu).flow / m + 1).toBeCloseTo(0, 10);
    }
    // Continuous and increasing through the laminar, transitional and turbulent laws: a 1 % step in dp moves the
    // flow by at most 1 % (laminar flow is proportional to dp, turbulent to about its square root), never by a jump.
    let previous = darcyColebrookFlow(1e-3, lengthM, diameterM, roughnessM, rho, mu).flow;
    for (let dp = 1.01e-3; dp < 1e4; dp *= 1.01) {
      const { flow } = darcyColebrookFlow(dp, lengthM, diameterM, roughnessM, rho, mu);
      expect(flow / previous).toBeGreaterThan(1);
      expect(flow / previous).toBeLessThan(1.0100001);
      previous = flow;
    }
  });

  it('two pipes in series up a slope match the hand calculation', () => {
    // Plant 0 -> 1 -> 2, one consumer at node 2; no heat loss, so the supply runs at 80 °C and the return at 40 °C.
    const [l1, d1, l2, d2, z1, z2] = [300, 0.08, 200, 0.05, 4, 10];
    const network = networkOf(3, [{ from: 0, to: 1, lengthM: l1, diameterM: d1 }, { from: 1, to: 2, lengthM: l2, diameterM: d2 }], [0, z1, z2], 0);
    network.pipeHeatLossWPerMK.fill(0);
    const design: DesignCase = {
      supplyC: 80,
      groundC: 10,
      consumerNode: [2],
      consumerHeatW: [700e3],
      consumerReturnC: 40,
      staticPressurePa: STATIC_PRESSURE_PA,
      dpSetpointPa: DP_SETPOINT_PA,
    };
    const peer = solveTwinPipe(network, design);

    const m = 700e3 / (TEXTBOOK_CP_J_PER_KG_K * 40);
    const drop = (lengthM: number, diameterM: number, tC: number) => {
      const rho = kellDensityKgM3(tC);
      const re = (4 * m) / (Math.PI * diameterM * vogelViscosityPaS(tC));
      const area = (Math.PI * diameterM ** 2) / 4;
      return (colebrookByIteration(re, 1e-4 / diameterM) * lengthM * m * m) / (2 * rho * area * area * diameterM);
    };
    const g = STANDARD_GRAVITY_M_S2;
    const [rhoS, rhoR] = [kellDensityKgM3(80), kellDensityKgM3(40)];
    const returnAt1 = STATIC_PRESSURE_PA + drop(l1, d1, 40) - rhoR * g * z1;
    const returnAt2 = returnAt1 + drop(l2, d2, 40) - rhoR * g * (z2 - z1);
    // The consumer is the worst (only) one: it sees exactly the set-point.
    const supplyAt2 = returnAt2 + DP_SETPOINT_PA;
    const supplyAt1 = supplyAt2 + drop(l2, d2, 80) + rhoS * g * (z2 - z1);
    const supplyAt0 = supplyAt1 + drop(l1, d1, 80) + rhoS * g * z1;
    const rel = (a: number, b: number) => Math.abs(a / b - 1);

    expect(rel(peer.consumerMassFlowKgS[0], m)).toBeLessThan(1e-12);
    expect(rel(peer.return.pressurePa[2], returnAt2)).toBeLessThan(1e-9);
    expect(rel(peer.supply.pressurePa[1], supplyAt1)).toBeLessThan(1e-9);
    expect(rel(peer.pumpHeadPa, supplyAt0 - STATIC_PRESSURE_PA)).toBeLessThan(1e-9);
    expect(rel(peer.supply.velocityMS[1], m / (rhoS * (Math.PI * d2 ** 2) / 4))).toBeLessThan(1e-9);
    expect(rel(peer.return.velocityMS[1], -m / (rhoR * (Math.PI * d2 ** 2) / 4))).toBeLessThan(1e-9);
    expect(peer.supply.nodeC[2]).toBe(80);
    expect(peer.return.nodeC[0]).toBe(40);
  });

  it('solves the published Hardy Cross two-loop network, h = K·Q²', () => {
    // Pipes A-B, B-C, C-A, B-D, D-C with K = 200, 2500, 500, 800, 300; 0.5 m³/s in at A and out at D.
    // Converged flows as published (Cross 1936 as taught): 0.2747, 0.0642, -0.2253, 0.2105, -0.2895 m³/s.
    const k = [200, 2500, 500, 800, 300];
    const solution = solveNodal({
      graph: { nodeCount: 4, pipeFrom: [0, 1, 2, 1, 3], pipeTo: [1, 2, 0, 3, 2] },
      fixedNode: 3,
      fixedPressure: 0,
      withdrawal: [-0.5, 0, 0, 0.5],
      law: (e, h) => ({ flow: Math.sign(h) * Math.sqrt(Math.abs(h) / k[e]), slope: 1 / (2 * Math.sqrt(k[e] * Math.max(Math.abs(h), 1e-9))) }),
      tolerance: 1e-12,
    });
    const published = [0.2747, 0.0642, -0.2253, 0.2105, -0.2895];
    // Four digits as published, after a few Hardy Cross corrections: within 2e-4 m³/s.
    published.forEach((q, e) => expect(Math.abs(solution.flow[e] - q)).toBeLessThan(2e-4));
    // Kirchhoff's second law round both loops.
    const h = solution.flow.map((q, e) => k[e] * q * Math.abs(q));
    expect(Math.abs(h[0] + h[1] + h[2])).toBeLessThan(1e-9);
    expect(Math.abs(h[3] + h[4] - h[1])).toBeLessThan(1e-9);
  });

  it('the grid is meshed, its return splits the loops otherwise than its supply, and every loop pipe is turbulent', () => {
    const grid = gridCase(65);
    expect(grid.network.pipeCount - grid.network.nodeCount + 1).toBe(6);
    const peer = solveTwinPipe(grid.network, grid.design);
    // The street pipes; the two service branches come last.
    const streets = grid.network.pipeCount - 2;
    let largestSplitGap = 0;
    for (let e = 0; e < streets; e++) {
      largestSplitGap = Math.max(largestSplitGap, Math.abs(peer.supply.massFlowKgS[e] + peer.return.massFlowKgS[e]));
    }
    expect(largestSplitGap).toBeGreaterThan(0.05);
    // Turbulent in both networks, so the loops split by the same law in both solutions (no law holds in transition).
    for (const side of [peer.supply, peer.return]) {
      for (let e = 0; e < streets; e++) {
        const re = (4 * Math.abs(side.massFlowKgS[e])) / (Math.PI * grid.network.pipeDiameterM[e] * vogelViscosityPaS(side.pipeMeanC[e]));
        expect(re).toBeGreaterThan(4000);
      }
    }
  });
});

describe('peer agreement of the steady design solve', () => {
  for (const consumers of [10, 100, 300, 1000]) for (const supplyC of [80, 65]) agreementSuite(combCase(consumers, supplyC));
  for (const supplyC of [80, 65]) agreementSuite(gridCase(supplyC));
});
