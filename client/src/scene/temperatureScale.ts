/**
 * The one water-temperature colour scale of the app: pipes (scene) and the legend (HUD) both use it.
 * 30 °C blue (a cold return) -> 70 °C yellow (a warm return / summer supply) -> 110 °C red (winter design supply),
 * linear in sRGB between stops, clamped outside. The same stops are compiled into GLSL for the pipe shader, so the
 * legend cannot drift from what the pipes show.
 */
export interface TemperatureStop {
  temperatureC: number;
  /** sRGB 0-1. */
  rgb: readonly [number, number, number];
}

export const TEMPERATURE_STOPS: readonly TemperatureStop[] = [
  { temperatureC: 30, rgb: [0.15, 0.35, 1.0] },
  { temperatureC: 50, rgb: [0.2, 0.85, 0.95] },
  { temperatureC: 70, rgb: [1.0, 0.9, 0.15] },
  { temperatureC: 90, rgb: [1.0, 0.5, 0.1] },
  { temperatureC: 110, rgb: [0.9, 0.08, 0.08] },
];
export const TEMPERATURE_MIN_C = TEMPERATURE_STOPS[0].temperatureC;
export const TEMPERATURE_MAX_C = TEMPERATURE_STOPS[TEMPERATURE_STOPS.length - 1].temperatureC;

/** Writes the scale's sRGB colour for `temperatureC` into out[offset..offset+2]; returns out. */
export function temperatureRgb<T extends { [i: number]: number }>(temperatureC: number, out: T, offset = 0): T {
  const stops = TEMPERATURE_STOPS;
  let i = 0;
  while (i < stops.length - 2 && temperatureC > stops[i + 1].temperatureC) i++;
  const a = stops[i];
  const b = stops[i + 1];
  const t = Math.min(1, Math.max(0, (temperatureC - a.temperatureC) / (b.temperatureC - a.temperatureC)));
  out[offset] = a.rgb[0] + (b.rgb[0] - a.rgb[0]) * t;
  out[offset + 1] = a.rgb[1] + (b.rgb[1] - a.rgb[1]) * t;
  out[offset + 2] = a.rgb[2] + (b.rgb[2] - a.rgb[2]) * t;
  return out;
}

/** CSS colour for the legend and labels. */
export function temperatureCss(temperatureC: number): string {
  const c = temperatureRgb(temperatureC, [0, 0, 0]);
  return `rgb(${Math.round(c[0] * 255)}, ${Math.round(c[1] * 255)}, ${Math.round(c[2] * 255)})`;
}

/** A CSS linear-gradient (left = cold) for a legend bar. */
export function temperatureGradientCss(): string {
  const span = TEMPERATURE_MAX_C - TEMPERATURE_MIN_C;
  const parts = TEMPERATURE_STOPS.map((s) => `${temperatureCss(s.temperatureC)} ${(((s.temperatureC - TEMPERATURE_MIN_C) / span) * 100).toFixed(0)}%`);
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

const glslFloat = (x: number) => (Number.isInteger(x) ? `${x}.0` : `${x}`);
const glslVec3 = (c: readonly number[]) => `vec3(${c.map(glslFloat).join(', ')})`;

/** GLSL `vec3 temperatureRgb(float c)` with the same stops (sRGB out). */
export const TEMPERATURE_GLSL = (() => {
  const s = TEMPERATURE_STOPS;
  const lines = [`vec3 temperatureRgb(float c) {`, `  vec3 col = ${glslVec3(s[0].rgb)};`];
  for (let i = 0; i + 1 < s.length; i++) {
    const a = s[i];
    const b = s[i + 1];
    lines.push(
      `  col = mix(col, ${glslVec3(b.rgb)}, clamp((c - ${glslFloat(a.temperatureC)}) / ${glslFloat(b.temperatureC - a.temperatureC)}, 0.0, 1.0));`,
    );
  }
  lines.push('  return col;', '}');
  return lines.join('\n');
})();
