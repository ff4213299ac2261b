/**
 * Indirect district-heating substations of all buildings (struct of arrays): a space-heating heat exchanger
 * feeding a radiator circuit and a DHW heat exchanger, in parallel on the primary side.
 *
 * Space heating: the radiator circuit and its exchanger give the branch's primary return from the load share phi,
 * the supply and the set-point (spaceHeatingReturn.ts: radiator classes, EN 442 curve, counter-flow exchanger,
 * the tables and the grid).
 * DHW
 * - Tap water: cold water 9 °C heated to 55 °C (Finnish D1: at least 55 °C at the tap); the exchanger needs
 *   the primary supply 5 K above the hot-water temperature, below that the water is heated only to Ts1 - 5
 *   and the delivered share is (Ts1 - 5 - 9)/(55 - 9). Primary return 9 + 13 = 22 °C (K1/2013: 20-25 °C),
 *   never above the midpoint of supply and cold water.
 * - Circulation: the hot-water loop comes back at 50 °C (kept at least 50 °C against Legionella) and is
 *   reheated to 55 °C, so this share of DHW (dhw.ts: the constant circulation loss, at most the hour's DHW)
 *   returns at 50 + 5 = 55 °C on the primary side. Below a 60 °C supply the loop runs colder: the return is
 *   the midpoint of supply and 50 °C and the served share (Ts1 - 50)/10. This is what keeps Finnish return
 *   temperatures up in summer (reference: return about 45-55 °C) where tap water alone would give ~22 °C.
 * Primary side
 * - The exchangers work with heat rates m·cp (W/K) at the reference cp: the return is Tr1 = Ts1 - Q/(m cp),
 *   the flow-weighted mix of the branches. The primary flow is then the one that carries Q from Ts1 to Tr1 by
 *   the water's enthalpy (water.ts), m = Q/(h(Ts1) - h(Tr1)), so the network delivers exactly Q; it differs
 *   from the rate over the reference cp by the water's mean cp between the two temperatures, under 0.5 %.
 *   Where that flow would pass the valve's limit, the flow is the limit and the heat what it carries (DHW and
 *   space heating then share the cut). The limited cases find their load at the reference cp, so a
 *   valve-limited substation's flow lands within 0.5 % of the limit: just below it in hot water, whose cp is
 *   above the reference, and cut to it in water below about 75 °C.
 * - Control valve: at most m_max = 1.3 * flowFactor * m_design, with m_design = Q_design,SH/(cp (115 - Tr1d))
 *   + (Q_peak,DHW - Q_circ)/(cp (65 - 22)) + Q_circ/(cp (65 - 55)) (DHW exchangers are sized for the summer
 *   supply, 65 °C). DHW is served first,
 *   space heating gets what is left; when a limit binds, the largest feasible phi is found exactly on
 *   the tables (supply limit) or by regula falsi (flow limit), always on the feasible side.
 * - No flow (zero demand, no valve authority, supply too cold): return temperature reads min(35 °C, Ts1),
 *   the water standing in the service pipe.
 * Speed (the loop runs for every building every step)
 * - Common case (supply 60-130 °C so DHW is fully served, valve not limiting, load and supply inside the
 *   grid): the space-heating primary drop Ts1 - Tr1 is read from the grid (spaceHeatingReturn.ts); flow x cp
 *   is the sum of each branch's heat over its drop, the return Ts1 - Q/(m cp). The limited cases (supply too
 *   cold or above 130 °C, valve limit) are collected and solved after the loop on the sqrt(phi) tables.
 */
import { WATER_CP_J_PER_KG_K, waterHeatJPerKg } from '../water';
import type { BuildingSpec } from '../../../shared/scenario/schema';
import type { BuildingArrays } from './buildings';
import * as spaceHeating from './spaceHeatingReturn';
import {
  GRID_PHI_SCALE,
  HX_DESIGN_APPROACH_K,
  PHI_MAX,
  PRIMARY_DESIGN_SUPPLY_C,
  RADIATOR_DESIGN_C,
  gridOffset,
} from './spaceHeatingReturn';

export {
  exactSpacePrimaryReturnC,
  gridSpacePrimaryReturnC,
  GRID_Y_MAX,
  logMeanK,
  radiatorTemperatures,
} from './spaceHeatingReturn';

/** Radiator class by Finnish age class (pre-1960 ... 2012+). */
export const HEATING_CLASS_BY_AGE = [0, 0, 1, 1, 2, 3] as const;
export const DHW_COLD_C = 9;
export const DHW_HOT_C = 55;
export const DHW_HOT_APPROACH_K = 5;
export const DHW_RETURN_APPROACH_K = 13;
export const DHW_DESIGN_SUPPLY_C = 65;
export const DHW_CIRCULATION_RETURN_C = 50;
export const DHW_CIRCULATION_HOT_C = 55;
export const VALVE_MARGIN = 1.3;
export const STANDING_RETURN_C = 35;

const CP = WATER_CP_J_PER_KG_K;
const INV_CP = 1 / CP;
const FLOW_ITERATIONS = 10;
/** Flow-limited phi is found to within this (fraction of the design load), on the feasible side. */
const FLOW_TOLERANCE = 1e-5;

// The grid, its layout and the table lookups of the limited cases as this module's own constants: optimised code
// folds these into the loops (and inlines the functions), where it would load imported bindings on every use
// (the common-case loop measured 7-20% slower, the limited cases about 5%).
const GRID = spaceHeating.GRID;
const GRID_ROW = spaceHeating.GRID_ROW;
const GRID_S_N = spaceHeating.GRID_S_N;
const GRID_T_SCALE = spaceHeating.GRID_T_SCALE;
const GRID_SUPPLY_MAX_C = spaceHeating.GRID_SUPPLY_MAX_C;
const spacePrimaryReturnC = spaceHeating.spacePrimaryReturnC;
const supplyLimitedPhi = spaceHeating.supplyLimitedPhi;

/**
 * Largest phi in [0, hi] whose primary flow phi Q_d/(cp (Ts1 - Tr1(phi))) fits in maxFlowKgS: the root of the
 * increasing h(phi) = phi - w (Ts1 - Tr1(phi)), w = maxFlow cp/Q_d, by Illinois regula falsi, returning the
 * feasible end. `hi` must be supply-feasible with return hiReturnC and have h(hi) > 0. Since Tr1 rises with
 * phi, one fixed-point pass brackets the root tightly: lo = w (Ts1 - Tr1(hi)) is at or below it and
 * w (Ts1 - Tr1(lo)) at or above it, so a couple of iterations reach the 1e-5 tolerance.
 */
function flowLimitedPhi(
  heatingClass: number,
  hi: number,
  hiReturnC: number,
  supplyC: number,
  roomC: number,
  designW: number,
  maxFlowKgS: number,
): number {
  const w = (maxFlowKgS * CP) / designW;
  let lo = w * (supplyC - hiReturnC);
  if (!(lo > 0)) return 0;
  if (lo >= hi) return hi;
  const loReturnC = spacePrimaryReturnC(heatingClass, lo, supplyC, roomC);
  let hLo = lo - w * (supplyC - loReturnC);
  let hHi = hi - w * (supplyC - hiReturnC);
  const upper = w * (supplyC - loReturnC);
  if (upper < hi) {
    hi = upper;
    hHi = hi - w * (supplyC - spacePrimaryReturnC(heatingClass, hi, supplyC, roomC));
  }
  if (!(hLo <= 0)) {
    // Rounding put the fixed-point bound a hair past the root: fall back to the whole interval.
    lo = 0;
    hLo = -w * (supplyC - roomC);
  }
  if (!(hHi > 0)) return hi;
  let side = 0;
  // h' = 1 + w Tr1' >= 1, so lo is within -h(lo) of the root: stop on either test.
  for (let it = 0; it < FLOW_ITERATIONS && hi - lo > FLOW_TOLERANCE && hLo < -FLOW_TOLERANCE; it++) {
    const p = (lo * hHi - hi * hLo) / (hHi - hLo);
    const hp = p - w * (supplyC - spacePrimaryReturnC(heatingClass, p, supplyC, roomC));
    if (hp <= 0) {
      lo = p;
      hLo = hp;
      if (side === -1) hHi *= 0.5;
      side = -1;
    } else {
      hi = p;
      hHi = hp;
      if (side === 1) hLo *= 0.5;
      side = 1;
    }
  }
  return lo;
}

/** Primary return of the DHW exchanger (°C) for a supply temperature. */
function dhwPrimaryReturnC(supplyC: number): number {
  return DHW_COLD_C + Math.min(DHW_RETURN_APPROACH_K, 0.5 * (supplyC - DHW_COLD_C));
}

/** Primary return of the circulation reheating (°C): 55 °C from a 60 °C supply up, the midpoint below. */
function circulationPrimaryReturnC(supplyC: number): number {
  return Math.min(DHW_CIRCULATION_HOT_C, 0.5 * (supplyC + DHW_CIRCULATION_RETURN_C));
}

/** Share of the circulation loss the supply temperature can make up, [0, 1]. */
function circulationServableShare(supplyC: number): number {
  const s = (supplyC - DHW_CIRCULATION_RETURN_C) / (2 * (DHW_CIRCULATION_HOT_C - DHW_CIRCULATION_RETURN_C));
  return s > 1 ? 1 : s > 0 ? s : 0;
}

/** Share of the DHW demand the supply temperature can serve, [0, 1]. */
function dhwServableShare(supplyC: number): number {
  const s = (supplyC - DHW_HOT_APPROACH_K - DHW_COLD_C) / (DHW_HOT_C - DHW_COLD_C);
  return s > 1 ? 1 : s > 0 ? s : 0;
}

/**
 * Design primary flow of one substation (kg/s): space heating at 115 °C supply plus the DHW peak at 65 °C, its
 * circulation share at the circulation return.
 */
export function designPrimaryMassFlowKgS(heatingClass: number, designHeatW: number, dhwPeakW: number, circulationW = 0): number {
  const spaceReturnC = RADIATOR_DESIGN_C[heatingClass][1] + HX_DESIGN_APPROACH_K;
  const circW = Math.min(circulationW, dhwPeakW);
  return (
    designHeatW / waterHeatJPerKg(spaceReturnC, PRIMARY_DESIGN_SUPPLY_C) +
    (dhwPeakW - circW) / waterHeatJPerKg(dhwPrimaryReturnC(DHW_DESIGN_SUPPLY_C), DHW_DESIGN_SUPPLY_C) +
    circW / waterHeatJPerKg(circulationPrimaryReturnC(DHW_DESIGN_SUPPLY_C), DHW_DESIGN_SUPPLY_C)
  );
}

export interface SubstationArrays {
  count: number;
  /** Radiator design class (RADIATOR_DESIGN_C). */
  heatingClass: Uint8Array;
  /** Room temperature the radiator curve is referred to: the building's set-point (°C). */
  roomC: Float64Array;
  /** Space-heating design load (W) and its reciprocal (1/W). */
  designSpaceW: Float64Array;
  invDesignSpaceW: Float64Array;
  /** Design primary flow (kg/s), for the valve limit and network sizing. */
  designMassFlowKgS: Float64Array;
  /** Hot-water circulation loss (W), reheated at the circulation return. */
  circulationW: Float64Array;
  /**
   * The common case's per-building constants interleaved (one stream instead of three), stride 3:
   * design flow x cp (W/K), GRID_PHI_SCALE / design load (1/W), and the grid offset (class and room folded
   * into the grid index, see GRID; NaN: exact path only).
   */
  fastParams: Float64Array;
  /** Scratch: indices of the substations this step's limited cases are solved for. */
  pending: Int32Array;
}

/** One substation per building (specs only checked for length: everything else is in the building arrays). */
export function createSubstationArrays(buildings: BuildingArrays, specs?: readonly BuildingSpec[]): SubstationArrays {
  const n = buildings.count;
  if (specs && specs.length !== n) throw new Error(`substations: ${specs.length} specs for ${n} buildings`);
  const heatingClass = Uint8Array.from(buildings.ageClass, (a) => HEATING_CLASS_BY_AGE[a]);
  const arrays: SubstationArrays = {
    count: n,
    heatingClass,
    roomC: Float64Array.from(buildings.setpointC),
    designSpaceW: Float64Array.from(buildings.designHeatW),
    invDesignSpaceW: Float64Array.from(buildings.designHeatW, (w) => (w > 0 ? 1 / w : 0)),
    designMassFlowKgS: Float64Array.from({ length: n }, (_, i) =>
      designPrimaryMassFlowKgS(heatingClass[i], buildings.designHeatW[i], buildings.dhwPeakW[i], buildings.dhwCirculationW[i]),
    ),
    circulationW: Float64Array.from(buildings.dhwCirculationW),
    fastParams: new Float64Array(3 * n),
    pending: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    arrays.fastParams[3 * i] = arrays.designMassFlowKgS[i] * CP;
    arrays.fastParams[3 * i + 1] = arrays.invDesignSpaceW[i] * GRID_PHI_SCALE;
    arrays.fastParams[3 * i + 2] = gridOffset(heatingClass[i], arrays.roomC[i]);
  }
  return arrays;
}

// DHW at a supply hot enough for full service (the usual case): constant returns.
const FULL_DHW_FROM_C = DHW_HOT_C + DHW_HOT_APPROACH_K;
const DHW_RETURN_FULL_C = dhwPrimaryReturnC(FULL_DHW_FROM_C);
const CIRCULATION_RETURN_FULL_C = circulationPrimaryReturnC(FULL_DHW_FROM_C);

/**
 * Primary flow, return temperature and delivered heat of every substation for this step.
 * supplyC: supply temperature arriving at each building (°C). flowFactor: share (0..1) of design flow the
 * available differential pressure allows. demandW: space + DHW demand (W); spaceDemandW: its space part.
 *
 * The common case (see the header) is handled inline: with drops A (tap), C (circulation) and B (space
 * heating), m cp = Q_tap/A + Q_circ/C + Q_sh/B and Tr1 = Ts1 - Q/(m cp). Everything else goes to `solveLimited`.
 */
export function solveSubstations(
  arrays: SubstationArrays,
  supplyC: Float64Array,
  flowFactor: number,
  demandW: Float64Array,
  spaceDemandW: Float64Array,
  outMassFlowKgS: Float64Array,
  outReturnC: Float64Array,
  outDeliveredW: Float64Array,
  outDeliveredSpaceW: Float64Array,
): void {
  const n = arrays.count;
  const params = arrays.fastParams;
  const circulationW = arrays.circulationW;
  const valve = flowFactor > 0 ? VALVE_MARGIN * Math.min(flowFactor, 1) : 0;
  const grid = GRID;
  const pending = arrays.pending;
  let pendingCount = 0;
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const ts = supplyC[i];
    // Branch-free clamps (faster here than conditionals); a NaN demand fails `dhwW <= capW` and
    // goes to solveLimited, which clamps NaN to zero.
    const total = Math.max(demandW[i], 0);
    const spaceAsked = Math.min(Math.max(spaceDemandW[i], 0), total);
    const dhwW = total - spaceAsked;
    const maxHeatRateWPerK = valve * params[p]; // maxFlow cp
    if (ts >= FULL_DHW_FROM_C && ts <= GRID_SUPPLY_MAX_C) {
      const circW = Math.min(dhwW, circulationW[i]);
      const dhwRateWPerK = (dhwW - circW) / (ts - DHW_RETURN_FULL_C) + circW / (ts - CIRCULATION_RETURN_FULL_C); // m cp
      if (dhwRateWPerK <= maxHeatRateWPerK) {
        const phiScaled = spaceAsked * params[p + 1];
        if (phiScaled === 0) {
          // DHW only (or nothing): the DHW exchangers' flow and mixed return.
          if (dhwW > 0) {
            outReturnC[i] = ts - dhwW / dhwRateWPerK;
            outDeliveredW[i] = carryHeat(dhwW, ts, outReturnC[i], valve * arrays.designMassFlowKgS[i], outMassFlowKgS, i);
          } else {
            outMassFlowKgS[i] = 0;
            outReturnC[i] = STANDING_RETURN_C;
            outDeliveredW[i] = 0;
          }
          outDeliveredSpaceW[i] = 0;
          continue;
        }
        const u = Math.sqrt(phiScaled);
        if (u < GRID_S_N) {
          const v = ts * GRID_T_SCALE - params[p + 2];
          const j = u | 0;
          const k = v | 0; // NaN offset: 0, and fv NaN below
          const fv = v - k;
          const b = j * GRID_ROW + k;
          const g0 = grid[b];
          const g2 = grid[b + GRID_ROW];
          const lo = g0 + fv * (grid[b + 1] - g0);
          const spaceDropK = lo + (u - j) * (g2 + fv * (grid[b + GRID_ROW + 1] - g2) - lo); // B
          // NaN (edge cell, guard, odd set-point) fails this test too.
          const rateWPerK = dhwRateWPerK + spaceAsked / spaceDropK;
          if (rateWPerK <= maxHeatRateWPerK) {
            outReturnC[i] = ts - total / rateWPerK;
            const delivered = carryHeat(total, ts, outReturnC[i], valve * arrays.designMassFlowKgS[i], outMassFlowKgS, i);
            outDeliveredW[i] = delivered;
            outDeliveredSpaceW[i] = (spaceAsked * delivered) / total;
            continue;
          }
        }
      }
    }
    pending[pendingCount++] = i;
  }
  // The limited cases after the loop: a call inside it would make the compiler reload every array's base and
  // length on each iteration.
  for (let q = 0; q < pendingCount; q++) {
    const i = pending[q];
    const maxFlowKgS = valve * arrays.designMassFlowKgS[i];
    solveLimited(arrays, i, supplyC[i], maxFlowKgS, demandW[i], spaceDemandW[i], outMassFlowKgS, outReturnC, outDeliveredW, outDeliveredSpaceW);
  }
}

/**
 * One substation outside the common case: DHW first (share by supply temperature, then the valve), space
 * heating with the flow left, limited exactly on the sqrt(phi) tables (supply limit) or by regula falsi
 * (valve limit).
 */
function solveLimited(
  arrays: SubstationArrays,
  i: number,
  ts: number,
  maxFlow: number,
  demandW: number,
  spaceDemandW: number,
  outMassFlowKgS: Float64Array,
  outReturnC: Float64Array,
  outDeliveredW: Float64Array,
  outDeliveredSpaceW: Float64Array,
): void {
  const total = demandW > 0 ? demandW : 0; // NaN -> 0
  const spaceAsked = spaceDemandW > 0 ? (spaceDemandW < total ? spaceDemandW : total) : 0;
  const dhwAsked = total - spaceAsked;
  const maxRateWPerK = maxFlow * CP;
  let dhwW = 0;
  let dhwRateWPerK = 0; // m cp of the DHW exchangers
  let spaceW = 0;
  let spaceDropK = 1; // Ts1 - Tr1 of the space-heating exchanger

  // DHW first: tap water down to a supply just above the cold water, circulation down to its return.
  if (dhwAsked > 0 && ts > DHW_COLD_C && maxFlow > 0) {
    const circAsked = Math.min(dhwAsked, arrays.circulationW[i]);
    const tapW = (dhwAsked - circAsked) * dhwServableShare(ts);
    const circW = circAsked * circulationServableShare(ts);
    dhwW = tapW + circW;
    dhwRateWPerK = tapW / (ts - dhwPrimaryReturnC(ts)) + (circW > 0 ? circW / (ts - circulationPrimaryReturnC(ts)) : 0);
    if (dhwRateWPerK > maxRateWPerK) {
      // The valve limits both shares alike.
      dhwW *= maxRateWPerK / dhwRateWPerK;
      dhwRateWPerK = maxRateWPerK;
    }
  }

  // Space heating with the flow DHW leaves: Q_sh/(cp B) <= maxFlow - m_dhw.
  const qd = arrays.designSpaceW[i];
  if (spaceAsked > 0 && qd > 0 && maxRateWPerK > dhwRateWPerK) {
    const c = arrays.heatingClass[i];
    const ti = arrays.roomC[i];
    let phi = spaceAsked * arrays.invDesignSpaceW[i];
    if (phi > PHI_MAX) phi = PHI_MAX;
    let tr = spacePrimaryReturnC(c, phi, ts, ti);
    if (!(tr === tr)) {
      const limitPhi = supplyLimitedPhi(c, ts, ti);
      if (limitPhi < phi) phi = limitPhi;
      tr = spacePrimaryReturnC(c, phi, ts, ti);
    }
    if (phi > 0 && (phi * qd) / (ts - tr) > maxRateWPerK - dhwRateWPerK) {
      phi = flowLimitedPhi(c, phi, tr, ts, ti, qd, (maxRateWPerK - dhwRateWPerK) * INV_CP);
      tr = spacePrimaryReturnC(c, phi, ts, ti);
    }
    if (phi > 0 && tr === tr) {
      spaceW = phi * qd;
      spaceDropK = ts - tr;
    }
  }

  if (dhwW > 0 || spaceW > 0) {
    const rateWPerK = dhwRateWPerK + spaceW / spaceDropK;
    outReturnC[i] = ts - (dhwW + spaceW) / rateWPerK;
    const delivered = carryHeat(dhwW + spaceW, ts, outReturnC[i], maxFlow, outMassFlowKgS, i);
    outDeliveredW[i] = delivered;
    outDeliveredSpaceW[i] = (spaceW * delivered) / (dhwW + spaceW);
  } else {
    outMassFlowKgS[i] = 0;
    outReturnC[i] = ts < STANDING_RETURN_C ? ts : STANDING_RETURN_C;
    outDeliveredW[i] = 0;
    outDeliveredSpaceW[i] = 0;
  }
}

/**
 * The primary flow that carries heatW from supplyC to returnC by the water's enthalpy, at most maxFlowKgS, into
 * outMassFlowKgS[i]; returns the heat it carries (W).
 */
function carryHeat(heatW: number, supplyC: number, returnC: number, maxFlowKgS: number, outMassFlowKgS: Float64Array, i: number): number {
  const heatJPerKg = waterHeatJPerKg(returnC, supplyC);
  const flow = heatW / heatJPerKg;
  if (flow <= maxFlowKgS) {
    outMassFlowKgS[i] = flow;
    return heatW;
  }
  outMassFlowKgS[i] = maxFlowKgS;
  return maxFlowKgS * heatJPerKg;
}
