/**
 * The scenario's fossil baseline plant (scenario.baseline) as the story's "before" draws it: a boiler house (a
 * hall and a taller boiler block) with two chimneys behind it. In the baseline view it stands on the main plant's
 * site, over the real plant's building; in the compare view it stands beside it, so before and after are seen
 * together. Its hall covers the real building and is at least HALL_MIN_M; every size that is not the real
 * building's is times the city's draw scale (cityLayout.ts), like the plants' unit markers.
 * Its fuel burn now comes from the KPI stream's running total of the baseline's fuel (baselineFuelMWh, the
 * simulation's ledger): its growth between the two latest samples over the same totals, over the simulated time
 * between them. That is the mean the server takes for every rate over a sample's interval (server/session/kpi.ts).
 */
import type { KpiSample } from '../../../shared/protocol/session';
import type { Scenario } from '../../../shared/scenario/schema';
import { BOX_STRIDE, type CityLayout } from './cityLayout';
import { mainPlant } from './initialView';

export type Fuel = Scenario['baseline']['fuel'];

/** What a plant burns, in words a visitor knows. */
export const FUEL_WORDS: Record<Fuel, string> = {
  gas: 'natural gas',
  oil: 'heating oil',
  woodchips: 'wood chips',
  coal: 'coal',
  electric: 'electricity',
};

/** Electric boilers burn nothing: no chimney, no smoke. */
export const burnsFuel = (fuel: Fuel): boolean => fuel !== 'electric';

/** Least hall width, depth and height (m, times the draw scale). */
const HALL_MIN_M = [48, 26, 16] as const;
const CHIMNEY_MIN_M = 75;
const CHIMNEY_RADIUS_M = 3.5;
/** Gap between the real plant's building and the fossil plant beside it (m, times the draw scale). */
const BESIDE_GAP_M = 24;

/** A box standing on the ground: plan centre (m), width along the site's axis, depth, height (m). */
export interface SiteBox {
  x: number;
  y: number;
  w: number;
  d: number;
  h: number;
}

export interface Chimney {
  /** Plan position (m), the height of its foot and of its top above it (m), its radius at the foot (m). */
  x: number;
  y: number;
  baseM: number;
  heightM: number;
  radiusM: number;
}

export interface FossilSite {
  /** Axis angle (rad, from east towards north), shared by every box. */
  angle: number;
  boxes: SiteBox[];
  chimneys: Chimney[];
  /** Where the plant's label stands: over the hall's end away from the chimneys, clear of them (plan m, m). */
  label: { x: number; y: number; heightM: number };
}

/** The baseline plant's boiler house and chimneys: on the main plant's site, or beside it (`beside`). */
export function fossilSite(s: Scenario, layout: CityLayout, beside: boolean): FossilSite {
  const k = layout.drawScale;
  const b = layout.plantBuilding[mainPlant(s)];
  const node = s.network.nodes.find((n) => n.id === s.plants[mainPlant(s)]?.node);
  const o = b * BOX_STRIDE;
  const box = layout.boxes;
  // A plant without a building of its own stands at its node.
  const site = b >= 0 ? box.subarray(o, o + BOX_STRIDE) : [node?.x ?? 0, node?.y ?? 0, 0, 0, 0, 0];
  const [cx0, cy0, bw, bd, angle, bh] = site;
  const w = Math.max(bw, HALL_MIN_M[0] * k);
  const d = Math.max(bd, HALL_MIN_M[1] * k);
  const h = Math.max(bh, HALL_MIN_M[2] * k);
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  let cx = cx0;
  let cy = cy0;
  if (beside) {
    // Along the building's axis, on the side away from the city's centre, where there is room.
    const shift = bw / 2 + w / 2 + BESIDE_GAP_M * k;
    const { centreX, centreY } = layout.bounds;
    const side = (cx0 - centreX) * ux + (cy0 - centreY) * uy >= 0 ? 1 : -1;
    cx += side * shift * ux;
    cy += side * shift * uy;
  }
  const at = (along: number, across: number): [number, number] => [
    cx + along * ux - across * uy,
    cy + along * uy + across * ux,
  ];
  const [hx, hy] = at(0, 0);
  const [lx, ly] = at(-0.3 * w, 0);
  const [bx, by] = at(0.32 * w, 0.05 * d);
  const r = CHIMNEY_RADIUS_M * k;
  const chimneyH = Math.max(3.5 * h, CHIMNEY_MIN_M * k);
  const chimneys = [0.2, 0.42].map((along) => {
    const [x, y] = at(along * w, -(d / 2 + r + 3 * k));
    return { x, y, baseM: 0, heightM: chimneyH, radiusM: r };
  });
  return {
    angle,
    boxes: [
      { x: hx, y: hy, w, d, h },
      { x: bx, y: by, w: 0.34 * w, d: 0.8 * d, h: 1.6 * h },
    ],
    chimneys,
    label: { x: lx, y: ly, heightM: h },
  };
}

/** Two samples' totals count from the same start when their starts agree within this (s). */
const SAME_TOTALS_S = 1;

/**
 * The baseline plant's fuel burn now (MW of fuel) from KPI samples in time order (the store's kpiHistory), or
 * null until two samples over the same totals, simulated time apart, have come.
 */
export function baselineFuelRateMW(samples: readonly KpiSample[]): number | null {
  const last = samples.at(-1);
  if (!last) return null;
  for (let i = samples.length - 2; i >= 0; i--) {
    const k = samples[i];
    if (Math.abs(k.totalsFromS - last.totalsFromS) > SAME_TOTALS_S) return null;
    const hours = (last.simTimeS - k.simTimeS) / 3600;
    if (hours > 0) return Math.max(0, (last.baselineFuelMWh - k.baselineFuelMWh) / hours);
  }
  return null;
}
