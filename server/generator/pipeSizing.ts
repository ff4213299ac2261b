/**
 * Design loads and pipe sizing for generated networks.
 *
 * Design heat (space heating at the Finnish design outdoor temperature -26 °C for the Helsinki region, D3 2012)
 * comes from the simulation's own building model (server/sim/consumers/buildingParams.ts: specific loads by Finnish
 * age class and use), so the network and the plants fit the buildings the engine will heat.
 * Design flow m = Q / (c_p · (T_supply - T_return)) at 115/45 °C (Helen's highest supply temperature).
 * Flows are accumulated leaf to root over a breadth-first tree from the main plant; a pipe that closes a loop
 * (a chord) takes the larger tree flow at its two ends, which oversizes a little, on the safe side.
 * Size: the smallest EN 253 pipe (server/sim/network/pipeCatalogue.ts) with velocity <= 1.5 m/s and friction
 * gradient <= 150 Pa/m, Darcy-Weisbach with Swamee-Jain (64/Re when laminar), roughness 0.1 mm; service pipes at
 * least DN25. If even the largest pipe exceeds a limit, the largest is used (reported by `exceedsLimits`).
 */
import type { BuildingUse } from '../../shared/scenario/schema';
import { PIPE_CATALOGUE, type CataloguePipe } from '../sim/network/pipeCatalogue';
import { deriveBuildingParams } from '../sim/consumers/buildingParams';
import { DH_WATER, type Fluid } from '../sim/water';

export const DESIGN_SUPPLY_C = 115;
export const DESIGN_RETURN_C = 45;
export const MAX_VELOCITY_MS = 1.5;
export const MAX_GRADIENT_PA_PER_M = 150;
export const PIPE_ROUGHNESS_M = 1e-4;
export const MIN_SERVICE_DN = 25;

/**
 * Design heat load at -26 °C (W): the simulation's own building model (server/sim/consumers/buildingParams.ts),
 * so that pipes and plants are sized for the buildings the engine will actually heat.
 */
export function designHeatW(use: BuildingUse, yearBuilt: number, floorAreaM2: number): number {
  return deriveBuildingParams({ use, yearBuilt, floorAreaM2 }).designHeatW;
}

/** Mass flow (kg/s) carrying `heatW` at the given supply/return temperature difference. */
export function designFlowKgS(heatW: number, deltaTK = DESIGN_SUPPLY_C - DESIGN_RETURN_C, fluid: Fluid = DH_WATER): number {
  return heatW / (fluid.cpJPerKgK * deltaTK);
}

/** Darcy friction factor: 64/Re when laminar, Swamee-Jain (1976) when turbulent; 0 at rest. */
export function darcyFrictionFactor(reynolds: number, roughnessM: number, diameterM: number): number {
  if (reynolds <= 0) return 0;
  if (reynolds < 2300) return 64 / reynolds;
  const x = Math.log10(roughnessM / (3.7 * diameterM) + 5.74 / reynolds ** 0.9);
  return 0.25 / (x * x);
}

export function velocityMS(massFlowKgS: number, diameterM: number, fluid: Fluid = DH_WATER): number {
  return Math.abs(massFlowKgS) / (fluid.densityKgM3 * Math.PI * diameterM * diameterM * 0.25);
}

/** Friction pressure gradient (Pa/m) of a flow in a pipe: f · rho v² / (2 D). */
export function frictionGradientPaPerM(massFlowKgS: number, diameterM: number, roughnessM = PIPE_ROUGHNESS_M, fluid: Fluid = DH_WATER): number {
  const v = velocityMS(massFlowKgS, diameterM, fluid);
  const re = (fluid.densityKgM3 * v * diameterM) / fluid.viscosityPaS;
  return (darcyFrictionFactor(re, roughnessM, diameterM) * fluid.densityKgM3 * v * v) / (2 * diameterM);
}

export function withinLimits(massFlowKgS: number, pipe: CataloguePipe, roughnessM = PIPE_ROUGHNESS_M, fluid: Fluid = DH_WATER): boolean {
  return (
    velocityMS(massFlowKgS, pipe.innerDiameterM, fluid) <= MAX_VELOCITY_MS &&
    frictionGradientPaPerM(massFlowKgS, pipe.innerDiameterM, roughnessM, fluid) <= MAX_GRADIENT_PA_PER_M
  );
}

/** Smallest catalogue pipe of at least `minDn` carrying the flow within the limits (the largest if none does). */
export function selectPipe(massFlowKgS: number, minDn = MIN_SERVICE_DN, roughnessM = PIPE_ROUGHNESS_M, fluid: Fluid = DH_WATER): CataloguePipe {
  for (const pipe of PIPE_CATALOGUE) {
    if (pipe.dn < minDn) continue;
    if (withinLimits(massFlowKgS, pipe, roughnessM, fluid)) return pipe;
  }
  return PIPE_CATALOGUE[PIPE_CATALOGUE.length - 1];
}

export interface SizingGraph {
  nodeCount: number;
  pipeFrom: ReadonlyArray<number>;
  pipeTo: ReadonlyArray<number>;
}

export interface DesignFlows {
  /** Design flow per pipe (kg/s, magnitude). */
  pipeFlowKgS: Float64Array;
  /** Breadth-first tree from the root: the pipe each node is fed through (-1 for the root and unreached nodes). */
  parentPipe: Int32Array;
  /** Nodes in breadth-first order from the root (reached nodes only). */
  order: Int32Array;
}

/**
 * Design flow per pipe: breadth-first tree from `root`, node withdrawals summed leaf to root; chords take the
 * larger flow of the tree pipes at their ends. Pipes not reached from the root get their end nodes' own withdrawals.
 */
export function accumulateDesignFlows(graph: SizingGraph, root: number, nodeFlowKgS: ReadonlyArray<number>): DesignFlows {
  const pipeCount = graph.pipeFrom.length;
  const adjacency: number[][] = Array.from({ length: graph.nodeCount }, () => []);
  for (let p = 0; p < pipeCount; p++) {
    adjacency[graph.pipeFrom[p]].push(p);
    adjacency[graph.pipeTo[p]].push(p);
  }
  const parentPipe = new Int32Array(graph.nodeCount).fill(-1);
  const visited = new Uint8Array(graph.nodeCount);
  const order: number[] = [root];
  visited[root] = 1;
  for (let head = 0; head < order.length; head++) {
    const n = order[head];
    for (const p of adjacency[n]) {
      const m = graph.pipeFrom[p] === n ? graph.pipeTo[p] : graph.pipeFrom[p];
      if (visited[m]) continue;
      visited[m] = 1;
      parentPipe[m] = p;
      order.push(m);
    }
  }
  const subtree = Float64Array.from({ length: graph.nodeCount }, (_, n) => nodeFlowKgS[n] ?? 0);
  const flow = new Float64Array(pipeCount);
  const inTree = new Uint8Array(pipeCount);
  for (let i = order.length - 1; i > 0; i--) {
    const n = order[i];
    const p = parentPipe[n];
    inTree[p] = 1;
    flow[p] = subtree[n];
    const parent = graph.pipeFrom[p] === n ? graph.pipeTo[p] : graph.pipeFrom[p];
    subtree[parent] += subtree[n];
  }
  const nodeInflow = (n: number) => (parentPipe[n] >= 0 ? flow[parentPipe[n]] : subtree[n]);
  for (let p = 0; p < pipeCount; p++) {
    if (!inTree[p]) flow[p] = Math.max(nodeInflow(graph.pipeFrom[p]), nodeInflow(graph.pipeTo[p]));
  }
  return { pipeFlowKgS: flow, parentPipe, order: Int32Array.from(order) };
}
