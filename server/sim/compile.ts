/**
 * Compiles a validated scenario into the static model the engine steps: node and pipe indices, typed arrays
 * for the network and the buildings, the weather year and price series, and the plants with their units.
 * Everything here is done once; the engine's step only reads it.
 */
import type { BuildingSpec, Scenario, SourceSpec } from '../../shared/scenario/schema';
import { heatPumpSchema } from '../../shared/scenario/schema';
import { createRng, type Rng } from './random';
import { dateToS, dayOfWeek, yearOf, yearStartS } from './calendar';
import { createSupplyCurve, type SupplyCurve } from './control/supplyCurve';
import { createBuildingArrays, type BuildingArrays } from './consumers/buildings';
import type { ProsumerSpec } from './consumers/prosumer';
import { createSubstationArrays, type SubstationArrays } from './consumers/substation';
import { shortCircuitFlowsKgS } from './consumers/substationFaults';
import { heatLossForInnerDiameter } from './network/pipeCatalogue';
import type { NetworkTopology } from './network/topology';
import { synthesizeWeatherYear } from './weather/synthetic';
import { parseEpw } from './weather/epw';
import type { WeatherSeries } from './weather/series';
import { synthesizeElectricityPrices } from './market/electricityPrice';

export interface CompiledModel {
  scenario: Scenario;
  /** Seed of every stochastic input drawn here: weather noise, spot prices, hot-water timing, faulty substations. */
  seed: number;
  nodeIds: string[];
  nodeIndex: Map<string, number>;
  pipeIds: string[];
  topology: NetworkTopology;
  /** The main plant's node: the hydraulic root whose pump balances the network. */
  rootNode: number;
  buildings: BuildingArrays;
  substations: SubstationArrays;
  /** Short-circuit flow of each building's substation at full differential pressure (kg/s; 0: sound). */
  shortCircuitKgS: Float64Array;
  /** Node of each building's substation, -1 when the building is not connected. */
  buildingNode: Int32Array;
  sources: SourceSpec[];
  sourceIndex: Map<string, number>;
  prosumers: ProsumerSpec[];
  weather: WeatherSeries;
  /** Hourly spot price of the typical year (EUR/MWh). */
  electricityPrice: Float32Array;
  supplyCurve: SupplyCurve;
}

export interface CompileOptions {
  /** Text of the EPW file when the scenario's weather is `epw` (the caller reads it). */
  epwText?: string;
  /** Seed of the stochastic inputs (default: the scenario's simulation.seed). */
  seed?: number;
}

export function compileScenario(scenario: Scenario, options: CompileOptions = {}): CompiledModel {
  const { nodes, pipes } = scenario.network;
  const nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));
  const topology = compileTopology(scenario, nodeIndex);
  const mainPlant = scenario.plants.find((p) => p.main)!;
  const rootNode = nodeIndex.get(mainPlant.node)!;

  const buildingSpecs: BuildingSpec[] = scenario.buildings;
  const buildingNode = Int32Array.from(buildingSpecs, (b) => (b.node === undefined ? -1 : nodeIndex.get(b.node)!));
  const seed = options.seed ?? scenario.simulation.seed;
  const buildings = createBuildingArrays(buildingSpecs, { seed });
  const substations = createSubstationArrays(buildings, buildingSpecs);

  const sourceIndex = new Map(scenario.sources.map((s, i) => [s.id, i]));
  const prosumers: ProsumerSpec[] = [];
  buildingSpecs.forEach((b, i) => {
    if (!b.prosumer) return;
    prosumers.push({
      building: i,
      node: buildingNode[i],
      source: b.prosumer.source,
      heatPump: heatPumpSchema.parse({ ...b.prosumer.heatPump, source: b.prosumer.source.id }),
      exports: b.prosumer.exports,
    });
  });

  const rng = createRng(seed);
  const shortCircuitKgS = shortCircuitFlowsKgS(
    scenario.network.substationFaults,
    substations.designMassFlowKgS,
    buildingNode,
    rng.fork('substationFaults'),
  );
  const weather = compileWeather(scenario, options, rng.fork('weather'));
  const firstWeekday = dayOfWeek(yearStartS(yearOf(dateToS(scenario.simulation.start))));
  const electricityPrice = synthesizeElectricityPrices(
    scenario.prices.electricity,
    weather.temperatureC,
    rng.fork('prices'),
    firstWeekday,
  );

  return {
    scenario,
    seed,
    nodeIds: nodes.map((n) => n.id),
    nodeIndex,
    pipeIds: pipes.map((p) => p.id),
    topology,
    rootNode,
    buildings,
    substations,
    shortCircuitKgS,
    buildingNode,
    sources: scenario.sources,
    sourceIndex,
    prosumers,
    weather,
    electricityPrice,
    supplyCurve: createSupplyCurve(scenario.supplyCurve.points, scenario.supplyCurve.minC, scenario.supplyCurve.maxC),
  };
}

function compileTopology(scenario: Scenario, nodeIndex: Map<string, number>): NetworkTopology {
  const { nodes, pipes } = scenario.network;
  const from = Int32Array.from(pipes, (p) => nodeIndex.get(p.from)!);
  const to = Int32Array.from(pipes, (p) => nodeIndex.get(p.to)!);
  return {
    nodeCount: nodes.length,
    pipeCount: pipes.length,
    pipeFrom: from,
    pipeTo: to,
    pipeLengthM: Float64Array.from(pipes, (p, i) => {
      if (p.lengthM !== undefined) return p.lengthM;
      const a = nodes[from[i]];
      const b = nodes[to[i]];
      return Math.max(1, Math.hypot(a.x - b.x, a.y - b.y));
    }),
    pipeDiameterM: Float64Array.from(pipes, (p) => p.innerDiameterM),
    pipeRoughnessM: Float64Array.from(pipes, (p) => p.roughnessM),
    pipeHeatLossWPerMK: Float64Array.from(pipes, (p) => p.heatLossWPerMK ?? heatLossForInnerDiameter(p.innerDiameterM)),
    nodeElevationM: Float64Array.from(nodes, (n) => n.elevationM),
  };
}

function compileWeather(scenario: Scenario, options: CompileOptions, rng: Rng): WeatherSeries {
  const weather = scenario.weather;
  if (weather.kind === 'synthetic') return synthesizeWeatherYear(weather, scenario.location.latitudeDeg, rng);
  if (options.epwText === undefined) throw new Error(`weather.file: the text of ${weather.file} was not supplied`);
  return parseEpw(options.epwText).series;
}
