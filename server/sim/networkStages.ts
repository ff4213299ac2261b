/**
 * The network stages of an engine step: the bypass flows at the substations (summer bypass, faults), the
 * hydraulic solves of the supply and of the return for the step's withdrawals, plug-flow transport through the
 * return and then the supply pipes, and the circulation pump holding the differential pressure at the
 * worst-placed consumer. Each stage takes the
 * arrays and solvers it reads and writes; equations and units are in the modules they call
 * (network/hydraulics.ts, network/plugFlow.ts, network/pump.ts); the order is explained in engine.ts.
 */
import type { CompiledModel } from './compile';
import type { Prosumer } from './consumers/prosumer';
import type { HydraulicSolver } from './network/hydraulics';
import type { PlugFlow } from './network/plugFlow';
import { circulationPump, findWorstConsumer, type PumpResult, type PumpSpec } from './network/pump';
import type { Plant } from './plant/plants';
import { makeUpInletC } from './network/pressureHolding';
import { waterDensityKgM3, waterEnthalpyJPerKg, waterTemperatureFromEnthalpyC } from './water';

/** The substations' primary side this step, per building: flow (kg/s) and return temperature (°C). */
export interface SubstationFlows {
  flowKgS: Float64Array;
  returnC: Float64Array;
}

/**
 * Flows that pass a substation to the return unchanged in temperature (at the supply T_s reaching it), so its
 * return becomes the mix by enthalpy, h = (m·h(T_r) + m_bp·h(T_s))/(m + m_bp), and the heat delivered,
 * m·(h(T_s) - h(T_r)), is unchanged:
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
    ret[i] = waterTemperatureFromEnthalpyC((flow[i] * waterEnthalpyJPerKg(ret[i]) + extra * waterEnthalpyJPerKg(ts)) / (flow[i] + extra));
    flow[i] += extra;
  }
}

/**
 * Substations behind closed section valves (`cutNode`) get no water: no flow, no bypass, no heat planned, so
 * their buildings' whole request goes unmet. Returns how many connected buildings are cut off.
 */
export function closeCutSubstations(
  buildingNode: Int32Array,
  cutNode: Uint8Array,
  substations: SubstationFlows,
  substationDeliveredW: Float64Array,
  substationSpaceW: Float64Array,
): number {
  let cutOff = 0;
  for (let i = 0; i < buildingNode.length; i++) {
    const n = buildingNode[i];
    if (n < 0 || !cutNode[n]) continue;
    substations.flowKgS[i] = 0;
    substationDeliveredW[i] = 0;
    substationSpaceW[i] = 0;
    cutOff++;
  }
  return cutOff;
}

/**
 * The return each plant expects this step, for its dispatch and its units' conditions: the water the return
 * would bring to its node over the step at its last flows, with this step's substation returns
 * (`returnInjection`, from returnInjections) fed in (PlugFlow.arrivingC). The plant settles on what does arrive;
 * dispatching on the water of the last step instead would leave the storage a gap that grows with the step (the
 * return's drift over one step) and cycle it for nothing.
 */
export function forecastPlantReturns(
  ret: PlugFlow,
  returnMassFlowKgS: Float64Array,
  returnInjection: TransportScratch,
  plants: ReadonlyArray<Plant>,
  makeUp: MakeUpFeed,
  groundC: number,
  dtS: number,
): void {
  const { injectionKgS, injectionC } = returnInjection;
  for (const plant of plants) {
    const arrivingC = ret.arrivingC(plant.node, returnMassFlowKgS, injectionKgS, injectionC, groundC, dtS);
    plant.dispatch.returnC = plant.isMain
      ? makeUpInletC(arrivingC, makeUp.plantKgS, makeUp.leakKgS, makeUp.temperatureC)
      : arrivingC;
  }
}

/** The make-up water the main plant takes in: the leak it replaces (kg/s) at its temperature, within a flow. */
export interface MakeUpFeed {
  plantKgS: number;
  leakKgS: number;
  temperatureC: number;
}

/** The supply and the return network's hydraulic solvers. */
export interface NetworkHydraulics {
  supply: HydraulicSolver;
  return: HydraulicSolver;
}

/** Where water leaves the supply through a leak: its node (-1: none) and rate (kg/s). */
export interface LeakWithdrawal {
  node: number;
  kgS: number;
}

/**
 * Mass flows for the step's withdrawals: substations draw, prosumer exports and satellite plants feed in
 * (their dispatched flow; none behind a closed section valve, `cutNode`), a leak draws from the supply alone,
 * the main plant at the root balances. The return takes in what the supply hands out to the substations and
 * hands the plants what they feed in (the same node balances with the other sign, the leak's water lost); each
 * network's pipes carry water of the temperatures its transport left last step, so each gets its own drops, and
 * in loops its own flows. `withdrawalKgS` and `returnWithdrawalKgS` are per-node scratch.
 */
export function solveHydraulics(
  networks: NetworkHydraulics,
  supplyNodeC: Float64Array,
  returnNodeC: Float64Array,
  buildingNode: Int32Array,
  substationFlowKgS: Float64Array,
  prosumers: ReadonlyArray<Prosumer>,
  plants: ReadonlyArray<Plant>,
  mainPlant: Plant,
  cutNode: Uint8Array,
  leak: LeakWithdrawal,
  withdrawalKgS: Float64Array,
  returnWithdrawalKgS: Float64Array,
): void {
  const w = withdrawalKgS;
  w.fill(0);
  const node = buildingNode;
  for (let i = 0; i < node.length; i++) if (node[i] >= 0) w[node[i]] += substationFlowKgS[i];
  for (const p of prosumers) w[p.node] -= p.exportFlowKgS;
  for (const plant of plants) {
    if (plant.isMain) continue;
    plant.flowKgS = cutNode[plant.node] ? 0 : plant.dispatch.flowKgS;
    w[plant.node] -= plant.flowKgS;
  }
  for (let n = 0; n < w.length; n++) returnWithdrawalKgS[n] = -w[n];
  if (leak.node >= 0) w[leak.node] += leak.kgS;
  networks.supply.setNodeTemperatures(supplyNodeC);
  networks.supply.solve(w);
  networks.return.setNodeTemperatures(returnNodeC);
  networks.return.solve(returnWithdrawalKgS);
  mainPlant.flowKgS = Math.max(0, networks.supply.rootSupplyKgS);
}

/** Per-node and per-pipe scratch of one transport stage. */
export interface TransportScratch {
  injectionKgS: Float64Array;
  injectionC: Float64Array;
}

/** The return's injections this step: the substations feed it at their nodes (mixed by enthalpy). */
export function returnInjections(
  buildingNode: Int32Array,
  consumerNodes: Int32Array,
  substations: SubstationFlows,
  scratch: TransportScratch,
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
    injC[node[i]] += m * waterEnthalpyJPerKg(substations.returnC[i]);
  }
  for (let c = 0; c < consumerNodes.length; c++) {
    const n = consumerNodes[c];
    if (inj[n] > 0) injC[n] = waterTemperatureFromEnthalpyC(injC[n] / inj[n]);
  }
}

/** Return water flows with the return's own flows from the injections returnInjections gathered. */
export function transportReturn(
  ret: PlugFlow,
  returnMassFlowKgS: Float64Array,
  injection: TransportScratch,
  groundC: number,
  dtS: number,
): void {
  ret.step(returnMassFlowKgS, injection.injectionKgS, injection.injectionC, groundC, dtS);
}

/** Supply water: plants and prosumer exports feed it at their nodes (mixed by enthalpy). */
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
    injC[plant.node] += plant.flowKgS * waterEnthalpyJPerKg(plant.outletC);
  }
  for (const p of prosumers) {
    if (p.exportFlowKgS <= 0) continue;
    inj[p.node] += p.exportFlowKgS;
    injC[p.node] += p.exportFlowKgS * waterEnthalpyJPerKg(p.exportC);
  }
  for (let n = 0; n < inj.length; n++) injC[n] = inj[n] > 0 ? waterTemperatureFromEnthalpyC(injC[n] / inj[n]) : 0;
  supply.step(supplyMassFlowKgS, inj, injC, groundC, dtS);
}

/**
 * The pump's head and flow factor for the main plant's flow, from the node pressures of both networks;
 * `supplyPressurePa` and `returnPressurePa` are per-node scratch. The pump moves the water returning to the
 * main plant; consumers cut off behind closed section valves (cutNode) are not its worst point.
 */
export function runPump(
  networks: NetworkHydraulics,
  consumerNodes: Int32Array,
  supplyPressurePa: Float64Array,
  returnPressurePa: Float64Array,
  spec: PumpSpec,
  mainPlant: Plant,
  pump: PumpResult,
  cutNode: Uint8Array,
): void {
  const root = networks.supply.graph.rootNode;
  networks.supply.nodePressurePa(root, 0, supplyPressurePa);
  networks.return.nodePressurePa(root, 0, returnPressurePa);
  findWorstConsumer(root, supplyPressurePa, returnPressurePa, consumerNodes, pump, cutNode);
  circulationPump(spec, mainPlant.flowKgS, waterDensityKgM3(mainPlant.returnC), pump);
}
