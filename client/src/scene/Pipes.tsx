/**
 * All pipes and source links in one draw call (geometry: pipeGeometry.ts, shader: pipeShader.ts).
 * Each animation frame: velocities from the latest frame (v = m_dot / (rho·pi·d²/4), rho = 970 kg/m3, water at
 * about 75 °C), dash phases advanced by speed-up·v·dt (flowDashes: speed-up and spacing both grow with the draw
 * scale, so dashes pass at the same rate at every scale), written into the flow texture. Source links run at
 * a display speed proportional to their heat pumps' load (heat drawn from the source / rated heat).
 * The story's baseline view (storyView.ts) leaves the source links out: no heat pump draws on a source there.
 * Layer "Losses": each new frame's pipe heat loss (supply + return, W) over the pipe's length (scenario lengthM,
 * else the straight distance, at least 1 m, as server/sim/compile.ts) goes into the loss texture (W/m).
 */
import { useEffect, useMemo, useRef } from 'react';
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import { liveFrame } from '../net/liveFrame';
import { twinStore, type Selection } from '../state/store';
import type { CityLayout } from './cityLayout';
import { buildPipeMesh } from './pipeGeometry';
import { flowDashes, pipeFragmentShader, pipeVertexShader } from './pipeShader';
import { clickSelect, hoverOut, hoverOver } from './picking';
import { storyView } from './storyView';
import { useLatest } from './useLatest';

const WATER_DENSITY_KG_M3 = 970;
const LINK_FULL_SPEED_M_S = 1.5;
const TEXTURE_WIDTH = 1024;
const PIPE_TARGETS = ['pipe', 'plant'] as const;

export function Pipes({ scenario, layout, roofHeightM }: { scenario: Scenario; layout: CityLayout; roofHeightM: (b: number) => number }) {
  const pipeCount = scenario.network.pipes.length;
  const { spacingM, speedup } = flowDashes(layout.drawScale);
  const pipes = useMemo(() => {
    const diameters = Float64Array.from(scenario.network.pipes, (p) => p.innerDiameterM);
    const arrays = buildPipeMesh(layout, diameters, roofHeightM);
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(arrays.position, 3));
    geometry.setAttribute('aLane', new THREE.BufferAttribute(arrays.lane, 1));
    geometry.setAttribute('aAlong', new THREE.BufferAttribute(arrays.along, 1));
    geometry.setAttribute('aAcross', new THREE.BufferAttribute(arrays.across, 1));
    geometry.setAttribute('aSide', new THREE.BufferAttribute(arrays.side, 1));
    geometry.setIndex(new THREE.BufferAttribute(arrays.index, 1));
    geometry.computeBoundingSphere();
    const width = Math.min(TEXTURE_WIDTH, Math.max(1, arrays.lanes));
    const height = Math.ceil(arrays.lanes / width) || 1;
    const flow = new THREE.DataTexture(new Float32Array(width * height * 4), width, height, THREE.RGBAFormat, THREE.FloatType);
    flow.needsUpdate = true;
    const loss = new THREE.DataTexture(new Float32Array(width * height), width, height, THREE.RedFormat, THREE.FloatType);
    loss.needsUpdate = true;
    const material = new THREE.ShaderMaterial({
      vertexShader: pipeVertexShader,
      fragmentShader: pipeFragmentShader,
      side: THREE.DoubleSide,
      uniforms: {
        uFlow: { value: flow },
        uLoss: { value: loss },
        uTexWidth: { value: width },
        uSpacing: { value: spacingM },
        uTemperatures: { value: 1 },
        uFlows: { value: 1 },
        uLosses: { value: 0 },
        uLinks: { value: 1 },
        uSelected: { value: -1 },
        uHovered: { value: -1 },
      },
    });
    const areaM2 = diameters.map((d) => (Math.PI * d * d) / 4);
    const e = layout.pipeEnds;
    const lengthM = Float64Array.from(scenario.network.pipes, (p, i) =>
      p.lengthM ?? Math.max(1, Math.hypot(e[i * 4 + 2] - e[i * 4], e[i * 4 + 3] - e[i * 4 + 1])),
    );
    return { geometry, material, flow, loss, areaM2, lengthM };
  }, [scenario, layout, roofHeightM, spacingM]);

  useEffect(() => () => {
    pipes.geometry.dispose();
    pipes.material.dispose();
    pipes.flow.dispose();
    pipes.loss.dispose();
  }, [pipes]);

  const pipesRef = useLatest(pipes);
  const lossVersion = useRef(-1);

  useFrame((_, dtS) => {
    const { material, flow, loss, areaM2, lengthM } = pipesRef.current;
    // Layers and highlights reach the uniforms each animation frame, without rendering React.
    const s = twinStore.getState();
    const u = material.uniforms;
    u.uTemperatures.value = s.layers.temperatures ? 1 : 0;
    u.uFlows.value = s.layers.flows ? 1 : 0;
    u.uLosses.value = s.layers.losses ? 1 : 0;
    u.uLinks.value = storyView() === 'baseline' ? 0 : 1;
    u.uSelected.value = s.selection?.kind === 'pipe' ? s.selection.index : -1;
    u.uHovered.value = s.hovered?.kind === 'pipe' ? s.hovered.index : -1;
    const f = liveFrame.frame;
    if (!f || f.counts.pipes !== pipeCount) return;
    if (s.layers.losses && lossVersion.current !== liveFrame.version) {
      lossVersion.current = liveFrame.version;
      const lossWPerM = loss.image.data as Float32Array;
      for (let p = 0; p < pipeCount; p++) lossWPerM[p] = f.pipes.heatLossW[p] / lengthM[p];
      loss.needsUpdate = true;
    }
    const texel = flow.image.data as Float32Array;
    const dt = Math.min(dtS, 0.1);
    const { massFlowKgS, supplyC, returnC } = f.pipes;
    for (let p = 0; p < pipeCount; p++) {
      const v = massFlowKgS[p] / (WATER_DENSITY_KG_M3 * areaM2[p]);
      const o = p * 4;
      texel[o] = supplyC[p]!;
      texel[o + 1] = returnC[p]!;
      texel[o + 2] = (texel[o + 2] + speedup * v * dt) % spacingM;
      texel[o + 3] = Math.abs(v);
    }
    const links = layout.sourceLinks;
    for (let l = 0; l < links.length; l++) {
      const link = links[l];
      let heatW = 0;
      let electricityW = 0;
      for (let k = 0; k < link.units.length; k++) {
        heatW += f.units.heatW[link.units[k]] ?? 0;
        electricityW += f.units.electricityW[link.units[k]] ?? 0;
      }
      const v = (LINK_FULL_SPEED_M_S * Math.max(0, heatW - electricityW)) / link.capacityW;
      const o = (pipeCount + l) * 4;
      texel[o] = -1;
      texel[o + 1] = -1;
      texel[o + 2] = (texel[o + 2] + speedup * v * dt) % spacingM;
      texel[o + 3] = v;
    }
    flow.needsUpdate = true;
  });

  const targetOf = (e: ThreeEvent<PointerEvent> | ThreeEvent<MouseEvent>): Selection => {
    const lane = e.face ? (pipes.geometry.getAttribute('aLane').getX(e.face.a) | 0) : -1;
    if (lane < 0) return null;
    if (lane < pipeCount) return { kind: 'pipe', index: lane };
    const link = layout.sourceLinks[lane - pipeCount];
    return link ? { kind: 'plant', index: link.toPlant } : null;
  };

  return (
    <mesh
      geometry={pipes.geometry}
      material={pipes.material}
      frustumCulled={false}
      onPointerMove={(e) => hoverOver(e, targetOf(e))}
      onPointerOut={() => hoverOut(PIPE_TARGETS)}
      onClick={(e) => clickSelect(e, targetOf(e))}
    />
  );
}
