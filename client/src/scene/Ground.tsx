/**
 * Ground and streets: a plane well beyond the city (so the fog, not an edge, ends the world) and the street
 * pipes' routes as flat grey strips (STREET_WIDTH_M wide, ends extended to close the corners), one mesh. The
 * strips lie STREET_Y_M × the city's draw scale above the ground (cityLayout.ts): the near plane grows with that
 * scale, and the lift with it keeps the depth buffer able to tell street from ground.
 */
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { CityLayout } from './cityLayout';

const STREET_WIDTH_M = 9;
const STREET_Y_M = 0.05;

export function buildStreetGeometry(streets: Float64Array, drawScale = 1): THREE.BufferGeometry {
  const segments = streets.length / 4;
  const position = new Float32Array(segments * 12);
  const index = new Uint32Array(segments * 6);
  const h = STREET_WIDTH_M / 2;
  for (let i = 0; i < segments; i++) {
    const x0 = streets[i * 4], y0 = streets[i * 4 + 1], x1 = streets[i * 4 + 2], y1 = streets[i * 4 + 3];
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const ux = ((x1 - x0) / len) * h, uy = ((y1 - y0) / len) * h;
    const corners = [x0 - ux + uy, y0 - uy - ux, x1 + ux + uy, y1 + uy - ux, x1 + ux - uy, y1 + uy + ux, x0 - ux - uy, y0 - uy + ux];
    for (let c = 0; c < 4; c++) position.set([corners[c * 2], STREET_Y_M * drawScale, -corners[c * 2 + 1]], i * 12 + c * 3);
    index.set([i * 4, i * 4 + 1, i * 4 + 2, i * 4, i * 4 + 2, i * 4 + 3], i * 6);
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(position, 3));
  g.setIndex(new THREE.BufferAttribute(index, 1));
  g.computeVertexNormals();
  return g;
}

export function Ground({ layout }: { layout: CityLayout }) {
  const streets = useMemo(() => buildStreetGeometry(layout.streets, layout.drawScale), [layout]);
  useEffect(() => () => streets.dispose(), [streets]);
  const { centreX, centreY, radiusM } = layout.bounds;
  return (
    <>
      <mesh rotation-x={-Math.PI / 2} position={[centreX, 0, -centreY]}>
        <planeGeometry args={[radiusM * 12, radiusM * 12]} />
        <meshLambertMaterial color="#56684f" />
      </mesh>
      <mesh geometry={streets}>
        <meshLambertMaterial color="#7b7f86" side={THREE.DoubleSide} />
      </mesh>
    </>
  );
}
