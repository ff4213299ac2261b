/**
 * Primary return temperature of a substation's space-heating branch: a radiator circuit fed through a
 * counter-flow heat exchanger (substation.ts puts the branch in parallel with DHW and applies the control valve).
 * The exact model, the tables solveSubstations reads, and the load limit a too-cold supply sets.
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
 *   (the design point, 115 °C primary at -26 °C: docs/reference-figures.md, Buildings and substations):
 *   Q = UA_hx * LMTD(theta_h, theta_c), with theta_h = Ts1 - Ts2,
 *   theta_c = Tr1 - Tr2. UA_hx falls with flow: film coefficients go as velocity^0.8 (Dittus-Boelter) and the
 *   primary side is about half the resistance, so UA_hx = UA_d * phi^0.4 and the LMTD needed is
 *   L(phi) = L_d * phi^0.6 (tabulated with the radiator). Given Q, theta_c = x * theta_h where x solves
 *   (x - 1)/ln x = y = L(phi)/theta_h (tabulated). So the primary return falls as the load falls and
 *   also falls when the primary supply is hotter (smaller flow), as Frederiksen & Werner, District Heating
 *   and Cooling (2013), describe for substations; y >= 0.95 is infeasible: the supply is too cold.
 * Tables
 * - The common-case grid: the space-heating primary drop Ts1 - Tr1 is read from a 2-D grid per radiator class
 *   over (sqrt(phi), Ts1 - Ti), bilinear, built at load from the exact solution (closed-form radiator curve,
 *   counter-flow root by Newton). Nodes with y > GRID_Y_MAX = 0.9 hold NaN, so a cell touching the infeasible
 *   edge yields NaN and falls back to the sqrt(phi) tables. Grid error against the exact solution: at most 0.006 K,
 *   mean 5e-4 K, over phi 0-1.2 and supply 60-120 °C (tested to < 0.05 K), and the interpolated return is
 *   never below the exact one.
 * Units: °C, K; phi is the load as a share of the design space-heating load.
 */
import { DESIGN_INDOOR_C } from './buildingParams';

export const RADIATOR_EXPONENT = 1.3;
export const RADIATOR_DESIGN_C: ReadonlyArray<readonly [supplyC: number, returnC: number]> = [
  [80, 60],
  [70, 40],
  [60, 30],
  [55, 30],
];
export const PRIMARY_DESIGN_SUPPLY_C = 115;
export const HX_DESIGN_APPROACH_K = 5;
/** UA_hx ~ phi^0.4, so the needed LMTD goes as phi^(1 - 0.4). */
export const HX_UA_LOAD_EXPONENT = 0.4;
/** Largest usable y = Q/(UA_hx theta_h): beyond it the exchanger cannot pass the heat. */
export const HX_Y_MAX = 0.95;
/** Largest load share tabulated (phi = Q/Q_design). */
export const PHI_MAX = 1.25;
// The radiator and exchanger curves go as phi^0.77 and phi^0.6: smooth in s = sqrt(phi), so the table is
// indexed by s and 256 nodes interpolate within 5e-4 K. One interleaved table keeps a lookup in one cache line.
const S_N = 256;
const S_SCALE = S_N / Math.sqrt(PHI_MAX);
const Y_N = 512;
const Y_SCALE = Y_N / HX_Y_MAX;
const CLASS_COUNT = RADIATOR_DESIGN_C.length;

/** Exact radiator secondary temperatures (°C) at load fraction phi: [supply, return]. */
export function radiatorTemperatures(heatingClass: number, phi: number, roomC: number): [number, number] {
  const [es, er] = radiatorExcess(heatingClass, phi);
  return [roomC + es, roomC + er];
}

/** The radiator circuit's return temperature (°C) at load share phi: radiatorTemperatures' second value, allocating nothing. */
export function radiatorReturnC(heatingClass: number, phi: number, roomC: number): number {
  return phi > 0 ? roomC + returnExcessK(heatingClass, phi, radiatorLogRatio(heatingClass, phi)) : roomC;
}

function radiatorExcess(heatingClass: number, phi: number): [number, number] {
  if (phi <= 0) return [0, 0];
  const lnR = radiatorLogRatio(heatingClass, phi);
  const er = returnExcessK(heatingClass, phi, lnR);
  return [er * Math.exp(lnR), er];
}

/** ln of the supply-to-return excess ratio es/er at load share phi > 0. */
function radiatorLogRatio(heatingClass: number, phi: number): number {
  const design = RADIATOR_DESIGN_C[heatingClass];
  return Math.log((design[0] - DESIGN_INDOOR_C) / (design[1] - DESIGN_INDOOR_C)) * Math.pow(phi, 1 - 1 / RADIATOR_EXPONENT);
}

/** Return excess over the room er (K) at load share phi > 0, given the log ratio lnR = ln(es/er). */
function returnExcessK(heatingClass: number, phi: number, lnR: number): number {
  const design = RADIATOR_DESIGN_C[heatingClass];
  return (phi * (design[0] - design[1])) / Math.expm1(lnR);
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
export const GRID_S_N = 256;
const GRID_S_SCALE = GRID_S_N / Math.sqrt(PHI_MAX);
export const GRID_PHI_SCALE = GRID_S_SCALE * GRID_S_SCALE; // sqrt(phi GRID_PHI_SCALE) = sqrt(phi) GRID_S_SCALE
const GRID_T0_K = 25;
const GRID_T_STEP_K = 0.5;
const GRID_T_N = 200;
export const GRID_T_SCALE = 1 / GRID_T_STEP_K;
export const GRID_ROW = GRID_T_N + 2;
const GRID_CLASS = (GRID_S_N + 1) * GRID_ROW;
export const GRID_SUPPLY_MAX_C = 130;
const GRID_ROOM_MIN_C = 5;
const GRID_ROOM_MAX_C = 30;
/** Nodes with a larger exchanger duty y stay NaN: near the edge x(y) is steep and the slow path is exact. */
export const GRID_Y_MAX = 0.9;
export const GRID = new Float32Array(CLASS_COUNT * GRID_CLASS).fill(NaN);
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
export function gridOffset(heatingClass: number, roomC: number): number {
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
export function spacePrimaryReturnC(heatingClass: number, phi: number, supplyC: number, roomC: number): number {
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
export function supplyLimitedPhi(heatingClass: number, supplyC: number, roomC: number): number {
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
