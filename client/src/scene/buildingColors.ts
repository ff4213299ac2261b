/**
 * Building colours (sRGB 0-1): by use, or by a live quantity from the frame (store.overlay).
 *   demand : heat demand per floor area, 0 W/m2 pale -> 60 W/m2 deep orange (a display choice: about an older
 *            block's demand on a design-cold day, so most of the city stays readable most of the winter).
 *   indoor : indoor °C, 17 °C blue (cold) -> 21 °C white (comfort set-point) -> 25 °C orange (overheated).
 *   unmet  : unmet share of demand, (demand - delivered) / demand: 0 white -> 0.5 and more full red.
 */
import type { BuildingKind } from './cityLayout';

export const BUILDING_KIND_COLORS: Record<BuildingKind, string> = {
  home: '#d9c7a7',
  office: '#8fa6c4',
  school: '#e8c547',
  retail: '#c98bd6',
  datacentre: '#4fd1c5',
  plant: '#5fbf5f',
  prosumer: '#9be15d',
};

export const BUILDING_KIND_LABELS: Record<BuildingKind, string> = {
  home: 'Homes',
  office: 'Offices & industry',
  school: 'Schools',
  retail: 'Shops',
  datacentre: 'Data centres',
  plant: 'Heat plants',
  prosumer: 'Prosumers',
};

export const DEMAND_FULL_W_PER_M2 = 60;
export const INDOOR_COLD_C = 17;
export const INDOOR_COMFORT_C = 21;
export const INDOOR_WARM_C = 25;
export const UNMET_FULL_SHARE = 0.5;

export function hexRgb(hex: string, out: Float32Array, o = 0): void {
  const v = parseInt(hex.slice(1), 16);
  out[o] = ((v >> 16) & 255) / 255;
  out[o + 1] = ((v >> 8) & 255) / 255;
  out[o + 2] = (v & 255) / 255;
}

function mix3(out: Float32Array, o: number, r0: number, g0: number, b0: number, r1: number, g1: number, b1: number, t: number): void {
  const k = Math.min(1, Math.max(0, t));
  out[o] = r0 + (r1 - r0) * k;
  out[o + 1] = g0 + (g1 - g0) * k;
  out[o + 2] = b0 + (b1 - b0) * k;
}

export function demandRgb(demandWPerM2: number, out: Float32Array, o: number): void {
  mix3(out, o, 0.93, 0.93, 0.9, 0.92, 0.33, 0.05, demandWPerM2 / DEMAND_FULL_W_PER_M2);
}

export function indoorRgb(indoorC: number, out: Float32Array, o: number): void {
  if (indoorC <= INDOOR_COMFORT_C)
    mix3(out, o, 0.15, 0.4, 1.0, 1, 1, 1, (indoorC - INDOOR_COLD_C) / (INDOOR_COMFORT_C - INDOOR_COLD_C));
  else mix3(out, o, 1, 1, 1, 1.0, 0.5, 0.1, (indoorC - INDOOR_COMFORT_C) / (INDOOR_WARM_C - INDOOR_COMFORT_C));
}

export function unmetRgb(demandW: number, deliveredW: number, out: Float32Array, o: number): void {
  const share = demandW > 1 ? Math.max(0, demandW - deliveredW) / demandW : 0;
  mix3(out, o, 0.95, 0.95, 0.95, 0.9, 0.05, 0.05, share / UNMET_FULL_SHARE);
}

/** sRGB component to linear (instance colours are in three's linear working space). */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}
