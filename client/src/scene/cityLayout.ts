/**
 * Where everything stands: turns the scenario's plan (metres, x east / y north) into what the scene draws,
 * computed once per scenario as typed arrays.
 *   - Buildings: each footprint's oriented bounding box (axis = its longest edge; extent = projections of all
 *     corners on that axis and its normal), so one unit box per building, scaled and turned, draws it.
 *   - Kinds: one instanced mesh per kind (home, office, school, retail, data centre, plant, prosumer).
 *   - Plants: each plant's building is the nearest unclaimed `use: 'plant'` building to the plant's node.
 *   - Streets: every pipe but a connection (shorter than CONNECTION_MAX_M, from a node that serves a single
 *     building or plant): the street pipes of a generated city, and a region's trunk mains and district feeders,
 *     which stand for the streets they follow when the scenario draws no streets of its own.
 *   - Source links: each source building to the plants whose heat pumps draw from it (heat from the source
 *     visibly entering its heat pump).
 *   - Draw scale: one factor per city for every drawn size that is a legibility exaggeration rather than real
 *     geometry (pipe and link ribbon widths and arc rise, flow-dash spacing and visual speed, plant unit markers,
 *     heat shimmer, demand-column width and cap, selection outlines, label offsets, camera near plane and
 *     minimum distance, story camera default distances). Building footprints and heights stay true.
 *       drawScale = clamp(1 + (radiusM - DRAW_SCALE_FREE_RADIUS_M) / DRAW_SCALE_STEP_M, 1, MAX_DRAW_SCALE)
 *     Those sizes were tuned in metres for cities seen whole at up to ~3.6 km radius: the default scenario
 *     (~660 m) and the 10,000-building bench city (~3.5 km) both get exactly 1, i.e. their present look.
 *     Beyond that each further 650 m of radius (the default city's radius) adds one, so a region's sizes grow in
 *     proportion to its radius and it reads on screen about as the default city does: the 30x20 km Espoo region
 *     (radius ~15 km) draws at ~18.5, Tampere (~8.7 km) at ~8.8. Sizes proportional to the radius already (fog,
 *     far plane, ground, maximum camera distance, the city overview) need no factor.
 * Scene axes: three.js x = east, y = up, z = -north.
 */
import type { BuildingSpec, Scenario } from '../../../shared/scenario/schema';

export const BUILDING_KINDS = ['home', 'office', 'school', 'retail', 'datacentre', 'plant', 'prosumer'] as const;
export type BuildingKind = (typeof BUILDING_KINDS)[number];

export function buildingKind(b: BuildingSpec): BuildingKind {
  if (b.prosumer) return 'prosumer';
  switch (b.use) {
    case 'residential':
      return 'home';
    case 'office':
    case 'industrial':
      return 'office';
    case 'school':
      return 'school';
    case 'retail':
    case 'supermarket':
      return 'retail';
    case 'datacentre':
      return 'datacentre';
    case 'plant':
      return 'plant';
  }
}

/** Radius (m) up to which the sizes tuned for the default city are drawn as they are (drawScale 1). */
export const DRAW_SCALE_FREE_RADIUS_M = 3600;
/** Beyond the free radius, one more unit of draw scale per this many metres of radius (the default city's radius). */
export const DRAW_SCALE_STEP_M = 650;
export const MAX_DRAW_SCALE = 30;

/** The city's draw scale (dimensionless, 1-30) from its radius (m): the rule in this module's header. */
export function drawScaleOf(radiusM: number): number {
  return Math.min(MAX_DRAW_SCALE, Math.max(1, 1 + (radiusM - DRAW_SCALE_FREE_RADIUS_M) / DRAW_SCALE_STEP_M));
}

/** Longest service or plant connection (m): a generated city's are under 70 m, a region's trunk mains are km long. */
export const CONNECTION_MAX_M = 200;

/** Per building: centre x, centre y, width (along axis), depth, axis angle (rad, from east towards north), height. */
export const BOX_STRIDE = 6;

export interface SourceLink {
  sourceIndex: number;
  fromBuilding: number;
  toPlant: number;
  /** Global unit indices (frame order) of the heat pumps at `toPlant` drawing from this source. */
  units: number[];
  /** Sum of those units' rated heat (W). */
  capacityW: number;
}

export interface CityLayout {
  bounds: { minX: number; maxX: number; minY: number; maxY: number; centreX: number; centreY: number; radiusM: number };
  /** Factor on every legibility exaggeration (drawScaleOf(bounds.radiusM)); 1 for cities up to ~3.6 km radius. */
  drawScale: number;
  boxes: Float64Array;
  kindOfBuilding: Uint8Array;
  /** Index of each building within its kind's instanced mesh. */
  instanceOfBuilding: Int32Array;
  /** Building indices per kind, in instance order. */
  buildingsOfKind: Record<BuildingKind, Int32Array>;
  plantBuilding: Int32Array;
  /** The plant a building houses, or -1. */
  plantOfBuilding: Int32Array;
  /** First global unit index (frame order) of each plant. */
  unitOffset: Int32Array;
  /** Per pipe: from x, from y, to x, to y (plan metres). */
  pipeEnds: Float64Array;
  /** Street segments: x0, y0, x1, y1. */
  streets: Float64Array;
  /** The pipe each street segment follows. */
  streetPipe: Int32Array;
  sourceLinks: SourceLink[];
}

export function orientedBox(footprint: ReadonlyArray<readonly [number, number]>, heightM: number, out: Float64Array, o: number): void {
  let best = -1;
  let ux = 1;
  let uy = 0;
  for (let i = 0; i < footprint.length; i++) {
    const a = footprint[i];
    const b = footprint[(i + 1) % footprint.length];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len > best) {
      best = len;
      ux = (b[0] - a[0]) / len;
      uy = (b[1] - a[1]) / len;
    }
  }
  let s0 = Infinity, s1 = -Infinity, d0 = Infinity, d1 = -Infinity;
  for (const [x, y] of footprint) {
    const s = x * ux + y * uy;
    const d = -x * uy + y * ux;
    s0 = Math.min(s0, s); s1 = Math.max(s1, s);
    d0 = Math.min(d0, d); d1 = Math.max(d1, d);
  }
  const sc = (s0 + s1) / 2;
  const dc = (d0 + d1) / 2;
  out[o] = sc * ux - dc * uy;
  out[o + 1] = sc * uy + dc * ux;
  out[o + 2] = s1 - s0;
  out[o + 3] = d1 - d0;
  out[o + 4] = Math.atan2(uy, ux);
  out[o + 5] = heightM;
}

export function buildCityLayout(s: Scenario): CityLayout {
  const n = s.buildings.length;
  const boxes = new Float64Array(n * BOX_STRIDE);
  const kindOfBuilding = new Uint8Array(n);
  const instanceOfBuilding = new Int32Array(n);
  const counts = new Int32Array(BUILDING_KINDS.length);
  s.buildings.forEach((b, i) => {
    orientedBox(b.footprint, b.heightM, boxes, i * BOX_STRIDE);
    const k = BUILDING_KINDS.indexOf(buildingKind(b));
    kindOfBuilding[i] = k;
    instanceOfBuilding[i] = counts[k]++;
  });
  const buildingsOfKind = Object.fromEntries(BUILDING_KINDS.map((k, ki) => [k, new Int32Array(counts[ki])])) as Record<BuildingKind, Int32Array>;
  for (let i = 0; i < n; i++) buildingsOfKind[BUILDING_KINDS[kindOfBuilding[i]]][instanceOfBuilding[i]] = i;

  const nodes = new Map(s.network.nodes.map((nd) => [nd.id, nd]));
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  const grow = (x: number, y: number) => {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  };
  for (const nd of s.network.nodes) grow(nd.x, nd.y);
  for (const b of s.buildings) for (const [x, y] of b.footprint) grow(x, y);

  // Plants claim their buildings nearest first, so two plants never share one.
  const plantBuilding = new Int32Array(s.plants.length).fill(-1);
  const plantOfBuilding = new Int32Array(n).fill(-1);
  const candidates = s.plants.flatMap((p, pi) => {
    const nd = nodes.get(p.node);
    if (!nd) return [];
    return s.buildings.flatMap((b, bi) =>
      b.use === 'plant' ? [{ pi, bi, d: Math.hypot(boxes[bi * BOX_STRIDE] - nd.x, boxes[bi * BOX_STRIDE + 1] - nd.y) }] : [],
    );
  });
  candidates.sort((a, b) => a.d - b.d);
  for (const c of candidates) {
    if (plantBuilding[c.pi] !== -1 || plantOfBuilding[c.bi] !== -1) continue;
    plantBuilding[c.pi] = c.bi;
    plantOfBuilding[c.bi] = c.pi;
  }

  const unitOffset = new Int32Array(s.plants.length);
  let u = 0;
  s.plants.forEach((p, pi) => {
    unitOffset[pi] = u;
    u += p.units.length;
  });

  const pipes = s.network.pipes;
  const pipeEnds = new Float64Array(pipes.length * 4);
  // How many buildings and plants each node serves: a short pipe to a node serving one is its connection.
  const served = new Map<string, number>();
  for (const b of s.buildings) if (b.node) served.set(b.node, (served.get(b.node) ?? 0) + 1);
  for (const p of s.plants) served.set(p.node, (served.get(p.node) ?? 0) + 1);
  const streetList: number[] = [];
  const streetPipe: number[] = [];
  pipes.forEach((p, i) => {
    const a = nodes.get(p.from);
    const b = nodes.get(p.to);
    if (!a || !b) return;
    pipeEnds.set([a.x, a.y, b.x, b.y], i * 4);
    const toOne = served.get(p.from) === 1 || served.get(p.to) === 1;
    if (toOne && Math.hypot(b.x - a.x, b.y - a.y) < CONNECTION_MAX_M) return;
    streetList.push(a.x, a.y, b.x, b.y);
    streetPipe.push(i);
  });

  const buildingIndex = new Map(s.buildings.map((b, i) => [b.id, i]));
  const sourceLinks: SourceLink[] = [];
  s.sources.forEach((src, si) => {
    const from = src.buildingId === undefined ? undefined : buildingIndex.get(src.buildingId);
    if (from === undefined) return;
    s.plants.forEach((p, pi) => {
      const units: number[] = [];
      let capacityW = 0;
      p.units.forEach((unit, ui) => {
        if (unit.kind === 'heatPump' && unit.source === src.id) {
          units.push(unitOffset[pi] + ui);
          capacityW += unit.capacityW;
        }
      });
      // A source inside its own plant's building (outdoor air) has nowhere to travel.
      if (units.length > 0 && plantBuilding[pi] !== from) sourceLinks.push({ sourceIndex: si, fromBuilding: from, toPlant: pi, units, capacityW });
    });
  });

  const centreX = (minX + maxX) / 2;
  const centreY = (minY + maxY) / 2;
  const radiusM = Math.max(50, Math.hypot(maxX - minX, maxY - minY) / 2);
  return {
    bounds: { minX, maxX, minY, maxY, centreX, centreY, radiusM },
    drawScale: drawScaleOf(radiusM),
    boxes,
    kindOfBuilding,
    instanceOfBuilding,
    buildingsOfKind,
    plantBuilding,
    plantOfBuilding,
    unitOffset,
    pipeEnds,
    streets: Float64Array.from(streetList),
    streetPipe: Int32Array.from(streetPipe),
    sourceLinks,
  };
}
