/**
 * Supply temperature control: the network's supply set-point follows the outdoor temperature along a
 * piecewise-linear curve, flat outside its end points, clamped to [minC, maxC].
 * Reference: Helen (Helsinki) runs 65-115 °C, return about 45-55 °C (docs/reference-figures.md, Network).
 * The operator may shift the curve (offset, K) or override it with a fixed set-point.
 */
export interface SupplyCurve {
  outdoorC: Float64Array;
  supplyC: Float64Array;
  minC: number;
  maxC: number;
}

export function createSupplyCurve(points: ReadonlyArray<readonly [number, number]>, minC: number, maxC: number): SupplyCurve {
  return {
    outdoorC: Float64Array.from(points, (p) => p[0]),
    supplyC: Float64Array.from(points, (p) => p[1]),
    minC,
    maxC,
  };
}

/** Set-point for an outdoor temperature; `overrideC` (NaN for none) wins over the curve, `offsetK` shifts it. */
export function supplySetpointC(curve: SupplyCurve, outdoorC: number, offsetK = 0, overrideC = NaN): number {
  if (!Number.isNaN(overrideC)) return clamp(overrideC, curve.minC, curve.maxC);
  const xs = curve.outdoorC;
  const ys = curve.supplyC;
  const n = xs.length;
  let c: number;
  if (outdoorC <= xs[0]) c = ys[0];
  else if (outdoorC >= xs[n - 1]) c = ys[n - 1];
  else {
    let i = 1;
    while (xs[i] < outdoorC) i++;
    const f = (outdoorC - xs[i - 1]) / (xs[i] - xs[i - 1]);
    c = ys[i - 1] + f * (ys[i] - ys[i - 1]);
  }
  return clamp(c + offsetK, curve.minC, curve.maxC);
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
