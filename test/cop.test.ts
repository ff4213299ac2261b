import { describe, it, expect } from 'vitest';
import { carnotCop, logMeanK, lorenzCop, MAX_COP, MIN_COP } from '../server/sim/plant/cop';

// Formulas and typical values: docs/reference-figures.md, Heat pumps.
describe('carnotCop', () => {
  it('matches eta·T_sink/(T_sink - T_source) in kelvin, worked by hand', () => {
    // 90 °C sink, 30 °C source, eta 0.5: 0.5 · 363.15 / 60 = 3.02625
    expect(carnotCop(90, 30, 0.5)).toBeCloseTo(3.02625, 10);
    // Air source, eta 0.4: 70 °C sink, -10 °C air: 0.4 · 343.15 / 80 = 1.715750
    expect(carnotCop(70, -10, 0.4)).toBeCloseTo(1.71575, 10);
  });

  it('is held in [1, 15] for tiny, zero, negative or absurd lifts, never Infinity or NaN', () => {
    for (const [sink, src] of [[50, 50], [50, 49.999], [40, 60], [95, -60], [NaN, 10]] as const) {
      const cop = carnotCop(sink, src, 0.5);
      expect(Number.isFinite(cop)).toBe(true);
      expect(cop).toBeGreaterThanOrEqual(MIN_COP);
      expect(cop).toBeLessThanOrEqual(MAX_COP);
    }
    expect(carnotCop(50, 50, 0.5)).toBe(MAX_COP);
    expect(carnotCop(40, 60, 0.5)).toBe(MAX_COP);
    // eta 0.2 over a 150 K lift would give 0.89 < 1: a compressor always delivers at least its electricity as heat.
    expect(carnotCop(95, -55, 0.2)).toBe(MIN_COP);
  });
});

describe('logMeanK', () => {
  it('matches (Tin - Tout)/ln(Tin/Tout) worked by hand', () => {
    // 80 °C -> 40 °C: 40 / ln(353.15/313.15) = 40 / 0.120212... = 332.745... K
    const expected = 40 / Math.log(353.15 / 313.15);
    expect(logMeanK(80, 40)).toBeCloseTo(expected, 9);
    expect(expected).toBeCloseTo(332.7, 0);
    // symmetric in direction
    expect(logMeanK(40, 80)).toBeCloseTo(expected, 9);
  });

  it('is the temperature itself for equal ends and continuous near them', () => {
    expect(logMeanK(35, 35)).toBeCloseTo(308.15, 12);
    expect(logMeanK(35 + 1e-9, 35)).toBeCloseTo(308.15, 8);
    // Taylor: T_lm = mean - d^2/(12 mean) for a small spread d
    const lm = logMeanK(36, 34);
    expect(lm).toBeCloseTo(308.15 - 4 / (12 * 308.15), 8);
  });
});

describe('lorenzCop', () => {
  it('reduces to Carnot for zero glides', () => {
    for (const [sink, src, eta] of [[90, 30, 0.5], [85, 10, 0.55], [70, -15, 0.4]] as const) {
      expect(lorenzCop(sink, sink, src, src, eta)).toBeCloseTo(carnotCop(sink, src, eta), 10);
    }
  });

  it('uses the log-mean temperatures of both streams', () => {
    const sink = logMeanK(50, 90);
    const src = logMeanK(30, 25);
    expect(lorenzCop(50, 90, 30, 25, 0.5)).toBeCloseTo((0.5 * sink) / (sink - src), 10);
  });

  it('is finite and capped for vanishing lifts', () => {
    const cop = lorenzCop(30, 30, 30, 30, 0.5);
    expect(cop).toBe(MAX_COP);
    expect(Number.isFinite(lorenzCop(30, 31, 40, 35, 0.5))).toBe(true);
  });
});

describe('DH heat pump on data-centre water (reference: COP 2.5-3.5 from 25-35 °C water to an 80-95 °C network)', () => {
  // Data-centre cooling water enters the evaporator at 35 °C and leaves at 25 °C; eta 0.5.
  it('Carnot on outlet temperatures: 80-95 °C outlet gives 2.5-3.5', () => {
    for (const sinkOut of [80, 85, 90, 95]) {
      const cop = carnotCop(sinkOut, 25, 0.5);
      expect(cop).toBeGreaterThanOrEqual(2.5);
      expect(cop).toBeLessThanOrEqual(3.5);
    }
  });

  it('Lorenz with a 10-15 K condenser glide (staged DH units) to 85-95 °C gives 2.5-3.5', () => {
    for (const [sinkIn, sinkOut] of [[80, 90], [85, 95], [80, 95], [75, 90]] as const) {
      const cop = lorenzCop(sinkIn, sinkOut, 35, 25, 0.5);
      expect(cop).toBeGreaterThanOrEqual(2.5);
      expect(cop).toBeLessThanOrEqual(3.5);
    }
  });
});
