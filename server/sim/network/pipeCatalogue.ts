/**
 * Pre-insulated steel district heating pipes, insulation series 2, buried.
 * Outer steel diameters and wall thicknesses: EN 253 nominal sizes. Heat loss per metre of one pipe per kelvin
 * above ground, U (W/(m·K)): Brugg PREMANT series 2 as given in docs/reference-figures.md
 * (Network); sizes between the listed ones are interpolated linearly in outer diameter, and sizes outside the
 * table take the nearest listed value (no extrapolation).
 */
export interface CataloguePipe {
  dn: number;
  outerMm: number;
  wallMm: number;
  innerDiameterM: number;
}

const SIZES: ReadonlyArray<[dn: number, outerMm: number, wallMm: number]> = [
  [20, 26.9, 2.6], [25, 33.7, 2.6], [32, 42.4, 2.6], [40, 48.3, 2.6], [50, 60.3, 2.9], [65, 76.1, 2.9],
  [80, 88.9, 3.2], [100, 114.3, 3.6], [125, 139.7, 3.6], [150, 168.3, 4.0], [200, 219.1, 4.5],
  [250, 273.0, 5.0], [300, 323.9, 5.6], [350, 355.6, 5.6], [400, 406.4, 6.3], [450, 457.0, 6.3],
  [500, 508.0, 6.3], [600, 610.0, 7.1], [700, 711.0, 8.0], [800, 813.0, 8.8], [900, 914.0, 10.0], [1000, 1016.0, 11.0],
];

export const PIPE_CATALOGUE: ReadonlyArray<CataloguePipe> = SIZES.map(([dn, outerMm, wallMm]) => ({
  dn,
  outerMm,
  wallMm,
  innerDiameterM: (outerMm - 2 * wallMm) / 1000,
}));

/** Brugg PREMANT series 2 (reference table): steel outer diameter mm -> U W/(m·K). */
const U_TABLE: ReadonlyArray<[outerMm: number, uWPerMK: number]> = [
  [26.9, 0.113], [48.3, 0.165], [60.3, 0.184], [88.9, 0.216], [114.3, 0.225],
  [168.3, 0.295], [219.1, 0.312], [323.9, 0.347], [508, 0.334],
];

export function heatLossForOuterMm(outerMm: number): number {
  if (outerMm <= U_TABLE[0][0]) return U_TABLE[0][1];
  for (let i = 1; i < U_TABLE.length; i++) {
    const [x1, u1] = U_TABLE[i];
    if (outerMm <= x1) {
      const [x0, u0] = U_TABLE[i - 1];
      return u0 + ((u1 - u0) * (outerMm - x0)) / (x1 - x0);
    }
  }
  return U_TABLE[U_TABLE.length - 1][1];
}

/** The catalogue pipe whose inner diameter is closest to the given one. */
export function nearestCataloguePipe(innerDiameterM: number): CataloguePipe {
  let best = PIPE_CATALOGUE[0];
  for (const p of PIPE_CATALOGUE) {
    if (Math.abs(p.innerDiameterM - innerDiameterM) < Math.abs(best.innerDiameterM - innerDiameterM)) best = p;
  }
  return best;
}

/** Default heat loss coefficient for a pipe known only by its inner diameter. */
export function heatLossForInnerDiameter(innerDiameterM: number): number {
  return heatLossForOuterMm(nearestCataloguePipe(innerDiameterM).outerMm);
}
