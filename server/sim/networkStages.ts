/**
 * The network stages of an engine step: the bypass flows at the substations (summer bypass, faults), the
 * hydraulic solve for the step's withdrawals, plug-flow transport through the return and then the supply pipes,
 * and the circulation pump holding the differential pressure at the worst-placed consumer. Equations and units
 * are in the modules they call (network/hydraulics.ts, network/plugFlow.ts, network/pump.ts); the order is
 * explained in engine.ts.
 */
import type { Simulation } from './simulation';
import { circulationPump, findWorstConsumer } from './network/pump';
import { DH_WATER } from './water';

/**
 * Flows that pass a substation to the return unchanged in temperature (at the supply T_s reaching it), so its
 * return becomes the mix (m·T_r + m_bp·T_s)/(m + m_bp) and the heat delivered, m·c_p·(T_s - T_r), is unchanged:
 * - a faulty substation's short circuit (substationFaults.ts), scaled like the consumer flows by the share of
 *   design flow the pump's differential pressure allows;
 * - the thermostatic summer bypass: where the supply is colder than bypassC, at least bypassShare of the
 *   design flow goes through.
 */
export function openBypasses(sim: Simulation): void {
  const { bypassC, bypassShare } = sim.model.scenario.network;
  const design = sim.model.substations.designMassFlowKgS;
  const shortCircuit = sim.model.shortCircuitKgS;
  const dpShare = Math.min(1, sim.pump.flowFactor);
  const node = sim.model.buildingNode;
  const flow = sim.substationFlowKgS;
  const ret = sim.substationReturnC;
  for (let i = 0; i < flow.length; i++) {
    if (node[i] < 0) continue;
    const ts = sim.buildingSupplyC[i];
    const leak = shortCircuit[i] * dpShare;
    const extra = ts < bypassC ? Math.max(leak, bypassShare * design[i] - flow[i]) : leak;
    if (!(extra > 0)) continue;
    ret[i] = (flow[i] * ret[i] + extra * ts) / (flow[i] + extra);
    flow[i] += extra;
  }
}

export function solveHydraulics(sim: Simulation): void {
  const w = sim.nodeWithdrawalKgS;
  w.fill(0);
  const node = sim.model.buildingNode;
  for (let i = 0; i < node.length; i++) if (node[i] >= 0) w[node[i]] += sim.substationFlowKgS[i];
  for (const p of sim.prosumers) w[p.node] -= p.exportFlowKgS;
  for (const plant of sim.plants) {
    if (plant.isMain) continue;
    plant.flowKgS = plant.dispatch.flowKgS;
    w[plant.node] -= plant.flowKgS;
  }
  sim.hydraulics.solve(w);
  sim.mainPlant.flowKgS = Math.max(0, sim.hydraulics.rootSupplyKgS);
}

export function transportReturn(sim: Simulation, dtS: number): void {
  const inj = sim.returnInjectionKgS;
  const injC = sim.returnInjectionC;
  inj.fill(0);
  injC.fill(0);
  const node = sim.model.buildingNode;
  for (let i = 0; i < node.length; i++) {
    const m = sim.substationFlowKgS[i];
    if (node[i] < 0 || m <= 0) continue;
    inj[node[i]] += m;
    injC[node[i]] += m * sim.substationReturnC[i];
  }
  const consumers = sim.consumerNodes;
  for (let c = 0; c < consumers.length; c++) {
    const n = consumers[c];
    if (inj[n] > 0) injC[n] /= inj[n];
  }
  const flow = sim.hydraulics.massFlowKgS;
  const back = sim.returnFlowKgS;
  for (let p = 0; p < flow.length; p++) back[p] = -flow[p];
  sim.return.step(back, inj, injC, sim.groundC, dtS);
}

export function transportSupply(sim: Simulation, dtS: number): void {
  const inj = sim.supplyInjectionKgS;
  const injC = sim.supplyInjectionC;
  inj.fill(0);
  injC.fill(0);
  for (const plant of sim.plants) {
    if (plant.flowKgS <= 0) continue;
    inj[plant.node] += plant.flowKgS;
    injC[plant.node] += plant.flowKgS * plant.outletC;
  }
  for (const p of sim.prosumers) {
    if (p.exportFlowKgS <= 0) continue;
    inj[p.node] += p.exportFlowKgS;
    injC[p.node] += p.exportFlowKgS * p.exportC;
  }
  for (let n = 0; n < inj.length; n++) injC[n] = inj[n] > 0 ? injC[n] / inj[n] : 0;
  sim.supply.step(sim.hydraulics.massFlowKgS, inj, injC, sim.groundC, dtS);
}

export function runPump(sim: Simulation): void {
  findWorstConsumer(sim.hydraulics.graph, sim.hydraulics.dpPa, sim.consumerNodes, sim.pathDropPa, sim.pump);
  circulationPump(sim.pumpSpec, sim.mainPlant.flowKgS, DH_WATER.densityKgM3, sim.pump);
}
