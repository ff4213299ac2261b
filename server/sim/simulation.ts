/**
 * One simulation run as the world sees it: the static compiled model, its `state` and its `outputs`.
 *
 * - `state` is exactly what a snapshot saves and restores (snapshot.ts): everything a step reads before it writes
 *   it. The clock, the buildings' indoor temperatures, the water in the supply and return pipes (plug flow), the
 *   hydraulic solver (its warm start: chord flows and friction factors), the pump (its flow factor throttles the
 *   substations before the pump runs again), the pressure holding (the pumps' low-suction stop), the plants,
 *   units and prosumers (their return temperatures, ramps, start-up timers, trips, storage charge), the ledger,
 *   the district accounts and the solver health counters.
 *   Plants, units and prosumers are objects that mix their spec (names, sizes), their dynamic state and their
 *   results of the last step; they live in the state whole, which keeps every dynamic field saved without
 *   splitting modules that other parts of the engine own. The pump, the pressure holding and the ledger likewise
 *   hold this step's results (head and electricity; leak and make-up; the step's flows) beside their state, and
 *   are saved with it.
 * - `outputs` is a read-only view of the last step's results: the exogenous values, per-building heat and flows,
 *   the network's flows and temperatures, the plants, units, ledger and accounts. Every adapter (frames, KPIs,
 *   alarms, the hourly CSV, the CLI, metrics) reads this view and nothing else. Arrays the state owns appear in it
 *   as read-only views of the same memory (no copies). After a restore, the per-building results and the
 *   exogenous values are those of the last step run until the next step.
 * - The engine's scratch (arrays reused every step, caches, the dispatcher's work space) is private to it
 *   (engine.ts): it is neither state nor output and is not part of this type.
 */
import type { CompiledModel } from './compile';
import type { BuildingState } from './consumers/buildings';
import type { Prosumer } from './consumers/prosumer';
import type { NetworkHydraulics } from './networkStages';
import type { PlugFlow } from './network/plugFlow';
import type { HydraulicHealth } from './hydraulicHealth';
import type { PumpResult } from './network/pump';
import type { PressureHolding } from './network/pressureHolding';
import type { Plant, PlantUnit } from './plant/plants';
import type { SourceOutput } from './sources';
import type { WeatherSample } from './weather/series';
import type { Ledger } from './ledger';
import type { DistrictAccounts } from './districts';

export interface SimulationState {
  /** Simulation time (s, calendar.ts) and steps taken. */
  timeS: number;
  stepIndex: number;
  /** Buildings' indoor temperatures. */
  buildings: BuildingState;
  /** Water in the supply and the return pipes (plug flow): temperatures at nodes, parcels in pipes. */
  supply: PlugFlow;
  return: PlugFlow;
  /** The supply and the return network's hydraulic solvers; their warm starts (chord flows, friction factors,
   *  water properties) are the state (snapshots save them through the solvers). */
  hydraulics: NetworkHydraulics;
  /** Convergence of the last solve and the count of unconverged steps. */
  hydraulicHealth: HydraulicHealth;
  /** The circulation pump: its flow factor limits the substations of the next step. */
  pump: PumpResult;
  /** Leak, make-up and static pressure of the step; whether the pumps are stopped on low suction (latched). */
  pressureHolding: PressureHolding;
  plants: Plant[];
  /** Every plant's units, plant by plant (the order of operator inputs and frames). */
  units: PlantUnit[];
  prosumers: Prosumer[];
  ledger: Ledger;
  /** Accounts of the scenario's districts (null when it names none). */
  districts: DistrictAccounts | null;
  /** Heat held in the pipes' water at the start (J above 0 °C), for the balance. */
  initialPipeHeatJ: number;
}

/** The water of one pipe network as adapters read it (the plug flow's results of the last step). */
export interface PipeWaterView {
  readonly nodeC: ReadonlyFloat64Array;
  readonly pipeInletC: ReadonlyFloat64Array;
  readonly pipeOutletC: ReadonlyFloat64Array;
  readonly pipeHeatLossW: ReadonlyFloat64Array;
  readonly totalHeatLossW: number;
}

/** What the engine writes each step, and the state it shows; SimulationOutputs is its read-only form. */
export interface StepOutputs {
  readonly timeS: number;
  readonly stepIndex: number;
  /** Exogenous values of the last step. */
  weather: WeatherSample;
  outdoorC: number;
  groundC: number;
  electricityPriceEurPerMWh: number;
  supplySetpointC: number;
  sources: SourceOutput[];
  /** Per building (W): space heat and hot water asked, their sum, heat received, heat missing. */
  spaceDemandW: Float64Array;
  dhwDemandW: Float64Array;
  demandW: Float64Array;
  deliveredW: Float64Array;
  unmetW: Float64Array;
  /** Per building: supply temperature at its substation (°C), primary flow (kg/s), return (°C), heat planned (W). */
  buildingSupplyC: Float64Array;
  substationFlowKgS: Float64Array;
  substationReturnC: Float64Array;
  substationDeliveredW: Float64Array;
  readonly indoorC: Float64Array;
  /** Per pipe mass flow (kg/s, + from -> to in the supply pipe). */
  readonly massFlowKgS: Float64Array;
  /** Per pipe mass flow of the return pipe (kg/s, + from -> to: mostly the supply's negated). */
  readonly returnMassFlowKgS: Float64Array;
  readonly supply: PipeWaterView;
  readonly return: PipeWaterView;
  readonly pump: PumpResult;
  /** Leak rate, make-up flow, static pressure, the pumps' low-suction stop, consumers cut off (pressureHolding.ts). */
  readonly pressureHolding: PressureHolding;
  /** The scenario's pipes (ids) and which have section valves (1: a bridge of the network). */
  readonly pipes: PipeValves;
  readonly plants: Plant[];
  readonly units: PlantUnit[];
  readonly prosumers: Prosumer[];
  readonly ledger: Ledger;
  readonly districts: DistrictAccounts | null;
  readonly hydraulicHealth: HydraulicHealth;
  /**
   * What the control room's transmitters read, faulty ones included (malfunctions.ts): the main plant's outlet
   * (°C) and the differential pressure at the worst-placed consumer (Pa); NaN from a failed one. Trainees are
   * shown these, never the truth behind them.
   */
  measured: MeasuredValues;
}

export interface PipeValves {
  ids: ReadonlyArray<string>;
  hasSectionValve: Uint8Array;
}

export interface MeasuredValues {
  supplyC: number;
  worstDpPa: number;
}

/** A Float64Array whose elements cannot be assigned. */
export type ReadonlyFloat64Array = Readonly<Float64Array>;

type OutputView<T> = T extends Float64Array
  ? ReadonlyFloat64Array
  : T extends ReadonlyArray<infer E>
    ? ReadonlyArray<Readonly<E>>
    : T extends object
      ? Readonly<T>
      : T;

export type SimulationOutputs = { readonly [K in keyof StepOutputs]: OutputView<StepOutputs[K]> };

export interface Simulation {
  readonly model: CompiledModel;
  readonly state: SimulationState;
  readonly outputs: SimulationOutputs;
}
