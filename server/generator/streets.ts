/**
 * Street grid of a generated city and the street network the pipes follow.
 *
 * Blocks are 85-145 m on a side (column widths and row depths drawn independently), intersections jittered by
 * up to ±3 m so the grid is slightly irregular. Street centrelines run between intersections.
 * Pipe layout (district heating practice: a meshed core for security of supply, radial branches beyond it):
 *  - a ring round the centre (the rectangle of grid lines at about 1/4 and 3/4 of the grid) with one cross link
 *    through the middle (2 independent loops) and, when the ring is at least two blocks deep, a second, half cross
 *    link (3 independent loops);
 *  - every other intersection hangs off the ring by a breadth-first tree over the streets (role 'tree');
 *  - streets that the tree does not need are still piped, from both ends, but the pipe is open in the middle
 *    (role 'split'), so the network stays a tree outside the ring.
 */
import type { Rng } from '../sim/random';
import type { Point } from './geometry';

export type SegmentRole = 'ring' | 'cross' | 'tree' | 'split';

export interface StreetSegment {
  index: number;
  /** Intersection indices (grid node = row * (cols + 1) + col). */
  a: number;
  b: number;
  horizontal: boolean;
  role: SegmentRole;
}

export interface Block {
  col: number;
  row: number;
  /** Segment indices of the block's sides. */
  south: number;
  east: number;
  north: number;
  west: number;
  centre: Point;
  /** Inner box between the street centrelines (axis-aligned, shrunk by the jitter). */
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export interface StreetGrid {
  cols: number;
  rows: number;
  intersections: Point[];
  segments: StreetSegment[];
  blocks: Block[];
  /** Intersections on the ring or a cross link. */
  loopNode: boolean[];
  /** Half extents of the grid (m), for zoning by distance from the centre. */
  halfWidthM: number;
  halfHeightM: number;
}

export const MIN_BLOCK_M = 85;
export const MAX_BLOCK_M = 145;
export const JITTER_M = 3;

export function blockIndex(grid: { cols: number }, col: number, row: number): number {
  return row * grid.cols + col;
}

export function generateStreetGrid(cols: number, rows: number, rng: Rng): StreetGrid {
  if (cols < 2 || rows < 2) throw new Error('a street grid needs at least 2 x 2 blocks');
  const lineX = gridLines(cols, rng);
  const lineY = gridLines(rows, rng);
  const nodeOf = (col: number, row: number) => row * (cols + 1) + col;

  const intersections: Point[] = [];
  for (let row = 0; row <= rows; row++) {
    for (let col = 0; col <= cols; col++) {
      intersections.push([lineX[col] + (rng.next() * 2 - 1) * JITTER_M, lineY[row] + (rng.next() * 2 - 1) * JITTER_M]);
    }
  }

  const segments: StreetSegment[] = [];
  const horizontalIndex = (col: number, row: number) => row * cols + col;
  for (let row = 0; row <= rows; row++) {
    for (let col = 0; col < cols; col++) {
      segments.push({ index: segments.length, a: nodeOf(col, row), b: nodeOf(col + 1, row), horizontal: true, role: 'split' });
    }
  }
  const verticalBase = segments.length;
  const verticalIndex = (col: number, row: number) => verticalBase + col * rows + row;
  for (let col = 0; col <= cols; col++) {
    for (let row = 0; row < rows; row++) {
      segments.push({ index: segments.length, a: nodeOf(col, row), b: nodeOf(col, row + 1), horizontal: false, role: 'split' });
    }
  }

  // Ring and cross links.
  const c0 = Math.floor(cols / 4);
  const c1 = cols - c0;
  const r0 = Math.floor(rows / 4);
  const r1 = rows - r0;
  const cm = Math.floor((c0 + c1) / 2);
  const rm = Math.floor((r0 + r1) / 2);
  for (let col = c0; col < c1; col++) {
    segments[horizontalIndex(col, r0)].role = 'ring';
    segments[horizontalIndex(col, r1)].role = 'ring';
  }
  for (let row = r0; row < r1; row++) {
    segments[verticalIndex(c0, row)].role = 'ring';
    segments[verticalIndex(c1, row)].role = 'ring';
    segments[verticalIndex(cm, row)].role = 'cross';
  }
  if (r1 - r0 >= 2) for (let col = c0; col < cm; col++) segments[horizontalIndex(col, rm)].role = 'cross';

  const loopNode = intersections.map(() => false);
  for (const s of segments) if (s.role !== 'split') loopNode[s.a] = loopNode[s.b] = true;
  markTree(intersections.length, segments, loopNode);

  const blocks: Block[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const sw = intersections[nodeOf(col, row)];
      const se = intersections[nodeOf(col + 1, row)];
      const ne = intersections[nodeOf(col + 1, row + 1)];
      const nw = intersections[nodeOf(col, row + 1)];
      blocks.push({
        col,
        row,
        south: horizontalIndex(col, row),
        north: horizontalIndex(col, row + 1),
        west: verticalIndex(col, row),
        east: verticalIndex(col + 1, row),
        centre: [(sw[0] + se[0] + ne[0] + nw[0]) / 4, (sw[1] + se[1] + ne[1] + nw[1]) / 4],
        minX: Math.max(sw[0], nw[0]),
        maxX: Math.min(se[0], ne[0]),
        minY: Math.max(sw[1], se[1]),
        maxY: Math.min(nw[1], ne[1]),
      });
    }
  }
  return {
    cols,
    rows,
    intersections,
    segments,
    blocks,
    loopNode,
    halfWidthM: (lineX[cols] - lineX[0]) / 2,
    halfHeightM: (lineY[rows] - lineY[0]) / 2,
  };
}

/** Grid line positions with block sizes drawn in [MIN_BLOCK_M, MAX_BLOCK_M], centred on 0. */
function gridLines(blocks: number, rng: Rng): number[] {
  const lines = [0];
  for (let i = 0; i < blocks; i++) lines.push(lines[i] + MIN_BLOCK_M + rng.next() * (MAX_BLOCK_M - MIN_BLOCK_M));
  const mid = lines[blocks] / 2;
  return lines.map((x) => x - mid);
}

/**
 * Breadth-first from all loop intersections at once; the first street reaching an intersection becomes a 'tree'
 * street. Horizontal streets are tried first, so the branches run mostly east-west like side streets off a trunk.
 */
function markTree(nodeCount: number, segments: StreetSegment[], loopNode: boolean[]): void {
  const incident: number[][] = Array.from({ length: nodeCount }, () => []);
  for (const s of segments) {
    if (s.role !== 'split') continue;
    incident[s.a].push(s.index);
    incident[s.b].push(s.index);
  }
  for (const list of incident) list.sort((p, q) => Number(segments[q].horizontal) - Number(segments[p].horizontal) || p - q);
  const reached = loopNode.slice();
  const queue: number[] = [];
  for (let n = 0; n < nodeCount; n++) if (loopNode[n]) queue.push(n);
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head];
    for (const si of incident[n]) {
      const s = segments[si];
      const m = s.a === n ? s.b : s.a;
      if (reached[m]) continue;
      reached[m] = true;
      s.role = 'tree';
      queue.push(m);
    }
  }
}
