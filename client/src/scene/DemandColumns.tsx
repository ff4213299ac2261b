/**
 * Layer "Demand": one instanced mesh of thin columns, one per building, standing on its roof; height from the
 * building's live heat demand and colour from its delivered share (demandColumns.ts). Matrices and colours are
 * rewritten only when a new frame arrived (liveFrame.version) while the layer is on; off, the mesh is hidden and
 * costs no draw call. Hovering or clicking a column picks its building.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import { liveFrame } from '../net/liveFrame';
import { twinStore, type Selection } from '../state/store';
import { srgbToLinear } from './buildingColors';
import { BOX_STRIDE, type CityLayout } from './cityLayout';
import { DEMAND_COLUMN_WIDTH_M, deliveryRgb, demandColumnHeightM } from './demandColumns';
import { clickSelect, hoverOut, hoverOver } from './picking';
import { useLatest } from './useLatest';

const COLUMN_TARGETS = ['building', 'plant'] as const;

export function DemandColumns({ layout, roofHeightM }: { layout: CityLayout; roofHeightM: (b: number) => number }) {
  const count = layout.kindOfBuilding.length;
  const mesh = useMemo(() => {
    const geometry = new THREE.BoxGeometry(1, 1, 1).translate(0, 0.5, 0);
    const m = new THREE.InstancedMesh(geometry, new THREE.MeshLambertMaterial(), count);
    m.name = 'demand-columns';
    m.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
    m.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(count * 3), 3);
    m.instanceColor.setUsage(THREE.DynamicDrawUsage);
    m.visible = false;
    // Pointer events raycast hidden objects too: a hidden layer must not catch the pointer.
    m.raycast = function (raycaster, hits) {
      if (this.visible) THREE.InstancedMesh.prototype.raycast.call(this, raycaster, hits);
    };
    return m;
  }, [count]);

  useEffect(() => () => {
    mesh.geometry.dispose();
    (mesh.material as THREE.Material).dispose();
    mesh.dispose();
  }, [mesh]);

  const drawnVersion = useRef(-1);
  const scratch = useMemo(() => ({ m: new THREE.Matrix4(), p: new THREE.Vector3(), s: new THREE.Vector3(), q: new THREE.Quaternion(), rgb: new Float32Array(3) }), []);

  // The layer switch is read each animation frame, so toggling it never renders React.
  const meshRef = useLatest(mesh);

  useFrame(() => {
    const columns = meshRef.current;
    columns.visible = twinStore.getState().layers.demand;
    const f = liveFrame.frame;
    if (!columns.visible || !f || f.counts.buildings !== count || drawnVersion.current === liveFrame.version) return;
    drawnVersion.current = liveFrame.version;
    const { m, p, s, q, rgb } = scratch;
    const colors = columns.instanceColor!.array as Float32Array;
    const { demandW, deliveredW } = f.buildings;
    for (let b = 0; b < count; b++) {
      const o = b * BOX_STRIDE;
      const heightM = demandColumnHeightM(demandW[b], layout.drawScale);
      const w = heightM > 0 ? DEMAND_COLUMN_WIDTH_M * layout.drawScale : 0;
      p.set(layout.boxes[o], roofHeightM(b), -layout.boxes[o + 1]);
      s.set(w, heightM, w);
      columns.setMatrixAt(b, m.compose(p, q, s));
      deliveryRgb(demandW[b], deliveredW[b], rgb, 0);
      colors[b * 3] = srgbToLinear(rgb[0]);
      colors[b * 3 + 1] = srgbToLinear(rgb[1]);
      colors[b * 3 + 2] = srgbToLinear(rgb[2]);
    }
    columns.instanceMatrix.needsUpdate = true;
    columns.instanceColor!.needsUpdate = true;
    // Culling and picking use the bounding sphere of all instances: it moves with the columns.
    columns.computeBoundingSphere();
  });

  const targetOf = (e: ThreeEvent<PointerEvent> | ThreeEvent<MouseEvent>): Selection => {
    if (e.instanceId === undefined) return null;
    const plant = layout.plantOfBuilding[e.instanceId];
    return plant >= 0 ? { kind: 'plant', index: plant } : { kind: 'building', index: e.instanceId };
  };

  return (
    <primitive
      object={mesh}
      onPointerMove={(e: ThreeEvent<PointerEvent>) => hoverOver(e, targetOf(e))}
      onPointerOut={() => hoverOut(COLUMN_TARGETS)}
      onClick={(e: ThreeEvent<MouseEvent>) => clickSelect(e, targetOf(e))}
    />
  );
}
