/**
 * Design-case steady state of a twin-pipe district heating network, as planners compute it (CLI `--steady`,
 * benchmark against pandapipes): consumer flows, supply and return temperatures, pressures, pump head.
 *
 * Equations (../shared/reference/district-heating.md, Network):
 *  - Consumer flow m_c = Q_c / (c_p·(T_supply,node - T_return,c)); the temperature difference is floored at
 *    MIN_CONSUMER_DT_K so a node colder than its return set-point does not ask for an unbounded flow (such a
 *    consumer then gets less than Q_c; compare consumerDeliveredW with the demand).
 *  - Hydraulics: hydraulics.ts (continuity on the tree, Newton on loops, Darcy-Weisbach). The return network
 *    carries the same flows the other way through identical pipes, so its drops equal the supply drops.
 *  - Pipe outlet: T_out = T_g + (T_in - T_g)·exp(-U·L/(|m|·c_p)), U per metre (topology.pipeHeatLossWPerMK);
 *    a pipe without flow keeps its inlet temperature (a design solve, not a cool-down).
 *  - Mixing at nodes, mass weighted, processed in flow order (BFS order for a tree, whose flows all run
 *    outward as withdrawals are >= 0; with loops a topological order of the flow directions, Kahn's
 *    algorithm, recomputed each pass); the return in the reverse order.
 *  - Flows and temperatures are coupled through the heat losses: fixed-point iteration from T_supply
 *    everywhere until the largest relative change of a consumer flow is below 1e-6 (losses are a few per
 *    cent, so each pass gains one to two digits). Each solve starts cold, so repeated solves cost the same.
 *  - Pressures: the return at the root is held at staticPressurePa; with P_n the supply path drop root -> n,
 *    p_return,n = p_static + P_n - rho·g·(z_n - z_root), p_supply,n = p_static + H - dp_plant - P_n - rho·g·(z_n - z_root);
 *    pump head H and electricity from pump.ts (set-point at the worst-placed consumer).
 *  - Plant heat = m_plant·c_p·(T_supply - T_return,root) = consumer heat + supply and return pipe losses.
 * Units: W, kg/s, °C, Pa, m. Allocation at creation (consumer arrays are sized on the first call and grow only
 * when a later call has more consumers).
 */
import type { Fluid } from '../water';
import type { NetworkTopology } from './topology';
import { createHydraulicSolver, GRAVITY_M_S2, type HydraulicSolver } from './hydraulics';
import type { FrictionModel } from './friction';
import { circulationPump, createPumpResult, findWorstConsumer, type PumpResult, type PumpSpec } from './pump';

export const MIN_CONSUMER_DT_K = 1;
const FLOW_TOLERANCE = 1e-6;
const MAX_ITERATIONS = 100;

export interface SteadyInputs {
  supplyC: number;
  groundC: number;
  /** Node of each consumer (several consumers may share a node; the root is allowed). */
  consumerNode: Int32Array;
  /** Heat demand of each consumer (W, >= 0). */
  consumerHeatW: Float64Array;
  /** Return temperature set-point, one for all or per consumer (°C). */
  consumerReturnC: number | Float64Array;
  /** Pressure held at the plant's return (root) node (Pa). */
  staticPressurePa: number;
  /** Differential pressure to hold at the worst-placed consumer (Pa). */
  dpSetpointPa: number;
  /** Plant internal pressure drop (Pa), default 0. */
  plantDpPa?: number;
  /** Highest pump head (Pa), default unlimited. */
  pumpMaxHeadPa?: number;
  /** Pump and motor efficiency, default 0.75. */
  pumpEfficiency?: number;
}

export interface SteadyOptions extends SteadyInputs {
  rootNode: number;
  friction?: FrictionModel;
}

export interface SteadyResult {
  /** Per pipe: supply mass flow (+ = from -> to; the return pipe carries it back), kg/s. */
  massFlowKgS: Float64Array;
  velocityMS: Float64Array;
  /** Per pipe friction drop in the flow direction of the supply pipe (Pa); the return pipe has the same. */
  dpPa: Float64Array;
  /** Per pipe temperatures where the water enters and leaves, supply and return pipes (°C). */
  supplyInletC: Float64Array;
  supplyOutletC: Float64Array;
  returnInletC: Float64Array;
  returnOutletC: Float64Array;
  /** Per pipe heat loss of the supply and of the return pipe (W). */
  supplyLossW: Float64Array;
  returnLossW: Float64Array;
  /** Per node. */
  supplyNodeC: Float64Array;
  returnNodeC: Float64Array;
  supplyPressurePa: Float64Array;
  returnPressurePa: Float64Array;
  /** Per consumer (views of length consumerNode.length). */
  consumerMassFlowKgS: Float64Array;
  consumerDeliveredW: Float64Array;
  plantMassFlowKgS: number;
  plantHeatW: number;
  plantReturnC: number;
  /** Sum of consumerDeliveredW. */
  consumerHeatW: number;
  supplyHeatLossW: number;
  returnHeatLossW: number;
  heatLossW: number;
  pump: PumpResult;
  iterations: number;
  converged: boolean;
  /** Newton iterations of the last hydraulic solve (0 for trees). */
  hydraulicIterations: number;
}

export interface SteadySolver {
  readonly hydraulics: HydraulicSolver;
  /** Solves the design case; returns the solver's result object (overwritten by the next call). */
  solve(inputs: SteadyInputs): SteadyResult;
}

export function createSteadySolver(
  topology: NetworkTopology,
  fluid: Fluid,
  rootNode: number,
  options: { friction?: FrictionModel } = {},
): SteadySolver {
  const hydraulics = createHydraulicSolver(topology, fluid, { rootNode, friction: options.friction ?? 'colebrook' });
  const graph = hydraulics.graph;
  const { nodeCount, pipeCount, pipeFrom, pipeTo, nodeElevationM } = topology;
  const { nodePipeStart, nodePipe, rootToLeaf, parentNode, parentPipe } = graph;
  const cp = fluid.cpJPerKgK;
  const rhoG = fluid.densityKgM3 * GRAVITY_M_S2;
  const hasLoops = graph.chordPipe.length > 0;

  const lossUL = new Float64Array(pipeCount);
  for (let e = 0; e < pipeCount; e++) lossUL[e] = topology.pipeHeatLossWPerMK[e] * topology.pipeLengthM[e];
  // Per node: U·L/c_p of the tree pipe feeding it, so the iterated supply pass reads node-indexed data only.
  const feedULPerCp = new Float64Array(nodeCount);
  for (let u = 0; u < nodeCount; u++) if (parentPipe[u] >= 0) feedULPerCp[u] = lossUL[parentPipe[u]] / cp;

  const m = hydraulics.massFlowKgS;
  const withdrawal = new Float64Array(nodeCount);
  const enthalpyIn = new Float64Array(nodeCount);
  const massIn = new Float64Array(nodeCount);
  const inDegree = new Int32Array(nodeCount);
  const flowOrder = new Int32Array(nodeCount);
  const placed = new Uint8Array(nodeCount);
  const pathDrop = new Float64Array(nodeCount);
  let consumerFlow = new Float64Array(0);
  let consumerDelivered = new Float64Array(0);

  const result: SteadyResult = {
    massFlowKgS: m,
    velocityMS: hydraulics.velocityMS,
    dpPa: hydraulics.dpPa,
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

  const pumpSpec: PumpSpec = { dpSetpointPa: 0, pumpMaxHeadPa: Infinity, pumpEfficiency: 0.75, plantDpPa: 0 };

  /** Flow threshold below which a pipe counts as still (keeps direction noise of loop solves out of the order). */
  let stillKgS = 0;

  /** Fills flowOrder with nodes upstream-before-downstream for the current supply flows (looped networks). */
  function computeFlowOrder(): Int32Array {
    // Kahn's algorithm on the flowing pipes.
    inDegree.fill(0);
    for (let e = 0; e < pipeCount; e++) {
      const q = m[e];
      if (q > stillKgS) inDegree[pipeTo[e]]++;
      else if (q < -stillKgS) inDegree[pipeFrom[e]]++;
    }
    placed.fill(0);
    let tail = 0;
    for (let i = 0; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      if (inDegree[u] === 0) {
        flowOrder[tail++] = u;
        placed[u] = 1;
      }
    }
    let head = 0;
    while (tail < nodeCount) {
      if (head === tail) {
        // A cycle of near-still flows: break it at the first unplaced node in BFS order.
        for (let i = 0; i < nodeCount; i++) {
          const u = rootToLeaf[i];
          if (!placed[u]) {
            flowOrder[tail++] = u;
            placed[u] = 1;
            break;
          }
        }
      }
      const u = flowOrder[head++];
      for (let k = nodePipeStart[u]; k < nodePipeStart[u + 1]; k++) {
        const e = nodePipe[k];
        const q = m[e];
        let v = -1;
        if (q > stillKgS && pipeFrom[e] === u) v = pipeTo[e];
        else if (q < -stillKgS && pipeTo[e] === u) v = pipeFrom[e];
        if (v < 0 || placed[v]) continue;
        if (--inDegree[v] === 0) {
          flowOrder[tail++] = v;
          placed[v] = 1;
        }
      }
    }
    return flowOrder;
  }

  /** Node supply temperatures only, for the fixed-point iterations on a tree (see supplyPassTree). */
  function supplyNodesTree(supplyC: number, groundC: number): void {
    const nodeC = result.supplyNodeC;
    nodeC[graph.rootNode] = supplyC;
    for (let i = 1; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      const t = nodeC[parentNode[u]];
      const q = m[parentPipe[u]];
      const aq = q < 0 ? -q : q;
      nodeC[u] = aq > stillKgS ? groundC + (t - groundC) * Math.exp(-feedULPerCp[u] / aq) : t;
    }
  }

  /** Tree with outward flows (always so for a tree, as withdrawals are >= 0): one inflow per node. */
  function supplyPassTree(supplyC: number, groundC: number): void {
    const nodeC = result.supplyNodeC;
    const inletC = result.supplyInletC;
    const outletC = result.supplyOutletC;
    const lossW = result.supplyLossW;
    nodeC[graph.rootNode] = supplyC;
    for (let i = 1; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      const e = parentPipe[u];
      const t = nodeC[parentNode[u]];
      const q = m[e] < 0 ? -m[e] : m[e];
      inletC[e] = t;
      if (q > stillKgS) {
        const out = groundC + (t - groundC) * Math.exp(-lossUL[e] / (q * cp));
        outletC[e] = out;
        lossW[e] = q * cp * (t - out);
        nodeC[u] = out;
      } else {
        outletC[e] = t;
        lossW[e] = 0;
        nodeC[u] = t;
      }
    }
  }

  function returnPassTree(groundC: number): void {
    const nodeC = result.returnNodeC;
    const inletC = result.returnInletC;
    const outletC = result.returnOutletC;
    const lossW = result.returnLossW;
    for (let i = nodeCount - 1; i >= 1; i--) {
      const u = rootToLeaf[i];
      const e = parentPipe[u];
      const q = m[e] < 0 ? -m[e] : m[e];
      if (q > stillKgS && massIn[u] > 0) {
        const t = enthalpyIn[u] / massIn[u];
        nodeC[u] = t;
        const out = groundC + (t - groundC) * Math.exp(-lossUL[e] / (q * cp));
        inletC[e] = t;
        outletC[e] = out;
        lossW[e] = q * cp * (t - out);
        const p = parentNode[u];
        enthalpyIn[p] += q * out;
        massIn[p] += q;
      } else {
        nodeC[u] = massIn[u] > 0 ? enthalpyIn[u] / massIn[u] : NaN; // NaN: filled from the parent below
        lossW[e] = 0;
      }
    }
    const root = graph.rootNode;
    nodeC[root] = massIn[root] > 0 ? enthalpyIn[root] / massIn[root] : result.supplyNodeC[root];
    for (let i = 1; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      if (!(massIn[u] > 0)) nodeC[u] = nodeC[parentNode[u]];
    }
  }

  /** Supply temperatures in flow order; pipes record inlet/outlet/loss. */
  function supplyPass(order: Int32Array, supplyC: number, groundC: number): void {
    const nodeC = result.supplyNodeC;
    enthalpyIn.fill(0);
    massIn.fill(0);
    for (let i = 0; i < nodeCount; i++) {
      const u = order[i];
      let t: number;
      if (u === graph.rootNode) t = supplyC;
      else if (massIn[u] > 0) t = enthalpyIn[u] / massIn[u];
      else t = nodeC[parentNode[u]]; // no inflow: carries no flow on; take the tree parent's (set in the fill pass)
      nodeC[u] = t;
      for (let k = nodePipeStart[u]; k < nodePipeStart[u + 1]; k++) {
        const e = nodePipe[k];
        const q = m[e];
        let v: number;
        if (q > stillKgS && pipeFrom[e] === u) v = pipeTo[e];
        else if (q < -stillKgS && pipeTo[e] === u) v = pipeFrom[e];
        else continue;
        const aq = Math.abs(q);
        const out = groundC + (t - groundC) * Math.exp(-lossUL[e] / (aq * cp));
        result.supplyInletC[e] = t;
        result.supplyOutletC[e] = out;
        result.supplyLossW[e] = aq * cp * (t - out);
        enthalpyIn[v] += aq * out;
        massIn[v] += aq;
      }
    }
    // Nodes without inflow (dead ends at zero load): the parent's temperature, in BFS order.
    for (let i = 1; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      if (!(massIn[u] > 0)) nodeC[u] = nodeC[parentNode[u]];
    }
  }

  /** Consumers' return water into the node accumulators. */
  function seedReturn(inputs: SteadyInputs): void {
    enthalpyIn.fill(0);
    massIn.fill(0);
    const { consumerNode, consumerReturnC } = inputs;
    const scalarReturn = typeof consumerReturnC === 'number';
    for (let c = 0; c < consumerNode.length; c++) {
      const n = consumerNode[c];
      const tr = scalarReturn ? consumerReturnC : consumerReturnC[c];
      enthalpyIn[n] += consumerFlow[c] * tr;
      massIn[n] += consumerFlow[c];
    }
  }

  function returnPass(order: Int32Array, groundC: number): void {
    const nodeC = result.returnNodeC;
    for (let i = nodeCount - 1; i >= 0; i--) {
      const u = order[i];
      // No return inflow but a (near-still) outflow can only be threshold noise: any finite value will do.
      const t = massIn[u] > 0 ? enthalpyIn[u] / massIn[u] : result.supplyNodeC[u];
      nodeC[u] = t;
      for (let k = nodePipeStart[u]; k < nodePipeStart[u + 1]; k++) {
        const e = nodePipe[k];
        const q = m[e];
        let v: number;
        // Return water leaves u through the pipes whose supply flow arrives at u.
        if (q > stillKgS && pipeTo[e] === u) v = pipeFrom[e];
        else if (q < -stillKgS && pipeFrom[e] === u) v = pipeTo[e];
        else continue;
        const aq = Math.abs(q);
        const out = groundC + (t - groundC) * Math.exp(-lossUL[e] / (aq * cp));
        result.returnInletC[e] = t;
        result.returnOutletC[e] = out;
        result.returnLossW[e] = aq * cp * (t - out);
        enthalpyIn[v] += aq * out;
        massIn[v] += aq;
      }
    }
    // Nodes without return inflow: the tree parent's return temperature (root first).
    if (!(massIn[graph.rootNode] > 0)) nodeC[graph.rootNode] = result.supplyNodeC[graph.rootNode];
    for (let i = 1; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      if (!(massIn[u] > 0)) nodeC[u] = nodeC[parentNode[u]];
    }
  }

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
    stillKgS = 1e-12 * (totalDemandW / (cp * MIN_CONSUMER_DT_K)) + 1e-300;

    const nodeC = result.supplyNodeC;
    nodeC.fill(supplyC);
    hydraulics.reset();
    let order: Int32Array = rootToLeaf;
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
      hydraulics.solveFlows(withdrawal);
      if (hasLoops) {
        order = computeFlowOrder();
        supplyPass(order, supplyC, groundC);
      } else {
        supplyNodesTree(supplyC, groundC);
      }
      if (iterations > 1 && change < FLOW_TOLERANCE) {
        converged = true;
        break;
      }
    }
    if (!hasLoops) supplyPassTree(supplyC, groundC); // pipe inlet/outlet/loss records for the converged flows
    seedReturn(inputs);
    if (hasLoops) returnPass(order, groundC);
    else returnPassTree(groundC);

    // Zero-flow pipes keep their inlet temperature and lose nothing.
    for (let e = 0; e < pipeCount; e++) {
      const q = m[e];
      if (q > stillKgS || q < -stillKgS) continue;
      const ts = nodeC[pipeFrom[e]];
      result.supplyInletC[e] = ts;
      result.supplyOutletC[e] = ts;
      result.supplyLossW[e] = 0;
      const tr = result.returnNodeC[pipeTo[e]];
      result.returnInletC[e] = tr;
      result.returnOutletC[e] = tr;
      result.returnLossW[e] = 0;
    }

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
    result.iterations = iterations;
    result.converged = converged && hydraulics.converged;
    result.hydraulicIterations = hydraulics.iterations;

    // Pressures and pump.
    hydraulics.updateDrops();
    const pump = result.pump;
    findWorstConsumer(graph, hydraulics.dpPa, consumerNode, pathDrop, pump);
    const plantDpPa = inputs.plantDpPa ?? 0;
    pumpSpec.dpSetpointPa = inputs.dpSetpointPa;
    pumpSpec.pumpMaxHeadPa = inputs.pumpMaxHeadPa ?? Infinity;
    pumpSpec.pumpEfficiency = inputs.pumpEfficiency ?? 0.75;
    pumpSpec.plantDpPa = plantDpPa;
    circulationPump(pumpSpec, plantFlow, fluid.densityKgM3, pump);
    const root = graph.rootNode;
    const supplyAtRoot = inputs.staticPressurePa + pump.headPa - plantDpPa;
    for (let n = 0; n < nodeCount; n++) {
      const hydrostatic = rhoG * (nodeElevationM[n] - nodeElevationM[root]);
      result.returnPressurePa[n] = inputs.staticPressurePa + pathDrop[n] - hydrostatic;
      result.supplyPressurePa[n] = supplyAtRoot - pathDrop[n] - hydrostatic;
    }
    return result;
  }

  return { hydraulics, solve };
}

/** One-off design solve (allocates a solver; use createSteadySolver for repeated solves). */
export function solveSteady(topology: NetworkTopology, fluid: Fluid, options: SteadyOptions): SteadyResult {
  const solver = createSteadySolver(topology, fluid, options.rootNode, { friction: options.friction });
  return solver.solve(options);
}
