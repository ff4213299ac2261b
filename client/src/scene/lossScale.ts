/**
 * The pipe heat-loss colour scale (layer "Losses"): heat lost to the ground per metre of trench, supply and
 * return pipe together (frame pipes.heatLossW / pipe length, W/m). 0 W/m pale -> 30 W/m pink -> 60 W/m and more
 * magenta, linear in sRGB between stops, clamped outside. 60 W/m is a display choice: series-2 pre-insulated pipes
 * (U 0.11-0.35 W/(m·K) each, server/sim/network/pipeCatalogue.ts) at 90/45 °C over 8 °C ground lose about
 * 13 W/m (service pipes) to 40 W/m (trunks), so the scale spans that range with room for hotter or worse pipes.
 * The legend samples the same stops; the shader gets them compiled to GLSL.
 */
export interface LossStop {
  wPerM: number;
  /** sRGB 0-1. */
  rgb: readonly [number, number, number];
}

export const LOSS_STOPS: readonly LossStop[] = [
  { wPerM: 0, rgb: [0.95, 0.94, 0.9] },
  { wPerM: 30, rgb: [0.97, 0.55, 0.85] },
  { wPerM: 60, rgb: [0.78, 0.0, 0.72] },
];
export const LOSS_MAX_W_PER_M = LOSS_STOPS[LOSS_STOPS.length - 1].wPerM;

function cssOf(c: readonly number[]): string {
  return `rgb(${Math.round(c[0] * 255)}, ${Math.round(c[1] * 255)}, ${Math.round(c[2] * 255)})`;
}

/** A CSS linear-gradient (left = no loss) for a legend bar. */
export function lossGradientCss(): string {
  const parts = LOSS_STOPS.map((s) => `${cssOf(s.rgb)} ${((s.wPerM / LOSS_MAX_W_PER_M) * 100).toFixed(0)}%`);
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

const glslFloat = (x: number) => (Number.isInteger(x) ? `${x}.0` : `${x}`);
const glslVec3 = (c: readonly number[]) => `vec3(${c.map(glslFloat).join(', ')})`;

/** GLSL `vec3 lossRgb(float wPerM)` with the same stops (sRGB out). */
export const LOSS_GLSL = (() => {
  const s = LOSS_STOPS;
  const lines = [`vec3 lossRgb(float w) {`, `  vec3 col = ${glslVec3(s[0].rgb)};`];
  for (let i = 0; i + 1 < s.length; i++) {
    const a = s[i];
    const b = s[i + 1];
    lines.push(`  col = mix(col, ${glslVec3(b.rgb)}, clamp((w - ${glslFloat(a.wPerM)}) / ${glslFloat(b.wPerM - a.wPerM)}, 0.0, 1.0));`);
  }
  lines.push('  return col;', '}');
  return lines.join('\n');
})();
