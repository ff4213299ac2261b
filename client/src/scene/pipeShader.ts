/**
 * The pipes' shader: colour from the water temperature on the shared scale (temperatureScale.ts), and flow
 * dashes that move along each ribbon. Per lane the flow texture holds (supply °C, return °C, dash phase m,
 * speed m/s); the phase is integrated on the CPU (phase += visual speed-up × velocity × dt), so a change of
 * speed never makes the dashes jump and a negative velocity runs them backwards. Return ribbons use -phase:
 * their water flows the other way. Source links carry supply °C = -1: drawn in the waste-heat colour.
 * With the "Losses" layer on (uLosses = 1) both ribbons of a pipe take the heat-loss colour (lossScale.ts) of
 * their lane in the loss texture (R: supply + return loss per metre of trench, W/m) instead of the water's.
 * uLinks = 0 leaves the source links out (their vertices leave the clip volume).
 */
import { LOSS_GLSL } from './lossScale';
import { TEMPERATURE_GLSL } from './temperatureScale';

/** Dash period along a pipe (m) at draw scale 1; Pipes.tsx multiplies it by the city's draw scale. */
export const DASH_SPACING_M = 8;
/**
 * Real velocities (0.1-2 m/s) drawn this many times faster at draw scale 1, so a 1 m/s pipe shows about one dash
 * a second. Pipes.tsx multiplies it by the draw scale too: dashes pass at FLOW_SPEEDUP·v / DASH_SPACING_M per
 * second at every scale (one a second at 1 m/s), however far apart they are drawn.
 */
export const FLOW_SPEEDUP = 8;

/** Dash spacing (m) and visual speed-up for a city drawn at `drawScale` (cityLayout.ts). */
export function flowDashes(drawScale: number): { spacingM: number; speedup: number } {
  return { spacingM: DASH_SPACING_M * drawScale, speedup: FLOW_SPEEDUP * drawScale };
}
/** Colour of recovered waste heat on its way from a source to its heat pump (sRGB). */
export const WASTE_HEAT_RGB = [0.85, 0.35, 1.0] as const;

export const pipeVertexShader = /* glsl */ `
attribute float aLane;
attribute float aAlong;
attribute float aAcross;
attribute float aSide;
uniform sampler2D uFlow;
uniform sampler2D uLoss;
uniform float uTexWidth;
uniform float uSpacing;
uniform float uTemperatures;
uniform float uFlows;
uniform float uLosses;
uniform float uLinks;
uniform float uSelected;
uniform float uHovered;
varying vec3 vColor;
varying float vDash;
varying float vAcross;
varying float vStrength;
varying float vHighlight;
${TEMPERATURE_GLSL}
${LOSS_GLSL}
void main() {
  ivec2 texel = ivec2(int(mod(aLane, uTexWidth)), int(floor(aLane / uTexWidth)));
  vec4 f = texelFetch(uFlow, texel, 0);
  float isReturn = step(0.5, aSide) * (1.0 - step(1.5, aSide));
  float temperature = mix(f.r, f.g, isReturn);
  vec3 water = uLosses > 0.5 ? lossRgb(texelFetch(uLoss, texel, 0).r) : temperatureRgb(temperature);
  vec3 col = f.r < -0.5 ? vec3(${WASTE_HEAT_RGB.join(', ')}) : water;
  vColor = mix(vec3(0.5, 0.52, 0.55), col, max(max(uTemperatures, uLosses), step(1.5, aSide)));
  float phase = mix(f.b, -f.b, isReturn);
  vDash = (aAlong - phase) / uSpacing;
  vStrength = clamp(f.a / 0.03, 0.0, 1.0) * uFlows;
  vAcross = aAcross;
  vHighlight = max(1.0 - step(0.5, abs(aLane - uSelected)), 0.6 * (1.0 - step(0.5, abs(aLane - uHovered))));
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  if (aSide > 1.5 && uLinks < 0.5) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}
`;

export const pipeFragmentShader = /* glsl */ `
varying vec3 vColor;
varying float vDash;
varying float vAcross;
varying float vStrength;
varying float vHighlight;
void main() {
  float d = fract(vDash);
  float dash = smoothstep(0.0, 0.12, d) * (1.0 - smoothstep(0.4, 0.55, d));
  float tube = 0.72 + 0.28 * (1.0 - vAcross * vAcross);
  vec3 col = vColor * tube * (1.0 - 0.3 * vStrength);
  col += vStrength * dash * 0.6 * mix(vColor, vec3(1.0), 0.5);
  col = mix(col, vec3(1.0), vHighlight * (abs(vAcross) > 0.55 ? 0.85 : 0.25));
  gl_FragColor = vec4(col, 1.0);
}
`;
