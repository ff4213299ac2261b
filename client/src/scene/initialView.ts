/**
 * The camera's first view of a city: from the south-south-east, about 40° above the horizon, at 1.7 city radii
 * (the whole city in view), moved over the ground so that the main plant (the plant marked `main`, the one
 * holding the network's pressure) stands in the middle of the screen area the HUD's panels leave free rather
 * than under them. The camera keeps its direction, so the move is the ground offset between where the view ray
 * through the free area's centre meets the ground and the plant. Scene axes as in cityLayout.ts.
 */
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import type { CameraPose } from '../story/focus';
import { BOX_STRIDE, type CityLayout } from './cityLayout';

/** Screen pixels, y down. */
export interface ScreenRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Camera position relative to the point it looks at, in city radii: east, up, south. */
const VIEW_OFFSET_RADII: readonly [number, number, number] = [0.45, 1.05, 1.25];
/** Height (m, times the draw scale) over the ground of a plant without a building of its own. */
const NO_BUILDING_HEIGHT_M = 2;

/** Where a plant stands in the scene: its building's centre and roof height, or its network node. */
export function plantPosition(
  scenario: Scenario,
  layout: CityLayout,
  plant: number,
): { x: number; z: number; roofM: number } {
  const b = layout.plantBuilding[plant];
  if (b >= 0) {
    const o = b * BOX_STRIDE;
    return { x: layout.boxes[o], z: -layout.boxes[o + 1], roofM: layout.boxes[o + 5] };
  }
  const node = scenario.network.nodes.find((n) => n.id === scenario.plants[plant].node);
  return { x: node?.x ?? 0, z: -(node?.y ?? 0), roofM: NO_BUILDING_HEIGHT_M * layout.drawScale };
}

/** The plant marked main (exactly one is), else the first. */
export function mainPlant(scenario: Scenario): number {
  return Math.max(0, scenario.plants.findIndex((p) => p.main));
}

/**
 * The view that puts ground point (focusX, focusZ) at the centre of `free` on a `width` x `height` screen seen
 * with a vertical field of view of `fovDeg`, for a city of `radiusM`.
 */
export function initialView(
  radiusM: number,
  focusX: number,
  focusZ: number,
  screen: { width: number; height: number },
  free: ScreenRect,
  fovDeg: number,
): CameraPose {
  const offset = new THREE.Vector3(...VIEW_OFFSET_RADII).multiplyScalar(radiusM);
  const forward = offset.clone().negate().normalize();
  const right = new THREE.Vector3().crossVectors(forward, new THREE.Vector3(0, 1, 0)).normalize();
  const up = new THREE.Vector3().crossVectors(right, forward);
  const tanY = Math.tan(THREE.MathUtils.degToRad(fovDeg) / 2);
  const tanX = tanY * (screen.width / screen.height);
  // The free area's centre in normalised device coordinates (x right, y up, -1..1).
  const ndcX = (free.left + free.right) / screen.width - 1;
  const ndcY = 1 - (free.top + free.bottom) / screen.height;
  const ray = forward.clone().addScaledVector(right, ndcX * tanX).addScaledVector(up, ndcY * tanY);
  // Looking at the origin from `offset`, that ray meets the ground here; shift both so it meets the focus.
  const hit = offset.clone().addScaledVector(ray, -offset.y / ray.y);
  const target = new THREE.Vector3(focusX - hit.x, 0, focusZ - hit.z);
  const position = target.clone().add(offset);
  return { position: [position.x, position.y, position.z], target: [target.x, target.y, target.z] };
}
