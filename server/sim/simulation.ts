/**
 * The state of one simulation run, as the engine's step (engine.ts) advances it and its stages (networkStages.ts,
 * bookkeeping.ts), snapshots and the live session read it: the compiled model, the clock, the exogenous values of
 * the last step, per-building and per-pipe results, the plants, the ledger, and scratch arrays reused every step.
 */
import type { CompiledModel } from './compile';
import type { DispatchInputs, Dispatcher } from './control/dispatch';
import type { BuildingState } from './consumers/buildings';
import type { Prosumer, ProsumerConditions } from './consumers/prosumer';
import type { HydraulicSolver } from './network/hydraulics';
import type { PlugFlow } from './network/plugFlow';
import type { HydraulicHealth } from './hydraulicHealth';
import type { PumpResult, PumpSpec } from './network/pump';
import type { Plant, PlantUnit, UnitConditions } from './plant/plants';
import type { SourceOutput } from './sources';
import type { WeatherSample } from './weather/series';
import type { CostFactors } from './costFactors';
import type { Ledger } from './ledger';
import type { DistrictAccounts } from './districts';

export interface Simulation {
  model: CompiledModel;
  timeS: number;
  stepIndex: number;
  /** Exogenous values of the last step. */
  weather: WeatherSample;
  outdoorC: number;
  groundC: number;
  electricityPriceEurPerMWh: number;
  supplySetpointC: number;
  sources: SourceOutput[];
  /** Per building (W, kg/s, °C). */
  buildings: BuildingState;
  spaceDemandW: Float64Array;
  dhwDemandW: Float64Array;
  demandW: Float64Array;
  deliveredW: Float64Array;
  unmetW: Float64Array;
  substationFlowKgS: Float64Array;
  substationReturnC: Float64Array;
  /** Network: per pipe mass flow (kg/s, + from -> to in the supply pipe), per node temperatures (°C). */
  hydraulics: HydraulicSolver;
  /** Convergence of the last loop solve, back pipes of the last transport, unconverged steps so far. */
  readonly hydraulicHealth: Readonly<HydraulicHealth>;
  supply: PlugFlow;
  return: PlugFlow;
  pump: PumpResult;
  pumpSpec: PumpSpec;
  plants: Plant[];
  units: PlantUnit[];
  prosumers: Prosumer[];
  ledger: Ledger;
  /** Accounts of the scenario's districts (null when it names none). */
  districts: DistrictAccounts | null;
  /** Heat held in the pipes' water at the start (J above 0 °C), for the balance. */
  initialPipeHeatJ: number;
  // Scratch, reused every step.
  netSpaceW: Float64Array;
  netDemandW: Float64Array;
  deliveredSpaceW: Float64Array;
  substationDeliveredW: Float64Array;
  substationSpaceW: Float64Array;
  buildingSupplyC: Float64Array;
  nodeWithdrawalKgS: Float64Array;
  supplyInjectionKgS: Float64Array;
  supplyInjectionC: Float64Array;
  returnInjectionKgS: Float64Array;
  returnInjectionC: Float64Array;
  returnFlowKgS: Float64Array;
  pathDropPa: Float64Array;
  consumerNodes: Int32Array;
  mainPlant: Plant;
  dispatcher: Dispatcher;
  dispatchInputs: DispatchInputs;
  prosumerConditions: ProsumerConditions;
  unitConditions: UnitConditions;
  costs: CostFactors;
  /** Day whose mean spot price is cached (its first second) and that mean (EUR/MWh). */
  priceDayS: number;
  priceDayMeanEurPerMWh: number;
}
