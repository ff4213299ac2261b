/**
 * The deterministic city generator: `generateCity({ seed, buildings })` -> a scenario document
 * (shared/scenario/schema.ts) for a synthetic Espoo-like district heated by waste heat.
 *
 * Pipeline: street grid (streets.ts) -> block zoning and buildings (buildings.ts) -> plant sizing from the
 * estimated demand (plants.ts) -> pipes along the streets (network.ts) -> pipe sizes from design flows
 * (pipeSizing.ts). The grid grows until it holds at least the requested number of buildings; the outermost
 * ordinary buildings are then dropped so the count is exact. All randomness comes from createRng(seed) forks,
 * so the same options give the same JSON, byte for byte.
 */
import type { ScenarioInput } from '../../shared/scenario/schema';
import { heatLossForOuterMm, type CataloguePipe } from '../sim/network/pipeCatalogue';
import { createRng } from '../sim/random';
import { HELSINKI_GROUND } from '../sim/weather/ground';
import {
  coalBaseline,
  ESPOO_LOCATION,
  finnishEmissions,
  finnishPrices,
  helsinkiSupplyCurve,
  helsinkiWeather,
  nordicSubstationFaults,
  substationFaultsAssumption,
} from './climate';
import { round, roundPoint, signedArea } from './geometry';
import { assignBlockKinds, layoutBuildings, type Plot, type PlotRole } from './buildings';
import { buildStreetNetwork, type Attachment, type StreetNetwork } from './network';
import {
  accumulateDesignFlows,
  designFlowKgS,
  designHeatW,
  frictionGradientPaPerM,
  PIPE_ROUGHNESS_M,
  selectPipe,
  type DesignFlows,
} from './pipeSizing';
import { designPlants, estimateDemand, prosumerSpec, type PlantDesign, type PlantKey } from './plants';
import { schematicShore, SHORE_GAP_M, type PlanBox } from './shore';
import { generateStreetGrid, type StreetGrid } from './streets';

export const MIN_BUILDINGS = 80;
export const MAX_BUILDINGS = 50_000;

export interface CityOptions {
  seed: number;
  buildings: number;
  name?: string;
  id?: string;
}

/** The scenario plus what the generator knows about its design (for tests and reports). */
export interface GeneratedCity {
  scenario: ScenarioInput;
  /** Design heat per building at -26 °C (W), aligned with scenario.buildings. */
  buildingDesignHeatW: number[];
  /** Design flow per pipe (kg/s), aligned with scenario.network.pipes. */
  pipeDesignFlowKgS: number[];
  plantSummary: PlantDesign['summary'];
  grid: { cols: number; rows: number };
}

export function generateCity(options: CityOptions): ScenarioInput {
  return buildCity(options).scenario;
}

const PLANT_ROLES: Record<PlantKey, PlotRole> = {
  main: 'mainPlant',
  wastewater: 'wastewaterPlant',
  air: 'airPlant',
  supermarket: 'supermarketPlant',
  heatNode: 'heatNodePlant',
  reserve: 'reservePlant',
};

const PLANT_NAMES: Record<PlotRole, string> = {
  dcHall: 'Data hall',
  mainPlant: 'Data-centre heat recovery plant',
  treatmentHall: 'Wastewater treatment plant',
  wastewaterPlant: 'Wastewater heat pump plant',
  airPlant: 'Air-to-water heat pump plant',
  reservePlant: 'Reserve boiler plant',
  supermarket: 'Supermarket',
  supermarketPlant: 'Supermarket heat recovery plant room',
  heatNodePlant: 'Office cluster heat node',
  officeCluster: 'Office',
};

export function buildCity(options: CityOptions): GeneratedCity {
  const { seed } = options;
  const count = options.buildings;
  if (!Number.isInteger(count) || count < MIN_BUILDINGS || count > MAX_BUILDINGS) {
    throw new RangeError(`buildings must be an integer in ${MIN_BUILDINGS}..${MAX_BUILDINGS}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) throw new RangeError('seed must be an integer in 0..2^32-1');
  const id = options.id ?? `city-${count}-s${seed}`;
  const name = options.name ?? `Synthetic city (${count} buildings, seed ${seed})`;

  const { grid, plots } = layoutCity(seed, count);
  // Round footprints now, so the floor area, the design heat and the JSON all agree exactly.
  for (const p of plots) {
    p.footprint = p.footprint.map(roundPoint);
    p.floorAreaM2 = round(Math.abs(signedArea(p.footprint)) * p.floors, 0);
  }
  const width = Math.max(4, String(count).length);
  const ids = plots.map((_, i) => `B${String(i + 1).padStart(width, '0')}`);
  const nodeIdOf = (i: number) => `N-${ids[i]}`;
  const heatW = plots.map((p) => (p.connected ? designHeatW(p.use, p.yearBuilt, p.floorAreaM2) : 0));

  // Sites for the plants and sources.
  const firstWith = (role: PlotRole) => {
    const i = plots.findIndex((p) => p.role === role);
    if (i < 0) throw new Error(`layout has no ${role}`);
    return i;
  };
  const offices = plots.map((p, i) => (p.role === 'officeCluster' && p.use === 'office' ? i : -1)).filter((i) => i >= 0);
  const plantIndex = Object.fromEntries((Object.keys(PLANT_ROLES) as PlantKey[]).map((k) => [k, firstWith(PLANT_ROLES[k])])) as Record<PlantKey, number>;
  const plantNode = (k: PlantKey) => `P-${k}`;
  const demand = estimateDemand(plots.map((p, i) => ({ use: p.use, floorAreaM2: p.floorAreaM2, designHeatW: heatW[i] })));
  const design = designPlants(demand, {
    dataCentreHallId: ids[firstWith('dcHall')],
    treatmentHallId: ids[firstWith('treatmentHall')],
    airPlantBuildingId: ids[plantIndex.air],
    supermarketId: ids[firstWith('supermarket')],
    supermarketFloorAreaM2: plots[firstWith('supermarket')].floorAreaM2,
    heatNodeOfficeId: ids[offices[0]],
    officeClusterFloorAreaM2: offices.reduce((s, i) => s + plots[i].floorAreaM2, 0),
    nodes: mapPlants(plantNode),
    heightsM: mapPlants((k) => plots[plantIndex[k]].heightM),
  });

  // Two prosumers: the apartment blocks nearest the centre, in different blocks.
  const prosumers: number[] = [];
  const candidates = plots
    .map((_, i) => i)
    .filter((i) => plots[i].type === 'slab' || plots[i].type === 'point')
    .sort((a, b) => plots[a].distanceM - plots[b].distanceM || a - b);
  for (const i of candidates) {
    if (prosumers.length === 2) break;
    if (prosumers.every((j) => plots[j].block !== plots[i].block)) prosumers.push(i);
  }
  if (prosumers.length < 2) throw new Error('layout has fewer than two apartment blocks for the prosumers');

  // Network along the streets.
  const attachments: Attachment[] = [];
  plots.forEach((p, i) => {
    if (p.connected) attachments.push({ nodeId: nodeIdOf(i), point: p.attach, segment: p.segment, kind: 'service' });
  });
  for (const k of Object.keys(PLANT_ROLES) as PlantKey[]) {
    const p = plots[plantIndex[k]];
    attachments.push({ nodeId: plantNode(k), point: p.attach, segment: p.segment, kind: 'plant' });
  }
  const network = buildStreetNetwork(grid, attachments, plantNode('main'));
  const sized = sizeNetwork(network, plots, heatW, nodeIdOf, design, plantNode);

  const buildings: ScenarioInput['buildings'] = plots.map((p, i) => {
    const { footprint, floorAreaM2 } = p;
    const prosumer = prosumers.indexOf(i);
    return {
      id: ids[i],
      ...(buildingName(plots, i) ? { name: buildingName(plots, i) } : {}),
      use: p.use,
      footprint,
      heightM: round(p.heightM, 1),
      floorAreaM2,
      yearBuilt: p.yearBuilt,
      ...(p.connected ? { node: nodeIdOf(i) } : {}),
      ...(p.use === 'office' || p.use === 'school' ? { nightSetbackK: 2 } : {}),
      ...(prosumer >= 0 ? { prosumer: prosumerSpec(ids[i], prosumer as 0 | 1, floorAreaM2) } : {}),
    };
  });

  const s = design.summary;
  const MW = (w: number) => `${round(w / 1e6, 1)} MW`;
  const GWh = (wh: number) => `${round(wh / 1e9, 1)} GWh`;
  const pct = (x: number) => `${round(100 * x, 0)} %`;
  const scenario: ScenarioInput = {
    id,
    name,
    description:
      `A synthetic Espoo-like district of ${count} buildings on a ${grid.cols} x ${grid.rows} street grid, heated mainly by ` +
      `recovered waste heat. Design peak ${MW(s.designPeakW)} (diversity 0.85); estimated annual heat ${GWh(s.annualHeatWh)} ` +
      `including network losses. Heat pumps on an air-cooled data-centre campus (${MW(s.dataCentreHeatPumpW)}, about ` +
      `${pct(s.dataCentreShare)} of the year's heat, as data-centre heat is about 40 % of Espoo's district heat), treated ` +
      `sewage (${MW(s.wastewaterHeatPumpW)}, about ${pct(s.wastewaterShare)}) and outdoor air (${MW(s.airHeatPumpW)}, about ` +
      `${pct(s.airShare)}), a supermarket and an office heat node, two prosumer apartment blocks; an electric boiler, gas peak ` +
      `boilers, a ${round(s.storageVolumeM3, 0)} m3 storage tank and a reserve oil boiler. A meshed ring round the centre, ` +
      `branches down the side streets.`,
    assumptions: [
      'Street grid with blocks of 85-145 m; buildings along the streets; ages follow an Espoo-like mix (most apartment blocks from the 1960s-80s, growth since 2000).',
      'Design heat at -26 °C (Helsinki region design outdoor temperature) from the building model: 77-80 W/m2 for homes built before 1976, 67-57 W/m2 for 1976-2002, 47-35 W/m2 since 2003 (Finnish age classes; the model reproduces 150-200 kWh/m2a for 1970s blocks and 50-80 for new ones); other uses scaled by a factor per use (schools 1.15).',
      'Pipes: EN 253 steel sizes, insulation series 2 heat loss (Brugg PREMANT, reference table); sized at 115/45 °C for velocity <= 1.5 m/s and friction <= 150 Pa/m (Darcy, Swamee-Jain, roughness 0.1 mm); service pipes at least DN25.',
      `Annual demand estimated by degree-days (Helsinki-Vantaa typical year, HDD17 about 4,420 K·d), hot water 35 kWh/m2a for homes, network losses 8 % (Finland 7-10 %). Espoo's real district heat is far larger; this is a district of it.`,
      `Data-centre heat pumps sized to cover about 40 % of annual heat (Fortum/Microsoft, Espoo: about 40 % of the district heat of three towns); IT load ${MW(s.itLoadW)}, air-cooled (25-30 °C water).`,
      'Wastewater 8-14 °C discharged at 2 °C (Joensuu, Lahti); outdoor-air heat pumps with Carnot fraction 0.40 down to -15 °C (Fortum Vermo).',
      `Storage tank of 6 h mean load (${round(s.storageVolumeM3, 0)} m3 between 95 and 45 °C); electric boiler 15 % and reserve oil boiler 20 % of the design peak.`,
      'Supply temperature 115 °C at the design cold down to 68 °C in summer (Helen, Helsinki: 65-115 °C).',
      'Prices: spot electricity about 60 EUR/MWh plus 25 EUR/MWh grid fees and taxes; gas 45, oil 80, woodchips 25, coal 15 EUR/MWh of fuel; CO2 80 EUR/t.',
      'Emissions: grid electricity 179 g/kWh (Finnish residual mix 2020); fuel 202 (gas), 267 (oil), 341 (coal), 0 (wood, biogenic) g/kWh (IPCC 2006). Baseline: a coal heat-only plant at 88 % efficiency.',
      'Ground: Kusuda-Achenbach fitted to the Helsinki-Vantaa IWEC 2 m ground temperatures, pipes at 1 m.',
      substationFaultsAssumption(),
      `Map: a schematic shore of the Gulf of Finland ${SHORE_GAP_M} m south of the district, at the head of a wide ` +
        "bay, as Espoo's shore districts (Matinkylä, Westend, Keilaniemi) stand on the sea; not a real coastline " +
        '(docs/geography.md), drawn only.',
    ],
    location: { ...ESPOO_LOCATION },
    simulation: { start: '2025-01-01', days: 365, stepS: 60, seed, loop: { start: '2025-01-20', days: 7 } },
    weather: helsinkiWeather(),
    ground: { ...HELSINKI_GROUND },
    sources: design.sources,
    buildings,
    network: {
      nodes: network.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y })),
      pipes: network.pipes.map((p, i) => ({
        id: p.id,
        from: network.nodes[p.from].id,
        to: network.nodes[p.to].id,
        lengthM: p.lengthM,
        innerDiameterM: round(sized.pipes[i].innerDiameterM, 4),
        roughnessM: PIPE_ROUGHNESS_M,
        heatLossWPerMK: round(heatLossForOuterMm(sized.pipes[i].outerMm), 3),
      })),
      dpSetpointPa: 100e3,
      pumpMaxHeadPa: sized.pumpMaxHeadPa,
      pumpEfficiency: 0.75,
      staticPressurePa: 3e5,
      substationFaults: nordicSubstationFaults(),
    },
    supplyCurve: helsinkiSupplyCurve(),
    plants: design.plants,
    prices: finnishPrices(),
    emissions: finnishEmissions(),
    baseline: coalBaseline(),
    ...schematicShore(planBox(buildings, network.nodes), createRng(seed).fork('shore')),
  };
  return {
    scenario,
    buildingDesignHeatW: heatW,
    pipeDesignFlowKgS: Array.from(sized.flows.pipeFlowKgS),
    plantSummary: s,
    grid: { cols: grid.cols, rows: grid.rows },
  };
}

function planBox(buildings: ScenarioInput['buildings'], nodes: ReadonlyArray<{ x: number; y: number }>): PlanBox {
  const box = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  const grow = (x: number, y: number) => {
    box.minX = Math.min(box.minX, x);
    box.maxX = Math.max(box.maxX, x);
    box.minY = Math.min(box.minY, y);
    box.maxY = Math.max(box.maxY, y);
  };
  for (const b of buildings) for (const [x, y] of b.footprint) grow(x, y);
  for (const n of nodes) grow(n.x, n.y);
  return box;
}

function mapPlants<T>(f: (k: PlantKey) => T): Record<PlantKey, T> {
  return Object.fromEntries((Object.keys(PLANT_ROLES) as PlantKey[]).map((k) => [k, f(k)])) as Record<PlantKey, T>;
}

function buildingName(plots: ReadonlyArray<Plot>, i: number): string | undefined {
  const p = plots[i];
  if (p.use === 'school') return `School ${plots.slice(0, i + 1).filter((q) => q.use === 'school').length}`;
  if (!p.role || p.role === 'officeCluster') return undefined;
  if (p.role === 'dcHall') return `Data hall ${plots.slice(0, i + 1).filter((q) => q.role === 'dcHall').length}`;
  return PLANT_NAMES[p.role];
}

/** Smallest grid (growing by a column, then a row) with room for the buildings; then the outermost extras go. */
function layoutCity(seed: number, count: number): { grid: StreetGrid; plots: Plot[] } {
  const root = createRng(seed);
  let cols = Math.max(4, Math.floor(Math.sqrt(count / 8)));
  let rows = cols;
  for (;;) {
    const tag = `${cols}x${rows}`;
    const grid = generateStreetGrid(cols, rows, root.fork(`streets-${tag}`));
    const kinds = assignBlockKinds(grid, root.fork(`zoning-${tag}`));
    const plots = layoutBuildings(grid, kinds, root.fork(`buildings-${tag}`));
    if (plots.length >= count) {
      const extra = plots.length - count;
      const drop = new Set(
        plots
          .map((_, i) => i)
          .filter((i) => plots[i].trimmable)
          .sort((a, b) => plots[b].distanceM - plots[a].distanceM || b - a)
          .slice(0, extra),
      );
      if (drop.size < extra) throw new Error(`cannot place exactly ${count} buildings`);
      return { grid, plots: plots.filter((_, i) => !drop.has(i)) };
    }
    if (cols === rows) cols++;
    else rows++;
  }
}

interface SizedNetwork {
  flows: DesignFlows;
  pipes: CataloguePipe[];
  pumpMaxHeadPa: number;
}

/**
 * Design flows from the main plant's node and the catalogue pipe for each; plant connections carry at least
 * their plant's full output. The pump's maximum head covers twice (supply and return) the worst friction path,
 * the differential-pressure set-point and the substation, with 30 % margin (never below 1.2 MPa).
 */
function sizeNetwork(
  network: StreetNetwork,
  plots: ReadonlyArray<Plot>,
  heatW: ReadonlyArray<number>,
  nodeIdOf: (i: number) => string,
  design: PlantDesign,
  plantNode: (k: PlantKey) => string,
): SizedNetwork {
  const nodeFlow = new Array<number>(network.nodes.length).fill(0);
  plots.forEach((p, i) => {
    if (p.connected) nodeFlow[network.nodeIndex.get(nodeIdOf(i))!] += designFlowKgS(heatW[i]);
  });
  const root = network.nodeIndex.get(plantNode('main'))!;
  const flows = accumulateDesignFlows(
    { nodeCount: network.nodes.length, pipeFrom: network.pipes.map((p) => p.from), pipeTo: network.pipes.map((p) => p.to) },
    root,
    nodeFlow,
  );
  const plantFlow = new Map<string, number>();
  for (const plant of design.plants) {
    const outputW = plant.units.reduce((s, u) => s + (u.kind === 'storage' ? 0 : u.capacityW), 0);
    plantFlow.set(plant.node, designFlowKgS(outputW));
  }
  network.pipes.forEach((p, i) => {
    if (p.kind !== 'plant') return;
    const nodeFlowKgS = plantFlow.get(network.nodes[p.from].id) ?? plantFlow.get(network.nodes[p.to].id) ?? 0;
    flows.pipeFlowKgS[i] = Math.max(flows.pipeFlowKgS[i], nodeFlowKgS);
  });
  const pipes = network.pipes.map((_, i) => selectPipe(flows.pipeFlowKgS[i]));
  // Worst supply-path friction drop from the main plant along the tree.
  const drop = new Float64Array(network.nodes.length);
  let worst = 0;
  for (const n of flows.order) {
    const p = flows.parentPipe[n];
    if (p < 0) continue;
    const parent = network.pipes[p].from === n ? network.pipes[p].to : network.pipes[p].from;
    drop[n] = drop[parent] + frictionGradientPaPerM(flows.pipeFlowKgS[p], pipes[p].innerDiameterM) * network.pipes[p].lengthM;
    worst = Math.max(worst, drop[n]);
  }
  const headPa = 1.3 * (2 * worst + 100e3 + 50e3);
  const pumpMaxHeadPa = Math.min(5e6, Math.max(1.2e6, Math.ceil(headPa / 1e5) * 1e5));
  return { flows, pipes, pumpMaxHeadPa };
}

