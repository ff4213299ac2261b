/**
 * A baseline plant's chimney and smoke plume (story/BaselineSmoke.tsx), as drawn sizes in metres. The plume is
 * a train of puffs, each rising from the chimney top over RISE_S seconds while it drifts downwind (east, a little
 * north) and swells; its strength follows the plant's heat as a share of the busiest plant's (0 below 1 %, then
 * 0.35-1 by the square root, so a small plant still smokes visibly). Chimney and plume are legibility
 * exaggerations: every length is times the city's draw scale (cityLayout.ts), like pipes and unit markers.
 */

export const PUFFS = 16;
export const CHIMNEY_H_M = 30;
export const RISE_S = 6;
/** How far a puff rises above the chimney top, drifts east and north, and how wide it starts and ends (m). */
const RISE_M = 45;
const DRIFT_EAST_M = 25;
const DRIFT_NORTH_M = 6;
const RADIUS_START_M = 3;
const RADIUS_GROWTH_M = 9;

/** Plume strength (0-1) from the plant's heat share of the busiest plant (0-1). */
export function plumeStrength(heatShare: number): number {
  return heatShare > 0.01 ? 0.35 + 0.65 * Math.sqrt(heatShare) : 0;
}

export interface PuffPlacement {
  /** Offset from the chimney foot in scene axes (x east, y up, z -north), m. */
  x: number;
  y: number;
  z: number;
  /** Puff radius, m (0 when the plant makes no heat). */
  radiusM: number;
}

/**
 * Writes into `out` where puff `puff` (0 to PUFFS-1) of a plume of `strength` sits at animation time `timeS`, and
 * how big it is. The puffs are evenly spaced along the rise, each starting again at the chimney top when it ends.
 */
export function placePuff(strength: number, timeS: number, puff: number, drawScale: number, out: PuffPlacement): PuffPlacement {
  const age = (timeS / RISE_S + puff / PUFFS) % 1;
  const k = drawScale;
  out.x = k * DRIFT_EAST_M * age * age;
  out.y = k * (CHIMNEY_H_M + RISE_M * age);
  out.z = -k * DRIFT_NORTH_M * age;
  out.radiusM = k * strength * (RADIUS_START_M + RADIUS_GROWTH_M * age);
  return out;
}
