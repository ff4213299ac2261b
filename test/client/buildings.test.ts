/**
 * Building meshes (client/src/scene/Buildings.tsx): coloured by use as soon as they are built, so a rebuild (the
 * scenario sent again on a reconnect) never leaves black buildings behind, and recoloured by an overlay.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/validate';
import { createFrame } from '../../shared/protocol/frame';
import { buildBuildingMeshes, colourBuildings } from '../../client/src/scene/buildingMeshes';
import { BUILDING_KIND_COLORS, hexRgb, srgbToLinear } from '../../client/src/scene/buildingColors';
import { buildCityLayout } from '../../client/src/scene/cityLayout';

const scenario = parseScenario(JSON.parse(readFileSync(new URL('../../assets/scenarios/espoo-district.json', import.meta.url), 'utf8')));
const layout = buildCityLayout(scenario);

describe('building meshes', () => {
  it('are coloured by use when built: every instance within its kind colour shaded by 0.88-1', () => {
    const meshes = buildBuildingMeshes(layout);
    const kindRgb = new Float32Array(3);
    let instances = 0;
    for (const { kind, members, colors } of meshes.kinds) {
      hexRgb(BUILDING_KIND_COLORS[kind], kindRgb);
      for (let j = 0; j < members.length; j++, instances++)
        for (let c = 0; c < 3; c++) {
          expect(colors[j * 3 + c]).toBeGreaterThanOrEqual(srgbToLinear(0.88 * kindRgb[c]) - 1e-6);
          expect(colors[j * 3 + c]).toBeLessThanOrEqual(srgbToLinear(kindRgb[c]) + 1e-6);
        }
    }
    expect(instances).toBe(scenario.buildings.length);
    expect(meshes.drawn).toEqual({ overlay: 'use', version: -1 });
  });

  it('take an overlay from a frame and go back to their use colours without one', () => {
    const meshes = buildBuildingMeshes(layout);
    const byUse = meshes.kinds.map((k) => Float32Array.from(k.colors));
    const frame = createFrame({ buildings: scenario.buildings.length, pipes: 0, plants: 0, units: 0 });
    frame.buildings.indoorC.fill(17); // cold everywhere: the indoor overlay's blue end
    const floorAreaM2 = Float64Array.from(scenario.buildings, (b) => b.floorAreaM2);
    colourBuildings(meshes, 'indoor', frame.buildings, floorAreaM2, new Float32Array(3));
    const cold = [srgbToLinear(0.15), srgbToLinear(0.4), srgbToLinear(1)];
    for (const { colors } of meshes.kinds)
      for (let j = 0; j < colors.length; j++) expect(colors[j]).toBeCloseTo(cold[j % 3], 5);
    colourBuildings(meshes, 'indoor', null, floorAreaM2, new Float32Array(3));
    meshes.kinds.forEach((k, i) => expect(k.colors).toEqual(byUse[i]));
  });
});
