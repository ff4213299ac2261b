/**
 * Building placement: which kind of block goes where, and the buildings on it.
 *
 * Ordinary blocks carry buildings along their streets: a row on each east-west side (the full block length,
 * clear of the cross streets) and, where the block is deep enough, a row on the north-south sides between them.
 * Each building is a rectangle set back from the street centreline by half a street (7 m) plus a front yard;
 * it connects at the midpoint of its street-facing wall (`attach`). Special blocks (data-centre campus,
 * treatment plant, energy block, supermarket, schools) hold a few large buildings in the middle of the block.
 * Zoning by normalised distance r from the centre: a mixed office/retail/apartment centre (r < 0.4), apartment
 * blocks (r < 1), then, in the corners, a suburb of detached and terraced houses with some apartment blocks: the Espoo pattern of
 * centres (Tapiola, Leppävaara) ringed by 1960s-80s suburbs. Floor area = footprint area × floors (gross).
 *
 * Ages: Espoo-like mix (assumption, shaped on the Espoo building stock by decade in Statistics Finland's
 * building register: few pre-1960 buildings, most apartment blocks from the 1960s-80s, strong growth since 2000).
 */
import type { BuildingUse } from '../../shared/scenario/schema';
import type { Rng } from '../sim/random';
import { axisRect, distance, frameRect, framePoint, signedArea, streetFrame, type Point } from './geometry';
import { blockIndex, type Block, type StreetGrid } from './streets';

export const STREET_HALF_WIDTH_M = 7;
/** Clearance kept from a cross street's centreline, covering the ±3 m intersection jitter. */
const CORNER_CLEAR_M = STREET_HALF_WIDTH_M + 4;

export type BuildingType =
  | 'detached'
  | 'terraced'
  | 'slab'
  | 'point'
  | 'office'
  | 'retail'
  | 'school'
  | 'supermarket'
  | 'datacentre'
  | 'industrial'
  | 'plant';

/** Role of a special building, so plants and sources can find it. */
export type PlotRole =
  | 'dcHall'
  | 'mainPlant'
  | 'treatmentHall'
  | 'wastewaterPlant'
  | 'airPlant'
  | 'reservePlant'
  | 'supermarket'
  | 'supermarketPlant'
  | 'heatNodePlant'
  | 'officeCluster';

export interface Plot {
  use: BuildingUse;
  type: BuildingType;
  role?: PlotRole;
  footprint: Point[];
  floors: number;
  heightM: number;
  floorAreaM2: number;
  yearBuilt: number;
  /** Whether the building has a substation on the network (plants and data-centre halls do not). */
  connected: boolean;
  /** Connection point: the middle of the wall facing `segment`. */
  attach: Point;
  segment: number;
  block: number;
  /** Regular plots may be dropped to hit the requested building count; special ones never. */
  trimmable: boolean;
  distanceM: number;
}

interface TypeSpec {
  use: BuildingUse;
  widthM: [number, number];
  depthM: [number, number];
  floors: [number, number];
  floorHeightM: number;
  gapM: [number, number];
  yardM: [number, number];
  /** [first year, last year, weight] classes. */
  ages: ReadonlyArray<[number, number, number]>;
}

const APARTMENT_AGES: ReadonlyArray<[number, number, number]> = [
  [1950, 1959, 4], [1960, 1969, 17], [1970, 1979, 25], [1980, 1989, 16], [1990, 1999, 12], [2000, 2009, 12], [2010, 2020, 14],
];
const HOUSE_AGES: ReadonlyArray<[number, number, number]> = [
  [1950, 1959, 5], [1960, 1969, 8], [1970, 1979, 17], [1980, 1989, 22], [1990, 1999, 16], [2000, 2009, 17], [2010, 2020, 15],
];
const NONRESIDENTIAL_AGES: ReadonlyArray<[number, number, number]> = [
  [1960, 1969, 10], [1970, 1979, 20], [1980, 1989, 20], [1990, 1999, 18], [2000, 2009, 17], [2010, 2020, 15],
];

export const TYPES: Record<'detached' | 'terraced' | 'slab' | 'point' | 'office' | 'retail', TypeSpec> = {
  detached: { use: 'residential', widthM: [10, 14], depthM: [8, 11], floors: [1, 2], floorHeightM: 3, gapM: [6, 10], yardM: [5, 9], ages: HOUSE_AGES },
  terraced: { use: 'residential', widthM: [24, 40], depthM: [9, 11], floors: [1, 2], floorHeightM: 3, gapM: [8, 12], yardM: [4, 8], ages: HOUSE_AGES },
  slab: { use: 'residential', widthM: [30, 55], depthM: [11, 14], floors: [3, 8], floorHeightM: 3, gapM: [8, 14], yardM: [4, 8], ages: APARTMENT_AGES },
  point: { use: 'residential', widthM: [16, 20], depthM: [16, 20], floors: [5, 8], floorHeightM: 3, gapM: [10, 16], yardM: [4, 8], ages: APARTMENT_AGES },
  office: { use: 'office', widthM: [25, 50], depthM: [14, 20], floors: [3, 7], floorHeightM: 3.6, gapM: [8, 12], yardM: [3, 6], ages: NONRESIDENTIAL_AGES },
  retail: { use: 'retail', widthM: [20, 40], depthM: [15, 20], floors: [1, 2], floorHeightM: 4.5, gapM: [6, 10], yardM: [3, 6], ages: NONRESIDENTIAL_AGES },
};

type TypeName = keyof typeof TYPES;
/** Weighted mix of building types along the streets of a block kind. */
type Mix = ReadonlyArray<[TypeName, number]>;

const MIXES = {
  centre: [['office', 35], ['retail', 25], ['slab', 25], ['point', 15]],
  offices: [['office', 1]],
  apartments: [['slab', 65], ['point', 35]],
  terraced: [['terraced', 70], ['detached', 30]],
  detached: [['detached', 1]],
} as const satisfies Record<string, Mix>;

export type BlockKind =
  | keyof typeof MIXES
  | 'datacentre'
  | 'wastewater'
  | 'energy'
  | 'supermarket'
  | 'school';

/** Block kinds by position: fixed places for the special blocks, zoning by distance for the rest. */
export function assignBlockKinds(grid: StreetGrid, rng: Rng): BlockKind[] {
  const { cols, rows } = grid;
  const kinds: BlockKind[] = grid.blocks.map((block) => {
    const r = Math.hypot(block.centre[0] / grid.halfWidthM, block.centre[1] / grid.halfHeightM);
    if (r < 0.4) return 'centre';
    if (r < 1) return rng.next() < 0.1 ? 'terraced' : 'apartments';
    const u = rng.next();
    return u < 0.3 ? 'detached' : u < 0.6 ? 'terraced' : 'apartments';
  });
  const midCol = Math.floor(cols / 2);
  const midRow = Math.floor(rows / 2);
  kinds[blockIndex(grid, 0, midRow)] = 'datacentre';
  kinds[blockIndex(grid, cols - 1, 0)] = 'wastewater';
  kinds[blockIndex(grid, midCol, rows - 1)] = 'energy';
  kinds[blockIndex(grid, midCol, midRow)] = 'supermarket';
  kinds[blockIndex(grid, midCol - 1, midRow)] = 'offices';
  kinds[blockIndex(grid, midCol - 1, midRow - 1)] = 'offices';
  // Schools: about one per 25 blocks, in residential blocks.
  const residential = kinds.map((k, i) => (k === 'apartments' || k === 'terraced' || k === 'detached' ? i : -1)).filter((i) => i >= 0);
  const schools = Math.min(residential.length, Math.max(1, Math.round(grid.blocks.length / 25)));
  for (let n = 0; n < schools; n++) {
    const pick = Math.floor(rng.next() * residential.length);
    kinds[residential[pick]] = 'school';
    residential.splice(pick, 1);
  }
  return kinds;
}

/** All buildings of the city, in block order. */
export function layoutBuildings(grid: StreetGrid, kinds: ReadonlyArray<BlockKind>, rng: Rng): Plot[] {
  const plots: Plot[] = [];
  const heatNodeBlock = blockIndex(grid, Math.floor(grid.cols / 2) - 1, Math.floor(grid.rows / 2));
  grid.blocks.forEach((block, bi) => {
    const kind = kinds[bi];
    const blockRng = rng.fork(`block-${bi}`);
    const before = plots.length;
    if (kind in MIXES) {
      streetPlots(grid, block, bi, MIXES[kind as keyof typeof MIXES], blockRng, plots);
      if (kind === 'offices') {
        for (let i = before; i < plots.length; i++) plots[i].role = 'officeCluster';
        if (bi === heatNodeBlock) makeHeatNodePlant(plots, before);
      }
    } else {
      specialPlots(block, bi, kind, blockRng, plots);
    }
  });
  return plots;
}

function pick<T>(rng: Rng, [lo, hi]: [T & number, T & number]): number {
  return lo + rng.next() * (hi - lo);
}

function pickInt(rng: Rng, [lo, hi]: [number, number]): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

function pickYear(rng: Rng, ages: ReadonlyArray<[number, number, number]>): number {
  const total = ages.reduce((s, a) => s + a[2], 0);
  let u = rng.next() * total;
  for (const [from, to, w] of ages) {
    if (u < w) return from + Math.floor(rng.next() * (to - from + 1));
    u -= w;
  }
  return ages[ages.length - 1][1];
}

function pickType(rng: Rng, mix: Mix): TypeName {
  const total = mix.reduce((s, m) => s + m[1], 0);
  let u = rng.next() * total;
  for (const [name, w] of mix) {
    if (u < w) return name;
    u -= w;
  }
  return mix[mix.length - 1][0];
}

function streetPlots(grid: StreetGrid, block: Block, bi: number, mix: Mix, rng: Rng, out: Plot[]): void {
  // Rows on the north-south sides must stay clear of the deepest building on the east-west sides.
  let reach = 0;
  for (const [name] of mix) reach = Math.max(reach, STREET_HALF_WIDTH_M + TYPES[name].yardM[1] + TYPES[name].depthM[1]);
  const sides: Array<[number, number]> = [
    [block.south, CORNER_CLEAR_M],
    [block.north, CORNER_CLEAR_M],
    [block.west, reach + 4],
    [block.east, reach + 4],
  ];
  for (const [segIndex, clearM] of sides) {
    const seg = grid.segments[segIndex];
    const frame = streetFrame(grid.intersections[seg.a], grid.intersections[seg.b], block.centre);
    let s = clearM + rng.next() * 4;
    for (;;) {
      const type = TYPES[pickType(rng, mix)];
      const widthM = pick(rng, type.widthM);
      if (s + widthM > frame.lengthM - clearM) break;
      const d0 = STREET_HALF_WIDTH_M + pick(rng, type.yardM);
      const d1 = d0 + pick(rng, type.depthM);
      const floors = pickInt(rng, type.floors);
      out.push(
        makePlot({
          use: type.use,
          type: typeName(type),
          footprint: frameRect(frame, s, s + widthM, d0, d1),
          floors,
          heightM: floors * type.floorHeightM,
          yearBuilt: pickYear(rng, type.ages),
          attach: framePoint(frame, s + widthM / 2, d0),
          segment: segIndex,
          block: bi,
          trimmable: true,
        }),
      );
      s += widthM + pick(rng, type.gapM);
    }
  }
}

function typeName(spec: TypeSpec): BuildingType {
  return (Object.keys(TYPES) as TypeName[]).find((k) => TYPES[k] === spec)!;
}

interface PlotDraft {
  use: BuildingUse;
  type: BuildingType;
  role?: PlotRole;
  footprint: Point[];
  floors: number;
  heightM: number;
  yearBuilt: number;
  attach: Point;
  segment: number;
  block: number;
  trimmable: boolean;
  connected?: boolean;
}

function makePlot(d: PlotDraft): Plot {
  const area = Math.abs(signedArea(d.footprint));
  const centre = d.footprint.reduce<Point>((c, p) => [c[0] + p[0] / d.footprint.length, c[1] + p[1] / d.footprint.length], [0, 0]);
  return {
    use: d.use,
    type: d.type,
    ...(d.role ? { role: d.role } : {}),
    footprint: d.footprint,
    floors: d.floors,
    heightM: d.heightM,
    floorAreaM2: area * d.floors,
    yearBuilt: d.yearBuilt,
    connected: d.connected ?? (d.use !== 'plant' && d.use !== 'datacentre'),
    attach: d.attach,
    segment: d.segment,
    block: d.block,
    trimmable: d.trimmable,
    distanceM: distance(centre, [0, 0]),
  };
}

/** The first office on the cluster's south street becomes the heat-node plant (heat pump room, one tall floor). */
function makeHeatNodePlant(plots: Plot[], first: number): void {
  const p = plots[first];
  if (!p) return;
  p.use = 'plant';
  p.type = 'plant';
  p.role = 'heatNodePlant';
  p.floors = 1;
  p.heightM = 12;
  p.floorAreaM2 = Math.abs(signedArea(p.footprint));
  p.connected = false;
  p.trimmable = false;
}

/** A building in the middle of a block, connected to the block's south street at the middle of its south wall. */
function central(
  block: Block,
  bi: number,
  cx: number,
  cy: number,
  widthM: number,
  depthM: number,
  d: Omit<PlotDraft, 'footprint' | 'attach' | 'segment' | 'block' | 'trimmable'>,
): Plot {
  return makePlot({
    ...d,
    footprint: axisRect(cx, cy, widthM, depthM),
    attach: [cx, cy - depthM / 2],
    segment: block.south,
    block: bi,
    trimmable: false,
  });
}

function specialPlots(block: Block, bi: number, kind: BlockKind, rng: Rng, out: Plot[]): void {
  const inset = STREET_HALF_WIDTH_M + 6;
  const x0 = block.minX + inset;
  const x1 = block.maxX - inset;
  const y0 = block.minY + inset;
  const y1 = block.maxY - inset;
  const w = x1 - x0;
  const h = y1 - y0;
  const cx = (x0 + x1) / 2;
  const plant = (role: PlotRole, px: number, py: number, pw: number, pd: number, heightM: number, yearBuilt: number) =>
    central(block, bi, px, py, pw, pd, { use: 'plant', type: 'plant', role, floors: 1, heightM, yearBuilt });

  switch (kind) {
    case 'datacentre': {
      // Two data halls on the north of the campus, the heat pump plant on its south street.
      const hallW = (w - 12) / 2;
      const hallD = h * 0.5;
      const hy = y1 - hallD / 2;
      for (const hx of [x0 + hallW / 2, x1 - hallW / 2]) {
        out.push(central(block, bi, hx, hy, hallW, hallD, { use: 'datacentre', type: 'datacentre', role: 'dcHall', floors: 2, heightM: 14, yearBuilt: 2018 + pickInt(rng, [0, 4]) }));
      }
      out.push(plant('mainPlant', x0 + 20, y0 + 13, 36, 24, 22, 2021));
      return;
    }
    case 'wastewater': {
      const hallD = h * 0.35;
      out.push(central(block, bi, cx, y1 - hallD / 2, w * 0.8, hallD, { use: 'industrial', type: 'industrial', role: 'treatmentHall', floors: 1, heightM: 9, yearBuilt: 1972 + pickInt(rng, [0, 20]) }));
      out.push(plant('wastewaterPlant', cx, y0 + 11, 30, 20, 16, 2019));
      return;
    }
    case 'energy': {
      out.push(plant('airPlant', x0 + w * 0.3, y0 + h * 0.35, w * 0.45, h * 0.5, 14, 2022));
      out.push(plant('reservePlant', x1 - 12, y0 + 11, 20, 18, 20, 1988));
      return;
    }
    case 'supermarket': {
      const sw = Math.min(65, w * 0.8);
      const sd = Math.min(40, h * 0.55);
      const sy = y1 - sd / 2;
      out.push(central(block, bi, cx, sy, sw, sd, { use: 'supermarket', type: 'supermarket', role: 'supermarket', floors: 1, heightM: 7, yearBuilt: 1995 + pickInt(rng, [0, 20]) }));
      out.push(plant('supermarketPlant', x0 + 8, y0 + 5, 12, 8, 6, 2023));
      return;
    }
    case 'school': {
      const floors = pickInt(rng, [2, 3]);
      out.push(central(block, bi, cx, (y0 + y1) / 2, w * 0.6, h * 0.45, { use: 'school', type: 'school', floors, heightM: floors * 3.6, yearBuilt: pickYear(rng, NONRESIDENTIAL_AGES) }));
      return;
    }
    default:
      throw new Error(`no layout for block kind ${kind}`);
  }
}
