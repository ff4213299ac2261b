import { describe, it, expect } from 'vitest';
import { boilerSchema } from '../shared/scenario/schema';
import type { BoilerSpec } from '../shared/scenario/schema';
import {
  boilerEfficiency,
  createBoilerState,
  ELECTRIC_MIN_RAMP_PER_S,
  STANDING_LOSS_SHARE,
  stepBoiler,
  type BoilerState,
} from '../server/sim/plant/boiler';

function spec(over: Record<string, unknown> = {}): BoilerSpec {
  return boilerSchema.parse({ id: 'b', kind: 'boiler', fuel: 'gas', capacityW: 20e6, efficiency: 0.92, ...over });
}

/** Two minutes at a constant request, so the second books steady output (the first one's mean includes the ramp). */
function steady(s: BoilerSpec, st: BoilerState, requestW: number): void {
  stepBoiler(s, st, requestW, 60);
  stepBoiler(s, st, requestW, 60);
}

describe('boiler output limits and ramp', () => {
  it('ramps at rampPerS·capacity per second up to the request, capped at capacity', () => {
    const s = spec(); // rampPerS 1/120: 10 MW per minute for a 20 MW boiler
    const st = createBoilerState();
    // each step books its mean: 0 -> 10 MW in the first minute, 10 -> 20 MW in the second
    expect(stepBoiler(s, st, 50e6, 60)).toBeCloseTo(5e6, 6);
    expect(st.levelW).toBeCloseTo(10e6, 6);
    expect(stepBoiler(s, st, 50e6, 60)).toBeCloseTo(15e6, 6);
    expect(stepBoiler(s, st, 50e6, 60)).toBeCloseTo(20e6, 6);
    // down at the same rate: 20 -> 15 MW, 15 -> 5 MW, then 5 -> 4 MW in 6 s and 4 MW for 54 s
    expect(stepBoiler(s, st, 4e6, 30)).toBeCloseTo(17.5e6, 6);
    expect(stepBoiler(s, st, 4e6, 60)).toBeCloseTo(10e6, 6);
    expect(stepBoiler(s, st, 4e6, 60)).toBeCloseTo((4.5e6 * 6 + 4e6 * 54) / 60, 6);
    expect(st.levelW).toBeCloseTo(4e6, 6);
  });

  it('is off below min part load and stops at once', () => {
    const s = spec({ minPartLoad: 0.25, rampPerS: 1 });
    const st = createBoilerState();
    expect(stepBoiler(s, st, 4.9e6, 60)).toBe(0);
    stepBoiler(s, st, 5e6, 60);
    expect(stepBoiler(s, st, 5e6, 60)).toBeCloseTo(5e6, 6);
    expect(stepBoiler(s, st, 4e6, 1)).toBe(0);
    expect(st.levelW).toBe(0);
    expect(st.fuelW).toBe(0);
    expect(st.efficiency).toBe(0);
  });

  it('electric boilers ramp fast even with the slow default ramp', () => {
    const s = spec({ fuel: 'electric', efficiency: 0.99 });
    const st = createBoilerState();
    const heatW = stepBoiler(s, st, 20e6, 30);
    expect(heatW).toBeCloseTo((20e6 * ELECTRIC_MIN_RAMP_PER_S * 30) / 2, 6); // the mean of the first half-minute's ramp
    stepBoiler(s, st, 20e6, 30);
    expect(st.levelW).toBeCloseTo(20e6, 6); // full load within a minute
  });

  it('operator force and availability', () => {
    const s = spec({ rampPerS: 1 });
    const st = createBoilerState();
    st.force = 'on';
    stepBoiler(s, st, 0, 60);
    expect(stepBoiler(s, st, 0, 60)).toBe(20e6);
    st.force = 'off';
    expect(stepBoiler(s, st, 20e6, 60)).toBe(0);
    st.force = 'auto';
    st.available = false;
    expect(stepBoiler(s, st, 20e6, 60)).toBe(0);
    st.available = true;
    stepBoiler(s, st, 12e6, 60);
    expect(stepBoiler(s, st, 12e6, 60)).toBe(12e6);
    expect(stepBoiler(s, st, NaN, 60)).toBe(0);
  });
});

describe('boiler energy', () => {
  it('full load: fuel = heat / efficiency exactly as specified (LHV)', () => {
    const s = spec({ rampPerS: 1 });
    const st = createBoilerState();
    steady(s, st, 20e6);
    expect(st.efficiency).toBeCloseTo(0.92, 12);
    expect(st.fuelW).toBeCloseTo(20e6 / 0.92, 4);
    expect(st.electricityW).toBe(0);
  });

  it('part load follows the standing-loss curve eta_full·PLR(1+s)/(PLR+s), worked by hand', () => {
    const s = spec({ rampPerS: 1, minPartLoad: 0.1 });
    const st = createBoilerState();
    steady(s, st, 2e6); // PLR 0.1
    const eta = (0.92 * 0.1 * (1 + STANDING_LOSS_SHARE)) / (0.1 + STANDING_LOSS_SHARE);
    expect(eta).toBeCloseTo(0.8447, 4); // 0.92 · 0.101 / 0.11
    expect(st.efficiency).toBeCloseTo(eta, 12);
    expect(st.fuelW * st.efficiency).toBeCloseTo(2e6, 4);
    // the standing loss is a constant s·cap/eta_c of fuel: fuel(PLR) - heat/eta_c is the same at any load
    const etaC = 0.92 * (1 + STANDING_LOSS_SHARE);
    const standingFuelW = (STANDING_LOSS_SHARE * 20e6) / etaC;
    for (const plr of [0.1, 0.5, 1]) {
      const heatW = plr * 20e6;
      expect(heatW / boilerEfficiency(s, plr) - heatW / etaC).toBeCloseTo(standingFuelW, 4);
    }
  });

  it('electric boiler: electricity = heat / efficiency, no fuel', () => {
    const s = spec({ fuel: 'electric', efficiency: 0.99, rampPerS: 1, capacityW: 50e6 });
    const st = createBoilerState();
    steady(s, st, 50e6);
    expect(st.heatW).toBe(50e6);
    expect(st.fuelW).toBe(0);
    expect(st.electricityW).toBeCloseTo(50e6 / 0.99, 4);
  });
});
