/**
 * Building parameters from what a scenario knows of a building (use, floor area, year built): the lumped
 * 1R1C envelope (UA, C), design heat load, internal-gain schedule, solar aperture and DHW default.
 * Evaluated once at creation, never per step.
 *
 * Equations and units
 * - Design heat load (W) at the Finnish design outdoor temperature of climate zone I (Helsinki region),
 *   T_design = -26 °C (National Building Code of Finland D3/2012 / D5, zone I; the reference's ASHRAE
 *   99.6 % value for Helsinki-Vantaa, -23.7 °C, is the same order), indoor 21 °C:
 *     Q_design = q_design(age) * f_use * A_floor, with q_design in W/m2 of heated floor area.
 * - UA (W/K, transmission + ventilation/infiltration after heat recovery) = Q_design / (21 - (-26)) K.
 *   The design load is conventional: no internal or solar gains are credited.
 * - C (J/K) = kappa(use) * A_floor; kappa from EN ISO 13790:2008 Table 12 (per floor area): light
 *   110 kJ/(m2 K), medium 165, heavy 260. Finnish blocks of flats and schools are concrete (heavy), which
 *   gives C/UA of about 1.8 days for a 1960-75 block and about 4 days for a 2012+ block.
 * - Solar aperture (m2) = A_floor * windowShare(use) * g(age) * 0.75 (frame) * 0.5 (shading and the mean of
 *   vertical orientations relative to global horizontal irradiance); solar gain = aperture * GHI.
 *   windowShare 0.15 for dwellings (D3/2012 reference building: windows 15 % of floor area); g: double
 *   glazing 0.76 (pre-1976), triple 0.68 (1976-2002), low-e triple 0.50 (2003+).
 * - Internal gains (W/m2 floor) by use and hour: dwellings 3.6 constant (D3/2012 standard use of a block
 *   of flats: people 2 W/m2 x 0.6, appliances 3 x 0.6, lighting 6 x 0.1); office 10 in office hours
 *   (weekdays 07-18), school 12 (weekdays 08-16), retail 10 (daily 08-21), otherwise about 1 W/m2.
 * - DHW default (kWh per m2 floor and year): dwellings 35 (D3/2012: 600 l/(m2 a) heated by 50 K = 35),
 *   office 6 (D3/2012: 100 l/(m2 a)), school 8, retail and supermarket 5, datacentre, industrial and plant 2.
 *
 * Age classes follow Finnish insulation regulations: first thermal-insulation code 1976 (tightened 1978,
 * 1985), C3/2003, C3/2010 and D3/2012 (energy performance). q_design per class is set so the annual
 * space-heating need of a block of flats in a Helsinki year (about 4,400 K·d base 17 °C) lands in the
 * ranges of Finnish statistics (docs/reference-figures.md, Buildings and substations; VTT, Kanerva & Lappalainen,
 * "Energy properties in urban building
 * stock": the 1960s and early 1970s stock uses the most heat per volume): pre-1960 about 160, 1960-75 about
 * 170, 1976-85 about 135, 1986-2002 about 110, 2003-11 about 90 and 2012+ about 55 kWh/(m2 a).
 * Non-residential uses scale q_design by f_use (ventilation rates, glazing, hall construction): an estimate.
 */
import { buildingUse, type BuildingSpec, type BuildingUse } from '../../../shared/scenario/schema';

export const DESIGN_OUTDOOR_C = -26;
export const DESIGN_INDOOR_C = 21;
const DESIGN_DT_K = DESIGN_INDOOR_C - DESIGN_OUTDOOR_C;

/** Use codes: index into `buildingUse.options` (residential = 0 ... plant = 7). */
export const BUILDING_USES: readonly BuildingUse[] = buildingUse.options;
export const USE_COUNT = BUILDING_USES.length;
export const USE = Object.fromEntries(BUILDING_USES.map((u, i) => [u, i])) as Record<BuildingUse, number>;

/** Finnish age classes: first year of each class. */
export const AGE_CLASS_FROM_YEAR = [0, 1960, 1976, 1986, 2003, 2012] as const;
export const AGE_CLASS_LABELS = ['pre-1960', '1960-1975', '1976-1985', '1986-2002', '2003-2011', '2012+'] as const;

/** Specific design heat load of a block of flats at -26 °C (W/m2 floor), by age class. */
const DESIGN_LOAD_W_PER_M2 = [77, 80, 67, 57, 47, 35];
/** Window g-value by age class (double, double, triple, triple, low-e triple, low-e triple). */
const G_VALUE = [0.76, 0.76, 0.68, 0.68, 0.5, 0.5];
const FRAME_FACTOR = 0.75;
const SHADING_ORIENTATION_FACTOR = 0.5;

interface UseTraits {
  /** Design-load multiplier relative to a block of flats of the same age. */
  loadFactor: number;
  /** Heat capacity per floor area (J/(m2 K)), EN ISO 13790 class. */
  kappaJPerM2K: number;
  windowShare: number;
  dhwKWhPerM2Year: number;
  /** Internal gains in opening hours and outside them (W/m2). */
  gainsOpenWPerM2: number;
  gainsClosedWPerM2: number;
  /** Opening hours [from, to), and whether they apply at weekends too. */
  openFromH: number;
  openToH: number;
  weekends: boolean;
}

const LIGHT = 110e3;
const MEDIUM = 165e3;
const HEAVY = 260e3;

const TRAITS: Record<BuildingUse, UseTraits> = {
  residential: { loadFactor: 1.0, kappaJPerM2K: HEAVY, windowShare: 0.15, dhwKWhPerM2Year: 35, gainsOpenWPerM2: 3.6, gainsClosedWPerM2: 3.6, openFromH: 0, openToH: 24, weekends: true },
  office: { loadFactor: 1.0, kappaJPerM2K: MEDIUM, windowShare: 0.2, dhwKWhPerM2Year: 6, gainsOpenWPerM2: 10, gainsClosedWPerM2: 1, openFromH: 7, openToH: 18, weekends: false },
  school: { loadFactor: 1.15, kappaJPerM2K: HEAVY, windowShare: 0.18, dhwKWhPerM2Year: 8, gainsOpenWPerM2: 12, gainsClosedWPerM2: 1, openFromH: 8, openToH: 16, weekends: false },
  retail: { loadFactor: 1.0, kappaJPerM2K: LIGHT, windowShare: 0.12, dhwKWhPerM2Year: 5, gainsOpenWPerM2: 10, gainsClosedWPerM2: 1, openFromH: 8, openToH: 21, weekends: true },
  // Refrigerated cabinets pull heat out of the sales floor, so net gains are modest.
  supermarket: { loadFactor: 0.9, kappaJPerM2K: LIGHT, windowShare: 0.08, dhwKWhPerM2Year: 5, gainsOpenWPerM2: 6, gainsClosedWPerM2: 2, openFromH: 7, openToH: 22, weekends: true },
  // IT heat reaches the support spaces: the building barely needs heating.
  datacentre: { loadFactor: 0.6, kappaJPerM2K: MEDIUM, windowShare: 0.03, dhwKWhPerM2Year: 2, gainsOpenWPerM2: 20, gainsClosedWPerM2: 20, openFromH: 0, openToH: 24, weekends: true },
  industrial: { loadFactor: 1.2, kappaJPerM2K: LIGHT, windowShare: 0.06, dhwKWhPerM2Year: 2, gainsOpenWPerM2: 8, gainsClosedWPerM2: 2, openFromH: 6, openToH: 22, weekends: false },
  plant: { loadFactor: 1.0, kappaJPerM2K: LIGHT, windowShare: 0.05, dhwKWhPerM2Year: 2, gainsOpenWPerM2: 5, gainsClosedWPerM2: 5, openFromH: 0, openToH: 24, weekends: true },
};

export function ageClassOf(yearBuilt: number): number {
  let k = 0;
  for (let i = 1; i < AGE_CLASS_FROM_YEAR.length; i++) if (yearBuilt >= AGE_CLASS_FROM_YEAR[i]) k = i;
  return k;
}

export interface BuildingParams {
  use: number;
  ageClass: number;
  uaWPerK: number;
  capacitanceJPerK: number;
  /** Space-heating design load at -26 °C outdoors and the building's own set-point (W). */
  designHeatW: number;
  solarApertureM2: number;
  dhwKWhPerYear: number;
}

export function deriveBuildingParams(
  spec: Pick<BuildingSpec, 'use' | 'yearBuilt' | 'floorAreaM2'> & Partial<Pick<BuildingSpec, 'setpointC' | 'dhwKWhPerM2Year'>>,
): BuildingParams {
  const traits = TRAITS[spec.use];
  const ageClass = ageClassOf(spec.yearBuilt);
  const area = spec.floorAreaM2;
  const uaWPerK = (DESIGN_LOAD_W_PER_M2[ageClass] * traits.loadFactor * area) / DESIGN_DT_K;
  const setpointC = spec.setpointC ?? DESIGN_INDOOR_C;
  return {
    use: USE[spec.use],
    ageClass,
    uaWPerK,
    capacitanceJPerK: traits.kappaJPerM2K * area,
    designHeatW: uaWPerK * Math.max(0, setpointC - DESIGN_OUTDOOR_C),
    solarApertureM2: area * traits.windowShare * G_VALUE[ageClass] * FRAME_FACTOR * SHADING_ORIENTATION_FACTOR,
    dhwKWhPerYear: (spec.dhwKWhPerM2Year ?? traits.dhwKWhPerM2Year) * area,
  };
}

/** Default DHW use of a building use (kWh per m2 floor and year). */
export function defaultDhwKWhPerM2Year(use: BuildingUse): number {
  return TRAITS[use].dhwKWhPerM2Year;
}

/**
 * Internal gains per floor area (W/m2) of every use at one hour, written into `out` (length USE_COUNT).
 * Called once per step, so per-building work is a table lookup.
 */
export function fillInternalGainsWPerM2(hour: number, weekend: boolean, out: Float64Array): void {
  for (let u = 0; u < USE_COUNT; u++) {
    const t = TRAITS[BUILDING_USES[u]];
    const open = (weekend ? t.weekends : true) && hour >= t.openFromH && hour < t.openToH;
    out[u] = open ? t.gainsOpenWPerM2 : t.gainsClosedWPerM2;
  }
}
