/**
 * Buildings: the instanced meshes of buildingMeshes.ts (one per kind, coloured by use when built), recoloured by
 * the store's overlay from the live frame only when a new frame arrived or the overlay changed, never per
 * animation frame. Clicking a plant's building selects the plant.
 */
import { useEffect, useMemo } from 'react';
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import { liveFrame } from '../net/liveFrame';
import { twinStore, type Selection } from '../state/store';
import type { CityLayout } from './cityLayout';
import { ambience } from './ambience';
import { buildBuildingMeshes, colourBuildings } from './buildingMeshes';
import { clickSelect, hoverOut, hoverOver } from './picking';
import { useLatest } from './useLatest';

const BUILDING_TARGETS = ['building', 'plant'] as const;
/** Most a full snow cover whitens a roof coloured by use. */
const ROOF_SNOW_MAX = 0.8;

export function Buildings({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const meshes = useMemo(() => buildBuildingMeshes(layout), [layout]);

  useEffect(() => () => {
    meshes.kinds[0]?.mesh.geometry.dispose();
    for (const k of meshes.kinds) {
      (k.mesh.material as THREE.Material).dispose();
      k.mesh.dispose();
    }
  }, [meshes]);

  const floorAreaM2 = useMemo(() => Float64Array.from(scenario.buildings, (b) => b.floorAreaM2), [scenario]);
  const srgb = useMemo(() => new Float32Array(3), []);
  const meshesRef = useLatest(meshes);

  useFrame(() => {
    const overlay = twinStore.getState().overlay;
    // Snow may dim the roofs' colours by use (a hint of each kept), never cover a live quantity's.
    ambience.roofSnow.value = overlay === 'use' ? ROOF_SNOW_MAX * ambience.snow.value : 0;
    const f = liveFrame.frame;
    const live = overlay !== 'use' && f !== null && f.counts.buildings === scenario.buildings.length;
    const version = live ? liveFrame.version : -1;
    const drawnMeshes = meshesRef.current;
    const { drawn } = drawnMeshes;
    if (drawn.overlay === overlay && drawn.version === version) return;
    drawn.overlay = overlay;
    drawn.version = version;
    colourBuildings(drawnMeshes, overlay, live ? f.buildings : null, floorAreaM2, srgb);
  });

  const targetOf = (members: Int32Array, e: ThreeEvent<PointerEvent> | ThreeEvent<MouseEvent>): Selection => {
    if (e.instanceId === undefined) return null;
    const b = members[e.instanceId];
    const plant = layout.plantOfBuilding[b];
    return plant >= 0 ? { kind: 'plant', index: plant } : { kind: 'building', index: b };
  };

  return (
    <>
      {meshes.kinds.map(({ kind, mesh, members }) =>
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
