/**
 * The HUD charts' time axis in simulated time. Ticks fall on whole minutes, hours or days (TIME_INCRS_S: uPlot
 * takes the smallest step that leaves TIME_TICK_SPACE_PX between ticks) and each label says something new: the
 * clock time, with the weekday in front on the first tick and wherever the day changes ("Mon 18:00", "Tue 00:00",
 * "06:00"); ticks a day or more apart name the day ("Mon 20 Jan").
 */
import { dayMonth, simDateTime } from './format';

const MINUTE_S = 60;
const HOUR_S = 3600;
const DAY_S = 86_400;

export const TIME_INCRS_S = [
  MINUTE_S,
  5 * MINUTE_S,
  10 * MINUTE_S,
  15 * MINUTE_S,
  30 * MINUTE_S,
  HOUR_S,
  2 * HOUR_S,
  3 * HOUR_S,
  6 * HOUR_S,
  12 * HOUR_S,
  DAY_S,
  2 * DAY_S,
  7 * DAY_S,
];

/** Room for the longest label ("Mon 18:00" in the axis font) and a gap. */
export const TIME_TICK_SPACE_PX = 84;

/** Labels for ticks at simulated times `ticksS` (s, ascending), `stepS` apart. */
export function timeTickLabels(ticksS: readonly number[], stepS: number): string[] {
  let previousDay = '';
  return ticksS.map((t) => {
    const { date, time, weekday } = simDateTime(t);
    const newDay = date !== previousDay;
    previousDay = date;
    if (stepS >= DAY_S) return `${weekday} ${dayMonth(t)}`;
    return newDay ? `${weekday} ${time}` : time;
  });
}
