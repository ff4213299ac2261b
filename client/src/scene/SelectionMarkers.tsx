/**
 * Outlines around the selected (white) and hovered (yellow) building or plant building: unit-box edges scaled
 * to the building's box, moved by a store subscription, so selecting never re-renders the scene. Beyond draw
 * scale 1 (cityLayout.ts) the outline stands OUTLINE_PAD_M × (drawScale - 1) clear of the building on every
 * side, so a real-size building in a 30 km region still shows a box you can see.
 */
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { twinStore, type Selection } from '../state/store';
import type { CityLayout } from './cityLayout';
import { buildingMatrix, createUnitBox } from './buildingMeshes';

const OUTLINE_PAD_M = 3;

function buildingOf(s: Selection, layout: CityLayout): number {
  if (s?.kind === 'building') return s.index;
  if (s?.kind === 'plant') return layout.plantBuilding[s.index] ?? -1;
  return -1;
}

export function SelectionMarkers({ layout }: { layout: CityLayout }) {
  const markers = useMemo(() => {
    const edges = new THREE.EdgesGeometry(createUnitBox());
    const make = (color: string) => {
      const l = new THREE.LineSegments(edges, new THREE.LineBasicMaterial({ color, depthTest: false }));
      l.matrixAutoUpdate = false;
      l.visible = false;
      l.renderOrder = 10;
      l.raycast = () => {};
      return l;
    };
    return { edges, selected: make('#ffffff'), hovered: make('#ffe14d') };
  }, []);

  useEffect(() => {
    const m = new THREE.Matrix4();
    const q = new THREE.Quaternion();
    const p = new THREE.Vector3();
    const s = new THREE.Vector3();
    const up = new THREE.Vector3(0, 1, 0);
    const grow = new THREE.Matrix4();
    const padM = OUTLINE_PAD_M * (layout.drawScale - 1);
    const show = (line: THREE.LineSegments, sel: Selection) => {
      const b = buildingOf(sel, layout);
      line.visible = b >= 0;
      if (b < 0) return;
      buildingMatrix(layout, b, m, q, p, s, up);
      // s now holds the drawn box (width, height, depth): grow it by 4 % / 2 % and the scale's padding.
      grow.makeScale(1.04 + (2 * padM) / s.x, 1.02 + padM / s.y, 1.04 + (2 * padM) / s.z);
      line.matrix.copy(m).multiply(grow);
    };
    const apply = (st: ReturnType<typeof twinStore.getState>) => {
      show(markers.selected, st.selection);
      show(markers.hovered, st.hovered);
    };
    apply(twinStore.getState());
    return twinStore.subscribe(apply);
  }, [layout, markers]);

  useEffect(() => () => {
    markers.edges.dispose();
    (markers.selected.material as THREE.Material).dispose();
    (markers.hovered.material as THREE.Material).dispose();
  }, [markers]);

  return (
    <>
      <primitive object={markers.selected} />
      <primitive object={markers.hovered} />
    </>
  );
}
