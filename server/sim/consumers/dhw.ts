/**
 * Domestic hot water (DHW) heat demand of every building: annual energy spread over the year by a
 * normalised hourly profile of its use.
 *
 * Equations and units
 * - Each use has two 24-hour weight profiles w(h) (dimensionless): one for working days and one for
 *   weekends (schools also use it in their summer break, day of year 151-221, about 1 June - 10 August).
 *   Weights are piecewise constant in the hour. Dwellings peak 06-09 and 18-22 on weekdays and later in
 *   the morning at weekends; night weights of about 0.2-0.3 stand for DHW circulation losses, which run
 *   around the clock in Finnish blocks of flats. Offices and schools draw in opening hours.
 * - Circulation: the lowest weight of a use's two profiles is its circulation loss, the same every hour,
 *     P_circ,i = E_i * min_h w_u(h) / (N_u * 3600 s)   [W],  N_u on a year of 261 working and 104 other days,
 *   and the rest of P_i is tap water. The substation reheats the circulation loop, not cold water, so its
 *   primary return is much warmer (substation.ts); demand itself does not change.
 * - For the calendar year Y, N_u(Y) = sum over the days of Y of the sum of that day's 24 weights. Power:
 *     P_i(t) = E_i * w_u(dayType, hour) / (N_u(Y) * 3600 s)   [W],  E_i = annual DHW energy in J
 *   so the integral of P_i over every calendar year (365 or 366 days) is exactly E_i; sampling at the start
 *   of steps that divide 15 minutes integrates it exactly.
 * - E_i = dhwKWhPerM2Year * floor area * 3.6e6 J/kWh (defaults by use in buildingParams.ts).
 * - Diversity: each building is shifted by a fixed -30, -15, 0, +15 or +30 minutes (a hash of its id, chosen
 *   once at creation; see BuildingArrayOptions), so 10,000 buildings do not all step up in the same minute. The profile is only evaluated
 *   for the USE_COUNT x 5 (use, shift) variants per step; a building reads its variant's factor.
 *   A shift moves a few minutes of energy across the new-year boundary (under 0.01 % of E_i).
 */
import { DAY_S, HOUR_S, yearOf, yearStartS } from '../calendar';
import { USE, USE_COUNT } from './buildingParams';

/** Fixed per-building profile shifts (s); slot 2 is no shift. */
export const DHW_SHIFT_S = [-1800, -900, 0, 900, 1800] as const;
export const DHW_SHIFT_SLOTS = DHW_SHIFT_S.length;
export const DHW_NO_SHIFT_SLOT = 2;
/** Every shift and hour boundary is a multiple of this (s): the factors are constant within such a slot. */
const SLOT_S = 900;

const SCHOOL_BREAK_FROM_DOY = 151;
const SCHOOL_BREAK_TO_DOY = 222;

// Hourly weights, hours 0..23. [working day, weekend] per use, in BUILDING_USES order.
const RESIDENTIAL_WEEKDAY = [0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.6, 2.2, 1.8, 1.0, 0.8, 0.8, 0.9, 0.8, 0.7, 0.8, 1.0, 1.3, 1.7, 1.9, 1.8, 1.6, 1.0, 0.5];
const RESIDENTIAL_WEEKEND = [0.4, 0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.9, 1.5, 1.9, 1.8, 1.4, 1.2, 1.0, 0.9, 0.9, 1.1, 1.4, 1.7, 1.9, 1.8, 1.5, 1.1, 0.6];
const hours = (from: number, to: number, open: number, closed: number, peaks: Record<number, number> = {}): number[] =>
  Array.from({ length: 24 }, (_, h) => peaks[h] ?? (h >= from && h < to ? open : closed));
const OFFICE_DAY = hours(7, 18, 1.0, 0.1, { 11: 1.3, 12: 1.3 });
const SCHOOL_DAY = hours(8, 16, 1.0, 0.1, { 10: 1.6, 11: 1.6 }); // school kitchen at lunch
const SHOP_DAY = hours(8, 21, 1.0, 0.15);
const INDUSTRY_DAY = hours(6, 22, 1.0, 0.2, { 14: 2.0, 21: 2.0 }); // showers at shift change
const SITE_DAY = hours(7, 17, 1.0, 0.3);
const CLOSED = hours(0, 0, 0, 0.1);
const SITE_CLOSED = hours(0, 0, 0, 0.3);

const PROFILES: Record<number, [number[], number[]]> = {
  [USE.residential]: [RESIDENTIAL_WEEKDAY, RESIDENTIAL_WEEKEND],
  [USE.office]: [OFFICE_DAY, CLOSED],
  [USE.school]: [SCHOOL_DAY, CLOSED],
  [USE.retail]: [SHOP_DAY, SHOP_DAY],
  [USE.supermarket]: [SHOP_DAY, SHOP_DAY],
  [USE.datacentre]: [SITE_DAY, SITE_CLOSED],
  [USE.industrial]: [INDUSTRY_DAY, hours(0, 0, 0, 0.2)],
  [USE.plant]: [SITE_DAY, SITE_CLOSED],
};

/** weights[(use * 2 + dayType) * 24 + hour]; dayType 0 = working day, 1 = weekend or school break. */
const WEIGHTS = new Float64Array(USE_COUNT * 2 * 24);
const DAILY_SUM = new Float64Array(USE_COUNT * 2);
for (let u = 0; u < USE_COUNT; u++) {
  for (let d = 0; d < 2; d++) {
    const w = PROFILES[u][d];
    for (let h = 0; h < 24; h++) {
      WEIGHTS[(u * 2 + d) * 24 + h] = w[h];
      DAILY_SUM[u * 2 + d] += w[h];
    }
  }
}

function dayType(use: number, dayIndex: number, dayOfYear: number): number {
  const dow = (((dayIndex + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (Monday = 0)
  if (dow >= 5) return 1;
  if (use === USE.school && dayOfYear >= SCHOOL_BREAK_FROM_DOY && dayOfYear < SCHOOL_BREAK_TO_DOY) return 1;
  return 0;
}

/** Sum of hourly weights over every day of the calendar year starting at `startS` and `days` long. */
function yearNormaliser(use: number, startS: number, days: number): number {
  const firstDay = Math.floor(startS / DAY_S);
  let n = 0;
  for (let d = 0; d < days; d++) n += DAILY_SUM[use * 2 + dayType(use, firstDay + d, d)];
  return n;
}

/** Per-building-set cache: the current calendar year's normalisers and this step's factor per variant. */
export interface DhwCalendar {
  yearStartS: number;
  yearEndS: number;
  normaliser: Float64Array;
  /** floor(t / 900 s) of the factors below: every shift is a multiple of 15 min, so within one such slot
   * each variant's hour, day and year are fixed and the factors need no recomputation. NaN: none. */
  slotKey: number;
  /** Power per annual joule (1/s) for each (use, shift slot) variant at the last evaluated time. */
  factorPerS: Float64Array;
}

export function createDhwCalendar(): DhwCalendar {
  return {
    yearStartS: NaN,
    yearEndS: NaN,
    normaliser: new Float64Array(USE_COUNT),
    slotKey: NaN,
    factorPerS: new Float64Array(USE_COUNT * DHW_SHIFT_SLOTS),
  };
}

export function dhwVariant(use: number, slot: number): number {
  return use * DHW_SHIFT_SLOTS + slot;
}

/** Fills `cal.factorPerS` for time t; recomputes the year's normalisers only when the year changes. */
export function updateDhwFactors(cal: DhwCalendar, timeS: number): void {
  const key = Math.floor(timeS / SLOT_S);
  if (key === cal.slotKey) return;
  cal.slotKey = key;
  if (!(timeS >= cal.yearStartS && timeS < cal.yearEndS)) {
    const year = yearOf(timeS);
    cal.yearStartS = yearStartS(year);
    cal.yearEndS = yearStartS(year + 1);
    const days = Math.round((cal.yearEndS - cal.yearStartS) / DAY_S);
    for (let u = 0; u < USE_COUNT; u++) cal.normaliser[u] = yearNormaliser(u, cal.yearStartS, days);
  }
  const yearFirstDay = Math.floor(cal.yearStartS / DAY_S);
  for (let s = 0; s < DHW_SHIFT_SLOTS; s++) {
    const t = timeS + DHW_SHIFT_S[s];
    const day = Math.floor(t / DAY_S);
    const hour = Math.floor((t - day * DAY_S) / HOUR_S);
    for (let u = 0; u < USE_COUNT; u++) {
      const w = WEIGHTS[(u * 2 + dayType(u, day, day - yearFirstDay)) * 24 + hour];
      cal.factorPerS[u * DHW_SHIFT_SLOTS + s] = w / (cal.normaliser[u] * HOUR_S);
    }
  }
}

/** What the DHW demand reads of a set of buildings (buildings.ts keeps them in its BuildingArrays). */
export interface DhwBuildings {
  count: number;
  /** Annual DHW energy of each building (J). */
  dhwAnnualJ: Float64Array;
  /** DHW profile variant (use and fixed time shift). */
  dhwVariant: Uint8Array;
  /** Caches and per-step scratch, mutated in place. */
  dhwCalendar: DhwCalendar;
}

/** DHW heat demand of every building at time t (W), written into `out`. */
export function dhwDemandW(arrays: DhwBuildings, timeS: number, out: Float64Array): void {
  const cal = arrays.dhwCalendar;
  updateDhwFactors(cal, timeS);
  const f = cal.factorPerS;
  const variant = arrays.dhwVariant;
  const annualJ = arrays.dhwAnnualJ;
  const n = arrays.count;
  for (let i = 0; i < n; i++) out[i] = annualJ[i] * f[variant[i]];
}

/**
 * Highest hourly-mean DHW power of a use (W) for an annual energy (J), on a year of 261 working days:
 * the DHW share of the substation's design flow.
 */
export function dhwPeakW(use: number, annualJ: number): number {
  let maxW = 0;
  for (let k = 0; k < 48; k++) maxW = Math.max(maxW, WEIGHTS[use * 48 + k]);
  const n = 261 * DAILY_SUM[use * 2] + 104 * DAILY_SUM[use * 2 + 1];
  return (annualJ * maxW) / (n * HOUR_S);
}

/**
 * Hot-water circulation loss of a building (W) for its annual DHW energy (J): the floor of its use's profile,
 * constant around the clock (see the header); the substation takes at most the hour's DHW power as circulation.
 */
export function dhwCirculationW(use: number, annualJ: number): number {
  let minW = Infinity;
  for (let k = 0; k < 48; k++) minW = Math.min(minW, WEIGHTS[use * 48 + k]);
  const n = 261 * DAILY_SUM[use * 2] + 104 * DAILY_SUM[use * 2 + 1];
  return (annualJ * minW) / (n * HOUR_S);
}
