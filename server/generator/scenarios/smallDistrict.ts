/**
 * Builder for the small story scenarios (outdoor-air-subzero, prosumer-block, energy-positive-district, heat-node):
 * a few dozen buildings and plants on a small grid of streets, each on a short service pipe from a street node,
 * so a year runs in seconds and every pipe and building can be named in a story.
 *
 * Layout (metres, local east/north frame): a section is a comb of parallel east-west streets joined at their west
 * ends by a north-south cross street (x = section origin). Slots along a street come in pairs, the first of a pair
 * north of the street, the second south, both served from one street node J at the pair's centre line; a pair is
 * as wide as its wider building plus GAP_M. A building's near edge is SETBACK_M from the street's centreline and
 * its service pipe joins J to the building's node N at that edge. Consecutive streets are spaced so that the
 * buildings backing onto each other keep a COURTYARD_M yard. A plant slot gets a plant building (`use: 'plant'`,
 * not connected) on the plant's footprint, so the 3D view can pair them; a `drawn` slot is a building that is only
 * drawn (not connected, no node: a treatment works, a data hall), and a pair with no connected member gets no node.
 * Sections follow each other eastwards: a tie line (tieLineM) runs from the last node of the previous section's
 * first street to the next section's cross street; the nodes of a section may be tagged with a district.
 * Pipe lengths are the straight distances between their nodes (the tie line: tieLineM).
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
import { ESPOO_LOCATION, finnishEmissions, finnishPrices, nordicSubstationFaults, substationFaultsAssumption } from '../climate';
import { axisRect, round } from '../geometry';
import { accumulateDesignFlows, designFlowKgS, designHeatW, frictionGradientPaPerM, PIPE_ROUGHNESS_M, selectPipe } from '../pipeSizing';

/** Street centreline to a building's near edge: half a 12 m street plus a 6 m front yard. */
export const SETBACK_M = 12;
/** Gap between neighbouring buildings along a street. */
export const GAP_M = 18;
/** Yard between the backs of buildings on two neighbouring streets. */
export const COURTYARD_M = 30;
/** Cross street to the first pair of buildings on a street. */
export const CORNER_M = 24;
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
  /** Height when it is not floors x 3 m (a one-storey supermarket hall, a treatment works). */
  heightM?: number;
  yearBuilt: number;
  nightSetbackK?: number;
  prosumer?: BuildingInput['prosumer'];
}

export interface PlantPlan {
  id: string;
  name: string;
  main?: boolean;
  units: PlantInput['units'];
  widthM: number;
  depthM: number;
  heightM: number;
  yearBuilt: number;
}

export type Slot = { building: BuildingPlan } | { plant: PlantPlan } | { drawn: BuildingPlan };

export interface StreetSection {
  district?: string;
  /** Streets from south to north; each street's slots in pairs from west to east (north side first). */
  streets: Slot[][];
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

const slotSize = (slot: Slot): { widthM: number; depthM: number } => ('plant' in slot ? slot.plant : 'building' in slot ? slot.building : slot.drawn);

/** The scenario document for a plan (deterministic: the same plan gives the same JSON). */
export function buildSmallDistrict(plan: SmallDistrictPlan): ScenarioInput {
  const nodes: NodeOut[] = [];
  const pipes: { id: string; from: string; to: string; lengthM: number }[] = [];
  const buildings: BuildingInput[] = [];
  const plants: PlantInput[] = [];
  const withdrawal = new Map<string, number>();
  const plantOutput = new Map<string, number>();
  const deltaTK = plan.supplyCurve.maxC - DESIGN_RETURN_C;
  const at = new Map<string, NodeOut>();
  let mainNode = '';
  let junctions = 0;
  let crossings = 0;
  let tieFrom = '';
  let sectionX = 0;

  const addNode = (n: NodeOut) => {
    nodes.push(n);
    at.set(n.id, n);
  };
  const addPipe = (id: string, from: string, to: string, lengthM?: number) => {
    const a = at.get(from)!;
    const b = at.get(to)!;
    pipes.push({ id, from, to, lengthM: lengthM ?? round(Math.max(1, Math.hypot(b.x - a.x, b.y - a.y)), 1) });
  };

  plan.sections.forEach((section, s) => {
    const tag = section.district ? { district: section.district } : {};
    // Street lines: each street far enough north of the previous one for both rows of buildings and a yard.
    const depth = (street: Slot[], side: 0 | 1) => Math.max(0, ...street.filter((_, k) => k % 2 === side).map((slot) => slotSize(slot).depthM));
    const streetY: number[] = [];
    section.streets.forEach((street, i) => {
      streetY.push(i === 0 ? 0 : streetY[i - 1] + depth(section.streets[i - 1], 0) + depth(street, 1) + 2 * SETBACK_M + COURTYARD_M);
    });
    let firstStreetEnd = '';
    let previousCross = '';
    section.streets.forEach((street, i) => {
      const y = streetY[i];
      const cross = `X${++crossings}`;
      addNode({ id: cross, x: sectionX, y, ...tag });
      if (previousCross) addPipe(`C${crossings - 1}`, previousCross, cross);
      else if (tieFrom) addPipe(`TIE${s}`, tieFrom, cross, plan.tieLineM ?? 150);
      previousCross = cross;
      let previous = cross;
      let cursor = sectionX + CORNER_M;
      for (let k = 0; k < street.length; k += 2) {
        const pair = street.slice(k, k + 2);
        const pairW = Math.max(...pair.map((slot) => slotSize(slot).widthM));
        const x = cursor + pairW / 2;
        cursor += pairW + GAP_M;
        const connected = pair.some((slot) => !('drawn' in slot));
        let j = '';
        if (connected) {
          j = `J${++junctions}`;
          addNode({ id: j, x: round(x, 1), y, ...tag });
          addPipe(`T${junctions}`, previous, j);
          previous = j;
        }
        pair.forEach((slot, side) => {
          const sign = side === 0 ? 1 : -1;
          const { widthM, depthM } = slotSize(slot);
          const footprint = axisRect(round(x, 1), y + sign * (SETBACK_M + depthM / 2), widthM, depthM);
          const edge = { x: round(x, 1), y: y + sign * SETBACK_M, ...tag };
          if ('drawn' in slot) {
            const b = slot.drawn;
            buildings.push({
              id: b.id,
              ...(b.name ? { name: b.name } : {}),
              use: b.use,
              footprint,
              heightM: b.heightM ?? round(b.floors * STOREY_M, 1),
              floorAreaM2: round(b.widthM * b.depthM * b.floors, 0),
              yearBuilt: b.yearBuilt,
            });
          } else if ('building' in slot) {
            const b = slot.building;
            const n = `N-${b.id}`;
            addNode({ id: n, ...edge });
            addPipe(`S-${b.id}`, j, n, SETBACK_M);
            const floorAreaM2 = round(b.widthM * b.depthM * b.floors, 0);
            withdrawal.set(n, designFlowKgS(designHeatW(b.use, b.yearBuilt, floorAreaM2), deltaTK));
            buildings.push({
              id: b.id,
              ...(b.name ? { name: b.name } : {}),
              use: b.use,
              footprint,
              heightM: b.heightM ?? round(b.floors * STOREY_M, 1),
              floorAreaM2,
              yearBuilt: b.yearBuilt,
              node: n,
              ...(b.nightSetbackK ? { nightSetbackK: b.nightSetbackK } : {}),
              ...(b.prosumer ? { prosumer: b.prosumer } : {}),
            });
          } else {
            const p = slot.plant;
            const n = `P-${p.id}`;
            addNode({ id: n, ...edge });
            addPipe(`S-${p.id}`, j, n, SETBACK_M);
            if (p.main) mainNode = n;
            plantOutput.set(n, p.units.reduce((sum, u) => sum + (u.kind === 'storage' ? 0 : u.capacityW), 0));
            plants.push({ id: p.id, name: p.name, node: n, ...(p.main ? { main: true } : {}), footprint, heightM: p.heightM, units: p.units });
            // The plant's hall, drawn (not connected): the 3D view pairs a plant with the nearest plant building.
            buildings.push({ id: `${p.id}-hall`, name: p.name, use: 'plant', footprint, heightM: p.heightM, floorAreaM2: round(p.widthM * p.depthM, 0), yearBuilt: p.yearBuilt });
          }
        });
      }
      if (i === 0) firstStreetEnd = previous;
    });
    const maxX = Math.max(...buildings.flatMap((b) => b.footprint.map(([bx]) => bx)));
    tieFrom = firstStreetEnd;
    const tieStartX = at.get(firstStreetEnd)!.x;
    sectionX = round(Math.max(tieStartX + (plan.tieLineM ?? 150), maxX + GAP_M), 1);
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
    assumptions: [...plan.assumptions, substationFaultsAssumption()],
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
      substationFaults: nordicSubstationFaults(),
    },
    supplyCurve: plan.supplyCurve,
    plants,
    prices: plan.prices ?? finnishPrices(),
    emissions: finnishEmissions(),
    baseline: plan.baseline,
    ...(plan.districts ? { districts: plan.districts } : {}),
  };
}

/** Apartment-block shapes of one floor area: long 4-storey slabs, 6-storey slabs and 8-storey point blocks. */
export function blockShape(floorAreaM2: number, floors: 4 | 5 | 6 | 7 | 8, depthM = 13): { widthM: number; depthM: number; floors: number } {
  // Point blocks are deeper (two flats back to back around a core); slabs keep the given depth.
  const d = floors >= 7 ? depthM + 8 : depthM;
  return { widthM: round(floorAreaM2 / floors / d, 1), depthM: d, floors };
}

/** Residential blocks: `count` buildings with ids prefix01.., built in the given years and storeys in turn. */
export function apartmentBlocks(
  prefix: string,
  count: number,
  years: ReadonlyArray<number>,
  floorAreaM2: number,
  floors: ReadonlyArray<4 | 5 | 6 | 7 | 8>,
  depthM = 13,
): BuildingPlan[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${String(i + 1).padStart(2, '0')}`,
    use: 'residential' as const,
    ...blockShape(floorAreaM2, floors[i % floors.length], depthM),
    yearBuilt: years[i % years.length],
  }));
}

/** Slots split into streets of the given numbers of slots, in order. */
export function intoStreets(slots: Slot[], lengths: ReadonlyArray<number>): Slot[][] {
  if (lengths.reduce((a, b) => a + b, 0) !== slots.length) throw new Error('street lengths do not add up to the slots');
  let k = 0;
  return lengths.map((n) => slots.slice(k, (k += n)));
}
