/**
 * Malfunctions an instructor injects (server/sim/malfunctions.ts), each against its hand solution: what the
 * faulty unit gives over time, worked out from its rating, its timers and its ramp, at two step lengths; and,
 * in the default scenario, what a source outage, a pump failure, a faulty transmitter, a price spike, a cold snap
 * and a stuck storage valve change.
 */
import { describe, expect, it } from 'vitest';
import { boilerSchema, heatPumpSchema, type HeatPumpSpec } from '../shared/scenario/schema';
import {
  availableHeatW,
  createHeatPumpState,
  fullLoadCop,
  HP_TRIPPED,
  resetHeatPump,
  stepHeatPump,
  TRIP_PROTECTION,
  TRIP_START_FAILED,
  tripHasCleared,
  tripHeatPump,
  type HeatPumpConditions,
} from '../server/sim/plant/heatPump';
import { createBoilerState, stepBoiler } from '../server/sim/plant/boiler';
import { loadScenario } from '../server/scenarios/load';
import { compileScenario } from '../server/sim/compile';
import { dateToS, DAY_S } from '../server/sim/calendar';
import { createOperatorInputs, createSimulation, stepSimulation } from '../server/sim';
import { samplePrice } from '../server/sim/market/electricityPrice';
import { sampleWeather } from '../server/sim/weather/series';
import { FLOW } from '../server/sim/ledger';
import { SENSOR_BIAS, SENSOR_DRIFT, SENSOR_FAILED, SENSOR_SUPPLY_TEMPERATURE, SENSOR_WORST_DP } from '../server/sim/malfunctions';

const STEPS_S = [30, 300];

function heatPump(over: Record<string, unknown> = {}): HeatPumpSpec {
  // Start-up 300 s, ramp to full in 300 s, min on 1800 s, min off 900 s (the schema's defaults).
  return heatPumpSchema.parse({ id: 'hp', kind: 'heatPump', source: 'dc', capacityW: 8e6, ...over });
}

const conditions: HeatPumpConditions = {
  requestW: 1e12,
  sourceInC: 30,
  sourceAvailableW: Infinity,
  sinkInC: 50,
  sinkOutTargetC: 85,
  outdoorC: -5,
  airSource: false,
  powerAvailable: true,
};

/** Heat (J) over [0, durationS] from a unit whose output is 0 until startS, then ramps at rateWPerS to capW. */
function rampFromJ(startS: number, capW: number, rateWPerS: number, durationS: number): number {
  const runS = Math.max(0, durationS - startS);
  const rampS = capW / rateWPerS;
  if (runS <= rampS) return 0.5 * rateWPerS * runS * runS;
  return 0.5 * capW * rampS + capW * (runS - rampS);
}

describe('a heat pump protection trip', () => {
  it('stops the unit at once; the automation restarts it after min off, start-up and ramp, as worked out by hand', () => {
    const spec = heatPump();
    const windowS = 3600;
    // Tripped at t = 0 while at full load: nothing until min off (900 s) and start-up (300 s) have run, then
    // the ramp to full in 300 s.
    const expectedJ = rampFromJ(spec.minOffS + spec.startupDelayS, spec.capacityW, spec.rampPerS * spec.capacityW, windowS);
    for (const dtS of STEPS_S) {
      const st = createHeatPumpState();
      for (let t = 0; t < 4000; t += dtS) stepHeatPump(spec, st, conditions, dtS); // running at full load
      expect(st.heatW).toBeCloseTo(spec.capacityW, 3);
      tripHeatPump(spec, st);
      expect(st.mode).toBe(HP_TRIPPED);
      expect(st.tripReason).toBe(TRIP_PROTECTION);
      let heatJ = 0;
      for (let t = 0; t < windowS; t += dtS) {
        // The plant automation resets a trip once its cause is gone and its min off time has run.
        if (tripHasCleared(spec, st, conditions)) resetHeatPump(st);
        stepHeatPump(spec, st, conditions, dtS);
        heatJ += st.heatW * dtS;
      }
      expect(heatJ / expectedJ, `at ${dtS} s steps`).toBeCloseTo(1, 9);
    }
  });
});

describe('a heat pump that fails to start', () => {
  it('trips when its start-up delay runs out, gives no heat, and starts normally once the fault is cleared and reset', () => {
    const spec = heatPump();
    for (const dtS of STEPS_S) {
      const st = createHeatPumpState();
      st.startFails = true;
      let heatJ = 0;
      let trippedAtS = NaN;
      for (let t = 0; t < 1800; t += dtS) {
        stepHeatPump(spec, st, conditions, dtS);
        heatJ += st.heatW * dtS;
        if (Number.isNaN(trippedAtS) && st.mode === HP_TRIPPED) trippedAtS = t + dtS - st.timeInModeS;
      }
      expect(heatJ).toBe(0);
      expect(st.tripReason).toBe(TRIP_START_FAILED);
      expect(trippedAtS, `at ${dtS} s steps`).toBeCloseTo(spec.startupDelayS, 6); // asked at t = 0, no min off left
      // Cleared and reset after its min off time: start-up, then the ramp, from the reset on.
      st.startFails = false;
      resetHeatPump(st);
      heatJ = 0;
      for (let t = 0; t < 1800; t += dtS) {
        stepHeatPump(spec, st, conditions, dtS);
        heatJ += st.heatW * dtS;
      }
      expect(heatJ / rampFromJ(spec.startupDelayS, spec.capacityW, spec.rampPerS * spec.capacityW, 1800)).toBeCloseTo(1, 9);
    }
  });
});

describe('a heat pump with compressor stages out of service', () => {
  it('gives (stages - lost)/stages of its rating at full stage load, so at the full-load COP', () => {
    const spec = heatPump({ stages: 4, startupDelayS: 0, rampPerS: 1, minOnS: 0, minOffS: 0 });
    const st = createHeatPumpState();
    st.stagesLost = 1;
    expect(availableHeatW(spec, st, conditions)).toBeCloseTo(0.75 * spec.capacityW, 3);
    for (let i = 0; i < 3; i++) stepHeatPump(spec, st, conditions, 60);
    expect(st.heatW).toBeCloseTo(0.75 * spec.capacityW, 3);
    expect(st.stagesOn).toBe(3);
    const cop = fullLoadCop(spec, conditions, conditions.sinkOutTargetC);
    expect(st.electricityW).toBeCloseTo((0.75 * spec.capacityW) / cop, 3);
    st.stagesLost = 4;
    expect(availableHeatW(spec, st, conditions)).toBe(0);
    stepHeatPump(spec, st, conditions, 60);
    expect(st.heatW).toBe(0);
  });
});

describe('a boiler that fails to start', () => {
  it('stays unlit while the fault lasts; a lit boiler burns on; cleared, it ramps from zero at its rate', () => {
    const spec = boilerSchema.parse({ id: 'b', kind: 'boiler', fuel: 'gas', capacityW: 12e6, efficiency: 0.92 });
    const rateWPerS = spec.rampPerS * spec.capacityW; // full in 120 s
    for (const dtS of STEPS_S) {
      const cold = createBoilerState();
      cold.startFails = true;
      for (let t = 0; t < 600; t += dtS) expect(stepBoiler(spec, cold, 8e6, dtS)).toBe(0);
      cold.startFails = false;
      let heatJ = 0;
      for (let t = 0; t < 600; t += dtS) heatJ += stepBoiler(spec, cold, 8e6, dtS) * dtS;
      expect(heatJ / rampFromJ(0, 8e6, rateWPerS, 600), `at ${dtS} s steps`).toBeCloseTo(1, 9);
      cold.startFails = true;
      expect(stepBoiler(spec, cold, 8e6, dtS)).toBeCloseTo(8e6, 3);
    }
  });
});

describe('malfunctions in the default scenario', () => {
  const loaded = loadScenario('espoo-district');
  const model = compileScenario(loaded.scenario, { epwText: loaded.epwText });
  const startS = dateToS('2025-01-13') + 8 * 3600;

  function city() {
    const sim = createSimulation(model, { startS });
    const inputs = createOperatorInputs(model);
    for (let i = 0; i < 24; i++) stepSimulation(sim, inputs, 300);
    return { sim, inputs };
  }

  it('a data-centre outage: its heat pumps get no source heat, and its coolers reject all it must get rid of', () => {
    const { sim, inputs } = city();
    const s = model.scenario.sources.findIndex((x) => x.kind === 'datacentre');
    const dcUnits = sim.outputs.units.filter((u) => u.kind === 'heatPump' && model.scenario.sources[u.source].kind === 'datacentre');
    expect(dcUnits.reduce((w, u) => w + u.heatW, 0)).toBeGreaterThan(1e6);
    inputs.malfunctions.sourceOut[s] = 1;
    stepSimulation(sim, inputs, 300);
    expect(sim.outputs.sources[s].availableW).toBe(0);
    for (const u of dcUnits) expect(u.heatW, u.id).toBe(0);
    // Taken by no heat pump, its heat all goes to the dry coolers (the other sources' heat is all taken this
    // winter morning).
    expect(sim.outputs.ledger.step[FLOW.dryCoolerW] / sim.outputs.sources[s].rejectedW).toBeCloseTo(1, 9);
  });

  it('a price spike adds to the spot price; a cold snap lowers the outdoor temperature everything feels', () => {
    const { sim, inputs } = city();
    inputs.malfunctions.priceAddEurPerMWh = 400;
    inputs.malfunctions.outdoorOffsetK = -12;
    const t = sim.outputs.timeS;
    stepSimulation(sim, inputs, 300);
    expect(sim.outputs.electricityPriceEurPerMWh).toBe(samplePrice(model.electricityPrice, t) + 400);
    const weather = { temperatureC: 0, ghiWm2: 0, windMs: 0 };
    sampleWeather(model.weather, t, weather);
    expect(sim.outputs.outdoorC).toBe(weather.temperatureC - 12);
    expect(sim.outputs.weather.temperatureC).toBe(weather.temperatureC - 12);
  });

  it('a circulation pump failure: no head, so no flow to any consumer (φ = sqrt(0/H_req) = 0), until the standby pump runs', () => {
    const { sim, inputs } = city();
    inputs.malfunctions.circulationPumpFailed = true;
    stepSimulation(sim, inputs, 300);
    const pump = sim.outputs.pump;
    expect(pump.headPa).toBe(0);
    expect(pump.flowFactor).toBe(0);
    expect(pump.electricityW).toBe(0);
    expect(pump.requiredHeadPa).toBeGreaterThan(model.scenario.network.dpSetpointPa);
    // The consumers plan with the pump's flow factor of the step before: from the next step nothing flows.
    stepSimulation(sim, inputs, 300);
    const flowing = sim.outputs.substationFlowKgS.reduce((n, m) => n + (m > 0 ? 1 : 0), 0);
    expect(flowing).toBe(0);
    expect(Math.max(...sim.outputs.substationDeliveredW)).toBe(0); // only prosumers' own heat pumps still heat
    inputs.standbyPumpOn = true;
    stepSimulation(sim, inputs, 300);
    expect(sim.outputs.pump.setpointHeld).toBe(true);
    expect(sim.outputs.pump.flowFactor).toBe(1);
    expect(sim.outputs.pump.headPa).toBe(sim.outputs.pump.requiredHeadPa);
  });

  it('a biased supply transmitter: the plant heats until it reads the set-point, so the water leaves that much colder', () => {
    const { sim, inputs } = city();
    const f = inputs.malfunctions;
    f.sensorFault[SENSOR_SUPPLY_TEMPERATURE] = SENSOR_BIAS;
    f.sensorValue[SENSOR_SUPPLY_TEMPERATURE] = 3;
    for (let k = 0; k < 6; k++) stepSimulation(sim, inputs, 300);
    const main = sim.outputs.plants.find((p) => p.isMain)!;
    expect(main.outletC).toBeCloseTo(sim.outputs.supplySetpointC - 3, 1);
    expect(sim.outputs.measured.supplyC - main.outletC).toBe(3);
  });

  it('a drifting dp transmitter: the error grows at its rate; the pump holds the reading, so the true dp falls by it', () => {
    const { sim, inputs } = city();
    const f = inputs.malfunctions;
    f.sensorFault[SENSOR_WORST_DP] = SENSOR_DRIFT;
    f.sensorValue[SENSOR_WORST_DP] = 12e3; // Pa per hour
    f.sensorSinceS[SENSOR_WORST_DP] = sim.outputs.timeS;
    const dpSetpointPa = model.scenario.network.dpSetpointPa;
    for (let k = 0; k < 12; k++) stepSimulation(sim, inputs, 300);
    // The last step began 55 minutes into the drift: error 11 kPa.
    const pump = sim.outputs.pump;
    expect(pump.setpointHeld).toBe(true);
    expect(pump.headPa - pump.worstCircuitDropPa).toBeCloseTo(dpSetpointPa - 11e3, 3);
    expect(sim.outputs.measured.worstDpPa).toBeCloseTo(dpSetpointPa, 3);
  });

  it('a failed transmitter reads nothing and changes nothing else', () => {
    const a = city();
    const b = city();
    b.inputs.malfunctions.sensorFault[SENSOR_SUPPLY_TEMPERATURE] = SENSOR_FAILED;
    for (let k = 0; k < 6; k++) {
      stepSimulation(a.sim, a.inputs, 300);
      stepSimulation(b.sim, b.inputs, 300);
    }
    expect(b.sim.outputs.measured.supplyC).toBeNaN();
    expect(b.sim.outputs.plants.map((p) => p.outletC)).toEqual(a.sim.outputs.plants.map((p) => p.outletC));
    expect(a.sim.outputs.measured.supplyC).toBe(a.sim.outputs.plants.find((p) => p.isMain)!.outletC);
  });

  it('a storage valve stuck: the tank keeps the exchange it had, whatever the plant needs', () => {
    const { sim, inputs } = city();
    const i = sim.outputs.units.findIndex((u) => u.kind === 'storage');
    const stuckW = sim.outputs.units[i].heatW;
    expect(Math.abs(stuckW)).toBeGreaterThan(1e5);
    inputs.malfunctions.storageStuckW[i] = stuckW;
    for (let k = 0; k < 12; k++) {
      stepSimulation(sim, inputs, 300);
      expect(sim.outputs.units[i].heatW).toBeCloseTo(stuckW, 3);
    }
    expect(sim.outputs.timeS - startS).toBeLessThan(DAY_S);
  });
});
