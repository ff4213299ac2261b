/**
 * Keeps window.__twin's scene figures current (debug.ts): draw calls and triangles of the last rendered frame
 * (gl.info is reset at the start of each render, so read before the next one), building instances drawn, the
 * frame version drawn, and screenOfBuilding(i): a building's roof centre projected to CSS pixels of the page.
 */
import { useEffect } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { twinDebug } from '../debug';
import { liveFrame } from '../net/liveFrame';
import { BOX_STRIDE, type CityLayout } from './cityLayout';

export function DebugProbe({ layout }: { layout: CityLayout }) {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);

  useEffect(() => {
    const v = new THREE.Vector3();
    twinDebug.buildingInstances = Object.values(layout.buildingsOfKind).reduce((n, members) => n + members.length, 0);
    twinDebug.screenOfBuilding = (i) => {
      if (!(i >= 0 && i < layout.kindOfBuilding.length)) return null;
      const o = i * BOX_STRIDE;
      v.set(layout.boxes[o]!, layout.boxes[o + 5]!, -layout.boxes[o + 1]!).project(camera);
      if (v.z > 1 || Math.abs(v.x) > 1 || Math.abs(v.y) > 1) return null;
      const r = gl.domElement.getBoundingClientRect();
      return { x: r.left + ((v.x + 1) / 2) * r.width, y: r.top + ((1 - v.y) / 2) * r.height };
    };
    return () => {
      twinDebug.screenOfBuilding = () => null;
      twinDebug.buildingInstances = 0;
    };
  }, [layout, camera, gl]);

  useFrame(() => {
    twinDebug.drawCalls = gl.info.render.calls;
    twinDebug.triangles = gl.info.render.triangles;
    twinDebug.frameVersion = liveFrame.version;
  });
  return null;
}
