import { describe, it, expect } from 'vitest';
import type { NetworkTopology } from '../server/sim/network/topology';
import { DH_WATER, waterDensityKgM3, waterViscosityPaS, type Fluid } from '../server/sim/water';
import { createRng } from '../server/sim/random';
import { PIPE_CATALOGUE } from '../server/sim/network/pipeCatalogue';
import { createSteadySolver, solveSteady, type SteadyInputs, type SteadyResult } from '../server/sim/network/steady';
import { darcyPressureDropPa } from '../server/sim/network/friction';

const CP = DH_WATER.cpJPerKgK;

/** Water at a pipe's mean temperature, the mean of its two end nodes. */
function waterOfPipe(topo: NetworkTopology, nodeC: Float64Array, e: number): Fluid {
  const t = 0.5 * (nodeC[topo.pipeFrom[e]] + nodeC[topo.pipeTo[e]]);
  return { densityKgM3: waterDensityKgM3(t), viscosityPaS: waterViscosityPaS(t), cpJPerKgK: CP };
}

interface Comb {
  topology: NetworkTopology;
  consumerNode: Int32Array;
  consumerHeatW: Float64Array;
}

/**
 * The benchmark comb: plant at the origin, a main line east with a branch north and south every 40 m,
 * a tap every 20 m along each branch (25 per branch) with a 15 m service pipe to the consumer; loads 5-30 kW.
 * Pipes sized for <= 1.5 m/s at the design flow (80/40 °C), roughness 0.1 mm, U = 0.12 + 0.9·D W/(m·K).
 */
function buildComb(consumers: number, seed = 1): Comb {
  const rng = createRng(seed);
  const from: number[] = [];
  const to: number[] = [];
  const len: number[] = [];
  const parentOf: number[] = [-1]; // parent node of each node; pipe i ends at node i + 1
  const consumerNode: number[] = [];
  const load: number[] = [];
  let nodes = 1;
  const addPipe = (a: number, lengthM: number): number => {
    const b = nodes++;
    from.push(a);
    to.push(b);
    len.push(lengthM);
    parentOf.push(a);
    return b;
  };
  let main = 0;
  const perBranch = 25;
  while (consumerNode.length < consumers) {
    main = addPipe(main, 40);
    for (let side = 0; side < 2 && consumerNode.length < consumers; side++) {
      let tap = main;
      for (let j = 0; j < perBranch && consumerNode.length < consumers; j++) {
        tap = addPipe(tap, 20);
        consumerNode.push(addPipe(tap, 15));
        load.push(5e3 + 25e3 * rng.next());
      }
    }
  }
  // Design flow through each pipe (pipe i feeds node i + 1), accumulated leaf to root.
  const below = new Float64Array(nodes);
  consumerNode.forEach((n, c) => (below[n] += load[c] / (CP * 40)));
  for (let n = nodes - 1; n > 0; n--) below[parentOf[n]] += below[n];
  const pipeCount = from.length;
  const diameter = new Float64Array(pipeCount);
  for (let e = 0; e < pipeCount; e++) {
    const q = below[e + 1] / DH_WATER.densityKgM3;
    const fit = PIPE_CATALOGUE.find((p) => q / ((Math.PI * p.innerDiameterM ** 2) / 4) <= 1.5);
    diameter[e] = (fit ?? PIPE_CATALOGUE[PIPE_CATALOGUE.length - 1]).innerDiameterM;
  }
  return {
    topology: {
      nodeCount: nodes,
      pipeCount,
      pipeFrom: Int32Array.from(from),
      pipeTo: Int32Array.from(to),
      pipeLengthM: Float64Array.from(len),
      pipeDiameterM: diameter,
      pipeRoughnessM: new Float64Array(pipeCount).fill(1e-4),
      pipeHeatLossWPerMK: diameter.map((d) => 0.12 + 0.9 * d),
      nodeElevationM: new Float64Array(nodes),
    },
    consumerNode: Int32Array.from(consumerNode),
    consumerHeatW: Float64Array.from(load),
  };
}

function inputsFor(comb: Comb): SteadyInputs {
  return {
    supplyC: 80,
    groundC: 10,
    consumerNode: comb.consumerNode,
    consumerHeatW: comb.consumerHeatW,
    consumerReturnC: 40,
    staticPressurePa: 3e5,
    dpSetpointPa: 1e5,
  };
}

/** Analytic checks shared by the tree and loop cases. */
function checkPhysics(topo: NetworkTopology, inputs: SteadyInputs, r: SteadyResult, root: number): void {
  const { supplyC, groundC } = inputs;
  const demand = inputs.consumerHeatW.reduce((a, b) => a + b, 0);
  // Energy balance: plant heat = consumer heat + supply and return pipe losses.
  expect(Math.abs(r.plantHeatW - (r.consumerHeatW + r.heatLossW)) / r.plantHeatW).toBeLessThan(1e-6);
  // Consumers get their demand (flows converged to 1e-6).
  expect(Math.abs(r.consumerHeatW / demand - 1)).toBeLessThan(1e-6);
  expect(r.converged).toBe(true);

  // Continuity at every node: inflow - outflow = consumer withdrawals (root: minus the plant flow).
  const net = new Float64Array(topo.nodeCount);
  for (let e = 0; e < topo.pipeCount; e++) {
    net[topo.pipeTo[e]] += r.massFlowKgS[e];
    net[topo.pipeFrom[e]] -= r.massFlowKgS[e];
  }
  inputs.consumerNode.forEach((n, c) => (net[n] -= r.consumerMassFlowKgS[c]));
  net[root] += r.plantMassFlowKgS;
  for (let n = 0; n < topo.nodeCount; n++) expect(Math.abs(net[n])).toBeLessThan(1e-9 * r.plantMassFlowKgS);

  // The return network takes in the consumers' flows and hands the plant its flow back.
  const netReturn = new Float64Array(topo.nodeCount);
  for (let e = 0; e < topo.pipeCount; e++) {
    netReturn[topo.pipeTo[e]] += r.returnMassFlowKgS[e];
    netReturn[topo.pipeFrom[e]] -= r.returnMassFlowKgS[e];
  }
  inputs.consumerNode.forEach((n, c) => (netReturn[n] += r.consumerMassFlowKgS[c]));
  netReturn[root] -= r.plantMassFlowKgS;
  for (let n = 0; n < topo.nodeCount; n++) expect(Math.abs(netReturn[n])).toBeLessThan(1e-9 * r.plantMassFlowKgS);

  // Every flowing pipe: outlet = T_g + (T_in - T_g)·exp(-U·L/(|m|·c_p)), inlet = upstream node temperature,
  // each network with its own flows.
  let lossSum = 0;
  for (let e = 0; e < topo.pipeCount; e++) {
    const m = r.massFlowKgS[e];
    const am = Math.abs(m);
    const up = m >= 0 ? topo.pipeFrom[e] : topo.pipeTo[e];
    const down = m >= 0 ? topo.pipeTo[e] : topo.pipeFrom[e];
    const decay = Math.exp((-topo.pipeHeatLossWPerMK[e] * topo.pipeLengthM[e]) / (am * CP));
    if (am === 0) {
      expect(r.supplyOutletC[e]).toBe(r.supplyInletC[e]);
      continue;
    }
    expect(r.supplyInletC[e]).toBe(r.supplyNodeC[up]);
    expect(r.supplyOutletC[e]).toBeCloseTo(groundC + (r.supplyInletC[e] - groundC) * decay, 10);
    expect(r.supplyNodeC[down]).toBeLessThan(supplyC);
    const mr = r.returnMassFlowKgS[e];
    const amr = Math.abs(mr);
    const returnUp = mr >= 0 ? topo.pipeFrom[e] : topo.pipeTo[e];
    const returnDecay = Math.exp((-topo.pipeHeatLossWPerMK[e] * topo.pipeLengthM[e]) / (amr * CP));
    expect(r.returnInletC[e]).toBe(r.returnNodeC[returnUp]);
    expect(r.returnOutletC[e]).toBeCloseTo(groundC + (r.returnInletC[e] - groundC) * returnDecay, 10);
    lossSum += am * CP * (r.supplyInletC[e] - r.supplyOutletC[e]) + amr * CP * (r.returnInletC[e] - r.returnOutletC[e]);
  }
  expect(Math.abs(lossSum / r.heatLossW - 1)).toBeLessThan(1e-9);

  // Consumer flow law m = Q/(c_p·(T_supply,node - T_return)).
  inputs.consumerNode.forEach((n, c) => {
    const expected = inputs.consumerHeatW[c] / (CP * (r.supplyNodeC[n] - 40));
    if (expected === 0) expect(r.consumerMassFlowKgS[c]).toBe(0);
    else expect(Math.abs(r.consumerMassFlowKgS[c] / expected - 1)).toBeLessThan(2e-6);
  });

  // Pump: every consumer sees at least the set-point, the worst exactly it.
  let minDp = Infinity;
  inputs.consumerNode.forEach((n) => (minDp = Math.min(minDp, r.supplyPressurePa[n] - r.returnPressurePa[n])));
  expect(minDp).toBeCloseTo(inputs.dpSetpointPa, 6);
  expect(r.returnPressurePa[root]).toBe(inputs.staticPressurePa);
  // The pump moves the water returning to the plant.
  const pumpedM3S = r.plantMassFlowKgS / waterDensityKgM3(r.plantReturnC);
  expect(r.pump.electricityW).toBeCloseTo((pumpedM3S * r.pump.headPa) / 0.75, 6);
}

describe('steady design solve on the benchmark comb (tree)', () => {
  const comb = buildComb(1000);
  const inputs = inputsFor(comb);
  const solver = createSteadySolver(comb.topology, DH_WATER, 0);
  const r = solver.solve(inputs);

  it('conserves energy and mass, follows the exponential pipe law and the consumer flow law', () => {
    expect(comb.consumerNode.length).toBe(1000);
    checkPhysics(comb.topology, inputs, r, 0);
    expect(r.iterations).toBeLessThan(10);
  });

  it('return temperatures are the mass-weighted mix of what arrives at each node', () => {
    const topo = comb.topology;
    const h = new Float64Array(topo.nodeCount);
    const m = new Float64Array(topo.nodeCount);
    comb.consumerNode.forEach((n, c) => {
      h[n] += r.consumerMassFlowKgS[c] * 40;
      m[n] += r.consumerMassFlowKgS[c];
    });
    for (let e = 0; e < topo.pipeCount; e++) {
      // Flows are outward in the comb, so return water arrives at the pipe's from-node.
      h[topo.pipeFrom[e]] += r.massFlowKgS[e] * r.returnOutletC[e];
      m[topo.pipeFrom[e]] += r.massFlowKgS[e];
    }
    for (let n = 0; n < topo.nodeCount; n++) if (m[n] > 0) expect(r.returnNodeC[n]).toBeCloseTo(h[n] / m[n], 10);
    expect(r.plantReturnC).toBe(r.returnNodeC[0]);
  });

  it('pump head = set-point + the Darcy-Weisbach drops out and back along the worst path, each at its water', () => {
    const topo = comb.topology;
    let worst = 0;
    let worstSupply = 0;
    for (const n of comb.consumerNode) {
      // Walk from the consumer to the plant: in this builder pipe n - 1 ends at node n.
      let supplyDrop = 0;
      let returnDrop = 0;
      for (let u = n; u !== 0; u = topo.pipeFrom[u - 1]) {
        const e = u - 1;
        const [len, d, eps] = [topo.pipeLengthM[e], topo.pipeDiameterM[e], topo.pipeRoughnessM[e]];
        supplyDrop += darcyPressureDropPa(r.massFlowKgS[e], len, d, eps, waterOfPipe(topo, r.supplyNodeC, e));
        returnDrop -= darcyPressureDropPa(r.returnMassFlowKgS[e], len, d, eps, waterOfPipe(topo, r.returnNodeC, e));
      }
      if (supplyDrop + returnDrop > worst) {
        worst = supplyDrop + returnDrop;
        worstSupply = supplyDrop;
      }
    }
    expect(r.pump.headPa / (1e5 + worst) - 1).toBeCloseTo(0, 9);
    expect(r.pump.setpointHeld).toBe(true);
    // The 40 °C return is 2 % denser (drop 2 % smaller at the same mass flow) and 1.8 times as viscous (drop at
    // most (1.8)^0.25 = 16 % larger, the smooth-pipe Blasius bound; less in partly rough pipes).
    expect(worst - worstSupply).toBeGreaterThan(1.01 * worstSupply);
    expect(worst - worstSupply).toBeLessThan(1.16 * worstSupply);
  });

  it('repeated solves give the same answer (each starts cold)', () => {
    const heat = r.plantHeatW;
    const again = solver.solve(inputs);
    expect(again.plantHeatW).toBe(heat);
  });
});

describe('steady design solve on a looped network', () => {
  // A ring main 0-1-2-3-0 (plant at 0) with a cross 1-3, branches 2-4-5, 3-6, and a dead-end node 7 without load.
  const rows: Array<[number, number, number, number]> = [
    [0, 1, 400, 0.16],
    [1, 2, 350, 0.125],
    [2, 3, 300, 0.125],
    [3, 0, 500, 0.16],
    [1, 3, 450, 0.08],
    [2, 4, 200, 0.08],
    [4, 5, 150, 0.065],
    [3, 6, 120, 0.05],
    [6, 7, 60, 0.04],
  ];
  const n = 8;
  const topo: NetworkTopology = {
    nodeCount: n,
    pipeCount: rows.length,
    pipeFrom: Int32Array.from(rows.map((p) => p[0])),
    pipeTo: Int32Array.from(rows.map((p) => p[1])),
    pipeLengthM: Float64Array.from(rows.map((p) => p[2])),
    pipeDiameterM: Float64Array.from(rows.map((p) => p[3])),
    pipeRoughnessM: new Float64Array(rows.length).fill(1e-4),
    pipeHeatLossWPerMK: Float64Array.from(rows.map((p) => 0.12 + 0.9 * p[3])),
    nodeElevationM: Float64Array.from([0, 5, 8, 3, 10, 12, 2, 2]),
  };
  const inputs: SteadyInputs = {
    supplyC: 85,
    groundC: 8,
    consumerNode: Int32Array.from([1, 2, 2, 4, 5, 6, 7, 0]),
    consumerHeatW: Float64Array.from([400e3, 250e3, 300e3, 180e3, 220e3, 90e3, 0, 50e3]),
    consumerReturnC: 40,
    staticPressurePa: 3e5,
    dpSetpointPa: 8e4,
  };
  const r = solveSteady(topo, DH_WATER, { ...inputs, rootNode: 0 });

  it('conserves energy and mass, follows the pipe and consumer laws', () => {
    checkPhysics(topo, inputs, r, 0);
  });

  it('satisfies the loop equations of both networks: each pipe drop is its pressure difference less hydrostatics', () => {
    for (let e = 0; e < topo.pipeCount; e++) {
      const a = topo.pipeFrom[e];
      const b = topo.pipeTo[e];
      const dz = 9.80665 * (topo.nodeElevationM[b] - topo.nodeElevationM[a]);
      const hydroSupply = waterOfPipe(topo, r.supplyNodeC, e).densityKgM3 * dz;
      const hydroReturn = waterOfPipe(topo, r.returnNodeC, e).densityKgM3 * dz;
      expect(Math.abs(r.supplyPressurePa[a] - r.supplyPressurePa[b] - hydroSupply - r.dpPa[e])).toBeLessThan(2e-3);
      expect(Math.abs(r.returnPressurePa[a] - r.returnPressurePa[b] - hydroReturn - r.returnDpPa[e])).toBeLessThan(2e-3);
    }
  });

  it("the return's loop flows are its own: the colder water splits them otherwise than the supply does", () => {
    let largest = 0;
    let differs = 0;
    for (let e = 0; e < topo.pipeCount; e++) {
      largest = Math.max(largest, Math.abs(r.massFlowKgS[e]));
      differs = Math.max(differs, Math.abs(r.returnMassFlowKgS[e] + r.massFlowKgS[e]));
    }
    expect(differs).toBeGreaterThan(1e-4 * largest);
    expect(differs).toBeLessThan(0.05 * largest);
  });

  it('a pipe to a consumer without load carries nothing and keeps its inlet temperature', () => {
    expect(r.massFlowKgS[8]).toBe(0);
    expect(r.supplyOutletC[8]).toBe(r.supplyNodeC[6]);
    expect(r.supplyNodeC[7]).toBe(r.supplyNodeC[6]);
    expect(Number.isFinite(r.returnNodeC[7])).toBe(true);
    expect(r.supplyLossW[8]).toBe(0);
  });
});
