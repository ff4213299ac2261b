/**
 * The buildings' instanced meshes (scene/Buildings.tsx draws them): one per kind (cityLayout.BUILDING_KINDS), a
 * unit box per building turned and scaled to its footprint's oriented bounding box and extruded to its height,
 * and their instance colours (buildingColors.ts). A mesh is coloured by use as it is built, so a rebuilt city
 * (a scenario sent again on a reconnect) never shows black buildings whatever the overlay; what the colours
 * show is kept with the meshes, so a rebuild is never mistaken for colours already drawn. Their material lights
 * windows at night and whitens roofs under snow (buildingShader.ts).
 */
import * as THREE from 'three';
import type { Frame } from '../../../shared/protocol/frame';
import type { BuildingOverlay } from '../state/store';
import { BUILDING_KIND_COLORS, demandRgb, hexRgb, indoorRgb, srgbToLinear, unmetRgb } from './buildingColors';
import { BOX_STRIDE, BUILDING_KINDS, type BuildingKind, type CityLayout } from './cityLayout';
import { withWindowsAndSnow } from './buildingShader';

/** A unit box standing on the ground (y from 0 to 1). */
export function createUnitBox(): THREE.BoxGeometry {
  return new THREE.BoxGeometry(1, 1, 1).translate(0, 0.5, 0);
}

/** Writes building `b`'s instance matrix (scene axes) into `m`. */
export function buildingMatrix(layout: CityLayout, b: number, m: THREE.Matrix4, q: THREE.Quaternion, p: THREE.Vector3, s: THREE.Vector3, up: THREE.Vector3): THREE.Matrix4 {
  const o = b * BOX_STRIDE;
  const box = layout.boxes;
  p.set(box[o], 0, -box[o + 1]);
  q.setFromAxisAngle(up, box[o + 4]);
  s.set(Math.max(box[o + 2], 0.5), box[o + 5], Math.max(box[o + 3], 0.5));
  return m.compose(p, q, s);
}

export interface BuildingMeshes {
  kinds: Array<{ kind: BuildingKind; mesh: THREE.InstancedMesh; members: Int32Array; colors: Float32Array }>;
  /** What the colours show now: the overlay and the frame version (-1: colours by use, no frame). */
  drawn: { overlay: BuildingOverlay; version: number };
}

/** Colour of building `b` by its use (sRGB, into `out`), with a slight per-building shade so neighbours of one kind stay apart. */
function kindRgb(kind: BuildingKind, b: number, out: Float32Array): void {
  hexRgb(BUILDING_KIND_COLORS[kind], out);
  const shade = 0.88 + 0.12 * (((b * 2654435761) >>> 0) / 4294967296);
  out[0] *= shade; out[1] *= shade; out[2] *= shade;
}

/**
 * Writes every instance's colour: by use when `live` (the frame's building block) is null, else by the overlay's
 * live quantity. `srgb` is scratch space for one colour.
 */
export function colourBuildings(meshes: BuildingMeshes, overlay: BuildingOverlay, live: Frame['buildings'] | null, floorAreaM2: Float64Array, srgb: Float32Array): void {
  for (const k of meshes.kinds) {
    for (let j = 0; j < k.members.length; j++) {
      const b = k.members[j];
      if (live === null || overlay === 'use') kindRgb(k.kind, b, srgb);
      else if (overlay === 'demand') demandRgb(live.demandW[b] / floorAreaM2[b], srgb, 0);
      else if (overlay === 'indoor') indoorRgb(live.indoorC[b], srgb, 0);
      else unmetRgb(live.demandW[b], live.deliveredW[b], srgb, 0);
      k.colors[j * 3] = srgbToLinear(srgb[0]);
      k.colors[j * 3 + 1] = srgbToLinear(srgb[1]);
      k.colors[j * 3 + 2] = srgbToLinear(srgb[2]);
    }
    k.mesh.instanceColor!.needsUpdate = true;
  }
}

/** One instanced mesh per building kind, placed and coloured by use. */
export function buildBuildingMeshes(layout: CityLayout): BuildingMeshes {
  const geometry = createUnitBox();
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const p = new THREE.Vector3();
  const s = new THREE.Vector3();
  const up = new THREE.Vector3(0, 1, 0);
  const kinds = BUILDING_KINDS.map((kind) => {
    const members = layout.buildingsOfKind[kind];
    const mesh = new THREE.InstancedMesh(geometry, withWindowsAndSnow(new THREE.MeshLambertMaterial()), members.length);
    mesh.name = `buildings:${kind}`;
    for (let j = 0; j < members.length; j++) mesh.setMatrixAt(j, buildingMatrix(layout, members[j], m, q, p, s, up));
    mesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(members.length * 3), 3);
    mesh.computeBoundingSphere();
    return { kind, mesh, members, colors: mesh.instanceColor.array as Float32Array };
  });
  const meshes: BuildingMeshes = { kinds, drawn: { overlay: 'use', version: -1 } };
  colourBuildings(meshes, 'use', null, new Float64Array(0), new Float32Array(3));
  return meshes;
}
