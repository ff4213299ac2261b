/**
 * The production stages of an engine step: prosumers run their heat pumps and sell what the export cap allows
 * (control/prosumerExport.ts), the dispatch allocates the heat the plants must add to the network's flow
 * (control/dispatch.ts, stored heat valued by control/storageValue.ts) on the return each plant expects; once
 * the return water has arrived, the units follow it and step (start-up, ramps, trips), and plants and prosumers
 * settle their outlet temperature from the heat actually made. Each stage takes what it reads and writes; the
 * order is explained in engine.ts.
 */
import { dispatch, followReturn, type Dispatcher, type DispatchInputs } from './control/dispatch';
import { EXPORT_SHARE_MAX, prosumerExportCapW } from './control/prosumerExport';
import { dayMeanPrice, storageValueEurPerMWh, type DayMeanPrice } from './control/storageValue';
import { exportInletC, runProsumer, settleProsumer, type Prosumer } from './consumers/prosumer';
import type { CompiledModel } from './compile';
import type { CostFactors } from './costFactors';
import { WASTE_HEAT_FLOW } from './ledger';
import type { OperatorInputs } from './operator';
import type { SimulationOutputs } from './simulation';
import { prepareUnits, settlePlant, stepProductionUnits, type Plant, type PlantUnit, type UnitConditions } from './plant/plants';

/**
 * Runs the prosumers' heat pumps with this step's substation flows at their nodes; returns the net flow the
 * network draws from the plants (kg/s). One behind a closed section valve (`cutNode`) cannot export: what it
 * would have exported is curtailed.
 */
export function runProsumers(
  prosumers: ReadonlyArray<Prosumer>,
  cutNode: Uint8Array,
  substationFlowKgS: Float64Array,
  substationReturnC: Float64Array,
  demandW: Float64Array,
  supplySetpointC: number,
  dtS: number,
): number {
  let consumerFlow = 0;
  for (let i = 0; i < substationFlowKgS.length; i++) consumerFlow += substationFlowKgS[i];
  let exportedKgS = 0;
  for (const p of prosumers) {
    p.water.buildingKgS = substationFlowKgS[p.building];
    p.water.buildingC = substationReturnC[p.building];
    // The cap's heat per kilogram is that of the water the largest export open to it would draw.
    const openKgS = Math.max(0, EXPORT_SHARE_MAX * consumerFlow - exportedKgS);
    const capW = prosumerExportCapW(consumerFlow, exportedKgS, supplySetpointC, exportInletC(p.water, openKgS));
    runProsumer(p, demandW[p.building], cutNode[p.node] ? 0 : capW, dtS);
    if (cutNode[p.node]) {
      p.curtailedW += p.exportW;
      p.exportW = 0;
      p.exportFlowKgS = 0;
    }
    exportedKgS += p.exportFlowKgS;
  }
  return consumerFlow - exportedKgS;
}

/** What the dispatch stage works with: the dispatcher, its inputs, the units' conditions and the price cache. */
export interface DispatchWork {
  dispatcher: Dispatcher;
  inputs: DispatchInputs;
  conditions: UnitConditions;
  dayMeanPrice: DayMeanPrice;
}

/** Time, prices and conditions of the step, as the dispatch reads them. */
export type DispatchMoment = Pick<SimulationOutputs, 'timeS' | 'outdoorC' | 'electricityPriceEurPerMWh'>;

/**
 * Allocates the heat the plants must add to `networkFlowKgS` to reach `outletTargetC` (the set-point, unless a
 * faulty supply transmitter moves it); the units step once the return has arrived.
 */
export function dispatchPlants(
  model: CompiledModel,
  costs: CostFactors,
  units: PlantUnit[],
  plants: Plant[],
  inputs: OperatorInputs,
  moment: DispatchMoment,
  outletTargetC: number,
  networkFlowKgS: number,
  work: DispatchWork,
  dtS: number,
): void {
  const c = work.conditions;
  c.supplySetpointC = outletTargetC;
  c.outdoorC = moment.outdoorC;
  c.electricityEurPerMWh = moment.electricityPriceEurPerMWh + costs.electricityFeeEurPerMWh;
  c.dtS = dtS;
  prepareUnits(units, plants, inputs, c);
  const d = work.inputs;
  d.supplySetpointC = outletTargetC;
  d.networkFlowKgS = networkFlowKgS;
  const meanEurPerMWh = dayMeanPrice(work.dayMeanPrice, model.electricityPrice, moment.timeS) + costs.electricityFeeEurPerMWh;
  d.storageValueEurPerMWh = storageValueEurPerMWh(meanEurPerMWh, c.electricityEurPerMWh, units, plants);
  d.storageMode = inputs.storageMode;
  dispatch(work.dispatcher, d);
}

/**
 * Once the return water has arrived: each plant's units follow the difference between the heat its flow now
 * needs, m·(h(T_target) - h(T_r)) at the return that came, and what the dispatch planned for at the forecast
 * return and planned flow, less what a stuck tank gives (followReturn); they step (start-up, ramps, trips) with
 * that return at their condenser; then plants and prosumers settle their outlet temperatures. The main plant's
 * return is `mainInletC`: the return at its node with the make-up water mixed in (network/pressureHolding.ts).
 */
export function settleProduction(
  units: PlantUnit[],
  plants: ReadonlyArray<Plant>,
  prosumers: ReadonlyArray<Prosumer>,
  returnNodeC: Float64Array,
  mainInletC: number,
  outletTargetC: number,
  supplySetpointC: number,
  inputs: OperatorInputs,
  work: DispatchWork,
  dtS: number,
): void {
  const heat = work.inputs.heatJPerKg;
  for (let p = 0; p < plants.length; p++) {
    const plant = plants[p];
    const returnC = plant.isMain ? mainInletC : returnNodeC[plant.node];
    const flowKgS = plant.flowKgS > 0 ? plant.flowKgS : 0;
    const neededW = flowKgS * Math.max(0, heat(returnC, outletTargetC));
    const plannedW = plant.dispatch.flowKgS * Math.max(0, heat(plant.dispatch.returnC, outletTargetC));
    // A tank whose valve is stuck gives or takes what it is stuck at, whatever the plan.
    let stuckW = 0;
    for (const u of plant.units) if (u.kind === 'storage' && !Number.isNaN(u.state.stuckW)) stuckW += u.state.stuckW;
    followReturn(work.dispatcher, p, neededW - plannedW - stuckW);
    for (const u of plant.units) if (u.kind === 'heatPump') u.cond.sinkInC = returnC;
  }
  stepProductionUnits(units, work.conditions);
  const networkWasteFraction = productionWasteFraction(units, prosumers);
  for (const plant of plants) {
    const returnC = plant.isMain ? mainInletC : returnNodeC[plant.node];
    settlePlant(plant, returnC, outletTargetC, inputs.storageMode, networkWasteFraction, dtS);
  }
  for (const p of prosumers) settleProsumer(p, returnNodeC[p.node], supplySetpointC);
}

/**
 * The waste fraction of the heat the units make this step and the prosumers export (0..1): the mix of the
 * network's water a tank charges from when its own plant makes too little (plants.ts).
 */
function productionWasteFraction(units: ReadonlyArray<PlantUnit>, prosumers: ReadonlyArray<Prosumer>): number {
  let madeW = 0;
  let wasteW = 0;
  for (const u of units) {
    if (u.kind === 'storage') continue;
    madeW += u.heatW;
    if (WASTE_HEAT_FLOW[u.heatFlow] === 1) wasteW += u.heatW;
  }
  for (const p of prosumers) {
    madeW += p.exportW;
    if (WASTE_HEAT_FLOW[p.heatFlow] === 1) wasteW += p.exportW;
  }
  return madeW > 0 ? wasteW / madeW : 0;
}
