/**
 * Simulation time: seconds since 1970-01-01 00:00 in the scenario's local standard time (no daylight
 * saving), so "08:00" means the same hour all year. Plain arithmetic, no Date objects in the hot path.
 */
export const HOUR_S = 3600;
export const DAY_S = 86_400;
export const YEAR_DAYS = 365;

/** Local hour of the day, fractional, [0, 24). */
export function hourOfDay(timeS: number): number {
  const s = timeS - Math.floor(timeS / DAY_S) * DAY_S;
  return s / HOUR_S;
}

/** Day of the week, 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function dayOfWeek(timeS: number): number {
  return (Math.floor(timeS / DAY_S) + 3) % 7;
}

export function isWeekend(timeS: number): boolean {
  return dayOfWeek(timeS) >= 5;
}

/** Seconds at 00:00 of 1 January of the given year (days-from-civil, no Date object). */
export function yearStartS(year: number): number {
  const y = year - 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + 306;
  return (era * 146_097 + doe - 719_468) * DAY_S;
}

/** Calendar year the time falls in (Hinnant's civil-from-days, so no Date object per call). */
export function yearOf(timeS: number): number {
  const z = Math.floor(timeS / DAY_S) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

/** Day of the year, fractional, starting at 0 on 1 January 00:00. */
export function dayOfYear(timeS: number): number {
  return (timeS - yearStartS(yearOf(timeS))) / DAY_S;
}

/** Parses YYYY-MM-DD (already validated) to simulation seconds. */
export function dateToS(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 1000;
}

/** Parses YYYY-MM-DD or YYYY-MM-DDTHH:MM (already validated) to simulation seconds. */
export function dateTimeToS(dateTime: string): number {
  const [date, time] = dateTime.split('T');
  const [hh, mm] = time ? time.split(':').map(Number) : [0, 0];
  return dateToS(date) + hh * 3600 + mm * 60;
}

/** YYYY-MM-DD HH:MM of a simulation time, for people. */
export function formatTime(timeS: number): string {
  return new Date(timeS * 1000).toISOString().slice(0, 16).replace('T', ' ');
}
