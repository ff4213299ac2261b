/**
 * Where a story's camera looks: a focus (plant, building, source, whole city) as a point in scene axes
 * (x east, y up, z -north) and a size (m), and a camera pose around it.
 *   plant     its building's roof centre (cityLayout pairs plants with buildings), else its network node
 *   building  its roof centre
 *   source    its building, else the plant whose heat pumps draw from it (outdoor air)
 *   city      the centre of everything drawn, at ground level
 * Pose: the camera stands `distanceM` from the point, `pitchDeg` above the horizon, at compass bearing
 * 180° + headingDeg (0 = from the south, 90 = from the west). Default distance: 3.5 x the focus's size, at
 * least 180 m (a building and its neighbours in view at 45° field of view); the city: 1.6 x its radius. The
 * 180 m floor (which holds for a chapter's own distanceM too) and the 30 m size of a plant without a building are
 * drawn sizes: times the city's draw scale (cityLayout.ts), so in a 30 km region a chapter on one plant still shows
 * its district and the arcs into it rather than a wall of exaggerated pipes.
 */
import type { Scenario } from '../../../shared/scenario/schema';
import type { StoryCamera, StoryFocus } from '../../../shared/story/schema';
import { BOX_STRIDE, type CityLayout } from '../scene/cityLayout';

export interface FocusPoint {
  x: number;
  y: number;
  z: number;
  sizeM: number;
}

export interface CameraPose {
  position: [number, number, number];
  target: [number, number, number];
}

const DEFAULT_PITCH_DEG = 35;
const MIN_DISTANCE_M = 180;

function buildingPoint(layout: CityLayout, b: number): FocusPoint {
  const o = b * BOX_STRIDE;
  const box = layout.boxes;
  return { x: box[o], y: box[o + 5], z: -box[o + 1], sizeM: Math.max(box[o + 2], box[o + 3], box[o + 5]) };
}

const NODE_FOCUS_SIZE_M = 30;

function plantPoint(s: Scenario, layout: CityLayout, pi: number): FocusPoint {
  const b = layout.plantBuilding[pi];
  if (b >= 0) return buildingPoint(layout, b);
  const node = s.network.nodes.find((n) => n.id === s.plants[pi].node);
  return { x: node?.x ?? layout.bounds.centreX, y: 0, z: -(node?.y ?? layout.bounds.centreY), sizeM: NODE_FOCUS_SIZE_M * layout.drawScale };
}

function cityPoint(layout: CityLayout): FocusPoint {
  const b = layout.bounds;
  return { x: b.centreX, y: 0, z: -b.centreY, sizeM: b.radiusM };
}

/** The point a focus names; the whole city when the id is unknown (validation catches that for story files). */
export function focusPoint(f: StoryFocus, s: Scenario, layout: CityLayout): FocusPoint {
  if ('plant' in f) {
    const pi = s.plants.findIndex((p) => p.id === f.plant);
    return pi >= 0 ? plantPoint(s, layout, pi) : cityPoint(layout);
  }
  if ('building' in f) {
    const b = s.buildings.findIndex((x) => x.id === f.building);
    return b >= 0 ? buildingPoint(layout, b) : cityPoint(layout);
  }
  if ('source' in f) {
    const src = s.sources.find((x) => x.id === f.source);
    const b = src?.buildingId === undefined ? -1 : s.buildings.findIndex((x) => x.id === src.buildingId);
    if (b >= 0) return buildingPoint(layout, b);
    const pi = s.plants.findIndex((p) => p.units.some((u) => u.kind === 'heatPump' && u.source === f.source));
    return pi >= 0 ? plantPoint(s, layout, pi) : cityPoint(layout);
  }
  return cityPoint(layout);
}

/** The camera pose looking at `p` as the chapter's camera asks, in a city drawn at `drawScale` (cityLayout.ts). */
export function poseAround(p: FocusPoint, cam: Omit<StoryCamera, 'focus' | 'path'>, isCity: boolean, drawScale = 1): CameraPose {
  const floor = isCity ? 0 : MIN_DISTANCE_M * drawScale;
  const distance = Math.max(floor, cam.distanceM ?? (isCity ? 1.6 * p.sizeM : 3.5 * p.sizeM));
  const pitch = ((cam.pitchDeg ?? DEFAULT_PITCH_DEG) * Math.PI) / 180;
  const bearing = ((180 + (cam.headingDeg ?? 0)) * Math.PI) / 180;
  const horizontal = distance * Math.cos(pitch);
  const east = horizontal * Math.sin(bearing);
  const north = horizontal * Math.cos(bearing);
  return {
    target: [p.x, p.y, p.z],
    position: [p.x + east, p.y + distance * Math.sin(pitch), p.z - north],
  };
}

/** The poses a chapter's flight passes through: each path focus in order, then the chapter's focus. */
export function chapterPoses(cam: StoryCamera, s: Scenario, layout: CityLayout): CameraPose[] {
  return [...(cam.path ?? []), cam.focus].map((f) => poseAround(focusPoint(f, s, layout), cam, 'city' in f, layout.drawScale));
}
