import { describe, it, expect } from 'vitest';
import { TEMPERATURE_GLSL, TEMPERATURE_STOPS, temperatureRgb } from '../client/src/scene/temperatureScale';
import { BOX_STRIDE, orientedBox } from '../client/src/scene/cityLayout';
import { buildPipeMesh, pipeWidthM } from '../client/src/scene/pipeGeometry';
import type { CityLayout } from '../client/src/scene/cityLayout';

const expectRgb = (got: number[], want: readonly number[]) => got.forEach((c, i) => expect(c).toBeCloseTo(want[i]!, 12));

describe('temperature scale (client/src/scene/temperatureScale.ts)', () => {
  it('hits its stops exactly and interpolates linearly halfway between them', () => {
    for (const s of TEMPERATURE_STOPS) expectRgb(temperatureRgb(s.temperatureC, [0, 0, 0]), s.rgb);
    const [a, b] = [TEMPERATURE_STOPS[1]!, TEMPERATURE_STOPS[2]!];
    const mid = temperatureRgb((a.temperatureC + b.temperatureC) / 2, [0, 0, 0]);
    mid.forEach((c, i) => expect(c).toBeCloseTo((a.rgb[i]! + b.rgb[i]!) / 2, 12));
  });
  it('clamps outside 30-110 °C and is blue when cold, red when hot (issue 4: one clear scale)', () => {
    expectRgb(temperatureRgb(-10, [0, 0, 0]), TEMPERATURE_STOPS[0]!.rgb);
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
    const n = [-u[1]!, u[0]!];
    const corner = (s: number, t: number): [number, number] => [cx + u[0]! * s + n[0]! * t, cy + u[1]! * s + n[1]! * t];
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
    const layout = { pipeEnds: Float64Array.from([0, 0, 100, 0]), sourceLinks: [], boxes: new Float64Array(0), plantBuilding: new Int32Array(0) } as unknown as CityLayout;
    const d = 0.1;
    const m = buildPipeMesh(layout, [d], () => 0);
    const w = pipeWidthM(d);
    expect(m.index.length).toBe(12);
    // Supply ribbon (first 4 vertices) lies north of the line (scene z = -north < 0), return south.
    for (let v = 0; v < 4; v++) expect(m.position[v * 3 + 2]!).toBeLessThan(0);
    for (let v = 4; v < 8; v++) expect(m.position[v * 3 + 2]!).toBeGreaterThan(0);
    // Along runs from -w/2 at the from-end to length + w/2 at the to-end (ends overlap to close joints).
    expect(Math.min(...m.along)).toBeCloseTo(-w / 2, 6);
    expect(Math.max(...m.along)).toBeCloseTo(100 + w / 2, 4);
    expect([...m.side]).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });
});
