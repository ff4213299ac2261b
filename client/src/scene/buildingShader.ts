/**
 * Lit windows at night and snow on the roofs, added to the buildings' Lambert material (one program for every
 * kind, no extra draw call), driven by the shared uniforms of ambience.ts.
 * Windows: on the walls (not the roof or floor) a grid of panes, one per WINDOW_PITCH_M along the wall and one per
 * FLOOR_M storey, 40 % of the pitch wide and of the storey high; about half of them lit (a hash of the pane and the
 * building), glowing warm in proportion to `night`. Metres along the wall come from the unit box's position times
 * the instance's scale (buildingMeshes.ts: x and z the footprint's sides, y the height), so panes keep their size
 * on every building. A region's city blocks, drawn far away, blend their panes into a warm glow.
 * Roofs: the colour blends to snow white by `roofSnow`.
 */
import * as THREE from 'three';
import { ambience } from './ambience';

const FLOOR_M = 3;
const WINDOW_PITCH_M = 4;
const LIT_SHARE = 0.5;
/** Warm window light (linear RGB) at full night. */
const WINDOW_GLOW = [1.0, 0.62, 0.25];
const SNOW_RGB = [0.93, 0.95, 0.98];

const glsl = (v: number) => v.toFixed(4);
const vec3 = (c: number[]) => `vec3(${c.map(glsl).join(', ')})`;
/** Metres along the wall and up it, the unit box's normal, the instance: vertex to fragment. */
const VARYINGS = 'varying vec3 vWallM;\nvarying vec3 vBoxNormal;\nvarying float vBuilding;';

/** Adds windows and roof snow to a building material; returns it. */
export function withWindowsAndSnow(material: THREE.MeshLambertMaterial): THREE.MeshLambertMaterial {
  material.onBeforeCompile = (shader) => {
    shader.uniforms.uNight = ambience.night;
    shader.uniforms.uRoofSnow = ambience.roofSnow;
    shader.vertexShader = shader.vertexShader.replace('#include <common>', `#include <common>\n${VARYINGS}`).replace(
      '#include <begin_vertex>',
      `#include <begin_vertex>
  vWallM = position * vec3(length(instanceMatrix[0].xyz), length(instanceMatrix[1].xyz), length(instanceMatrix[2].xyz));
  vBoxNormal = normal;
  vBuilding = float(gl_InstanceID);`,
    );
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', `#include <common>\nuniform float uNight;\nuniform float uRoofSnow;\n${VARYINGS}`)
      .replace(
        '#include <color_fragment>',
        `#include <color_fragment>
  diffuseColor.rgb = mix(diffuseColor.rgb, ${vec3(SNOW_RGB)}, uRoofSnow * step(0.5, vBoxNormal.y));`,
      )
      .replace(
        '#include <emissivemap_fragment>',
        `#include <emissivemap_fragment>
  {
    float wall = 1.0 - step(0.5, abs(vBoxNormal.y));
    float along = abs(vBoxNormal.x) > 0.5 ? vWallM.z : vWallM.x;
    vec2 cell = vec2(along / ${glsl(WINDOW_PITCH_M)}, vWallM.y / ${glsl(FLOOR_M)});
    vec2 f = fract(cell);
    float pane = step(0.3, f.x) * step(f.x, 0.7) * step(0.35, f.y) * step(f.y, 0.75);
    float hash = fract(sin(dot(floor(cell) + vBuilding * 0.1371, vec2(12.9898, 78.233))) * 43758.5453);
    float lit = step(${glsl(1 - LIT_SHARE)}, hash);
    totalEmissiveRadiance += uNight * wall * pane * lit * ${vec3(WINDOW_GLOW)};
  }`,
      );
  };
  // Every kind's material compiles to the same program.
  material.customProgramCacheKey = () => 'heattwin-building-windows-snow';
  return material;
}
