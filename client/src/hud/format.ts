/** How the HUD writes numbers and times for people: few digits, units always shown. */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Simulation time (s since 1970 in the scenario's local standard time, server/sim/calendar.ts) as its date and
 * clock time. The calendar has no time zone, so the Date is read in UTC.
 */
export function simDateTime(simTimeS: number): { date: string; time: string; weekday: string } {
  const d = new Date(simTimeS * 1000);
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: WEEKDAYS[d.getUTCDay()] };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Within this many days a weekday names a day unambiguously. */
const WEEKDAY_NAMES_WITHIN_DAYS = 6;

/** Day of month and month, e.g. "20 Jan". */
export function dayMonth(simTimeS: number): string {
  const d = new Date(simTimeS * 1000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/**
 * Where a period starting at `fromS` begins, seen from `nowS`, as period labels write it: weekday and clock
 * time ("Mon 14:00") within the last six days, else the date ("18 Jan 14:00").
 */
export function periodStartText(fromS: number, nowS: number): string {
  const { weekday, time } = simDateTime(fromS);
  const recent = nowS - fromS < WEEKDAY_NAMES_WITHIN_DAYS * 86_400;
  return `${recent ? weekday : dayMonth(fromS)} ${time}`;
}

/** Simulated seconds per wall-clock second as x1, x60, x3600; 0 reads as paused. */
export function speedText(speed: number): string {
  if (!(speed > 0)) return 'paused';
  const rounded = speed >= 10 ? Math.round(speed) : Math.round(speed * 10) / 10;
  return `x${rounded}`;
}

/** A power in W as kW below 1 MW and MW above. */
export function powerText(w: number): string {
  const a = Math.abs(w);
  if (a >= 1e6) return `${(w / 1e6).toFixed(a >= 1e7 ? 1 : 2)} MW`;
  if (a >= 1e3) return `${(w / 1e3).toFixed(a >= 1e5 ? 0 : 1)} kW`;
  return `${w.toFixed(0)} W`;
}

export function mwText(mw: number): string {
  return `${mw.toFixed(Math.abs(mw) >= 10 ? 1 : 2)} MW`;
}

export function celsiusText(c: number): string {
  return `${c.toFixed(1)} °C`;
}

export function tonnesText(t: number): string {
  const a = Math.abs(t);
  return `${t.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2)} t`;
}

export function numberText(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}
