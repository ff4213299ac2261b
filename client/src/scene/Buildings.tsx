/**
 * Buildings: one InstancedMesh per kind (cityLayout.BUILDING_KINDS), a unit box per building scaled and turned
 * to its footprint's oriented bounding box and extruded to its height. Colour by use, or by the store's overlay
 * from the live frame (buildingColors.ts); colours are rewritten only when a new frame arrived or the overlay
 * changed, never per animation frame. Clicking a plant's building selects the plant.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import { liveFrame } from '../net/liveFrame';
import { twinStore, type BuildingOverlay, type Selection } from '../state/store';
import { BOX_STRIDE, BUILDING_KINDS, type CityLayout } from './cityLayout';
import { BUILDING_KIND_COLORS, demandRgb, hexRgb, indoorRgb, srgbToLinear, unmetRgb } from './buildingColors';
import { clickSelect, hoverOut, hoverOver } from './picking';

const BUILDING_TARGETS = ['building', 'plant'] as const;

/** A unit box standing on the ground (y from 0 to 1). */
export function createUnitBox(): THREE.BoxGeometry {
  return new THREE.BoxGeometry(1, 1, 1).translate(0, 0.5, 0);
}

/** Writes building `b`'s instance matrix (scene axes) into `m`. */
export function buildingMatrix(layout: CityLayout, b: number, m: THREE.Matrix4, q: THREE.Quaternion, p: THREE.Vector3, s: THREE.Vector3, up: THREE.Vector3): THREE.Matrix4 {
  const o = b * BOX_STRIDE;
  const box = layout.boxes;
  p.set(box[o]!, 0, -box[o + 1]!);
  q.setFromAxisAngle(up, box[o + 4]!);
  s.set(Math.max(box[o + 2]!, 0.5), box[o + 5]!, Math.max(box[o + 3]!, 0.5));
  return m.compose(p, q, s);
}

export function Buildings({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const meshes = useMemo(() => {
    const geometry = createUnitBox();
    const m = new THREE.Matrix4();
    const q = new THREE.Quaternion();
    const p = new THREE.Vector3();
    const s = new THREE.Vector3();
    const up = new THREE.Vector3(0, 1, 0);
    return BUILDING_KINDS.map((kind) => {
      const members = layout.buildingsOfKind[kind];
      const mesh = new THREE.InstancedMesh(geometry, new THREE.MeshLambertMaterial(), members.length);
      mesh.name = `buildings:${kind}`;
      for (let j = 0; j < members.length; j++) mesh.setMatrixAt(j, buildingMatrix(layout, members[j]!, m, q, p, s, up));
      mesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(members.length * 3), 3);
      mesh.computeBoundingSphere();
      return { kind, mesh, members, colors: mesh.instanceColor.array as Float32Array };
    });
  }, [layout]);

  useEffect(() => () => {
    meshes[0]?.mesh.geometry.dispose();
    for (const k of meshes) {
      (k.mesh.material as THREE.Material).dispose();
      k.mesh.dispose();
    }
  }, [meshes]);

  const floorAreaM2 = useMemo(() => Float64Array.from(scenario.buildings, (b) => b.floorAreaM2), [scenario]);
  const drawn = useRef<{ version: number; overlay: BuildingOverlay | null }>({ version: -1, overlay: null });
  const srgb = useMemo(() => new Float32Array(3), []);

  useFrame(() => {
    const overlay = twinStore.getState().overlay;
    const f = liveFrame.frame;
    const live = overlay !== 'use' && f !== null && f.counts.buildings === scenario.buildings.length;
    const version = live ? liveFrame.version : -1;
    if (drawn.current.overlay === overlay && drawn.current.version === version) return;
    drawn.current.overlay = overlay;
    drawn.current.version = version;
    for (const k of meshes) {
      const base = BUILDING_KIND_COLORS[k.kind];
      for (let j = 0; j < k.members.length; j++) {
        const b = k.members[j]!;
        if (!live) {
          hexRgb(base, srgb);
          // A slight per-building shade so neighbours of one kind stay apart.
          const shade = 0.88 + 0.12 * (((b * 2654435761) >>> 0) / 4294967296);
          srgb[0]! *= shade; srgb[1]! *= shade; srgb[2]! *= shade;
        } else if (overlay === 'demand') demandRgb(f.buildings.demandW[b]! / floorAreaM2[b]!, srgb, 0);
        else if (overlay === 'indoor') indoorRgb(f.buildings.indoorC[b]!, srgb, 0);
        else unmetRgb(f.buildings.demandW[b]!, f.buildings.deliveredW[b]!, srgb, 0);
        k.colors[j * 3] = srgbToLinear(srgb[0]!);
        k.colors[j * 3 + 1] = srgbToLinear(srgb[1]!);
        k.colors[j * 3 + 2] = srgbToLinear(srgb[2]!);
      }
      k.mesh.instanceColor!.needsUpdate = true;
    }
  });

  const targetOf = (members: Int32Array, e: ThreeEvent<PointerEvent> | ThreeEvent<MouseEvent>): Selection => {
    if (e.instanceId === undefined) return null;
    const b = members[e.instanceId]!;
    const plant = layout.plantOfBuilding[b]!;
    return plant >= 0 ? { kind: 'plant', index: plant } : { kind: 'building', index: b };
  };

  return (
    <>
      {meshes.map(({ kind, mesh, members }) =>
        members.length === 0 ? null : (
          <primitive
            key={kind}
            object={mesh}
            onPointerMove={(e: ThreeEvent<PointerEvent>) => hoverOver(e, targetOf(members, e))}
            onPointerOut={() => hoverOut(BUILDING_TARGETS)}
            onClick={(e: ThreeEvent<MouseEvent>) => clickSelect(e, targetOf(members, e))}
          />
        ),
      )}
    </>
  );
}
