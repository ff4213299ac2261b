/**
 * Daylight from the sun where the scenario is, at the simulated time: the sun's position (suncalc, on the
 * Astronomy Answers formulas; docs/geography.md, Daylight) and the scene's light for it.
 * Simulated time is local standard time (server/sim/calendar.ts: seconds since 1970-01-01 00:00 local, no daylight
 * saving). Scenarios carry no time zone, so the standard zone is the one of the longitude's nearest 15° meridian:
 * UTC+2 for all of Finland (Espoo 24.7° E, Tampere 23.8° E), as Finland's EET is.
 * Light: the directional sun follows the sun's bearing and altitude, fading out from 8° above the horizon to 1°
 * below it, reddening as it sinks; the sky (hemisphere) light goes from day to a dim blue night through civil
 * twilight (sun 6° below the horizon to 6° above), and the sky and fog with it. Colours are sRGB 0-1.
 */
import SunCalc from 'suncalc';

export type Rgb = [number, number, number];

export interface SunPosition {
  altitudeDeg: number;
  /** Clockwise from north: 90 east, 180 south. */
  bearingDeg: number;
}

export interface SceneLight {
  /** Unit vector towards the sun in scene axes (x east, y up, z south). */
  direction: [number, number, number];
  sunIntensity: number;
  sunColour: Rgb;
  ambientIntensity: number;
  skyColour: Rgb;
  groundColour: Rgb;
  /** Sky behind the city, and the fog's colour. */
  background: Rgb;
  /** 0 by day, 1 at night: how brightly the windows glow (ambience.ts). */
  night: number;
}

const DEG = Math.PI / 180;
const DAY_SUN = 1.6;
const DAY_AMBIENT = 1.6;
/** Night is kept light enough to read the city by: a dim blue, as under street lights and snow. */
const NIGHT_AMBIENT = 1.1;
const rgb = (hex: number): Rgb => [((hex >> 16) & 255) / 255, ((hex >> 8) & 255) / 255, (hex & 255) / 255];
const DAY = { sky: rgb(0xeef6ff), ground: rgb(0x4a5a3a), background: rgb(0xbcd3e6) };
const NIGHT = { sky: rgb(0x8fa3dc), ground: rgb(0x2c3552), background: rgb(0x1e2b4a) };
const LOW_SUN = rgb(0xffb070);
const HIGH_SUN = rgb(0xffffff);
/** Lowest elevation the light comes from, so a setting sun never lights the ground from below (deg). */
const MIN_LIGHT_ELEVATION_DEG = 2;

/** Hours local standard time is ahead of UTC at this longitude: its nearest 15° meridian. */
export function standardOffsetH(longitudeDeg: number): number {
  return Math.round(longitudeDeg / 15);
}

export function sunPosition(simTimeS: number, latitudeDeg: number, longitudeDeg: number): SunPosition {
  const utc = new Date((simTimeS - standardOffsetH(longitudeDeg) * 3600) * 1000);
  // suncalc's azimuth runs from south towards west.
  const { altitude, azimuth } = SunCalc.getPosition(utc, latitudeDeg, longitudeDeg);
  return { altitudeDeg: altitude / DEG, bearingDeg: (((azimuth / DEG + 180) % 360) + 360) % 360 };
}

const smoothstep = (lo: number, hi: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
  return t * t * (3 - 2 * t);
};
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((k) => a[k] + (b[k] - a[k]) * t) as Rgb;

export function lightForSun({ altitudeDeg, bearingDeg }: SunPosition): SceneLight {
  const day = smoothstep(-6, 6, altitudeDeg);
  const elevation = Math.max(altitudeDeg, MIN_LIGHT_ELEVATION_DEG) * DEG;
  const bearing = bearingDeg * DEG;
  return {
    direction: [Math.sin(bearing) * Math.cos(elevation), Math.sin(elevation), -Math.cos(bearing) * Math.cos(elevation)],
    sunIntensity: DAY_SUN * smoothstep(-1, 8, altitudeDeg),
    sunColour: mix(LOW_SUN, HIGH_SUN, smoothstep(0, 25, altitudeDeg)),
    ambientIntensity: NIGHT_AMBIENT + (DAY_AMBIENT - NIGHT_AMBIENT) * day,
    skyColour: mix(NIGHT.sky, DAY.sky, day),
    groundColour: mix(NIGHT.ground, DAY.ground, day),
    background: mix(NIGHT.background, DAY.background, day),
    night: 1 - day,
  };
}
