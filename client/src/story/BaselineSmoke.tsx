/**
 * The baseline city in 3D (story view "baseline"): every plant drawn as the scenario's fossil heat-only plant, a
 * chimney on its roof puffing smoke. The baseline makes the same heat the plant feeds into the network
 * (server/sim/bookkeeping.ts), so each plume's size follows that plant's live heat from the frame, relative to
 * the busiest plant. Two instanced meshes (chimneys, puffs); matrices are rewritten each animation frame for
 * a few dozen puffs, nothing is allocated per frame. Hidden outside the baseline view. Chimney and puff sizes
 * (plume.ts) are legibility exaggerations, drawn at the city's draw scale (cityLayout.ts) like pipes and unit markers.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import { liveFrame } from '../net/liveFrame';
import type { CityLayout } from '../scene/cityLayout';
import { useLatest } from '../scene/useLatest';
import { focusPoint } from './focus';
import { CHIMNEY_H_M, placePuff, plumeStrength, PUFFS, type PuffPlacement } from './plume';
import { presentationStore } from './presentationStore';

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
    const puff: PuffPlacement = { x: 0, y: 0, z: 0, radiusM: 0 };
    return { stacks, chimneys, puffs, chimneyGeo, puffGeo, m, puff, scale: new THREE.Vector3(), pos: new THREE.Vector3(), q: new THREE.Quaternion() };
  }, [scenario, layout]);

  useEffect(() => () => {
    built.chimneyGeo.dispose();
    built.puffGeo.dispose();
    for (const mesh of [built.chimneys, built.puffs]) {
      (mesh.material as THREE.Material).dispose();
      mesh.dispose();
    }
  }, [built]);

  const builtRef = useLatest(built);

  useFrame(({ clock }) => {
    const { story, chapter } = presentationStore.getState();
    const shown = story?.chapters[chapter]?.view === 'baseline';
    if (group.current) group.current.visible = shown;
    if (!shown) return;
    const f = liveFrame.frame;
    const { stacks, puffs, m, puff, scale, pos, q } = builtRef.current;
    let busiest = 1;
    for (let i = 0; i < stacks.length; i++) busiest = Math.max(busiest, f?.plants.heatW[i] ?? 0);
    const t = clock.elapsedTime;
    for (let i = 0; i < stacks.length; i++) {
      const s = stacks[i];
      const strength = plumeStrength(Math.max(0, f?.plants.heatW[i] ?? 0) / busiest);
      for (let j = 0; j < PUFFS; j++) {
        placePuff(strength, t, j, layout.drawScale, puff);
        pos.set(s.x + puff.x, s.y + puff.y, s.z + puff.z);
        scale.setScalar(Math.max(puff.radiusM, 1e-3));
        puffs.setMatrixAt(i * PUFFS + j, m.compose(pos, q, scale));
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
