/**
 * Keeps screen labels from covering each other: labels are placed from the lowest on screen up, and each one
 * that overlaps a label already placed moves up until it clears it (a greedy stack, as map labels do). Screen
 * pixels, y down; a label's anchor is the middle of its bottom edge. For the few plant labels of a city (a dozen
 * at most) the quadratic pass costs nothing; it allocates nothing.
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
