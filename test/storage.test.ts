import { describe, it, expect } from 'vitest';
import { storageSchema } from '../shared/scenario/schema';
import type { StorageSpec } from '../shared/scenario/schema';
import { createRng } from '../server/sim/random';
import { WATER_CP_J_PER_KG_K, WATER_DENSITY_KG_PER_M3 } from '../server/sim/water';
import { createStorageState, stepStorage } from '../server/sim/plant/storage';

const RHO_CP = WATER_DENSITY_KG_PER_M3 * WATER_CP_J_PER_KG_K;

function spec(over: Record<string, unknown> = {}): StorageSpec {
  return storageSchema.parse({
    id: 's',
    kind: 'storage',
    volumeM3: 10_000,
    maxChargeW: 50e6,
    maxDischargeW: 60e6,
    lossWPerK: 5_000,
    ...over,
  });
}

describe('storage energy bookkeeping', () => {
  it('conserves energy over charge/discharge cycles: E_end - E_start = charged - discharged - losses', () => {
    const s = spec({ initialSoc: 0.3 });
    const st = createStorageState(s, 90);
    const rng = createRng(7).fork('storage-test');
    const e0 = st.energyJ;
    let chargedJ = 0;
    let dischargedJ = 0;
    let lostJ = 0;
    const dtS = 600;
    for (let i = 0; i < 5_000; i++) {
      // slow cycles plus noise, so the store hits both ends now and then
      const requestW = 70e6 * Math.sin(i / 150) + 20e6 * (rng.next() - 0.5);
      const chargeC = 80 + 15 * rng.next();
      const heatW = stepStorage(s, st, requestW, chargeC, 5 + 10 * rng.next(), dtS, 0);
      if (heatW > 0) dischargedJ += heatW * dtS;
      else chargedJ -= heatW * dtS;
      lostJ += st.lossW * dtS;
      expect(st.soc).toBeGreaterThanOrEqual(0);
      expect(st.soc).toBeLessThanOrEqual(1);
    }
    expect(chargedJ).toBeGreaterThan(1e12); // it really cycled
    expect(lostJ).toBeGreaterThan(0);
    const balance = st.energyJ - e0 - (chargedJ - dischargedJ - lostJ);
    expect(Math.abs(balance) / chargedJ).toBeLessThan(1e-6);
  });

  it('mixes a cooler charge into the hot layer by energy', () => {
    const s = spec({ lossWPerK: 0, initialSoc: 0.01 }); // 100 m3 at 90 °C
    const st = createStorageState(s, 90);
    // 100 m3 more at 70 °C from a 45 °C bottom: Q = rho·cp·100·25 over 1000 s
    const qW = (RHO_CP * 100 * 25) / 1000;
    expect(stepStorage(s, st, -qW, 70, 10, 1000, 0)).toBeCloseTo(-qW, 3);
    expect(st.hotVolumeM3).toBeCloseTo(200, 9);
    expect(st.hotC).toBeCloseTo(80, 9);
  });
});

describe('standing losses', () => {
  it('an idle hot layer decays exponentially to ambient with tau = rho·V·cp/UA, whatever the step', () => {
    const s = spec({ initialSoc: 0.6, lossWPerK: 20_000 });
    const tauS = (RHO_CP * 10_000) / 20_000;
    for (const dtS of [60, 3600]) {
      const st = createStorageState(s, 90);
      const days = 30;
      const steps = (days * 86400) / dtS;
      let lostJ = 0;
      for (let i = 0; i < steps; i++) {
        stepStorage(s, st, 0, 90, 8, dtS, 0);
        lostJ += st.lossW * dtS;
      }
      const t = days * 86400;
      const hotC = 8 + (90 - 8) * Math.exp(-t / tauS);
      const coldC = 8 + (45 - 8) * Math.exp(-t / tauS);
      expect(st.hotC).toBeCloseTo(hotC, 8);
      expect(st.coldC).toBeCloseTo(coldC, 8);
      expect(st.soc).toBeCloseTo(0.6, 12); // losses cool the layers, they don't move the thermocline
      const expectedLossJ = RHO_CP * (6_000 * (90 - hotC) + 4_000 * (45 - coldC));
      expect(lostJ / expectedLossJ).toBeCloseTo(1, 9);
    }
  });

  it('the first-step loss matches UA·[s·(T_hot - Ta) + (1-s)·(T_cold - Ta)]', () => {
    const s = spec({ initialSoc: 0.25, lossWPerK: 10_000 });
    const st = createStorageState(s, 95);
    stepStorage(s, st, 0, 95, 5, 1, 0); // 1 s << tau (about 47 days): the mean loss is the initial rate to ~dt/(2 tau)
    expect(st.lossW / (10_000 * (0.25 * 90 + 0.75 * 40))).toBeCloseTo(1, 6);
  });
});

describe('limits', () => {
  it('honours max charge and discharge rates', () => {
    const s = spec({ lossWPerK: 0 });
    const st = createStorageState(s, 90);
    expect(stepStorage(s, st, 1e9, 90, 10, 60, 0)).toBe(60e6);
    expect(stepStorage(s, st, -1e9, 90, 10, 60, 0)).toBe(-50e6);
  });

  it('stops charging at soc 1 and discharging at soc 0, giving only what the layers hold', () => {
    const s = spec({ lossWPerK: 0, initialSoc: 0.999 });
    const st = createStorageState(s, 90);
    // 10 m3 of room left: 10·rho·cp·(90-45) J
    const roomJ = 10 * RHO_CP * 45;
    const dtS = 3600;
    expect(-stepStorage(s, st, -50e6, 90, 10, dtS, 0) * dtS).toBeCloseTo(roomJ, 0);
    expect(st.soc).toBe(1);
    expect(stepStorage(s, st, -50e6, 90, 10, dtS, 0)).toBe(0);
    expect(st.soc).toBe(1);
    // now empty it
    const fullJ = st.energyJ;
    expect(fullJ).toBeCloseTo(10_000 * RHO_CP * 45, 0);
    let outJ = 0;
    for (let i = 0; i < 100; i++) outJ += stepStorage(s, st, 60e6, 90, 10, dtS, 0) * dtS;
    expect(st.soc).toBe(0);
    expect(outJ).toBeCloseTo(fullJ, 0);
    expect(stepStorage(s, st, 60e6, 90, 10, dtS, 0)).toBe(0);
  });

  it('cannot be charged with water no hotter than its cold layer', () => {
    const s = spec({ lossWPerK: 0 });
    const st = createStorageState(s, 90);
    expect(stepStorage(s, st, -10e6, 45, 10, 60, 0)).toBe(0);
    expect(stepStorage(s, st, -10e6, 40, 10, 60, 0)).toBe(0);
  });
});

describe('Nuijala (reference: Fortum Espoo, 800 MWh heat accumulator)', () => {
  it('a store sized by volume for 800 MWh at 95/45 °C takes and gives back ~800 MWh', () => {
    const capacityJ = 800e6 * 3600;
    const volumeM3 = capacityJ / (RHO_CP * (95 - 45)); // about 14,200 m3
    expect(volumeM3).toBeGreaterThan(14_000);
    expect(volumeM3).toBeLessThan(14_400);
    const s = spec({ volumeM3, maxChargeW: 50e6, maxDischargeW: 50e6, lossWPerK: 0, initialSoc: 0, coldC: 45 });
    const st = createStorageState(s, 95);
    let inJ = 0;
    for (let h = 0; h < 24; h++) inJ -= stepStorage(s, st, -50e6, 95, 10, 3600, 0) * 3600;
    expect(st.soc).toBe(1);
    expect(inJ / 3.6e9).toBeCloseTo(800, 6); // MWh
    expect(st.energyJ / 3.6e9).toBeCloseTo(800, 6);
    let outJ = 0;
    for (let h = 0; h < 24; h++) outJ += stepStorage(s, st, 50e6, 95, 10, 3600, 0) * 3600;
    expect(outJ / 3.6e9).toBeCloseTo(800, 6);
  });
});
