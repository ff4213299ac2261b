/**
 * The consumer stages of an engine step: the buildings ask for space heat and hot water, prosumers plan how much
 * of their own demand their heat pump covers, the substations turn the rest into primary flow and return
 * temperature (with the supply temperature that reached each building in the last step: the water at the
 * substation), and at the end of the step each building gets m·(h(T_supply) - h(T_return)) and its indoor
 * temperature moves. Each stage takes the arrays it reads and writes; the order is explained in engine.ts.
 */
import type { CompiledModel } from './compile';
import { advanceIndoor, spaceHeatDemandW, type BuildingState } from './consumers/buildings';
import { dhwDemandW } from './consumers/dhw';
import { planProsumer, type Prosumer, type ProsumerConditions } from './consumers/prosumer';
import { solveSubstations } from './consumers/substation';
import { PHI_MAX, radiatorReturnC } from './consumers/spaceHeatingReturn';
import type { StepOutputs } from './simulation';
import { waterHeatJPerKg } from './water';

/** Per building demand the network must cover, after prosumers' own heat (W): scratch of the step. */
export interface NetDemand {
  netDemandW: Float64Array;
  netSpaceW: Float64Array;
}

export type BuildingDemand = Pick<StepOutputs, 'spaceDemandW' | 'dhwDemandW' | 'demandW' | 'buildingSupplyC'>;

/** Demand of every building at time t, and the supply temperature at its substation now (°C). */
export function askForHeat(
  model: CompiledModel,
  buildings: BuildingState,
  outdoorC: number,
  ghiWm2: number,
  supplyNodeC: Float64Array,
  t: number,
  out: BuildingDemand,
  net: NetDemand,
): void {
  const b = model.buildings;
  spaceHeatDemandW(b, buildings, outdoorC, ghiWm2, t, out.spaceDemandW);
  dhwDemandW(b, t, out.dhwDemandW);
  const node = model.buildingNode;
  for (let i = 0; i < b.count; i++) {
    const connected = node[i] >= 0;
    const demand = connected ? out.spaceDemandW[i] + out.dhwDemandW[i] : 0;
    out.demandW[i] = demand;
    net.netDemandW[i] = demand;
    net.netSpaceW[i] = connected ? out.spaceDemandW[i] : 0;
    out.buildingSupplyC[i] = connected ? supplyNodeC[node[i]] : 0;
  }
}

/** What a prosumer plans with: this step's demand. */
export type ProsumerPlanning = Pick<StepOutputs, 'demandW' | 'spaceDemandW'>;

/**
 * Each prosumer plans its own heat pump for its building's demand; the network covers the rest. The return at
 * its node is the last step's: its building's substation flow and return (which the prosumer keeps from the last
 * step's run, as its state) and the return at the node the main brings water from (`feedNode`, -1 at the root);
 * its own-use water is the radiator return at the building's load.
 */
export function planProsumers(
  model: CompiledModel,
  prosumers: ReadonlyArray<Prosumer>,
  returnNodeC: Float64Array,
  feedNode: Int32Array,
  step: ProsumerPlanning,
  conditions: ProsumerConditions,
  net: NetDemand,
  dtS: number,
): void {
  const s = model.substations;
  for (const p of prosumers) {
    const b = p.building;
    const feed = feedNode[p.node];
    p.water.mainC = returnNodeC[feed >= 0 ? feed : p.node];
    const phi = Math.min(PHI_MAX, step.spaceDemandW[b] * s.invDesignSpaceW[b]);
    const heatingReturnC = radiatorReturnC(s.heatingClass[b], phi > 0 ? phi : 0, s.roomC[b]);
    planProsumer(p, heatingReturnC, step.demandW[b], conditions, dtS);
    net.netDemandW[p.building] -= p.ownPlanW;
    net.netSpaceW[p.building] = Math.max(0, net.netSpaceW[p.building] - p.ownPlanW);
  }
}

export type SubstationResults = Pick<
  StepOutputs,
  'buildingSupplyC' | 'substationFlowKgS' | 'substationReturnC' | 'substationDeliveredW'
>;

/** Primary flow and return of every substation; `substationSpaceW` receives the planned space-heat share. */
export function runSubstations(
  model: CompiledModel,
  flowFactor: number,
  net: NetDemand,
  out: SubstationResults,
  substationSpaceW: Float64Array,
): void {
  solveSubstations(
    model.substations,
    out.buildingSupplyC,
    flowFactor,
    net.netDemandW,
    net.netSpaceW,
    out.substationFlowKgS,
    out.substationReturnC,
    out.substationDeliveredW,
    substationSpaceW,
  );
}

export type HeatDelivery = Pick<
  StepOutputs,
  'spaceDemandW' | 'demandW' | 'deliveredW' | 'unmetW' | 'substationFlowKgS' | 'substationReturnC' | 'substationDeliveredW'
>;

/**
 * Heat each building actually received this step, its indoor temperature response and its unmet heat.
 * `substationSpaceW` holds the substations' planned space-heat share (overwritten); `deliveredSpaceW` is scratch.
 */
export function deliverHeat(
  model: CompiledModel,
  buildings: BuildingState,
  supplyNodeC: Float64Array,
  prosumers: ReadonlyArray<Prosumer>,
  out: HeatDelivery,
  substationSpaceW: Float64Array,
  deliveredSpaceW: Float64Array,
  outdoorC: number,
  ghiWm2: number,
  t: number,
  dtS: number,
): void {
  const node = model.buildingNode;
  deliveredSpaceW.fill(0);
  for (let i = 0; i < node.length; i++) {
    const m = out.substationFlowKgS[i];
    const got = node[i] >= 0 && m > 0 ? m * waterHeatJPerKg(out.substationReturnC[i], supplyNodeC[node[i]]) : 0;
    out.deliveredW[i] = got;
    const planned = out.substationDeliveredW[i];
    // The substation planned with last step's supply temperature; the space share scales with what arrived.
    deliveredSpaceW[i] = planned > 0 ? (substationSpaceW[i] * got) / planned : 0;
  }
  for (const p of prosumers) {
    out.deliveredW[p.building] += p.ownW;
    deliveredSpaceW[p.building] += Math.min(p.ownW, out.spaceDemandW[p.building]);
  }
  // The step's mean space-heat request (advanceIndoor), kept in substationSpaceW now its planned share is spent.
  const meanRequestW = substationSpaceW;
  advanceIndoor(model.buildings, buildings, deliveredSpaceW, outdoorC, ghiWm2, t, dtS, meanRequestW);
  // Unmet heat: what a building asked for that its substation could not plan to give (valve open, supply too
  // cold) or its own heat pump did not make. What arrives differs from the plan by the change of the supply
  // temperature within the step, both ways, and the building's loop repays it in the next step: not unmet.
  // A prosumer's own heat is held in unmetW until its building is booked.
  out.unmetW.fill(0);
  for (const p of prosumers) out.unmetW[p.building] += p.ownW;
  for (let i = 0; i < node.length; i++) {
    const planned = out.substationDeliveredW[i] + out.unmetW[i];
    let unmet = out.demandW[i] - planned;
    if (node[i] >= 0 && unmet > 0) {
      // Short of the request: over the step the request fell as the building warmed, to its mean.
      const space = out.spaceDemandW[i];
      unmet -= space - Math.min(space, Math.max(meanRequestW[i], space - unmet));
    }
    out.unmetW[i] = unmet > 0 ? unmet : 0;
  }
}
