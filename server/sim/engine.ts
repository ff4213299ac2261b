/**
 * The simulation engine: `stepSimulation(sim, inputs, dt)` advances the whole city by dt seconds. Pure and
 * deterministic: it reads the compiled model, the operator inputs and the run's state, and writes the state and
 * the outputs (simulation.ts) in place; no I/O, no timers, no wall clock, no allocation per step per element.
 * Its scratch (arrays reused every step, the dispatcher's work space, caches) is private to this module.
 *
 * Order of one step (explicit coupling, each stage using the freshest values it can), and where each stage lives:
 *  1. exogenous: weather, ground temperature, spot price, supply set-point, waste-heat sources (exogenousStage.ts);
 *     the section valves cut their sections off, and the leak, the make-up and the static pressure follow from
 *     the last step's pressures; low suction stops the circulation pumps (network/pressureHolding.ts);
 *  2. buildings ask for space heat and hot water; prosumers plan their own heat pump (consumerStages.ts);
 *  3. substations turn the rest into primary flow and return temperature, with the supply temperature that
 *     reached each building in the last step (the water at the substation); bypasses open; those cut off get
 *     nothing (consumerStages.ts, networkStages.ts);
 *  4. prosumers run and export within the cap; each plant forecasts the return its pipes will bring it over the
 *     step (networkStages.ts), and dispatch allocates the heat the plants must add to that flow
 *     (plantStages.ts, policies in control/);
 *  5. hydraulics: mass flows and pressure drops of the supply and of the return for the withdrawals (the leak
 *     from the supply alone), each at its own water's temperatures (the main plant balances) (networkStages.ts);
 *  6. return network transport (substations feed it) gives the plants' return temperature this step;
 *  7. the units follow the return that came, with the make-up water mixed into the main plant's, and step
 *     (start-up, ramps, trips), and plants and prosumers settle their outlet temperature from the heat actually
 *     made (plantStages.ts);
 *  8. supply network transport (plants feed it) gives the supply temperature at every building;
 *  9. each building gets m·(h(T_supply) - h(T_return)) (water.ts) and its indoor temperature moves
 *     (consumerStages.ts);
 * 10. the pump holds the differential pressure at the worst-placed consumer, from both networks' pressures
 *     (networkStages.ts); the ledger books
 *     it all (bookkeeping.ts, districts.ts).
 */
import { DH_WATER, waterDensityKgM3, waterEnthalpyJPerKg, waterHeatJPerKg } from './water';
import type { CompiledModel } from './compile';
import { createDispatcher } from './control/dispatch';
import { START_RETURN_C, startSupplyC } from './control/startUp';
import { createDayMeanPrice } from './control/storageValue';
import { countColdBuildings, createBuildingState } from './consumers/buildings';
import { createProsumer, type ProsumerConditions } from './consumers/prosumer';
import { createHydraulicSolver } from './network/hydraulics';
import { createPlugFlow } from './network/plugFlow';
import { availablePumpHeadPa, createPumpResult, type PumpSpec } from './network/pump';
import { ENGINE_HYDRAULICS, ENGINE_PLUG_FLOW } from './engineSettings';
import { createHydraulicHealth, recordHydraulicHealth } from './hydraulicHealth';
import { SENSOR_SUPPLY_TEMPERATURE, SENSOR_WORST_DP, sensorErrorAt, sensorReading } from './malfunctions';
import {
  closeCutSubstations,
  forecastPlantReturns,
  openBypasses,
  returnInjections,
  runPump,
  solveHydraulics,
  transportReturn,
  transportSupply,
  type LeakWithdrawal,
  type MakeUpFeed,
  type SubstationFlows,
  type TransportScratch,
} from './networkStages';
import {
  createLeakPath,
  createPressureHolding,
  holdPressure,
  makeUpInletC,
  markCutNodes,
  pipeFarNode,
  traceLeakPath,
  type LeakPath,
  type PressureHoldingSpec,
} from './network/pressureHolding';
import { askForHeat, deliverHeat, planProsumers, runSubstations, type NetDemand } from './consumerStages';
import { dispatchPlants, runProsumers, settleProduction, type DispatchWork } from './plantStages';
import { updateExogenous } from './exogenousStage';
import { createPlants, type Plant } from './plant/plants';
import { createSourceOutput } from './sources';
import { createOperatorInputs as createInputs, type OperatorInputs } from './operator';
import { bookStep } from './bookkeeping';
import { createCostFactors, type CostFactors } from './costFactors';
import { createLedger, summarize, type LedgerSummary } from './ledger';
import { bookDistricts, createDistrictAccounts, startDistrictAccounts, summarizeDistricts } from './districts';
import type { Simulation, SimulationState, StepOutputs } from './simulation';

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

/**
 * The engine's private part of a simulation: what it derives once from the model and the arrays it reuses
 * every step. None of it is read before the step writes it, so none of it is state.
 */
interface StepScratch {
  outputs: StepOutputs;
  net: NetDemand;
  /** The outputs' substation flow and return arrays, as the network stages take them. */
  substations: SubstationFlows;
  substationSpaceW: Float64Array;
  deliveredSpaceW: Float64Array;
  nodeWithdrawalKgS: Float64Array;
  returnWithdrawalKgS: Float64Array;
  supplyInjection: TransportScratch;
  returnInjection: TransportScratch;
  supplyPressurePa: Float64Array;
  returnPressurePa: Float64Array;
  /** Nodes with at least one connected building, where the pump looks for the worst-placed consumer. */
  consumerNodes: Int32Array;
  /** Per node: 1 when closed section valves cut it off this step. */
  cutNode: Uint8Array;
  leak: LeakWithdrawal;
  leakPath: LeakPath;
  makeUp: MakeUpFeed;
  holdingSpec: PressureHoldingSpec;
  mainPlant: Plant;
  pumpSpec: PumpSpec;
  costs: CostFactors;
  prosumerConditions: ProsumerConditions;
  dispatch: DispatchWork;
}

/** Every simulation's scratch, reachable only from here. */
const scratchOf = new WeakMap<Simulation, StepScratch>();

export function createOperatorInputs(model: CompiledModel): OperatorInputs {
  return createInputs(countUnits(model), model.sources.length, model.topology.pipeCount);
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
  const supplyC = startSupplyC(model.supplyCurve);
  const hydraulicOptions = { ...ENGINE_HYDRAULICS, rootNode: model.rootNode, maxIterations: options.hydraulicMaxIterations };
  const supply = createPlugFlow(topology, DH_WATER, supplyC, ENGINE_PLUG_FLOW);
  const ret = createPlugFlow(topology, DH_WATER, START_RETURN_C, ENGINE_PLUG_FLOW);
  const state: SimulationState = {
    timeS: options.startS,
    stepIndex: 0,
    buildings: createBuildingState(model.buildings),
    supply,
    return: ret,
    hydraulics: {
      supply: createHydraulicSolver(topology, DH_WATER, hydraulicOptions),
      return: createHydraulicSolver(topology, DH_WATER, hydraulicOptions),
    },
    hydraulicHealth: createHydraulicHealth(),
    pump: createPumpResult(),
    pressureHolding: createPressureHolding(scenario.network.staticPressurePa),
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
  };
  for (const p of plants) p.returnC = START_RETURN_C;
  if (state.districts) startDistrictAccounts(state.districts, supply, ret);
  const outputs = createOutputs(model, state, supplyC);
  const costs = createCostFactors(scenario);
  const sim: Simulation = { model, state, outputs };
  scratchOf.set(sim, {
    outputs,
    net: { netDemandW: new Float64Array(nb), netSpaceW: new Float64Array(nb) },
    substations: { flowKgS: outputs.substationFlowKgS, returnC: outputs.substationReturnC },
    substationSpaceW: new Float64Array(nb),
    deliveredSpaceW: new Float64Array(nb),
    nodeWithdrawalKgS: new Float64Array(nn),
    returnWithdrawalKgS: new Float64Array(nn),
    supplyInjection: { injectionKgS: new Float64Array(nn), injectionC: new Float64Array(nn) },
    returnInjection: { injectionKgS: new Float64Array(nn), injectionC: new Float64Array(nn) },
    supplyPressurePa: new Float64Array(nn),
    returnPressurePa: new Float64Array(nn),
    consumerNodes: Int32Array.from(new Set(Array.from(model.buildingNode).filter((n) => n >= 0))),
    cutNode: new Uint8Array(nn),
    leak: { node: -1, kgS: 0 },
    leakPath: createLeakPath(nn),
    makeUp: { plantKgS: 0, leakKgS: 0, temperatureC: scenario.network.makeUp.temperatureC },
    holdingSpec: {
      nominalStaticPressurePa: scenario.network.staticPressurePa,
      minSuctionPressurePa: scenario.network.minSuctionPressurePa,
      makeUpCapacityPerPumpKgS: scenario.network.makeUp.capacityKgS,
    },
    mainPlant: plants.find((p) => p.isMain)!,
    pumpSpec: {
      dpSetpointPa: scenario.network.dpSetpointPa,
      pumpMaxHeadPa: scenario.network.pumpMaxHeadPa,
      pumpEfficiency: scenario.network.pumpEfficiency,
      plantDpPa: 0,
    },
    costs,
    prosumerConditions: { timeS: 0, outdoorC: 0, ghiWm2: 0, supplySetpointC: supplyC, powerAvailable: true },
    dispatch: {
      dispatcher: createDispatcher(
        units.map((u) => u.dispatch),
        plants.map((p) => p.dispatch),
      ),
      inputs: {
        supplySetpointC: supplyC,
        networkFlowKgS: 0,
        heatJPerKg: waterHeatJPerKg,
        storageValueEurPerMWh: 0,
        storageMode: 'auto',
      },
      conditions: {
        supplySetpointC: supplyC,
        outdoorC: 0,
        electricityEurPerMWh: 0,
        fuelCostEurPerMWh: costs.fuelCostEurPerMWh,
        sourceOutputs: outputs.sources,
        sourceTakenW: new Float64Array(model.sources.length),
        dtS: 60,
      },
      dayMeanPrice: createDayMeanPrice(),
    },
  });
  return sim;
}

/** The outputs: arrays the engine writes each step, and read-through views of the state it shows. */
function createOutputs(model: CompiledModel, state: SimulationState, supplySetpointC: number): StepOutputs {
  const nb = model.buildings.count;
  return {
    get timeS() {
      return state.timeS;
    },
    get stepIndex() {
      return state.stepIndex;
    },
    weather: { temperatureC: 0, ghiWm2: 0, windMs: 0 },
    outdoorC: 0,
    groundC: 0,
    electricityPriceEurPerMWh: 0,
    supplySetpointC,
    sources: model.sources.map(() => createSourceOutput()),
    spaceDemandW: new Float64Array(nb),
    dhwDemandW: new Float64Array(nb),
    demandW: new Float64Array(nb),
    deliveredW: new Float64Array(nb),
    unmetW: new Float64Array(nb),
    buildingSupplyC: new Float64Array(nb),
    substationFlowKgS: new Float64Array(nb),
    substationReturnC: new Float64Array(nb).fill(START_RETURN_C),
    substationDeliveredW: new Float64Array(nb),
    get indoorC() {
      return state.buildings.indoorC;
    },
    get massFlowKgS() {
      return state.hydraulics.supply.massFlowKgS;
    },
    get returnMassFlowKgS() {
      return state.hydraulics.return.massFlowKgS;
    },
    get supply() {
      return state.supply;
    },
    get return() {
      return state.return;
    },
    get pump() {
      return state.pump;
    },
    get pressureHolding() {
      return state.pressureHolding;
    },
    pipes: { ids: model.pipeIds, hasSectionValve: state.hydraulics.supply.graph.isBridge },
    get plants() {
      return state.plants;
    },
    get units() {
      return state.units;
    },
    get prosumers() {
      return state.prosumers;
    },
    get ledger() {
      return state.ledger;
    },
    get districts() {
      return state.districts;
    },
    get hydraulicHealth() {
      return state.hydraulicHealth;
    },
    measured: { supplyC: supplySetpointC, worstDpPa: model.scenario.network.dpSetpointPa },
  };
}

function scratch(sim: Simulation): StepScratch {
  const s = scratchOf.get(sim);
  if (!s) throw new Error('simulation: not made by createSimulation');
  return s;
}

export function stepSimulation(sim: Simulation, inputs: OperatorInputs, dtS: number): void {
  const { model, state } = sim;
  const w = scratch(sim);
  const out = w.outputs;
  const t = state.timeS;
  const supplyNodeC = state.supply.nodeC;
  const returnNodeC = state.return.nodeC;

  updateExogenous(model, inputs, t, out);
  const leak = holdNetworkPressure(sim, inputs, w);

  askForHeat(model, state.buildings, out.outdoorC, out.weather.ghiWm2, supplyNodeC, t, out, w.net);
  const pc = w.prosumerConditions;
  pc.timeS = t;
  pc.outdoorC = out.outdoorC;
  pc.ghiWm2 = out.weather.ghiWm2;
  pc.supplySetpointC = out.supplySetpointC;
  pc.powerAvailable = inputs.gridPowerAvailable;
  planProsumers(model, state.prosumers, returnNodeC, state.hydraulics.supply.graph.parentNode, out, pc, w.net, dtS);
  runSubstations(model, state.pump.flowFactor, w.net, out, w.substationSpaceW);
  openBypasses(model, out.buildingSupplyC, state.pump.flowFactor, w.substations);
  const holding = state.pressureHolding;
  holding.consumersCutOff = closeCutSubstations(
    model.buildingNode,
    w.cutNode,
    w.substations,
    out.substationDeliveredW,
    w.substationSpaceW,
  );

  const consumersKgS = runProsumers(
    state.prosumers,
    w.cutNode,
    out.substationFlowKgS,
    out.substationReturnC,
    out.demandW,
    out.supplySetpointC,
    dtS,
  );
  // The plants also make good the water the leak loses.
  const networkFlowKgS = consumersKgS + leak.kgS;
  const makeUp = w.makeUp;
  makeUp.plantKgS = networkFlowKgS;
  makeUp.leakKgS = leak.kgS;
  returnInjections(model.buildingNode, w.consumerNodes, w.substations, w.returnInjection);
  const returnFlowKgS = state.hydraulics.return.massFlowKgS;
  forecastPlantReturns(state.return, returnFlowKgS, w.returnInjection, state.plants, makeUp, out.groundC, dtS);
  // The plants heat until the supply transmitter reads the set-point: a faulty one moves the water's true target.
  const faults = inputs.malfunctions;
  const outletTargetC = out.supplySetpointC - sensorErrorAt(faults, SENSOR_SUPPLY_TEMPERATURE, t);
  dispatchPlants(model, w.costs, state.units, state.plants, inputs, out, outletTargetC, networkFlowKgS, w.dispatch, dtS);

  const networks = state.hydraulics;
  solveHydraulics(
    networks,
    supplyNodeC,
    returnNodeC,
    model.buildingNode,
    out.substationFlowKgS,
    state.prosumers,
    state.plants,
    w.mainPlant,
    w.cutNode,
    leak,
    w.nodeWithdrawalKgS,
    w.returnWithdrawalKgS,
  );
  transportReturn(state.return, networks.return.massFlowKgS, w.returnInjection, out.groundC, dtS);
  const mainInletC = makeUpInletC(returnNodeC[w.mainPlant.node], w.mainPlant.flowKgS, leak.kgS, makeUp.temperatureC);
  const { units, plants, prosumers } = state;
  const setpointC = out.supplySetpointC;
  const returnC = returnNodeC;
  settleProduction(units, plants, prosumers, returnC, mainInletC, outletTargetC, setpointC, inputs, w.dispatch, dtS);
  transportSupply(state.supply, networks.supply.massFlowKgS, state.plants, state.prosumers, w.supplyInjection, out.groundC, dtS);
  const makeUpJPerKg = waterEnthalpyJPerKg(makeUp.temperatureC);
  holding.leakHeatW = leak.kgS > 0 ? leak.kgS * (waterEnthalpyJPerKg(supplyNodeC[leak.node]) - makeUpJPerKg) : 0;
  recordHydraulicHealth(state.hydraulicHealth, networks.supply, networks.return, state.supply, state.return);

  deliverHeat(model, state.buildings, supplyNodeC, state.prosumers, out, w.substationSpaceW, w.deliveredSpaceW, out.outdoorC, out.weather.ghiWm2, t, dtS);
  w.pumpSpec.pumpMaxHeadPa = availablePumpHeadPa(
    model.scenario.network.pumpMaxHeadPa,
    faults.circulationPumpFailed,
    inputs.standbyPumpOn,
    holding.lowSuctionStop,
  );
  // The pump holds the dp transmitter's reading at the set-point.
  w.pumpSpec.dpSetpointPa = model.scenario.network.dpSetpointPa - sensorErrorAt(faults, SENSOR_WORST_DP, t);
  runPump(networks, w.consumerNodes, w.supplyPressurePa, w.returnPressurePa, w.pumpSpec, w.mainPlant, state.pump, w.cutNode);
  out.measured.supplyC = sensorReading(faults, SENSOR_SUPPLY_TEMPERATURE, w.mainPlant.outletC, t);
  out.measured.worstDpPa = sensorReading(faults, SENSOR_WORST_DP, state.pump.headPa - state.pump.worstCircuitDropPa, t);

  const cold = countColdBuildings(model.buildings, state.buildings, t, 1, model.buildingNode);
  bookStep(state.ledger, model, w.costs, out, w.dispatch.conditions.sourceTakenW, cold, dtS);
  if (state.districts) bookDistricts(state.districts, out, state.supply, state.return, dtS);
  state.timeS = t + dtS;
  state.stepIndex++;
}

/**
 * Cuts off the sections behind closed valves, then the leak (none inside a cut section), the make-up and the
 * static pressure from the last step's pressures: the supply's node pressures from the solver's last drops and the
 * pump's last head (pressureHolding.ts). Returns the leak's withdrawal for this step.
 */
function holdNetworkPressure(sim: Simulation, inputs: OperatorInputs, w: StepScratch): LeakWithdrawal {
  const { model, state } = sim;
  const supply = state.hydraulics.supply;
  const graph = supply.graph;
  markCutNodes(graph, inputs.valveClosed, w.cutNode);
  const f = inputs.malfunctions;
  const leak = w.leak;
  leak.node = f.leakPipe >= 0 ? pipeFarNode(graph, model.topology.pipeFrom, model.topology.pipeTo, f.leakPipe) : -1;
  if (leak.node >= 0 && w.cutNode[leak.node]) leak.node = -1;
  const holding = state.pressureHolding;
  let densityKgM3 = 0;
  if (leak.node >= 0) {
    supply.nodePressurePa(graph.rootNode, 0, w.supplyPressurePa);
    const headPa = state.pump.headPa;
    traceLeakPath(supply, model.topology, w.supplyPressurePa, leak.node, headPa, holding.leakKgS, w.leakPath);
    densityKgM3 = waterDensityKgM3(state.supply.nodeC[leak.node]);
  }
  const areaM2 = leak.node >= 0 ? f.leakHoleAreaM2 : 0;
  holdPressure(holding, w.holdingSpec, inputs.makeUpPumps, areaM2, densityKgM3, w.leakPath);
  leak.kgS = holding.leakKgS;
  return leak;
}

/** The run's totals, with the change of heat held in the pipes since the start. */
export function summarizeSimulation(sim: Simulation): LedgerSummary {
  const { state } = sim;
  state.ledger.pipeContentChangeJ = state.supply.storedHeatJ(0) + state.return.storedHeatJ(0) - state.initialPipeHeatJ;
  const summary = summarize(state.ledger);
  if (state.districts) summary.districts = summarizeDistricts(state.districts, state.supply, state.return);
  return summary;
}
