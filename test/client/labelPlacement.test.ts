/** Plant labels stack instead of covering each other (client/src/scene/labelPlacement.ts). */
import { describe, expect, it } from 'vitest';
import { clearPanels, createLabelBoxes, stackLabels } from '../../client/src/scene/labelPlacement';

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

describe('labels and the HUD panels', () => {
  // One panel down the left edge, 0-300 px wide, 60-600 px high; labels of 200 x 40 px.
  const panel = Float64Array.of(0, 60, 300, 600);

  it('leaves a label clear of the panels where it is', () => {
    const b = boxes([[500, 300, 200, 40]]);
    stackLabels(b, 4);
    clearPanels(b, panel, 1, 4);
    expect([b.shift[0], b.hidden[0]]).toEqual([0, 0]);
  });

  it('moves a label that runs under a panel sideways off it, still over its anchor', () => {
    // Anchor 40 px right of the panel: the label's left edge (x - 100) must end at 300 + 4.
    const b = boxes([[340, 300, 200, 40]]);
    stackLabels(b, 4);
    clearPanels(b, panel, 1, 4);
    expect(b.hidden[0]).toBe(0);
    expect(340 - 100 + b.shift[0]).toBe(304);
    expect(Math.abs(b.shift[0])).toBeLessThanOrEqual(100);
  });

  it('hides a label whose anchor is under a panel, or that cannot get clear without leaving its anchor', () => {
    // The first's anchor is under the panel; the second's is below it and well inside its width, so clearing it
    // needs more than half a label; the third's is just right of it.
    const b = boxes([[150, 300, 200, 40], [250, 700, 200, 40], [320, 650, 200, 40]]);
    const tall = Float64Array.of(0, 60, 300, 680);
    stackLabels(b, 4);
    clearPanels(b, tall, 1, 4);
    expect(b.hidden[0]).toBe(1);
    expect(b.hidden[1]).toBe(1);
    expect(b.hidden[2]).toBe(0);
  });

  it('hides a label moved off one panel onto another', () => {
    const panels = Float64Array.of(0, 60, 300, 600, 310, 60, 600, 290);
    const b = boxes([[340, 300, 200, 40]]);
    stackLabels(b, 4);
    clearPanels(b, panels, 2, 4);
    expect(b.hidden[0]).toBe(1);
  });
});
