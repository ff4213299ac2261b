/**
 * Design-case steady state of a twin-pipe district heating network, as planners compute it (CLI `--steady`,
 * benchmark against pandapipes): consumer flows, supply and return temperatures, pressures, pump head.
 *
 * Equations (docs/reference-figures.md, Network):
 *  - Consumer flow m_c = Q_c / (c_p·(T_supply,node - T_return,c)); the temperature difference is floored at
 *    MIN_CONSUMER_DT_K so a node colder than its return set-point does not ask for an unbounded flow (such a
 *    consumer then gets less than Q_c; compare consumerDeliveredW with the demand).
 *  - Hydraulics: hydraulics.ts (continuity on the tree, Newton on loops, Darcy-Weisbach), for the supply and
 *    the return as two networks on the same pipes: the return takes in what the supply hands out, and each
 *    network's density and viscosity follow its own water temperatures (water.ts). On a tree the return's flows
 *    mirror the supply's; in loops they differ, as the colder, more viscous return splits its flow otherwise.
 *  - Temperatures along the flow order (pipe outlets with exponential decay toward the ground, mass-weighted
 *    mixing at nodes, the return in reverse order): steadyThermal.ts.
 *  - Flows, temperatures and water properties are coupled through the heat losses: fixed-point iteration from
 *    T_supply everywhere until the largest relative change of a consumer flow is below 1e-6 (losses are a few
 *    per cent, so each pass gains one to two digits), the supply's properties following its temperatures on
 *    every pass; then the return, whose temperatures and loop flows settle in the same way (its loop flows to
 *    1e-6 of the largest flow). Each solve starts cold, so repeated solves cost the same.
 *  - Pressures: the return at the root is held at staticPressurePa, the supply at the root at
 *    p_static + H - dp_plant; down each network's tree p_to = p_from - dp - rho·g·(z_to - z_from) with its own
 *    drops and densities. Pump head H and electricity from pump.ts (set-point at the worst-placed consumer,
 *    the pump moving the water returning to the plant).
 *  - Plant heat = m_plant·c_p·(T_supply - T_return,root) = consumer heat + supply and return pipe losses.
 * Units: W, kg/s, °C, Pa, m. Allocation at creation (consumer arrays are sized on the first call and grow only
 * when a later call has more consumers).
 */
import { waterDensityKgM3, type Fluid } from '../water';
import type { NetworkTopology } from './topology';
import { createHydraulicSolver, type HydraulicSolver } from './hydraulics';
import { createSteadyThermal } from './steadyThermal';
import type { FrictionModel } from './friction';
import { circulationPump, createPumpResult, findWorstConsumer, type PumpSpec } from './pump';
import type { SteadyInputs, SteadyResult } from './steadyCase';

export type { SteadyInputs, SteadyResult };

export const MIN_CONSUMER_DT_K = 1;
const FLOW_TOLERANCE = 1e-6;
const MAX_ITERATIONS = 100;

export interface SteadyOptions extends SteadyInputs {
  rootNode: number;
  friction?: FrictionModel;
}

export interface SteadySolver {
  /** The supply network's solver. */
  readonly hydraulics: HydraulicSolver;
  readonly returnHydraulics: HydraulicSolver;
  /** Solves the design case; returns the solver's result object (overwritten by the next call). */
  solve(inputs: SteadyInputs): SteadyResult;
}

export function createSteadySolver(
  topology: NetworkTopology,
  fluid: Fluid,
  rootNode: number,
  options: { friction?: FrictionModel } = {},
): SteadySolver {
  const friction = options.friction ?? 'colebrook';
  const hydraulics = createHydraulicSolver(topology, fluid, { rootNode, friction });
  const returnHydraulics = createHydraulicSolver(topology, fluid, { rootNode, friction });
  const graph = hydraulics.graph;
  const { nodeCount, pipeCount } = topology;
  const cp = fluid.cpJPerKgK;
  const hasLoops = graph.chordPipe.length > 0;

  const m = hydraulics.massFlowKgS;
  const mReturn = returnHydraulics.massFlowKgS;
  /** The return's flows negated: counted like the supply's, as the return thermal passes read them. */
  const returnAsSupplyKgS = new Float64Array(pipeCount);
  const withdrawal = new Float64Array(nodeCount);
  const returnWithdrawal = new Float64Array(nodeCount);
  const supplyPressure = new Float64Array(nodeCount);
  let consumerFlow = new Float64Array(0);
  let consumerDelivered = new Float64Array(0);

  const result: SteadyResult = {
    massFlowKgS: m,
    velocityMS: hydraulics.velocityMS,
    dpPa: hydraulics.dpPa,
    returnMassFlowKgS: mReturn,
    returnVelocityMS: returnHydraulics.velocityMS,
    returnDpPa: returnHydraulics.dpPa,
    supplyInletC: new Float64Array(pipeCount),
    supplyOutletC: new Float64Array(pipeCount),
    returnInletC: new Float64Array(pipeCount),
    returnOutletC: new Float64Array(pipeCount),
    supplyLossW: new Float64Array(pipeCount),
    returnLossW: new Float64Array(pipeCount),
    supplyNodeC: new Float64Array(nodeCount),
    returnNodeC: new Float64Array(nodeCount),
    supplyPressurePa: new Float64Array(nodeCount),
    returnPressurePa: new Float64Array(nodeCount),
    consumerMassFlowKgS: consumerFlow,
    consumerDeliveredW: consumerDelivered,
    plantMassFlowKgS: 0,
    plantHeatW: 0,
    plantReturnC: 0,
    consumerHeatW: 0,
    supplyHeatLossW: 0,
    returnHeatLossW: 0,
    heatLossW: 0,
    pump: createPumpResult(),
    iterations: 0,
    converged: false,
    hydraulicIterations: 0,
  };

  const thermal = createSteadyThermal(topology, graph, cp, m, result);
  const returnThermal = createSteadyThermal(topology, graph, cp, returnAsSupplyKgS, result);

  const pumpSpec: PumpSpec = { dpSetpointPa: 0, pumpMaxHeadPa: Infinity, pumpEfficiency: 0.75, plantDpPa: 0 };

  function solve(inputs: SteadyInputs): SteadyResult {
    const { supplyC, groundC, consumerNode, consumerHeatW, consumerReturnC } = inputs;
    const consumers = consumerNode.length;
    if (consumerHeatW.length !== consumers) throw new Error('consumerHeatW needs one value per consumer');
    if (typeof consumerReturnC !== 'number' && consumerReturnC.length !== consumers) {
      throw new Error('consumerReturnC needs one value per consumer');
    }
    if (consumerFlow.length < consumers) {
      consumerFlow = new Float64Array(consumers);
      consumerDelivered = new Float64Array(consumers);
    }
    const flow = consumerFlow;
    const scalarReturn = typeof consumerReturnC === 'number';
    let totalDemandW = 0;
    for (let c = 0; c < consumers; c++) {
      const n = consumerNode[c];
      if (!(n >= 0 && n < nodeCount)) throw new Error(`consumer ${c} is at node ${n}, not in the network`);
      if (!(consumerHeatW[c] >= 0)) throw new Error(`consumer ${c} heat demand must be >= 0 W`);
      totalDemandW += consumerHeatW[c];
    }
    // Flows below this count as still (keeps direction noise of loop solves out of the order).
    const stillKgS = 1e-12 * (totalDemandW / (cp * MIN_CONSUMER_DT_K)) + 1e-300;
    thermal.setStillKgS(stillKgS);
    returnThermal.setStillKgS(stillKgS);

    const nodeC = result.supplyNodeC;
    nodeC.fill(supplyC);
    hydraulics.reset();
    returnHydraulics.reset();
    let iterations = 0;
    let converged = false;
    let plantFlow = 0;
    while (iterations < MAX_ITERATIONS) {
      iterations++;
      withdrawal.fill(0);
      let change = 0;
      plantFlow = 0;
      for (let c = 0; c < consumers; c++) {
        const n = consumerNode[c];
        const tr = scalarReturn ? consumerReturnC : consumerReturnC[c];
        const dt = nodeC[n] - tr;
        const q = consumerHeatW[c] / (cp * (dt > MIN_CONSUMER_DT_K ? dt : MIN_CONSUMER_DT_K));
        if (iterations > 1 && q > 0) {
          const rel = Math.abs(q - flow[c]) / q;
          if (rel > change) change = rel;
        }
        flow[c] = q;
        withdrawal[n] += q;
        plantFlow += q;
      }
      // A tree's flows follow from continuity alone; only loop flows hang on the water's properties.
      if (hasLoops) hydraulics.setNodeTemperatures(nodeC);
      hydraulics.solveFlows(withdrawal);
      if (hasLoops) {
        thermal.supplyPass(thermal.computeFlowOrder(), supplyC, groundC);
      } else {
        thermal.supplyNodesTree(supplyC, groundC);
      }
      if (iterations > 1 && change < FLOW_TOLERANCE) {
        converged = true;
        break;
      }
    }
    if (!hasLoops) thermal.supplyPassTree(supplyC, groundC); // pipe inlet/outlet/loss records for the converged flows
    thermal.stillPipes('supply'); // zero-flow pipes keep their inlet temperature and lose nothing
    for (let n = 0; n < nodeCount; n++) returnWithdrawal[n] = -withdrawal[n];
    const returnC = result.returnNodeC;
    returnC.fill(scalarReturnC(inputs));
    const returnIterations = solveReturn(inputs, groundC, stillKgS);
    returnThermal.stillPipes('return');

    // Heat bookkeeping.
    let delivered = 0;
    for (let c = 0; c < consumers; c++) {
      const tr = scalarReturn ? consumerReturnC : consumerReturnC[c];
      const w = flow[c] * cp * (nodeC[consumerNode[c]] - tr);
      consumerDelivered[c] = w;
      delivered += w;
    }
    let supplyLoss = 0;
    let returnLoss = 0;
    for (let e = 0; e < pipeCount; e++) {
      supplyLoss += result.supplyLossW[e];
      returnLoss += result.returnLossW[e];
    }
    const plantReturnC = result.returnNodeC[graph.rootNode];
    result.plantMassFlowKgS = plantFlow;
    result.plantReturnC = plantReturnC;
    result.plantHeatW = plantFlow * cp * (supplyC - plantReturnC);
    result.consumerHeatW = delivered;
    result.supplyHeatLossW = supplyLoss;
    result.returnHeatLossW = returnLoss;
    result.heatLossW = supplyLoss + returnLoss;
    if (result.consumerMassFlowKgS.length !== consumers || result.consumerMassFlowKgS.buffer !== flow.buffer) {
      result.consumerMassFlowKgS = flow.subarray(0, consumers);
      result.consumerDeliveredW = consumerDelivered.subarray(0, consumers);
    }
    result.iterations = iterations + returnIterations;
    result.converged = converged && hydraulics.converged && returnHydraulics.converged;
    result.hydraulicIterations = hydraulics.iterations;

    // Pressures and pump, each network's loops closed again with its properties at its settled temperatures.
    hydraulics.setNodeTemperatures(nodeC);
    returnHydraulics.setNodeTemperatures(result.returnNodeC);
    if (hasLoops) {
      hydraulics.solveFlows(withdrawal);
      returnHydraulics.solveFlows(returnWithdrawal);
    }
    hydraulics.updateDrops();
    returnHydraulics.updateDrops();
    const root = graph.rootNode;
    hydraulics.nodePressurePa(root, 0, supplyPressure);
    returnHydraulics.nodePressurePa(root, inputs.staticPressurePa, result.returnPressurePa);
    const pump = result.pump;
    findWorstConsumer(root, supplyPressure, result.returnPressurePa, consumerNode, pump);
    const plantDpPa = inputs.plantDpPa ?? 0;
    pumpSpec.dpSetpointPa = inputs.dpSetpointPa;
    pumpSpec.pumpMaxHeadPa = inputs.pumpMaxHeadPa ?? Infinity;
    pumpSpec.pumpEfficiency = inputs.pumpEfficiency ?? 0.75;
    pumpSpec.plantDpPa = plantDpPa;
    circulationPump(pumpSpec, plantFlow, waterDensityKgM3(plantReturnC), pump);
    const supplyAtRoot = inputs.staticPressurePa + pump.headPa - plantDpPa;
    for (let n = 0; n < nodeCount; n++) result.supplyPressurePa[n] = supplyAtRoot + supplyPressure[n];
    return result;
  }

  /**
   * Return flows, temperatures and properties to a fixed point: the return's loop flows hang on its viscosities,
   * its temperatures on its flows. On a tree the flows are fixed and one pass settles it. Returns the passes.
   */
  function solveReturn(inputs: SteadyInputs, groundC: number, stillKgS: number): number {
    const returnC = result.returnNodeC;
    let largest = 0;
    for (let n = 0; n < nodeCount; n++) largest = Math.max(largest, Math.abs(returnWithdrawal[n]));
    let passes = 0;
    while (passes < MAX_ITERATIONS) {
      passes++;
      if (hasLoops) returnHydraulics.setNodeTemperatures(returnC);
      let change = 0;
      returnHydraulics.solveFlows(returnWithdrawal);
      for (let e = 0; e < pipeCount; e++) {
        const q = -mReturn[e];
        const d = Math.abs(q - returnAsSupplyKgS[e]);
        if (d > change) change = d;
        returnAsSupplyKgS[e] = q;
      }
      returnThermal.seedReturn(inputs, consumerFlow);
      if (hasLoops) returnThermal.returnPass(returnThermal.computeFlowOrder(), groundC);
      else returnThermal.returnPassTree(groundC);
      if (!hasLoops || (passes > 1 && change <= FLOW_TOLERANCE * largest + stillKgS)) break;
    }
    return passes;
  }

  return { hydraulics, returnHydraulics, solve };
}

/** The consumers' mean return set-point: where the return's properties start before its first pass (°C). */
function scalarReturnC(inputs: SteadyInputs): number {
  const r = inputs.consumerReturnC;
  if (typeof r === 'number') return r;
  let sum = 0;
  for (let c = 0; c < r.length; c++) sum += r[c];
  return r.length > 0 ? sum / r.length : 0;
}

/** One-off design solve (allocates a solver; use createSteadySolver for repeated solves). */
export function solveSteady(topology: NetworkTopology, fluid: Fluid, options: SteadyOptions): SteadyResult {
  const solver = createSteadySolver(topology, fluid, options.rootNode, { friction: options.friction });
  return solver.solve(options);
}
