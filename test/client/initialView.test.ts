/**
 * The camera's first view (client/src/scene/initialView.ts): the main plant lands in the middle of the screen
 * area the HUD leaves free, seen from the usual direction and distance. Checked by projecting the plant with a
 * three.js camera set up as the scene sets it up.
 */
import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { initialView, mainPlant, plantPosition, type ScreenRect } from '../../client/src/scene/initialView';
import { buildCityLayout } from '../../client/src/scene/cityLayout';
import { parseScenario } from '../../shared/scenario/validate';
import { smallCity } from '../fixtures/smallCity';

const FOV = 45;

/** Where a ground point lands on screen (px) for a camera at `position` looking at `target`. */
type Screen = { width: number; height: number };

function project(view: { position: number[]; target: number[] }, screen: Screen, x: number, z: number) {
  const camera = new THREE.PerspectiveCamera(FOV, screen.width / screen.height, 1, 1e6);
  camera.position.set(view.position[0], view.position[1], view.position[2]);
  camera.lookAt(view.target[0], view.target[1], view.target[2]);
  camera.updateMatrixWorld();
  const p = new THREE.Vector3(x, 0, z).project(camera);
  return { x: ((p.x + 1) / 2) * screen.width, y: ((1 - p.y) / 2) * screen.height };
}

describe('the first camera view', () => {
  // The expanded HUD's free area at the two sizes the HUD is made for: between the side columns (25 % and
  // 30 % of the width), below the top bar, above the legend and layer switches.
  const cases: Array<[string, { width: number; height: number }, ScreenRect]> = [
    ['1920x1080', { width: 1920, height: 1080 }, { left: 490, top: 70, right: 1334, bottom: 780 }],
    ['1280x720', { width: 1280, height: 720 }, { left: 330, top: 64, right: 886, bottom: 450 }],
  ];

  for (const [name, screen, free] of cases) {
    it(`puts the focus in the middle of the free area at ${name}`, () => {
      const view = initialView(650, 120, -340, screen, free, FOV);
      const p = project(view, screen, 120, -340);
      expect(p.x).toBeCloseTo((free.left + free.right) / 2, 3);
      expect(p.y).toBeCloseTo((free.top + free.bottom) / 2, 3);
    });
  }

  it('keeps the direction and distance of the overview: from the south-south-east, about 40° up', () => {
    const whole = { left: 0, top: 0, right: 1920, bottom: 1080 };
    const view = initialView(650, 0, 0, { width: 1920, height: 1080 }, whole, FOV);
    const d = new THREE.Vector3(...view.position).sub(new THREE.Vector3(...view.target));
    for (const c of view.target) expect(c).toBeCloseTo(0, 6);
    expect(d.length() / 650).toBeCloseTo(Math.hypot(0.45, 1.05, 1.25), 6);
    expect(THREE.MathUtils.radToDeg(Math.asin(d.y / d.length()))).toBeCloseTo(38.3, 0);
    expect(d.x).toBeGreaterThan(0); // east
    expect(d.z).toBeGreaterThan(0); // south (scene z is -north)
  });

  it('aims at the main plant, on its building', () => {
    const scenario = parseScenario(smallCity());
    const layout = buildCityLayout(scenario);
    const main = mainPlant(scenario);
    expect(scenario.plants[main].main).toBe(true);
    const spot = plantPosition(scenario, layout, main);
    const b = layout.plantBuilding[main];
    if (b >= 0) expect([spot.x, spot.z]).toEqual([layout.boxes[b * 6], -layout.boxes[b * 6 + 1]]);
    else {
      const node = scenario.network.nodes.find((n) => n.id === scenario.plants[main].node)!;
      expect([spot.x, spot.z]).toEqual([node.x, -node.y]);
    }
  });
});
