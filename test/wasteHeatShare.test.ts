/**
 * The waste-heat share and the storage's bookkeeping of where its heat came from (plant/storage.ts,
 * plant/plants.ts, ledger.ts), against hand calculations:
 *   share = 100 · waste heat into the network / heat into the network (units and storage, net),
 *   a store's waste part W: charging adds f_c·Q_c·dt, losses and discharge take heat at f = W / E.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../shared/scenario/validate';
import { storageSchema, type StorageSpec } from '../shared/scenario/schema';
import { dateToS, DAY_S } from '../server/sim/calendar';
import { compileScenario } from '../server/sim/compile';
import {
  createOperatorInputs,
  createSimulation,
  restoreSnapshot,
  stepSimulation,
  summarizeSimulation,
  takeSnapshot,
} from '../server/sim';
import { FLOW, wasteHeatSharePct } from '../server/sim/ledger';
import { settlePlant, type Plant, type StorageUnit } from '../server/sim/plant/plants';
import { createStorageState, stepStorage, storageHotHeatJ, storageWasteFraction } from '../server/sim/plant/storage';
import { WATER_CP_J_PER_KG_K, WATER_DENSITY_KG_PER_M3, waterHeatJPerKg } from '../server/sim/water';
import { smallCity } from './fixtures/smallCity';

const model = compileScenario(parseScenario(smallCity()));
const HOUR_S = 3600;
const RHO_CP = WATER_DENSITY_KG_PER_M3 * WATER_CP_J_PER_KG_K;
const RETURN_C = 50;
const SUPPLY_C = 80;

/**
 * The small city's main plant (data-centre heat pumps, electric and gas boilers, a tank) with every unit idle
 * and the tank empty and lossless, so each test sets the heat by hand.
 */
function mainPlant(): { plant: Plant; tank: StorageUnit; set: (id: string, heatW: number) => void } {
  const sim = createSimulation(model, { startS: dateToS('2025-01-10') });
  const plant = sim.state.plants.find((p) => p.isMain)!;
  const tank = plant.units.find((u): u is StorageUnit => u.kind === 'storage')!;
  tank.spec = { ...tank.spec, initialSoc: 0, lossWPerK: 0, maxChargeW: 10e6, maxDischargeW: 10e6 };
  tank.state = createStorageState(tank.spec, SUPPLY_C);
  for (const u of plant.units) if (u.kind !== 'storage') u.heatW = 0;
  const set = (id: string, heatW: number) => (plant.units.find((u) => u.id === id)!.heatW = heatW);
  return { plant, tank, set };
}

/** Settles the plant for one step with a flow that needs `needW` from return to supply. */
function settle(plant: Plant, needW: number, dtS: number, networkWasteFraction = 0): void {
  plant.flowKgS = needW / waterHeatJPerKg(RETURN_C, SUPPLY_C);
  settlePlant(plant, RETURN_C, SUPPLY_C, 'auto', networkWasteFraction, dtS);
}

const plantSharePct = (p: Plant) => wasteHeatSharePct(p.wasteHeatToNetworkW, p.heatToNetworkW);

describe('storage by the origin of its heat', () => {
  it('a store charged only from waste heat gives back 100 % waste heat', () => {
    const { plant, tank, set } = mainPlant();
    set('dc-hp1', 1e6);
    settle(plant, 0, HOUR_S); // no flow to heat: the data centre's 1 MW goes into the tank
    expect(tank.heatW).toBe(-1e6);
    expect(tank.state.wasteJ).toBeCloseTo(3.6e9, 0);
    expect(storageWasteFraction(tank.spec, tank.state)).toBeCloseTo(1, 12);
    expect(plant.heatToNetworkW).toBe(0);
    expect(plant.wasteHeatToNetworkW).toBeCloseTo(0, 6); // charging took it all out of the producers' mix
    set('dc-hp1', 0);
    settle(plant, 0.5e6, HOUR_S);
    expect(tank.heatW).toBeCloseTo(0.5e6, 6);
    expect(plant.heatToNetworkW).toBeCloseTo(0.5e6, 6);
    expect(plantSharePct(plant)).toBeCloseTo(100, 9);
  });

  it('a store charged half from gas, half from waste heat gives back 50 %', () => {
    const { plant, tank, set } = mainPlant();
    set('dc-hp1', 0.5e6);
    set('gas', 0.5e6);
    settle(plant, 0, HOUR_S);
    expect(tank.heatW).toBe(-1e6);
    expect(tank.state.wasteHeatW).toBeCloseTo(-0.5e6, 6);
    set('dc-hp1', 0);
    set('gas', 0);
    settle(plant, 0.8e6, HOUR_S);
    expect(plantSharePct(plant)).toBeCloseTo(50, 9);
    expect(tank.state.wasteJ).toBeCloseTo(0.5 * 0.2e6 * HOUR_S, 0); // 0.2 MWh left, half of it waste heat
  });

  it('mixes charges by energy: 3.6 GJ of waste heat and 1.8 GJ of gas heat give back 2/3 waste heat', () => {
    const { plant, tank, set } = mainPlant();
    set('dc-hp1', 1e6);
    settle(plant, 0, HOUR_S);
    set('dc-hp1', 0);
    set('gas', 0.5e6);
    settle(plant, 0, HOUR_S);
    expect(storageWasteFraction(tank.spec, tank.state)).toBeCloseTo(3.6 / 5.4, 12);
    set('gas', 0);
    settle(plant, 1e6, HOUR_S);
    expect(plantSharePct(plant)).toBeCloseTo((100 * 2) / 3, 9);
  });

  it('counts the content it started with as not waste heat (unknown origin)', () => {
    const { plant, tank, set } = mainPlant();
    tank.state = createStorageState({ ...tank.spec, initialSoc: 0.5 }, SUPPLY_C);
    const e0 = tank.state.energyJ; // 100 m3 at 80 °C over 45 °C
    expect(tank.state.wasteJ).toBe(0);
    set('dc-hp1', 1e6);
    settle(plant, 0, HOUR_S);
    expect(storageWasteFraction(tank.spec, tank.state)).toBeCloseTo(3.6e9 / (e0 + 3.6e9), 12);
  });

  it('standing losses take heat at the store\'s fraction, which stays as it was', () => {
    const spec: StorageSpec = storageSchema.parse({
      id: 's',
      kind: 'storage',
      volumeM3: 10_000,
      maxChargeW: 50e6,
      maxDischargeW: 60e6,
      lossWPerK: 2_000,
      initialSoc: 0,
    });
    const st = createStorageState(spec, 90);
    // 10 h at 40 MW, lossless, from 45 °C to 90 °C, 30 % of it waste heat: V_hot = 1.44e12 J / (rho·cp·45 K).
    const lossless = { ...spec, lossWPerK: 0 };
    for (let h = 0; h < 10; h++) stepStorage(lossless, st, -40e6, 90, 10, HOUR_S, 0.3);
    const hotM3 = (40e6 * 10 * HOUR_S) / (RHO_CP * 45);
    expect(st.hotVolumeM3).toBeCloseTo(hotM3, 6);
    expect(st.wasteJ / (0.3 * 1.44e12)).toBeCloseTo(1, 12);
    // 30 idle days at 8 °C: the hot layer decays as T = 8 + (90 - 8)·exp(-t/tau), tau = rho·V·cp/UA.
    // Idle: the charge's fraction plays no part.
    for (let d = 0; d < 30; d++) stepStorage(spec, st, 0, 90, 8, DAY_S, 0.9);
    const hotC = 8 + 82 * Math.exp(-(30 * DAY_S * 2_000) / (RHO_CP * 10_000));
    expect(st.hotC).toBeCloseTo(hotC, 9);
    expect(storageWasteFraction(spec, st)).toBeCloseTo(0.3, 12);
    expect(st.wasteJ / (0.3 * RHO_CP * hotM3 * (hotC - 45))).toBeCloseTo(1, 9);
  });

  it('a tank charging more than its plant makes (valve stuck) draws the rest at the network\'s fraction', () => {
    const { plant, tank, set } = mainPlant();
    set('gas', 0.25e6);
    tank.state.stuckW = -1e6;
    settle(plant, 0, HOUR_S, 1);
    // 0.25 MW of gas heat from its own plant, 0.75 MW of network water that is all waste heat.
    expect(tank.heatW).toBe(-1e6);
    expect(storageWasteFraction(tank.spec, tank.state)).toBeCloseTo(0.75, 12);
    expect(plant.heatToNetworkW).toBeCloseTo(-0.75e6, 6);
    expect(plant.wasteHeatToNetworkW).toBeCloseTo(-0.75e6, 6);
  });

  it('curtailed heat leaves the plant\'s mix in proportion', () => {
    const { plant, tank, set } = mainPlant();
    set('dc-hp1', 1e6);
    set('gas', 1e6);
    tank.state.stuckW = 0; // pinned: takes nothing
    // A flow that can carry 1.5 MW up to the set-point + 15 K: 0.5 MW is curtailed.
    plant.flowKgS = 1.5e6 / waterHeatJPerKg(RETURN_C, SUPPLY_C + 15);
    settlePlant(plant, RETURN_C, SUPPLY_C, 'auto', 0, HOUR_S);
    expect(plant.curtailedW).toBeCloseTo(0.5e6, 3);
    expect(plant.heatToNetworkW).toBeCloseTo(1.5e6, 3);
    expect(plant.wasteHeatToNetworkW).toBeCloseTo(0.75e6, 3);
  });
});

describe('the waste-heat share over a year (small city)', () => {
  /** A year at 600 s steps: the ledger's per-step flows summed, and the tank's waste heat in and out. */
  function year(lossless: boolean) {
    const input = smallCity();
    if (lossless) {
      const tank = input.plants.flatMap((p) => p.units).find((u) => u.kind === 'storage')!;
      tank.lossWPerK = 0;
    }
    const m = lossless ? compileScenario(parseScenario(input)) : model;
    const sim = createSimulation(m, { startS: dateToS('2025-01-01') });
    const inputs = createOperatorInputs(m);
    const tank = sim.state.units.find((u): u is StorageUnit => u.kind === 'storage')!;
    const stepS = 600;
    const t = { wasteJ: 0, heatJ: 0, chargedWasteJ: 0, dischargedWasteJ: 0, lostJ: 0, worstExcessJ: 0 };
    for (let i = 0; i < (365 * DAY_S) / stepS; i++) {
      stepSimulation(sim, inputs, stepS);
      const step = sim.outputs.ledger.step;
      t.wasteJ += step[FLOW.wasteHeatToNetworkW] * stepS;
      t.heatJ += step[FLOW.heatToNetworkW] * stepS;
      const st = tank.state;
      if (st.heatW < 0) t.chargedWasteJ -= st.wasteHeatW * stepS;
      else t.dischargedWasteJ += st.wasteHeatW * stepS;
      t.lostJ += st.lossW * stepS;
      // Never more waste heat in the tank than its hot layer holds.
      t.worstExcessJ = Math.max(t.worstExcessJ, st.wasteJ - Math.max(0, storageHotHeatJ(tank.spec, st)), -st.wasteJ);
    }
    return { s: summarizeSimulation(sim), t, tankWasteJ: tank.state.wasteJ };
  }

  it('is sum(waste heat into the network) / sum(heat into it); the tank never makes waste heat; balance holds', () => {
    const { s, t, tankWasteJ } = year(false);
    expect(s.heatToNetworkMWh).toBeGreaterThan(500);
    expect(s.wasteHeatToNetworkMWh).toBeGreaterThan(0);
    expect(s.wasteHeatSharePct).toBeCloseTo((100 * t.wasteJ) / t.heatJ, 9);
    expect(s.wasteHeatSharePct).toBeGreaterThan(0);
    expect(s.wasteHeatSharePct).toBeLessThan(100);
    expect(t.chargedWasteJ).toBeGreaterThan(1e9); // the tank did take waste heat, and give it back
    expect(t.dischargedWasteJ).toBeGreaterThan(1e9);
    expect(t.worstExcessJ).toBeLessThan(1e-3);
    // Waste heat the tank lost: what went in less what came out and what it still holds, no more than all its
    // standing losses (those of the hot layer, and the cold layer's that charging makes good).
    const wasteLostJ = t.chargedWasteJ - t.dischargedWasteJ - tankWasteJ;
    expect(wasteLostJ).toBeGreaterThan(-1e-6 * t.chargedWasteJ);
    expect(wasteLostJ).toBeLessThanOrEqual(t.lostJ * (1 + 1e-9));
    expect(Math.abs(s.balanceErrorPct)).toBeLessThan(0.1);
  }, 120_000);

  it('a lossless tank gives back exactly the waste heat it took, less what it still holds', () => {
    const { t, tankWasteJ } = year(true);
    expect(t.lostJ).toBe(0);
    expect(t.chargedWasteJ).toBeGreaterThan(1e9);
    expect(Math.abs(t.chargedWasteJ - t.dischargedWasteJ - tankWasteJ) / t.chargedWasteJ).toBeLessThan(1e-9);
  }, 120_000);

  it('keeps the tank\'s waste heat through a snapshot: a restored run continues bit for bit', () => {
    const sim = createSimulation(model, { startS: dateToS('2025-01-10') });
    const inputs = createOperatorInputs(model);
    const tankOf = (s: typeof sim) => s.state.units.find((u): u is StorageUnit => u.kind === 'storage')!;
    for (let i = 0; i < 300; i++) stepSimulation(sim, inputs, 60);
    const snap = structuredClone(takeSnapshot(sim));
    expect(tankOf(sim).state.wasteJ).toBeGreaterThan(0);
    for (let i = 0; i < 200; i++) stepSimulation(sim, inputs, 60);
    const fresh = createSimulation(model, { startS: 0 });
    restoreSnapshot(fresh, snap);
    for (let i = 0; i < 200; i++) stepSimulation(fresh, inputs, 60);
    expect(tankOf(fresh).state.wasteJ).toBe(tankOf(sim).state.wasteJ);
    expect(fresh.state.ledger.total[FLOW.wasteHeatToNetworkW]).toBe(sim.state.ledger.total[FLOW.wasteHeatToNetworkW]);
  });
});
