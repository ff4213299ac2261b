/**
 * Lumped thermal model (1R1C) of every building, struct of arrays over buildings.
 *
 * Equations and units (parameters from buildingParams.ts)
 * - C dTi/dt = Q_heat + Q_int + Q_sol - UA (Ti - To)   [W]; C in J/K, UA in W/K, temperatures °C.
 *   For inputs held constant over a step the exact solution is
 *     Ti(t + dt) = Teq + (Ti(t) - Teq) exp(-UA dt / C),  Teq = To + (Q_heat + Q_int + Q_sol)/UA,
 *   which is what `advanceIndoor` applies; exp(-UA dt/C) is cached per building for the last dt.
 * - Q_int = internal gains (W/m2 by use and hour) * floor area; Q_sol = solar aperture (m2) * GHI (W/m2).
 * - Active set-point: setpointC, minus nightSetbackK from 22:00 to 06:00 local time.
 * - Heat asked by the heating system (`spaceHeatDemandW`): what balances the present losses less gains plus
 *   a proportional recovery toward the set-point with time constant tau = 1 h:
 *     Q = UA (Ti - To) - Q_int - Q_sol + C (T_set - Ti)/tau,  clamped to [0, 1.2 Q_design].
 *   With exact integration a step changes Ti - T_set by the factor 1 - (C/(UA tau))(1 - exp(-UA dt/C)),
 *   which lies in (0, 1) for every dt up to the schema's 3600 s, so the loop never overshoots.
 *   When less heat arrives than asked, Ti falls: cold buildings are an output, not an error.
 * Speed: both step loops are a handful of multiply-adds per building. What changes only with the hour (internal
 *   gains, set-point in force) is folded per building once per hour: G_i = Q_int, and the demand's constant
 *   part K_i = C T_set/tau - Q_int, so Q = (UA - C/tau) Ti - UA To - Q_sol + K. The advance uses
 *   Ti(t + dt) = To + d (Ti - To) + e (Q_heat + Q_int + Q_sol) with d = exp(-UA dt/C), e = (1 - d)/UA cached per dt
 *   (the same exact solution, rearranged). The parameter arrays are read-only after creation; call
 *   `resetBuildingCaches` after changing any of them.
 */
import { dayOfWeek, HOUR_S, hourOfDay } from '../calendar';
import { hashSeed } from '../random';
import type { BuildingSpec } from '../../../shared/scenario/schema';
import { deriveBuildingParams, fillInternalGainsWPerM2, USE_COUNT } from './buildingParams';
import {
  createDhwCalendar,
  DHW_NO_SHIFT_SLOT,
  DHW_SHIFT_SLOTS,
  dhwCirculationW,
  dhwPeakW,
  dhwVariant,
  type DhwBuildings,
} from './dhw';
import { J_PER_KWH } from '../units';

/** Largest heating power relative to the design load (radiators and valves have some reserve). */
export const MAX_HEAT_FACTOR = 1.2;
/** Time constant of the recovery toward the set-point (s). */
export const RECOVERY_TIME_S = 3600;
const RECOVERY_RATE_PER_S = 1 / RECOVERY_TIME_S;
export const SETBACK_FROM_H = 22;
export const SETBACK_TO_H = 6;

/** Parameters and caches of every building; the count and the hot-water fields are declared with the DHW model. */
export interface BuildingArrays extends DhwBuildings {
  ids: readonly string[];
  /** Index into BUILDING_USES. */
  use: Uint8Array;
  /** Finnish age class 0..5 (AGE_CLASS_LABELS). */
  ageClass: Uint8Array;
  floorAreaM2: Float64Array;
  uaWPerK: Float64Array;
  /** 1/UA (K/W), so the step multiplies instead of divides. */
  invUaKPerW: Float64Array;
  capacitanceJPerK: Float64Array;
  /** Space-heating design load at -26 °C (W). */
  designHeatW: Float64Array;
  /** Largest space-heating power the building asks for (W). */
  maxHeatW: Float64Array;
  setpointC: Float64Array;
  setbackK: Float64Array;
  solarApertureM2: Float64Array;
  /** Highest hourly-mean DHW power (W). */
  dhwPeakW: Float64Array;
  /** The part of DHW that is hot-water circulation loss, constant around the clock (W, dhw.ts). */
  dhwCirculationW: Float64Array;
  gainsWPerM2ByUse: Float64Array;
  /** UA - C/tau (W/K): the demand's coefficient of the indoor temperature. */
  demandIndoorWPerK: Float64Array;
  /** Hour (floor(t / 3600 s)) the per-hour caches below hold, NaN: none. */
  hourKey: number;
  /** Internal gains this hour (W). */
  internalGainsW: Float64Array;
  /** C T_set/tau - Q_int this hour (W). */
  demandBaseW: Float64Array;
  decayDtS: number;
  /** exp(-UA dt/C) and (1 - exp(-UA dt/C))/UA (K/W) for dt = decayDtS. */
  decay: Float64Array;
  decayGainKPerW: Float64Array;
  /** (1 - exp(-UA dt/C)) C/(UA dt): the share of Ti - Teq left on average over a step of decayDtS. */
  meanShare: Float64Array;
}

export interface BuildingState {
  indoorC: Float64Array;
}

export interface BuildingArrayOptions {
  /**
   * Fixed per-building DHW time shifts (default true): slot from a hash of the building id and `seed`, so the
   * same building keeps its shift whatever the order or size of the scenario. False: every building follows
   * its use's profile exactly.
   */
  dhwShifts?: boolean;
  seed?: number;
}

export function createBuildingArrays(specs: readonly BuildingSpec[], options: BuildingArrayOptions = {}): BuildingArrays {
  const n = specs.length;
  const a: BuildingArrays = {
    count: n,
    ids: specs.map((s) => s.id),
    use: new Uint8Array(n),
    ageClass: new Uint8Array(n),
    floorAreaM2: new Float64Array(n),
    uaWPerK: new Float64Array(n),
    invUaKPerW: new Float64Array(n),
    capacitanceJPerK: new Float64Array(n),
    designHeatW: new Float64Array(n),
    maxHeatW: new Float64Array(n),
    setpointC: new Float64Array(n),
    setbackK: new Float64Array(n),
    solarApertureM2: new Float64Array(n),
    dhwAnnualJ: new Float64Array(n),
    dhwPeakW: new Float64Array(n),
    dhwCirculationW: new Float64Array(n),
    dhwVariant: new Uint8Array(n),
    dhwCalendar: createDhwCalendar(),
    gainsWPerM2ByUse: new Float64Array(USE_COUNT),
    demandIndoorWPerK: new Float64Array(n),
    hourKey: NaN,
    internalGainsW: new Float64Array(n),
    demandBaseW: new Float64Array(n),
    decayDtS: NaN,
    decay: new Float64Array(n),
    decayGainKPerW: new Float64Array(n),
    meanShare: new Float64Array(n),
  };
  const shifts = options.dhwShifts ?? true;
  const seed = options.seed ?? 0;
  for (let i = 0; i < n; i++) {
    const spec = specs[i];
    const p = deriveBuildingParams(spec);
    a.use[i] = p.use;
    a.ageClass[i] = p.ageClass;
    a.floorAreaM2[i] = spec.floorAreaM2;
    a.uaWPerK[i] = p.uaWPerK;
    a.invUaKPerW[i] = 1 / p.uaWPerK;
    a.capacitanceJPerK[i] = p.capacitanceJPerK;
    a.designHeatW[i] = p.designHeatW;
    a.maxHeatW[i] = MAX_HEAT_FACTOR * p.designHeatW;
    a.setpointC[i] = spec.setpointC ?? 21;
    a.setbackK[i] = spec.nightSetbackK ?? 0;
    a.solarApertureM2[i] = p.solarApertureM2;
    a.dhwAnnualJ[i] = p.dhwKWhPerYear * J_PER_KWH;
    a.dhwPeakW[i] = dhwPeakW(p.use, a.dhwAnnualJ[i]);
    a.dhwCirculationW[i] = dhwCirculationW(p.use, a.dhwAnnualJ[i]);
    const slot = shifts ? hashSeed(seed, `dhw-shift:${spec.id}`) % DHW_SHIFT_SLOTS : DHW_NO_SHIFT_SLOT;
    a.dhwVariant[i] = dhwVariant(p.use, slot);
  }
  resetBuildingCaches(a);
  return a;
}

/** Recomputes the derived coefficients and drops the per-hour and per-dt caches (after editing parameters). */
export function resetBuildingCaches(arrays: BuildingArrays): void {
  for (let i = 0; i < arrays.count; i++) {
    arrays.demandIndoorWPerK[i] = arrays.uaWPerK[i] - arrays.capacitanceJPerK[i] * RECOVERY_RATE_PER_S;
    arrays.invUaKPerW[i] = 1 / arrays.uaWPerK[i];
  }
  arrays.hourKey = NaN;
  arrays.decayDtS = NaN;
}

/** Every building starts at its (daytime) set-point. */
export function createBuildingState(arrays: BuildingArrays): BuildingState {
  return { indoorC: Float64Array.from(arrays.setpointC) };
}

function isSetbackHour(timeS: number): boolean {
  const h = hourOfDay(timeS);
  return h >= SETBACK_FROM_H || h < SETBACK_TO_H;
}

/** Fills the per-hour caches (internal gains, demand base) unless they already hold this hour. */
function prepareHour(arrays: BuildingArrays, timeS: number): void {
  const key = Math.floor(timeS / HOUR_S);
  if (key === arrays.hourKey) return;
  arrays.hourKey = key;
  const g = arrays.gainsWPerM2ByUse;
  fillInternalGainsWPerM2(hourOfDay(timeS), dayOfWeek(timeS) >= 5, g);
  const night = isSetbackHour(timeS);
  const { use, floorAreaM2, capacitanceJPerK, setpointC, setbackK, internalGainsW, demandBaseW } = arrays;
  for (let i = 0; i < arrays.count; i++) {
    const gains = g[use[i]] * floorAreaM2[i];
    const tSet = night ? setpointC[i] - setbackK[i] : setpointC[i];
    internalGainsW[i] = gains;
    demandBaseW[i] = capacitanceJPerK[i] * RECOVERY_RATE_PER_S * tSet - gains;
  }
}

/** Set-point in force at time t for building i (°C). */
export function activeSetpointC(arrays: BuildingArrays, i: number, timeS: number): number {
  return arrays.setpointC[i] - (isSetbackHour(timeS) ? arrays.setbackK[i] : 0);
}

/** Space-heating power each building asks for this step (W), written into `out`. */
export function spaceHeatDemandW(
  arrays: BuildingArrays,
  state: BuildingState,
  outdoorC: number,
  ghiWm2: number,
  timeS: number,
  out: Float64Array,
): void {
  prepareHour(arrays, timeS);
  const { demandIndoorWPerK, uaWPerK, solarApertureM2, demandBaseW, maxHeatW } = arrays;
  const ti = state.indoorC;
  const sun = ghiWm2 > 0 ? ghiWm2 : 0;
  const n = arrays.count;
  for (let i = 0; i < n; i++) {
    // UA (Ti - To) - Q_int - Q_sol + C (T_set - Ti)/tau
    const q = demandIndoorWPerK[i] * ti[i] - uaWPerK[i] * outdoorC - solarApertureM2[i] * sun + demandBaseW[i];
    const max = maxHeatW[i];
    out[i] = q > 0 ? (q < max ? q : max) : 0;
  }
}

/**
 * Advances every indoor temperature by dt with the heat actually delivered to space heating (W), and writes into
 * `meanRequestW` what the heating system asked for on average over the step: the request at the step's mean
 * indoor temperature, Ti_mean = Teq + (Ti - Teq)(1 - d)C/(UA dt) (the mean of the exact solution). Where the
 * request was met this equals the request (the loop then holds Ti on its recovery); where the substation fell
 * short, Ti rose more slowly than the request assumed and the request stayed higher, and the step's mean is what
 * a heating system asking continuously would have asked, whatever the step length.
 */
export function advanceIndoor(
  arrays: BuildingArrays,
  state: BuildingState,
  deliveredSpaceW: Float64Array,
  outdoorC: number,
  ghiWm2: number,
  timeS: number,
  dtS: number,
  meanRequestW?: Float64Array,
): void {
  prepareHour(arrays, timeS);
  const { internalGainsW, solarApertureM2, decay, decayGainKPerW, meanShare } = arrays;
  const n = arrays.count;
  if (arrays.decayDtS !== dtS) {
    const { uaWPerK, capacitanceJPerK } = arrays;
    for (let i = 0; i < n; i++) {
      const x = (-dtS * uaWPerK[i]) / capacitanceJPerK[i];
      decay[i] = Math.exp(x);
      decayGainKPerW[i] = -Math.expm1(x) / uaWPerK[i]; // expm1: accurate for short steps
      meanShare[i] = (decayGainKPerW[i] * capacitanceJPerK[i]) / dtS;
    }
    arrays.decayDtS = dtS;
  }
  const ti = state.indoorC;
  const sun = ghiWm2 > 0 ? ghiWm2 : 0;
  const { demandIndoorWPerK, uaWPerK, invUaKPerW, demandBaseW, maxHeatW } = arrays;
  for (let i = 0; i < n; i++) {
    const q = deliveredSpaceW[i] > 0 ? deliveredSpaceW[i] : 0;
    const gainsW = q + internalGainsW[i] + solarApertureM2[i] * sun;
    if (meanRequestW !== undefined) {
      const teqC = outdoorC + gainsW * invUaKPerW[i];
      const meanC = teqC + (ti[i] - teqC) * meanShare[i];
      const r = demandIndoorWPerK[i] * meanC - uaWPerK[i] * outdoorC - solarApertureM2[i] * sun + demandBaseW[i];
      meanRequestW[i] = r > 0 ? (r < maxHeatW[i] ? r : maxHeatW[i]) : 0;
    }
    // Teq + (Ti - Teq) d with Teq = To + (Q + G + Q_sol)/UA, rearranged
    ti[i] = outdoorC + decay[i] * (ti[i] - outdoorC) + decayGainKPerW[i] * gainsW;
  }
}

/**
 * Number of buildings more than `marginK` below their active set-point; with `node`, only those connected to the
 * network (node >= 0), since buildings that are only drawn are not heated by it.
 */
export function countColdBuildings(
  arrays: BuildingArrays,
  state: BuildingState,
  timeS: number,
  marginK = 1,
  node?: Int32Array,
): number {
  const night = isSetbackHour(timeS);
  let cold = 0;
  for (let i = 0; i < arrays.count; i++) {
    if (node !== undefined && node[i] < 0) continue;
    const tSet = night ? arrays.setpointC[i] - arrays.setbackK[i] : arrays.setpointC[i];
    if (state.indoorC[i] < tSet - marginK) cold++;
  }
  return cold;
}

/**
 * Adds each building's under-heating over dt to `accKh` (kelvin-hours below active set-point - marginK):
 * the comfort deficit a run reports per building.
 */
export function accumulateUnderheatingKh(
  arrays: BuildingArrays,
  state: BuildingState,
  timeS: number,
  dtS: number,
  accKh: Float64Array,
  marginK = 1,
): void {
  const night = isSetbackHour(timeS);
  const hours = dtS / 3600;
  for (let i = 0; i < arrays.count; i++) {
    const tSet = night ? arrays.setpointC[i] - arrays.setbackK[i] : arrays.setpointC[i];
    const deficit = tSet - marginK - state.indoorC[i];
    if (deficit > 0) accKh[i] += deficit * hours;
  }
}
