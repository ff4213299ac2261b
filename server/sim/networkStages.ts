/**
 * The network stages of an engine step: the bypass flows at the substations (summer bypass, faults), the
 * hydraulic solve for the step's withdrawals, plug-flow transport through the return and then the supply pipes,
 * and the circulation pump holding the differential pressure at the worst-placed consumer. Each stage takes the
 * arrays and solvers it reads and writes; equations and units are in the modules they call
 * (network/hydraulics.ts, network/plugFlow.ts, network/pump.ts); the order is explained in engine.ts.
 */
import type { CompiledModel } from './compile';
import type { Prosumer } from './consumers/prosumer';
import type { HydraulicSolver } from './network/hydraulics';
import type { PlugFlow } from './network/plugFlow';
import { circulationPump, findWorstConsumer, type PumpResult, type PumpSpec } from './network/pump';
import type { Plant } from './plant/plants';
import { DH_WATER } from './water';

/** The substations' primary side this step, per building: flow (kg/s) and return temperature (°C). */
export interface SubstationFlows {
  flowKgS: Float64Array;
  returnC: Float64Array;
}

/**
 * Flows that pass a substation to the return unchanged in temperature (at the supply T_s reaching it), so its
 * return becomes the mix (m·T_r + m_bp·T_s)/(m + m_bp) and the heat delivered, m·c_p·(T_s - T_r), is unchanged:
 * - a faulty substation's short circuit (substationFaults.ts), scaled like the consumer flows by the share of
 *   design flow the pump's differential pressure allows (`flowFactor`);
 * - the thermostatic summer bypass: where the supply is colder than bypassC, at least bypassShare of the
 *   design flow goes through.
 */
export function openBypasses(
  model: CompiledModel,
  buildingSupplyC: Float64Array,
  flowFactor: number,
  substations: SubstationFlows,
): void {
  const { bypassC, bypassShare } = model.scenario.network;
  const design = model.substations.designMassFlowKgS;
  const shortCircuit = model.shortCircuitKgS;
  const dpShare = Math.min(1, flowFactor);
  const node = model.buildingNode;
  const flow = substations.flowKgS;
  const ret = substations.returnC;
  for (let i = 0; i < flow.length; i++) {
    if (node[i] < 0) continue;
    const ts = buildingSupplyC[i];
    const leak = shortCircuit[i] * dpShare;
    const extra = ts < bypassC ? Math.max(leak, bypassShare * design[i] - flow[i]) : leak;
    if (!(extra > 0)) continue;
    ret[i] = (flow[i] * ret[i] + extra * ts) / (flow[i] + extra);
    flow[i] += extra;
  }
}

/**
 * Mass flows for the step's withdrawals: substations draw, prosumer exports and satellite plants feed in
 * (their dispatched flow), the main plant at the root balances. `withdrawalKgS` is per-node scratch.
 */
export function solveHydraulics(
  solver: HydraulicSolver,
  buildingNode: Int32Array,
  substationFlowKgS: Float64Array,
  prosumers: ReadonlyArray<Prosumer>,
  plants: ReadonlyArray<Plant>,
  mainPlant: Plant,
  withdrawalKgS: Float64Array,
): void {
  const w = withdrawalKgS;
  w.fill(0);
  const node = buildingNode;
  for (let i = 0; i < node.length; i++) if (node[i] >= 0) w[node[i]] += substationFlowKgS[i];
  for (const p of prosumers) w[p.node] -= p.exportFlowKgS;
  for (const plant of plants) {
    if (plant.isMain) continue;
    plant.flowKgS = plant.dispatch.flowKgS;
    w[plant.node] -= plant.flowKgS;
  }
  solver.solve(w);
  mainPlant.flowKgS = Math.max(0, solver.rootSupplyKgS);
}

/** Per-node and per-pipe scratch of one transport stage. */
export interface TransportScratch {
  injectionKgS: Float64Array;
  injectionC: Float64Array;
}

/**
 * Return water: the substations feed it at their nodes (mixed by flow), it flows against the supply's pipe
 * flows (`returnFlowKgS` is per-pipe scratch for them).
 */
export function transportReturn(
  ret: PlugFlow,
  supplyMassFlowKgS: Float64Array,
  buildingNode: Int32Array,
  consumerNodes: Int32Array,
  substations: SubstationFlows,
  scratch: TransportScratch,
  returnFlowKgS: Float64Array,
  groundC: number,
  dtS: number,
): void {
  const inj = scratch.injectionKgS;
  const injC = scratch.injectionC;
  inj.fill(0);
  injC.fill(0);
  const node = buildingNode;
  for (let i = 0; i < node.length; i++) {
    const m = substations.flowKgS[i];
    if (node[i] < 0 || m <= 0) continue;
    inj[node[i]] += m;
    injC[node[i]] += m * substations.returnC[i];
  }
  for (let c = 0; c < consumerNodes.length; c++) {
    const n = consumerNodes[c];
    if (inj[n] > 0) injC[n] /= inj[n];
  }
  const back = returnFlowKgS;
  for (let p = 0; p < supplyMassFlowKgS.length; p++) back[p] = -supplyMassFlowKgS[p];
  ret.step(back, inj, injC, groundC, dtS);
}

/** Supply water: plants and prosumer exports feed it at their nodes (mixed by flow). */
export function transportSupply(
  supply: PlugFlow,
  supplyMassFlowKgS: Float64Array,
  plants: ReadonlyArray<Plant>,
  prosumers: ReadonlyArray<Prosumer>,
  scratch: TransportScratch,
  groundC: number,
  dtS: number,
): void {
  const inj = scratch.injectionKgS;
  const injC = scratch.injectionC;
  inj.fill(0);
  injC.fill(0);
  for (const plant of plants) {
    if (plant.flowKgS <= 0) continue;
    inj[plant.node] += plant.flowKgS;
    injC[plant.node] += plant.flowKgS * plant.outletC;
  }
  for (const p of prosumers) {
    if (p.exportFlowKgS <= 0) continue;
    inj[p.node] += p.exportFlowKgS;
    injC[p.node] += p.exportFlowKgS * p.exportC;
  }
  for (let n = 0; n < inj.length; n++) injC[n] = inj[n] > 0 ? injC[n] / inj[n] : 0;
  supply.step(supplyMassFlowKgS, inj, injC, groundC, dtS);
}

/** The pump's head and flow factor for the main plant's flow; `pathDropPa` is per-node scratch. */
export function runPump(
  solver: HydraulicSolver,
  consumerNodes: Int32Array,
  pathDropPa: Float64Array,
  spec: PumpSpec,
  mainPlantFlowKgS: number,
  pump: PumpResult,
): void {
  findWorstConsumer(solver.graph, solver.dpPa, consumerNodes, pathDropPa, pump);
  circulationPump(spec, mainPlantFlowKgS, DH_WATER.densityKgM3, pump);
}
