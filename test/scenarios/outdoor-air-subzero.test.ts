/**
 * outdoor-air-subzero: a year of the 10 MW outdoor-air heat pump district with a cold snap placed on 3-9 February.
 * Claims checked against docs/reference-figures.md:
 *  - Heat pumps: Carnot-fraction COP = eta · T_sink / (T_sink - T_source), eta 0.40 for air source;
 *  - Heat sources (outdoor air, -25 to +30 °C): capacity and COP fall with air temperature;
 *  - What the product models: Fortum Vermo's 10 MW air-to-water plant works down to -15 °C, so at -25 °C it stops
 *    and the peak boilers take over.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/validate';
import { compileScenario } from '../../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation, summarizeSimulation } from '../../server/sim';
import { DAY_S, dateToS } from '../../server/sim/calendar';
import { formatJson } from '../../server/generator/json';
import { AIR_HP_ID, COLD_SNAP, OUTDOOR_AIR_SUBZERO_ID, outdoorAirSubzeroScenario } from '../../server/generator/scenarios/outdoorAirSubzero';
import { HP_RUNNING, availableHeatW, type HeatPumpConditions } from '../../server/sim/plant/heatPump';

const FILE = resolve(__dirname, '../../assets/scenarios', `${OUTDOOR_AIR_SUBZERO_ID}.json`);
const text = readFileSync(FILE, 'utf8');
const scenario = parseScenario(JSON.parse(text));
const KELVIN = 273.15;
const carnot = (sinkC: number, airC: number) => (0.4 * (sinkC + KELVIN)) / (sinkC - airC);

/** One full year, recording the air heat pump and the boilers at every step. */
function runYear() {
  const model = compileScenario(scenario);
  const startS = dateToS(scenario.simulation.start);
  const sim = createSimulation(model, { startS, seed: scenario.simulation.seed });
  const inputs = createOperatorInputs(model);
  const dt = scenario.simulation.stepS;
  const n = Math.round((365 * DAY_S) / dt);
  const rec = {
    timeS: new Float64Array(n),
    airC: new Float64Array(n),
    hpHeatW: new Float64Array(n),
    hpElecW: new Float64Array(n),
    hpCop: new Float64Array(n),
    hpSinkC: new Float64Array(n),
    hpRunning: new Uint8Array(n),
    boilerW: new Float64Array(n),
  };
  const hp = sim.outputs.units.find((u) => u.id === AIR_HP_ID);
  if (!hp || hp.kind !== 'heatPump') throw new Error('no air heat pump');
  for (let k = 0; k < n; k++) {
    rec.timeS[k] = sim.outputs.timeS;
    stepSimulation(sim, inputs, dt);
    rec.airC[k] = sim.outputs.outdoorC;
    rec.hpHeatW[k] = hp.heatW;
    rec.hpElecW[k] = hp.electricityW;
    rec.hpCop[k] = hp.state.cop;
    rec.hpSinkC[k] = hp.state.sinkOutC;
    rec.hpRunning[k] = hp.state.mode === HP_RUNNING && hp.heatW > 0 ? 1 : 0;
    for (const u of sim.outputs.units) if (u.kind === 'boiler') rec.boilerW[k] += u.heatW;
  }
  return { rec, summary: summarizeSimulation(sim), spec: hp.spec, dt };
}

type Rec = ReturnType<typeof runYear>['rec'];

/** Heat pump heat (MWh) and COP (heat / electricity) over [fromS, toS). */
function week(rec: Rec, dt: number, fromS: number, toS: number) {
  let heat = 0;
  let elec = 0;
  let boiler = 0;
  for (let k = 0; k < rec.timeS.length; k++) {
    if (rec.timeS[k] < fromS || rec.timeS[k] >= toS) continue;
    heat += rec.hpHeatW[k] * dt;
    elec += rec.hpElecW[k] * dt;
    boiler += rec.boilerW[k] * dt;
  }
  return { hpMWh: heat / 3.6e9, boilerMWh: boiler / 3.6e9, cop: elec > 0 ? heat / elec : 0 };
}

describe('outdoor-air-subzero scenario', () => {
  it('is valid and equals its generator output', () => {
    expect(text).toBe(formatJson(outdoorAirSubzeroScenario()));
    expect(scenario.description.length).toBeGreaterThan(50);
    expect(scenario.assumptions.length).toBeGreaterThanOrEqual(5);
  });

  it('the weather reaches -25 °C in the placed cold-snap week', () => {
    const model = compileScenario(scenario);
    const t = model.weather.temperatureC;
    const first = 33 * 24; // 3 February, day 33 of the typical year
    let snapMin = Infinity;
    for (let h = first; h < first + 7 * 24; h++) snapMin = Math.min(snapMin, t[h]);
    let yearMin = Infinity;
    for (const v of t) yearMin = Math.min(yearMin, v);
    expect(snapMin).toBeCloseTo(COLD_SNAP.minC, 3);
    expect(yearMin).toBeCloseTo(COLD_SNAP.minC, 3);
  });

  it('runs a year: COP and output fall in the snap, boilers take over, and the heat pump comes back', () => {
    const { rec, summary, spec, dt } = runYear();
    const snapS = dateToS(COLD_SNAP.start);
    const before = week(rec, dt, snapS - 7 * DAY_S, snapS);
    const snap = week(rec, dt, snapS, snapS + 7 * DAY_S);
    const after = week(rec, dt, snapS + 7 * DAY_S, snapS + 14 * DAY_S);

    // Capacity and COP fall with air temperature (reference, Heat sources) and the unit stops below -15 °C.
    expect(snap.hpMWh).toBeLessThan(0.5 * before.hpMWh);
    expect(snap.cop).toBeLessThan(before.cop);
    expect(snap.boilerMWh).toBeGreaterThan(snap.hpMWh);
    // Recovery when it warms.
    expect(after.hpMWh).toBeGreaterThan(0.7 * before.hpMWh);
    expect(after.hpMWh).toBeGreaterThan(2 * snap.hpMWh);
    expect(after.cop).toBeGreaterThan(snap.cop);

    // At the coldest hours (air below -20 °C) the boilers carry (nearly) all the heat: Vermo stops at -15 °C.
    let coldHp = 0;
    let coldBoiler = 0;
    for (let k = 0; k < rec.timeS.length; k++) {
      if (rec.airC[k] >= -20) continue;
      coldHp += rec.hpHeatW[k];
      coldBoiler += rec.boilerW[k];
    }
    expect(coldBoiler).toBeGreaterThan(0);
    expect(coldHp / (coldHp + coldBoiler)).toBeLessThan(0.05);

    // COP against the Carnot fraction (eta 0.40), outside the defrost band (-10..+7 °C) so no defrost factor applies:
    // running COP is the formula's times a part-load factor in [0.85, 1] (15 % at most with a compressor idling).
    let coldRatioMax = 0;
    let mildRatioMax = 0;
    let coldestRunningC = Infinity;
    for (let k = 0; k < rec.timeS.length; k++) {
      if (!rec.hpRunning[k]) continue;
      const air = rec.airC[k];
      if (air > -10 && air < 7) continue;
      const ratio = rec.hpCop[k] / carnot(rec.hpSinkC[k], air);
      expect(ratio).toBeGreaterThan(0.85 - 1e-9);
      expect(ratio).toBeLessThan(1 + 1e-9);
      if (air <= -10) coldRatioMax = Math.max(coldRatioMax, ratio);
      else mildRatioMax = Math.max(mildRatioMax, ratio);
      coldestRunningC = Math.min(coldestRunningC, air);
    }
    expect(coldRatioMax).toBeGreaterThan(0.99);
    expect(mildRatioMax).toBeGreaterThan(0.95);
    expect(coldestRunningC).toBeGreaterThanOrEqual(-15);
    expect(coldestRunningC).toBeLessThan(-13);

    // The formula at the reference's end points, 95 °C water: about 1.23 from -25 °C air, 1.34 from -15 °C, and at
    // -25 °C the unit offers nothing (below Vermo's -15 °C).
    expect(carnot(95, -25)).toBeCloseTo((0.4 * 368.15) / 120, 10);
    expect(carnot(95, -25)).toBeLessThan(1.25);
    const cond: HeatPumpConditions = {
      requestW: 10e6,
      sourceInC: -25,
      sourceAvailableW: Infinity,
      sinkInC: 50,
      sinkOutTargetC: 95,
      outdoorC: -25,
      airSource: true,
      powerAvailable: true,
    };
    expect(availableHeatW(spec, undefined, cond)).toBe(0);

    // The year closes its books.
    expect(Math.abs(summary.balanceErrorPct)).toBeLessThan(0.5);
    expect(summary.unmetHeatMWh / summary.heatDemandMWh).toBeLessThan(0.01);
    expect(summary.heatBySourceMWh.outdoorAir / summary.heatProducedMWh).toBeGreaterThan(0.5);
  }, 120_000);
});
