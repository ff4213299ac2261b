/**
 * Keeps window.__twin's scene figures current (debug.ts): draw calls and triangles of the last rendered frame
 * (gl.info is reset at the start of each render, so read before the next one), building instances drawn, the
 * frame version drawn, screenOfBuilding(i): a building's roof centre projected to CSS pixels of the page, and
 * buildingColour(i): its instance colour in whichever building mesh the scene holds now (found by name, so a
 * rebuilt mesh is the one read), and marks: what the story's marks show now (sceneMarks.ts).
 */
import { useEffect } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { twinDebug } from '../debug';
import { liveFrame } from '../net/liveFrame';
import { BOX_STRIDE, BUILDING_KINDS, type CityLayout } from './cityLayout';
import { sceneMarks } from './sceneMarks';

export function DebugProbe({ layout }: { layout: CityLayout }) {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);

  useEffect(() => {
    const v = new THREE.Vector3();
    twinDebug.marks = sceneMarks;
    twinDebug.buildingInstances = Object.values(layout.buildingsOfKind).reduce((n, members) => n + members.length, 0);
    twinDebug.screenOfBuilding = (i) => {
      if (!(i >= 0 && i < layout.kindOfBuilding.length)) return null;
      const o = i * BOX_STRIDE;
      v.set(layout.boxes[o], layout.boxes[o + 5], -layout.boxes[o + 1]).project(camera);
      if (v.z > 1 || Math.abs(v.x) > 1 || Math.abs(v.y) > 1) return null;
      const r = gl.domElement.getBoundingClientRect();
      return { x: r.left + ((v.x + 1) / 2) * r.width, y: r.top + ((1 - v.y) / 2) * r.height };
    };
    twinDebug.buildingColour = (i) => {
      if (!(i >= 0 && i < layout.kindOfBuilding.length)) return null;
      const mesh = scene.getObjectByName(`buildings:${BUILDING_KINDS[layout.kindOfBuilding[i]]}`);
      const colours = mesh instanceof THREE.InstancedMesh ? mesh.instanceColor?.array : undefined;
      if (!colours) return null;
      const o = layout.instanceOfBuilding[i] * 3;
      return [colours[o], colours[o + 1], colours[o + 2]];
    };
    return () => {
      twinDebug.screenOfBuilding = () => null;
      twinDebug.buildingColour = () => null;
      twinDebug.buildingInstances = 0;
    };
  }, [layout, camera, gl, scene]);

  useFrame(() => {
    twinDebug.drawCalls = gl.info.render.calls;
    twinDebug.triangles = gl.info.render.triangles;
    twinDebug.frameVersion = liveFrame.version;
  });
  return null;
}
