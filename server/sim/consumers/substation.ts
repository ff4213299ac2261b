/**
 * Indirect district-heating substations of all buildings (struct of arrays): a space-heating heat exchanger
 * feeding a radiator circuit and a DHW heat exchanger, in parallel on the primary side.
 *
 * Space heating (SH)
 * - Radiator circuit with constant secondary flow and outdoor-compensated supply temperature; design
 *   secondary supply/return at -26 °C, room 21 °C, by radiator class (Finnish Energy guideline K1/2013
 *   "Rakennusten kaukolämmitys" gives 70/40 for old and 60/30 for new radiator networks; pre-1976
 *   buildings were designed for 80/60 or hotter): 0 = 80/60, 1 = 70/40, 2 = 60/30, 3 = 55/30.
 * - Radiator characteristic, exponent n = 1.3 (EN 442): phi = Q/Q_design = (LMTD/LMTD_d)^n with
 *   LMTD = (Ts2 - Tr2)/ln((Ts2 - Ti)/(Tr2 - Ti)). With constant secondary flow Ts2 - Tr2 = phi * (Ts2d - Tr2d),
 *   which solves in closed form: r = (Ts2 - Ti)/(Tr2 - Ti) = r_d^(phi^(1 - 1/n)),
 *   Tr2 = Ti + phi (Ts2d - Tr2d)/(r - 1), Ts2 = Ti + r (Tr2 - Ti). Ti is the building's set-point.
 *   Tabulated per class on 256 points of sqrt(phi), phi in [0, 1.25], with the exchanger curve below (linear
 *   interpolation; primary return within 5e-4 K of the exact solution over phi 0.001-1.2, supply 60-115 °C).
 * - Counter-flow heat exchanger sized for a 5 K cold-end approach at design with a 115 °C primary supply
 *   (brief B: design primary 115 °C at -26 °C): Q = UA_hx * LMTD(theta_h, theta_c), with theta_h = Ts1 - Ts2,
 *   theta_c = Tr1 - Tr2. UA_hx falls with flow: film coefficients go as velocity^0.8 (Dittus-Boelter) and the
 *   primary side is about half the resistance, so UA_hx = UA_d * phi^0.4 and the LMTD needed is
 *   L(phi) = L_d * phi^0.6 (tabulated with the radiator). Given Q, theta_c = x * theta_h where x solves
 *   (x - 1)/ln x = y = L(phi)/theta_h (tabulated). So the primary return falls as the load falls and
 *   also falls when the primary supply is hotter (smaller flow), as Frederiksen & Werner, District Heating
 *   and Cooling (2013), describe for substations; y >= 0.95 is infeasible: the supply is too cold.
 * DHW
 * - Cold water 9 °C heated to 55 °C (Finnish D1: at least 55 °C at the tap); the exchanger needs the
 *   primary supply 5 K above the hot-water temperature, below that the water is heated only to Ts1 - 5 and
 *   the delivered share is (Ts1 - 5 - 9)/(55 - 9). Primary return 9 + 13 = 22 °C (K1/2013: 20-25 °C), never
 *   above the midpoint of supply and cold water.
 * Primary side
 * - Flow per branch m = Q/(cp (Ts1 - Tr1)); the substation's return is the flow-weighted mix, so
 *   Q = m cp (Ts1 - Tr1) holds exactly for the whole substation.
 * - Control valve: at most m_max = 1.3 * flowFactor * m_design, with m_design = Q_design,SH/(cp (115 - Tr1d))
 *   + Q_peak,DHW/(cp (65 - 22)) (DHW exchangers are sized for the summer supply, 65 °C). DHW is served first,
 *   space heating gets what is left; when a limit binds, the largest feasible phi is found exactly on
 *   the tables (supply limit) or by regula falsi (flow limit), always on the feasible side.
 * - No flow (zero demand, no valve authority, supply too cold): return temperature reads min(35 °C, Ts1),
 *   the water standing in the service pipe.
 * Speed (the loop runs for every building every step)
 * - Common case (supply 60-130 °C so DHW is fully served, valve not limiting, load and supply inside the
 *   grid): the space-heating primary drop Ts1 - Tr1 is read from a 2-D grid per radiator class over
 *   (sqrt(phi), Ts1 - Ti), bilinear, built at load from the exact solution (closed-form radiator curve,
 *   counter-flow root by Newton). Nodes with y > GRID_Y_MAX = 0.9 hold NaN, so a cell touching the infeasible
 *   edge yields NaN and falls back to the sqrt(phi) tables. Grid error against the exact solution: at most 0.006 K,
 *   mean 5e-4 K, over phi 0-1.2 and supply 60-120 °C (tested to < 0.05 K), and the interpolated return is
 *   never below the exact one. One division and one square root per building; flow and mixed return both
 *   from 1/(N D). The limited cases (supply too cold or above 130 °C, valve limit) are collected and solved
 *   after the loop on the sqrt(phi) tables above.
 */
import { WATER_CP_J_PER_KG_K } from '../water';
import type { BuildingSpec } from '../../../shared/scenario/schema';
import type { BuildingArrays } from './buildings';
import { DESIGN_INDOOR_C } from './buildingParams';

export const RADIATOR_EXPONENT = 1.3;
export const RADIATOR_DESIGN_C: ReadonlyArray<readonly [supplyC: number, returnC: number]> = [
  [80, 60],
  [70, 40],
  [60, 30],
  [55, 30],
];
/** Radiator class by Finnish age class (pre-1960 ... 2012+). */
export const HEATING_CLASS_BY_AGE = [0, 0, 1, 1, 2, 3] as const;
export const PRIMARY_DESIGN_SUPPLY_C = 115;
export const HX_DESIGN_APPROACH_K = 5;
/** UA_hx ~ phi^0.4, so the needed LMTD goes as phi^(1 - 0.4). */
export const HX_UA_LOAD_EXPONENT = 0.4;
export const DHW_COLD_C = 9;
export const DHW_HOT_C = 55;
export const DHW_HOT_APPROACH_K = 5;
export const DHW_RETURN_APPROACH_K = 13;
export const DHW_DESIGN_SUPPLY_C = 65;
export const VALVE_MARGIN = 1.3;
export const STANDING_RETURN_C = 35;
/** Largest usable y = Q/(UA_hx theta_h): beyond it the exchanger cannot pass the heat. */
export const HX_Y_MAX = 0.95;

const CP = WATER_CP_J_PER_KG_K;
const INV_CP = 1 / CP;
const PHI_MAX = 1.25;
// The radiator and exchanger curves go as phi^0.77 and phi^0.6: smooth in s = sqrt(phi), so the table is
// indexed by s and 256 nodes interpolate within 5e-4 K. One interleaved table keeps a lookup in one cache line.
const S_N = 256;
const S_SCALE = S_N / Math.sqrt(PHI_MAX);
const Y_N = 512;
const Y_SCALE = Y_N / HX_Y_MAX;
const FLOW_ITERATIONS = 10;
/** Flow-limited phi is found to within this (fraction of the design load), on the feasible side. */
const FLOW_TOLERANCE = 1e-5;
const CLASS_COUNT = RADIATOR_DESIGN_C.length;

/** Exact radiator secondary temperatures (°C) at load fraction phi: [supply, return]. */
export function radiatorTemperatures(heatingClass: number, phi: number, roomC: number): [number, number] {
  const [es, er] = radiatorExcess(heatingClass, phi);
  return [roomC + es, roomC + er];
}

function radiatorExcess(heatingClass: number, phi: number): [number, number] {
  if (phi <= 0) return [0, 0];
  const [sd, rd] = RADIATOR_DESIGN_C[heatingClass];
  const esd = sd - DESIGN_INDOOR_C;
  const erd = rd - DESIGN_INDOOR_C;
  const lnR = Math.log(esd / erd) * Math.pow(phi, 1 - 1 / RADIATOR_EXPONENT);
  const er = (phi * (sd - rd)) / Math.expm1(lnR);
  return [er * Math.exp(lnR), er];
}

/** Log-mean of two positive temperature differences (K). */
export function logMeanK(a: number, b: number): number {
  return Math.abs(a - b) < 1e-9 * a ? a : (a - b) / Math.log(a / b);
}

/**
 * Per class and node j (phi = (j / S_SCALE)^2), four values at TABLE[(cls * (S_N + 1) + j) * 4 + v]:
 * v = 0 radiator supply excess over the room es (K), 1 return excess er (K), 2 the LMTD the exchanger needs
 * to pass phi Q_design, L = Q/UA_hx(phi) (K), 3 the supply-limit function L + HX_Y_MAX es (K).
 */
const TABLE = new Float64Array(CLASS_COUNT * (S_N + 1) * 4);
for (let k = 0; k < CLASS_COUNT; k++) {
  const designLmtdK = logMeanK(PRIMARY_DESIGN_SUPPLY_C - RADIATOR_DESIGN_C[k][0], HX_DESIGN_APPROACH_K);
  for (let j = 0; j <= S_N; j++) {
    const phi = (j / S_SCALE) ** 2;
    const [es, er] = radiatorExcess(k, phi);
    const lmtd = designLmtdK * Math.pow(phi, 1 - HX_UA_LOAD_EXPONENT);
    TABLE.set([es, er, lmtd, lmtd + HX_Y_MAX * es], (k * (S_N + 1) + j) * 4);
  }
}

// x(y): the root in (0, 1) of (x - 1)/ln x = y, i.e. theta_c/theta_h for a counter-flow exchanger.
const APPROACH_RATIO = new Float64Array(Y_N + 1);
for (let j = 1; j <= Y_N; j++) {
  const y = j / Y_SCALE;
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 80; it++) {
    const x = 0.5 * (lo + hi);
    if ((x - 1) / Math.log(x) < y) lo = x;
    else hi = x;
  }
  APPROACH_RATIO[j] = 0.5 * (lo + hi);
}

/** x in (0, 1) with (x - 1)/ln x = y, i.e. x - 1 = y ln x (0 < y < 1): safeguarded Newton, to rounding. */
function approachRatioExact(y: number): number {
  // h(x) = x - 1 - y ln x is convex, positive left of the root and negative on (root, y].
  let lo = 0;
  let hi = y;
  const v = y * Y_SCALE;
  const k = v | 0;
  let x = k < Y_N ? APPROACH_RATIO[k] + (v - k) * (APPROACH_RATIO[k + 1] - APPROACH_RATIO[k]) : 0.5 * y;
  if (!(x > 0 && x < y)) x = 0.5 * y;
  for (let it = 0; it < 60; it++) {
    const h = x - 1 - y * Math.log(x);
    if (h > 0) lo = x;
    else hi = x;
    let next = x - h / (1 - y / x);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-16 * x) return next;
    x = next;
  }
  return x;
}

/**
 * Primary return of the space-heating exchanger (°C) from the exact model (closed-form radiator curve,
 * counter-flow root solved to rounding), NaN when y > HX_Y_MAX: the reference the tables are checked against.
 */
export function exactSpacePrimaryReturnC(heatingClass: number, phi: number, supplyC: number, roomC: number): number {
  if (!(phi > 0)) return NaN;
  const [es, er] = radiatorExcess(heatingClass, phi);
  const designLmtdK = logMeanK(PRIMARY_DESIGN_SUPPLY_C - RADIATOR_DESIGN_C[heatingClass][0], HX_DESIGN_APPROACH_K);
  const thetaH = supplyC - roomC - es;
  if (!(thetaH > 0)) return NaN;
  const y = (designLmtdK * Math.pow(phi, 1 - HX_UA_LOAD_EXPONENT)) / thetaH;
  if (!(y <= HX_Y_MAX)) return NaN;
  return roomC + er + approachRatioExact(y) * thetaH;
}

// The common-case grid: the primary temperature drop B = Ts1 - Tr1 per class over s = sqrt(phi) (GRID_S_N
// cells on [0, sqrt(PHI_MAX)]) and the supply excess Ts1 - Ti (GRID_T_N cells of GRID_T_STEP_K from GRID_T0_K).
// Tr1 is convex in s and in Ts1 separately (the radiator return goes as s^1.54, the exchanger's cold-end
// difference falls ever more slowly with a hotter supply), so the bilinear interpolant puts the return on or
// above the exact one, never below the secondary return. Float32 nodes rounded down in B (a few 1e-6 K) keep
// that and halve the cache footprint (4 classes x 257 x 202 nodes = 830 kB).
// Each row ends in a NaN guard node, and the class and room temperature are folded into one per-building
// offset (SubstationArrays.gridOffset): v = Ts1 GRID_T_SCALE - offset is the row position plus the class's
// base index, so the lookup needs no class or room load. A supply excess one cell outside the range reads a
// guard (NaN: slow path); the fast path admits supply in [60, GRID_SUPPLY_MAX_C] and set-points in
// [GRID_ROOM_MIN_C, GRID_ROOM_MAX_C] only, which keeps it within one cell of the range.
const GRID_S_N = 256;
const GRID_S_SCALE = GRID_S_N / Math.sqrt(PHI_MAX);
const GRID_PHI_SCALE = GRID_S_SCALE * GRID_S_SCALE; // sqrt(phi GRID_PHI_SCALE) = sqrt(phi) GRID_S_SCALE
const GRID_T0_K = 25;
const GRID_T_STEP_K = 0.5;
const GRID_T_N = 200;
const GRID_T_SCALE = 1 / GRID_T_STEP_K;
const GRID_ROW = GRID_T_N + 2;
const GRID_CLASS = (GRID_S_N + 1) * GRID_ROW;
const GRID_SUPPLY_MAX_C = 130;
const GRID_ROOM_MIN_C = 5;
const GRID_ROOM_MAX_C = 30;
/** Nodes with a larger exchanger duty y stay NaN: near the edge x(y) is steep and the slow path is exact. */
export const GRID_Y_MAX = 0.9;
const GRID = new Float32Array(CLASS_COUNT * GRID_CLASS).fill(NaN);
{
  const bits = new Int32Array(GRID.buffer);
  for (let c = 0; c < CLASS_COUNT; c++) {
    const designLmtdK = logMeanK(PRIMARY_DESIGN_SUPPLY_C - RADIATOR_DESIGN_C[c][0], HX_DESIGN_APPROACH_K);
    for (let j = 0; j <= GRID_S_N; j++) {
      const phi = (j / GRID_S_SCALE) ** 2;
      const [es, er] = radiatorExcess(c, phi);
      const lmtd = designLmtdK * Math.pow(phi, 1 - HX_UA_LOAD_EXPONENT);
      for (let k = 0; k <= GRID_T_N; k++) {
        const excessK = GRID_T0_K + k * GRID_T_STEP_K;
        const thetaH = excessK - es;
        const y = lmtd / thetaH;
        if (!(thetaH > 0 && y <= GRID_Y_MAX)) continue;
        const dropK = j === 0 ? excessK : excessK - er - approachRatioExact(y) * thetaH;
        const at = c * GRID_CLASS + j * GRID_ROW + k;
        GRID[at] = dropK;
        if (GRID[at] > dropK) bits[at]--; // next float32 down (values are positive)
      }
    }
  }
}

/** Per-building grid offset (see GRID): NaN keeps a building on the exact path. */
function gridOffset(heatingClass: number, roomC: number): number {
  if (!(roomC >= GRID_ROOM_MIN_C && roomC <= GRID_ROOM_MAX_C)) return NaN;
  return (roomC + GRID_T0_K) * GRID_T_SCALE - heatingClass * GRID_CLASS;
}

/**
 * Space-heating primary return (°C) from the grid, bilinear; NaN outside it or in a cell touching the
 * infeasible edge (the caller then takes the exact path). Exported for the accuracy test.
 */
export function gridSpacePrimaryReturnC(heatingClass: number, phi: number, supplyC: number, roomC: number): number {
  const u = Math.sqrt(phi) * GRID_S_SCALE;
  const v = (supplyC - roomC - GRID_T0_K) * GRID_T_SCALE;
  if (!(u >= 0 && u < GRID_S_N && v >= 0 && v < GRID_T_N)) return NaN;
  const j = u | 0;
  const k = v | 0;
  const fv = v - k;
  const b = heatingClass * GRID_CLASS + j * GRID_ROW + k;
  const lo = GRID[b] + fv * (GRID[b + 1] - GRID[b]);
  const hi = GRID[b + GRID_ROW] + fv * (GRID[b + GRID_ROW + 1] - GRID[b + GRID_ROW]);
  return supplyC - lo - (u - j) * (hi - lo);
}

/** Primary return of the space-heating exchanger (°C) at load phi, or NaN when the supply cannot carry it. */
function spacePrimaryReturnC(heatingClass: number, phi: number, supplyC: number, roomC: number): number {
  const u = Math.sqrt(phi) * S_SCALE;
  let j = u | 0; // phi >= 0
  if (j >= S_N) j = S_N - 1;
  const f = u - j;
  const b = (heatingClass * (S_N + 1) + j) * 4;
  const es = TABLE[b] + f * (TABLE[b + 4] - TABLE[b]);
  const thetaH = supplyC - roomC - es;
  if (!(thetaH > 0)) return NaN;
  const y = (TABLE[b + 2] + f * (TABLE[b + 6] - TABLE[b + 2])) / thetaH;
  if (y > HX_Y_MAX + 1e-9) return NaN; // the tolerance admits supplyLimitedPhi's own root
  const v = y * Y_SCALE;
  let k = v | 0; // y >= 0
  if (k >= Y_N) k = Y_N - 1;
  const x = APPROACH_RATIO[k] + (v - k) * (APPROACH_RATIO[k + 1] - APPROACH_RATIO[k]);
  return roomC + TABLE[b + 1] + f * (TABLE[b + 5] - TABLE[b + 1]) + x * thetaH;
}

/**
 * Largest phi the supply temperature allows: y <= HX_Y_MAX, i.e. L(phi) + HX_Y_MAX es(phi) <= HX_Y_MAX (Ts1 - Ti).
 * The left side is increasing and piecewise linear in s on the table, so a binary search over the nodes and
 * a linear solve within the segment give the exact root of the tabulated model.
 */
function supplyLimitedPhi(heatingClass: number, supplyC: number, roomC: number): number {
  const limit = HX_Y_MAX * (supplyC - roomC);
  if (!(limit > 0)) return 0;
  const base = heatingClass * (S_N + 1) * 4 + 3;
  if (TABLE[base + S_N * 4] <= limit) return PHI_MAX;
  let lo = 0;
  let hi = S_N;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (TABLE[base + mid * 4] <= limit) lo = mid;
    else hi = mid;
  }
  const gLo = TABLE[base + lo * 4];
  const s = (lo + (limit - gLo) / (TABLE[base + hi * 4] - gLo)) / S_SCALE;
  return s * s;
}

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

/** Share of the DHW demand the supply temperature can serve, [0, 1]. */
function dhwServableShare(supplyC: number): number {
  const s = (supplyC - DHW_HOT_APPROACH_K - DHW_COLD_C) / (DHW_HOT_C - DHW_COLD_C);
  return s > 1 ? 1 : s > 0 ? s : 0;
}

/** Design primary flow of one substation (kg/s): space heating at 115 °C supply plus DHW peak at 65 °C. */
export function designPrimaryMassFlowKgS(heatingClass: number, designHeatW: number, dhwPeakW: number): number {
  const spaceReturnC = RADIATOR_DESIGN_C[heatingClass][1] + HX_DESIGN_APPROACH_K;
  return (
    designHeatW / (CP * (PRIMARY_DESIGN_SUPPLY_C - spaceReturnC)) +
    dhwPeakW / (CP * (DHW_DESIGN_SUPPLY_C - dhwPrimaryReturnC(DHW_DESIGN_SUPPLY_C)))
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
      designPrimaryMassFlowKgS(heatingClass[i], buildings.designHeatW[i], buildings.dhwPeakW[i]),
    ),
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

// DHW at a supply hot enough for full service (the usual case): constant return.
const FULL_DHW_FROM_C = DHW_HOT_C + DHW_HOT_APPROACH_K;
const DHW_RETURN_FULL_C = dhwPrimaryReturnC(FULL_DHW_FROM_C);

/**
 * Primary flow, return temperature and delivered heat of every substation for this step.
 * supplyC: supply temperature arriving at each building (°C). flowFactor: share (0..1) of design flow the
 * available differential pressure allows. demandW: space + DHW demand (W); spaceDemandW: its space part.
 *
 * The common case (see the header) is handled inline with one division: with A = Ts1 - Tr1,DHW,
 * B = Ts1 - Tr1,SH, N = Q_dhw B + Q_sh A and D = A B, m = N/(cp D) and Tr1 = Ts1 - (Q_dhw + Q_sh) D/N,
 * both from 1/(N D). Everything else goes to `solveLimited`.
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
      const dhwDropK = ts - DHW_RETURN_FULL_C; // A
      const capW = maxHeatRateWPerK * dhwDropK;
      if (dhwW <= capW) {
        const phiScaled = spaceAsked * params[p + 1];
        if (phiScaled === 0) {
          // DHW only (or nothing): the DHW exchanger's flow and return.
          if (dhwW > 0) {
            outMassFlowKgS[i] = (dhwW * INV_CP) / dhwDropK;
            outReturnC[i] = ts - dhwDropK;
          } else {
            outMassFlowKgS[i] = 0;
            outReturnC[i] = STANDING_RETURN_C;
          }
          outDeliveredW[i] = dhwW;
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
          // NaN (edge cell, guard, odd set-point) fails this test too; valve: Q_sh A + Q_dhw B <= maxFlow cp A B.
          if (spaceAsked * dhwDropK + dhwW * spaceDropK <= capW * spaceDropK) {
            const num = dhwW * spaceDropK + spaceAsked * dhwDropK;
            const den = dhwDropK * spaceDropK;
            const inv = 1 / (num * den);
            outMassFlowKgS[i] = num * num * inv * INV_CP;
            outReturnC[i] = ts - total * den * den * inv;
            outDeliveredW[i] = total;
            outDeliveredSpaceW[i] = spaceAsked;
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
  let dhwW = 0;
  let dhwDropK = 1; // A = Ts1 - Tr1 of the DHW exchanger
  let spaceW = 0;
  let spaceDropK = 1; // B = Ts1 - Tr1 of the space-heating exchanger

  // DHW first: its exchanger works down to a supply just above the cold water.
  if (dhwAsked > 0 && ts > DHW_COLD_C && maxFlow > 0) {
    const full = ts >= FULL_DHW_FROM_C;
    dhwDropK = ts - (full ? DHW_RETURN_FULL_C : dhwPrimaryReturnC(ts));
    dhwW = full ? dhwAsked : dhwAsked * dhwServableShare(ts);
    const cap = maxFlow * CP * dhwDropK;
    if (dhwW > cap) dhwW = cap;
  }

  // Space heating with the flow DHW leaves: Q_sh/(cp B) <= maxFlow - Q_dhw/(cp A), i.e.
  // Q_sh A + Q_dhw B <= maxFlow cp A B.
  const qd = arrays.designSpaceW[i];
  if (spaceAsked > 0 && qd > 0 && maxFlow * CP * dhwDropK > dhwW) {
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
    if (phi > 0 && phi * qd * dhwDropK + dhwW * (ts - tr) > maxFlow * CP * dhwDropK * (ts - tr)) {
      phi = flowLimitedPhi(c, phi, tr, ts, ti, qd, maxFlow - dhwW / (CP * dhwDropK));
      tr = spacePrimaryReturnC(c, phi, ts, ti);
    }
    if (phi > 0 && tr === tr) {
      spaceW = phi * qd;
      spaceDropK = ts - tr;
    }
  }

  if (dhwW > 0 || spaceW > 0) {
    const num = dhwW * spaceDropK + spaceW * dhwDropK;
    const den = dhwDropK * spaceDropK;
    const inv = 1 / (num * den);
    outMassFlowKgS[i] = num * num * inv * INV_CP;
    outReturnC[i] = ts - (dhwW + spaceW) * den * den * inv;
  } else {
    outMassFlowKgS[i] = 0;
    outReturnC[i] = ts < STANDING_RETURN_C ? ts : STANDING_RETURN_C;
  }
  outDeliveredW[i] = dhwW + spaceW;
  outDeliveredSpaceW[i] = spaceW;
}
