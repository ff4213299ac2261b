/**
 * Hourly electricity spot prices (EUR/MWh) for the 8760-hour typical year, Nordic-spot-like.
 *
 * price(h) = M · s(d) · w(d, hour) · exp(c(d)) · exp(x_d + y_h - (σd² + σh²)/2), then rescaled so the annual
 * mean equals meanEurPerMWh exactly; windy summer nights replaced by near-zero or negative prices.
 *   s(d)   seasonal factor 1 + a·cos(2π(d - 15)/365), a = k/(2 + k) with k = `seasonality`, so the mid-January
 *          to mid-July ratio of the seasonal factor is (1 + a)/(1 - a) = 1 + k: the schema's "winter over summer
 *          ratio" is read as the winter excess (k = 0.5: winter 1.5 × summer; k = 0: no season).
 *   w      daily shape, working days: night trough 02-05 (about 0.8), morning peak 08-10, midday plateau, evening
 *          peak 17-20 (about 1.25); weekends about 12 % lower with the morning peak flattened. The shape of
 *          Nord Pool Finland area prices (the residual-load double peak of the Nordic system).
 *   c(d)   cold-weather premium: log price rises by 0.03 per K the day's mean temperature lies below its 31-day
 *          centred running mean, and by a further 0.04 per K beyond 5 K below (cold spells strain the system
 *          and lift prices steeply, e.g. the Finnish price spikes of January 2024).
 *   x_d    day-to-day log noise, AR(1) with lag-1 correlation 0.8 (weather-driven persistence), sd σd = volatility.
 *   y_h    hour-to-hour log noise, AR(1) with lag-1 correlation 0.8, sd σh = 0.4 · volatility.
 *          The -σ²/2 terms keep the log-normal factors' mean at 1.
 *   Windy nights: on each day of May to September, with probability 0.2 · volatility, hours 00-05 take prices
 *          uniform in -5..+5 EUR/MWh (wind surplus, low demand); these hours are kept as drawn and the rest are
 *          scaled so the annual mean still holds.
 * Weekends follow `firstDayOfWeek`, the weekday of 1 January of the simulated year (0 = Monday, as in
 * server/sim/calendar.ts dayOfWeek); callers simulating another year get weekdays shifted.
 * Pure and deterministic: randomness from forks of the given rng ('dailyNoise', 'hourlyNoise', 'windyNights').
 */
import type { z } from 'zod';
import type { electricityPriceSchema } from '../../../shared/scenario/schema';
import { ar1, type Rng } from '../random';
import { hourOfTypicalYear } from '../weather/series';

export type ElectricityPriceSpec = z.infer<typeof electricityPriceSchema>;

/** Working-day hourly shape (00..23), relative. */
const WORKDAY_SHAPE = [
  0.86, 0.83, 0.81, 0.8, 0.81, 0.85, 0.95, 1.08, 1.2, 1.21, 1.15, 1.1, 1.06, 1.04, 1.03, 1.05, 1.1, 1.2, 1.25, 1.24,
  1.14, 1.03, 0.96, 0.9,
];
/** Weekend hourly shape (00..23), relative: lower and without a sharp morning peak. */
const WEEKEND_SHAPE = [
  0.77, 0.75, 0.73, 0.72, 0.72, 0.73, 0.76, 0.79, 0.84, 0.88, 0.9, 0.9, 0.89, 0.87, 0.86, 0.88, 0.92, 0.99, 1.02,
  1.0, 0.93, 0.87, 0.83, 0.79,
];

const COLD_SLOPE_PER_K = 0.03;
const SPELL_THRESHOLD_K = 5;
const SPELL_SLOPE_PER_K = 0.04;


/** Daily mean temperatures minus their 31-day centred running mean (periodic over the year), K. */
export function dailyTemperatureAnomalyK(temperatureC: Float32Array): Float64Array {
  const days = Math.floor(temperatureC.length / 24);
  const daily = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    let sum = 0;
    for (let h = 0; h < 24; h++) sum += temperatureC[d * 24 + h];
    daily[d] = sum / 24;
  }
  const anomaly = new Float64Array(days);
  const half = Math.min(15, Math.floor((days - 1) / 2));
  for (let d = 0; d < days; d++) {
    let sum = 0;
    for (let k = -half; k <= half; k++) sum += daily[(((d + k) % days) + days) % days];
    anomaly[d] = daily[d] - sum / (2 * half + 1);
  }
  return anomaly;
}

export function synthesizeElectricityPrices(
  spec: ElectricityPriceSpec,
  temperatureC: Float32Array,
  rng: Rng,
  firstDayOfWeek = 0,
): Float32Array {
  const n = temperatureC.length;
  const prices = new Float32Array(n);
  if (spec.kind === 'constant') {
    prices.fill(spec.eurPerMWh);
    return prices;
  }
  const days = Math.ceil(n / 24);
  const a = spec.seasonality / (2 + spec.seasonality);
  const sdDay = spec.volatility;
  const sdHour = 0.4 * spec.volatility;
  const dayNoise = ar1(rng.fork('dailyNoise'), days, 0.8, sdDay);
  const hourNoise = ar1(rng.fork('hourlyNoise'), n, 0.8, sdHour);
  const windRng = rng.fork('windyNights');
  const anomaly = dailyTemperatureAnomalyK(temperatureC);
  const logBias = -(sdDay * sdDay + sdHour * sdHour) / 2;

  const raw = new Float64Array(n);
  const windy = new Uint8Array(n);
  for (let d = 0; d < days; d++) {
    const seasonal = 1 + a * Math.cos((2 * Math.PI * (d + 0.5 - 15)) / 365);
    const weekend = (firstDayOfWeek + d) % 7 >= 5;
    const shape = weekend ? WEEKEND_SHAPE : WORKDAY_SHAPE;
    const anom = d < anomaly.length ? anomaly[d] : 0;
    const cold = -COLD_SLOPE_PER_K * anom + SPELL_SLOPE_PER_K * Math.max(0, -anom - SPELL_THRESHOLD_K);
    const windyNight = d >= 120 && d < 273 && windRng.next() < 0.2 * spec.volatility;
    for (let hod = 0; hod < 24; hod++) {
      const h = d * 24 + hod;
      if (h >= n) break;
      if (windyNight && hod < 6) {
        windy[h] = 1;
        raw[h] = -5 + 10 * windRng.next();
      } else {
        raw[h] = seasonal * shape[hod] * Math.exp(cold + dayNoise[d] + hourNoise[h] + logBias);
      }
    }
  }

  // Scale the ordinary hours so the annual mean is exact; fall back to a shift if scaling cannot do it.
  let sumWindy = 0;
  let sumRest = 0;
  for (let h = 0; h < n; h++) {
    if (windy[h]) sumWindy += raw[h];
    else sumRest += raw[h];
  }
  const targetSum = spec.meanEurPerMWh * n;
  if (sumRest > 0 && targetSum - sumWindy > 0) {
    const scale = (targetSum - sumWindy) / sumRest;
    for (let h = 0; h < n; h++) prices[h] = windy[h] ? raw[h] : raw[h] * scale;
  } else {
    const shift = (targetSum - sumWindy - sumRest) / n;
    for (let h = 0; h < n; h++) prices[h] = raw[h] + shift;
  }
  return prices;
}

/** Spot price (EUR/MWh) in force at a simulation time: the hour-of-year value, held over the hour, wrapping. */
export function samplePrice(prices: Float32Array, timeS: number): number {
  return prices[Math.floor(hourOfTypicalYear(timeS)) % prices.length];
}
