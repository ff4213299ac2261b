/**
 * The simulation engine: `stepSimulation(sim, inputs, dt)` advances the whole city by dt seconds. Pure and
 * deterministic: it reads the compiled model, the operator inputs and its own state, and writes results into
 * preallocated arrays; no I/O, no timers, no wall clock, no allocation per step per element.
 *
 * Order of one step (explicit coupling, each stage using the freshest values it can):
 *  1. exogenous: weather, ground temperature, spot price, supply set-point, waste-heat sources;
 *  2. buildings ask for space heat and hot water; prosumers plan their own heat pump;
 *  3. substations turn the rest into primary flow and return temperature, with the supply temperature that
 *     reached each building in the last step (the water at the substation);
 *  4. dispatch allocates the heat the plants must add to that flow; units step (start-up, ramps, trips);
 *  5. hydraulics: mass flows and pressure drops for the withdrawals (the main plant balances);
 *  6. return network transport (substations feed it) gives the plants' return temperature this step;
 *  7. plants and prosumers settle their outlet temperature from the heat actually made;
 *  8. supply network transport (plants feed it) gives the supply temperature at every building;
 *  9. each building gets m·c_p·(T_supply - T_return) and its indoor temperature moves;
 * 10. the pump holds the differential pressure at the worst-placed consumer; the ledger books it all.
 */
import { WATER_CP_J_PER_KG_K, DH_WATER } from './water';
import { DAY_S, HOUR_S } from './calendar';
import type { CompiledModel } from './compile';
import { supplySetpointC } from './control/supplyCurve';
import { createDispatcher, dispatch } from './control/dispatch';
import { createBuildingState, spaceHeatDemandW, advanceIndoor } from './consumers/buildings';
import { dhwDemandW } from './consumers/dhw';
import { solveSubstations } from './consumers/substation';
import { createProsumer, planProsumer, runProsumer, settleProsumer } from './consumers/prosumer';
import { createHydraulicSolver } from './network/hydraulics';
import { createPlugFlow } from './network/plugFlow';
import { ENGINE_HYDRAULICS, ENGINE_PLUG_FLOW } from './engineSettings';
import { createHydraulicHealth, recordHydraulicHealth } from './hydraulicHealth';
import { createPumpResult } from './network/pump';
import {
  openBypasses,
  runPump,
  solveHydraulics,
  transportReturn,
  transportSupply,
} from './networkStages';
import { createPlants, prepareUnits, settlePlant, stepProductionUnits } from './plant/plants';
import { createSourceOutput, evaluateSource } from './sources';
import { groundTemperatureC } from './weather/ground';
import { sampleWeather } from './weather/series';
import { samplePrice } from './market/electricityPrice';
import { createOperatorInputs as createInputs, type OperatorInputs } from './operator';
import { bookStep } from './bookkeeping';
import { createCostFactors } from './costFactors';
import { createLedger, summarize, type LedgerSummary } from './ledger';
import { bookDistricts, createDistrictAccounts, startDistrictAccounts, summarizeDistricts } from './districts';
import type { Simulation } from './simulation';

export type { Simulation };

export interface SimulationOptions {
  /** Simulation time of the first step (s, see calendar.ts). */
  startS: number;
  /**
   * Seed of the run. Every stochastic input is drawn when the scenario is compiled, so this must be the seed the
   * model was compiled with (the default); another one is refused rather than silently ignored.
   */
  seed?: number;
  /** Newton iteration cap of each step's loop solve (default: the solver's 50). */
  hydraulicMaxIterations?: number;
}

export function createOperatorInputs(model: CompiledModel): OperatorInputs {
  return createInputs(countUnits(model));
}

function countUnits(model: CompiledModel): number {
  return model.scenario.plants.reduce((n, p) => n + p.units.length, 0);
}

export function createSimulation(model: CompiledModel, options: SimulationOptions): Simulation {
  if (options.seed !== undefined && options.seed !== model.seed) {
    throw new Error(`seed: ${options.seed} differs from the seed the scenario was compiled with (${model.seed})`);
  }
  const { topology, scenario } = model;
  const nb = model.buildings.count;
  const nn = topology.nodeCount;
  const { plants, units } = createPlants(scenario, model.nodeIndex, model.sourceIndex);
  const startSupplyC = supplySetpointC(model.supplyCurve, 0);
  const startReturnC = 45;
  const supply = createPlugFlow(topology, DH_WATER, startSupplyC, ENGINE_PLUG_FLOW);
  const ret = createPlugFlow(topology, DH_WATER, startReturnC, ENGINE_PLUG_FLOW);
  const consumerNodes = Int32Array.from(new Set(Array.from(model.buildingNode).filter((n) => n >= 0)));
  const sim: Simulation = {
    model,
    timeS: options.startS,
    stepIndex: 0,
    weather: { temperatureC: 0, ghiWm2: 0, windMs: 0 },
    outdoorC: 0,
    groundC: 0,
    electricityPriceEurPerMWh: 0,
    supplySetpointC: startSupplyC,
    sources: model.sources.map(() => createSourceOutput()),
    buildings: createBuildingState(model.buildings),
    spaceDemandW: new Float64Array(nb),
    dhwDemandW: new Float64Array(nb),
    demandW: new Float64Array(nb),
    deliveredW: new Float64Array(nb),
    unmetW: new Float64Array(nb),
    substationFlowKgS: new Float64Array(nb),
    substationReturnC: new Float64Array(nb).fill(startReturnC),
    hydraulics: createHydraulicSolver(topology, DH_WATER, {
      ...ENGINE_HYDRAULICS,
      rootNode: model.rootNode,
      maxIterations: options.hydraulicMaxIterations,
    }),
    hydraulicHealth: createHydraulicHealth(),
    supply,
    return: ret,
    pump: createPumpResult(),
    pumpSpec: {
      dpSetpointPa: scenario.network.dpSetpointPa,
      pumpMaxHeadPa: scenario.network.pumpMaxHeadPa,
      pumpEfficiency: scenario.network.pumpEfficiency,
      plantDpPa: 0,
    },
    plants,
    units,
    prosumers: model.prosumers.map(createProsumer),
    ledger: createLedger(),
    districts: createDistrictAccounts(
      scenario,
      topology,
      model.nodeIndex,
      model.buildingNode,
      model.prosumers.map((p) => p.node),
      plants.map((p) => p.node),
    ),
    initialPipeHeatJ: supply.storedHeatJ(0) + ret.storedHeatJ(0),
    netSpaceW: new Float64Array(nb),
    netDemandW: new Float64Array(nb),
    deliveredSpaceW: new Float64Array(nb),
    substationDeliveredW: new Float64Array(nb),
    substationSpaceW: new Float64Array(nb),
    buildingSupplyC: new Float64Array(nb),
    nodeWithdrawalKgS: new Float64Array(nn),
    supplyInjectionKgS: new Float64Array(nn),
    supplyInjectionC: new Float64Array(nn),
    returnInjectionKgS: new Float64Array(nn),
    returnInjectionC: new Float64Array(nn),
    returnFlowKgS: new Float64Array(topology.pipeCount),
    pathDropPa: new Float64Array(nn),
    consumerNodes,
    mainPlant: plants.find((p) => p.isMain)!,
    dispatcher: createDispatcher(
      units.map((u) => u.dispatch),
      plants.map((p) => p.dispatch),
    ),
    dispatchInputs: {
      supplySetpointC: startSupplyC,
      networkFlowKgS: 0,
      cpJPerKgK: WATER_CP_J_PER_KG_K,
      storageValueEurPerMWh: 0,
      storageMode: 'auto',
    },
    prosumerConditions: { timeS: 0, outdoorC: 0, ghiWm2: 0, supplySetpointC: startSupplyC, powerAvailable: true },
    unitConditions: {
      supplySetpointC: startSupplyC,
      outdoorC: 0,
      electricityEurPerMWh: 0,
      fuelCostEurPerMWh: {},
      sourceOutputs: [],
      sourceTakenW: new Float64Array(model.sources.length),
      dtS: 60,
    },
    costs: createCostFactors(scenario),
    priceDayS: NaN,
    priceDayMeanEurPerMWh: 0,
  };
  sim.unitConditions.sourceOutputs = sim.sources;
  sim.unitConditions.fuelCostEurPerMWh = sim.costs.fuelCostEurPerMWh;
  for (const p of plants) p.returnC = startReturnC;
  if (sim.districts) startDistrictAccounts(sim.districts, supply, ret);
  return sim;
}

export function stepSimulation(sim: Simulation, inputs: OperatorInputs, dtS: number): void {
  const t = sim.timeS;
  updateExogenous(sim, inputs, t);
  demandAndSubstations(sim, inputs, t, dtS);
  const networkFlowKgS = runProsumers(sim, dtS);
  dispatchPlants(sim, inputs, networkFlowKgS, dtS);
  solveHydraulics(sim);
  transportReturn(sim, dtS);
  for (const plant of sim.plants) {
    settlePlant(plant, sim.return.nodeC[plant.node], sim.supplySetpointC, inputs.storageMode, dtS);
  }
  for (const p of sim.prosumers) settleProsumer(p, sim.return.nodeC[p.node], sim.supplySetpointC);
  transportSupply(sim, dtS);
  recordHydraulicHealth(sim.hydraulicHealth, sim.hydraulics, sim.supply, sim.return);
  deliverHeat(sim, t, dtS);
  runPump(sim);
  bookStep(sim, dtS);
  if (sim.districts) bookDistricts(sim.districts, sim, dtS);
  sim.timeS = t + dtS;
  sim.stepIndex++;
}

function updateExogenous(sim: Simulation, inputs: OperatorInputs, t: number): void {
  const { model } = sim;
  sampleWeather(model.weather, t, sim.weather);
  sim.outdoorC = sim.weather.temperatureC;
  sim.groundC = groundTemperatureC(model.scenario.ground, t);
  sim.electricityPriceEurPerMWh = samplePrice(model.electricityPrice, t);
  sim.supplySetpointC = supplySetpointC(model.supplyCurve, sim.outdoorC, inputs.supplyOffsetK, inputs.supplyOverrideC);
  for (let i = 0; i < model.sources.length; i++) {
    evaluateSource(model.sources[i], t, sim.outdoorC, sim.weather.ghiWm2, sim.sources[i]);
  }
}

function demandAndSubstations(sim: Simulation, inputs: OperatorInputs, t: number, dtS: number): void {
  const { model } = sim;
  const b = model.buildings;
  spaceHeatDemandW(b, sim.buildings, sim.outdoorC, sim.weather.ghiWm2, t, sim.spaceDemandW);
  dhwDemandW(b, t, sim.dhwDemandW);
  const node = model.buildingNode;
  const supplyC = sim.supply.nodeC;
  for (let i = 0; i < b.count; i++) {
    const connected = node[i] >= 0;
    const demand = connected ? sim.spaceDemandW[i] + sim.dhwDemandW[i] : 0;
    sim.demandW[i] = demand;
    sim.netDemandW[i] = demand;
    sim.netSpaceW[i] = connected ? sim.spaceDemandW[i] : 0;
    sim.buildingSupplyC[i] = connected ? supplyC[node[i]] : 0;
  }
  const pc = sim.prosumerConditions;
  pc.timeS = t;
  pc.outdoorC = sim.outdoorC;
  pc.ghiWm2 = sim.weather.ghiWm2;
  pc.supplySetpointC = sim.supplySetpointC;
  pc.powerAvailable = inputs.gridPowerAvailable;
  for (const p of sim.prosumers) {
    planProsumer(p, sim.return.nodeC[p.node], sim.demandW[p.building], pc, dtS);
    sim.netDemandW[p.building] -= p.ownPlanW;
    sim.netSpaceW[p.building] = Math.max(0, sim.netSpaceW[p.building] - p.ownPlanW);
  }
  solveSubstations(
    model.substations,
    sim.buildingSupplyC,
    sim.pump.flowFactor,
    sim.netDemandW,
    sim.netSpaceW,
    sim.substationFlowKgS,
    sim.substationReturnC,
    sim.substationDeliveredW,
    sim.substationSpaceW,
  );
  openBypasses(sim);
}

/** Runs the prosumers' heat pumps; returns the net flow the network draws from the plants (kg/s). */
function runProsumers(sim: Simulation, dtS: number): number {
  const cp = WATER_CP_J_PER_KG_K;
  let consumerFlow = 0;
  for (let i = 0; i < sim.substationFlowKgS.length; i++) consumerFlow += sim.substationFlowKgS[i];
  // Exports may replace up to 90 % of what the consumers draw, so the main plant always keeps some flow.
  let exportedKgS = 0;
  for (const p of sim.prosumers) {
    const liftK = Math.max(1, sim.supplySetpointC - sim.return.nodeC[p.node]);
    runProsumer(p, sim.demandW[p.building], (0.9 * consumerFlow - exportedKgS) * cp * liftK, dtS);
    exportedKgS += p.exportFlowKgS;
  }
  return consumerFlow - exportedKgS;
}

function dispatchPlants(sim: Simulation, inputs: OperatorInputs, networkFlowKgS: number, dtS: number): void {
  const c = sim.unitConditions;
  c.supplySetpointC = sim.supplySetpointC;
  c.outdoorC = sim.outdoorC;
  c.electricityEurPerMWh = sim.electricityPriceEurPerMWh + sim.costs.electricityFeeEurPerMWh;
  c.dtS = dtS;
  prepareUnits(sim.units, sim.plants, inputs, c);
  for (const plant of sim.plants) plant.dispatch.returnC = plant.returnC;
  const d = sim.dispatchInputs;
  d.supplySetpointC = sim.supplySetpointC;
  d.networkFlowKgS = networkFlowKgS;
  d.storageValueEurPerMWh = storageValue(sim);
  d.storageMode = inputs.storageMode;
  dispatch(sim.dispatcher, d);
  stepProductionUnits(sim.units, c);
}

/**
 * Value of stored heat today: the day's mean electricity cost (day-ahead prices are known) divided by the
 * best COP among the main plant's available heat pumps, or the cheapest main unit's cost if it has none.
 */
function storageValue(sim: Simulation): number {
  const dayStart = Math.floor(sim.timeS / DAY_S) * DAY_S;
  if (dayStart !== sim.priceDayS) {
    let sum = 0;
    for (let h = 0; h < 24; h++) sum += samplePrice(sim.model.electricityPrice, dayStart + h * HOUR_S);
    sim.priceDayS = dayStart;
    sim.priceDayMeanEurPerMWh = sum / 24;
  }
  const mean = sim.priceDayMeanEurPerMWh + sim.costs.electricityFeeEurPerMWh;
  let bestCop = 0;
  let cheapest = Infinity;
  for (const u of sim.units) {
    if (!sim.plants[u.plant].isMain || u.kind === 'storage' || u.dispatch.availableW <= 0) continue;
    if (u.kind === 'heatPump') bestCop = Math.max(bestCop, sim.unitConditions.electricityEurPerMWh / u.dispatch.costEurPerMWh);
    cheapest = Math.min(cheapest, u.dispatch.costEurPerMWh);
  }
  return bestCop > 0 ? mean / bestCop : cheapest;
}

/** Heat each building actually received this step and its indoor temperature response. */
function deliverHeat(sim: Simulation, t: number, dtS: number): void {
  const cp = WATER_CP_J_PER_KG_K;
  const node = sim.model.buildingNode;
  const supplyC = sim.supply.nodeC;
  sim.deliveredSpaceW.fill(0);
  for (let i = 0; i < node.length; i++) {
    const m = sim.substationFlowKgS[i];
    const got = node[i] >= 0 && m > 0 ? m * cp * (supplyC[node[i]] - sim.substationReturnC[i]) : 0;
    sim.deliveredW[i] = got;
    const planned = sim.substationDeliveredW[i];
    // The substation planned with last step's supply temperature; the space share scales with what arrived.
    sim.deliveredSpaceW[i] = planned > 0 ? (sim.substationSpaceW[i] * got) / planned : 0;
  }
  for (const p of sim.prosumers) {
    sim.deliveredW[p.building] += p.ownW;
    sim.deliveredSpaceW[p.building] += Math.min(p.ownW, sim.spaceDemandW[p.building]);
  }
  for (let i = 0; i < node.length; i++) {
    const unmet = sim.demandW[i] - sim.deliveredW[i];
    sim.unmetW[i] = unmet > 0 ? unmet : 0;
  }
  advanceIndoor(sim.model.buildings, sim.buildings, sim.deliveredSpaceW, sim.outdoorC, sim.weather.ghiWm2, t, dtS);
}

/** The run's totals, with the change of heat held in the pipes since the start. */
export function summarizeSimulation(sim: Simulation): LedgerSummary {
  sim.ledger.pipeContentChangeJ = sim.supply.storedHeatJ(0) + sim.return.storedHeatJ(0) - sim.initialPipeHeatJ;
  const summary = summarize(sim.ledger);
  if (sim.districts) summary.districts = summarizeDistricts(sim.districts, sim.supply, sim.return);
  return summary;
}
