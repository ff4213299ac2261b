/**
 * The plant schematic's layout (client/src/training/trainee/schematicLayout.ts) for every plant of the shipped
 * scenarios and of the small test city the browser tests run: each unit and each source that feeds one of the
 * plant's heat pumps has exactly one symbol, every heat pump's evaporator is fed from its source's symbol, no two
 * symbols or texts overlap, and everything lies inside the view box.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/validate';
import type { Scenario } from '../../shared/scenario/schema';
import {
  frameUnitOffsets,
  layoutPlant,
  SCHEMATIC_WIDTH,
  TEXT,
  TEXT_LEFT,
  textWidth,
  type Box,
  type Line,
  type SchematicLayout,
} from '../../client/src/training/trainee/schematicLayout';
import { smallCity } from '../fixtures/smallCity';

const dir = new URL('../../assets/scenarios/', import.meta.url);
const scenarios: Array<[string, Scenario]> = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f): [string, Scenario] => [f, parseScenario(JSON.parse(readFileSync(new URL(f, dir), 'utf8')))]),
  ['small test city', parseScenario(smallCity())],
];
const plants = scenarios.flatMap(([file, scenario]) =>
  scenario.plants.map((plant, p) => ({ name: `${file}: ${plant.id}`, scenario, p })),
);

function symbols(layout: SchematicLayout): Array<{ name: string; box: Box }> {
  return [
    ...layout.units.map((u) => ({ name: `unit ${u.spec.id}`, box: u })),
    ...layout.sources.map((s) => ({ name: `source ${s.spec.id}`, box: s })),
    ...Object.entries(layout.pumps ?? {}).map(([name, box]) => ({ name: `pump ${name}`, box })),
    ...layout.labels.map((l) => ({ name: `label ${l.key}`, box: l.box })),
  ];
}

/** The source-circuit lines that carry unit `u`'s water. */
function sourceLines(layout: SchematicLayout, u: number): Array<Line & { carries: readonly number[] }> {
  return layout.lines.filter(
    (l): l is Line & { carries: readonly number[] } =>
      l.circuit === 'source' && typeof l.carries !== 'string' && l.carries.includes(u),
  );
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('plant schematic layout', () => {
  it('covers the shipped scenarios and the test city', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
    expect(plants.length).toBeGreaterThanOrEqual(20);
  });

  it.each(plants)('$name: a symbol for each unit and source; each heat pump fed by its source', ({ scenario, p }) => {
    const plant = scenario.plants[p];
    const layout = layoutPlant(scenario, p);
    expect(layout.units.map((u) => u.spec.id).sort()).toEqual(plant.units.map((u) => u.id).sort());
    const first = frameUnitOffsets(scenario)[p];
    for (const u of layout.units) expect(u.frameIndex).toBe(first + plant.units.indexOf(u.spec));

    const fed = [...new Set(plant.units.flatMap((u) => (u.kind === 'heatPump' ? [u.source] : [])))];
    expect(layout.sources.map((s) => s.spec.id).sort()).toEqual(fed.sort());
    for (const s of layout.sources) {
      const box = s;
      for (const u of s.heatPumps) {
        const unit = layout.units.find((x) => x.index === u)!;
        expect(unit.spec.kind === 'heatPump' && unit.spec.source).toBe(s.spec.id);
        // A source line leaves the source's right edge inside its height, and the heat pump's own line ends on
        // its left edge.
        const into = sourceLines(layout, u).find((l) =>
          l.points.some(([x, y]) => x === box.x + box.w && y > box.y && y < box.y + box.h),
        );
        expect(into, `source line ${s.spec.id} -> ${unit.spec.id}`).toBeDefined();
        const own = sourceLines(layout, u).find(
          (l) => l.carries.length === 1 && l.points.some(([x, y]) => x === unit.x && y > unit.y && y < unit.y + unit.h),
        );
        expect(own, `evaporator line of ${unit.spec.id}`).toBeDefined();
      }
    }
    expect(layout.pumps !== null).toBe(plant.main);
  });

  it.each(plants)('$name: no two symbols overlap; all inside the view box', ({ scenario, p }) => {
    const layout = layoutPlant(scenario, p);
    expect(layout.width).toBe(SCHEMATIC_WIDTH);
    const all = symbols(layout);
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++)
        expect(overlap(all[i].box, all[j].box), `${all[i].name} overlaps ${all[j].name}`).toBe(false);
    for (const { name, box } of all) {
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.y, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.w, name).toBeLessThanOrEqual(layout.width);
      expect(box.y + box.h, name).toBeLessThanOrEqual(layout.height);
    }
    for (const line of layout.lines)
      for (const [x, y] of line.points) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(layout.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(layout.height);
      }
    const room = (box: Box) => box.w - 2 * TEXT_LEFT;
    for (const u of layout.units) expect(textWidth(u.tag, TEXT.tag, true), u.spec.id).toBeLessThanOrEqual(room(u));
    for (const s of layout.sources)
      for (const l of s.lines) expect(textWidth(l.text, TEXT.small, l.bold), s.spec.id).toBeLessThanOrEqual(room(s));
  });

  it('draws a wider view box with more units to a row, still without overlaps', () => {
    const scenario = scenarios.find(([f]) => f === 'espoo-clean-heat.json')![1];
    const narrow = layoutPlant(scenario, 0);
    const wide = layoutPlant(scenario, 0, 800);
    expect(wide.height).toBeLessThan(narrow.height);
    const all = symbols(wide);
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) expect(overlap(all[i].box, all[j].box)).toBe(false);
  });
});
