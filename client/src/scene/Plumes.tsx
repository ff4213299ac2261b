/**
 * Chimneys, smoke and steam (plume.ts: the puffs' motion, size and colour; fossilPlant.ts: the baseline plant):
 *   - the fossil baseline plant (views "baseline" and "compare", storyView.ts): a boiler house with two chimneys,
 *     smoking by the baseline's fuel burn now;
 *   - every real fuel boiler (views "actual" and "compare"): a chimney on its machine (plantLayout.ts), smoking
 *     while it fires, by its fuel burn: its heat from the frame over its efficiency. Electric boilers have none;
 *   - every data centre: steam off its roof while its dry coolers throw heat away (the KPI sample's
 *     dumpedHeatBySourceMW). In the baseline view no heat pump takes any, so the heat its heat pumps take now
 *     (their heat less their electricity, from the frame) goes up as well.
 * Three instanced meshes whatever the city's size: the boiler house's boxes, the chimneys (red bands at the top)
 * and the puffs, soft discs facing the camera, drawn by a shader with a colour and opacity per puff and dimmed at
 * night. House and chimney matrices change only with the view; puffs are rewritten each animation frame (a few
 * hundred at most), nothing allocated per frame.
 */
import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import type { StoryView } from '../../../shared/story/schema';
import { liveFrame } from '../net/liveFrame';
import { twinStore } from '../state/store';
import { ambience } from './ambience';
import { BOX_STRIDE, type CityLayout } from './cityLayout';
import { baselineFuelRateMW, burnsFuel, fossilSite, type Chimney, type FossilSite, type Fuel } from './fossilPlant';
import { layoutUnits, UNIT_STRIDE } from './plantLayout';
import { placePuff, plumeStrength, puffOpacity, PUFF_SHADE, PUFFS, ratedHeatW } from './plume';
import { sceneMarks } from './sceneMarks';
import { storyView } from './storyView';
import { useLatest } from './useLatest';

/**
 * Plume sizes by vent, times the draw scale: the baseline plant's two chimneys carry the whole city's heat, a data
 * centre's dry coolers cover its roof.
 */
const PLUME_SIZE = { fossil: 3.2, boiler: 1.4, steam: 1.6 } as const;
/** A boiler's chimney above its machine: height and radius (m, times the draw scale). */
const BOILER_CHIMNEY_M = 20;
const BOILER_CHIMNEY_RADIUS_M = 1.3;
/** sRGB: the boiler house's brick hall and darker boiler block, chimney concrete (the bands are red). */
const HOUSE_RGB = [
  [0.66, 0.4, 0.3],
  [0.44, 0.38, 0.35],
] as const;
/** The boiler house's floodlit glow at night (sRGB, times the night 0-1, ambience.ts), so it does not go black. */
const HOUSE_NIGHT_GLOW_RGB = [0.3, 0.2, 0.14] as const;
const CHIMNEY_RGB = [0.85, 0.83, 0.8] as const;
const BAND_RGB = [0.78, 0.14, 0.1] as const;
/** Red bands near a chimney's top, as shares of its height. */
const BANDS: ReadonlyArray<readonly [number, number]> = [
  [0.84, 0.89],
  [0.94, 1.01],
];

const puffVertexShader = /* glsl */ `
attribute vec4 aShade;
uniform float uNight;
varying vec2 vUv;
varying vec4 vShade;
void main() {
  vUv = position.xy;
  vShade = vec4(aShade.rgb * (1.0 - 0.35 * uNight), aShade.a);
  vec4 centre = modelViewMatrix * instanceMatrix * vec4(0.0, 0.0, 0.0, 1.0);
  centre.xy += position.xy * length(instanceMatrix[0].xyz);
  gl_Position = projectionMatrix * centre;
}
`;

const puffFragmentShader = /* glsl */ `
varying vec2 vUv;
varying vec4 vShade;
void main() {
  float d = dot(vUv, vUv);
  if (d >= 1.0) discard;
  float a = vShade.a * (1.0 - d * d);
  gl_FragColor = vec4(vShade.rgb * (0.84 + 0.16 * vUv.y), a);
}
`;

/** A unit cylinder standing on y = 0, white below its red bands (times the instance's colour). */
function chimneyGeometry(): THREE.BufferGeometry {
  const g = new THREE.CylinderGeometry(0.36, 0.5, 1, 16, 40).translate(0, 0.5, 0);
  const pos = g.getAttribute('position');
  const colour = new Float32Array(pos.count * 3);
  const red = new THREE.Color().setRGB(...BAND_RGB, THREE.SRGBColorSpace);
  for (let v = 0; v < pos.count; v++) {
    const y = pos.getY(v);
    const band = BANDS.some(([a, b]) => y >= a && y < b);
    colour.set(band ? [red.r, red.g, red.b] : [1, 1, 1], v * 3);
  }
  g.setAttribute('color', new THREE.BufferAttribute(colour, 3));
  return g;
}

/** What a vent's plume follows: the baseline's fuel, a boiler's fuel, or a data centre's dumped heat. */
type Vent =
  | { kind: 'fossil'; chimney: number }
  | { kind: 'boiler'; unit: number; fuel: Fuel; efficiency: number; top: THREE.Vector3 }
  | { kind: 'steam'; source: number; units: number[]; top: THREE.Vector3 };

function buildPlumes(scenario: Scenario, layout: CityLayout) {
  const k = layout.drawScale;
  const fuel = scenario.baseline.fuel;
  const sites = { baseline: fossilSite(scenario, layout, false), compare: fossilSite(scenario, layout, true) };
  const fossilChimneys = burnsFuel(fuel) ? sites.baseline.chimneys.length : 0;
  const units = layoutUnits(scenario, layout);
  const boilerChimneys: Chimney[] = [];
  const vents: Vent[] = [];
  for (let c = 0; c < fossilChimneys; c++) vents.push({ kind: 'fossil', chimney: c });
  scenario.plants.forEach((p, pi) =>
    p.units.forEach((u, ui) => {
      if (u.kind !== 'boiler' || !burnsFuel(u.fuel)) return;
      const unit = layout.unitOffset[pi] + ui;
      const o = unit * UNIT_STRIDE;
      const chimney = {
        x: units[o],
        y: units[o + 1],
        baseM: units[o + 2] + units[o + 5],
        heightM: BOILER_CHIMNEY_M * k,
        radiusM: BOILER_CHIMNEY_RADIUS_M * k,
      };
      boilerChimneys.push(chimney);
      const top = new THREE.Vector3(chimney.x, chimney.baseM + chimney.heightM, -chimney.y);
      vents.push({ kind: 'boiler', unit, fuel: u.fuel, efficiency: u.efficiency, top });
    }),
  );
  scenario.sources.forEach((src, si) => {
    const b = src.buildingId === undefined ? -1 : scenario.buildings.findIndex((x) => x.id === src.buildingId);
    if (src.kind !== 'datacentre' || b < 0) return;
    const o = b * BOX_STRIDE;
    const top = new THREE.Vector3(layout.boxes[o], layout.boxes[o + 5], -layout.boxes[o + 1]);
    const takers = scenario.plants.flatMap((p, pi) =>
      p.units.flatMap((u, ui) => (u.kind === 'heatPump' && u.source === src.id ? [layout.unitOffset[pi] + ui] : [])),
    );
    vents.push({ kind: 'steam', source: si, units: takers, top });
  });
  const shades = vents.map((v) => PUFF_SHADE[v.kind === 'fossil' ? fuel : v.kind === 'boiler' ? v.fuel : 'steam']);

  const box = new THREE.BoxGeometry(1, 1, 1).translate(0, 0.5, 0);
  const houseMaterial = new THREE.MeshLambertMaterial({
    emissive: new THREE.Color().setRGB(...HOUSE_NIGHT_GLOW_RGB, THREE.SRGBColorSpace),
  });
  const house = new THREE.InstancedMesh(box, houseMaterial, sites.baseline.boxes.length);
  HOUSE_RGB.forEach(([r, g, b], i) => house.setColorAt(i, new THREE.Color().setRGB(r, g, b, THREE.SRGBColorSpace)));
  const chimneyGeo = chimneyGeometry();
  const chimneyCount = Math.max(1, fossilChimneys + boilerChimneys.length);
  const chimneyMaterial = new THREE.MeshLambertMaterial({ vertexColors: true });
  const chimneys = new THREE.InstancedMesh(chimneyGeo, chimneyMaterial, chimneyCount);
  const concrete = new THREE.Color().setRGB(...CHIMNEY_RGB, THREE.SRGBColorSpace);
  for (let i = 0; i < chimneyCount; i++) chimneys.setColorAt(i, concrete);

  const plane = new THREE.PlaneGeometry(2, 2);
  const shade = new THREE.InstancedBufferAttribute(new Float32Array(Math.max(1, vents.length * PUFFS) * 4), 4);
  plane.setAttribute('aShade', shade);
  const puffMaterial = new THREE.ShaderMaterial({
    vertexShader: puffVertexShader,
    fragmentShader: puffFragmentShader,
    uniforms: { uNight: ambience.night },
    transparent: true,
    depthWrite: false,
  });
  const puffs = new THREE.InstancedMesh(plane, puffMaterial, Math.max(1, vents.length * PUFFS));
  // Puffs drift far from their vents: never cull them by a stale bounding sphere.
  puffs.frustumCulled = false;
  chimneys.frustumCulled = false;
  house.frustumCulled = false;
  for (const mesh of [house, chimneys, puffs]) mesh.raycast = () => {}; // smoke and the baseline are not to click
  return {
    sites,
    fossilChimneys,
    boilerChimneys,
    vents,
    shades,
    ratedW: ratedHeatW(scenario),
    house,
    houseMaterial,
    chimneys,
    puffs,
    shade,
    geometries: [box, chimneyGeo, plane],
    view: null as StoryView | null,
    kpi: null as object | null,
    fuelMW: null as number | null,
    strength: new Float64Array(vents.length),
    m: new THREE.Matrix4(),
    q: new THREE.Quaternion(),
    pos: new THREE.Vector3(),
    scale: new THREE.Vector3(),
    puff: { x: 0, y: 0, z: 0, radiusM: 0, age: 0 },
    steamMarks: vents.flatMap((v) =>
      v.kind === 'steam' ? [{ source: scenario.sources[v.source].id, dumpedMW: 0, steaming: false }] : [],
    ),
  };
}

type Built = ReturnType<typeof buildPlumes>;

const UP = new THREE.Vector3(0, 1, 0);

/** Stands a box (house) or a chimney as instance `i` at plan (x, y) on `base`, or hides it (no size). */
function standBox(
  mesh: THREE.InstancedMesh,
  i: number,
  b: Built,
  angle: number,
  [x, y, base]: readonly [number, number, number],
  size: readonly [number, number, number] | null,
): void {
  b.q.setFromAxisAngle(UP, angle);
  b.pos.set(x, base, -y);
  b.scale.set(...(size ?? [0, 0, 0]));
  mesh.setMatrixAt(i, b.m.compose(b.pos, b.q, b.scale));
}

/** House and chimneys as the view shows them: the fossil plant where it stands in it, boilers' outside baseline. */
function placeForView(b: Built, view: StoryView): void {
  const site: FossilSite | null = view === 'actual' ? null : b.sites[view];
  const ref = b.sites.baseline;
  ref.boxes.forEach((_, i) => {
    const box = site?.boxes[i];
    standBox(b.house, i, b, ref.angle, [box?.x ?? 0, box?.y ?? 0, 0], box ? [box.w, box.h, box.d] : null);
  });
  const boilersShown = view !== 'baseline';
  for (let c = 0; c < b.fossilChimneys + b.boilerChimneys.length; c++) {
    const fossil = c < b.fossilChimneys;
    const ch = fossil ? site?.chimneys[c] : boilersShown ? b.boilerChimneys[c - b.fossilChimneys] : undefined;
    const d = ch ? 2 * ch.radiusM : 0;
    standBox(b.chimneys, c, b, 0, [ch?.x ?? 0, ch?.y ?? 0, ch?.baseM ?? 0], ch ? [d, ch.heightM, d] : null);
  }
  b.house.instanceMatrix.needsUpdate = true;
  b.chimneys.instanceMatrix.needsUpdate = true;
  b.house.visible = site !== null;
  b.chimneys.visible = (site !== null && b.fossilChimneys > 0) || (boilersShown && b.boilerChimneys.length > 0);
}

/** Each vent's plume strength now, into b.strength; the marks of what smokes and steams with it. */
function ventStrengths(b: Built, view: StoryView): void {
  const f = liveFrame.frame;
  const { kpi, kpiHistory } = twinStore.getState();
  if (kpi !== b.kpi) {
    b.kpi = kpi;
    b.fuelMW = baselineFuelRateMW(kpiHistory);
  }
  const marks = sceneMarks;
  marks.view = view;
  marks.fossilPlant.shown = view !== 'actual';
  marks.fossilPlant.chimneys = view === 'actual' ? 0 : b.fossilChimneys;
  marks.fossilPlant.smoking = 0;
  marks.boilers.chimneys = view === 'baseline' ? 0 : b.boilerChimneys.length;
  marks.boilers.smoking = 0;
  let steam = 0;
  b.vents.forEach((v, i) => {
    let s: number;
    if (v.kind === 'fossil') {
      s = view === 'actual' ? 0 : plumeStrength((b.fuelMW ?? 0) * 1e6, b.ratedW);
      if (s > 0) marks.fossilPlant.smoking++;
    } else if (v.kind === 'boiler') {
      const fuelW = f && view !== 'baseline' ? Math.max(0, f.units.heatW[v.unit] ?? 0) / v.efficiency : 0;
      s = plumeStrength(fuelW, b.ratedW);
      if (s > 0) marks.boilers.smoking++;
    } else {
      let dumpedW = (kpi?.dumpedHeatBySourceMW?.[v.source] ?? 0) * 1e6;
      if (view === 'baseline' && f)
        for (const u of v.units) dumpedW += Math.max(0, (f.units.heatW[u] ?? 0) - (f.units.electricityW[u] ?? 0));
      s = plumeStrength(dumpedW, b.ratedW);
      const mark = b.steamMarks[steam++];
      mark.dumpedMW = dumpedW / 1e6;
      mark.steaming = s > 0;
    }
    b.strength[i] = s;
  });
  marks.steam = b.steamMarks;
}

export function Plumes({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const built = useMemo(() => buildPlumes(scenario, layout), [scenario, layout]);

  useEffect(() => () => {
    for (const g of built.geometries) g.dispose();
    for (const mesh of [built.house, built.chimneys, built.puffs]) {
      (mesh.material as THREE.Material).dispose();
      mesh.dispose();
    }
  }, [built]);

  const builtRef = useLatest(built);

  useFrame(({ clock }) => {
    const b = builtRef.current;
    const view = storyView();
    if (view !== b.view) {
      b.view = view;
      placeForView(b, view);
    }
    ventStrengths(b, view);
    b.houseMaterial.emissiveIntensity = ambience.night.value;
    const t = clock.elapsedTime;
    const shade = b.shade.array as Float32Array;
    const site = view === 'actual' ? null : b.sites[view];
    b.vents.forEach((v, i) => {
      const scale = layout.drawScale * PLUME_SIZE[v.kind];
      const ch = v.kind === 'fossil' ? site?.chimneys[v.chimney] : undefined;
      const x0 = ch ? ch.x : v.kind === 'fossil' ? 0 : v.top.x;
      const y0 = ch ? ch.baseM + ch.heightM : v.kind === 'fossil' ? 0 : v.top.y;
      const z0 = ch ? -ch.y : v.kind === 'fossil' ? 0 : v.top.z;
      const rgba = b.shades[i];
      for (let j = 0; j < PUFFS; j++) {
        const p = placePuff(b.strength[i], t + i * 0.37, j, scale, b.puff);
        const n = i * PUFFS + j;
        b.pos.set(x0 + p.x, y0 + p.y, z0 + p.z);
        b.scale.setScalar(p.radiusM);
        b.puffs.setMatrixAt(n, b.m.compose(b.pos, b.q.identity(), b.scale));
        shade.set(rgba, n * 4);
        shade[n * 4 + 3] = rgba[3] * puffOpacity(p.age);
      }
    });
    b.puffs.instanceMatrix.needsUpdate = true;
    b.shade.needsUpdate = true;
  });

  return (
    <>
      <primitive object={built.house} />
      <primitive object={built.chimneys} />
      {built.vents.length > 0 && <primitive object={built.puffs} />}
    </>
  );
}
