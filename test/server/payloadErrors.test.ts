/**
 * What a rejected payload is told: real calendar dates only (no silent roll-over of 2025-02-30 into March),
 * the field named even inside a union, and a short reply whatever the payload's size.
 */
import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { calendarDateSchema, calendarDateTimeSchema } from '../../shared/protocol/calendarDate';
import { issueMessage, MAX_ERROR_CHARS } from '../../shared/protocol/issueMessage';
import { parseCommand } from '../../shared/protocol/commands';
import { createSessionSchema, historyRequestSchema } from '../../shared/protocol/session';

const errorOf = (schema: z.ZodType, value: unknown): string => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error(`accepted ${JSON.stringify(value)}`);
  return issueMessage(r.error);
};

describe('calendar dates', () => {
  it('accepts real dates, leap days by the Gregorian rule, and times of day', () => {
    for (const d of ['2025-01-01', '2024-02-29', '2000-02-29', '1900-01-01', '2200-12-31', '2025-04-30'])
      expect(calendarDateSchema.safeParse(d).success, d).toBe(true);
    for (const d of ['2025-03-10T00:00', '2025-03-10T23:59', '2025-03-10'])
      expect(calendarDateTimeSchema.safeParse(d).success, d).toBe(true);
  });

  it('refuses dates Date.UTC would roll over, naming what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['9999-99-99', /^year 9999 is outside 1900-2200$/],
      ['2025-02-30', /^day 30: February 2025 has 28 days$/],
      ['0000-00-00', /^year 0 is outside/],
      ['2025-00-10', /^month 0 is not 1-12$/],
      ['2025-13-01', /^month 13 is not 1-12$/],
      ['2025-04-31', /^day 31: April 2025 has 30 days$/],
      ['1900-02-29', /^day 29: February 1900 has 28 days$/],
      ['2025-01-00', /^day 0: /],
      ['2025-1-1', /^expected YYYY-MM-DD$/],
      ['2025-01-01T10:00', /^expected YYYY-MM-DD$/],
    ];
    for (const [d, re] of cases) expect(errorOf(calendarDateSchema, d), d).toMatch(re);
    expect(errorOf(calendarDateTimeSchema, '2025-02-30T12:00')).toMatch(/^day 30: /);
    expect(errorOf(calendarDateTimeSchema, '2025-01-01T24:00')).toBe('hour 24 is not 0-23');
    expect(errorOf(calendarDateTimeSchema, '2025-01-01T10:60')).toBe('minute 60 is not 0-59');
    expect(errorOf(calendarDateTimeSchema, '2025-01-01 10:00')).toBe('expected YYYY-MM-DD or YYYY-MM-DDTHH:MM');
  });

  it('names the field: a session start and a clock jump', () => {
    expect(errorOf(createSessionSchema, { scenario: 'x', start: '2025-02-30' })).toMatch(/^start: day 30: /);
    expect(parseCommand({ type: 'clock', action: 'jump', to: '0000-00-00' })).toEqual({ ok: false, error: 'to: year 0 is outside 1900-2200' });
    expect(parseCommand({ type: 'clock', action: 'jump', to: '2025-02-28T09:30' }).ok).toBe(true);
  });
});

describe('payload error messages', () => {
  it('keep the field path of an issue inside a union', () => {
    expect(errorOf(createSessionSchema, { scenario: 'x', speed: 'fast' })).toMatch(/^speed: /);
    expect(parseCommand({ type: 'clock', action: 'speed', speed: 'fast' })).toEqual({ ok: false, error: expect.stringMatching(/^speed: /) as unknown });
    // A field nested in a union nested in an object.
    const nested = z.object({ a: z.object({ b: z.union([z.number(), z.literal('x')]) }) });
    expect(errorOf(nested, { a: { b: true } })).toMatch(/^a\.b: /);
    // A branch refused only for its discriminator gives way to the branch that matched it.
    expect(parseCommand({ type: 'heatPump', unitId: 7, action: 'reset' })).toEqual({ ok: false, error: expect.stringMatching(/^unitId: /) as unknown });
  });

  it('stay short for a large binary payload and name a few unknown keys', () => {
    const msg = errorOf(historyRequestSchema, Buffer.alloc(60_000, 1));
    expect(msg.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
    expect(msg).toMatch(/^unknown keys "0", "1", "2" and \d{5} more$/);
    expect(errorOf(historyRequestSchema, { from: 1, extra: 2 })).toBe('unknown key "extra"');
    const longKey = 'k'.repeat(10_000);
    expect(errorOf(historyRequestSchema, { [longKey]: 1 }).length).toBeLessThan(100);
    expect(errorOf(z.object({ s: z.string().refine(() => false, 'x'.repeat(5000)) }), { s: '' }).length).toBe(MAX_ERROR_CHARS);
  });
});
