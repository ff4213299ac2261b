/**
 * A real city at real scale, aggregated: district blocks, trunk mains between districts, and one lumped
 * distribution feeder per block. Shared by the real-scale scenarios (espoo-clean-heat, tampere-datacenter-95).
 *
 * Geometry: districts at their approximate coordinates, projected to the local east/north frame around an
 * origin (equirectangular: x = Δlon · 111,320 m · cos(lat0), y = Δlat · 110,540 m; error < 0.1 % over 30 km).
 * A block is a district's stock of one use (one node, one feeder), drawn as several buildings that each stand for
 * a city block of that use (CITY_BLOCK_M2 of footprint each, 2-8 per block, at least 4 per district), so that a
 * district reads as a district from the overview: floor area = footprint x floors, 3 m per floor, footprint shape
 * by use (square residential blocks, longer offices, schools and shops, long industrial halls). The district's
 * buildings stand on a grid (an even number of columns and rows, STREET_M streets between them, spread over at
 * least MIN_DISTRICT_SPAN_M) centred on the district's coordinates; the trunk junction is the grid's central
 * crossing, and each block's node is at the south side of its first building.
 * All buildings of a block share its node (and its substation feeder); the block's design heat is their sum.
 * Network:
 *  - trunk: minimum spanning tree (Prim) over the district junctions and plant nodes from the main plant, plus the
 *    `loops` shortest extra links (a meshed trunk as real networks have), each straight distance x routeFactor
 *    (streets are not straight);
 *  - distribution: the rest of the real route length (e.g. Espoo ~900 km minus the trunk) is not drawn pipe by
 *    pipe. Each block gets one feeder pipe of `feederLengthM` (the typical path from a trunk junction to the
 *    buildings, which sets the transport delay) whose loss coefficient carries the whole U·L of that block's
 *    share of the distribution network (shared by design heat):
 *       U_feeder = U_dist · (L_network - L_trunk) · (Q_block / Q_all) / feederLengthM
 *    (W/(m·K) per pipe; supply and return pipes each), so the heat lost to the ground is that of the real length,
 *    with the losses to the 7-10 %
 *    of Finnish networks (docs/reference-figures.md, Network).
 *  - sizes: design flow m = 0.85 · Q_design / (c_p · 70 K) (115/45 °C, diversity 0.85), summed leaf to root over
 *    the tree from the main plant; inner diameter for `designVelocityMS`, rounded up to 5 cm, at least 10 cm
 *    (big trunks stand for parallel mains; the schema allows up to 2 m). Trunk U: Brugg series 2 for the size
 *    (pipeCatalogue.ts; the largest listed, 0.334 W/(m·K), above DN500). Chords take half the larger end flow.
 * Units: m, m2, W, kg/s, W/(m·K).
 */
import type { BuildingUse, ScenarioInput } from '../../../shared/scenario/schema';
import { heatLossForInnerDiameter } from '../../sim/network/pipeCatalogue';
import { DH_WATER } from '../../sim/water';
import { round, type Point } from '../geometry';
import { designHeatW } from '../pipeSizing';

type BuildingInput = ScenarioInput['buildings'][number];
type NodeInput = ScenarioInput['network']['nodes'][number];
type PipeInput = ScenarioInput['network']['pipes'][number];

export interface LatLon {
  latDeg: number;
  lonDeg: number;
}

export interface BlockSpec {
  use: BuildingUse;
  floorAreaM2: number;
  yearBuilt: number;
  floors: number;
}

export interface DistrictSpec extends LatLon {
  id: string;
  name: string;
  blocks: BlockSpec[];
}

/** A block of the district tables: `kM2` thousand m² of floor of one use, age and storey count. */
export const block = (use: BlockSpec['use'], kM2: number, yearBuilt: number, floors: number): BlockSpec => ({
  use,
  floorAreaM2: kM2 * 1000,
  yearBuilt,
  floors,
});

/** A district of the tables at its approximate coordinates, with its blocks. */
export const district = (id: string, name: string, latDeg: number, lonDeg: number, ...blocks: BlockSpec[]): DistrictSpec => ({
  id,
  name,
  latDeg,
  lonDeg,
  blocks,
});

export interface SiteSpec extends LatLon {
  /** Node id of the plant. */
  node: string;
}

export interface DistrictNetworkOptions {
  origin: LatLon;
  districts: DistrictSpec[];
  /** Plant sites; the first is the main plant (the root of the sizing tree). */
  sites: SiteSpec[];
  /** Extra trunk links closing loops. */
  loops: number;
  routeFactor: number;
  /** Real route length of the whole network (m); the feeders stand for all of it but the trunk. */
  networkRouteM: number;
  /** Mean loss coefficient of a distribution pipe (W/(m·K), per pipe). */
  distributionUWPerMK: number;
  feederLengthM: number;
  designVelocityMS: number;
}

export interface DistrictNetwork {
  buildings: BuildingInput[];
  nodes: NodeInput[];
  pipes: PipeInput[];
  /** Site positions (m), by node id. */
  sitePositions: Map<string, Point>;
  trunkLengthM: number;
  /** Design heat of every building at -26 °C (W), aligned with `buildings` (a block's is the sum over its buildings). */
  blockDesignHeatW: number[];
  /** Number of blocks (district and use): one node and one feeder each. */
  blockCount: number;
}

const M_PER_DEG_LAT = 110_540;
const M_PER_DEG_LON_EQ = 111_320;
export const DIVERSITY = 0.85;
const DESIGN_DT_K = 70;
const FLOOR_HEIGHT_M = 3;
/** Footprint of one drawn building (a city block of one use), m2. */
export const CITY_BLOCK_M2 = 15_000;
/** Street between two drawn buildings of a district. */
const STREET_M = 60;
const MIN_DISTRICT_BUILDINGS = 4;
const MIN_DISTRICT_SPAN_M = 600;
/** Plan aspect (long side / short side) by use. */
const ASPECT: Record<BuildingUse, number> = { residential: 1, office: 1.6, school: 1.4, retail: 1.6, supermarket: 1.5, datacentre: 2, industrial: 2.2, plant: 1.5 };

export function project(origin: LatLon, p: LatLon): Point {
  const x = (p.lonDeg - origin.lonDeg) * M_PER_DEG_LON_EQ * Math.cos((origin.latDeg * Math.PI) / 180);
  const y = (p.latDeg - origin.latDeg) * M_PER_DEG_LAT;
  return [round(x, 1), round(y, 1)];
}

export function buildDistrictNetwork(o: DistrictNetworkOptions): DistrictNetwork {
  const buildings: BuildingInput[] = [];
  const nodes: NodeInput[] = [];
  const pipes: PipeInput[] = [];
  const blockDesignHeatW: number[] = [];
  const blockNodeOf: string[] = [];
  const blockJunction: number[] = [];

  // Junction points: plants first (main plant = index 0), then districts.
  const points: { id: string; p: Point }[] = [];
  const sitePositions = new Map<string, Point>();
  for (const s of o.sites) {
    const p = project(o.origin, s);
    points.push({ id: s.node, p });
    sitePositions.set(s.node, p);
    nodes.push({ id: s.node, x: p[0], y: p[1] });
  }
  const blockHeatW: number[] = [];
  for (const d of o.districts) {
    const c = project(o.origin, d);
    // Each block as k buildings of about CITY_BLOCK_M2 footprint, shaped by use.
    const shapes = d.blocks.map((b) => {
      const footprintM2 = b.floorAreaM2 / b.floors;
      const k = Math.min(8, Math.max(2, Math.round(footprintM2 / CITY_BLOCK_M2)));
      const w = Math.sqrt((footprintM2 / k) * ASPECT[b.use]);
      return { k, w, d: footprintM2 / k / w };
    });
    // At least MIN_DISTRICT_BUILDINGS per district (more, smaller buildings for its largest block).
    while (shapes.reduce((a, x) => a + x.k, 0) < MIN_DISTRICT_BUILDINGS) {
      const big = shapes.reduce((best, x, i) => (x.k * x.w * x.d > shapes[best].k * shapes[best].w * shapes[best].d ? i : best), 0);
      const b = d.blocks[big];
      const k = shapes[big].k + 1;
      const w = Math.sqrt((b.floorAreaM2 / b.floors / k) * ASPECT[b.use]);
      shapes[big] = { k, w, d: b.floorAreaM2 / b.floors / k / w };
    }
    const count = shapes.reduce((a, x) => a + x.k, 0);
    const cols = 2 * Math.ceil(Math.sqrt(count) / 2);
    const rows = 2 * Math.ceil(count / cols / 2);
    // A small district's few buildings spread over at least MIN_DISTRICT_SPAN_M (suburbs are not dense).
    const widest = Math.max(...shapes.map((x) => x.w));
    const deepest = Math.max(...shapes.map((x) => x.d));
    const pitchX = Math.max(widest + STREET_M, (MIN_DISTRICT_SPAN_M - widest) / (cols - 1));
    const pitchY = Math.max(deepest + STREET_M, (MIN_DISTRICT_SPAN_M - deepest) / (rows - 1));
    const junction: Point = [round(c[0], 1), round(c[1], 1)];
    const junctionId = `J-${d.id}`;
    const j = points.length;
    points.push({ id: junctionId, p: junction });
    nodes.push({ id: junctionId, x: junction[0], y: junction[1] });
    // Cells row by row from the south-west; the junction sits on the central crossing of the grid.
    let cell = 0;
    d.blocks.forEach((b, bi) => {
      const { k, w, d: depth } = shapes[bi];
      const id = `${d.id}-${b.use}`;
      const nodeId = `N-${id}`;
      let heatW = 0;
      for (let i = 0; i < k; i++, cell++) {
        const cx = c[0] + ((cell % cols) - (cols - 1) / 2) * pitchX;
        const cy = c[1] + (Math.floor(cell / cols) - (rows - 1) / 2) * pitchY;
        const footprint: Point[] = [
          [round(cx - w / 2, 1), round(cy - depth / 2, 1)],
          [round(cx + w / 2, 1), round(cy - depth / 2, 1)],
          [round(cx + w / 2, 1), round(cy + depth / 2, 1)],
          [round(cx - w / 2, 1), round(cy + depth / 2, 1)],
        ];
        // Floor area exactly footprint x floors after rounding the corners.
        const floorAreaM2 = round((footprint[1][0] - footprint[0][0]) * (footprint[2][1] - footprint[1][1]) * b.floors, 0);
        if (i === 0) nodes.push({ id: nodeId, x: round(cx, 1), y: round(cy - depth / 2, 1) });
        const q = designHeatW(b.use, b.yearBuilt, floorAreaM2);
        heatW += q;
        buildings.push({
          id: `${id}-${i + 1}`,
          name: `${d.name}: ${USE_LABEL[b.use]} (${i + 1} of ${k})`,
          use: b.use,
          footprint,
          heightM: b.floors * FLOOR_HEIGHT_M,
          floorAreaM2,
          yearBuilt: b.yearBuilt,
          node: nodeId,
        });
        blockDesignHeatW.push(q);
      }
      blockHeatW.push(heatW);
      blockNodeOf.push(nodeId);
      blockJunction.push(j);
    });
  }

  // Trunk: Prim's minimum spanning tree from the main plant, then the shortest extra links.
  const n = points.length;
  const dist = (a: number, b: number) => Math.hypot(points[a].p[0] - points[b].p[0], points[a].p[1] - points[b].p[1]);
  const inTree = new Array<boolean>(n).fill(false);
  const parent = new Array<number>(n).fill(-1);
  const best = new Array<number>(n).fill(Infinity);
  const order: number[] = [];
  best[0] = 0;
  for (let it = 0; it < n; it++) {
    let u = -1;
    for (let v = 0; v < n; v++) if (!inTree[v] && (u < 0 || best[v] < best[u])) u = v;
    inTree[u] = true;
    order.push(u);
    for (let v = 0; v < n; v++) {
      if (!inTree[v] && dist(u, v) < best[v]) {
        best[v] = dist(u, v);
        parent[v] = u;
      }
    }
  }
  const linked = new Set<string>();
  const key = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
  for (let v = 1; v < n; v++) linked.add(key(v, parent[v]));
  const candidates: [number, number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (!linked.has(key(a, b))) candidates.push([dist(a, b), a, b]);
  candidates.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const chords = candidates.slice(0, o.loops);

  // Design flows: blocks withdraw at their junction; accumulate leaf to root over the tree.
  const withdrawalKgS = new Array<number>(n).fill(0);
  const totalDesignW = blockHeatW.reduce((a, b) => a + b, 0);
  blockHeatW.forEach((q, i) => (withdrawalKgS[blockJunction[i]] += flowKgS(q)));
  const subtree = withdrawalKgS.slice();
  for (let k = order.length - 1; k > 0; k--) subtree[parent[order[k]]] += subtree[order[k]];

  let trunkLengthM = 0;
  const trunkPipe = (id: string, a: number, b: number, m: number) => {
    const lengthM = Math.round(dist(a, b) * o.routeFactor);
    trunkLengthM += lengthM;
    const d = diameterM(m, o.designVelocityMS);
    pipes.push({ id, from: points[a].id, to: points[b].id, lengthM, innerDiameterM: d, heatLossWPerMK: round(heatLossForInnerDiameter(d), 3) });
  };
  for (const v of order.slice(1)) trunkPipe(`T-${points[v].id.replace(/^J-/, '')}`, parent[v], v, subtree[v]);
  chords.forEach(([, a, b], i) => trunkPipe(`L${i + 1}`, a, b, 0.5 * Math.max(subtree[a], subtree[b])));

  // Feeders: one per block, carrying its share of the distribution network's U·L.
  const distUL = o.distributionUWPerMK * Math.max(0, o.networkRouteM - trunkLengthM);
  blockHeatW.forEach((q, i) => {
    const u = (distUL * (q / totalDesignW)) / o.feederLengthM;
    pipes.push({
      id: `F-${blockNodeOf[i].slice(2)}`,
      from: points[blockJunction[i]].id,
      to: blockNodeOf[i],
      lengthM: o.feederLengthM,
      innerDiameterM: diameterM(flowKgS(q), o.designVelocityMS),
      heatLossWPerMK: round(u, 3),
    });
  });
  return { buildings, nodes, pipes, sitePositions, trunkLengthM, blockDesignHeatW, blockCount: blockHeatW.length };
}

function flowKgS(designW: number): number {
  return (DIVERSITY * designW) / (DH_WATER.cpJPerKgK * DESIGN_DT_K);
}

function diameterM(massFlowKgS: number, velocityMS: number): number {
  const d = Math.sqrt((4 * massFlowKgS) / (DH_WATER.densityKgM3 * Math.PI * velocityMS));
  return Math.min(2, Math.max(0.1, Math.ceil(d * 20 - 1e-9) / 20));
}

const USE_LABEL: Record<BuildingUse, string> = {
  residential: 'homes',
  office: 'offices',
  school: 'schools and campus',
  retail: 'shops and centres',
  supermarket: 'supermarkets',
  datacentre: 'data centre',
  industrial: 'industry and depots',
  plant: 'plant',
};

/** Square footprint of a plant or data-centre building near a site, offset so it stands beside the node. */
export function siteFootprint(at: Point, sideM: number, dxM = 0, dyM = 0): Point[] {
  const cx = at[0] + dxM;
  const cy = at[1] + dyM;
  const h = sideM / 2;
  return [
    [round(cx - h, 1), round(cy - h, 1)],
    [round(cx + h, 1), round(cy - h, 1)],
    [round(cx + h, 1), round(cy + h, 1)],
    [round(cx - h, 1), round(cy + h, 1)],
  ];
}

/** Rectangle of widthM x depthM (east x north) centred at `at` shifted by (dxM, dyM). */
export function siteRect(at: Point, widthM: number, depthM: number, dxM = 0, dyM = 0): Point[] {
  const cx = at[0] + dxM;
  const cy = at[1] + dyM;
  return [
    [round(cx - widthM / 2, 1), round(cy - depthM / 2, 1)],
    [round(cx + widthM / 2, 1), round(cy - depthM / 2, 1)],
    [round(cx + widthM / 2, 1), round(cy + depthM / 2, 1)],
    [round(cx - widthM / 2, 1), round(cy + depthM / 2, 1)],
  ];
}

/**
 * How much larger than life the real-scale scenarios draw their plant and data-centre buildings: a 150 m plant in
 * a 40 km city is under a pixel from the overview, so footprints and heights are drawn x3 (said in the assumptions).
 */
export const LANDMARK_SCALE = 3;

/** A plant's hall, drawn LANDMARK_SCALE x its real size, standing just north of the plant's node (not connected). */
export function plantHall(
  id: string,
  name: string,
  node: Point,
  real: { widthM: number; depthM: number; heightM: number },
  yearBuilt: number,
): ScenarioInput['buildings'][number] {
  const w = real.widthM * LANDMARK_SCALE;
  const d = real.depthM * LANDMARK_SCALE;
  return {
    id,
    name,
    use: 'plant',
    footprint: siteRect(node, w, d, 0, 30 + d / 2),
    heightM: real.heightM * LANDMARK_SCALE,
    floorAreaM2: real.widthM * real.depthM,
    yearBuilt,
  };
}
