/**
 * District accounting: for each district a scenario names (network nodes carry `district`; buildings and plants
 * belong to the district of their node), the heat its buildings use, the heat made inside it, the heat lost from
 * its own pipes, and the net heat it exports over its edge, measured where the water crosses it.
 *
 * Per step (W), with c_p of the water (server/sim/water.ts):
 *   used      U = sum over its buildings of the heat received (network and own prosumer heat pump)
 *   produced  P = sum over its plants of heat into the network + sum over its prosumers of (own use + export)
 *   losses    L = sum over its inner pipes (both ends inside) of the supply and return pipes' heat loss
 *   export    X = sum over its edge pipes (one end inside) of c_p · m_out · (T_s,edge - T_r,edge)
 *               m_out = supply mass flow leaving the district through the pipe (negative when entering; the return
 *               water flows the other way), T at the pipe's inside end: enthalpy flows at the boundary (the
 *               reference temperature cancels because as much water leaves the district as enters it).
 * Conservation over a run: P = U + L + X + change of the heat held in the inner pipes' water (ΔE, J), which the
 * summary reports so that a test can check the balance closes; an energy-positive district has P > U over a
 * year and exports X ≈ P - U - L.
 * Edge pipes count to neither side's losses here (they are the tie line).
 * Typed arrays preallocated at creation; the step loops over index lists, no allocation.
 */
import type { Scenario } from '../../shared/scenario/schema';
import type { PlugFlow } from './network/plugFlow';
import type { NetworkTopology } from './network/topology';
import { DH_WATER } from './water';
import { J_PER_MWH } from './units';

export interface DistrictSummary {
  id: string;
  name: string;
  /** Heat its buildings used (MWh). */
  usedMWh: number;
  /** Heat made inside it: plants into the network plus prosumer heat pumps' own use and export (MWh). */
  producedMWh: number;
  /** Heat lost from its inner pipes (MWh). */
  lossesMWh: number;
  /** Net heat exported over its edge, measured at the edge pipes (MWh; negative = imported). */
  netExportMWh: number;
  /** Change of the heat held in its inner pipes' water (MWh). */
  pipeContentChangeMWh: number;
  /** Produced minus used: positive for an energy-positive district (MWh). */
  surplusMWh: number;
  /** P - U - L - ΔE - X as a share of P (%): how well its books close. */
  balanceErrorPct: number;
}

export interface DistrictAccounts {
  ids: string[];
  names: string[];
  /** Index lists per district (CSR: start offsets of length count + 1). */
  buildingStart: Int32Array;
  buildings: Int32Array;
  plantStart: Int32Array;
  plants: Int32Array;
  prosumerStart: Int32Array;
  prosumers: Int32Array;
  innerPipeStart: Int32Array;
  innerPipes: Int32Array;
  edgeStart: Int32Array;
  edgePipes: Int32Array;
  /** 1 when the edge pipe's `to` node is the inside end. */
  edgeInsideIsTo: Uint8Array;
  /** Water mass of each inner pipe (kg), for the content change. */
  innerPipeMassKg: Float64Array;
  /** Running totals per district (J). */
  usedJ: Float64Array;
  producedJ: Float64Array;
  lossJ: Float64Array;
  exportJ: Float64Array;
  initialContentJ: Float64Array;
}

/** The step's results the accounts read: heat per building, plants and prosumers, supply pipe flows (kg/s). */
export interface DistrictStepView {
  readonly deliveredW: ArrayLike<number>;
  readonly plants: ReadonlyArray<{ readonly node: number; readonly heatToNetworkW: number }>;
  readonly prosumers: ReadonlyArray<{ readonly node: number; readonly ownW: number; readonly exportW: number }>;
  readonly massFlowKgS: ArrayLike<number>;
  readonly returnMassFlowKgS: ArrayLike<number>;
}

function csr(count: number, lists: number[][]): [Int32Array, Int32Array] {
  const start = new Int32Array(count + 1);
  for (let d = 0; d < count; d++) start[d + 1] = start[d] + lists[d].length;
  return [start, Int32Array.from(lists.flat())];
}

/**
 * The accounts of the scenario's districts, or null when it names none. Throws when a node names a district
 * that `districts` does not list.
 */
export function createDistrictAccounts(
  scenario: Scenario,
  topology: NetworkTopology,
  nodeIndex: Map<string, number>,
  buildingNode: Int32Array,
  prosumerNodes: ReadonlyArray<number>,
  plantNodes: ReadonlyArray<number>,
): DistrictAccounts | null {
  const districts = scenario.districts ?? [];
  if (districts.length === 0) return null;
  const index = new Map(districts.map((d, i) => [d.id, i]));
  const nodeDistrict = new Int32Array(topology.nodeCount).fill(-1);
  scenario.network.nodes.forEach((n) => {
    if (n.district === undefined) return;
    const d = index.get(n.district);
    if (d === undefined) throw new Error(`network.nodes: node "${n.id}" names unknown district "${n.district}"`);
    nodeDistrict[nodeIndex.get(n.id)!] = d;
  });
  const count = districts.length;
  const lists = () => Array.from({ length: count }, () => [] as number[]);
  const buildings = lists();
  buildingNode.forEach((n, i) => n >= 0 && nodeDistrict[n] >= 0 && buildings[nodeDistrict[n]].push(i));
  const plants = lists();
  plantNodes.forEach((n, i) => nodeDistrict[n] >= 0 && plants[nodeDistrict[n]].push(i));
  const prosumers = lists();
  prosumerNodes.forEach((n, i) => n >= 0 && nodeDistrict[n] >= 0 && prosumers[nodeDistrict[n]].push(i));
  const inner = lists();
  const edges = lists();
  const insideIsTo: number[][] = lists();
  for (let p = 0; p < topology.pipeCount; p++) {
    const a = nodeDistrict[topology.pipeFrom[p]];
    const b = nodeDistrict[topology.pipeTo[p]];
    if (a >= 0 && a === b) inner[a].push(p);
    else {
      if (a >= 0) {
        edges[a].push(p);
        insideIsTo[a].push(0);
      }
      if (b >= 0) {
        edges[b].push(p);
        insideIsTo[b].push(1);
      }
    }
  }
  const [buildingStart, buildingList] = csr(count, buildings);
  const [plantStart, plantList] = csr(count, plants);
  const [prosumerStart, prosumerList] = csr(count, prosumers);
  const [innerPipeStart, innerList] = csr(count, inner);
  const [edgeStart, edgeList] = csr(count, edges);
  const innerPipeMassKg = Float64Array.from(innerList, (p) => {
    const d = topology.pipeDiameterM[p];
    return DH_WATER.densityKgM3 * Math.PI * 0.25 * d * d * topology.pipeLengthM[p];
  });
  return {
    ids: districts.map((d) => d.id),
    names: districts.map((d) => d.name),
    buildingStart,
    buildings: buildingList,
    plantStart,
    plants: plantList,
    prosumerStart,
    prosumers: prosumerList,
    innerPipeStart,
    innerPipes: innerList,
    edgeStart,
    edgePipes: edgeList,
    edgeInsideIsTo: Uint8Array.from(insideIsTo.flat()),
    innerPipeMassKg,
    usedJ: new Float64Array(count),
    producedJ: new Float64Array(count),
    lossJ: new Float64Array(count),
    exportJ: new Float64Array(count),
    initialContentJ: new Float64Array(count),
  };
}

/** Heat held in district d's inner pipes' water now (J above 0 °C). */
function innerContentJ(a: DistrictAccounts, supply: PlugFlow, ret: PlugFlow, d: number): number {
  let j = 0;
  for (let k = a.innerPipeStart[d]; k < a.innerPipeStart[d + 1]; k++) {
    const p = a.innerPipes[k];
    j += a.innerPipeMassKg[k] * (supply.pipeMeanEnthalpyJPerKg(p) + ret.pipeMeanEnthalpyJPerKg(p));
  }
  return j;
}

/** Call once after the simulation is created, before the first step. */
export function startDistrictAccounts(a: DistrictAccounts, supply: PlugFlow, ret: PlugFlow): void {
  for (let d = 0; d < a.ids.length; d++) a.initialContentJ[d] = innerContentJ(a, supply, ret, d);
}

/** Books one engine step (after transport and delivery) from its results and the water in both networks. */
export function bookDistricts(a: DistrictAccounts, v: DistrictStepView, supply: PlugFlow, ret: PlugFlow, dtS: number): void {
  const supplyLoss = supply.pipeHeatLossW;
  const returnLoss = ret.pipeHeatLossW;
  const flow = v.massFlowKgS;
  const returnFlow = v.returnMassFlowKgS;
  for (let d = 0; d < a.ids.length; d++) {
    let used = 0;
    for (let k = a.buildingStart[d]; k < a.buildingStart[d + 1]; k++) used += v.deliveredW[a.buildings[k]];
    let produced = 0;
    for (let k = a.plantStart[d]; k < a.plantStart[d + 1]; k++) produced += v.plants[a.plants[k]].heatToNetworkW;
    for (let k = a.prosumerStart[d]; k < a.prosumerStart[d + 1]; k++) {
      const p = v.prosumers[a.prosumers[k]];
      produced += p.ownW + p.exportW;
    }
    let loss = 0;
    for (let k = a.innerPipeStart[d]; k < a.innerPipeStart[d + 1]; k++) {
      const p = a.innerPipes[k];
      loss += supplyLoss[p] + returnLoss[p];
    }
    let exported = 0;
    for (let k = a.edgeStart[d]; k < a.edgeStart[d + 1]; k++) {
      const p = a.edgePipes[k];
      const toEnd = a.edgeInsideIsTo[k] === 1;
      // Flow is + from -> to: it leaves the district when the inside end is `from`. Each network carries its
      // own flow across the edge (the return's the supply's negated, except in loops).
      const supplyOutKgS = toEnd ? -flow[p] : flow[p];
      const returnOutKgS = toEnd ? -returnFlow[p] : returnFlow[p];
      exported += supplyOutKgS * supply.endEnthalpyJPerKg(p, toEnd) + returnOutKgS * ret.endEnthalpyJPerKg(p, toEnd);
    }
    a.usedJ[d] += used * dtS;
    a.producedJ[d] += produced * dtS;
    a.lossJ[d] += loss * dtS;
    a.exportJ[d] += exported * dtS;
  }
}

export function summarizeDistricts(a: DistrictAccounts, supply: PlugFlow, ret: PlugFlow): DistrictSummary[] {
  return a.ids.map((id, d) => {
    const mwh = (j: number) => j / J_PER_MWH;
    const produced = mwh(a.producedJ[d]);
    const used = mwh(a.usedJ[d]);
    const losses = mwh(a.lossJ[d]);
    const netExport = mwh(a.exportJ[d]);
    const contentChange = mwh(innerContentJ(a, supply, ret, d) - a.initialContentJ[d]);
    const residual = produced - used - losses - contentChange - netExport;
    return {
      id,
      name: a.names[d],
      usedMWh: used,
      producedMWh: produced,
      lossesMWh: losses,
      netExportMWh: netExport,
      pipeContentChangeMWh: contentChange,
      surplusMWh: produced - used,
      balanceErrorPct: produced > 0 ? (100 * residual) / produced : 0,
    };
  });
}
