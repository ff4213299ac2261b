/** The baseline plant's smoke (client/src/story/plume.ts): puff positions and sizes follow the city's draw scale. */
import { describe, expect, it } from 'vitest';
import { CHIMNEY_H_M, placePuff, plumeStrength, PUFFS, RISE_S, type PuffPlacement } from '../../client/src/story/plume';

const puff = (): PuffPlacement => ({ x: 0, y: 0, z: 0, radiusM: 0 });
/** Animation times across two full rises, not on a puff boundary. */
const TIMES_S = Array.from({ length: 23 }, (_, i) => (i * 2 * RISE_S) / 23 + 0.013);

describe('baseline smoke plume', () => {
  it('a plant making no heat (under 1 % of the busiest) has no plume; the busiest has full strength', () => {
    expect(plumeStrength(0)).toBe(0);
    expect(plumeStrength(0.005)).toBe(0);
    expect(plumeStrength(1)).toBe(1);
    expect(plumeStrength(0.25)).toBeGreaterThan(plumeStrength(0.05));
  });

  it('at draw scale 1 every puff stays within a chimney and a 45 m rise above it, and within 12 m radius', () => {
    for (const t of TIMES_S)
      for (let j = 0; j < PUFFS; j++) {
        const p = placePuff(1, t, j, 1, puff());
        expect(p.y).toBeGreaterThanOrEqual(CHIMNEY_H_M);
        expect(p.y).toBeLessThanOrEqual(CHIMNEY_H_M + 45);
        expect(p.radiusM).toBeGreaterThanOrEqual(3);
        expect(p.radiusM).toBeLessThanOrEqual(12);
        expect(Math.hypot(p.x, p.z)).toBeLessThanOrEqual(Math.hypot(25, 6));
      }
  });

  it('puffs differ only by where they are in their rise: same place and size at the same age', () => {
    // Puff j at time t has the age of puff 0 at time t + j/PUFFS of a rise.
    for (let j = 1; j < PUFFS; j++) {
      const a = placePuff(0.8, 1.234 + (j / PUFFS) * RISE_S, 0, 2, puff());
      const b = placePuff(0.8, 1.234, j, 2, puff());
      expect(b.x).toBeCloseTo(a.x, 9);
      expect(b.y).toBeCloseTo(a.y, 9);
      expect(b.z).toBeCloseTo(a.z, 9);
      expect(b.radiusM).toBeCloseTo(a.radiusM, 9);
    }
  });

  it('scales every length with the draw scale, like the chimney', () => {
    for (const t of TIMES_S)
      for (let j = 0; j < PUFFS; j++) {
        const one = placePuff(0.6, t, j, 1, puff());
        const three = placePuff(0.6, t, j, 3, puff());
        expect(three.x).toBeCloseTo(3 * one.x, 9);
        expect(three.y).toBeCloseTo(3 * one.y, 9);
        expect(three.z).toBeCloseTo(3 * one.z, 9);
        expect(three.radiusM).toBeCloseTo(3 * one.radiusM, 9);
      }
  });
});
