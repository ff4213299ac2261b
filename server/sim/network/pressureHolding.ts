/**
 * Water lost from the network and the main plant's pressure holding: a leak or a burst of a supply pipe, the
 * make-up pumps that replace the lost water, the static pressure they hold, the circulation pumps' low-suction
 * protection, and the section valves that cut a part of the network off.
 *
 * Leak (orifice law; ISO 5167-2 for the sharp-edged orifice, and e.g. Idelchik, Handbook of Hydraulic
 * Resistance, for holes in pipe walls): through a hole of area A at the node where the supply pressure is p_gauge
 * above the atmosphere,
 *   m_leak = C_d·A·sqrt(2·rho·max(0, p_gauge)),   C_d = 0.61 (sharp-edged orifice),
 * rho the density of the supply water at the node. The node's pressure is the static pressure held at the main
 * plant's return plus the pump's head less the supply's drop from the plant to the node (friction and the
 * hydrostatic head): p_gauge = p_static + a, a = H + p_s(n) - p_s(root), p_s the supply's node pressures
 * (hydraulics.ts). Explicit coupling: a is the previous step's (the solver's last drops and the pump's last head),
 * except for the drop the leak's own flow adds on its way from the plant, which a burst makes as large as the
 * pressure itself (taken explicitly it would swing from step to step): along the tree path of pipes i to the node,
 *   a(m) = H + p_s(n) - p_s(root) + sum_i k_i·(q_i·|q_i| - q'_i·|q'_i|),   q'_i = q_i + m - m_last,
 * q_i the last step's flow toward the node, m_last the leak it carried, k_i = |dp_i|/q_i² its resistance then
 * (k_i = 0.02·L/(2·rho·D·A²), a typical turbulent friction factor, where it carried less than 0.1 kg/s), and the
 * leak m solves m = C_d·A·sqrt(2·rho·max(0, p_static + a(m))) (bisection; its right side falls as m grows).
 * The leak sits on the pipe's end away from the main plant (the end deeper in the spanning tree). The water it
 * loses leaves the supply: it is withdrawn at that node and the return does not get it back.
 *
 * Make-up (pressure holding): n pumps in service, each up to m_pump (kg/s), feed water at T_mu into the return
 * at the main plant. Quasi-steady (the pressure-holding vessel settles in seconds): while the leak at the nominal
 * static pressure p_0 is within the capacity m_cap = n·m_pump the static pressure holds at p_0 and the make-up
 * equals the leak; beyond it the static pressure falls to where the leak equals the capacity,
 *   p_static = (m_cap/(C_d·A))²/(2·rho) - a(m_cap),   never below 0 gauge,
 * where then the leak solves the orifice law at p_static = 0 and the network drains faster than the make-up
 * refills it.
 * The model keeps the network's water mass (plug flow holds the pipes full): the water lost beyond the make-up's
 * capacity is taken as refilled at T_mu too, so the main plant's inlet is its return mixed with m_leak of water
 * at T_mu by enthalpy, h_in = ((m - m_leak)·h(T_r) + m_leak·h(T_mu))/m, m being the plant's flow (water.ts).
 * The heat the leak carries away is what the plant must add to bring the make-up water to the lost water's
 * state: m_leak·(h(T_leak) - h(T_mu)), T_leak the supply's temperature at the leak's node.
 *
 * Low suction: the circulation pumps stop when the static pressure at their suction falls below p_min (their
 * protection against cavitation), which takes their head away as a pump failure does (pump.ts), and run again once
 * it is above p_min + 0.2 bar.
 *
 * Section valves: only pipes that lie in no loop (bridges, graph.ts) have them. Closing one closes the supply and
 * the return pipe and cuts off everything on its side away from the main plant: the subtree of the pipe's deeper
 * end, which no loop joins to the rest. Nothing there draws or feeds water: its substations get no flow, its
 * prosumers and satellite plants cannot export, and a leak there stops (the section is depressurised). With no
 * withdrawal in the section the pipe carries no flow and the section's water stands and cools (plug flow).
 * Units: kg/s, Pa, m², kg/m³, °C, W.
 */
import type { NetworkGraph } from './graph';
import type { HydraulicSolver } from './hydraulics';
import type { NetworkTopology } from './topology';
import { waterEnthalpyJPerKg, waterTemperatureFromEnthalpyC } from '../water';

/** Discharge coefficient of a sharp-edged orifice (ISO 5167-2). */
export const LEAK_DISCHARGE_COEFFICIENT = 0.61;
/** The circulation pumps run again once the static pressure is this far above their minimum (Pa). */
export const SUCTION_RESTART_DEADBAND_PA = 0.2e5;
/** Below this flow (kg/s) a pipe's last drop says little of its turbulent resistance: FALLBACK_FRICTION is used. */
const RESISTANCE_MIN_FLOW_KG_S = 0.1;
const FALLBACK_FRICTION = 0.02;
const BISECTION_STEPS = 60;

/** The pressure holding's results of a step, and its one piece of state (lowSuctionStop). */
export interface PressureHolding {
  /** Water lost through the leak this step (kg/s). */
  leakKgS: number;
  /** Make-up water fed at the main plant's return (kg/s) and the pumps' capacity in service (kg/s). */
  makeUpKgS: number;
  makeUpCapacityKgS: number;
  /** Static pressure held at the main plant's return (Pa, gauge) and what it is without a shortfall. */
  staticPressurePa: number;
  nominalStaticPressurePa: number;
  /** Heat the leak carries away, m_leak·(h(T_leak) - h(T_mu)) (W). */
  leakHeatW: number;
  /** True while the circulation pumps are stopped on low suction pressure (latched through the deadband). */
  lowSuctionStop: boolean;
  /** Connected buildings beyond closed section valves. */
  consumersCutOff: number;
}

export function createPressureHolding(nominalStaticPressurePa: number): PressureHolding {
  return {
    leakKgS: 0,
    makeUpKgS: 0,
    makeUpCapacityKgS: 0,
    staticPressurePa: nominalStaticPressurePa,
    nominalStaticPressurePa,
    leakHeatW: 0,
    lowSuctionStop: false,
    consumersCutOff: 0,
  };
}

export interface PressureHoldingSpec {
  nominalStaticPressurePa: number;
  minSuctionPressurePa: number;
  makeUpCapacityPerPumpKgS: number;
}

/** The supply's tree path from the main plant to the leak's node, as the leak's own flow changes its drops. */
export interface LeakPath {
  /** a(m) at the last step's leak: the node's pressure above the static pressure (Pa). */
  lastAboveStaticPa: number;
  /** The leak the last step's flows carried (kg/s). */
  lastLeakKgS: number;
  /** Pipes on the path, and per path pipe its resistance k (Pa·s²/kg²) and last flow toward the node (kg/s). */
  count: number;
  resistance: Float64Array;
  flowKgS: Float64Array;
}

export function createLeakPath(nodeCount: number): LeakPath {
  return {
    lastAboveStaticPa: 0,
    lastLeakKgS: 0,
    count: 0,
    resistance: new Float64Array(nodeCount),
    flowKgS: new Float64Array(nodeCount),
  };
}

/**
 * Fills `path` for a leak at `node` from the supply's last solve: `supplyPressurePa` its node pressures (any
 * reference), headPa the pump's last head, lastLeakKgS the leak its flows carried.
 */
export function traceLeakPath(
  supply: HydraulicSolver,
  topology: NetworkTopology,
  supplyPressurePa: Float64Array,
  node: number,
  headPa: number,
  lastLeakKgS: number,
  path: LeakPath,
): void {
  const { parentPipe, parentNode, parentSign, rootNode } = supply.graph;
  const { massFlowKgS, pipeDensityKgM3 } = supply;
  path.lastAboveStaticPa = headPa + supplyPressurePa[node] - supplyPressurePa[rootNode];
  path.lastLeakKgS = lastLeakKgS;
  let k = 0;
  for (let n = node; parentNode[n] >= 0; n = parentNode[n]) {
    const e = parentPipe[n];
    const q = parentSign[n] * massFlowKgS[e];
    let r: number;
    if (Math.abs(q) >= RESISTANCE_MIN_FLOW_KG_S) r = Math.abs(supply.dpPa[e]) / (q * q);
    else {
      const d = topology.pipeDiameterM[e];
      const area = (Math.PI * d * d) / 4;
      r = (FALLBACK_FRICTION * topology.pipeLengthM[e]) / (2 * pipeDensityKgM3[e] * d * area * area);
    }
    path.resistance[k] = r;
    path.flowKgS[k] = q;
    k++;
  }
  path.count = k;
}

/** a(m): the leak node's pressure above the static pressure (Pa) with a leak of leakKgS. */
export function aboveStaticPa(path: LeakPath, leakKgS: number): number {
  const dm = leakKgS - path.lastLeakKgS;
  let a = path.lastAboveStaticPa;
  for (let i = 0; i < path.count; i++) {
    const q = path.flowKgS[i];
    const q2 = q + dm;
    a += path.resistance[i] * (q * Math.abs(q) - q2 * Math.abs(q2));
  }
  return a;
}

/** The leak (kg/s) at a static pressure: m = C_d·A·sqrt(2·rho·max(0, p_static + a(m))), by bisection. */
export function leakAtStaticKgS(path: LeakPath, areaM2: number, densityKgM3: number, staticPa: number): number {
  let lo = 0;
  let hi = orificeLeakKgS(areaM2, densityKgM3, staticPa + aboveStaticPa(path, 0));
  if (!(hi > 0)) return 0;
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const m = 0.5 * (lo + hi);
    if (m < orificeLeakKgS(areaM2, densityKgM3, staticPa + aboveStaticPa(path, m))) lo = m;
    else hi = m;
  }
  return 0.5 * (lo + hi);
}

/** Leak through a hole of areaM2 at a gauge pressure (kg/s; 0 at or below the atmosphere). */
export function orificeLeakKgS(areaM2: number, densityKgM3: number, gaugePa: number): number {
  return LEAK_DISCHARGE_COEFFICIENT * areaM2 * Math.sqrt(2 * densityKgM3 * Math.max(0, gaugePa));
}

/**
 * Static pressure (Pa, gauge, >= 0) at which a leak through areaM2 at a node `aboveStaticPa` above the static
 * pressure takes exactly capacityKgS.
 */
export function staticPressureAtCapacityPa(
  capacityKgS: number,
  areaM2: number,
  densityKgM3: number,
  aboveStaticPa: number,
): number {
  const k = capacityKgS / (LEAK_DISCHARGE_COEFFICIENT * areaM2);
  return Math.max(0, (k * k) / (2 * densityKgM3) - aboveStaticPa);
}

/**
 * The leak, the make-up and the static pressure for a hole of areaM2 (0: none) at the end of `path`, with
 * makeUpPumps in service; then the low-suction protection.
 */
export function holdPressure(
  h: PressureHolding,
  spec: PressureHoldingSpec,
  makeUpPumps: number,
  areaM2: number,
  densityKgM3: number,
  path: LeakPath,
): void {
  const capacity = makeUpPumps * spec.makeUpCapacityPerPumpKgS;
  const nominal = spec.nominalStaticPressurePa;
  h.makeUpCapacityKgS = capacity;
  const demand = areaM2 > 0 ? leakAtStaticKgS(path, areaM2, densityKgM3, nominal) : 0;
  if (demand <= capacity) {
    h.staticPressurePa = nominal;
    h.leakKgS = demand;
  } else {
    h.staticPressurePa = staticPressureAtCapacityPa(capacity, areaM2, densityKgM3, aboveStaticPa(path, capacity));
    h.leakKgS = h.staticPressurePa > 0 ? capacity : leakAtStaticKgS(path, areaM2, densityKgM3, 0);
  }
  h.makeUpKgS = Math.min(h.leakKgS, capacity);
  if (h.staticPressurePa < spec.minSuctionPressurePa) h.lowSuctionStop = true;
  else if (h.staticPressurePa > spec.minSuctionPressurePa + SUCTION_RESTART_DEADBAND_PA) h.lowSuctionStop = false;
}

/** The end of a pipe away from the main plant (deeper in the spanning tree; `to` on a tie). */
export function pipeFarNode(graph: NetworkGraph, pipeFrom: Int32Array, pipeTo: Int32Array, pipe: number): number {
  return graph.depth[pipeTo[pipe]] >= graph.depth[pipeFrom[pipe]] ? pipeTo[pipe] : pipeFrom[pipe];
}

/**
 * Marks the nodes cut off by closed section valves (1 in `cut`): those below a closed bridge in the spanning
 * tree. A closed flag on a pipe that is no bridge is ignored (it has no valve).
 */
export function markCutNodes(graph: NetworkGraph, valveClosed: Uint8Array, cut: Uint8Array): void {
  const { rootToLeaf, parentNode, parentPipe, isBridge } = graph;
  cut[graph.rootNode] = 0;
  for (let k = 1; k < rootToLeaf.length; k++) {
    const n = rootToLeaf[k];
    const e = parentPipe[n];
    cut[n] = cut[parentNode[n]] || (valveClosed[e] && isBridge[e]) ? 1 : 0;
  }
}

/**
 * The main plant's inlet (°C): the return arriving (T_r) mixed by enthalpy with leakKgS of make-up water at
 * makeUpC, within the plant's flow plantKgS.
 */
export function makeUpInletC(returnC: number, plantKgS: number, leakKgS: number, makeUpC: number): number {
  if (!(plantKgS > 0) || !(leakKgS > 0)) return returnC;
  const m = Math.min(leakKgS, plantKgS);
  const h = (plantKgS - m) * waterEnthalpyJPerKg(returnC) + m * waterEnthalpyJPerKg(makeUpC);
  return waterTemperatureFromEnthalpyC(h / plantKgS);
}
