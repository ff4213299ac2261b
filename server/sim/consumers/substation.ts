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
 * increasing h(phi) = phi Q_d - maxFlow cp (Ts1 - Tr1(phi)) by Illinois regula falsi, returning the feasible end.
 * `hi` must be supply-feasible and have h(hi) > 0.
 */
function flowLimitedPhi(heatingClass: number, hi: number, supplyC: number, roomC: number, designW: number, maxFlowKgS: number): number {
  const w = maxFlowKgS * CP;
  let lo = 0;
  let hLo = -w * (supplyC - roomC);
  let hHi = hi * designW - w * (supplyC - spacePrimaryReturnC(heatingClass, hi, supplyC, roomC));
  let side = 0;
  for (let it = 0; it < FLOW_ITERATIONS && hi - lo > 1e-5; it++) {
    const p = (lo * hHi - hi * hLo) / (hHi - hLo);
    const hp = p * designW - w * (supplyC - spacePrimaryReturnC(heatingClass, p, supplyC, roomC));
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
}

/** One substation per building (specs only checked for length: everything else is in the building arrays). */
export function createSubstationArrays(buildings: BuildingArrays, specs?: readonly BuildingSpec[]): SubstationArrays {
  const n = buildings.count;
  if (specs && specs.length !== n) throw new Error(`substations: ${specs.length} specs for ${n} buildings`);
  const heatingClass = Uint8Array.from(buildings.ageClass, (a) => HEATING_CLASS_BY_AGE[a]);
  return {
    count: n,
    heatingClass,
    roomC: Float64Array.from(buildings.setpointC),
    designSpaceW: Float64Array.from(buildings.designHeatW),
    invDesignSpaceW: Float64Array.from(buildings.designHeatW, (w) => (w > 0 ? 1 / w : 0)),
    designMassFlowKgS: Float64Array.from({ length: n }, (_, i) =>
      designPrimaryMassFlowKgS(heatingClass[i], buildings.designHeatW[i], buildings.dhwPeakW[i]),
    ),
  };
}

/**
 * Primary flow, return temperature and delivered heat of every substation for this step.
 * supplyC: supply temperature arriving at each building (°C). flowFactor: share (0..1) of design flow the
 * available differential pressure allows. demandW: space + DHW demand (W); spaceDemandW: its space part.
 *
 * Divisions dominate the cost of this loop, so the usual path has two per building: y in the exchanger and
 * one shared reciprocal for flow and mixed return. With A = Ts1 - Tr1,DHW, B = Ts1 - Tr1,SH,
 * N = Q_dhw B + Q_sh A and D = A B: m = N/(cp D) and Tr1 = Ts1 - (Q_dhw + Q_sh) D/N, both from 1/(N D).
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
  const cls = arrays.heatingClass;
  const roomC = arrays.roomC;
  const designW = arrays.designSpaceW;
  const invDesignW = arrays.invDesignSpaceW;
  const designFlow = arrays.designMassFlowKgS;
  const valve = flowFactor > 0 ? VALVE_MARGIN * Math.min(flowFactor, 1) : 0;
  // DHW at a supply hot enough for full service (the usual case): constant return, no per-building work.
  const fullDhwFromC = DHW_HOT_C + DHW_HOT_APPROACH_K;
  const dhwReturnFullC = dhwPrimaryReturnC(fullDhwFromC);
  for (let i = 0; i < n; i++) {
    const ts = supplyC[i];
    const total = demandW[i] > 0 ? demandW[i] : 0;
    const spaceAsked = spaceDemandW[i] > 0 ? (spaceDemandW[i] < total ? spaceDemandW[i] : total) : 0;
    const dhwAsked = total - spaceAsked;
    const maxFlow = valve * designFlow[i];
    let dhwW = 0;
    let dhwDropK = 1; // A = Ts1 - Tr1 of the DHW exchanger
    let spaceW = 0;
    let spaceDropK = 1; // B = Ts1 - Tr1 of the space-heating exchanger

    // DHW first: its exchanger works down to a supply just above the cold water.
    if (dhwAsked > 0 && ts > DHW_COLD_C && maxFlow > 0) {
      const full = ts >= fullDhwFromC;
      dhwDropK = ts - (full ? dhwReturnFullC : dhwPrimaryReturnC(ts));
      dhwW = full ? dhwAsked : dhwAsked * dhwServableShare(ts);
      const cap = maxFlow * CP * dhwDropK;
      if (dhwW > cap) dhwW = cap;
    }

    // Space heating with the flow DHW leaves: Q_sh/(cp B) <= maxFlow - Q_dhw/(cp A), i.e.
    // Q_sh A + Q_dhw B <= maxFlow cp A B.
    const qd = designW[i];
    if (spaceAsked > 0 && qd > 0 && maxFlow * CP * dhwDropK > dhwW) {
      const c = cls[i];
      const ti = roomC[i];
      let phi = spaceAsked * invDesignW[i];
      if (phi > PHI_MAX) phi = PHI_MAX;
      let tr = spacePrimaryReturnC(c, phi, ts, ti);
      if (!(tr === tr)) {
        const limitPhi = supplyLimitedPhi(c, ts, ti);
        if (limitPhi < phi) phi = limitPhi;
        tr = spacePrimaryReturnC(c, phi, ts, ti);
      }
      if (phi > 0 && phi * qd * dhwDropK + dhwW * (ts - tr) > maxFlow * CP * dhwDropK * (ts - tr)) {
        phi = flowLimitedPhi(c, phi, ts, ti, qd, maxFlow - dhwW / (CP * dhwDropK));
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
}
