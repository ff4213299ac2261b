/**
 * Ground, water and roads: the land as a plane well beyond the city (so the fog, not an edge, ends the world);
 * the scenario's water (sea, lakes) as one merged mesh WATER_DROP_M below the land; the roads along the street
 * pipes (cityLayout.ts: the street network a generated city's pipes follow, a region's trunk mains and feeders)
 * as grey strips under the pipes, one mesh (groundGeometry.ts).
 * Heights scale with the city's draw scale (cityLayout.ts): the near plane grows with that scale, and the heights
 * with it keep the depth buffer able to tell road from land. The water lies below the land, yet the land plane
 * must not hide it: the land draws first, the water next over it whatever the depth (renderOrder, depthFunc
 * always), then everything else tests against the water's depth as usual. Three draw calls in all. Snow
 * (ambience.ts) whitens the land.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import type { Scenario } from '../../../shared/scenario/schema';
import type { CityLayout } from './cityLayout';
import { ambience } from './ambience';
import { buildStreetGeometry, buildWaterGeometry, roadWidthM } from './groundGeometry';

const STREET_Y_M = 0.05;
const WATER_DROP_M = 0.05;
const LAND_COLOUR = '#56684f';
const ROAD_COLOUR = '#7b7f86';
const WATER_COLOUR = '#3f6f96';
/** Snow on the land at full cover: trampled and sooty, a little greyer than the roofs'. */
const SNOW_COLOUR = new THREE.Color('#dfe4ea');
const LAND = new THREE.Color(LAND_COLOUR);

export function Ground({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const scale = layout.drawScale;
  const streets = useMemo(() => {
    const widths = Array.from(layout.streetPipe, (p) => roadWidthM(scenario.network.pipes[p].innerDiameterM, scale));
    return buildStreetGeometry(layout.streets, widths, STREET_Y_M * scale);
  }, [scenario, layout, scale]);
  const water = useMemo(() => buildWaterGeometry(scenario.water ?? [], -WATER_DROP_M * scale), [scenario, scale]);
  useEffect(() => () => {
    streets.dispose();
    water.dispose();
  }, [streets, water]);
  const land = useRef<THREE.MeshLambertMaterial>(null);
  const drawnSnow = useRef(0);
  useFrame(() => {
    const snow = ambience.snow.value;
    if (!land.current || snow === drawnSnow.current) return;
    drawnSnow.current = snow;
    land.current.color.copy(LAND).lerp(SNOW_COLOUR, snow);
  });
  const { centreX, centreY, radiusM } = layout.bounds;
  const hasWater = (scenario.water?.length ?? 0) > 0;
  return (
    <>
      <mesh rotation-x={-Math.PI / 2} position={[centreX, 0, -centreY]} renderOrder={-2}>
        <planeGeometry args={[radiusM * 12, radiusM * 12]} />
        <meshLambertMaterial ref={land} color={LAND_COLOUR} />
      </mesh>
      {hasWater && (
        <mesh geometry={water} renderOrder={-1} name="water">
          <meshLambertMaterial color={WATER_COLOUR} depthFunc={THREE.AlwaysDepth} />
        </mesh>
      )}
      <mesh geometry={streets} name="roads">
        <meshLambertMaterial color={ROAD_COLOUR} side={THREE.DoubleSide} />
      </mesh>
    </>
  );
}
