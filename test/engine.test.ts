/**
 * Whole-engine checks on the small test city: the energy balance closes over a simulated year, and extreme
 * conditions never give NaN, negative absolute temperatures or a crash.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../shared/scenario/schema';
import { parseScenario } from '../shared/scenario/validate';
import { dateToS, DAY_S } from '../server/sim/calendar';
import { compileScenario } from '../server/sim/compile';
import {
  createOperatorInputs,
  createSimulation,
  stepSimulation,
  summarizeSimulation,
  type Simulation,
} from '../server/sim';
import type { OperatorInputs } from '../server/sim/operator';
import { smallCity } from './fixtures/smallCity';
import { FLOW } from '../server/sim/ledger';
import { HEAT_PUMP_SOURCE_KEYS } from '../shared/protocol/heatSources';

function run(input: ScenarioInput, days: number, stepS: number, setup?: (inputs: OperatorInputs, sim: Simulation) => void, from = '2025-01-01') {
  const model = compileScenario(parseScenario(input));
  const sim = createSimulation(model, { startS: dateToS(from) });
  const inputs = createOperatorInputs(model);
  setup?.(inputs, sim);
  const steps = Math.round((days * DAY_S) / stepS);
  for (let i = 0; i < steps; i++) {
    stepSimulation(sim, inputs, stepS);
    if (i % 97 === 0) expectPhysical(sim);
  }
  expectPhysical(sim);
  return { sim, summary: summarizeSimulation(sim) };
}

/** Every dynamic value finite, temperatures above absolute zero and within what water in a network can be. */
function expectPhysical(sim: Simulation): void {
  const arrays: [string, ArrayLike<number>][] = [
    ['indoorC', sim.outputs.indoorC],
    ['demandW', sim.outputs.demandW],
    ['deliveredW', sim.outputs.deliveredW],
    ['substationFlowKgS', sim.outputs.substationFlowKgS],
    ['substationReturnC', sim.outputs.substationReturnC],
    ['pipe mass flow', sim.outputs.massFlowKgS],
    ['supply node °C', sim.outputs.supply.nodeC],
    ['return node °C', sim.outputs.return.nodeC],
    ['ledger step', sim.outputs.ledger.step],
  ];
  for (const [name, values] of arrays) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new Error(`${name}[${i}] is ${values[i]} at ${sim.outputs.timeS}`);
    }
  }
  for (const c of [...sim.outputs.supply.nodeC, ...sim.outputs.return.nodeC]) {
    expect(c).toBeGreaterThan(-50);
    expect(c).toBeLessThan(140);
  }
  for (const c of sim.outputs.indoorC) expect(c).toBeGreaterThan(-273.15);
  for (const p of sim.outputs.plants) expect(Number.isFinite(p.outletC) && Number.isFinite(p.heatToNetworkW)).toBe(true);
}

describe('engine', () => {
  it('closes the energy balance over a simulated year within 0.1 % (produced = delivered + losses + storage and pipe content change)', () => {
    const { summary, sim } = run(smallCity(), 365, 600);
    // Heat-pump electricity booked by source kind adds up to the heat pumps' electricity.
    const t = sim.outputs.ledger.total;
    const bySource = HEAT_PUMP_SOURCE_KEYS.reduce((sum, k) => sum + t[FLOW[`hpElectricity_${k}`]], 0);
    expect(bySource).toBeGreaterThan(0);
    expect(bySource).toBeCloseTo(t[FLOW.heatPumpElectricityW], 0);
    expect(summary.heatDeliveredMWh).toBeGreaterThan(500);
    expect(Math.abs(summary.balanceErrorPct)).toBeLessThan(0.1);
    const accounted =
      summary.heatDeliveredMWh +
      summary.networkLossesMWh +
      summary.pipeContentChangeMWh +
      summary.storageChangeMWh +
      summary.storageLossesMWh +
      summary.curtailedMWh;
    expect(Math.abs(summary.heatProducedMWh - accounted) / summary.heatProducedMWh).toBeLessThan(1e-3);
    // Network losses land in the Finnish range of a few to ~10 % of production (reference, Network).
    expect(summary.networkLossPct).toBeGreaterThan(1);
    expect(summary.networkLossPct).toBeLessThan(15);
  }, 120_000);

  it('books CO2 by the IPCC fuel factors and the grid factor, and the baseline by its heat-only plant', () => {
    const { summary } = run(smallCity(), 3, 60, (inputs, sim) => {
      sim.outputs.units.forEach((u, i) => (inputs.unitForce[i] = u.kind === 'heatPump' ? 'off' : 'auto'));
    });
    // Reference (Emissions): natural gas 202 g/kWh of fuel; Finnish residual mix 179 g/kWh; coal 341 g/kWh.
    expect(summary.fuelMWh).toBeGreaterThan(0);
    expect(summary.co2Tonnes).toBeCloseTo(summary.fuelMWh * 0.202 + summary.electricityMWh * 0.179, 6);
    // The coal baseline (efficiency 0.88) makes the heat the city received: delivered plus network losses and
    // the change of the pipes' heat content.
    const received = summary.heatDeliveredMWh + summary.networkLossesMWh + summary.pipeContentChangeMWh;
    expect(summary.baselineCo2Tonnes).toBeCloseTo((received / 0.88) * 0.341, 3);
    expect(summary.co2AvoidedTonnes).toBeCloseTo(summary.baselineCo2Tonnes - summary.co2Tonnes, 9);
  });

  it('survives -35 °C air: the air-source heat pump trips, boilers carry the load, nothing is NaN', () => {
    const input = smallCity();
    input.weather = { kind: 'synthetic', monthlyMeanC: new Array<number>(12).fill(-35), designColdC: -40, noiseK: 0 };
    const { sim, summary } = run(input, 3, 60);
    const air = sim.outputs.units.find((u) => u.id === 'air-hp')!;
    expect(air.heatW).toBe(0); // below its -15 °C limit
    // Supply at 115 °C is beyond the heat pumps' 95 °C: the tank and then the boilers top up, and most
    // of the demand (beyond the -26 °C design) is still met.
    expect(summary.heatBySourceMWh.storage + summary.heatBySourceMWh.gas + summary.heatBySourceMWh.electricBoiler).toBeGreaterThan(0);
    expect(summary.heatDeliveredMWh).toBeGreaterThan(0.8 * summary.heatDemandMWh);
  });

  it('handles zero demand: a warm spell with no heating and nothing to deliver', () => {
    const input = smallCity();
    input.weather = { kind: 'synthetic', monthlyMeanC: new Array<number>(12).fill(30), designColdC: 25, noiseK: 0 };
    input.buildings = input.buildings.map((b) => ({ ...b, setpointC: 5, dhwKWhPerM2Year: 0, prosumer: undefined }));
    const { summary } = run(input, 2, 60);
    expect(summary.heatDemandMWh).toBeLessThan(1e-6);
    expect(summary.unmetHeatMWh).toBeLessThan(1e-6);
  });

  it('handles every heat pump tripped (power cut) and every producer forced off: buildings cool, heat goes unmet', () => {
    // A power cut while the operator forces every heat pump on: each trips on power loss and stays tripped.
    const noPower = run(smallCity(), 1, 60, (inputs, sim) => {
      inputs.gridPowerAvailable = false;
      inputs.autoResetTrips = false;
      sim.outputs.units.forEach((u, i) => (inputs.unitForce[i] = u.kind === 'heatPump' ? 'on' : 'auto'));
    });
    for (const u of noPower.sim.outputs.units) if (u.kind === 'heatPump') expect(u.state.tripReason).toBe('power loss');
    expect(noPower.summary.heatPumpElectricityMWh).toBe(0);
    expect(noPower.summary.heatBySourceMWh.gas).toBeGreaterThan(0);

    const allOff = run(smallCity(), 2, 60, (inputs) => inputs.unitForce.fill('off'));
    expect(allOff.summary.unmetHeatMWh).toBeGreaterThan(0.2 * allOff.summary.heatDemandMWh);
    const coldest = Math.min(...allOff.sim.outputs.indoorC);
    expect(coldest).toBeLessThan(20);
    expect(allOff.summary.coldBuildingHours).toBeGreaterThan(0);
    expect(allOff.summary.peakColdBuildings).toBeGreaterThan(0);
  });

  it('lets a prosumer export more than its branch uses: its service pipe flow reverses', () => {
    const input = smallCity();
    const p1 = input.buildings.find((b) => b.id === 'P1')!;
    p1.prosumer!.heatPump.capacityW = 600e3;
    p1.prosumer!.source = { id: 'P1-refrigeration', kind: 'supermarket', condenserW: 1.5e6 };
    let reversedSteps = 0;
    const { sim, summary } = run(input, 2, 60);
    const s6 = sim.model.pipeIds.indexOf('s6'); // AIR -> C6, the prosumer's service pipe
    for (let i = 0; i < 60; i++) {
      stepSimulation(sim, createOperatorInputs(sim.model), 60);
      if (sim.outputs.massFlowKgS[s6] < 0) reversedSteps++;
    }
    expect(summary.prosumerExportMWh).toBeGreaterThan(0);
    expect(reversedSteps).toBeGreaterThan(30);
    expect(Math.abs(summarizeSimulation(sim).balanceErrorPct)).toBeLessThan(0.1);
  });
});
