/**
 * Flies the camera to each chapter's focus (inside the Canvas). A flight is a centripetal Catmull-Rom curve
 * through the current pose, the chapter's path poses and its final pose, for the camera position and its
 * look-at target alike, eased in and out (smoothstep), 2.2 s per leg (at most 9 s). The map controls are off
 * while flying and take over from the final pose, so the presenter can still orbit afterwards.
 * Writes the camera's position, target and whether it is flying to window.__twin (debug.ts) every frame.
 */
import { useEffect, useRef } from 'react';
import { useFrame, useThree, type RootState } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import { twinDebug } from '../debug';
import type { CityLayout } from '../scene/cityLayout';
import { chapterPoses } from './focus';
import { presentationStore } from './presentationStore';

const LEG_S = 2.2;
const MAX_FLIGHT_S = 9;

interface Flight {
  positions: THREE.CatmullRomCurve3;
  targets: THREE.CatmullRomCurve3;
  durationS: number;
  elapsedS: number;
}

/** What OrbitControls/MapControls offer that the flight needs. */
interface OrbitLike {
  target: THREE.Vector3;
  enabled: boolean;
  update(): void;
}

const orbitOf = (canvas: RootState) => canvas.controls as unknown as OrbitLike | null;

export function StoryCamera({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const camera = useThree((s) => s.camera);
  // The controls change in place (target, enabled): render only learns that they exist, the flight reaches them
  // through the canvas state when it needs them.
  const controlsReady = useThree((s) => s.controls !== null);
  const getCanvas = useThree((s) => s.get);
  const flight = useRef<Flight | null>(null);

  useEffect(() => {
    if (!controlsReady) return;
    let shown: { chapter: number; story: unknown } | null = null;
    const start = () => {
      const { story, chapter } = presentationStore.getState();
      if (!story || story.scenario !== scenario.id) return;
      if (shown && shown.chapter === chapter && shown.story === story) return;
      const controls = orbitOf(getCanvas());
      if (!controls) return;
      shown = { chapter, story };
      const poses = chapterPoses(story.chapters[chapter].camera, scenario, layout);
      const positions = [camera.position.clone(), ...poses.map((p) => new THREE.Vector3(...p.position))];
      const targets = [controls.target.clone(), ...poses.map((p) => new THREE.Vector3(...p.target))];
      flight.current = {
        positions: new THREE.CatmullRomCurve3(positions, false, 'centripetal'),
        targets: new THREE.CatmullRomCurve3(targets, false, 'centripetal'),
        durationS: Math.min(MAX_FLIGHT_S, LEG_S * poses.length),
        elapsedS: 0,
      };
      controls.enabled = false;
      // Flying from now on, not from the next rendered frame: a reader polling for "at rest" must not see the old pose.
      if (twinDebug.camera) twinDebug.camera.flying = true;
    };
    start();
    return presentationStore.subscribe(start);
  }, [scenario, layout, camera, controlsReady, getCanvas]);

  useFrame((canvas, deltaS) => {
    const controls = orbitOf(canvas);
    const f = flight.current;
    if (f && controls) {
      // Wall-clock time, so a slow renderer (software WebGL, a beamer laptop) keeps the flight's duration; a
      // frame after a long pause (tab in the background) advances it by at most half a second.
      f.elapsedS += Math.min(deltaS, 0.5);
      const u = Math.min(1, f.elapsedS / f.durationS);
      const eased = u * u * (3 - 2 * u);
      f.positions.getPoint(eased, camera.position);
      f.targets.getPoint(eased, controls.target);
      camera.lookAt(controls.target);
      if (u >= 1) {
        flight.current = null;
        controls.enabled = true;
        controls.update();
      }
    }
    const t = controls?.target;
    twinDebug.camera = {
      x: camera.position.x,
      y: camera.position.y,
      z: camera.position.z,
      targetX: t?.x ?? 0,
      targetY: t?.y ?? 0,
      targetZ: t?.z ?? 0,
      flying: flight.current !== null,
    };
  });
  return null;
}
