/**
 * The six scenarios of real projects as the 3D view draws them: every plant has a plant building of
 * its own (a `use: 'plant'` building, not connected, next to the plant's node; the view pairs each plant with the
 * nearest unclaimed one, client/src/scene/cityLayout.ts), so its label, unit markers and source arcs are drawn;
 * every source building exists and stands apart from the plant it feeds (the arc has somewhere to travel); no two
 * buildings overlap; the small scenarios are laid out as blocks on several streets, not one line; the real-scale
 * ones draw each district as several buildings around its junction.
 * Geometry only: the year tests beside this file check the physics.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/validate';
import type { Scenario } from '../../shared/scenario/schema';

const SMALL = ['outdoor-air-subzero', 'prosumer-block', 'energy-positive-district', 'heat-node'];
const REAL_SCALE = ['espoo-clean-heat', 'tampere-datacenter-95'];

const load = (id: string): Scenario => parseScenario(JSON.parse(readFileSync(resolve(__dirname, '../../assets/scenarios', `${id}.json`), 'utf8')));

type Box = { minX: number; minY: number; maxX: number; maxY: number };
const boxOf = (footprint: ReadonlyArray<readonly [number, number]>): Box => ({
  minX: Math.min(...footprint.map((p) => p[0])),
  minY: Math.min(...footprint.map((p) => p[1])),
  maxX: Math.max(...footprint.map((p) => p[0])),
  maxY: Math.max(...footprint.map((p) => p[1])),
});
const centre = (b: Box) => [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2] as const;

/** Plant index -> building index, nearest pairs first, as the 3D view pairs them. */
function pairPlants(s: Scenario): Map<number, number> {
  const nodes = new Map(s.network.nodes.map((n) => [n.id, n]));
  const boxes = s.buildings.map((b) => boxOf(b.footprint));
  const pairs = s.plants.flatMap((p, pi) =>
    s.buildings.flatMap((b, bi) => {
      if (b.use !== 'plant') return [];
      const n = nodes.get(p.node)!;
      const [cx, cy] = centre(boxes[bi]);
      return [{ pi, bi, d: Math.hypot(cx - n.x, cy - n.y) }];
    }),
  );
  pairs.sort((a, b) => a.d - b.d);
  const plantOf = new Map<number, number>();
  const taken = new Set<number>();
  for (const c of pairs) {
    if (plantOf.has(c.pi) || taken.has(c.bi)) continue;
    plantOf.set(c.pi, c.bi);
    taken.add(c.bi);
  }
  return plantOf;
}

describe.each([...SMALL, ...REAL_SCALE])('%s: layout', (id) => {
  const s = load(id);
  const boxes = s.buildings.map((b) => boxOf(b.footprint));

  it('gives every plant its own unconnected plant building next to its node', () => {
    const paired = pairPlants(s);
    const nodes = new Map(s.network.nodes.map((n) => [n.id, n]));
    s.plants.forEach((p, pi) => {
      const bi = paired.get(pi);
      expect(bi, `${p.id} has no plant building`).toBeDefined();
      const b = s.buildings[bi!];
      expect(b.node).toBeUndefined();
      // The node is at the building's edge: within half its diagonal plus a street's width of its centre.
      const box = boxes[bi!];
      const [cx, cy] = centre(box);
      const n = nodes.get(p.node)!;
      expect(Math.hypot(cx - n.x, cy - n.y)).toBeLessThan(Math.hypot(box.maxX - box.minX, box.maxY - box.minY) / 2 + 40);
    });
  });

  it('draws every source building apart from the plant whose heat pumps draw from it', () => {
    const paired = pairPlants(s);
    for (const src of s.sources) {
      if (src.buildingId === undefined) continue;
      const bi = s.buildings.findIndex((b) => b.id === src.buildingId);
      expect(bi, `${src.id}: no building ${src.buildingId}`).toBeGreaterThanOrEqual(0);
      s.plants.forEach((p, pi) => {
        if (p.units.some((u) => u.kind === 'heatPump' && u.source === src.id)) expect(paired.get(pi)).not.toBe(bi);
      });
    }
  });

  it('has no two buildings overlapping', () => {
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY) overlaps.push(`${s.buildings[i].id}/${s.buildings[j].id}`);
      }
    }
    expect(overlaps).toEqual([]);
  });
});

describe.each(SMALL)('%s: a small district, not a line', (id) => {
  const s = load(id);

  it('has buildings on both sides of at least two streets, and a plan no longer than 4x its depth', () => {
    const nodes = new Map(s.network.nodes.map((n) => [n.id, n]));
    // Service pipes run from a street node to a building's node: the street is at the street node's y.
    const sides = new Map<number, Set<number>>();
    for (const b of s.buildings) {
      if (!b.node) continue;
      const service = s.network.pipes.find((p) => p.to === b.node || p.from === b.node)!;
      const street = nodes.get(service.from === b.node ? service.to : service.from)!;
      const side = Math.sign(nodes.get(b.node)!.y - street.y);
      sides.set(street.y, (sides.get(street.y) ?? new Set()).add(side));
    }
    const twoSided = [...sides.values()].filter((set) => set.has(1) && set.has(-1));
    expect(twoSided.length).toBeGreaterThanOrEqual(2);
    const all = boxOf(s.buildings.flatMap((b) => b.footprint));
    expect((all.maxX - all.minX) / (all.maxY - all.minY)).toBeLessThan(4);
  });
});

describe.each(REAL_SCALE)('%s: districts read as districts', (id) => {
  const s = load(id);

  it('draws every district block as several buildings sharing its node, spread over 0.4-2 km', () => {
    const byNode = new Map<string, Box[]>();
    s.buildings.forEach((b) => {
      if (b.node) byNode.set(b.node, [...(byNode.get(b.node) ?? []), boxOf(b.footprint)]);
    });
    for (const [node, list] of byNode) {
      expect(list.length, node).toBeGreaterThanOrEqual(2);
    }
    // A district: all blocks on one junction.
    const junctionOf = new Map(s.network.pipes.filter((p) => p.id.startsWith('F-')).map((p) => [p.to, p.from]));
    const districts = new Map<string, Box[]>();
    for (const [node, list] of byNode) districts.set(junctionOf.get(node)!, [...(districts.get(junctionOf.get(node)!) ?? []), ...list]);
    for (const [junction, list] of districts) {
      const minX = Math.min(...list.map((b) => b.minX));
      const maxX = Math.max(...list.map((b) => b.maxX));
      const minY = Math.min(...list.map((b) => b.minY));
      const maxY = Math.max(...list.map((b) => b.maxY));
      const spanM = Math.max(maxX - minX, maxY - minY);
      expect(spanM, junction).toBeGreaterThan(400);
      expect(spanM, junction).toBeLessThan(2000);
    }
  });
});
