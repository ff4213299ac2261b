/**
 * Plant labels stack instead of covering each other, keep off the HUD panels, and carry a short name
 * (client/src/scene/labelPlacement.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clearPanels,
  createLabelBoxes,
  shortLabel,
  SHORT_LABEL_CHARS,
  stackLabels,
  writeScreenEdges,
} from '../../client/src/scene/labelPlacement';

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

describe('labels and the HUD panels, more cases', () => {
  it('moves a label under the left edge of a right-hand panel to the left, the shorter way', () => {
    const right = Float64Array.of(1000, 60, 1280, 600);
    const b = boxes([[980, 300, 200, 40]]);
    stackLabels(b, 4);
    clearPanels(b, right, 1, 4);
    expect(b.hidden[0]).toBe(0);
    // Its right edge (x + 100) ends 4 px left of the panel.
    expect(980 + 100 + b.shift[0]).toBe(996);
  });

  it('keeps a label lifted over a panel top clear of it: a label above the panel is not touched', () => {
    // The anchor sits just above a bottom panel (top at 500); the label grows upwards from it.
    const bottom = Float64Array.of(300, 500, 900, 720);
    const b = boxes([[600, 498, 200, 40]]);
    stackLabels(b, 4);
    clearPanels(b, bottom, 1, 4);
    expect([b.shift[0], b.hidden[0]]).toEqual([0, 0]);
  });

  it('brings a label running off the screen back on, and hides one whose anchor is off screen', () => {
    // A 1280 x 720 screen: the first label's right half would run 60 px past the right edge.
    const edges = new Float64Array(16);
    expect(writeScreenEdges(edges, 0, 1280, 720)).toBe(4);
    const b = boxes([[1240, 400, 200, 40], [1300, 400, 200, 40], [640, 30, 200, 40]]);
    stackLabels(b, 4);
    clearPanels(b, edges, 4, 4);
    expect(b.hidden[0]).toBe(0);
    expect(1240 + 100 + b.shift[0]).toBe(1276);
    expect(b.hidden[1]).toBe(1);
    // Its top 10 px above the screen: no sideways move helps.
    expect(b.hidden[2]).toBe(1);
  });

  it('hides a label moved off a panel onto another label, and keeps the one it would cover', () => {
    // Side by side, 30 px apart; the second runs under the panel and would have to move left onto the first.
    const panel = Float64Array.of(600, 60, 900, 600);
    const b = boxes([[380, 300, 200, 40], [590, 300, 160, 40]]);
    stackLabels(b, 4);
    expect(Array.from(b.lift)).toEqual([0, 0]);
    clearPanels(b, panel, 1, 4);
    expect(b.hidden[0]).toBe(0);
    expect(b.hidden[1]).toBe(1);
  });

  it('keeps a label moved off a panel where it lands clear of the others', () => {
    const panel = Float64Array.of(600, 60, 900, 600);
    const b = boxes([[300, 300, 200, 40], [590, 300, 160, 40]]);
    stackLabels(b, 4);
    clearPanels(b, panel, 1, 4);
    expect([b.hidden[0], b.hidden[1]]).toEqual([0, 0]);
    expect(590 + 80 + b.shift[1]).toBe(596);
  });

  it('leaves labels off screen alone', () => {
    const b = boxes([[150, 300, 200, 40]]);
    b.visible[0] = 0;
    clearPanels(b, Float64Array.of(0, 60, 300, 600), 1, 4);
    expect([b.shift[0], b.hidden[0]]).toEqual([0, 0]);
  });
});

describe('short plant labels', () => {
  it('keeps a name that fits as it is', () => {
    expect(shortLabel('Reserve oil boiler plant')).toBe('Reserve oil boiler plant');
  });

  it('leaves out what the name says in brackets', () => {
    expect(shortLabel('Naistenlahti (main plant: wood-chip boilers, gas peak)')).toBe('Naistenlahti');
    expect(shortLabel('Kivenlahti bio heat plant (wood chips)')).toBe('Kivenlahti bio heat…');
  });

  it('cuts a long name after the words that fit, with an ellipsis, within the limit', () => {
    expect(shortLabel('Vermo air-to-water heat pump plant')).toBe('Vermo air-to-water heat…');
    expect(shortLabel('Data-centre heat recovery plant')).toBe('Data-centre heat…');
    expect(shortLabel('One, two, three, four, five, six')).toBe('One, two, three, four…');
  });

  it('cuts a first word that is itself too long', () => {
    const word = 'Kaukolämpövoimalaitoskokonaisuus';
    expect(shortLabel(`${word} Espoo`)).toBe(`${word.slice(0, 23)}…`);
  });

  it(`gives every plant of every scenario a label of at most ${SHORT_LABEL_CHARS} characters`, () => {
    const dir = new URL('../../assets/scenarios/', import.meta.url);
    const names = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { plants: { name: string }[] }).plants)
      .map((p) => p.name);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const short = shortLabel(name);
      expect(short.length, name).toBeLessThanOrEqual(SHORT_LABEL_CHARS);
      expect(short.length, name).toBeGreaterThan(3);
    }
  });
});
