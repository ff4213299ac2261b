/**
 * The map overlay's arithmetic (client/src/map/mapView.ts): the ground a pixel spans, the scale bar's round length,
 * the north arrow's turn, and which place names give way.
 */
import { describe, expect, it } from 'vitest';
import {
  chooseScaleBar,
  cornerBottomPx,
  createLabelBoxes,
  declutter,
  metresPerPixel,
  northArrowDeg,
  overlapsAny,
} from '../../client/src/map/mapView';

describe('scale bar', () => {
  it('spans 2 d tan(fov / 2) over the viewport height: 1,000 m away at 90° on 1,000 px is 2 m a pixel', () => {
    expect(metresPerPixel(1000, 90, 1000)).toBeCloseTo(2, 12);
    expect(metresPerPixel(500, 45, 1080)).toBeCloseTo((2 * 500 * Math.tan(Math.PI / 8)) / 1080, 12);
  });

  it('picks the longest 1-2-5 length that fits, in m below 1 km and km above', () => {
    const cases: Array<[number, number, number, string]> = [
      // metres per px, room (px), length (m), label
      [1, 110, 100, '100 m'],
      [2, 110, 200, '200 m'],
      [5, 110, 500, '500 m'],
      [9.1, 110, 1000, '1 km'],
      [10, 100, 1000, '1 km'],
      [20, 110, 2000, '2 km'],
      [46, 110, 5000, '5 km'],
      [0.45, 110, 20, '20 m'],
    ];
    for (const [mpp, room, metres, label] of cases) {
      const bar = chooseScaleBar(mpp, room);
      expect(bar.metres, `${mpp} m/px`).toBe(metres);
      expect(bar.label).toBe(label);
      expect(bar.px).toBeCloseTo(metres / mpp, 9);
      expect(bar.px).toBeLessThanOrEqual(room + 1e-6);
      // The next longer round length would not fit: never less than 2/5 of the room.
      expect(bar.px).toBeGreaterThanOrEqual(0.4 * room - 1e-6);
    }
  });
});

describe('north arrow', () => {
  it('points up when the view heads north, left when it heads east, right when west, down when south', () => {
    expect(northArrowDeg(0, 1, 0, 1)).toBeCloseTo(0, 9);
    expect(northArrowDeg(1, 0, 1, 0)).toBeCloseTo(-90, 9);
    expect(northArrowDeg(-1, 0, -1, 0)).toBeCloseTo(90, 9);
    expect(Math.abs(northArrowDeg(0, -1, 0, -1))).toBeCloseTo(180, 9);
  });

  it('takes the heading from screen-up looking straight down, and from the view direction looking level', () => {
    // Straight down with screen-up to the north-east: north lies 45° anticlockwise of up.
    expect(northArrowDeg(Math.SQRT1_2, Math.SQRT1_2, 0, 0)).toBeCloseTo(-45, 9);
    // Level, looking north-west: screen-up is vertical, so it has no ground direction.
    expect(northArrowDeg(0, 0, -Math.SQRT1_2, Math.SQRT1_2)).toBeCloseTo(45, 9);
  });
});

describe('place names', () => {
  it('shows the more important of two that would overlap, and both when apart', () => {
    const boxes = createLabelBoxes(3);
    boxes.x.set([100, 110, 400]);
    boxes.y.set([100, 104, 100]);
    boxes.w.fill(80);
    boxes.h.fill(16);
    boxes.candidate.fill(1);
    declutter(boxes, [1, 0, 2], 4);
    expect(Array.from(boxes.shown)).toEqual([0, 1, 1]);
    boxes.candidate[1] = 0;
    declutter(boxes, [1, 0, 2], 4);
    expect(Array.from(boxes.shown)).toEqual([1, 0, 1]);
  });

  it('tells a box under a panel rectangle from one beside it', () => {
    const panels = Float64Array.from([0, 0, 300, 200]);
    expect(overlapsAny(320, 100, 60, 20, panels, 1)).toBe(true);
    expect(overlapsAny(340, 100, 60, 20, panels, 1)).toBe(false);
    expect(overlapsAny(320, 100, 60, 20, panels, 0)).toBe(false);
  });
});

describe('scale bar corner', () => {
  it('stays in the bottom-right corner when free, and climbs above each panel in its way', () => {
    const none = new Float64Array(0);
    expect(cornerBottomPx(120, 30, 1920, 1080, 10, none, 0)).toBe(10);
    // A navigation panel in the corner (1319-1903 x 970-1062): the box stands 10 px above it.
    const nav = Float64Array.from([1319, 970, 1903, 1062]);
    expect(cornerBottomPx(120, 30, 1920, 1080, 10, nav, 1)).toBe(1080 - 970 + 10);
    // A second panel right above the first: above that one too. A panel off to the left is no obstacle.
    const stacked = Float64Array.from([1319, 970, 1903, 1062, 1700, 900, 1910, 965, 0, 0, 1000, 1080]);
    expect(cornerBottomPx(120, 30, 1920, 1080, 10, stacked, 3)).toBe(1080 - 900 + 10);
  });
});
