/**
 * Builder for the small story scenarios (outdoor-air-subzero, prosumer-block, energy-positive-district, heat-node):
 * a few dozen buildings and plants along one street, each on a short service pipe from a trunk node, so a year
 * runs in seconds and every pipe and building can be named in a story.
 *
 * Layout (metres, local east/north frame): the street runs east along y = 0; slot k of a section sits at
 * x = x_section + k·SLOT_M, alternately north and south of the street, its near edge SETBACK_M from the street's
 * centreline; a service pipe joins trunk node J (on the street) to the building's node N (at its near edge).
 * Sections follow each other with a tie line between them (tieLineM); the nodes of a section may be tagged with
 * a district (schema `network.nodes[].district`).
 * Sizing (as the city generator, server/generator/pipeSizing.ts): design heat at -26 °C from the simulation's own
 * building model; design flow m = Q / (c_p · (T_supply,max - 45 °C)); flows accumulated leaf to root from the main
 * plant; each other plant's full output routed to the main plant as a second design case (it may export); the
 * larger flow sizes the pipe (EN 253 catalogue, v <= 1.5 m/s, <= 150 Pa/m, roughness 0.1 mm). Pipe heat loss from
 * the insulation table (Brugg PREMANT series 2, reference Network). Pump head covers twice the worst friction
 * path plus 150 kPa (set-point and substation), 30 % margin, at least 1.2 MPa.
 */
import type { BuildingUse, ScenarioInput } from '../../../shared/scenario/schema';
import { heatLossForOuterMm } from '../../sim/network/pipeCatalogue';
import { HELSINKI_GROUND } from '../../sim/weather/ground';
import { ESPOO_LOCATION, finnishEmissions, finnishPrices } from '../climate';
import { axisRect, round } from '../geometry';
import { accumulateDesignFlows, designFlowKgS, designHeatW, frictionGradientPaPerM, PIPE_ROUGHNESS_M, selectPipe } from '../pipeSizing';

export const SLOT_M = 40;
export const SETBACK_M = 12;
export const STOREY_M = 3;
export const DESIGN_RETURN_C = 45;

type BuildingInput = ScenarioInput['buildings'][number];
type PlantInput = ScenarioInput['plants'][number];

export interface BuildingPlan {
  id: string;
  name?: string;
  use: BuildingUse;
  widthM: number;
  depthM: number;
  floors: number;
  yearBuilt: number;
  nightSetbackK?: number;
  prosumer?: BuildingInput['prosumer'];
}

export interface PlantPlan {
  id: string;
  name: string;
  main?: boolean;
  units: PlantInput['units'];
  widthM?: number;
  depthM?: number;
  heightM?: number;
}

export type Slot = { building: BuildingPlan } | { plant: PlantPlan };

export interface StreetSection {
  district?: string;
  slots: Slot[];
}

export interface SmallDistrictPlan {
  id: string;
  name: string;
  description: string;
  assumptions: string[];
  simulation: ScenarioInput['simulation'];
  weather: ScenarioInput['weather'];
  supplyCurve: { points: [number, number][]; minC: number; maxC: number };
  sources: ScenarioInput['sources'];
  sections: StreetSection[];
  /** Length of the trunk pipe between two sections (m). */
  tieLineM?: number;
  prices?: ScenarioInput['prices'];
  baseline: ScenarioInput['baseline'];
  districts?: ScenarioInput['districts'];
}

interface NodeOut {
  id: string;
  x: number;
  y: number;
  district?: string;
}

/** The scenario document for a plan (deterministic: the same plan gives the same JSON). */
export function buildSmallDistrict(plan: SmallDistrictPlan): ScenarioInput {
  const nodes: NodeOut[] = [];
  const pipes: { id: string; from: string; to: string; lengthM: number }[] = [];
  const buildings: BuildingInput[] = [];
  const plants: PlantInput[] = [];
  const withdrawal = new Map<string, number>();
  const plantOutput = new Map<string, number>();
  const deltaTK = plan.supplyCurve.maxC - DESIGN_RETURN_C;
  let mainNode = '';
  let x = 0;
  let trunk = 0;
  let previousJ = '';
  plan.sections.forEach((section, s) => {
    if (s > 0) x += (plan.tieLineM ?? 150) - SLOT_M;
    section.slots.forEach((slot, k) => {
      const j = `J${++trunk}`;
      nodes.push({ id: j, x, y: 0, ...(section.district ? { district: section.district } : {}) });
      if (previousJ) pipes.push({ id: `T${trunk - 1}`, from: previousJ, to: j, lengthM: k === 0 ? (plan.tieLineM ?? 150) : SLOT_M });
      previousJ = j;
      const side = trunk % 2 === 0 ? 1 : -1;
      const tag = section.district ? { district: section.district } : {};
      if ('building' in slot) {
        const b = slot.building;
        const n = `N-${b.id}`;
        nodes.push({ id: n, x, y: side * SETBACK_M, ...tag });
        pipes.push({ id: `S-${b.id}`, from: j, to: n, lengthM: SETBACK_M });
        const footprint = axisRect(x, side * (SETBACK_M + b.depthM / 2), b.widthM, b.depthM);
        const floorAreaM2 = round(b.widthM * b.depthM * b.floors, 0);
        withdrawal.set(n, designFlowKgS(designHeatW(b.use, b.yearBuilt, floorAreaM2), deltaTK));
        buildings.push({
          id: b.id,
          ...(b.name ? { name: b.name } : {}),
          use: b.use,
          footprint,
          heightM: round(b.floors * STOREY_M, 1),
          floorAreaM2,
          yearBuilt: b.yearBuilt,
          node: n,
          ...(b.nightSetbackK ? { nightSetbackK: b.nightSetbackK } : {}),
          ...(b.prosumer ? { prosumer: b.prosumer } : {}),
        });
      } else {
        const p = slot.plant;
        const n = `P-${p.id}`;
        nodes.push({ id: n, x, y: side * SETBACK_M, ...tag });
        pipes.push({ id: `S-${p.id}`, from: j, to: n, lengthM: SETBACK_M });
        const w = p.widthM ?? 30;
        const d = p.depthM ?? 20;
        if (p.main) mainNode = n;
        plantOutput.set(n, p.units.reduce((sum, u) => sum + (u.kind === 'storage' ? 0 : u.capacityW), 0));
        plants.push({
          id: p.id,
          name: p.name,
          node: n,
          ...(p.main ? { main: true } : {}),
          footprint: axisRect(x, side * (SETBACK_M + d / 2), w, d),
          heightM: p.heightM ?? 12,
          units: p.units,
        });
      }
      x += SLOT_M;
    });
  });
  if (!mainNode) throw new Error(`${plan.id}: no main plant`);

  // Design flows: the demand case, and each other plant exporting its full output to the main plant.
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const graph = { nodeCount: nodes.length, pipeFrom: pipes.map((p) => index.get(p.from)!), pipeTo: pipes.map((p) => index.get(p.to)!) };
  const root = index.get(mainNode)!;
  const demand = accumulateDesignFlows(graph, root, nodes.map((n) => withdrawal.get(n.id) ?? 0));
  const flow = Float64Array.from(demand.pipeFlowKgS);
  for (const [node, outputW] of plantOutput) {
    const m = designFlowKgS(outputW, deltaTK);
    const exportCase = accumulateDesignFlows(graph, root, nodes.map((n) => (n.id === node ? m : 0)));
    for (let p = 0; p < flow.length; p++) flow[p] = Math.max(flow[p], exportCase.pipeFlowKgS[p]);
  }
  const sized = pipes.map((_, p) => selectPipe(flow[p]));
  const drop = new Float64Array(nodes.length);
  let worst = 0;
  for (const n of demand.order) {
    const p = demand.parentPipe[n];
    if (p < 0) continue;
    const parent = graph.pipeFrom[p] === n ? graph.pipeTo[p] : graph.pipeFrom[p];
    drop[n] = drop[parent] + frictionGradientPaPerM(flow[p], sized[p].innerDiameterM) * pipes[p].lengthM;
    worst = Math.max(worst, drop[n]);
  }
  const pumpMaxHeadPa = Math.min(5e6, Math.max(1.2e6, Math.ceil((1.3 * (2 * worst + 150e3)) / 1e5) * 1e5));

  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    assumptions: plan.assumptions,
    location: { ...ESPOO_LOCATION },
    simulation: plan.simulation,
    weather: plan.weather,
    ground: { ...HELSINKI_GROUND },
    sources: plan.sources,
    buildings,
    network: {
      nodes,
      pipes: pipes.map((p, i) => ({
        ...p,
        innerDiameterM: round(sized[i].innerDiameterM, 4),
        roughnessM: PIPE_ROUGHNESS_M,
        heatLossWPerMK: round(heatLossForOuterMm(sized[i].outerMm), 3),
      })),
      dpSetpointPa: 100e3,
      pumpMaxHeadPa,
      pumpEfficiency: 0.75,
      staticPressurePa: 3e5,
    },
    supplyCurve: plan.supplyCurve,
    plants,
    prices: plan.prices ?? finnishPrices(),
    emissions: finnishEmissions(),
    baseline: plan.baseline,
    ...(plan.districts ? { districts: plan.districts } : {}),
  };
}

/** Residential blocks for a section: `count` slabs with ids prefix01.., built in the given years in turn. */
export function apartmentBlocks(
  prefix: string,
  count: number,
  years: ReadonlyArray<number>,
  size: { widthM: number; depthM: number; floors: number },
): BuildingPlan[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${String(i + 1).padStart(2, '0')}`,
    use: 'residential' as const,
    ...size,
    yearBuilt: years[i % years.length],
  }));
}
