/**
 * One mesh for every pipe: each network pipe becomes two flat ribbons (supply and return, side by side across
 * the street line), each source link one ribbon arching from the source building's roof to its plant's roof.
 * Ribbon width = 0.8 m + 12 × inner diameter (exaggerated: a 29 mm service pipe draws 1.1 m wide, a 313 mm
 * trunk 4.6 m), so trunks read as trunks from a kilometre away; times the city's draw scale (cityLayout.ts), as
 * are the links' width, their arc's rise above the roofs, the gap between the two ribbons and the ribbons' height
 * above the ground (kept in step with the camera's near plane, so the depth buffer still separates them from the
 * ground). Ends overlap by half a width to close the joints.
 * Per vertex: position (scene metres), aLane (row of the flow texture: pipe index, then link index after the
 * pipes), aAlong (m from the pipe's `from` end, the direction of positive supply flow), aAcross (-1..1 over the
 * ribbon), aSide (0 supply, 1 return, 2 source link).
 */
import { BOX_STRIDE, type CityLayout } from './cityLayout';

/** Ribbon heights above the ground at draw scale 1 (m). */
export const SUPPLY_Y_M = 0.5;
export const RETURN_Y_M = 0.45;
const LINK_SEGMENTS = 24;
const LINK_WIDTH_M = 3;
const RIBBON_GAP_M = 0.2;
const LINK_CLEARANCE_M = 6;

/** Drawn ribbon width (m) of a pipe of this inner diameter (m) at the city's draw scale. */
export function pipeWidthM(innerDiameterM: number, drawScale = 1): number {
  return drawScale * (0.8 + 12 * innerDiameterM);
}

export interface PipeMeshArrays {
  position: Float32Array;
  lane: Float32Array;
  along: Float32Array;
  across: Float32Array;
  side: Float32Array;
  index: Uint32Array;
  /** Texture rows: pipes + links. */
  lanes: number;
}

export function buildPipeMesh(layout: CityLayout, innerDiametersM: ArrayLike<number>, roofHeightM: (building: number) => number): PipeMeshArrays {
  const pipes = innerDiametersM.length;
  const links = layout.sourceLinks.length;
  const quads = pipes * 2 + links * LINK_SEGMENTS;
  const position = new Float32Array(quads * 4 * 3);
  const lane = new Float32Array(quads * 4);
  const along = new Float32Array(quads * 4);
  const across = new Float32Array(quads * 4);
  const side = new Float32Array(quads * 4);
  const index = new Uint32Array(quads * 6);
  let q = 0;
  const scale = layout.drawScale;

  // A quad from plan point (x0, y0, h0) to (x1, y1, h1), `w` wide, centred `offset` to the left of its direction.
  const quad = (laneIndex: number, sideCode: number, x0: number, y0: number, h0: number, s0: number, x1: number, y1: number, h1: number, s1: number, w: number, offset: number) => {
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const ux = (x1 - x0) / len;
    const uy = (y1 - y0) / len;
    const nx = -uy;
    const ny = ux;
    const corners: Array<[number, number, number, number, number]> = [
      [x0, y0, h0, s0, -1],
      [x1, y1, h1, s1, -1],
      [x1, y1, h1, s1, 1],
      [x0, y0, h0, s0, 1],
    ];
    for (let c = 0; c < 4; c++) {
      const [x, y, h, s, a] = corners[c];
      const d = offset + (a * w) / 2;
      const v = q * 4 + c;
      position[v * 3] = x + nx * d;
      position[v * 3 + 1] = h;
      position[v * 3 + 2] = -(y + ny * d); // scene z = -north
      lane[v] = laneIndex;
      along[v] = s;
      across[v] = a;
      side[v] = sideCode;
    }
    // Counter-clockwise seen from above (+y) so the default front face looks up.
    index.set([q * 4, q * 4 + 1, q * 4 + 2, q * 4, q * 4 + 2, q * 4 + 3], q * 6);
    q++;
  };

  for (let p = 0; p < pipes; p++) {
    const o = p * 4;
    const x0 = layout.pipeEnds[o], y0 = layout.pipeEnds[o + 1], x1 = layout.pipeEnds[o + 2], y1 = layout.pipeEnds[o + 3];
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const w = pipeWidthM(innerDiametersM[p], scale);
    const ex = ((x1 - x0) / len) * (w / 2);
    const ey = ((y1 - y0) / len) * (w / 2);
    const gap = w / 2 + RIBBON_GAP_M * scale;
    quad(p, 0, x0 - ex, y0 - ey, SUPPLY_Y_M * scale, -w / 2, x1 + ex, y1 + ey, SUPPLY_Y_M * scale, len + w / 2, w, gap);
    quad(p, 1, x0 - ex, y0 - ey, RETURN_Y_M * scale, -w / 2, x1 + ex, y1 + ey, RETURN_Y_M * scale, len + w / 2, w, -gap);
  }

  layout.sourceLinks.forEach((link, li) => {
    const a = link.fromBuilding * BOX_STRIDE;
    const b = layout.plantBuilding[link.toPlant] * BOX_STRIDE;
    if (b < 0) return;
    const ax = layout.boxes[a], ay = layout.boxes[a + 1], ah = roofHeightM(link.fromBuilding);
    const bx = layout.boxes[b], by = layout.boxes[b + 1], bh = roofHeightM(layout.plantBuilding[link.toPlant]);
    const dist = Math.hypot(bx - ax, by - ay);
    // The rise's 0.15 x distance already grows with the city; the clearance over the roofs is a drawn size.
    const rise = Math.max(ah, bh) + LINK_CLEARANCE_M * scale + 0.15 * dist;
    let prevX = ax, prevY = ay, prevH = ah + scale, prevS = 0;
    for (let k = 1; k <= LINK_SEGMENTS; k++) {
      const t = k / LINK_SEGMENTS;
      // A parabola from roof to roof, peaking `rise` above the line between them.
      const x = ax + (bx - ax) * t;
      const y = ay + (by - ay) * t;
      const h = ah + scale + (bh - ah) * t + 4 * t * (1 - t) * (rise - (ah + bh) / 2);
      const s = prevS + Math.hypot(x - prevX, y - prevY, h - prevH);
      quad(pipes + li, 2, prevX, prevY, prevH, prevS, x, y, h, s, LINK_WIDTH_M * scale, 0);
      prevX = x; prevY = y; prevH = h; prevS = s;
    }
  });

  return {
    position: position.subarray(0, q * 12),
    lane: lane.subarray(0, q * 4),
    along: along.subarray(0, q * 4),
    across: across.subarray(0, q * 4),
    side: side.subarray(0, q * 4),
    index: index.subarray(0, q * 6),
    lanes: pipes + links,
  };
}
