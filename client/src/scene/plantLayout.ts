/**
 * Where each plant's units stand: heat pumps and boilers as boxes in a row along its building's roof, storage
 * tanks as cylinders beside the building (tank radius from its volume at height = 3 × radius: V = 3·pi·r³).
 * Both are markers, so they grow with the city's draw scale (cityLayout.ts): a machine's side (at most 10 m and
 * 70 % of its roof slot at scale 1) and a tank's radius times drawScale. When scaled machines no longer fit in
 * one row on the roof they stand in a grid of the building's proportions (cells side / 0.7, columns =
 * ceil(sqrt(n · width / depth))), spreading beyond the roof rather than merging into one block or one long line.
 * Per unit (frame order): x, y (plan m), base height (m), width, depth, height (m), angle (rad).
 */
import type { Scenario } from '../../../shared/scenario/schema';
import { BOX_STRIDE, type CityLayout } from './cityLayout';

export const UNIT_STRIDE = 7;

export function layoutUnits(s: Scenario, layout: CityLayout): Float64Array {
  const total = s.plants.reduce((n, p) => n + p.units.length, 0);
  const out = new Float64Array(total * UNIT_STRIDE);
  s.plants.forEach((plant, pi) => {
    const b = layout.plantBuilding[pi];
    const box = layout.boxes;
    const o = b * BOX_STRIDE;
    const node = s.network.nodes.find((n) => n.id === plant.node);
    // A plant without a building of its own stands its units on the ground at its node.
    const cx = b >= 0 ? box[o] : (node?.x ?? 0);
    const cy = b >= 0 ? box[o + 1] : (node?.y ?? 0);
    const scale = layout.drawScale;
    // The building's roof is real; a plant without one gets a drawn 20 m x 10 m pad, scaled with everything else.
    const w0 = b >= 0 ? box[o + 2] : 20;
    const d0 = b >= 0 ? box[o + 3] : 10;
    const padScale = b >= 0 ? 1 : scale;
    const w = w0 * padScale;
    const d = d0 * padScale;
    const angle = b >= 0 ? box[o + 4] : 0;
    const roof = b >= 0 ? box[o + 5] : 0;
    const ux = Math.cos(angle), uy = Math.sin(angle);
    const onRoof = plant.units.filter((u) => u.kind !== 'storage').length;
    const size = Math.min((w0 / onRoof) * 0.7, d0 * 0.7, 10) * scale;
    const inRow = size <= (w / onRoof) * 0.7 * (1 + 1e-9);
    const cols = inRow ? onRoof : Math.min(onRoof, Math.ceil(Math.sqrt((onRoof * w) / d)));
    const rows = Math.ceil(onRoof / cols);
    const pitch = inRow ? w / onRoof : size / 0.7;
    // Tanks stand clear of the machines too, where a grid reaches beyond the building.
    const halfDepth = inRow ? d / 2 : Math.max(d, rows * pitch) / 2;
    let slot = 0;
    let tank = 0;
    plant.units.forEach((unit, ui) => {
      const k = (layout.unitOffset[pi] + ui) * UNIT_STRIDE;
      if (unit.kind === 'storage') {
        const r = Math.cbrt(unit.volumeM3 / (3 * Math.PI)) * scale;
        const along = -w / 2 + r + tank * (2 * r + 2 * scale);
        const across = halfDepth + r + 2 * scale;
        out.set([cx + ux * along - uy * across, cy + uy * along + ux * across, 0, 2 * r, 2 * r, 3 * r, angle], k);
        tank++;
        return;
      }
      const along = ((slot % cols) + 0.5 - cols / 2) * pitch;
      const across = (Math.floor(slot / cols) + 0.5 - rows / 2) * pitch;
      out.set([cx + ux * along - uy * across, cy + uy * along + ux * across, roof, size, size, size * 0.8, angle], k);
      slot++;
    });
  });
  return out;
}
