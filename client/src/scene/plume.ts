/**
 * Smoke and steam over the city (Plumes.tsx), as drawn sizes in metres: a plume is a train of PUFFS puffs, each
 * rising from its vent (a chimney top, a data centre's roof) over RISE_S seconds while it drifts downwind (east,
 * a little north), swells and thins out.
 * Its strength (0-1) follows what goes up the vent: the fuel a boiler burns (MW of fuel), or the heat a data
 * centre's dry coolers throw away (MW), measured against the city's rated heat (every plant unit's and
 * prosumer heat pump's capacity), so a boiler plant at full burn smokes at full strength and smaller emitters
 * less, on one scale. A plume's cross-section grows with the gas it carries, so its width goes by the square root
 * of the rate; a floor keeps the smallest real one visible, and nothing at all goes up below NONE_SHARE of the
 * city's rated heat (a rounding remainder, not a plume).
 * Sizes are legibility exaggerations: every length is times the city's draw scale (cityLayout.ts), like pipes and
 * unit markers, and times the vent's own size (Plumes.tsx: the baseline plant's chimneys carry a whole city's
 * heat and are drawn larger).
 */
import type { Scenario } from '../../../shared/scenario/schema';
import type { Fuel } from './fossilPlant';

export const PUFFS = 16;
export const RISE_S = 7;
/** How far a puff rises above its vent, drifts east and north, and how wide it starts and ends (m). */
const RISE_M = 90;
const DRIFT_EAST_M = 60;
const DRIFT_NORTH_M = 12;
const RADIUS_START_M = 6;
const RADIUS_GROWTH_M = 22;
/** Strength of the smallest plume drawn, and the share of the city's rated heat below which none is. */
const FLOOR = 0.2;
const NONE_SHARE = 5e-4;

/** The city's rated heat (W): what its plants' units and its prosumers' heat pumps make at full output. */
export function ratedHeatW(s: Scenario): number {
  let w = 0;
  for (const p of s.plants) for (const u of p.units) if (u.kind !== 'storage') w += u.capacityW;
  for (const b of s.buildings) if (b.prosumer) w += b.prosumer.heatPump.capacityW;
  return w;
}

/** Plume strength (0-1) of a vent carrying `rateW` (fuel burnt or heat dumped, W) in a city rated `ratedW`. */
export function plumeStrength(rateW: number, ratedW: number): number {
  if (!(rateW > NONE_SHARE * ratedW) || !(ratedW > 0)) return 0;
  return Math.min(1, FLOOR + (1 - FLOOR) * Math.sqrt(rateW / ratedW));
}

export interface PuffPlacement {
  /** Offset from the vent in scene axes (x east, y up, z -north), m. */
  x: number;
  y: number;
  z: number;
  /** Puff radius, m (0 when nothing goes up the vent). */
  radiusM: number;
  /** How far through its rise (0-1): puffs thin out as they go. */
  age: number;
}

/**
 * Writes into `out` where puff `puff` (0 to PUFFS-1) of a plume of `strength` sits at animation time `timeS`, and
 * how big it is, every length times `k` (the draw scale times the vent's size). The puffs are evenly spaced
 * along the rise, each starting again at the vent when it ends; a stronger plume also rises higher before it
 * spreads out.
 */
export function placePuff(strength: number, timeS: number, puff: number, k: number, out: PuffPlacement): PuffPlacement {
  const age = (timeS / RISE_S + puff / PUFFS) % 1;
  const reach = 0.5 + 0.5 * strength;
  out.age = age;
  out.x = k * reach * DRIFT_EAST_M * age * age;
  out.y = k * reach * RISE_M * age;
  out.z = -k * reach * DRIFT_NORTH_M * age;
  out.radiusM = k * strength * (RADIUS_START_M + RADIUS_GROWTH_M * age);
  return out;
}

/** Puff opacity (0-1) at an age in its rise: full as it leaves the vent, gone at the top. */
export function puffOpacity(age: number): number {
  return Math.min(1, age * 8) * (1 - age) ** 1.5;
}

/**
 * Colour (sRGB) and opacity of what goes up a vent: smoke by fuel (coal darkest, wood chips lightest) and white
 * steam from dry coolers and from gas, whose flue gas is mostly water vapour.
 */
export const PUFF_SHADE: Record<Fuel | 'steam', readonly [number, number, number, number]> = {
  coal: [0.4, 0.39, 0.38, 0.9],
  oil: [0.48, 0.47, 0.46, 0.85],
  woodchips: [0.64, 0.62, 0.59, 0.8],
  gas: [0.95, 0.96, 0.97, 0.75],
  electric: [0, 0, 0, 0],
  steam: [0.97, 0.98, 1, 0.7],
};
