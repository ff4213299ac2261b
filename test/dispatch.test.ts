import { describe, expect, it } from 'vitest';
import {
  createDispatcher,
  dispatch,
  followReturn,
  UNIT_BOILER,
  UNIT_HEAT_PUMP,
  UNIT_STORAGE,
  type DispatchInputs,
  type DispatchPlant,
  type DispatchUnit,
} from '../server/sim/control/dispatch';
import { createSupplyCurve, supplySetpointC } from '../server/sim/control/supplyCurve';

const CP = 4190;

function unit(plant: number, kind: number, availableW: number, cost: number, extra: Partial<DispatchUnit> = {}): DispatchUnit {
  return {
    plant,
    kind,
    reserve: false,
    priorityRank: Infinity,
    availableW,
    readyW: availableW,
    minW: 0,
    costEurPerMWh: cost,
    outletMaxC: kind === UNIT_HEAT_PUMP ? 95 : Infinity,
    chargeableW: 0,
    storedJ: 0,
    running: false,
    requestW: 0,
    ...extra,
  };
}

function plant(isMain: boolean, returnC = 45): DispatchPlant {
  return { isMain, returnC, flowKgS: 0 };
}

function inputs(flowKgS: number, supplyC = 85, extra: Partial<DispatchInputs> = {}): DispatchInputs {
  return { supplySetpointC: supplyC, networkFlowKgS: flowKgS, heatJPerKg: (fromC, toC) => CP * (toC - fromC), storageValueEurPerMWh: 30, storageMode: 'auto', ...extra };
}

describe('dispatch', () => {
  it('loads units in merit order until the heat m·cp·(Ts - Tr) is covered', () => {
    const hp = unit(0, UNIT_HEAT_PUMP, 3e6, 20);
    const gas = unit(0, UNIT_BOILER, 10e6, 70);
    const eb = unit(0, UNIT_BOILER, 5e6, 90);
    const d = createDispatcher([gas, eb, hp], [plant(true)]);
    dispatch(d, inputs(40)); // 40 kg/s x 4190 x 40 K = 6.704 MW
    expect(hp.requestW).toBeCloseTo(3e6, 6);
    expect(gas.requestW).toBeCloseTo(40 * CP * 40 - 3e6, 6);
    expect(eb.requestW).toBe(0);
  });

  it('lets heat pumps only preheat to their highest outlet; boilers top up in series', () => {
    const hp = unit(0, UNIT_HEAT_PUMP, 50e6, 20, { outletMaxC: 90 });
    const gas = unit(0, UNIT_BOILER, 50e6, 70);
    const d = createDispatcher([hp, gas], [plant(true, 50)]);
    dispatch(d, inputs(100, 110)); // heat pump 50 -> 90 °C, boiler 90 -> 110 °C
    expect(hp.requestW).toBeCloseTo(100 * CP * 40, 3);
    expect(gas.requestW).toBeCloseTo(100 * CP * 20, 3);
  });

  it('keeps reserve units for when the rest are short, and follows operator priority', () => {
    const hp = unit(0, UNIT_HEAT_PUMP, 2e6, 20);
    const oil = unit(0, UNIT_BOILER, 10e6, 10, { reserve: true });
    const d = createDispatcher([hp, oil], [plant(true)]);
    dispatch(d, inputs(10)); // 1.676 MW: the heat pump alone
    expect(oil.requestW).toBe(0);
    dispatch(d, inputs(20)); // 3.352 MW: the reserve tops up
    expect(oil.requestW).toBeCloseTo(20 * CP * 40 - 2e6, 3);
    oil.priorityRank = 0;
    oil.reserve = false;
    dispatch(d, inputs(10));
    expect(oil.requestW).toBeCloseTo(10 * CP * 40, 3);
    expect(hp.requestW).toBe(0);
  });

  it('passes a starting unit’s gap down the merit order', () => {
    const hp = unit(0, UNIT_HEAT_PUMP, 3e6, 20, { readyW: 0 });
    const gas = unit(0, UNIT_BOILER, 10e6, 70);
    const d = createDispatcher([hp, gas], [plant(true)]);
    dispatch(d, inputs(10));
    expect(hp.requestW).toBeCloseTo(10 * CP * 40, 3); // keeps starting toward its target
    expect(gas.requestW).toBeCloseTo(10 * CP * 40, 3); // covers the heat meanwhile
  });

  it('gives a cheap satellite plant its share of the flow and leaves the rest to the main plant', () => {
    const gas = unit(0, UNIT_BOILER, 20e6, 70);
    const air = unit(1, UNIT_HEAT_PUMP, 1e6, 30, { outletMaxC: 95 });
    const main = plant(true, 45);
    const sat = plant(false, 45);
    const d = createDispatcher([gas, air], [main, sat]);
    dispatch(d, inputs(50, 85));
    const satFlow = 1e6 / (CP * 40);
    expect(sat.flowKgS).toBeCloseTo(satFlow, 9);
    expect(main.flowKgS).toBeCloseTo(50 - satFlow, 9);
    expect(gas.requestW).toBeCloseTo((50 - satFlow) * CP * 40, 3);
  });

  it('discharges storage instead of dear units and charges from spare cheap capacity', () => {
    const hp = unit(0, UNIT_HEAT_PUMP, 2e6, 20);
    const gas = unit(0, UNIT_BOILER, 10e6, 70);
    const tank = unit(0, UNIT_STORAGE, 3e6, 0, { chargeableW: 3e6, storedJ: 20e9 });
    const d = createDispatcher([hp, gas, tank], [plant(true)]);
    dispatch(d, inputs(20, 85, { storageValueEurPerMWh: 30 })); // need 3.352 MW; gas (70) > 1.15 x 30
    expect(gas.requestW).toBe(0);
    expect(tank.requestW).toBeCloseTo(20 * CP * 40 - 2e6, 3);
    dispatch(d, inputs(5, 85, { storageValueEurPerMWh: 30 })); // need 0.838 MW; the heat pump (20) < 0.85 x 30
    expect(tank.requestW).toBeCloseTo(-(2e6 - 5 * CP * 40), 3);
    expect(hp.requestW).toBeCloseTo(2e6, 3);
  });

  it('lets the tank take a dear unit’s place on its target, however far that unit ramps within the step', () => {
    // 20 kg/s x 40 K: 3.352 MW, 1.352 MW of it beyond the heat pump; the boiler ramps 2.4 MW a step at 60 s
    // steps and all of it at 600 s: the tank displaces it either way.
    for (const readyW of [2.4e6, 10e6]) {
      const hp = unit(0, UNIT_HEAT_PUMP, 2e6, 20);
      const gas = unit(0, UNIT_BOILER, 10e6, 70, { readyW });
      const tank = unit(0, UNIT_STORAGE, 10e6, 0, { storedJ: 40e9 });
      dispatch(createDispatcher([hp, gas, tank], [plant(true)]), inputs(20, 85, { storageValueEurPerMWh: 30 }));
      expect(gas.requestW, `boiler ready for ${readyW} W`).toBe(0);
      expect(tank.requestW).toBeCloseTo(20 * CP * 40 - 2e6, 3);
    }
  });

  it('displaces dear units at the rate that would empty the tank in an hour, whatever the step', () => {
    const gas = unit(0, UNIT_BOILER, 10e6, 70);
    const tank = unit(0, UNIT_STORAGE, 10e6, 0, { storedJ: 3.6e9 }); // 1 MWh: 1 MW for an hour
    dispatch(createDispatcher([gas, tank], [plant(true)]), inputs(20, 85, { storageValueEurPerMWh: 30 }));
    expect(tank.requestW).toBeCloseTo(1e6, 3);
    expect(gas.requestW).toBeCloseTo(20 * CP * 40 - 1e6, 3);
  });

  it('keeps a unit at its minimum part load or displaces it entirely, never pushes it below', () => {
    const gas = unit(0, UNIT_BOILER, 10e6, 70, { minW: 3e6 });
    const tank = unit(0, UNIT_STORAGE, 10e6, 0, { storedJ: 3.6e9 * 2 }); // 2 MW for an hour
    dispatch(createDispatcher([gas, tank], [plant(true)]), inputs(20, 85, { storageValueEurPerMWh: 30 })); // 3.352 MW
    expect(gas.requestW).toBe(3e6);
    expect(tank.requestW).toBeCloseTo(20 * CP * 40 - 3e6, 3);
  });

  it('leaves a unit below its minimum off while the tank holds 15 minutes of its share, and stops one at an hour', () => {
    const needW = 5 * CP * 40; // 0.838 MW, below the boiler's 2 MW minimum
    const run = (storedJ: number, running: boolean): number => {
      const gas = unit(0, UNIT_BOILER, 10e6, 70, { minW: 2e6, running });
      const tank = unit(0, UNIT_STORAGE, 10e6, 0, { storedJ, chargeableW: 5e6 });
      dispatch(createDispatcher([gas, tank], [plant(true)]), inputs(5, 85, { storageValueEurPerMWh: 30 }));
      return gas.requestW;
    };
    expect(run(needW * 1000, false)).toBe(0); // 17 minutes of cover: stays off
    expect(run(needW * 800, false)).toBe(2e6); // 13 minutes: starts at its minimum, the surplus into the tank
    expect(run(needW * 3000, true)).toBe(2e6); // running, 50 minutes: runs on
    expect(run(needW * 3700, true)).toBe(0); // an hour and more: stops
  });

  it('lets a charge planned from a unit still ramping wait for it instead of firing the next unit', () => {
    const hp = unit(0, UNIT_HEAT_PUMP, 5e6, 20, { readyW: 1e6 });
    const eb = unit(0, UNIT_BOILER, 5e6, 90);
    const tank = unit(0, UNIT_STORAGE, 10e6, 0, { chargeableW: 4e6 });
    dispatch(createDispatcher([hp, eb, tank], [plant(true)]), inputs(5, 85, { storageValueEurPerMWh: 60 })); // 0.838 MW
    expect(hp.requestW).toBeCloseTo(5 * CP * 40 + 4e6, 3); // its target: the need and what the tank can take
    expect(eb.requestW).toBe(0);
    expect(tank.requestW).toBeCloseTo(-(1e6 - 5 * CP * 40), 3); // what the heat pump gives this step beyond the need
  });

  it('units follow a return warmer or colder than planned, running units only, within their limits', () => {
    const hp = unit(0, UNIT_HEAT_PUMP, 3e6, 20, { minW: 1e6 });
    const gas = unit(0, UNIT_BOILER, 10e6, 70, { minW: 1e6 });
    const eb = unit(0, UNIT_BOILER, 5e6, 90);
    const d = createDispatcher([hp, gas, eb], [plant(true)]);
    dispatch(d, inputs(40)); // 6.704 MW: heat pump 3, boiler 3.704
    expect(followReturn(d, 0, 0.5e6)).toBe(0); // the boiler takes it; the electric boiler stays off
    expect(gas.requestW).toBeCloseTo(4.204e6, 0);
    expect(eb.requestW).toBe(0);
    expect(followReturn(d, 0, -6e6)).toBeCloseTo(-6e6 + 3.204e6 + 2e6, 0); // the boiler, then the heat pump, to their minima
    expect(gas.requestW).toBeCloseTo(1e6, 0);
    expect(hp.requestW).toBeCloseTo(1e6, 0);
  });

  it('gives a satellite unit asked for nothing but still running the flow that carries its minimum', () => {
    const gas = unit(0, UNIT_BOILER, 20e6, 30);
    const air = unit(1, UNIT_HEAT_PUMP, 1e6, 60, { outletMaxC: 95, minW: 0.3e6, running: true });
    const main = plant(true, 45);
    const sat = plant(false, 45);
    dispatch(createDispatcher([gas, air], [main, sat]), inputs(50, 85));
    expect(air.requestW).toBe(0); // dearer than the main plant: asked to stop
    expect(sat.flowKgS).toBeCloseTo(0.3e6 / (CP * 40), 9); // its heat meanwhile reaches the network
    expect(main.flowKgS).toBeCloseTo(50 - 0.3e6 / (CP * 40), 9);
  });
});

describe('supply curve', () => {
  const curve = createSupplyCurve(
    [
      [-26, 115],
      [0, 85],
      [15, 70],
    ],
    65,
    115,
  );
  it('interpolates linearly, is flat outside its points and honours offset and override', () => {
    expect(supplySetpointC(curve, -13)).toBeCloseTo(100, 12);
    expect(supplySetpointC(curve, 7.5)).toBeCloseTo(77.5, 12);
    expect(supplySetpointC(curve, -40)).toBe(115);
    expect(supplySetpointC(curve, 30)).toBe(70);
    expect(supplySetpointC(curve, 7.5, 5)).toBeCloseTo(82.5, 12);
    expect(supplySetpointC(curve, 7.5, 0, 95)).toBe(95);
    expect(supplySetpointC(curve, -30, 10)).toBe(115); // clamped to maxC
  });
});

describe('dispatch with a reserve plant', () => {
  it('starts a reserve boiler at a satellite plant when the main plant is short, moving flow to it', () => {
    const gas = unit(0, UNIT_BOILER, 2e6, 70);
    const oil = unit(1, UNIT_BOILER, 5e6, 120, { reserve: true });
    const main = plant(true, 45);
    const reserve = plant(false, 45);
    const d = createDispatcher([gas, oil], [main, reserve]);
    dispatch(d, inputs(20, 85)); // 3.352 MW needed, 2 MW at the main plant
    const short = 20 * CP * 40 - 2e6;
    expect(oil.requestW).toBeCloseTo(short, 3);
    expect(reserve.flowKgS).toBeCloseTo(short / (CP * 40), 9);
    expect(main.flowKgS + reserve.flowKgS).toBeCloseTo(20, 9);
    expect(main.flowKgS * CP * 40).toBeCloseTo(2e6, 3);
  });

  it('keeps the reserve carrying what a heat pump back from a trip cannot give yet', () => {
    // The heat pump was reset: available again, but its off time and start-up delay outlast the step. The
    // main plant's boiler is at full load, so the supply holds only if the reserve keeps its share meanwhile.
    const hp = unit(0, UNIT_HEAT_PUMP, 1e6, 20, { readyW: 0 });
    const gas = unit(0, UNIT_BOILER, 2e6, 70);
    const oil = unit(1, UNIT_BOILER, 5e6, 120, { reserve: true });
    const main = plant(true, 45);
    const reserve = plant(false, 45);
    const d = createDispatcher([hp, gas, oil], [main, reserve]);
    dispatch(d, inputs(30, 85)); // 5.028 MW needed: 3 MW at the main plant once the heat pump runs
    const needW = 30 * CP * 40;
    const readyMainW = Math.min(hp.requestW, hp.readyW) + Math.min(gas.requestW, gas.readyW);
    const readyReserveW = Math.min(oil.requestW, oil.readyW);
    expect(readyMainW + readyReserveW).toBeCloseTo(needW, 3);
    expect(main.flowKgS * CP * 40).toBeCloseTo(readyMainW, 3); // the main plant's outlet at the set-point
    expect(hp.requestW).toBeCloseTo(1e6, 3); // and the heat pump still starting toward its target
  });
});
