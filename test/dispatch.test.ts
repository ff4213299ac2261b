import { describe, expect, it } from 'vitest';
import {
  createDispatcher,
  dispatch,
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
    const tank = unit(0, UNIT_STORAGE, 3e6, 0, { chargeableW: 3e6 });
    const d = createDispatcher([hp, gas, tank], [plant(true)]);
    dispatch(d, inputs(20, 85, { storageValueEurPerMWh: 30 })); // need 3.352 MW; gas (70) > 1.15 x 30
    expect(gas.requestW).toBe(0);
    expect(tank.requestW).toBeCloseTo(20 * CP * 40 - 2e6, 3);
    dispatch(d, inputs(5, 85, { storageValueEurPerMWh: 30 })); // need 0.838 MW; the heat pump (20) < 0.85 x 30
    expect(tank.requestW).toBeCloseTo(-(2e6 - 5 * CP * 40), 3);
    expect(hp.requestW).toBeCloseTo(2e6, 3);
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
});
