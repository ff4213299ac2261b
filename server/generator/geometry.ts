/**
 * Plane geometry for the city generator: points in metres in the local east (x) / north (y) frame,
 * rectangles laid out relative to a street segment, rounding for compact, stable JSON.
 */
export type Point = [x: number, y: number];

/** Rounds to a fixed number of decimals so the JSON is short and identical across platforms. */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r; // no "-0" in the JSON
}

export function roundPoint(p: Point): Point {
  return [round(p[0], 1), round(p[1], 1)];
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Signed area (shoelace): positive for a counter-clockwise polygon. */
export function signedArea(polygon: ReadonlyArray<Point>): number {
  let twice = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x0, y0] = polygon[i];
    const [x1, y1] = polygon[(i + 1) % polygon.length];
    twice += x0 * y1 - x1 * y0;
  }
  return twice / 2;
}

/** Polygon as given, or reversed, so that it runs counter-clockwise. */
export function counterClockwise(polygon: Point[]): Point[] {
  return signedArea(polygon) < 0 ? polygon.slice().reverse() : polygon;
}

/** Axis-aligned rectangle centred at (cx, cy), counter-clockwise from the south-west corner. */
export function axisRect(cx: number, cy: number, widthM: number, depthM: number): Point[] {
  const hw = widthM / 2;
  const hd = depthM / 2;
  return [
    [cx - hw, cy - hd],
    [cx + hw, cy - hd],
    [cx + hw, cy + hd],
    [cx - hw, cy + hd],
  ];
}

/**
 * A frame along a street: origin at the segment start, `u` along the street, `n` pointing into the block.
 * (s, d) = (distance along the street, distance from its centreline into the block).
 */
export interface StreetFrame {
  origin: Point;
  u: Point;
  n: Point;
  lengthM: number;
}

export function streetFrame(a: Point, b: Point, towards: Point): StreetFrame {
  const lengthM = distance(a, b);
  const u: Point = [(b[0] - a[0]) / lengthM, (b[1] - a[1]) / lengthM];
  let n: Point = [-u[1], u[0]];
  if ((towards[0] - a[0]) * n[0] + (towards[1] - a[1]) * n[1] < 0) n = [-n[0], -n[1]];
  return { origin: a, u, n, lengthM };
}

export function framePoint(f: StreetFrame, s: number, d: number): Point {
  return [f.origin[0] + f.u[0] * s + f.n[0] * d, f.origin[1] + f.u[1] * s + f.n[1] * d];
}

/** Rectangle s in [s0, s1], d in [d0, d1] in a street frame, counter-clockwise. */
export function frameRect(f: StreetFrame, s0: number, s1: number, d0: number, d1: number): Point[] {
  return counterClockwise([framePoint(f, s0, d0), framePoint(f, s1, d0), framePoint(f, s1, d1), framePoint(f, s0, d1)]);
}
