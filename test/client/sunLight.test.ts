/**
 * The sun and the scene's light (client/src/scene/sunLight.ts), and the snow rule (ambience.ts). Expected
 * positions come from the astronomy here, not from suncalc: the NOAA general solar position formulas (Spencer's
 * Fourier series for the declination and the equation of time; docs/geography.md) give solar noon, and at solar
 * noon the altitude is 90° - latitude + declination, the sun due south. Helsinki, 60.17 N 24.94 E: about 6.4° at
 * the winter solstice, 53.3° at the summer one. At an equinox, six hours before solar noon the sun rises due east.
 */
import { describe, expect, it } from 'vitest';
import { snowCover } from '../../client/src/scene/ambience';
import { lightForSun, standardOffsetH, sunPosition } from '../../client/src/scene/sunLight';

const LAT = 60.17;
const LON = 24.94;
const DEG = Math.PI / 180;

/** NOAA: fractional-year angle, declination (deg) and equation of time (min) on day-of-year `doy` at `hour` UTC. */
function noaa(doy: number, hour: number): { declinationDeg: number; equationMin: number } {
  const g = ((2 * Math.PI) / 365) * (doy - 1 + (hour - 12) / 24);
  const decl =
    0.006918 - 0.399912 * Math.cos(g) + 0.070257 * Math.sin(g) - 0.006758 * Math.cos(2 * g) +
    0.000907 * Math.sin(2 * g) - 0.002697 * Math.cos(3 * g) + 0.00148 * Math.sin(3 * g);
  const eqt =
    229.18 *
    (0.000075 + 0.001868 * Math.cos(g) - 0.032077 * Math.sin(g) - 0.014615 * Math.cos(2 * g) -
      0.040849 * Math.sin(2 * g));
  return { declinationDeg: decl / DEG, equationMin: eqt };
}

/** Simulation seconds (local standard time, UTC+2 here) of solar noon on a date, and the NOAA declination then. */
function solarNoon(year: number, month: number, day: number): { simTimeS: number; declinationDeg: number } {
  const doy = (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
  const { equationMin, declinationDeg } = noaa(doy, 10.3);
  const noonUtcMin = 720 - 4 * LON - equationMin;
  return { simTimeS: Date.UTC(year, month - 1, day) / 1000 + (noonUtcMin + 120) * 60, declinationDeg };
}

describe('sun position (suncalc) against the NOAA formulas', () => {
  it('takes local standard time to be UTC+2 across Finland', () => {
    expect(standardOffsetH(LON)).toBe(2);
    expect(standardOffsetH(23.76)).toBe(2); // Tampere
  });

  it('Helsinki at solar noon on the winter solstice: about 6.4° above the horizon, due south', () => {
    const noon = solarNoon(2025, 12, 21);
    const expected = 90 - LAT + noon.declinationDeg;
    expect(expected).toBeCloseTo(6.4, 1);
    const sun = sunPosition(noon.simTimeS, LAT, LON);
    expect(Math.abs(sun.altitudeDeg - expected)).toBeLessThan(0.1);
    expect(Math.abs(sun.bearingDeg - 180)).toBeLessThan(0.5);
  });

  it('Helsinki at solar noon on the summer solstice: about 53.3°, due south', () => {
    const noon = solarNoon(2025, 6, 21);
    const expected = 90 - LAT + noon.declinationDeg;
    expect(expected).toBeCloseTo(53.3, 1);
    const sun = sunPosition(noon.simTimeS, LAT, LON);
    expect(Math.abs(sun.altitudeDeg - expected)).toBeLessThan(0.1);
    expect(Math.abs(sun.bearingDeg - 180)).toBeLessThan(0.5);
  });

  it('at the March equinox, six hours before solar noon, the sun is on the horizon due east', () => {
    const noon = solarNoon(2025, 3, 20);
    const sun = sunPosition(noon.simTimeS - 6 * 3600, LAT, LON);
    expect(Math.abs(sun.altitudeDeg)).toBeLessThan(0.5);
    expect(Math.abs(sun.bearingDeg - 90)).toBeLessThan(1);
  });
});

describe('light for the sun', () => {
  it('lights from the sun: due south at 6.4° is +z (south) and a little up, unit length', () => {
    const l = lightForSun({ altitudeDeg: 6.4, bearingDeg: 180 });
    const [x, y, z] = l.direction;
    expect(Math.hypot(x, y, z)).toBeCloseTo(1, 9);
    expect(x).toBeCloseTo(0, 9);
    expect(y).toBeCloseTo(Math.sin(6.4 * DEG), 9);
    expect(z).toBeCloseTo(Math.cos(6.4 * DEG), 9);
    const east = lightForSun({ altitudeDeg: 30, bearingDeg: 90 }).direction;
    expect(east[0]).toBeCloseTo(Math.cos(30 * DEG), 9);
    expect(east[2]).toBeCloseTo(0, 9);
  });

  it('a low winter sun is dimmer and redder than a high summer one', () => {
    const winter = lightForSun({ altitudeDeg: 6.4, bearingDeg: 180 });
    const summer = lightForSun({ altitudeDeg: 53.3, bearingDeg: 180 });
    expect(winter.sunIntensity).toBeGreaterThan(0);
    expect(winter.sunIntensity).toBeLessThan(summer.sunIntensity);
    expect(winter.sunColour[2]).toBeLessThan(summer.sunColour[2]);
    expect(summer.sunColour).toEqual([1, 1, 1]);
  });

  it('below the horizon: no sun, a dim blue sky light and a dark sky; day returns through civil twilight', () => {
    const night = lightForSun({ altitudeDeg: -20, bearingDeg: 0 });
    const day = lightForSun({ altitudeDeg: 40, bearingDeg: 180 });
    expect(night.sunIntensity).toBe(0);
    expect(night.night).toBe(1);
    expect(day.night).toBe(0);
    expect(night.ambientIntensity).toBeLessThan(day.ambientIntensity);
    expect(night.skyColour[2]).toBeGreaterThan(night.skyColour[0]);
    expect(night.background.reduce((a, b) => a + b)).toBeLessThan(day.background.reduce((a, b) => a + b) / 2);
    expect(night.direction[1]).toBeGreaterThan(0);
    const dusk = lightForSun({ altitudeDeg: -3, bearingDeg: 220 });
    expect(dusk.ambientIntensity).toBeGreaterThan(night.ambientIntensity);
    expect(dusk.ambientIntensity).toBeLessThan(day.ambientIntensity);
  });
});

describe('snow cover (client/src/scene/ambience.ts)', () => {
  it('none after a mild spell, full once the recent mean is -3 °C or colder, linear between', () => {
    expect(snowCover([])).toBe(0);
    expect(snowCover([2, -1, 1])).toBe(0);
    expect(snowCover([-1.5, -1.5])).toBeCloseTo(0.5, 12);
    expect(snowCover([-10, -4, -7])).toBe(1);
  });
});
