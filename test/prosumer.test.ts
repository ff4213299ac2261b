/**
 * A prosumer's condenser water: its own use heats the building's radiator return, its export heats return water
 * drawn at its node, first its building's own return and then water brought along the return main.
 */
import { describe, expect, it } from 'vitest';
import { heatPumpSchema, sourceSchema } from '../shared/scenario/schema';
import { dateToS } from '../server/sim/calendar';
import { compileScenario } from '../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation } from '../server/sim';
import { condenserInletC, createProsumer, exportFlowKgS, exportInletC } from '../server/sim/consumers/prosumer';
import { HP_TRIPPED } from '../server/sim/plant/heatPump';
import { loadScenario } from '../server/scenarios/load';
import { waterEnthalpyJPerKg } from '../server/sim/water';

/** A covered building's substation passes its fault leak, near the supply temperature; the main brings 45 °C. */
const WATER = { buildingKgS: 0.05, buildingC: 85, mainC: 45 };

function prosumer() {
  const p = createProsumer({
    building: 0,
    node: 0,
    source: sourceSchema.parse({ id: 'dc', kind: 'datacentre', itLoadW: 1e6, coolingType: 'liquid', dailySwing: 0, weeklySwing: 0 }),
    heatPump: heatPumpSchema.parse({ id: 'hp', kind: 'heatPump', source: 'dc', capacityW: 150e3, maxSinkC: 85 }),
    exports: true,
  });
  Object.assign(p.water, WATER);
  p.heatingReturnC = 40;
  return p;
}

describe('the water a prosumer export draws', () => {
  it('is its building’s own return while the export is smaller than that flow', () => {
    // An export below the building's 0.05 kg/s takes only the building's water.
    expect(exportInletC(WATER, 0.03)).toBe(85);
    const w = { ...WATER, buildingC: 50 };
    // 2 kW from 50 °C to 80 °C: 2000 / (4190 · 30) ≈ 0.0159 kg/s, all of it the building's.
    const m = exportFlowKgS(w, 2e3, 80);
    expect(m).toBeCloseTo(2e3 / (4190 * 30), 3);
    expect(exportInletC(w, m)).toBe(50);
  });

  it('mixes the building’s return with water from the main beyond it, worked by hand', () => {
    // 100 kW to 80 °C: m·cp·80 = Q + 0.05·cp·85 + (m - 0.05)·cp·45, so with cp ≈ 4.19 kJ/(kg K)
    //   m = (100000 + 0.05·4190·40) / (4190·35) = 0.739 kg/s, drawn at (0.05·85 + 0.689·45) / 0.739 = 47.7 °C.
    const m = exportFlowKgS(WATER, 100e3, 80);
    expect(m).toBeCloseTo(0.739, 2);
    expect(exportInletC(WATER, m)).toBeCloseTo(47.7, 1);
    // Exactly, by enthalpy: the water drawn, heated to 80 °C, takes up the export.
    const h = waterEnthalpyJPerKg;
    const takenJ = 0.05 * (h(80) - h(85)) + (m - 0.05) * (h(80) - h(45));
    expect(takenJ / 100e3).toBeCloseTo(1, 12);
  });
});

describe("a prosumer's condenser inlet", () => {
  it('mixes its own-use water (radiator return) with the export’s water by flow, worked by hand', () => {
    // Own use 30 kW from 40 °C to 80 °C: 30000 / (4190·40) = 0.179 kg/s; export 100 kW: 0.739 kg/s at 47.7 °C.
    //   inlet = (0.179·40 + 0.739·47.7) / 0.918 = 46.2 °C.
    const p = prosumer();
    expect(condenserInletC(p, 30e3, 100e3, 80)).toBeCloseTo(46.2, 1);
    // Covering its building alone, the condenser sees only the radiator return, not the leak water at 85 °C.
    expect(condenserInletC(p, 30e3, 0, 80)).toBeCloseTo(40, 9);
    // A building that does not export takes none of the network's water.
    p.exports = false;
    expect(condenserInletC(p, 30e3, 100e3, 80)).toBeCloseTo(40, 9);
  });
});

describe('the default scenario’s supermarket prosumer at 30 s steps', () => {
  it('starts up through covering its own building without tripping for return water too hot', () => {
    // Its building's substation is leaky: once the heat pump covers the building, the substation passes only
    // water near the supply temperature, and a heat pump reading that as its inlet tripped within minutes.
    const loaded = loadScenario('espoo-district');
    const model = compileScenario(loaded.scenario, { epwText: loaded.epwText, seed: 1 });
    const sim = createSimulation(model, { startS: dateToS('2025-01-13') });
    const inputs = createOperatorInputs(model);
    const p = sim.state.prosumers.find((q) => q.source.kind === 'supermarket')!;
    let exportedJ = 0;
    for (let i = 0; i < 240; i++) {
      stepSimulation(sim, inputs, 30);
      expect(p.state.mode, `mode after ${(i + 1) * 30} s`).not.toBe(HP_TRIPPED);
      exportedJ += p.exportW * 30;
    }
    expect(exportedJ, 'it exports once its building is covered').toBeGreaterThan(0);
  });
});
