import { describe, it, expect } from 'vitest';
import { heatPumpSchema } from '../shared/scenario/schema';
import type { HeatPumpSpec } from '../shared/scenario/schema';
import { carnotCop, lorenzCop } from '../server/sim/plant/cop';
import {
  availableHeatW,
  createHeatPumpState,
  fullLoadCop,
  HP_MAINTENANCE,
  HP_OFF,
  HP_RUNNING,
  HP_STARTING,
  HP_TRIPPED,
  PART_LOAD_LOSS,
  resetHeatPump,
  setMaintenance,
  stepHeatPump,
  TRIP_LIFT,
  TRIP_POWER_LOSS,
  TRIP_SINK_TOO_HOT,
  TRIP_SOURCE_TOO_COLD,
} from '../server/sim/plant/heatPump';
import type { HeatPumpConditions, HeatPumpState } from '../server/sim/plant/heatPump';

// Reference: docs/reference-figures.md, Heat pumps and What the product models.
function spec(over: Record<string, unknown> = {}): HeatPumpSpec {
  return heatPumpSchema.parse({ id: 'hp', kind: 'heatPump', source: 'dc', capacityW: 10e6, ...over });
}

function dcWater(over: Partial<HeatPumpConditions> = {}): HeatPumpConditions {
  return {
    requestW: 1e12,
    sourceInC: 30,
    sourceAvailableW: Infinity,
    sinkInC: 50,
    sinkOutTargetC: 90,
    outdoorC: -5,
    airSource: false,
    powerAvailable: true,
    ...over,
  };
}

function air(airC: number, over: Partial<HeatPumpConditions> = {}): HeatPumpConditions {
  return dcWater({ airSource: true, outdoorC: airC, sourceInC: airC, ...over });
}

function run(s: HeatPumpSpec, st: HeatPumpState, c: HeatPumpConditions, steps: number, dtS = 60): void {
  for (let i = 0; i < steps; i++) stepHeatPump(s, st, c, dtS);
}

/** Instant dynamics: the unit reaches full output 1 s into its first step. */
const fast = { startupDelayS: 0, rampPerS: 1, minOnS: 0, minOffS: 0 };

/** Two steps, so the second books steady output (the first one's mean includes the 1 s ramp). */
function steady(s: HeatPumpSpec, st: HeatPumpState, c: HeatPumpConditions): void {
  run(s, st, c, 2);
}

describe('COP in operation', () => {
  it('Carnot model: COP = eta·T_out/(T_out - T_source,out), worked by hand', () => {
    const s = spec({ ...fast, copModel: 'carnot', efficiency: 0.5, sourceGlideK: 5 });
    const st = createHeatPumpState();
    steady(s, st, dcWater({ sourceInC: 30, sinkOutTargetC: 90 }));
    expect(st.mode).toBe(HP_RUNNING);
    // 0.5 · 363.15 / (90 - 25) = 2.793462 at full stage load
    expect(st.cop).toBeCloseTo((0.5 * 363.15) / 65, 9);
    expect(st.sinkOutC).toBe(90);
  });

  it('Lorenz model uses the actual stream temperatures', () => {
    const s = spec({ ...fast, efficiency: 0.5, sourceGlideK: 10 });
    const st = createHeatPumpState();
    steady(s, st, dcWater({ sourceInC: 35, sinkInC: 80, sinkOutTargetC: 90 }));
    expect(st.cop).toBeCloseTo(lorenzCop(80, 90, 35, 25, 0.5), 12);
    // reference: DH heat pumps on 25-35 °C data-centre water to 80-95 °C: COP 2.5-3.5
    expect(st.cop).toBeGreaterThan(2.5);
    expect(st.cop).toBeLessThan(3.5);
  });

  it('balances energy: Q_sink = Q_source + P_el; cooling = source heat when the unit delivers cooling', () => {
    const s = spec({ ...fast, deliversCooling: true });
    const st = createHeatPumpState();
    steady(s, st, dcWater({ requestW: 6e6 }));
    expect(st.heatW).toBe(6e6);
    expect(st.sourceHeatW + st.electricityW).toBeCloseTo(st.heatW, 6);
    expect(st.electricityW * st.cop).toBeCloseTo(st.heatW, 6);
    expect(st.coolingW).toBe(st.sourceHeatW);
    // COP_cool = COP_heat - 1
    expect(st.coolingW / st.electricityW).toBeCloseTo(st.cop - 1, 9);
    const noCooling = spec({ ...fast });
    const st2 = createHeatPumpState();
    stepHeatPump(noCooling, st2, dcWater({ requestW: 6e6 }), 60);
    expect(st2.coolingW).toBe(0);
    expect(st2.sourceHeatW).toBeGreaterThan(0);
  });

  it('Oilon/Espoo: combined heating+cooling COP = 2·COP - 1 is about 6.6 for a ~3.8 COP at 85 °C', () => {
    // Reference: Espoo Oilon units, 85 °C, system COP about 6.6 heating and cooling together.
    // Conditions: network return 45 °C heated to 85 °C, data-centre cooling water 25 -> 15 °C, eta 0.5.
    const s = spec({ ...fast, efficiency: 0.5, sourceGlideK: 10, deliversCooling: true });
    const st = createHeatPumpState();
    steady(s, st, dcWater({ sourceInC: 25, sinkInC: 45, sinkOutTargetC: 85 }));
    expect(st.cop).toBeGreaterThan(3.6);
    expect(st.cop).toBeLessThan(4.0);
    const combined = (st.heatW + st.coolingW) / st.electricityW;
    expect(combined).toBeCloseTo(2 * st.cop - 1, 9);
    expect(Math.abs(combined - 6.6)).toBeLessThan(0.2);
  });

  it('stages: output made by the stages needed, COP × (1 - 0.15·(1 - stageLoad)^2)', () => {
    const s4 = spec({ ...fast, stages: 4, minPartLoad: 0.1 });
    const st = createHeatPumpState();
    const c = dcWater({ requestW: 3e6 });
    steady(s4, st, c);
    const full = fullLoadCop(s4, c, 90);
    // 3 MW on 2.5 MW stages: 2 stages at 60 % load
    expect(st.stagesOn).toBe(2);
    expect(st.cop).toBeCloseTo(full * (1 - PART_LOAD_LOSS * 0.4 * 0.4), 12);
    const s1 = spec({ ...fast, stages: 1, minPartLoad: 0.1 });
    const st1 = createHeatPumpState();
    steady(s1, st1, c);
    expect(st1.stagesOn).toBe(1);
    expect(st1.cop).toBeCloseTo(full * (1 - PART_LOAD_LOSS * 0.7 * 0.7), 12);
    expect(st.cop).toBeGreaterThan(st1.cop);
  });
});

describe('limits on output and outlet temperature', () => {
  it('the source limits the heat: Q·(1 - 1/COP) <= sourceAvailableW', () => {
    const s = spec({ ...fast });
    const c = dcWater({ sourceAvailableW: 2e6 });
    const cop = fullLoadCop(s, c, 90);
    const avail = availableHeatW(s, undefined, c);
    expect(avail).toBeCloseTo(2e6 / (1 - 1 / cop), 3);
    const st = createHeatPumpState();
    steady(s, st, c);
    expect(st.heatW).toBeCloseTo(avail, 3);
    expect(st.sourceHeatW).toBeLessThanOrEqual(2e6 + 1e-6);
  });

  it('outlet = min(target, maxSinkC, source out + maxLift): a unit that cannot reach the set-point preheats', () => {
    // Wastewater 10 °C in, 5 °C out, max lift 60 K: outlet 65 °C when 90 °C is asked for.
    const s = spec({ ...fast, maxLiftK: 60, copModel: 'carnot' });
    const st = createHeatPumpState();
    steady(s, st, dcWater({ sourceInC: 10, sinkInC: 50, sinkOutTargetC: 90 }));
    expect(st.sinkOutC).toBe(65);
    expect(st.cop).toBeCloseTo(carnotCop(65, 5, 0.5), 12);
    const st2 = createHeatPumpState();
    steady(spec({ ...fast, maxSinkC: 85 }), st2, dcWater({ sinkOutTargetC: 95 }));
    expect(st2.sinkOutC).toBe(85);
  });

  it('a 40 kW and an 80 MW unit both work, same COP per unit of heat', () => {
    for (const capacityW of [40e3, 80e6]) {
      const s = spec({ capacityW });
      const st = createHeatPumpState();
      // 300 s start-up + 300 s ramp, then steady
      run(s, st, dcWater(), 20);
      expect(st.mode).toBe(HP_RUNNING);
      expect(st.heatW).toBeCloseTo(capacityW, 6);
      expect(st.cop).toBeCloseTo(fullLoadCop(s, dcWater(), 90), 12);
      expect(st.electricityW).toBeCloseTo(capacityW / st.cop, 6);
    }
  });
});

describe('state machine timing', () => {
  it('honours start-up delay, ramp (1/rampPerS to full load), min on and min off times', () => {
    // defaults: startupDelayS 300, rampPerS 1/300, minOnS 1800, minOffS 900, minPartLoad 0.2
    const s = spec();
    const st = createHeatPumpState();
    const want = dcWater();
    const none = dcWater({ requestW: 0 });
    const heat: number[] = [];
    const modes: number[] = [];
    const step = (c: HeatPumpConditions): void => {
      stepHeatPump(s, st, c, 60);
      heat.push(st.heatW);
      modes.push(st.mode);
    };
    for (let k = 0; k < 10; k++) step(want);
    // steps 0-4 cover the first 300 s: starting, no heat
    expect(modes.slice(0, 5)).toEqual([HP_STARTING, HP_STARTING, HP_STARTING, HP_STARTING, HP_STARTING]);
    expect(heat.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(modes[5]).toBe(HP_RUNNING);
    // ramp 10 MW / 300 s = 2 MW per 60 s step, booked as each step's mean: full load 300 s after running began
    expect(heat[5]).toBeCloseTo(1e6, 6);
    expect(heat[8]).toBeCloseTo(7e6, 6);
    expect(heat[9]).toBeCloseTo(9e6, 6);
    expect(st.levelW).toBeCloseTo(10e6, 6);
    // request drops at 600 s; min on (1800 s from the start command) holds it at min part load
    for (let k = 10; k < 30; k++) step(none);
    expect(heat[10]).toBeCloseTo(9e6, 6); // ramps down too, from 10 to 8 MW
    expect(heat[29]).toBeCloseTo(2e6, 6);
    expect(modes[29]).toBe(HP_RUNNING);
    step(none); // k = 30, t = 1800 s
    expect(modes[30]).toBe(HP_OFF);
    expect(heat[30]).toBe(0);
    // min off: 900 s from 1800 s, so no start before k = 45
    for (let k = 31; k < 45; k++) step(want);
    expect(modes[44]).toBe(HP_OFF);
    step(want);
    expect(modes[45]).toBe(HP_STARTING);
  });

  it('does not start for a request below min part load', () => {
    const s = spec({ ...fast });
    const st = createHeatPumpState();
    run(s, st, dcWater({ requestW: 0.19 * 10e6 }), 5);
    expect(st.mode).toBe(HP_OFF);
    run(s, st, dcWater({ requestW: 0.5 * 10e6 }), 1);
    expect(st.mode).toBe(HP_RUNNING);
    run(s, st, dcWater({ requestW: 0.05 * 10e6 }), 1);
    expect(st.mode).toBe(HP_OFF);
  });

  it('force off stops at once despite min on; force on runs at the maximum available without a request', () => {
    const s = spec({ startupDelayS: 0, rampPerS: 1 });
    const st = createHeatPumpState();
    run(s, st, dcWater(), 2);
    expect(st.mode).toBe(HP_RUNNING);
    st.force = 'off';
    stepHeatPump(s, st, dcWater(), 60);
    expect(st.mode).toBe(HP_OFF);
    expect(st.heatW).toBe(0);
    expect(availableHeatW(s, st, dcWater())).toBe(0);
    st.force = 'on';
    const c = dcWater({ requestW: 0, sourceAvailableW: 3e6 });
    run(s, st, c, 14); // 900 s min off still protects the compressor
    expect(st.mode).toBe(HP_OFF);
    run(s, st, c, 2);
    expect(st.mode).toBe(HP_RUNNING);
    expect(st.heatW).toBeCloseTo(availableHeatW(s, st, c), 6);
  });
});

describe('trips and maintenance', () => {
  it('a power-loss trip latches until reset', () => {
    const s = spec({ ...fast });
    const st = createHeatPumpState();
    stepHeatPump(s, st, dcWater(), 60);
    expect(st.mode).toBe(HP_RUNNING);
    stepHeatPump(s, st, dcWater({ powerAvailable: false }), 60);
    expect(st.mode).toBe(HP_TRIPPED);
    expect(st.tripReason).toBe(TRIP_POWER_LOSS);
    expect(st.heatW).toBe(0);
    expect(st.electricityW).toBe(0);
    run(s, st, dcWater(), 100); // power is back, still tripped
    expect(st.mode).toBe(HP_TRIPPED);
    expect(st.heatW).toBe(0);
    expect(availableHeatW(s, st, dcWater())).toBe(0);
    resetHeatPump(st);
    expect(st.mode).toBe(HP_OFF);
    expect(st.tripReason).toBe('');
    stepHeatPump(s, st, dcWater(), 60);
    expect(st.mode).toBe(HP_RUNNING);
  });

  it('trips on a too cold source, a too hot return and an impossible lift, each with its reason', () => {
    const cases: Array<[HeatPumpConditions, string]> = [
      [air(-30), TRIP_SOURCE_TOO_COLD], // minSourceC -25
      [dcWater({ sinkInC: 93.5 }), TRIP_SINK_TOO_HOT], // maxSinkC 95, margin 2 K
      [dcWater({ sourceInC: 0, sinkInC: 80 }), TRIP_LIFT], // -5 + 80 K = 75 °C < 80 °C in
    ];
    for (const [c, reason] of cases) {
      const st = createHeatPumpState();
      stepHeatPump(spec({ ...fast }), st, c, 60);
      expect(st.mode).toBe(HP_TRIPPED);
      expect(st.tripReason).toBe(reason);
    }
    // just inside the limits: runs
    const ok = createHeatPumpState();
    stepHeatPump(spec({ ...fast }), ok, dcWater({ sinkInC: 93, sinkOutTargetC: 95 }), 60);
    expect(ok.mode).toBe(HP_RUNNING);
  });

  it('an idle unit with no request does not trip', () => {
    const st = createHeatPumpState();
    stepHeatPump(spec(), st, air(-40, { requestW: 0, powerAvailable: false }), 60);
    expect(st.mode).toBe(HP_OFF);
  });

  it('maintenance stops the unit at once and hands it back off', () => {
    const s = spec({ ...fast });
    const st = createHeatPumpState();
    stepHeatPump(s, st, dcWater(), 60);
    setMaintenance(st, true);
    expect(st.mode).toBe(HP_MAINTENANCE);
    expect(st.heatW).toBe(0);
    run(s, st, dcWater(), 10);
    expect(st.mode).toBe(HP_MAINTENANCE);
    expect(availableHeatW(s, st, dcWater())).toBe(0);
    setMaintenance(st, false);
    expect(st.mode).toBe(HP_OFF);
    stepHeatPump(s, st, dcWater(), 60);
    expect(st.mode).toBe(HP_RUNNING);
  });
});

describe('air source (reference: capacity and COP fall with air temperature, defrost losses near 0 °C)', () => {
  const s = spec({ ...fast, efficiency: 0.4, sourceGlideK: 0 });
  const capAt = (t: number): number => availableHeatW(s, undefined, air(t));
  const copAt = (t: number): number => fullLoadCop(s, air(t), 90);

  it('capacity falls monotonically as the air gets colder, down to -25 °C', () => {
    for (let t = 15; t > -25; t -= 0.5) expect(capAt(t - 0.5)).toBeLessThanOrEqual(capAt(t));
    expect(capAt(7)).toBe(10e6);
    expect(capAt(-15)).toBeCloseTo(6e6, 3); // 60 % at -15 °C, no defrost there
    expect(capAt(-25)).toBeLessThan(capAt(-15));
  });

  it('COP falls with colder air outside the defrost band, and defrost costs 10 % at 0..+3 °C', () => {
    const temps = [15, 10, 7, -10, -15, -20, -25];
    for (let i = 1; i < temps.length; i++) expect(copAt(temps[i])).toBeLessThan(copAt(temps[i - 1]));
    // +2 °C sits in the defrost band: 0.9 × the Lorenz COP with the air temperature at both source ends
    expect(copAt(2)).toBeCloseTo(0.9 * lorenzCop(50, 90, 2, 2, 0.4), 12);
    expect(copAt(0)).toBeLessThan(copAt(7));
  });

  it('never gives NaN at -35 °C: nothing available and the unit trips below minSourceC', () => {
    expect(capAt(-35)).toBe(0);
    expect(Number.isFinite(copAt(-35))).toBe(true);
    const st = createHeatPumpState();
    stepHeatPump(s, st, air(-35), 60);
    expect(st.mode).toBe(HP_TRIPPED);
    expect(st.tripReason).toBe(TRIP_SOURCE_TOO_COLD);
    for (const v of [st.heatW, st.electricityW, st.sourceHeatW, st.coolingW, st.cop, st.sinkOutC]) {
      expect(Number.isNaN(v)).toBe(false);
    }
  });

  it('a running air unit at -20 °C keeps the energy balance and a COP above 1', () => {
    const st = createHeatPumpState();
    steady(s, st, air(-20));
    expect(st.mode).toBe(HP_RUNNING);
    expect(st.heatW).toBeCloseTo(capAt(-20), 6);
    expect(st.cop).toBeGreaterThan(1);
    expect(st.sourceHeatW + st.electricityW).toBeCloseTo(st.heatW, 6);
  });
});
