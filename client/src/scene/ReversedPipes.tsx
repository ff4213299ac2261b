/**
 * Service pipes running backwards (reversedPipes.ts): while a prosumer feeds heat into the network, its service
 * pipe is overlaid by a pink band with white chevrons running from the building out to the street main, and a
 * label "Feeding in", on a line down to the pipe, says how much water it pushes out (the pipe's mass flow from the
 * frame). A service pipe runs up to its building's wall, so from many sides the building hides it: there the band
 * shows through faintly (a second pass drawn only behind what is nearer), so the marked pipe is seen from every
 * side. Nothing is marked
 * while no service pipe runs backwards, nor in the story's baseline view (storyView.ts): the fossil plant alone
 * heats that city.
 * One instanced mesh for every prosumer's service pipe (a flag per instance shows or hides its band) and its
 * see-through pass, sharing geometry and matrices: two draw calls whatever the city's size. The band covers both
 * ribbons of the pipe (pipeGeometry.ts) and a margin; chevron spacing and speed are drawn sizes, times the city's
 * draw scale, and the chevrons' speed is a display rate, not the water's. Labels are DOM (drei Html): React
 * renders only when the set of reversed pipes changes, the figures are written through refs when a frame arrived.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useFrame } from '@react-three/fiber';
import { Html } from '@react-three/drei';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import { liveFrame } from '../net/liveFrame';
import type { CityLayout } from './cityLayout';
import { pipeWidthM } from './pipeGeometry';
import { feedsIn, prosumerServicePipes, type ServicePipe } from './reversedPipes';
import { sceneMarks } from './sceneMarks';
import { storyView } from './storyView';
import { useLatest } from './useLatest';

/** Band height above the ground, margin beyond the ribbons, chevron spacing and speed (m, m/s at draw scale 1). */
const BAND_Y_M = 1.1;
const BAND_MARGIN_M = 2;
const CHEVRON_SPACING_M = 6;
const CHEVRON_SPEED_M_S = 7;
/** How strongly a band shows through what hides it. */
const GHOST_OPACITY = 0.7;
/** How far the label stands above the pipe it points at, on screen (px). */
const LEADER_PX = 64;
const PINK = '#ff3390';

const vertexShader = /* glsl */ `
attribute float aOn;
varying vec2 vUv;
varying float vLength;
varying float vWidth;
void main() {
  vUv = uv;
  vLength = length(instanceMatrix[0].xyz);
  vWidth = length(instanceMatrix[2].xyz);
  // A band that is off leaves the clip volume.
  vec4 drawn = projectionMatrix * modelViewMatrix * instanceMatrix * vec4(position, 1.0);
  gl_Position = aOn > 0.5 ? drawn : vec4(2.0, 2.0, 2.0, 1.0);
}
`;

const fragmentShader = /* glsl */ `
uniform float uTime;
uniform float uSpacing;
uniform float uSpeed;
uniform float uOpacity;
varying vec2 vUv;
varying float vLength;
varying float vWidth;
void main() {
  float across = abs(vUv.y * 2.0 - 1.0);
  // Chevrons pointing along +x (from the building to the street), moving that way.
  float phase = fract((vUv.x * vLength + across * 0.45 * vWidth - uTime * uSpeed) / uSpacing);
  float chevron = smoothstep(0.0, 0.06, phase) * (1.0 - smoothstep(0.3, 0.36, phase));
  chevron *= 1.0 - smoothstep(0.72, 0.8, across);
  vec3 band = mix(vec3(1.0, 0.2, 0.56), vec3(0.42, 0.0, 0.2), smoothstep(0.8, 0.88, across));
  gl_FragColor = vec4(mix(band, vec3(1.0), chevron), uOpacity);
}
`;

/** The label and the line from it down to the middle of the pipe, whose bottom end is the anchor. */
const calloutStyle: React.CSSProperties = {
  transform: 'translate(-50%, -100%)',
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  pointerEvents: 'none',
};

const leaderStyle: React.CSSProperties = { width: 2, height: LEADER_PX, background: PINK };

const labelStyle: React.CSSProperties = {
  whiteSpace: 'nowrap',
  background: 'rgba(10, 14, 22, 0.85)',
  color: '#fff',
  font: '600 15px/1.25 system-ui, sans-serif',
  padding: '4px 8px',
  borderRadius: 6,
  border: `2px solid ${PINK}`,
};

function buildBands(scenario: Scenario, layout: CityLayout) {
  const service = prosumerServicePipes(scenario);
  const k = layout.drawScale;
  const geometry = new THREE.PlaneGeometry(1, 1).rotateX(-Math.PI / 2);
  const on = new THREE.InstancedBufferAttribute(new Float32Array(Math.max(1, service.length)), 1);
  geometry.setAttribute('aOn', on);
  const uniforms = {
    uTime: { value: 0 },
    uSpacing: { value: CHEVRON_SPACING_M * k },
    uSpeed: { value: CHEVRON_SPEED_M_S * k },
  };
  const material = new THREE.ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: { ...uniforms, uOpacity: { value: 1 } },
  });
  // Only where something nearer hides the band, faintly.
  const ghostMaterial = new THREE.ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: { ...uniforms, uOpacity: { value: GHOST_OPACITY } },
    transparent: true,
    depthWrite: false,
    depthFunc: THREE.GreaterDepth,
  });
  const count = Math.max(1, service.length);
  const mesh = new THREE.InstancedMesh(geometry, material, count);
  const ghost = new THREE.InstancedMesh(geometry, ghostMaterial, count);
  ghost.instanceMatrix = mesh.instanceMatrix;
  // Drawn after the buildings, so what hides the band is in the depth buffer.
  ghost.renderOrder = 1;
  for (const m of [mesh, ghost]) {
    m.raycast = () => {}; // the pipe underneath is what a click selects
    m.frustumCulled = false;
  }
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const up = new THREE.Vector3(0, 1, 0);
  const anchors = service.map((sp, i) => {
    const e = layout.pipeEnds.subarray(sp.pipe * 4, sp.pipe * 4 + 4);
    // From the building's end to the street's.
    const [bx, by, sx, sy] = sp.into === 1 ? [e[2], e[3], e[0], e[1]] : [e[0], e[1], e[2], e[3]];
    const w = pipeWidthM(scenario.network.pipes[sp.pipe].innerDiameterM, k);
    const length = Math.hypot(sx - bx, sy - by) + w;
    q.setFromAxisAngle(up, Math.atan2(sy - by, sx - bx));
    const mid = new THREE.Vector3((bx + sx) / 2, BAND_Y_M * k, -(by + sy) / 2);
    mesh.setMatrixAt(i, m.compose(mid, q, new THREE.Vector3(length, 1, 2 * w + 2 * BAND_MARGIN_M * k)));
    return [mid.x, mid.y, mid.z] as const;
  });
  return { service, geometry, material, ghostMaterial, mesh, ghost, on, anchors, uniforms, key: '' };
}

export function ReversedPipes({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const built = useMemo(() => buildBands(scenario, layout), [scenario, layout]);
  const [shown, setShown] = useState<number[]>([]);
  const figures = useRef<Array<HTMLSpanElement | null>>([]);
  const lastVersion = useRef(-1);

  useEffect(() => () => {
    built.geometry.dispose();
    built.material.dispose();
    built.ghostMaterial.dispose();
    built.mesh.dispose();
    built.ghost.dispose();
  }, [built]);

  const builtRef = useLatest(built);

  useFrame(({ clock }) => {
    const b = builtRef.current;
    b.uniforms.uTime.value = clock.elapsedTime;
    const f = liveFrame.frame;
    const baseline = storyView() === 'baseline';
    // The baseline view's marks (none) are drawn once, on entering it; the others with each new frame.
    const drawn = baseline ? -2 : liveFrame.version;
    if (!f || drawn === lastVersion.current || f.counts.pipes !== scenario.network.pipes.length) return;
    lastVersion.current = drawn;
    const flags = b.on.array as Float32Array;
    let key = '';
    const reversed: string[] = [];
    b.service.forEach((sp: ServicePipe, i) => {
      const flow = f.pipes.massFlowKgS[sp.pipe];
      const feeding = !baseline && feedsIn(flow, sp.into);
      flags[i] = feeding ? 1 : 0;
      if (!feeding) return;
      key += `${i},`;
      reversed.push(scenario.network.pipes[sp.pipe].id);
      const el = figures.current[i];
      if (el) el.textContent = `${Math.abs(flow).toFixed(2)} kg/s out to the street`;
    });
    b.on.needsUpdate = true;
    b.mesh.visible = b.ghost.visible = reversed.length > 0;
    sceneMarks.reversedPipes = reversed;
    if (key !== b.key) {
      b.key = key;
      setShown(key.split(',').filter(Boolean).map(Number));
    }
  });

  if (built.service.length === 0) return null;
  return (
    <>
      <primitive object={built.mesh} />
      <primitive object={built.ghost} />
      {shown.map((i) => (
        <Html key={i} position={built.anchors[i]} zIndexRange={[4, 0]} style={{ pointerEvents: 'none' }}>
          <div
            style={calloutStyle}
            data-testid="feeding-in-label"
            data-pipe={scenario.network.pipes[built.service[i].pipe].id}
          >
            <div style={labelStyle}>
              <span style={{ display: 'block', color: '#ff8cc4' }}>Feeding in</span>
              <span ref={(el) => { figures.current[i] = el; }} style={{ fontWeight: 500 }}>…</span>
            </div>
            <div style={leaderStyle} />
          </div>
        </Html>
      ))}
    </>
  );
}
