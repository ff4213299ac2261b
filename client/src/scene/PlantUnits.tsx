/**
 * The plants' machines, live from the frame's unit blocks (three instanced meshes in all):
 *   heat pumps  glow cyan with load (heat W / rated W) and pulse faster the harder they work; amber blinking
 *               while starting, red when tripped, violet in maintenance, dark when off;
 *   boilers     flicker in flame colours while firing (electric boilers glow white-hot), dark when off;
 *   storage     a translucent tank whose warm fill rises with the state of charge (copOrSoc, 0-1).
 * Colours change every animation frame (pulse and flicker), which is fine for a handful of units. The story's
 * baseline view (storyView.ts) hides them: its city is heated by the fossil baseline plant alone (Plumes.tsx).
 */
import { useEffect, useMemo } from 'react';
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario, UnitSpec } from '../../../shared/scenario/schema';
import { liveFrame } from '../net/liveFrame';
import type { Selection } from '../state/store';
import type { CityLayout } from './cityLayout';
import { layoutUnits, UNIT_STRIDE } from './plantLayout';
import { clickSelect, hoverOut, hoverOver } from './picking';
import { storyView } from './storyView';
import { useLatest } from './useLatest';

const PLANT_TARGETS = ['plant'] as const;

interface UnitRef {
  unit: number;
  plant: number;
  spec: UnitSpec;
}

const UP = new THREE.Vector3(0, 1, 0);
const scratch = { q: new THREE.Quaternion(), p: new THREE.Vector3(), s: new THREE.Vector3() };

/** Stands unit `u` as instance `j`, its height scaled by `fill` (a tank's state of charge). */
function place(mesh: THREE.InstancedMesh, j: number, units: Float64Array, u: number, fill: number, m: THREE.Matrix4): void {
  const k = u * UNIT_STRIDE;
  scratch.q.setFromAxisAngle(UP, units[k + 6]);
  scratch.p.set(units[k], units[k + 2], -units[k + 1]);
  scratch.s.set(units[k + 3], Math.max(0.01, units[k + 5] * fill), units[k + 4]);
  mesh.setMatrixAt(j, m.compose(scratch.p, scratch.q, scratch.s));
}

export function PlantUnits({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const built = useMemo(() => {
    const units = layoutUnits(scenario, layout);
    const machines: UnitRef[] = [];
    const tanks: UnitRef[] = [];
    scenario.plants.forEach((p, pi) =>
      p.units.forEach((spec, ui) => (spec.kind === 'storage' ? tanks : machines).push({ unit: layout.unitOffset[pi] + ui, plant: pi, spec })),
    );
    const box = new THREE.BoxGeometry(1, 1, 1).translate(0, 0.5, 0);
    const cylinder = new THREE.CylinderGeometry(0.5, 0.5, 1, 24).translate(0, 0.5, 0);
    const machineMesh = new THREE.InstancedMesh(box, new THREE.MeshBasicMaterial(), Math.max(1, machines.length));
    const fillMesh = new THREE.InstancedMesh(cylinder, new THREE.MeshBasicMaterial({ color: '#ff7a2e' }), Math.max(1, tanks.length));
    const shellMesh = new THREE.InstancedMesh(
      cylinder,
      new THREE.MeshLambertMaterial({ color: '#dfe7ef', transparent: true, opacity: 0.35, depthWrite: false }),
      Math.max(1, tanks.length),
    );
    machineMesh.count = machines.length;
    fillMesh.count = shellMesh.count = tanks.length;
    const m = new THREE.Matrix4();
    machines.forEach((r, j) => place(machineMesh, j, units, r.unit, 1, m));
    tanks.forEach((r, j) => {
      place(shellMesh, j, units, r.unit, 1.001, m);
      place(fillMesh, j, units, r.unit, r.spec.kind === 'storage' ? r.spec.initialSoc : 0.5, m);
    });
    machineMesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(Math.max(1, machines.length) * 3), 3);
    for (const mesh of [machineMesh, fillMesh, shellMesh]) mesh.computeBoundingSphere();
    return { units, machines, tanks, machineMesh, fillMesh, shellMesh, box, cylinder, matrix: m, color: new THREE.Color() };
  }, [scenario, layout]);

  useEffect(() => () => {
    built.box.dispose();
    built.cylinder.dispose();
    for (const mesh of [built.machineMesh, built.fillMesh, built.shellMesh]) {
      (mesh.material as THREE.Material).dispose();
      mesh.dispose();
    }
  }, [built]);

  const builtRef = useLatest(built);

  useFrame(({ clock }) => {
    const f = liveFrame.frame;
    const t = clock.elapsedTime;
    const { machines, tanks, machineMesh, fillMesh, shellMesh, units, matrix, color } = builtRef.current;
    const shown = storyView() !== 'baseline';
    for (const mesh of [machineMesh, fillMesh, shellMesh]) mesh.visible = shown;
    if (!shown) return;
    for (let j = 0; j < machines.length; j++) {
      const { unit, spec } = machines[j];
      const heatW = f ? (f.units.heatW[unit] ?? 0) : 0;
      const mode = f ? (f.units.mode[unit] ?? 0) : 0;
      if (spec.kind === 'heatPump') {
        const load = Math.min(1, Math.max(0, heatW / spec.capacityW));
        if (mode === 3) color.setRGB(1, 0.1, 0.1);
        else if (mode === 4) color.setRGB(0.55, 0.35, 0.8);
        else if (mode === 1) color.setRGB(1, 0.7, 0.1).multiplyScalar(0.5 + 0.5 * (Math.sin(t * 8) > 0 ? 1 : 0));
        else if (mode === 2) {
          const pulse = 0.8 + 0.2 * Math.sin(t * Math.PI * (1 + 3 * load) + j);
          color.setRGB(0.1, 0.9, 1).multiplyScalar((0.35 + 0.65 * load) * pulse);
        } else color.setRGB(0.18, 0.2, 0.22);
      } else if (spec.kind === 'boiler' && heatW > 0) {
        const flicker = 0.75 + 0.25 * Math.sin(t * 13 + j * 1.7) * Math.sin(t * 7.3 + j);
        if (spec.fuel === 'electric') color.setRGB(1, 0.95, 0.85).multiplyScalar(0.6 + 0.4 * flicker);
        else color.setRGB(1, 0.35 + 0.35 * flicker, 0.05);
      } else color.setRGB(0.18, 0.18, 0.2);
      machineMesh.setColorAt(j, color);
    }
    if (machines.length > 0) machineMesh.instanceColor!.needsUpdate = true;
    if (f && tanks.length > 0) {
      for (let j = 0; j < tanks.length; j++) place(fillMesh, j, units, tanks[j].unit, Math.min(1, Math.max(0, f.units.copOrSoc[tanks[j].unit] ?? 0)), matrix);
      fillMesh.instanceMatrix.needsUpdate = true;
    }
  });

  const plantOf = (list: UnitRef[], e: ThreeEvent<PointerEvent> | ThreeEvent<MouseEvent>): Selection =>
    e.instanceId === undefined || !list[e.instanceId] ? null : { kind: 'plant', index: list[e.instanceId].plant };

  return (
    <>
      {built.machines.length > 0 && (
        <primitive
          object={built.machineMesh}
          onPointerMove={(e: ThreeEvent<PointerEvent>) => hoverOver(e, plantOf(built.machines, e))}
          onPointerOut={() => hoverOut(PLANT_TARGETS)}
          onClick={(e: ThreeEvent<MouseEvent>) => clickSelect(e, plantOf(built.machines, e))}
        />
      )}
      {built.tanks.length > 0 && (
        <>
          <primitive object={built.fillMesh} />
          <primitive
            object={built.shellMesh}
            onPointerMove={(e: ThreeEvent<PointerEvent>) => hoverOver(e, plantOf(built.tanks, e))}
            onPointerOut={() => hoverOut(PLANT_TARGETS)}
            onClick={(e: ThreeEvent<MouseEvent>) => clickSelect(e, plantOf(built.tanks, e))}
          />
        </>
      )}
    </>
  );
}
