/**
 * Outlines around the selected (white) and hovered (yellow) building or plant building: unit-box edges scaled
 * to the building's box, moved by a store subscription, so selecting never re-renders the scene.
 */
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { twinStore, type Selection } from '../state/store';
import type { CityLayout } from './cityLayout';
import { buildingMatrix, createUnitBox } from './Buildings';

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
    const grow = new THREE.Matrix4().makeScale(1.04, 1.02, 1.04);
    const show = (line: THREE.LineSegments, sel: Selection) => {
      const b = buildingOf(sel, layout);
      line.visible = b >= 0;
      if (b >= 0) line.matrix.copy(buildingMatrix(layout, b, m, q, p, s, up)).multiply(grow);
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
