/**
 * Calendar dates as requests carry them: `YYYY-MM-DD`, and `YYYY-MM-DDTHH:MM` where a time of day is allowed
 * (simulation local standard time, server/sim/calendar.ts). A real date only: `Date.UTC` would quietly roll
 * 2025-02-30 over to 2 March, month 99 into later years and year 0000 into 1899, so every part is checked
 * here before anything turns the text into seconds. Years are bounded to what the weather and price years
 * can sensibly stand for.
 */
import { z } from 'zod';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** What is wrong with a date already split into numbers, or null for a real date in range. */
function dateProblem(y: number, m: number, d: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR) return `year ${y} is outside ${MIN_YEAR}-${MAX_YEAR}`;
  if (m < 1 || m > 12) return `month ${m} is not 1-12`;
  const days = daysInMonth(y, m);
  if (d < 1 || d > days) return `day ${d}: ${MONTHS[m - 1]} ${y} has ${days} days`;
  return null;
}

function timeProblem(hh: number, mm: number): string | null {
  if (hh > 23) return `hour ${hh} is not 0-23`;
  if (mm > 59) return `minute ${mm} is not 0-59`;
  return null;
}

/** A real calendar date `YYYY-MM-DD` in MIN_YEAR...MAX_YEAR. */
export const calendarDateSchema = z.string().superRefine((s, ctx) => {
  const m = DATE.exec(s);
  const problem = m ? dateProblem(Number(m[1]), Number(m[2]), Number(m[3])) : 'expected YYYY-MM-DD';
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A real calendar date with an optional time of day: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`. */
export const calendarDateTimeSchema = z.string().superRefine((s, ctx) => {
  const m = DATE_TIME.exec(s);
  const problem = m
    ? (dateProblem(Number(m[1]), Number(m[2]), Number(m[3])) ?? (m[4] === undefined ? null : timeProblem(Number(m[4]), Number(m[5]))))
    : 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM';
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
