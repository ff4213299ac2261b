/**
 * The scene's lights from the sun (sunLight.ts): a hemisphere sky light and a directional sun, set from the live
 * frame's simulated time at the scenario's location, with the sky and fog colours and the windows' glow.
 * Recomputed inside useFrame only when the simulated clock has moved a minute or more (or jumped back), so no React
 * render per frame. Before the first frame it is day, as the scene always was.
 */
import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import { liveFrame } from '../net/liveFrame';
import { ambience } from './ambience';
import { lightForSun, sunPosition, type Rgb } from './sunLight';

/** Simulated seconds between two updates of the light: the sun moves a quarter of a degree a minute. */
const UPDATE_S = 60;
/** Distance of the directional light from its target (m); only its direction matters. */
const SUN_DISTANCE_M = 1000;
const srgb = (c: Rgb) => new THREE.Color().setRGB(...c, THREE.SRGBColorSpace);
const NOON = lightForSun({ altitudeDeg: 90, bearingDeg: 180 });
const SKY_ARGS: [THREE.Color, THREE.Color, number] = [
  srgb(NOON.skyColour),
  srgb(NOON.groundColour),
  NOON.ambientIntensity,
];

export function SunLight({ scenario }: { scenario: Scenario }) {
  const sky = useRef<THREE.HemisphereLight>(null);
  const sun = useRef<THREE.DirectionalLight>(null);
  const lastS = useRef(Number.NaN);
  const { latitudeDeg, longitudeDeg } = scenario.location;

  useFrame(({ scene }) => {
    const t = liveFrame.frame?.header.simTimeS;
    if (t === undefined || !sky.current || !sun.current || Math.abs(t - lastS.current) < UPDATE_S) return;
    lastS.current = t;
    const light = lightForSun(sunPosition(t, latitudeDeg, longitudeDeg));
    const [dx, dy, dz] = light.direction;
    sun.current.position.set(dx * SUN_DISTANCE_M, dy * SUN_DISTANCE_M, dz * SUN_DISTANCE_M);
    sun.current.intensity = light.sunIntensity;
    sun.current.color.setRGB(...light.sunColour, THREE.SRGBColorSpace);
    sky.current.intensity = light.ambientIntensity;
    sky.current.color.setRGB(...light.skyColour, THREE.SRGBColorSpace);
    sky.current.groundColor.setRGB(...light.groundColour, THREE.SRGBColorSpace);
    if (scene.background instanceof THREE.Color) scene.background.setRGB(...light.background, THREE.SRGBColorSpace);
    scene.fog?.color.setRGB(...light.background, THREE.SRGBColorSpace);
    ambience.night.value = light.night;
  });

  return (
    <>
      <hemisphereLight ref={sky} args={SKY_ARGS} />
      <directionalLight ref={sun} position={[300, 600, 200]} intensity={NOON.sunIntensity} />
    </>
  );
}
