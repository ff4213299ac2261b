/**
 * Waste heat rising from source buildings (data centres, supermarket, treatment plant, cooled offices): an
 * open, roof-sized column of wavy streaks drawn by a shader, one instanced mesh, additive and unlit.
 * Intensity per column (aHeat, 0-1) = the share of the source's heat pumps' rated heat they are drawing from it
 * now ((heat - electricity) / rated heat, Q_source = Q_sink - P_el); a data centre always shimmers at least
 * SERVER_HEAT_FLOOR, because its servers reject heat whether or not it is recovered. Data-centre buildings
 * without a source of their own share their campus's (the nearest data-centre source).
 * A column rises SHIMMER_RISE_M × the city's draw scale above its roof (cityLayout.ts), across 80 % of the roof.
 * In the story's baseline view (storyView.ts) no heat pump recovers anything: only the servers' floor shimmers.
 */
import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import { liveFrame } from '../net/liveFrame';
import { BOX_STRIDE, type CityLayout } from './cityLayout';
import { WASTE_HEAT_RGB } from './pipeShader';
import { storyView } from './storyView';
import { useLatest } from './useLatest';

const SERVER_HEAT_FLOOR = 0.3;
/** Height of a column above its roof at draw scale 1 (m). */
const SHIMMER_RISE_M = 20;

const vertexShader = /* glsl */ `
attribute float aHeat;
varying vec2 vUv;
varying float vHeat;
void main() {
  vUv = uv;
  vHeat = aHeat;
  gl_Position = projectionMatrix * modelViewMatrix * instanceMatrix * vec4(position, 1.0);
}
`;

const fragmentShader = /* glsl */ `
uniform float uTime;
varying vec2 vUv;
varying float vHeat;
void main() {
  float wave = sin(vUv.x * 50.2655 + sin(vUv.y * 7.0 - uTime * 1.7) * 2.5);
  float rise = 0.5 + 0.5 * sin(vUv.y * 18.0 - uTime * 3.0 + wave * 1.5);
  float fade = pow(1.0 - vUv.y, 1.6) * smoothstep(0.0, 0.08, vUv.y);
  float a = vHeat * fade * (0.25 + 0.75 * rise * (0.6 + 0.4 * wave)) * 0.55;
  vec3 col = mix(vec3(1.0, 0.8, 0.6), vec3(${WASTE_HEAT_RGB.join(', ')}), vUv.y);
  gl_FragColor = vec4(col * a, a);
}
`;

interface Column {
  building: number;
  sourceIndex: number;
  floor: number;
}

export function HeatShimmer({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const built = useMemo(() => {
    const byBuilding = new Map<number, Column>();
    const sourceBuilding = new Map<number, number>();
    scenario.sources.forEach((src, si) => {
      const b = scenario.buildings.findIndex((x) => x.id === src.buildingId);
      if (b < 0 || src.kind === 'outdoorAir') return;
      sourceBuilding.set(si, b);
      byBuilding.set(b, { building: b, sourceIndex: si, floor: src.kind === 'datacentre' ? SERVER_HEAT_FLOOR : 0 });
    });
    const dcSources = [...sourceBuilding].filter(([si]) => scenario.sources[si].kind === 'datacentre');
    scenario.buildings.forEach((b, bi) => {
      if (b.use !== 'datacentre' || byBuilding.has(bi) || dcSources.length === 0) return;
      const dist = (other: number) =>
        Math.hypot(layout.boxes[bi * BOX_STRIDE] - layout.boxes[other * BOX_STRIDE], layout.boxes[bi * BOX_STRIDE + 1] - layout.boxes[other * BOX_STRIDE + 1]);
      const nearest = dcSources.reduce((a, c) => (dist(c[1]) < dist(a[1]) ? c : a));
      byBuilding.set(bi, { building: bi, sourceIndex: nearest[0], floor: SERVER_HEAT_FLOOR });
    });
    const columns = [...byBuilding.values()];
    const geometry = new THREE.CylinderGeometry(0.5, 0.5, 1, 32, 1, true).translate(0, 0.5, 0);
    const heat = new THREE.InstancedBufferAttribute(new Float32Array(Math.max(1, columns.length)), 1);
    geometry.setAttribute('aHeat', heat);
    const material = new THREE.ShaderMaterial({
      vertexShader,
      fragmentShader,
      uniforms: { uTime: { value: 0 } },
      transparent: true,
      depthWrite: false,
      blending: THREE.AdditiveBlending,
      side: THREE.DoubleSide,
    });
    const mesh = new THREE.InstancedMesh(geometry, material, Math.max(1, columns.length));
    mesh.count = columns.length;
    mesh.raycast = () => {}; // heat is not a thing to click
    const m = new THREE.Matrix4();
    const q = new THREE.Quaternion();
    const up = new THREE.Vector3(0, 1, 0);
    columns.forEach((c, j) => {
      const o = c.building * BOX_STRIDE;
      const box = layout.boxes;
      q.setFromAxisAngle(up, box[o + 4]);
      m.compose(new THREE.Vector3(box[o], box[o + 5], -box[o + 1]), q, new THREE.Vector3(box[o + 2] * 0.8, SHIMMER_RISE_M * layout.drawScale + box[o + 5], box[o + 3] * 0.8));
      mesh.setMatrixAt(j, m);
    });
    mesh.computeBoundingSphere();
    // Per source: its links' units and rated heat, to turn the frame into a recovered share.
    const links = scenario.sources.map((_, si) => layout.sourceLinks.filter((l) => l.sourceIndex === si));
    return { columns, mesh, heat, material, geometry, links, drawnVersion: -1, drawnBaseline: false };
  }, [scenario, layout]);

  useEffect(() => () => {
    built.geometry.dispose();
    built.material.dispose();
    built.mesh.dispose();
  }, [built]);

  const builtRef = useLatest(built);

  useFrame(({ clock }) => {
    const shimmer = builtRef.current;
    shimmer.material.uniforms.uTime.value = clock.elapsedTime;
    const f = liveFrame.frame;
    const baseline = storyView() === 'baseline';
    if (!f || (shimmer.drawnVersion === liveFrame.version && shimmer.drawnBaseline === baseline)) return;
    shimmer.drawnVersion = liveFrame.version;
    shimmer.drawnBaseline = baseline;
    const heat = shimmer.heat.array as Float32Array;
    for (let j = 0; j < shimmer.columns.length; j++) {
      const c = shimmer.columns[j];
      let sourceW = 0;
      let ratedW = 0;
      for (const link of shimmer.links[c.sourceIndex]) {
        ratedW += link.capacityW;
        for (const u of link.units) sourceW += (f.units.heatW[u] ?? 0) - (f.units.electricityW[u] ?? 0);
      }
      const share = ratedW > 0 && !baseline ? Math.min(1, Math.max(0, sourceW / ratedW)) : 0;
      heat[j] = c.floor + (1 - c.floor) * share;
    }
    shimmer.heat.needsUpdate = true;
  });

  return built.columns.length > 0 ? <primitive object={built.mesh} /> : null;
}
