/**
 * Keeps screen labels from covering each other and from sliding under the HUD's panels:
 * - stackLabels: labels are placed from the lowest on screen up, and each one that overlaps a label already placed
 *   moves up until it clears it (a greedy stack, as map labels do);
 * - clearPanels: a label that then runs under a panel moves sideways off it, by at most half its width so it
 *   still stands over its anchor; one whose anchor is under a panel, or that cannot get clear, is hidden (the
 *   panel hides what it points at anyway), and so is one moved onto another label.
 * Screen pixels, y down; a label's anchor is the middle of its bottom edge. For the few plant labels of a city (a
 * dozen at most) and panels the quadratic passes cost nothing; they allocate nothing.
 * shortLabel keeps a label narrow: a long plant name (up to ~120 characters in the regional scenarios) made a
 * label some 800 px wide.
 */
export interface LabelBoxes {
  /** Anchor x, anchor y (bottom), width and height per label (px). */
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  h: Float64Array;
  /** 0: not on screen (behind the camera), left out. */
  visible: Uint8Array;
  /** Out: how far each label is lifted (px, >= 0). */
  lift: Float64Array;
  /** Out: how far each label is moved sideways (px, + right) and whether it is hidden (1) behind a panel. */
  shift: Float64Array;
  hidden: Uint8Array;
  /** Scratch: placement order. */
  order: Int32Array;
}

export function createLabelBoxes(n: number): LabelBoxes {
  return {
    x: new Float64Array(n),
    y: new Float64Array(n),
    w: new Float64Array(n),
    h: new Float64Array(n),
    visible: new Uint8Array(n),
    lift: new Float64Array(n),
    shift: new Float64Array(n),
    hidden: new Uint8Array(n),
    order: new Int32Array(n),
  };
}

export function stackLabels(b: LabelBoxes, gapPx: number): void {
  const { x, y, w, h, visible, lift, order } = b;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    lift[i] = 0;
    if (!visible[i]) continue;
    // Insertion sort by anchor y, lowest on screen (largest y) first.
    let k = n++;
    while (k > 0 && y[order[k - 1]] < y[i]) {
      order[k] = order[k - 1];
      k--;
    }
    order[k] = i;
  }
  for (let a = 1; a < n; a++) {
    const i = order[a];
    for (let moved = true, pass = 0; moved && pass < n; pass++) {
      moved = false;
      for (let c = 0; c < a; c++) {
        const j = order[c];
        if (Math.abs(x[i] - x[j]) * 2 >= w[i] + w[j]) continue;
        const bottom = y[i] - lift[i];
        const top = bottom - h[i];
        const jBottom = y[j] - lift[j];
        const jTop = jBottom - h[j];
        if (bottom <= jTop - gapPx || top >= jBottom + gapPx) continue;
        lift[i] = y[i] - (jTop - gapPx);
        moved = true;
      }
    }
  }
}

/**
 * Moves stacked labels (after stackLabels) off the panels: rects holds left, top, right, bottom (px) of `count`
 * panels. Sets shift and hidden for every label.
 */
export function clearPanels(b: LabelBoxes, rects: Float64Array, count: number, gapPx: number): void {
  const { x, y, w, h, visible, lift, shift, hidden } = b;
  // Clearance within half a pixel counts as clear, so a label just moved off a panel is not caught by rounding.
  const clear = gapPx - 0.5;
  for (let i = 0; i < x.length; i++) {
    shift[i] = 0;
    hidden[i] = 0;
    if (!visible[i]) continue;
    const bottom = y[i] - lift[i];
    const top = bottom - h[i];
    let moved = false;
    for (let k = 0; k < count; k++) {
      const l = rects[4 * k];
      const t = rects[4 * k + 1];
      const r = rects[4 * k + 2];
      const bo = rects[4 * k + 3];
      const left = x[i] - w[i] / 2 + shift[i];
      const right = left + w[i];
      if (right <= l - clear || left >= r + clear || bottom <= t || top >= bo) continue;
      const anchorUnder = x[i] >= l && x[i] <= r && y[i] >= t && y[i] <= bo;
      // Off the panel to the right or to the left, whichever is the shorter move.
      const toRight = r + gapPx - left;
      const toLeft = l - gapPx - right;
      const move = toRight < -toLeft ? toRight : toLeft;
      if (moved || anchorUnder || Math.abs(move) > w[i] / 2) {
        hidden[i] = 1;
        break;
      }
      shift[i] = move;
      moved = true;
      k = -1; // the moved label must clear every panel
    }
  }
  // Stacking kept the labels apart where they stood; one moved sideways may land on a neighbour.
  for (let i = 0; i < x.length; i++) {
    if (!visible[i] || hidden[i] || shift[i] === 0) continue;
    for (let j = 0; j < x.length; j++) {
      if (j === i || !visible[j] || hidden[j]) continue;
      const apartX = Math.abs(x[i] + shift[i] - (x[j] + shift[j])) * 2 >= w[i] + w[j];
      const iBottom = y[i] - lift[i];
      const jBottom = y[j] - lift[j];
      if (apartX || iBottom <= jBottom - h[j] || iBottom - h[i] >= jBottom) continue;
      hidden[i] = 1;
      break;
    }
  }
}

/** Far enough off screen to stand for "everything beyond this edge" (px). */
const BEYOND_PX = 1e6;

/**
 * Writes the four regions beyond a width x height screen as panel rectangles at rects[4 * at ...] and returns
 * how many it wrote (4): clearPanels then moves a label running off an edge back on screen, by at most half its
 * width, and hides one that cannot come back or whose anchor is off screen.
 */
export function writeScreenEdges(rects: Float64Array, at: number, width: number, height: number): number {
  rects.set([-BEYOND_PX, -BEYOND_PX, 0, BEYOND_PX], 4 * at);
  rects.set([width, -BEYOND_PX, BEYOND_PX, BEYOND_PX], 4 * (at + 1));
  rects.set([-BEYOND_PX, -BEYOND_PX, BEYOND_PX, 0], 4 * (at + 2));
  rects.set([-BEYOND_PX, height, BEYOND_PX, BEYOND_PX], 4 * (at + 3));
  return 4;
}

/** Characters at most on a plant's label, ellipsis included; the full name is in its tooltip. */
export const SHORT_LABEL_CHARS = 24;

/**
 * A plant's name for its label: without what it says in brackets, and when that is still longer than `max`
 * characters, the words that fit before an ellipsis (the first word cut when even it does not fit).
 */
export function shortLabel(name: string, max = SHORT_LABEL_CHARS): string {
  const plain = name.replace(/\s*\([^)]*\)/g, '').replace(/\s+/g, ' ').trim() || name.trim();
  if (plain.length <= max) return plain;
  let kept = '';
  for (const word of plain.split(' ')) {
    const next = kept ? `${kept} ${word}` : word;
    if (next.length > max - 1) break;
    kept = next;
  }
  return `${(kept || plain.slice(0, max - 1)).replace(/[\s,:;.-]+$/, '')}…`;
}
