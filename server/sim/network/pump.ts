/**
 * Main circulation pump holding a differential-pressure set-point at the worst-placed consumer.
 *
 * Twin supply/return pipes carry the same flow with the same friction, so the consumer at node n sees
 *   dp_n = H - dp_plant - 2·P_n,  P_n = friction drop along the supply path root -> n,
 * and holding dp_n >= dpSetpoint everywhere needs the head
 *   H_req = dpSetpoint + 2·max_n(P_n) + dp_plant,   H = min(H_req, H_max).
 * Path drops are accumulated root -> leaf along the BFS tree in O(nodes); in a looped network the tree path drop
 * equals any other path's drop once the loop equations are converged (Kirchhoff's second law).
 * When H_req > H_max the set-point is lost. Approximation for the flow the consumers then get: every
 * resistance in the circuit (pipes, plant, and the worst consumer's fully open valve, sized to take dpSetpoint
 * at its design flow) is fixed and quadratic in flow, so the system curve is H = H_req·φ² for flows scaled by φ:
 *   φ = sqrt(H_max / H_req),
 * i.e. the worst consumer's branch gets sqrt(available/required) of its flow with available branch dp =
 * dpSetpoint·H_max/H_req. (Laminar pipes and consumer valves that open further make the real φ somewhat larger.)
 * Pump electricity W = (m·φ/rho)·H/efficiency (hydraulic power over pump-and-motor efficiency).
 */
import type { NetworkGraph } from './graph';

export interface PumpResult {
  /** Head the pump makes (Pa), at most the maximum head. */
  headPa: number;
  /** Head it would need to hold the set-point (Pa). */
  requiredHeadPa: number;
  setpointHeld: boolean;
  /** Factor on consumer flows (1 when the set-point is held). */
  flowFactor: number;
  electricityW: number;
  /** Index into the consumer list of the worst-placed consumer (-1 if none). */
  worstConsumer: number;
  /** Supply-path friction drop root -> worst consumer (Pa). */
  worstPathDropPa: number;
}

export function createPumpResult(): PumpResult {
  return {
    headPa: 0,
    requiredHeadPa: 0,
    setpointHeld: true,
    flowFactor: 1,
    electricityW: 0,
    worstConsumer: -1,
    worstPathDropPa: 0,
  };
}

/** Friction drop along the tree path root -> every node (Pa; pressure falls by this much in the supply). */
export function supplyPathDropsPa(graph: NetworkGraph, dpPa: Float64Array, out: Float64Array): Float64Array {
  const { rootToLeaf, parentNode, parentPipe, parentSign, nodeCount } = graph;
  out[graph.rootNode] = 0;
  for (let i = 1; i < nodeCount; i++) {
    const u = rootToLeaf[i];
    out[u] = out[parentNode[u]] + parentSign[u] * dpPa[parentPipe[u]];
  }
  return out;
}

/**
 * Worst-placed consumer: the largest supply path drop over the consumers' nodes. Fills out.worstConsumer and
 * out.worstPathDropPa; pathDropScratch (length nodeCount) receives all path drops.
 */
export function findWorstConsumer(
  graph: NetworkGraph,
  dpPa: Float64Array,
  consumerNode: Int32Array,
  pathDropScratch: Float64Array,
  out: PumpResult,
): PumpResult {
  supplyPathDropsPa(graph, dpPa, pathDropScratch);
  let worst = -1;
  let worstDrop = -Infinity;
  for (let c = 0; c < consumerNode.length; c++) {
    const d = pathDropScratch[consumerNode[c]];
    if (d > worstDrop) {
      worstDrop = d;
      worst = c;
    }
  }
  out.worstConsumer = worst;
  out.worstPathDropPa = worst >= 0 ? worstDrop : 0;
  return out;
}

export interface PumpSpec {
  dpSetpointPa: number;
  pumpMaxHeadPa: number;
  pumpEfficiency: number;
  /** Pressure drop through the plant at the current flow (Pa). */
  plantDpPa: number;
}

/** Head, set-point state, flow factor and electricity from the worst path drop already in out. */
export function circulationPump(spec: PumpSpec, plantMassFlowKgS: number, densityKgM3: number, out: PumpResult): PumpResult {
  const required = spec.dpSetpointPa + 2 * out.worstPathDropPa + spec.plantDpPa;
  out.requiredHeadPa = required;
  if (required <= spec.pumpMaxHeadPa) {
    out.headPa = required;
    out.setpointHeld = true;
    out.flowFactor = 1;
  } else {
    out.headPa = spec.pumpMaxHeadPa;
    out.setpointHeld = false;
    out.flowFactor = Math.sqrt(spec.pumpMaxHeadPa / required);
  }
  out.electricityW = ((Math.abs(plantMassFlowKgS) * out.flowFactor) / densityKgM3) * out.headPa / spec.pumpEfficiency;
  return out;
}
