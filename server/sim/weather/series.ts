/**
 * An hourly typical weather year and its sampling.
 *
 * The year has 8760 hours (365 days); index 0 is 1 January 00:00 local standard time, index i is the
 * instantaneous value at i hours later. Any simulation time maps into this typical year by its calendar date
 * and hour: in leap years 29 February replays 28 February and later days keep their calendar dates, so
 * 1 March is always day index 59. Sampling interpolates linearly between hours and wraps from 31 December
 * 23:00 back to the year's first hour.
 *
 * Units: temperatureC °C (dry bulb), ghiWm2 W/m2 (global horizontal irradiance), windMs m/s (10 m wind).
 * Float32 storage: 7 significant digits is far finer than any weather input, and halves the memory.
 *
 * Calendar arithmetic is done here without Date objects (civil-from-days, H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms", 2013) so that sampling never allocates; the result agrees with
 * server/sim/calendar.ts dayOfYear.
 */
import { DAY_S, HOUR_S } from '../calendar';

export const HOURS_PER_YEAR = 8760;

export interface WeatherSeries {
  stepS: 3600;
  temperatureC: Float32Array;
  ghiWm2: Float32Array;
  windMs: Float32Array;
}

/** The weather at one instant; callers keep one and let sampleWeather overwrite it. */
export interface WeatherSample {
  temperatureC: number;
  ghiWm2: number;
  windMs: number;
}

export function createWeatherSeries(hours: number = HOURS_PER_YEAR): WeatherSeries {
  return {
    stepS: 3600,
    temperatureC: new Float32Array(hours),
    ghiWm2: new Float32Array(hours),
    windMs: new Float32Array(hours),
  };
}

/**
 * Hour of the typical (365-day) year for a simulation time, fractional, in [0, 8760).
 * 29 February maps onto 28 February; from 1 March on leap years are shifted back one day.
 */
export function hourOfTypicalYear(timeS: number): number {
  const days = Math.floor(timeS / DAY_S);
  const secondsOfDay = timeS - days * DAY_S;
  // Hinnant civil_from_days: year and day-of-year from days since 1970-01-01.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doyFromMarch = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  // doyFromMarch counts from 1 March (0..365); convert to a 1 January origin.
  let dayOfYear: number;
  if (doyFromMarch >= 306) {
    // January or February of the following civil year: 306 days from 1 March to 1 January.
    dayOfYear = doyFromMarch - 306;
    if (dayOfYear === 59) dayOfYear = 58; // 29 February replays 28 February
  } else {
    dayOfYear = doyFromMarch + 59; // 1 March is day 59 of a 365-day year
  }
  return dayOfYear * 24 + secondsOfDay / HOUR_S;
}

/** Day of the typical year, fractional, [0, 365); the same mapping as hourOfTypicalYear. */
export function dayOfTypicalYear(timeS: number): number {
  return hourOfTypicalYear(timeS) / 24;
}

/** Linear interpolation of an hourly, year-periodic array at fractional hour h (any real h). */
export function interpolateHourly(values: Float32Array, hour: number): number {
  const n = values.length;
  let h = hour % n;
  if (h < 0) h += n;
  const i0 = Math.floor(h);
  const w = h - i0;
  const i1 = i0 + 1 === n ? 0 : i0 + 1;
  return values[i0] + (values[i1] - values[i0]) * w;
}

/**
 * Weather at a simulation time, linearly interpolated between the typical year's hours; writes into `out`
 * and returns it (no allocation).
 */
export function sampleWeather(series: WeatherSeries, timeS: number, out: WeatherSample): WeatherSample {
  const hour = hourOfTypicalYear(timeS);
  out.temperatureC = interpolateHourly(series.temperatureC, hour);
  out.ghiWm2 = interpolateHourly(series.ghiWm2, hour);
  out.windMs = interpolateHourly(series.windMs, hour);
  return out;
}
