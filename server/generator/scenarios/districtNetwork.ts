/**
 * A real city at real scale, aggregated: district blocks, trunk mains between districts, and one lumped
 * distribution feeder per block. Shared by the real-scale scenarios (espoo-clean-heat, tampere-datacenter-95).
 *
 * Geometry: districts at their approximate coordinates, projected to the local east/north frame around an
 * origin (equirectangular: x = Δlon · 111,320 m · cos(lat0), y = Δlat · 110,540 m; error < 0.1 % over 30 km).
 * Each block is one building standing for a district's stock of one use: floor area = footprint x floors, square
 * footprint, 3 m per floor, blocks of a district in a row east-west, 80 m apart.
 * Network:
 *  - trunk: minimum spanning tree (Prim) over the district junctions and plant nodes from the main plant, plus the
 *    `loops` shortest extra links (a meshed trunk as real networks have), each straight distance x routeFactor
 *    (streets are not straight);
 *  - distribution: the rest of the real route length (e.g. Espoo ~900 km minus the trunk) is not drawn pipe by
 *    pipe. Each block gets one feeder pipe of `feederLengthM` (the typical path from a trunk junction to the
 *    buildings, which sets the transport delay) whose loss coefficient carries the whole U·L of that block's
 *    share of the distribution network (shared by design heat):
 *       U_feeder = U_dist · (L_network - L_trunk) · (Q_block / Q_all) / feederLengthM     (W/(m·K) per pipe; supply and return
 *    pipes each), so the heat lost to the ground is that of the real length, with the losses to the 7-10 %
 *    of Finnish networks (reference ../shared/reference/district-heating.md, Network).
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
  /** Design heat of every block at -26 °C (W), aligned with `buildings`. */
  blockDesignHeatW: number[];
}

const M_PER_DEG_LAT = 110_540;
const M_PER_DEG_LON_EQ = 111_320;
export const DIVERSITY = 0.85;
const DESIGN_DT_K = 70;
const FLOOR_HEIGHT_M = 3;
const BLOCK_GAP_M = 80;

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
  for (const d of o.districts) {
    const c = project(o.origin, d);
    const sides = d.blocks.map((b) => Math.sqrt(b.floorAreaM2 / b.floors));
    const rowM = sides.reduce((a, s) => a + s, 0) + BLOCK_GAP_M * (sides.length - 1);
    const deepest = Math.max(...sides);
    const junction: Point = [round(c[0], 1), round(c[1] - deepest / 2 - 120, 1)];
    const junctionId = `J-${d.id}`;
    const j = points.length;
    points.push({ id: junctionId, p: junction });
    nodes.push({ id: junctionId, x: junction[0], y: junction[1] });
    let x0 = c[0] - rowM / 2;
    d.blocks.forEach((b, k) => {
      const s = sides[k];
      const cx = x0 + s / 2;
      x0 += s + BLOCK_GAP_M;
      const half = s / 2;
      const id = `${d.id}-${b.use}`;
      const nodeId = `N-${id}`;
      const footprint: Point[] = [
        [round(cx - half, 1), round(c[1] - half, 1)],
        [round(cx + half, 1), round(c[1] - half, 1)],
        [round(cx + half, 1), round(c[1] + half, 1)],
        [round(cx - half, 1), round(c[1] + half, 1)],
      ];
      // Floor area exactly footprint x floors after rounding the corners.
      const side = footprint[1][0] - footprint[0][0];
      const depth = footprint[2][1] - footprint[1][1];
      const floorAreaM2 = round(side * depth * b.floors, 0);
      buildings.push({
        id,
        name: `${d.name}: ${USE_LABEL[b.use]}`,
        use: b.use,
        footprint,
        heightM: b.floors * FLOOR_HEIGHT_M,
        floorAreaM2,
        yearBuilt: b.yearBuilt,
        node: nodeId,
      });
      nodes.push({ id: nodeId, x: round(cx, 1), y: round(c[1] - half, 1) });
      blockDesignHeatW.push(designHeatW(b.use, b.yearBuilt, floorAreaM2));
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
  const totalDesignW = blockDesignHeatW.reduce((a, b) => a + b, 0);
  blockDesignHeatW.forEach((q, i) => (withdrawalKgS[blockJunction[i]] += flowKgS(q)));
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
  blockDesignHeatW.forEach((q, i) => {
    const u = (distUL * (q / totalDesignW)) / o.feederLengthM;
    pipes.push({
      id: `F-${buildings[i].id}`,
      from: points[blockJunction[i]].id,
      to: blockNodeOf[i],
      lengthM: o.feederLengthM,
      innerDiameterM: diameterM(flowKgS(q), o.designVelocityMS),
      heatLossWPerMK: round(u, 3),
    });
  });
  return { buildings, nodes, pipes, sitePositions, trunkLengthM, blockDesignHeatW };
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
