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

/** Seconds at 00:00 of 1 January of the given year. */
export function yearStartS(year: number): number {
  return Date.UTC(year, 0, 1) / 1000;
}

/** Calendar year the time falls in. */
export function yearOf(timeS: number): number {
  return new Date(timeS * 1000).getUTCFullYear();
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

/** YYYY-MM-DD HH:MM of a simulation time, for people. */
export function formatTime(timeS: number): string {
  return new Date(timeS * 1000).toISOString().slice(0, 16).replace('T', ' ');
}
