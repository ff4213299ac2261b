/**
 * What the map overlay (MapOverlay.tsx) reads off the camera, as plain functions of numbers: the ground distance a
 * screen pixel spans, the round length the scale bar shows, which way north lies on screen, and which place names
 * fit without covering each other.
 */

/** Metres of ground one CSS pixel spans, seen `distanceM` away along the view with a vertical field of view. */
export function metresPerPixel(distanceM: number, fovDeg: number, viewportHeightPx: number): number {
  return (2 * distanceM * Math.tan((fovDeg * Math.PI) / 360)) / viewportHeightPx;
}

export interface ScaleBar {
  metres: number;
  px: number;
  label: string;
}

/** The longest round length (1, 2 or 5 x a power of ten metres: 100 m, 200 m, 500 m, 1 km...) within `maxPx`. */
export function chooseScaleBar(metresPerPx: number, maxPx: number): ScaleBar {
  const most = metresPerPx * maxPx;
  // The small nudges keep an exact fit (1,000 m in exactly the room) from falling to the step below.
  const decade = 10 ** Math.floor(Math.log10(most) + 1e-9);
  const step = [5, 2, 1].find((k) => k * decade <= most * (1 + 1e-9)) ?? 1;
  const metres = step * decade;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { metres, px: metres / metresPerPx, label };
}

/**
 * Degrees to turn a north arrow (clockwise, as CSS rotates) so that it points north on screen. `up` is the
 * camera's screen-up direction and `forward` its view direction, each as (east, north) on the ground: screen-up
 * shows where the view heads, unless the camera looks level, when only the view direction does.
 */
export function northArrowDeg(upEast: number, upNorth: number, forwardEast: number, forwardNorth: number): number {
  const useUp = Math.hypot(upEast, upNorth) > 1e-3;
  const east = useUp ? upEast : forwardEast;
  const north = useUp ? upNorth : forwardNorth;
  // Heading of screen-up, clockwise from north; north then lies that far anticlockwise of screen-up.
  return (-Math.atan2(east, north) * 180) / Math.PI;
}

/** Screen boxes of labels centred at (x, y), w x h px, and which of them are shown. */
export interface LabelBoxes {
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  h: Float64Array;
  /** 1 when on screen and in range: a candidate. */
  candidate: Uint8Array;
  /** Output: 1 when shown. */
  shown: Uint8Array;
}

export function createLabelBoxes(n: number): LabelBoxes {
  const px = () => new Float64Array(n);
  return { x: px(), y: px(), w: px(), h: px(), candidate: new Uint8Array(n), shown: new Uint8Array(n) };
}

/**
 * Shows candidates in `order` (most important first), each only if its box, grown by `padPx`, covers none
 * already shown: names drop out as the view zooms out instead of piling up.
 */
export function declutter(boxes: LabelBoxes, order: ArrayLike<number>, padPx: number): void {
  const { x, y, w, h, candidate, shown } = boxes;
  shown.fill(0);
  const placed: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (!candidate[i]) continue;
    let free = true;
    for (const j of placed) {
      if (Math.abs(x[i] - x[j]) * 2 < w[i] + w[j] + 2 * padPx && Math.abs(y[i] - y[j]) * 2 < h[i] + h[j] + 2 * padPx) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    shown[i] = 1;
    placed.push(i);
  }
}

/** Whether a label box centred at (x, y), w x h px, overlaps any of `count` rectangles (left, top, right, bottom). */
export function overlapsAny(x: number, y: number, w: number, h: number, rects: Float64Array, count: number): boolean {
  for (let k = 0; k < count; k++) {
    const o = 4 * k;
    const across = x + w / 2 > rects[o] && x - w / 2 < rects[o + 2];
    if (across && y + h / 2 > rects[o + 1] && y - h / 2 < rects[o + 3]) return true;
  }
  return false;
}

/**
 * How high (px from the view's bottom) a box `w` x `h` px in the bottom-right corner (the bottom-left one with
 * `onLeft`), `gapPx` in from the edges, must stand to clear every panel (left, top, right, bottom in view px) that
 * would cover it: it climbs above each one in its way, and stays in the corner when none is.
 */
export function cornerBottomPx(
  w: number,
  h: number,
  viewW: number,
  viewH: number,
  gapPx: number,
  panels: Float64Array,
  count: number,
  onLeft = false,
): number {
  let bottom = gapPx;
  for (let moved = true, guard = 0; moved && guard <= count; guard++) {
    moved = false;
    const left = onLeft ? gapPx : viewW - gapPx - w;
    const right = left + w;
    const top = viewH - bottom - h;
    const low = viewH - bottom;
    for (let k = 0; k < count; k++) {
      const o = 4 * k;
      if (left < panels[o + 2] && right > panels[o] && top < panels[o + 3] && low > panels[o + 1]) {
        bottom = viewH - panels[o + 1] + gapPx;
        moved = true;
        break;
      }
    }
  }
  return bottom;
}
