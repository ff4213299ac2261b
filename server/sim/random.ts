/**
 * Seeded pseudo-random numbers: the simulation's only source of randomness, so the same seed gives the
 * same run to the bit. mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32, passes
 * gjrand/PractRand to 2^32 — ample for weather noise and load jitter. Normals by Box-Muller.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (mean 0, sd 1). */
  normal(): number;
  /** An independent stream derived from this one's seed and a label, for one model each. */
  fork(label: string): Rng;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  let spare = NaN;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      if (!Number.isNaN(spare)) {
        const s = spare;
        spare = NaN;
        return s;
      }
      const u = 1 - next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    fork(label: string) {
      return createRng(hashSeed(seed, label));
    },
  };
}

/** FNV-1a of the label mixed with the seed: stable across platforms and runs. */
export function hashSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Stationary AR(1) series of `n` values with lag-1 correlation phi and standard deviation sd. */
export function ar1(rng: Rng, n: number, phi: number, sd: number): Float64Array {
  const x = new Float64Array(n);
  const innovation = sd * Math.sqrt(1 - phi * phi);
  x[0] = sd * rng.normal();
  for (let i = 1; i < n; i++) x[i] = phi * x[i - 1] + innovation * rng.normal();
  return x;
}
