import { describe, expect, it } from 'vitest';
import { dateToS, dayOfWeek, dayOfYear, hourOfDay, yearOf, yearStartS } from '../server/sim/calendar';

// The reference is the JavaScript Date implementation of the proleptic Gregorian calendar (ECMA-262 §21.4).
describe('calendar', () => {
  it('finds the year and its start like Date.UTC, leap years and centuries included', () => {
    for (let y = 1900; y < 2200; y++) expect(yearStartS(y)).toBe(Date.UTC(y, 0, 1) / 1000);
    for (let t = -2e9; t < 7e9; t += 86_400 * 13.7 + 1234) expect(yearOf(t)).toBe(new Date(t * 1000).getUTCFullYear());
  });

  it('gives day of year, hour of day and weekday', () => {
    const t = dateToS('2024-12-31') + 6.5 * 3600;
    expect(dayOfYear(t)).toBeCloseTo(365 + 6.5 / 24, 12); // 2024 is a leap year
    expect(hourOfDay(t)).toBeCloseTo(6.5, 12);
    expect(dayOfWeek(dateToS('2025-01-06'))).toBe(0); // a Monday
    expect(dayOfWeek(dateToS('2025-01-12'))).toBe(6); // a Sunday
  });
});
