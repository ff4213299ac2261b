import { describe, it, expect } from 'vitest';
import { EpwError, parseEpw, parseEpwLocation } from '../server/sim/weather/epw';

// EPW layout per the EnergyPlus weather data dictionary (docs/reference-figures.md, Climate):
// 8 header lines, then one row an hour; field 7 dry bulb, 14 GHI, 22 wind speed (1-based).
const LOCATION = 'LOCATION,Helsinki Vantaa,-,FIN,IWEC Data,029740,60.32,24.97,2.0,56.0';
const HEADER = [
  LOCATION,
  'DESIGN CONDITIONS,0',
  'TYPICAL/EXTREME PERIODS,0',
  'GROUND TEMPERATURES,0',
  'HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0',
  'COMMENTS 1,generated for a test',
  'COMMENTS 2,known pattern',
  'DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31',
];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// The known pattern, by the row's position among the 8760 non-leap-day rows.
const dryBulb = (k: number) => Math.round(((k % 500) / 10 - 20) * 10) / 10;
const ghi = (k: number) => (k % 24) * 10;
const wind = (k: number) => (k % 7) + 0.5;

function row(year: number, month: number, day: number, hour: number, t: number, g: number, w: number): string {
  const f = Array.from({ length: 35 }, () => '0');
  f[0] = String(year);
  f[1] = String(month);
  f[2] = String(day);
  f[3] = String(hour);
  f[4] = '60';
  f[5] = 'A7A7A7A7*0?9?9?9?9?9?9?9A7A7A7A7A7A7*0E8*0*0';
  f[6] = t.toFixed(1);
  f[13] = String(g);
  f[21] = w.toFixed(1);
  return f.join(',');
}

/** A complete EPW text; leap adds 29 February with dry bulb 55.5 (a value the pattern never makes). */
function makeEpw(opts: { leap?: boolean; header?: string[]; eol?: string } = {}): string {
  const lines = [...(opts.header ?? HEADER)];
  let k = 0;
  for (let m = 1; m <= 12; m++) {
    const days = m === 2 && opts.leap ? 29 : MONTH_DAYS[m - 1];
    for (let d = 1; d <= days; d++) {
      for (let h = 1; h <= 24; h++) {
        if (m === 2 && d === 29) lines.push(row(1996, m, d, h, 55.5, 999, 39.5));
        else {
          lines.push(row(1999, m, d, h, dryBulb(k), ghi(k), wind(k)));
          k++;
        }
      }
    }
  }
  return lines.join(opts.eol ?? '\n') + (opts.eol ?? '\n');
}

function withLine(text: string, lineNo: number, edit: (fields: string[]) => void): string {
  const lines = text.split('\n');
  const fields = lines[lineNo - 1].split(',');
  edit(fields);
  lines[lineNo - 1] = fields.join(',');
  return lines.join('\n');
}

describe('parseEpw', () => {
  const text = makeEpw();

  it('reads dry bulb, GHI and wind, each row at the end of its hour', () => {
    const { series } = parseEpw(text);
    expect(series.stepS).toBe(3600);
    expect(series.temperatureC.length).toBe(8760);
    for (const k of [0, 1, 23, 500, 4321, 8758]) {
      expect(series.temperatureC[k + 1]).toBeCloseTo(dryBulb(k), 5);
      expect(series.ghiWm2[k + 1]).toBe(ghi(k));
      expect(series.windMs[k + 1]).toBeCloseTo(wind(k), 5);
    }
    // The last row (31 Dec, hour 24) is midnight, the start of the periodic year.
    expect(series.temperatureC[0]).toBeCloseTo(dryBulb(8759), 5);
  });

  it('reads the LOCATION line', () => {
    const { location } = parseEpw(text);
    expect(location).toEqual({
      city: 'Helsinki Vantaa',
      latitudeDeg: 60.32,
      longitudeDeg: 24.97,
      timeZoneH: 2,
      elevationM: 56,
    });
  });

  it('returns no location when the first line is not a LOCATION line', () => {
    expect(parseEpwLocation('COMMENTS 1,none')).toBeUndefined();
    expect(parseEpwLocation('LOCATION,Nowhere,-,-,-,-,north,east')).toBeUndefined();
    const noLoc = parseEpw(makeEpw({ header: ['LOCATION', ...HEADER.slice(1)] }));
    expect(noLoc.location).toBeUndefined();
  });

  it('accepts CRLF line endings', () => {
    const { series } = parseEpw(makeEpw({ eol: '\r\n' }));
    expect(series.temperatureC[101]).toBeCloseTo(dryBulb(100), 5);
  });

  it('drops 29 February from a leap-year file (8784 rows)', () => {
    const { series } = parseEpw(makeEpw({ leap: true }));
    expect(series.temperatureC.length).toBe(8760);
    expect(Math.max(...series.temperatureC)).toBeLessThan(55);
    // 1 March hour 1 is the 1417th kept row (59 days · 24 + 1), at 01:00 of day 59.
    expect(series.temperatureC[59 * 24 + 1]).toBeCloseTo(dryBulb(59 * 24), 5);
  });

  it('names line and field of a value that is not a number', () => {
    const bad = withLine(text, 123, (f) => (f[6] = 'abc'));
    expect(() => parseEpw(bad)).toThrow(EpwError);
    expect(() => parseEpw(bad)).toThrow(/^line 123, field 7 \(dry bulb\): not a number/);
  });

  it('names a missing field', () => {
    const bad = withLine(text, 500, (f) => (f.length = 20));
    expect(() => parseEpw(bad)).toThrow(/^line 500, field 22 \(wind speed\): missing$/);
  });

  it('rejects missing-value markers and out-of-range values', () => {
    expect(() => parseEpw(withLine(text, 9, (f) => (f[6] = '99.9')))).toThrow(/line 9, field 7 \(dry bulb\): missing-value/);
    expect(() => parseEpw(withLine(text, 10, (f) => (f[13] = '-3')))).toThrow(
      /line 10, field 14 \(global horizontal irradiance\): -3 outside/,
    );
  });

  it('rejects a wrong number of rows', () => {
    const short = text.split('\n').slice(0, 8 + 8000).join('\n');
    expect(() => parseEpw(short)).toThrow(/expected 8760 or 8784 hourly data rows .* found 8000/);
    expect(() => parseEpw('LOCATION,x')).toThrow(EpwError);
  });

  it('rejects rows out of calendar order', () => {
    const bad = withLine(text, 9 + 24, (f) => (f[2] = '3')); // 2 Jan hour 1 claims to be 3 Jan
    expect(() => parseEpw(bad)).toThrow(/^line 33: expected month 1, day 2, hour 1 but found 1, 3, 1$/);
  });
});
