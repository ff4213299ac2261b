import { describe, it, expect } from 'vitest';
import { TEMPERATURE_GLSL, TEMPERATURE_STOPS, temperatureRgb } from '../client/src/scene/temperatureScale';
import { readFileSync } from 'node:fs';
import { BOX_STRIDE, buildCityLayout, drawScaleOf, MAX_DRAW_SCALE, orientedBox } from '../client/src/scene/cityLayout';
import { buildPipeMesh, pipeWidthM, SUPPLY_Y_M } from '../client/src/scene/pipeGeometry';
import { buildStreetGeometry, buildWaterGeometry, roadWidthM } from '../client/src/scene/groundGeometry';
import { flowDashes } from '../client/src/scene/pipeShader';
import { layoutUnits, UNIT_STRIDE } from '../client/src/scene/plantLayout';
import { demandColumnHeightM } from '../client/src/scene/demandColumns';
import { poseAround } from '../client/src/story/focus';
import type { CityLayout } from '../client/src/scene/cityLayout';
import { generateCity } from '../server/generator/city';
import { parseScenario } from '../shared/scenario/validate';
import type { Scenario } from '../shared/scenario/schema';

const expectRgb = (got: number[], want: readonly number[]) => got.forEach((c, i) => expect(c).toBeCloseTo(want[i], 12));

describe('temperature scale (client/src/scene/temperatureScale.ts)', () => {
  it('hits its stops exactly and interpolates linearly halfway between them', () => {
    for (const s of TEMPERATURE_STOPS) expectRgb(temperatureRgb(s.temperatureC, [0, 0, 0]), s.rgb);
    const [a, b] = [TEMPERATURE_STOPS[1], TEMPERATURE_STOPS[2]];
    const mid = temperatureRgb((a.temperatureC + b.temperatureC) / 2, [0, 0, 0]);
    mid.forEach((c, i) => expect(c).toBeCloseTo((a.rgb[i] + b.rgb[i]) / 2, 12));
  });
  it('clamps outside 30-110 °C and is blue when cold, red when hot (one clear scale)', () => {
    expectRgb(temperatureRgb(-10, [0, 0, 0]), TEMPERATURE_STOPS[0].rgb);
    expectRgb(temperatureRgb(150, [0, 0, 0]), TEMPERATURE_STOPS.at(-1)!.rgb);
    const cold = temperatureRgb(30, [0, 0, 0]);
    const hot = temperatureRgb(110, [0, 0, 0]);
    expect(cold[2]).toBeGreaterThan(cold[0]);
    expect(hot[0]).toBeGreaterThan(hot[2]);
  });
  it('compiles the same stops into the GLSL function', () => {
    for (const s of TEMPERATURE_STOPS.slice(1)) expect(TEMPERATURE_GLSL).toContain(`vec3(${s.rgb.map((c) => (Number.isInteger(c) ? `${c}.0` : `${c}`)).join(', ')})`);
  });
});

describe('oriented footprint box (client/src/scene/cityLayout.ts)', () => {
  it('recovers a rotated 20 m x 10 m rectangle: centre, sides, angle (analytic)', () => {
    const theta = Math.PI / 6;
    const [cx, cy, w, d] = [100, -50, 20, 10];
    const u = [Math.cos(theta), Math.sin(theta)];
    const n = [-u[1], u[0]];
    const corner = (s: number, t: number): [number, number] => [cx + u[0] * s + n[0] * t, cy + u[1] * s + n[1] * t];
    const out = new Float64Array(BOX_STRIDE);
    orientedBox([corner(-10, -5), corner(10, -5), corner(10, 5), corner(-10, 5)], 12, out, 0);
    expect(out[0]).toBeCloseTo(cx, 9);
    expect(out[1]).toBeCloseTo(cy, 9);
    expect(out[2]).toBeCloseTo(w, 9);
    expect(out[3]).toBeCloseTo(d, 9);
    expect(out[4]).toBeCloseTo(theta, 9);
    expect(out[5]).toBe(12);
  });
});

describe('pipe ribbons (client/src/scene/pipeGeometry.ts)', () => {
  it('draws a pipe as supply and return ribbons either side of its line, along measured from its from-node', () => {
    const layout = { pipeEnds: Float64Array.from([0, 0, 100, 0]), sourceLinks: [], boxes: new Float64Array(0), plantBuilding: new Int32Array(0), drawScale: 1 } as unknown as CityLayout;
    const d = 0.1;
    const m = buildPipeMesh(layout, [d], () => 0);
    const w = pipeWidthM(d);
    expect(m.index.length).toBe(12);
    // Supply ribbon (first 4 vertices) lies north of the line (scene z = -north < 0), return south.
    for (let v = 0; v < 4; v++) expect(m.position[v * 3 + 2]).toBeLessThan(0);
    for (let v = 4; v < 8; v++) expect(m.position[v * 3 + 2]).toBeGreaterThan(0);
    // Along runs from -w/2 at the from-end to length + w/2 at the to-end (ends overlap to close joints).
    expect(Math.min(...m.along)).toBeCloseTo(-w / 2, 6);
    expect(Math.max(...m.along)).toBeCloseTo(100 + w / 2, 4);
    expect([...m.side]).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });
});

describe('draw scale (client/src/scene/cityLayout.ts header: clamp(1 + (radius - 3600 m) / 650 m, 1, 30))', () => {
  it('is exactly 1 for the default scenario (~660 m radius) and the 10,000-building bench city (~3.5 km)', () => {
    const espoo = parseScenario(JSON.parse(readFileSync(new URL('../assets/scenarios/espoo-district.json', import.meta.url), 'utf8')));
    expect(buildCityLayout(espoo).drawScale).toBe(1);
    const bench = parseScenario(generateCity({ seed: 1, buildings: 10_000, id: 'bench' }));
    const layout = buildCityLayout(bench);
    expect(layout.bounds.radiusM).toBeLessThan(3600);
    expect(layout.drawScale).toBe(1);
  });
  it('gives a 30 x 20 km region (radius = hypot(30, 20) / 2 = 18.03 km) 1 + 14,428 / 650 = 23.2, capped at 30', () => {
    expect(drawScaleOf(Math.hypot(30_000, 20_000) / 2)).toBeCloseTo(23.197, 3);
    expect(drawScaleOf(3600)).toBe(1);
    expect(drawScaleOf(3600 + 650)).toBeCloseTo(2, 12);
    expect(drawScaleOf(100_000)).toBe(MAX_DRAW_SCALE);
  });
  it('widens a pipe ribbon by the scale: a 313 mm trunk draws 4.556 m at 1, 82.0 m at 18 (0.8 m + 12 x D, times 18)', () => {
    expect(pipeWidthM(0.313)).toBeCloseTo(4.556, 9);
    expect(pipeWidthM(0.313, 18)).toBeCloseTo(82.008, 9);
    const layout = { pipeEnds: Float64Array.from([0, 0, 1000, 0]), sourceLinks: [], boxes: new Float64Array(0), plantBuilding: new Int32Array(0), drawScale: 18 } as unknown as CityLayout;
    const m = buildPipeMesh(layout, [0.313], () => 0);
    // Supply ribbon: corners at z = -(gap ± w/2) with gap = w/2 + 0.2 m x 18, so it spans 3.6 m to 3.6 m + w north.
    const z = [0, 1, 2, 3].map((v) => -m.position[v * 3 + 2]);
    expect(Math.min(...z)).toBeCloseTo(3.6, 4);
    expect(Math.max(...z) - Math.min(...z)).toBeCloseTo(82.008, 3);
    expect(m.position[1]).toBeCloseTo(SUPPLY_Y_M * 18, 6);
  });
  it('keeps the dashes passing at one a second over a 1 m/s pipe at every scale (speed-up x v / spacing)', () => {
    for (const scale of [1, 8.8, 18.5, 30]) {
      const { spacingM, speedup } = flowDashes(scale);
      expect(spacingM).toBeCloseTo(8 * scale, 9);
      expect((speedup * 1) / spacingM).toBeCloseTo(1, 12);
    }
  });
  it('caps demand columns at 80 m x scale but keeps 1 m per 10 kW (the legend) below the cap', () => {
    expect(demandColumnHeightM(300_000)).toBe(30);
    expect(demandColumnHeightM(300_000, 20)).toBe(30);
    expect(demandColumnHeightM(50e6)).toBe(80);
    expect(demandColumnHeightM(50e6, 20)).toBe(1600);
  });
  it('backs a story camera off at least 180 m x scale from a small focus', () => {
    const pose = poseAround({ x: 0, y: 0, z: 0, sizeM: 20 }, {}, false, 10);
    const [x, y, z] = pose.position;
    expect(Math.hypot(x, y, z)).toBeCloseTo(1800, 6);
    const unscaled = poseAround({ x: 0, y: 0, z: 0, sizeM: 20 }, {}, false);
    expect(Math.hypot(...unscaled.position)).toBeCloseTo(180, 6);
    // A chapter's own distance is floored the same way; farther ones and the city overview are kept.
    expect(Math.hypot(...poseAround({ x: 0, y: 0, z: 0, sizeM: 20 }, { distanceM: 600 }, false, 10).position)).toBeCloseTo(1800, 6);
    expect(Math.hypot(...poseAround({ x: 0, y: 0, z: 0, sizeM: 20 }, { distanceM: 2500 }, false, 10).position)).toBeCloseTo(2500, 6);
    expect(Math.hypot(...poseAround({ x: 0, y: 0, z: 0, sizeM: 100 }, { distanceM: 50 }, true, 10).position)).toBeCloseTo(50, 6);
  });
});

describe('plant unit markers at scale (client/src/scene/plantLayout.ts)', () => {
  // 14 machines (as Espoo's hub) on a plant building's 450 m x 240 m roof, or on the drawn 20 m x 10 m pad of a
  // plant without a building.
  const plantWith = (machines: number): Scenario =>
    ({
      network: { nodes: [{ id: 'n', x: 0, y: 0 }], pipes: [] },
      plants: [{ id: 'p', node: 'n', units: Array.from({ length: machines }, () => ({ kind: 'boiler' })) }],
    }) as unknown as Scenario;
  const layoutAt = (drawScale: number, building = false): CityLayout =>
    ({
      plantBuilding: Int32Array.from([building ? 0 : -1]),
      boxes: Float64Array.from([0, 0, 450, 240, 0, 40]),
      unitOffset: Int32Array.from([0]),
      drawScale,
    }) as unknown as CityLayout;

  it('stands them in one row on the pad at scale 1: side 0.7 x (20 m / 14), centres 20/14 m apart', () => {
    const u = layoutUnits(plantWith(14), layoutAt(1));
    const pitch = 20 / 14;
    for (let i = 0; i < 14; i++) {
      expect(u[i * UNIT_STRIDE]).toBeCloseTo(-10 + (i + 0.5) * pitch, 9);
      expect(u[i * UNIT_STRIDE + 1]).toBeCloseTo(0, 9);
      expect(u[i * UNIT_STRIDE + 3]).toBeCloseTo(0.7 * pitch, 9);
    }
  });
  it('scales a pad-less plant uniformly: the scale-1 row times 18.5', () => {
    const one = layoutUnits(plantWith(14), layoutAt(1));
    const big = layoutUnits(plantWith(14), layoutAt(18.5));
    for (let i = 0; i < 14 * UNIT_STRIDE; i++) if (i % UNIT_STRIDE !== 6) expect(big[i]).toBeCloseTo(one[i] * 18.5, 6);
  });
  it('on a real roof, scales the side (10 m x 18.5 = 185 m) and lays a grid with no two markers overlapping', () => {
    const scale = 18.5;
    const u = layoutUnits(plantWith(14), layoutAt(scale, true));
    const side = 10 * scale;
    for (let i = 0; i < 14; i++) {
      expect(u[i * UNIT_STRIDE + 3]).toBeCloseTo(side, 9);
      for (let j = 0; j < i; j++) {
        const dx = Math.abs(u[i * UNIT_STRIDE] - u[j * UNIT_STRIDE]);
        const dy = Math.abs(u[i * UNIT_STRIDE + 1] - u[j * UNIT_STRIDE + 1]);
        expect(Math.max(dx, dy)).toBeGreaterThanOrEqual(side / 0.7 - 1e-6);
      }
    }
    // Columns = ceil(sqrt(14 x 450 / 240)) = 6: the grid is 6 cells wide, 3 deep, on the roof (40 m).
    for (let i = 0; i < 14; i++) expect(u[i * UNIT_STRIDE + 2]).toBe(40);
    const xs = new Set(Array.from({ length: 14 }, (_, i) => u[i * UNIT_STRIDE].toFixed(3)));
    const ys = new Set(Array.from({ length: 14 }, (_, i) => u[i * UNIT_STRIDE + 1].toFixed(3)));
    expect([xs.size, ys.size]).toEqual([6, 3]);
  });
});

describe('ground: roads and water (client/src/scene/groundGeometry.ts, cityLayout.ts streets)', () => {
  const load = (id: string) =>
    parseScenario(JSON.parse(readFileSync(new URL(`../assets/scenarios/${id}.json`, import.meta.url), 'utf8')));

  it('draws roads along the street pipes of a generated city, not along its service and plant connections', () => {
    const s = load('espoo-district');
    const layout = buildCityLayout(s);
    const buildingNodes = s.buildings.flatMap((b) => (b.node ? [b.node] : []));
    const servedOnce = new Set([...buildingNodes, ...s.plants.map((p) => p.node)]);
    const streetPipes = new Set(layout.streetPipe);
    s.network.pipes.forEach((p, i) => {
      expect(streetPipes.has(i), p.id).toBe(!servedOnce.has(p.from) && !servedOnce.has(p.to));
    });
    expect(layout.streets.length).toBe(4 * layout.streetPipe.length);
  });

  it("draws a region's trunk mains, plant mains included, and its district feeders as roads", () => {
    const s = load('espoo-clean-heat');
    const layout = buildCityLayout(s);
    const ids = new Set(Array.from(layout.streetPipe, (i) => s.network.pipes[i].id));
    for (const p of s.network.pipes) expect(ids.has(p.id), p.id).toBe(true);
    expect(s.network.pipes.some((p) => p.from === 'P-suomenoja' || p.to === 'P-suomenoja')).toBe(true);
  });

  it('makes a road its pipe pair and a 2 m kerb each side, at least 9 m: 313 mm is 2 x (4.556 + 0.2) + 4', () => {
    expect(roadWidthM(0.1)).toBe(9);
    expect(roadWidthM(0.313)).toBeCloseTo(13.512, 9);
    expect(roadWidthM(0.313, 18)).toBeCloseTo(13.512 * 18, 9);
    const g = buildStreetGeometry(Float64Array.from([0, 0, 100, 0]), [10], 0.05);
    const pos = Array.from(g.getAttribute('position').array);
    // A 100 m segment east, 10 m wide, ends extended by 5 m: x from -5 to 105, north from -5 to 5 (scene z = -north).
    expect(Math.min(...pos.filter((_, i) => i % 3 === 0))).toBeCloseTo(-5, 6);
    expect(Math.max(...pos.filter((_, i) => i % 3 === 0))).toBeCloseTo(105, 6);
    expect(Math.max(...pos.filter((_, i) => i % 3 === 2))).toBeCloseTo(5, 6);
    expect(pos.filter((_, i) => i % 3 === 1).every((y) => Math.abs(y - 0.05) < 1e-6)).toBe(true);
  });

  it('triangulates the sea into triangles facing up that cover exactly its area (shoelace), below the land', () => {
    for (const id of ['espoo-district', 'espoo-clean-heat']) {
      const water = load(id).water!;
      const g = buildWaterGeometry(water, -0.05);
      const pos = g.getAttribute('position').array;
      const index = g.getIndex()!.array;
      let area = 0;
      for (let t = 0; t < index.length; t += 3) {
        const [a, b, c] = [index[t] * 3, index[t + 1] * 3, index[t + 2] * 3];
        // Cross product's y of (b - a) x (c - a) in scene axes: positive when the triangle faces up.
        const cy = (pos[b + 2] - pos[a + 2]) * (pos[c] - pos[a]) - (pos[b] - pos[a]) * (pos[c + 2] - pos[a + 2]);
        expect(cy).toBeGreaterThan(0);
        area += cy / 2;
      }
      const polygon = water[0].polygon;
      let shoelace = 0;
      polygon.forEach(([x0, y0], i) => {
        const [x1, y1] = polygon[(i + 1) % polygon.length];
        shoelace += (x0 * y1 - x1 * y0) / 2;
      });
      expect(area / Math.abs(shoelace), id).toBeCloseTo(1, 6);
      expect(Array.from(pos).filter((_, i) => i % 3 === 1).every((y) => Math.abs(y + 0.05) < 1e-6)).toBe(true);
    }
  });
});

