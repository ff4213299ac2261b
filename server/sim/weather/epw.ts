/**
 * EnergyPlus weather (EPW) files to a WeatherSeries.
 *
 * Format (EnergyPlus "Auxiliary Programs", Weather Converter, EPW data dictionary; summarised in
 * docs/reference-figures.md, Climate): 8 header lines (LOCATION, DESIGN CONDITIONS,
 * TYPICAL/EXTREME PERIODS, GROUND TEMPERATURES, HOLIDAYS/DAYLIGHT SAVINGS, COMMENTS 1, COMMENTS 2,
 * DATA PERIODS), then one comma-separated row per hour in local standard time. Fields used (1-based):
 * 2 month, 3 day, 4 hour (1-24; hour h covers (h-1):00..h:00), 7 dry bulb °C, 14 global horizontal irradiance
 * W/m2 (energy over the hour), 22 wind speed m/s.
 *
 * Timing: EPW dry bulb is the value at the end of the row's hour (EnergyPlus interpolates between rows on that
 * basis), so the row "1 Jan, hour 1" is 01:00 and lands at series index 1; the last row (31 Dec, hour 24) is
 * 00:00 of the next 1 January and, the year being periodic, lands at index 0. Irradiance and wind follow the
 * same shift, which places the hour's mean irradiance half an hour late: acceptable at hourly resolution.
 *
 * Rows: 8760, or 8784 for a leap year, in which case the 24 rows of 29 February are dropped. Rows must run
 * chronologically from 1 January hour 1 to 31 December hour 24 (checked on month, day and hour).
 * Values: EPW's missing markers (dry bulb 99.9, GHI 9999, wind 999) and values outside the dictionary's
 * ranges (dry bulb -70..70 °C, GHI ≥ 0, wind 0..40 m/s) are errors, not silently passed to the simulation.
 * Errors are EpwError with a one-line message naming the line (1-based, counting header lines) and field.
 */
import { HOURS_PER_YEAR, createWeatherSeries, type WeatherSeries } from './series';

export class EpwError extends Error {
  override name = 'EpwError';
}

export interface EpwLocation {
  city: string;
  latitudeDeg: number;
  longitudeDeg: number;
  /** Hours from UTC of the file's local standard time, when given. */
  timeZoneH?: number;
  elevationM?: number;
}

export interface EpwWeather {
  series: WeatherSeries;
  /** From the LOCATION header line; undefined when the line is absent or lacks coordinates. */
  location: EpwLocation | undefined;
}

const HEADER_LINES = 8;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface FieldSpec {
  index: number; // 1-based
  name: string;
  missing: number;
  min: number;
  max: number;
}
const DRY_BULB: FieldSpec = { index: 7, name: 'dry bulb', missing: 99.9, min: -70, max: 70 };
const GHI: FieldSpec = { index: 14, name: 'global horizontal irradiance', missing: 9999, min: 0, max: 2000 };
const WIND: FieldSpec = { index: 22, name: 'wind speed', missing: 999, min: 0, max: 40 };

function fail(line: number, message: string): never {
  throw new EpwError(`line ${line}: ${message}`);
}

function numberField(fields: string[], line: number, spec: FieldSpec): number {
  const where = `line ${line}, field ${spec.index} (${spec.name})`;
  const raw = fields[spec.index - 1];
  if (raw === undefined || raw.trim() === '') throw new EpwError(`${where}: missing`);
  const value = Number(raw.trim());
  if (!Number.isFinite(value)) throw new EpwError(`${where}: not a number ("${raw.trim()}")`);
  if (value === spec.missing) throw new EpwError(`${where}: missing-value marker ${spec.missing}`);
  if (value < spec.min || value > spec.max) {
    throw new EpwError(`${where}: ${value} outside ${spec.min}..${spec.max}`);
  }
  return value;
}

function integerField(fields: string[], line: number, index: number, name: string): number {
  const raw = fields[index - 1];
  const value = raw === undefined ? NaN : Number(raw.trim());
  if (!Number.isInteger(value)) fail(line, `field ${index} (${name}): not an integer ("${raw ?? ''}")`);
  return value;
}

/** The LOCATION line: LOCATION,city,state,country,source,WMO,latitude,longitude,time zone,elevation. */
export function parseEpwLocation(line: string): EpwLocation | undefined {
  const f = line.split(',').map((s) => s.trim());
  if (f[0]?.toUpperCase() !== 'LOCATION') return undefined;
  const latitudeDeg = Number(f[6]);
  const longitudeDeg = Number(f[7]);
  if (f[6] === undefined || f[7] === undefined || f[6] === '' || f[7] === '') return undefined;
  if (!Number.isFinite(latitudeDeg) || Math.abs(latitudeDeg) > 90) return undefined;
  if (!Number.isFinite(longitudeDeg) || Math.abs(longitudeDeg) > 180) return undefined;
  const location: EpwLocation = { city: f[1] ?? '', latitudeDeg, longitudeDeg };
  const tz = Number(f[8]);
  if (f[8] !== undefined && f[8] !== '' && Number.isFinite(tz)) location.timeZoneH = tz;
  const elevation = Number(f[9]);
  if (f[9] !== undefined && f[9] !== '' && Number.isFinite(elevation)) location.elevationM = elevation;
  return location;
}

export function parseEpw(text: string): EpwWeather {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length < HEADER_LINES) {
    throw new EpwError(`file has ${lines.length} lines, fewer than the ${HEADER_LINES} EPW header lines`);
  }
  const rowCount = lines.length - HEADER_LINES;
  if (rowCount !== 8760 && rowCount !== 8784) {
    throw new EpwError(`expected 8760 or 8784 hourly data rows after the ${HEADER_LINES} header lines, found ${rowCount}`);
  }
  const leap = rowCount === 8784;
  const location = parseEpwLocation(lines[0]);
  const series = createWeatherSeries();

  let month = 1;
  let day = 1;
  let hour = 1;
  let kept = 0; // rows stored so far, the 29 February rows excluded
  for (let r = 0; r < rowCount; r++) {
    const lineNo = HEADER_LINES + r + 1;
    const fields = lines[HEADER_LINES + r].split(',');
    const m = integerField(fields, lineNo, 2, 'month');
    const d = integerField(fields, lineNo, 3, 'day');
    const h = integerField(fields, lineNo, 4, 'hour');
    if (m !== month || d !== day || h !== hour) {
      fail(lineNo, `expected month ${month}, day ${day}, hour ${hour} but found ${m}, ${d}, ${h}`);
    }
    const temperatureC = numberField(fields, lineNo, DRY_BULB);
    const ghiWm2 = numberField(fields, lineNo, GHI);
    const windMs = numberField(fields, lineNo, WIND);
    if (!(month === 2 && day === 29)) {
      // End-of-hour value: row k (0-based among kept rows) is time k+1 hours, wrapping the last to index 0.
      const index = (kept + 1) % HOURS_PER_YEAR;
      series.temperatureC[index] = temperatureC;
      series.ghiWm2[index] = ghiWm2;
      series.windMs[index] = windMs;
      kept++;
    }
    // Advance the expected calendar position.
    hour++;
    const daysInMonth = month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
    if (hour > 24) {
      hour = 1;
      day++;
      if (day > daysInMonth) {
        day = 1;
        month++;
      }
    }
  }
  return { series, location };
}
