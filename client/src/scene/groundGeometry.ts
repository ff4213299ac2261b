/**
 * The ground's geometry (Ground.tsx draws it): roads as flat quads along the street segments, each wide enough to
 * show a kerb either side of the supply and return ribbons lying on it (pipeGeometry.ts), ends extended by half a
 * width to close the corners; the water polygons triangulated (earcut, three.js ShapeUtils) into one flat mesh.
 * Plan metres in, scene axes out (x east, y up, z = -north).
 */
import * as THREE from 'three';
import { pipeWidthM } from './pipeGeometry';

/** Narrowest road (m at draw scale 1): a two-lane street. */
const STREET_WIDTH_M = 9;
/** Road showing either side of a pipe pair, and the gap between the supply and return ribbons (pipeGeometry.ts). */
const KERB_M = 2;
const RIBBON_GAP_M = 0.2;

/** Drawn road width (m) along a pipe of this inner diameter: its supply and return ribbons plus a kerb each side. */
export function roadWidthM(innerDiameterM: number, drawScale = 1): number {
  const pipesM = 2 * (pipeWidthM(innerDiameterM, drawScale) + RIBBON_GAP_M * drawScale);
  return Math.max(STREET_WIDTH_M * drawScale, pipesM + 2 * KERB_M * drawScale);
}

/** One quad per street segment (x0, y0, x1, y1 in plan metres), `widthsM[i]` wide, at height `y`. */
export function buildStreetGeometry(
  streets: Float64Array,
  widthsM: ArrayLike<number>,
  y: number,
): THREE.BufferGeometry {
  const segments = streets.length / 4;
  const position = new Float32Array(segments * 12);
  const index = new Uint32Array(segments * 6);
  for (let i = 0; i < segments; i++) {
    const h = widthsM[i] / 2;
    const x0 = streets[i * 4], y0 = streets[i * 4 + 1], x1 = streets[i * 4 + 2], y1 = streets[i * 4 + 3];
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const ux = ((x1 - x0) / len) * h, uy = ((y1 - y0) / len) * h;
    const corners = [
      x0 - ux + uy, y0 - uy - ux,
      x1 + ux + uy, y1 + uy - ux,
      x1 + ux - uy, y1 + uy + ux,
      x0 - ux - uy, y0 - uy + ux,
    ];
    for (let c = 0; c < 4; c++) position.set([corners[c * 2], y, -corners[c * 2 + 1]], i * 12 + c * 3);
    index.set([i * 4, i * 4 + 1, i * 4 + 2, i * 4, i * 4 + 2, i * 4 + 3], i * 6);
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(position, 3));
  g.setIndex(new THREE.BufferAttribute(index, 1));
  g.computeVertexNormals();
  return g;
}

/** Every water polygon triangulated (earcut) into one flat mesh at height `y`, normals up. */
export function buildWaterGeometry(
  water: ReadonlyArray<{ polygon: ReadonlyArray<readonly [number, number]> }>,
  y: number,
): THREE.BufferGeometry {
  const position: number[] = [];
  const index: number[] = [];
  for (const { polygon } of water) {
    const base = position.length / 3;
    const contour = polygon.map(([x, py]) => new THREE.Vector2(x, py));
    for (const [a, b, c] of THREE.ShapeUtils.triangulateShape(contour, [])) {
      // Counter-clockwise seen from above (+y), whichever way the outline runs.
      const ccw = THREE.ShapeUtils.area([contour[a], contour[b], contour[c]]) > 0;
      index.push(base + a, base + (ccw ? b : c), base + (ccw ? c : b));
    }
    for (const [x, py] of polygon) position.push(x, y, -py);
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(position, 3));
  g.setAttribute('normal', new THREE.Float32BufferAttribute(position.map((_, i) => (i % 3 === 1 ? 1 : 0)), 3));
  g.setIndex(index);
  return g;
}
