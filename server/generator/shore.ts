/**
 * A schematic sea shore for a generated city: the district stands at the head of a wide bay of the Gulf of
 * Finland, as Espoo's shore districts (Matinkylä, Westend, Keilaniemi) do. Not a real coastline
 * (docs/geography.md): the generated city is synthetic, and Espoo's real shore lies some 7 km south of the
 * location it carries.
 *
 * Shape: the shore runs SHORE_GAP_M south of the southernmost building or node, with small coves (0-COVE_M deep)
 * along the city's width; beyond its east and west ends (and SHORE_GAP_M more) headlands reach north up to half
 * the city's depth, so no building stands in the water. The sea reaches SEA_REACH x the city's radius east, west
 * and south of its centre, past the edge of the ground the scene draws (6 radii), so the water never ends in view.
 */
import type { ScenarioInput } from '../../shared/scenario/schema';
import type { Rng } from '../sim/random';
import type { Point } from './geometry';

type MapParts = Pick<ScenarioInput, 'water' | 'places'>;

export const SHORE_GAP_M = 80;
const COVE_M = 40;
const SEA_REACH = 8;
/** Shore points along the city's width, so a big city's outline stays a few dozen points. */
const MAX_COVES = 24;
const MIN_COVE_SPACING_M = 120;

export interface PlanBox {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export function schematicShore(box: PlanBox, rng: Rng): Required<MapParts> {
  const cx = (box.minX + box.maxX) / 2;
  const cy = (box.minY + box.maxY) / 2;
  const r = Math.max(50, Math.hypot(box.maxX - box.minX, box.maxY - box.minY) / 2);
  const shoreY = box.minY - SHORE_GAP_M;
  const west = box.minX - SHORE_GAP_M;
  const east = box.maxX + SHORE_GAP_M;
  const coves = Math.max(2, Math.min(MAX_COVES, Math.round((east - west) / MIN_COVE_SPACING_M)));
  const headland = (x: number): Point[] => {
    const out = Math.sign(x - cx);
    return [
      [x + out * 0.15 * r, shoreY + (0.3 + 0.2 * rng.next()) * (box.maxY - box.minY)],
      [x + out * 0.5 * r, shoreY - (0.1 + 0.2 * rng.next()) * r],
    ];
  };
  const shore: Point[] = [
    [cx - SEA_REACH * r, shoreY - 0.3 * r],
    ...headland(west).reverse(),
    ...Array.from({ length: coves + 1 }, (_, i): Point => [
      west + ((east - west) * i) / coves,
      shoreY - COVE_M * rng.next(),
    ]),
    ...headland(east),
    [cx + SEA_REACH * r, shoreY - 0.3 * r],
  ];
  const south = cy - SEA_REACH * r;
  const polygon: Point[] = [...shore, [cx + SEA_REACH * r, south], [cx - SEA_REACH * r, south]];
  return {
    water: [{ name: 'Gulf of Finland', polygon: polygon.map(([x, y]): Point => [Math.round(x), Math.round(y)]) }],
    places: [{ name: 'Gulf of Finland', kind: 'water', at: [Math.round(cx), Math.round(shoreY - 0.5 * r)] }],
  };
}
