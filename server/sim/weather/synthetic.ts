/**
 * A synthetic typical weather year (hourly, 8760 h) built from monthly mean temperatures and a seed.
 *
 * Dry bulb temperature, °C:
 *   T(h) = S(h) + R(h)·k_d·D(hour of day) + N(h) + spells, then re-centred so each month's mean is exact.
 *   - S: smooth seasonal curve; a periodic Catmull-Rom spline through knots at mid-month whose knot values are
 *     iterated (Jacobi) until every calendar month's hourly mean equals the given monthly mean (mean-preserving
 *     interpolation; the spline's month-averaging operator is diagonally dominant, so the iteration converges).
 *   - D: daily cycle in [-1/2, 1/2], minimum at 05:30, maximum at 14:30, half-cosine rise over 9 h and fall over
 *     15 h (both halves average to zero); R the month's mean daily range (mean-preserving curve through
 *     dailyRangeK), k_d a per-day factor that widens the range on clear days and narrows it on cloudy ones.
 *   - N: day-to-day weather noise, AR(1) on daily values with lag-1 correlation 0.75 (synoptic persistence of
 *     a few days), stationary standard deviation noiseK, made periodic over the year and interpolated linearly
 *     between daily noon values.
 *   - Cold spell: a sin² dip of 5-9 days inside the coldest month and its colder neighbour (Jan-Feb for
 *     Helsinki), depth solved (bisection) so that the year's hourly minimum equals designColdC after re-centring
 *     (unless noise alone already goes colder). A scenario may instead place the cold spell (`coldSpell`: start
 *     date, days, minimum): then a flat-topped dip (one-day sin² ramps) on those days, depth solved so the year's
 *     minimum is its minC. Warm spell: a 4-7 day sin² bump inside the warmest month and its
 *     warmer neighbour (Jul-Aug) lifting the year's maximum to the warmest monthly mean + 12 K (Helsinki-Vantaa
 *     IWEC: July mean 16.7 °C, hourly maximum 28.7 °C; docs/reference-figures.md, Climate).
 *   - Re-centring adds the mean-preserving curve through each month's error, so months stay smooth at their
 *     boundaries (no steps at midnight on the 1st).
 * Default daily ranges (K, Jan..Dec) when dailyRangeK is absent: Helsinki-Vantaa mean daily maximum minus mean
 * daily minimum, approximately as in the FMI 1991-2020 normals, rounded: 5.5, 6, 7.5, 9, 10.5, 10, 9.5, 9, 8, 6, 4.5, 4.5.
 *
 * Global horizontal irradiance, W/m2:
 *   declination δ = 23.45°·sin(2π(284 + n)/365) (Cooper 1969), hour angle ω = 15°·(t_solar - 12 h) with solar
 *   time taken as local standard time (no longitude or equation-of-time correction: the series has no
 *   longitude), cos θz = sin φ sin δ + cos φ cos δ cos ω;
 *   clear sky GHI = 1098·cos θz·exp(-0.057 / cos θz) (Haurwitz 1945; Reno, Hansen & Stein, Sandia SAND2012-2389);
 *   cloudy sky GHI = clear·(1 - 0.75·c^3.4) (Kasten & Czeplak 1980) with cloud cover c from a seeded daily AR(1)
 *   in logit space around a seasonal mean (0.89 in December to 0.69 in June) plus hourly jitter; tuned so a
 *   Helsinki year (60.3° N) sums to about 930-1060 kWh/m2 of global horizontal irradiation, near the roughly
 *   1000 kWh/m2 measured in southern Finland (PVGIS / FMI).
 *
 * Wind speed, m/s: two hourly AR(1) Gaussian components (correlation time 12 h) whose vector length is
 *   Rayleigh distributed (mean σ·sqrt(π/2)); scaled to a seasonal mean of 4.0 ± 0.6 m/s (windier in winter),
 *   roughly a Finnish coastal airport at 10 m.
 *
 * Pure and deterministic: all randomness comes from forks of the given rng ('temperature', 'spells', 'cloud',
 * 'wind'); the same seed gives identical arrays.
 */
import type { z } from 'zod';
import type { weatherSchema } from '../../../shared/scenario/schema';
import { ar1, type Rng } from '../random';
import { HOURS_PER_YEAR, createWeatherSeries, type WeatherSeries } from './series';

export type SyntheticWeatherSpec = Extract<z.infer<typeof weatherSchema>, { kind: 'synthetic' }>;

export const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const DAYS = 365;

/** Helsinki-Vantaa mean daily range (K), Jan..Dec; see header. */
export const HELSINKI_DAILY_RANGE_K = [5.5, 6, 7.5, 9, 10.5, 10, 9.5, 9, 8, 6, 4.5, 4.5] as const;

/** First hour of each month in the 365-day year, plus 8760 at the end. */
export const MONTH_START_HOUR: readonly number[] = (() => {
  const starts = [0];
  for (let m = 0; m < 12; m++) starts.push(starts[m] + MONTH_DAYS[m] * 24);
  return starts;
})();

/** Month (0-11) of an hour of the typical year. */
export function monthOfHour(hour: number): number {
  let m = 0;
  while (m < 11 && hour >= MONTH_START_HOUR[m + 1]) m++;
  return m;
}

/** Mean of an hourly year array over each calendar month. */
export function monthlyMeans(hourly: ArrayLike<number>): Float64Array {
  const means = new Float64Array(12);
  for (let m = 0; m < 12; m++) {
    let sum = 0;
    for (let h = MONTH_START_HOUR[m]; h < MONTH_START_HOUR[m + 1]; h++) sum += hourly[h];
    means[m] = sum / (MONTH_START_HOUR[m + 1] - MONTH_START_HOUR[m]);
  }
  return means;
}

/** Periodic Catmull-Rom spline through 12 knots at mid-month, evaluated at every hour into `out`. */
function splineThroughMonths(knots: Float64Array, out: Float64Array): void {
  const mid = new Float64Array(14); // mid[k+1] is month k's centre; mid[0], mid[13] wrap
  for (let m = 0; m < 12; m++) mid[m + 1] = (MONTH_START_HOUR[m] + MONTH_START_HOUR[m + 1]) / 2;
  mid[0] = mid[12] - HOURS_PER_YEAR;
  mid[13] = mid[1] + HOURS_PER_YEAR;
  const knot = (k: number) => knots[((k % 12) + 12) % 12];
  let seg = 0; // segment between mid[seg] and mid[seg+1], i.e. months seg-1 and seg
  for (let h = 0; h < HOURS_PER_YEAR; h++) {
    while (h >= mid[seg + 1]) seg++;
    const u = (h - mid[seg]) / (mid[seg + 1] - mid[seg]);
    const p0 = knot(seg - 2);
    const p1 = knot(seg - 1);
    const p2 = knot(seg);
    const p3 = knot(seg + 1);
    const u2 = u * u;
    const u3 = u2 * u;
    out[h] =
      0.5 * (2 * p1 + (-p0 + p2) * u + (2 * p0 - 5 * p1 + 4 * p2 - p3) * u2 + (-p0 + 3 * p1 - 3 * p2 + p3) * u3);
  }
}

/**
 * A smooth, year-periodic hourly curve whose mean over every calendar month equals `monthly[m]`
 * (to better than 1e-9 of the monthly spread).
 */
export function meanPreservingCurve(monthly: ArrayLike<number>, out = new Float64Array(HOURS_PER_YEAR)): Float64Array {
  const knots = Float64Array.from({ length: 12 }, (_, m) => monthly[m]);
  for (let iter = 0; iter < 60; iter++) {
    splineThroughMonths(knots, out);
    const means = monthlyMeans(out);
    let worst = 0;
    for (let m = 0; m < 12; m++) {
      const err = monthly[m] - means[m];
      knots[m] += err;
      worst = Math.max(worst, Math.abs(err));
    }
    if (worst < 1e-12) break;
  }
  splineThroughMonths(knots, out);
  return out;
}

/** Shifts `temps` by a smooth curve so that each month's mean equals `target[m]`. */
function recentre(temps: Float64Array, target: ArrayLike<number>): void {
  const means = monthlyMeans(temps);
  const err = new Float64Array(12);
  for (let m = 0; m < 12; m++) err[m] = target[m] - means[m];
  const correction = meanPreservingCurve(err);
  for (let h = 0; h < HOURS_PER_YEAR; h++) temps[h] += correction[h];
}

/** Daily temperature cycle in [-1/2, 1/2]: minimum at 05:30, maximum at 14:30. */
export function diurnalShape(hourOfDay: number): number {
  const h = hourOfDay < 5.5 ? hourOfDay + 24 : hourOfDay;
  if (h <= 14.5) return -0.5 * Math.cos((Math.PI * (h - 5.5)) / 9);
  return 0.5 * Math.cos((Math.PI * (h - 14.5)) / 15);
}


/** Daily AR(1) noise made periodic over the year (end mismatch removed linearly), as 366 values. */
function periodicDailyNoise(rng: Rng, phi: number, sd: number): Float64Array {
  const x = ar1(rng, DAYS + 1, phi, sd);
  const mismatch = x[DAYS] - x[0];
  for (let d = 0; d <= DAYS; d++) x[d] -= (mismatch * d) / DAYS;
  return x;
}

/** Value at hour h of daily values placed at each day's noon, linear between noons, periodic. */
function dailyToHourly(daily: Float64Array, h: number): number {
  const t = (h - 12) / 24; // days since the first noon
  const d0 = Math.floor(t);
  const w = t - d0;
  const a = daily[(d0 + DAYS) % DAYS];
  const b = daily[(d0 + 1 + DAYS) % DAYS];
  return a + (b - a) * w;
}

/** sin² pulse of the given length (h) starting at startH, on the periodic hour axis; 0 outside. */
function spellShape(startH: number, lengthH: number, out: Float64Array): void {
  out.fill(0);
  for (let k = 0; k <= lengthH; k++) {
    const h = (Math.floor(startH) + k) % HOURS_PER_YEAR;
    const s = Math.sin((Math.PI * (Math.floor(startH) + k - startH)) / lengthH);
    out[h] = s > 0 ? s * s : 0;
  }
}

/**
 * A placed cold spell (schema `coldSpell`): a flat-topped dip, sin² ramps of one day (a quarter of the spell if
 * shorter) into and out of a plateau, so the whole week is cold rather than one night; periodic hour axis.
 */
function placedSpellShape(startH: number, lengthH: number, out: Float64Array): void {
  out.fill(0);
  const rampH = Math.min(24, lengthH / 4);
  for (let k = 0; k <= lengthH; k++) {
    const h = (Math.floor(startH) + k) % HOURS_PER_YEAR;
    const x = Math.floor(startH) + k - startH;
    const edge = Math.min(x, lengthH - x);
    const s = edge >= rampH ? 1 : Math.sin((0.5 * Math.PI * edge) / rampH);
    out[h] = edge > 0 ? s * s : 0;
  }
}

/** Day (0-based) of the 365-day typical year of a YYYY-MM-DD date; the year is ignored, 29 Feb reads as 1 Mar. */
export function typicalYearDayOfDate(date: string): number {
  const [, m, d] = date.split('-').map(Number);
  return Math.min(DAYS - 1, MONTH_START_HOUR[m - 1] / 24 + d - 1);
}

/**
 * Centre day (0-based, may wrap) of a spell inside the two-month window formed by the coldest (sign -1) or
 * warmest (+1) month and its more extreme neighbour: Jan-Feb and Jul-Aug for Helsinki, and the right season
 * in the southern hemisphere. `u` is uniform in [0, 1).
 */
function spellCentreDay(monthlyMeanC: ArrayLike<number>, sign: number, spellDays: number, u: number): number {
  let extreme = 0;
  for (let m = 1; m < 12; m++) if (sign * monthlyMeanC[m] > sign * monthlyMeanC[extreme]) extreme = m;
  const before = (extreme + 11) % 12;
  const after = (extreme + 1) % 12;
  const first = sign * monthlyMeanC[before] > sign * monthlyMeanC[after] ? before : extreme;
  const windowStartDay = MONTH_START_HOUR[first] / 24;
  const windowDays = MONTH_DAYS[first] + MONTH_DAYS[(first + 1) % 12];
  const margin = spellDays / 2 + 5;
  return (windowStartDay + margin + (windowDays - 2 * margin) * u) % DAYS;
}

/** A spell `s` with its mean-preserving counter-correction: the profile actually added per unit of depth. */
function netSpellProfile(shape: Float64Array): Float64Array {
  const counter = meanPreservingCurve(monthlyMeans(shape));
  const net = new Float64Array(HOURS_PER_YEAR);
  for (let h = 0; h < HOURS_PER_YEAR; h++) net[h] = shape[h] - counter[h];
  return net;
}

/** Extreme (sign = -1: minimum, +1: maximum) of base + depth·profile over the year. */
function extremeWith(base: Float64Array, profile: Float64Array, depth: number, sign: number): number {
  let best = -Infinity;
  for (let h = 0; h < HOURS_PER_YEAR; h++) best = Math.max(best, sign * (base[h] + depth * profile[h]));
  return sign * best;
}

/**
 * Depth ≥ 0 of `profile` (scaled by `sign`) so that the year's extreme reaches `target`;
 * 0 when the base already goes past it.
 */
function solveSpellDepth(base: Float64Array, profile: Float64Array, target: number, sign: number): number {
  const reach = (depth: number) => sign * (extremeWith(base, profile, sign * depth, sign) - target);
  if (reach(0) >= 0) return 0;
  let lo = 0;
  let hi = 10;
  while (reach(hi) < 0 && hi < 200) hi *= 2;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (reach(mid) < 0) lo = mid;
    else hi = mid;
  }
  return sign * hi;
}

function addScaled(target: Float64Array, profile: Float64Array, depth: number): void {
  for (let h = 0; h < HOURS_PER_YEAR; h++) target[h] += depth * profile[h];
}

/** Seasonal mean cloud cover (fraction) on day d (0-based): 0.89 near 21 Dec, 0.69 near 21 Jun. */
function meanCloudCover(day: number): number {
  return 0.79 + 0.1 * Math.cos((2 * Math.PI * (day - 354)) / DAYS);
}

/** Daily cloud cover fractions in (0, 1) from an AR(1) in logit space around the seasonal mean. */
function dailyCloudCover(rng: Rng): Float64Array {
  const noise = ar1(rng, DAYS, 0.6, 1.3);
  const cover = new Float64Array(DAYS);
  for (let d = 0; d < DAYS; d++) {
    const m = meanCloudCover(d + 0.5);
    cover[d] = 1 / (1 + Math.exp(-(Math.log(m / (1 - m)) + noise[d])));
  }
  return cover;
}

/** Clear-sky global horizontal irradiance (W/m2), Haurwitz, at day-of-year n (1-based, fractional) and hour. */
export function clearSkyGhiWm2(latitudeDeg: number, dayNumber: number, solarHour: number): number {
  const phi = (latitudeDeg * Math.PI) / 180;
  const delta = ((23.45 * Math.PI) / 180) * Math.sin((2 * Math.PI * (284 + dayNumber)) / 365);
  const omega = ((15 * Math.PI) / 180) * (solarHour - 12);
  const cosZ = Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * Math.cos(omega);
  return cosZ > 0 ? 1098 * cosZ * Math.exp(-0.057 / cosZ) : 0;
}

export function synthesizeWeatherYear(spec: SyntheticWeatherSpec, latitudeDeg: number, rng: Rng): WeatherSeries {
  const series = createWeatherSeries();
  const tempRng = rng.fork('temperature');
  const spellRng = rng.fork('spells');
  const cloudRng = rng.fork('cloud');
  const windRng = rng.fork('wind');

  // Clouds first: they set both the solar and the width of each day's temperature cycle.
  const cloud = dailyCloudCover(cloudRng);
  let meanCloudFactor = 0;
  for (let d = 0; d < DAYS; d++) meanCloudFactor += 1.4 - 0.8 * cloud[d];
  meanCloudFactor /= DAYS;

  const temps = meanPreservingCurve(spec.monthlyMeanC);
  const range = meanPreservingCurve(spec.dailyRangeK ?? HELSINKI_DAILY_RANGE_K);
  const noise = periodicDailyNoise(tempRng, 0.75, spec.noiseK);
  for (let h = 0; h < HOURS_PER_YEAR; h++) {
    const day = Math.floor(h / 24);
    const rangeFactor = (1.4 - 0.8 * cloud[day]) / meanCloudFactor;
    temps[h] += Math.max(0, range[h]) * rangeFactor * diurnalShape(h % 24) + dailyToHourly(noise, h);
  }
  recentre(temps, spec.monthlyMeanC);

  // Spells: shapes from the seeded rng, depths solved so the extremes land on their targets.
  const coldShape = new Float64Array(HOURS_PER_YEAR);
  const coldDays = 5 + 4 * spellRng.next();
  const coldCentreDay = spellCentreDay(spec.monthlyMeanC, -1, coldDays, spellRng.next());
  if (spec.coldSpell) {
    // Placed by the scenario; the draws above still happen so the warm spell is the same as without it.
    placedSpellShape(typicalYearDayOfDate(spec.coldSpell.start) * 24, spec.coldSpell.days * 24, coldShape);
  } else {
    spellShape(((coldCentreDay - coldDays / 2 + DAYS) % DAYS) * 24, coldDays * 24, coldShape);
  }
  const coldTargetC = spec.coldSpell ? spec.coldSpell.minC : spec.designColdC;
  const warmShape = new Float64Array(HOURS_PER_YEAR);
  const warmDays = 4 + 3 * spellRng.next();
  const warmCentreDay = spellCentreDay(spec.monthlyMeanC, +1, warmDays, spellRng.next());
  spellShape(((warmCentreDay - warmDays / 2 + DAYS) % DAYS) * 24, warmDays * 24, warmShape);
  const coldProfile = netSpellProfile(coldShape);
  const warmProfile = netSpellProfile(warmShape);
  let warmestMonthC = -Infinity;
  for (let m = 0; m < 12; m++) warmestMonthC = Math.max(warmestMonthC, spec.monthlyMeanC[m]);
  const warmTargetC = warmestMonthC + 12;

  // Each spell's counter-correction reaches a little into the other's season: solve alternately.
  let coldDepth = 0;
  let warmDepth = 0;
  const base = new Float64Array(HOURS_PER_YEAR);
  for (let pass = 0; pass < 3; pass++) {
    base.set(temps);
    addScaled(base, warmProfile, warmDepth);
    coldDepth = solveSpellDepth(base, coldProfile, coldTargetC, -1);
    base.set(temps);
    addScaled(base, coldProfile, coldDepth);
    warmDepth = solveSpellDepth(base, warmProfile, warmTargetC, +1);
  }
  addScaled(temps, coldProfile, coldDepth);
  addScaled(temps, warmProfile, warmDepth);
  series.temperatureC.set(temps);

  // Solar.
  const hourlyCloudJitter = ar1(cloudRng, HOURS_PER_YEAR, 0.9, 0.1);
  for (let h = 0; h < HOURS_PER_YEAR; h++) {
    const day = Math.floor(h / 24);
    const clear = clearSkyGhiWm2(latitudeDeg, day + 1 + (h % 24) / 24, h % 24);
    if (clear === 0) continue;
    const c = Math.min(1, Math.max(0, cloud[day] + hourlyCloudJitter[h]));
    series.ghiWm2[h] = clear * (1 - 0.75 * Math.pow(c, 3.4));
  }

  // Wind.
  const phiWind = Math.exp(-1 / 12);
  const u = ar1(windRng, HOURS_PER_YEAR, phiWind, 1);
  const v = ar1(windRng, HOURS_PER_YEAR, phiWind, 1);
  const rayleighMean = Math.sqrt(Math.PI / 2);
  for (let h = 0; h < HOURS_PER_YEAR; h++) {
    const seasonalMeanMs = 4.0 + 0.6 * Math.cos((2 * Math.PI * (h / 24 - 15)) / DAYS);
    series.windMs[h] = (seasonalMeanMs * Math.hypot(u[h], v[h])) / rayleighMean;
  }
  return series;
}
