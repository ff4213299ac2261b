/**
 * Faulty substations (server/sim/consumers/substationFaults.ts, scenario `network.substationFaults`).
 * - Which substations are faulty: exactly round(share · n) of the connected ones, each short-circuiting
 *   shortCircuitShare of its design flow, drawn from the seed (the same seed gives the same set).
 * - A short circuit passes supply water to the return unchanged, so a building's heat m·(h(T_s) - h(T_r)) is what it
 *   was and the return is the mix by enthalpy: h = (m·h(T_r) + m_sc·h(T_s))/(m + m_sc).
 * - The default scenario's returns at the main plant land in docs/reference-figures.md (Network:
 *   "Return about 45-55 °C", Helen) in winter and in summer; without the faults they would not (winter ~38 °C).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../shared/scenario/schema';
import { parseScenario } from '../shared/scenario/validate';
import { shortCircuitFlowsKgS } from '../server/sim/consumers/substationFaults';
import { createRng } from '../server/sim/random';
import { compileScenario } from '../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation } from '../server/sim';
import { DAY_S, dateToS } from '../server/sim/calendar';
import { waterEnthalpyJPerKg, waterHeatJPerKg, waterTemperatureFromEnthalpyC } from '../server/sim/water';
import { smallCity } from './fixtures/smallCity';

describe('shortCircuitFlowsKgS', () => {
  const design = Float64Array.from({ length: 40 }, (_, i) => 0.5 + 0.1 * i);
  // Every fifth building is not connected.
  const node = Int32Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? -1 : i));

  it('faults exactly round(share · connected) substations, each by shortCircuitShare of its design flow', () => {
    const flows = shortCircuitFlowsKgS({ share: 0.74, shortCircuitShare: 0.15 }, design, node, createRng(3));
    const faulty = Array.from(flows.keys()).filter((i) => flows[i] > 0);
    expect(faulty).toHaveLength(Math.round(0.74 * 32));
    for (const i of faulty) {
      expect(node[i]).toBeGreaterThanOrEqual(0);
      expect(flows[i]).toBe(0.15 * design[i]);
    }
  });

  it('draws the set from the seed', () => {
    const spec = { share: 0.5, shortCircuitShare: 0.2 };
    const a = shortCircuitFlowsKgS(spec, design, node, createRng(1));
    expect(shortCircuitFlowsKgS(spec, design, node, createRng(1))).toEqual(a);
    expect(shortCircuitFlowsKgS(spec, design, node, createRng(2))).not.toEqual(a);
  });

  it('is all zero without faults', () => {
    for (const spec of [undefined, { share: 0, shortCircuitShare: 0.2 }, { share: 1, shortCircuitShare: 0 }]) {
      expect(Array.from(shortCircuitFlowsKgS(spec, design, node, createRng(1))).every((f) => f === 0)).toBe(true);
    }
  });
});

function start(scenario: Scenario, from: string) {
  const model = compileScenario(scenario);
  const sim = createSimulation(model, { startS: dateToS(from), seed: scenario.simulation.seed });
  return { model, sim, inputs: createOperatorInputs(model) };
}

describe('a short circuit in the engine', () => {
  it('mixes supply water into the return and leaves the heat delivered unchanged', () => {
    const input = smallCity();
    const substationFaults = { share: 1, shortCircuitShare: 0.2 };
    const faulty = parseScenario({ ...input, network: { ...input.network, substationFaults } });
    const { model, sim, inputs } = start(faulty, '2025-02-01');
    for (let k = 0; k < 180; k++) stepSimulation(sim, inputs, 60);
    let checked = 0;
    for (let i = 0; i < model.buildings.count; i++) {
      const n = model.buildingNode[i];
      const leak = model.shortCircuitKgS[i] * Math.min(1, sim.outputs.pump.flowFactor);
      const m = sim.outputs.substationFlowKgS[i];
      if (n < 0 || !(leak > 0) || model.prosumers.some((p) => p.building === i)) continue;
      expect(leak).toBeCloseTo(0.2 * model.substations.designMassFlowKgS[i], 12);
      const ts = sim.outputs.buildingSupplyC[i];
      // Without the leak the substation's own flow would be m - leak at T_r0; (m - leak)·(h(T_s) - h(T_r0)) is the
      // heat it planned, which the mixed return must keep.
      const tr = sim.outputs.substationReturnC[i];
      const tr0 = waterTemperatureFromEnthalpyC((m * waterEnthalpyJPerKg(tr) - leak * waterEnthalpyJPerKg(ts)) / (m - leak));
      expect(tr0).toBeLessThan(tr);
      expect(m * waterHeatJPerKg(tr, ts)).toBeCloseTo((m - leak) * waterHeatJPerKg(tr0, ts), 3);
      expect(sim.outputs.substationDeliveredW[i]).toBeCloseTo((m - leak) * waterHeatJPerKg(tr0, ts), 0);
      checked++;
    }
    expect(checked).toBe(5);
  });
});

describe('the default scenario with its faulty substations', () => {
  const text = readFileSync(resolve(__dirname, '../assets/scenarios/espoo-district.json'), 'utf8');
  const scenario = parseScenario(JSON.parse(text));

  /** Flow-weighted return at the main plant over `days` after a 3-day warm-up (°C), at 300 s steps. */
  function mainReturnC(s: Scenario, from: string, days: number): number {
    const { sim, inputs } = start(s, from);
    const dt = 300;
    for (let k = 0; k < (3 * DAY_S) / dt; k++) stepSimulation(sim, inputs, dt);
    const mainPlant = sim.outputs.plants.find((p) => p.isMain)!;
    let massC = 0;
    let mass = 0;
    for (let k = 0; k < (days * DAY_S) / dt; k++) {
      stepSimulation(sim, inputs, dt);
      massC += mainPlant.flowKgS * mainPlant.returnC;
      mass += mainPlant.flowKgS;
    }
    return massC / mass;
  }

  it('returns 45-55 °C at the main plant in a winter and a summer week, as Helen (reference, Network)', () => {
    expect(scenario.network.substationFaults).toBeDefined();
    for (const from of ['2025-01-20', '2025-07-07']) {
      const returnC = mainReturnC(scenario, from, 7);
      expect(returnC).toBeGreaterThan(45);
      expect(returnC).toBeLessThan(55);
    }
  });

  it('would return colder water in winter if every substation worked as designed', () => {
    const sound = { ...scenario, network: { ...scenario.network, substationFaults: undefined } };
    expect(mainReturnC(sound, '2025-01-20', 7)).toBeLessThan(45);
  });
});
