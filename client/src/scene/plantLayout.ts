/**
 * Where each plant's units stand: heat pumps and boilers as boxes in a row along its building's roof, storage
 * tanks as cylinders beside the building (tank radius from its volume at height = 3 × radius: V = 3·pi·r³).
 * Per unit (frame order): x, y (plan m), base height (m), width, depth, height (m), angle (rad).
 */
import type { Scenario } from '../../../shared/scenario/schema';
import { BOX_STRIDE, type CityLayout } from './cityLayout';

export const UNIT_STRIDE = 7;

export function layoutUnits(s: Scenario, layout: CityLayout): Float64Array {
  const total = s.plants.reduce((n, p) => n + p.units.length, 0);
  const out = new Float64Array(total * UNIT_STRIDE);
  s.plants.forEach((plant, pi) => {
    const b = layout.plantBuilding[pi]!;
    const box = layout.boxes;
    const o = b * BOX_STRIDE;
    const node = s.network.nodes.find((n) => n.id === plant.node);
    // A plant without a building of its own stands its units on the ground at its node.
    const cx = b >= 0 ? box[o]! : (node?.x ?? 0);
    const cy = b >= 0 ? box[o + 1]! : (node?.y ?? 0);
    const w = b >= 0 ? box[o + 2]! : 20;
    const d = b >= 0 ? box[o + 3]! : 10;
    const angle = b >= 0 ? box[o + 4]! : 0;
    const roof = b >= 0 ? box[o + 5]! : 0;
    const ux = Math.cos(angle), uy = Math.sin(angle);
    const onRoof = plant.units.filter((u) => u.kind !== 'storage').length;
    let slot = 0;
    let tank = 0;
    plant.units.forEach((unit, ui) => {
      const k = (layout.unitOffset[pi]! + ui) * UNIT_STRIDE;
      if (unit.kind === 'storage') {
        const r = Math.cbrt(unit.volumeM3 / (3 * Math.PI));
        const along = -w / 2 + r + tank * (2 * r + 2);
        const across = d / 2 + r + 2;
        out.set([cx + ux * along - uy * across, cy + uy * along + ux * across, 0, 2 * r, 2 * r, 3 * r, angle], k);
        tank++;
        return;
      }
      const pitch = w / onRoof;
      const size = Math.min(pitch * 0.7, d * 0.7, 10);
      const along = -w / 2 + (slot + 0.5) * pitch;
      out.set([cx + ux * along, cy + uy * along, roof, size, size, size * 0.8, angle], k);
      slot++;
    });
  });
  return out;
}
