/**
 * Smoke and steam (client/src/scene/plume.ts): a plume's strength from the fuel a chimney's boiler burns or the
 * heat a data centre's dry coolers dump, against the city's rated heat; puff positions and sizes follow the
 * city's draw scale.
 */
import { describe, expect, it } from 'vitest';
import {
  placePuff,
  plumeStrength,
  puffOpacity,
  PUFFS,
  ratedHeatW,
  RISE_S,
  type PuffPlacement,
} from '../../client/src/scene/plume';
import type { Scenario } from '../../shared/scenario/schema';
import { loadScenario } from '../../server/scenarios/load';

const puff = (): PuffPlacement => ({ x: 0, y: 0, z: 0, radiusM: 0, age: 0 });
/** Animation times across two full rises, not on a puff boundary. */
const TIMES_S = Array.from({ length: 23 }, (_, i) => (i * 2 * RISE_S) / 23 + 0.013);
const RATED_W = 200e6;

describe('plume strength from what goes up the vent', () => {
  it('nothing burnt or dumped: no plume, and none for a rounding remainder', () => {
    expect(plumeStrength(0, RATED_W)).toBe(0);
    expect(plumeStrength(-5e3, RATED_W)).toBe(0);
    expect(plumeStrength(Number.NaN, RATED_W)).toBe(0);
    expect(plumeStrength(50e3, RATED_W)).toBe(0);
    expect(plumeStrength(1e6, 0)).toBe(0);
  });

  it('any real burn or dump shows; the plume grows with the rate, full at the city rated heat', () => {
    expect(plumeStrength(0.15e6, RATED_W)).toBeGreaterThan(0.2);
    const rates = [0.1e6, 1e6, 5e6, 20e6, 80e6, RATED_W];
    const strengths = rates.map((w) => plumeStrength(w, RATED_W));
    for (let i = 1; i < strengths.length; i++) expect(strengths[i]).toBeGreaterThan(strengths[i - 1]);
    expect(plumeStrength(RATED_W, RATED_W)).toBe(1);
    expect(plumeStrength(3 * RATED_W, RATED_W)).toBe(1);
  });

  it('width by the square root of the rate: from 4x to 16x the fuel it grows twice as much as from 1x to 4x', () => {
    const [one, four, sixteen] = [1e6, 4e6, 16e6].map((w) => plumeStrength(w, RATED_W));
    expect((sixteen - four) / (four - one)).toBeCloseTo(2, 9);
  });

  it("the city's rated heat: its plants' units and prosumers' heat pumps, storage left out", () => {
    const units = (s: Scenario) =>
      s.plants.flatMap((p) => p.units).reduce((w, u) => w + (u.kind === 'storage' ? 0 : u.capacityW), 0);
    const clean = loadScenario('espoo-clean-heat').scenario;
    expect(clean.plants.some((p) => p.units.some((u) => u.kind === 'storage'))).toBe(true);
    expect(ratedHeatW(clean)).toBe(units(clean));
    const block = loadScenario('prosumer-block').scenario;
    const prosumers = block.buildings.reduce((w, b) => w + (b.prosumer?.heatPump.capacityW ?? 0), 0);
    expect(prosumers).toBeGreaterThan(0);
    expect(ratedHeatW(block)).toBe(units(block) + prosumers);
  });
});

describe('puffs', () => {
  it('at draw scale 1 every puff stays within 90 m above its vent and 28 m radius, and thins out to nothing', () => {
    for (const t of TIMES_S)
      for (let j = 0; j < PUFFS; j++) {
        const p = placePuff(1, t, j, 1, puff());
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeLessThanOrEqual(90);
        expect(p.radiusM).toBeGreaterThanOrEqual(6);
        expect(p.radiusM).toBeLessThanOrEqual(28);
        expect(Math.hypot(p.x, p.z)).toBeLessThanOrEqual(Math.hypot(60, 12));
      }
    expect(puffOpacity(0)).toBe(0);
    expect(puffOpacity(0.2)).toBeGreaterThan(0.5);
    expect(puffOpacity(1)).toBe(0);
  });

  it('a vent with nothing going up has puffs of no size', () => {
    for (const t of TIMES_S) for (let j = 0; j < PUFFS; j++) expect(placePuff(0, t, j, 3, puff()).radiusM).toBe(0);
  });

  it('puffs differ only by where they are in their rise: same place and size at the same age', () => {
    for (let j = 1; j < PUFFS; j++) {
      const a = placePuff(0.8, 1.234 + (j / PUFFS) * RISE_S, 0, 2, puff());
      const b = placePuff(0.8, 1.234, j, 2, puff());
      for (const k of ['x', 'y', 'z', 'radiusM', 'age'] as const) expect(b[k]).toBeCloseTo(a[k], 9);
    }
  });

  it('scales every length with the draw scale and the vent size', () => {
    for (const t of TIMES_S)
      for (let j = 0; j < PUFFS; j++) {
        const one = placePuff(0.6, t, j, 1, puff());
        const three = placePuff(0.6, t, j, 3, puff());
        for (const k of ['x', 'y', 'z', 'radiusM'] as const) expect(three[k]).toBeCloseTo(3 * one[k], 9);
      }
  });
});
