/**
 * The baseline city in 3D (story view "baseline"): every plant drawn as the scenario's fossil heat-only plant, a
 * chimney on its roof puffing smoke. The baseline makes the same heat the plant feeds into the network
 * (server/sim/bookkeeping.ts), so each plume's size follows that plant's live heat from the frame, relative to
 * the busiest plant. Two instanced meshes (chimneys, puffs); matrices are rewritten each animation frame for
 * a few dozen puffs, nothing is allocated per frame. Hidden outside the baseline view. Chimney and smoke are
 * legibility exaggerations, drawn at the city's draw scale (cityLayout.ts) like pipes and unit markers.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import { liveFrame } from '../net/liveFrame';
import type { CityLayout } from '../scene/cityLayout';
import { focusPoint } from './focus';
import { presentationStore } from './presentationStore';

const PUFFS = 16;
const CHIMNEY_H_M = 30;
const RISE_S = 6;

export function BaselineSmoke({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const group = useRef<THREE.Group>(null);
  const built = useMemo(() => {
    const stacks = scenario.plants.map((p) => focusPoint({ plant: p.id }, scenario, layout));
    const chimneyGeo = new THREE.CylinderGeometry(2, 3, 1, 12).translate(0, 0.5, 0);
    const puffGeo = new THREE.IcosahedronGeometry(1, 1);
    const chimneys = new THREE.InstancedMesh(chimneyGeo, new THREE.MeshLambertMaterial({ color: '#5b4a3f' }), stacks.length);
    const puffs = new THREE.InstancedMesh(
      puffGeo,
      new THREE.MeshLambertMaterial({ color: '#6f6f72', transparent: true, opacity: 0.6, depthWrite: false }),
      stacks.length * PUFFS,
    );
    const m = new THREE.Matrix4();
    const k = layout.drawScale;
    stacks.forEach((s, i) => chimneys.setMatrixAt(i, m.makeScale(k, CHIMNEY_H_M * k, k).setPosition(s.x, s.y, s.z)));
    chimneys.computeBoundingSphere();
    // Puffs drift far from their chimney: never cull them by a stale bounding sphere.
    puffs.frustumCulled = false;
    return { stacks, chimneys, puffs, chimneyGeo, puffGeo, m, scale: new THREE.Vector3(), pos: new THREE.Vector3(), q: new THREE.Quaternion() };
  }, [scenario, layout]);

  useEffect(() => () => {
    built.chimneyGeo.dispose();
    built.puffGeo.dispose();
    for (const mesh of [built.chimneys, built.puffs]) {
      (mesh.material as THREE.Material).dispose();
      mesh.dispose();
    }
  }, [built]);

  useFrame(({ clock }) => {
    const { story, chapter } = presentationStore.getState();
    const shown = story?.chapters[chapter]?.view === 'baseline';
    if (group.current) group.current.visible = shown;
    if (!shown) return;
    const f = liveFrame.frame;
    const { stacks, puffs, m, scale, pos, q } = built;
    const k = layout.drawScale;
    let busiest = 1;
    for (let i = 0; i < stacks.length; i++) busiest = Math.max(busiest, f?.plants.heatW[i] ?? 0);
    const t = clock.elapsedTime;
    for (let i = 0; i < stacks.length; i++) {
      const s = stacks[i]!;
      const heat = Math.max(0, f?.plants.heatW[i] ?? 0) / busiest;
      const plume = heat > 0.01 ? 0.35 + 0.65 * Math.sqrt(heat) : 0;
      for (let k = 0; k < PUFFS; k++) {
        const age = (t / RISE_S + k / PUFFS) % 1;
        const r = k * plume * (3 + 9 * age);
        pos.set(s.x + k * 25 * age * age, s.y + k * (CHIMNEY_H_M + 45 * age), s.z - k * 6 * age);
        scale.setScalar(Math.max(r, 1e-3));
        puffs.setMatrixAt(i * PUFFS + k, m.compose(pos, q, scale));
      }
    }
    puffs.instanceMatrix.needsUpdate = true;
  });

  return (
    <group ref={group} visible={false}>
      <primitive object={built.chimneys} />
      <primitive object={built.puffs} />
    </group>
  );
}
