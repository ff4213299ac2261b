/** Plant labels stack instead of covering each other (client/src/scene/labelPlacement.ts). */
import { describe, expect, it } from 'vitest';
import { createLabelBoxes, stackLabels } from '../../client/src/scene/labelPlacement';

function boxes(rects: Array<[x: number, y: number, w: number, h: number]>) {
  const b = createLabelBoxes(rects.length);
  rects.forEach(([x, y, w, h], i) => {
    b.x[i] = x;
    b.y[i] = y;
    b.w[i] = w;
    b.h[i] = h;
    b.visible[i] = 1;
  });
  return b;
}

describe('label stacking', () => {
  it('leaves labels that do not touch where they are', () => {
    const b = boxes([[100, 100, 80, 40], [300, 100, 80, 40], [100, 300, 80, 40]]);
    stackLabels(b, 4);
    expect(Array.from(b.lift)).toEqual([0, 0, 0]);
  });

  it('lifts the higher of two overlapping labels clear of the lower, with the gap', () => {
    // Lower label: bottom at 200, top at 160. Upper one (bottom 190) must end with its bottom at 156.
    const b = boxes([[110, 190, 80, 40], [100, 200, 80, 40]]);
    stackLabels(b, 4);
    expect(b.lift[1]).toBe(0);
    expect(b.lift[0]).toBe(190 - 156);
  });

  it('stacks three labels on one point into a column, and skips labels off screen', () => {
    const b = boxes([[100, 200, 80, 40], [100, 200, 80, 40], [100, 200, 80, 40], [100, 200, 80, 40]]);
    b.visible[3] = 0;
    stackLabels(b, 4);
    expect(Array.from(b.lift).sort((p, q) => p - q)).toEqual([0, 0, 44, 88]);
    expect(b.lift[3]).toBe(0);
  });

  it('moves a label past a second one it runs into on the way up', () => {
    // A at the bottom, C just above A's top with room for nothing between: B (on A) must clear both.
    const b = boxes([[100, 300, 80, 40], [100, 250, 80, 40], [100, 300, 80, 40]]);
    stackLabels(b, 4);
    const tops = [0, 1, 2].map((i) => b.y[i] - b.lift[i] - b.h[i]);
    const bottoms = [0, 1, 2].map((i) => b.y[i] - b.lift[i]);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < i; j++) expect(bottoms[i] <= tops[j] - 4 || tops[i] >= bottoms[j] + 4).toBe(true);
  });
});
