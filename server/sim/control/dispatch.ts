/**
 * Dispatch: which unit makes how much heat this step.
 *
 * The network's substations set the circulating mass flow m (kg/s); the plants must heat it from the return
 * temperature T_r to the supply set-point T_s: Q = m·c_p·(T_s - T_r) (W).
 * - Merit order: units sorted by operator priority, then by marginal cost of heat (EUR/MWh_heat):
 *   heat pump (spot + grid fee)/COP, fuel boiler (fuel price + CO2 price·factor)/efficiency, electric boiler
 *   (spot + fee)/efficiency. Reserve units run only when everything else is short.
 * - Satellite plants (not the main one) take part of the flow from the return at their node and heat it to
 *   min(T_s, their highest outlet); the main plant heats what is left and its pump balances the network.
 *   Reserve units at satellites start when the main plant is short, taking part of its flow, also while a
 *   main-plant unit it was planned on is still starting and nothing there can give its heat yet.
 * - Heat pumps in series with boilers: heat pumps preheat up to their highest outlet temperature and boilers top
 *   up to the set-point, so at the main plant the heat pumps can give at most m·c_p·(T_hp,max - T_r).
 * - Units are planned on their targets, what they give once started and ramped. A unit still starting or
 *   ramping gives less this step: the storage covers that gap, and what it cannot passes down the merit order
 *   (boilers cover a heat pump's start-up). A main-plant unit asked for less than its minimum part load is left
 *   off while the plant's storage holds the heat; else it runs at the minimum if the storage can take the
 *   surplus (a boiler cycling on its buffer tank), and only when it can neither does it run at its minimum
 *   anyway (the outlet runs a little hot rather than cold). A satellite that cannot run that low leaves the flow
 *   to the main plant; one still running when asked for nothing keeps the flow its minimum output heats.
 * - Storage (auto): heat is valued at today's mean marginal cost v of the cheapest electric unit (day-ahead
 *   prices are known a day ahead). It discharges when the stack is short and in place of units dearer than
 *   1.15·v (at most at the rate that would empty it in an hour, and never pushing a unit below its minimum),
 *   and charges from spare capacity of units cheaper than 0.85·v.
 * - Plants are planned for the return they expect (a forecast); units on outlet-temperature control then follow
 *   the return that does arrive (followReturn), and the storage floats on what they cannot.
 * Every threshold is in watts, joules or seconds, never in steps, so the plan does not follow the step length.
 */
export const UNIT_HEAT_PUMP = 0;
export const UNIT_BOILER = 1;
export const UNIT_STORAGE = 2;

export type StorageMode = 'auto' | 'charge' | 'discharge' | 'idle';

export interface DispatchUnit {
  plant: number;
  kind: number;
  reserve: boolean;
  /** Operator priority: lower runs first; Infinity when the operator set none. */
  priorityRank: number;
  /** What the unit could give at steady state now (W); for storage: what it could discharge. */
  availableW: number;
  /** What it can give within this step given start-up and ramp (W). */
  readyW: number;
  /** Least output it can run at (W): minimum part load. */
  minW: number;
  costEurPerMWh: number;
  /** Highest outlet temperature it can make (°C); boilers Infinity. */
  outletMaxC: number;
  /** Storage only: how much it could take now (W). */
  chargeableW: number;
  /** Storage only: heat it holds that it could give (J). */
  storedJ: number;
  /** Whether the unit is running or starting now. */
  running: boolean;
  /** Output: heat asked of the unit (W); storage: + discharge, - charge. */
  requestW: number;
}

export interface DispatchPlant {
  isMain: boolean;
  /** Return water temperature at the plant's node (°C). */
  returnC: number;
  /** Output: flow the plant takes from the return and feeds to the supply (kg/s). */
  flowKgS: number;
}

export interface DispatchInputs {
  supplySetpointC: number;
  /** Net flow the consumers draw from the supply (kg/s), after prosumer exports. */
  networkFlowKgS: number;
  /** Heat a kilogram of network water takes up from one temperature to another (J/kg; water.ts in the engine). */
  heatJPerKg: (fromC: number, toC: number) => number;
  /** Value of stored heat today (EUR/MWh_heat). */
  storageValueEurPerMWh: number;
  storageMode: StorageMode;
}

/** Preallocated scratch for the merit order. */
export interface Dispatcher {
  order: Int32Array;
  units: DispatchUnit[];
  plants: DispatchPlant[];
}

export function createDispatcher(units: DispatchUnit[], plants: DispatchPlant[]): Dispatcher {
  return { order: new Int32Array(units.length), units, plants };
}

const MIN_LIFT_K = 1;
/** Dear units are displaced at a rate that would empty the tank in this long (s). */
const DISPLACE_OVER_S = 3600;
/** A unit off that would run below its minimum stays off while storage could cover its share this long (s). */
const START_BELOW_COVER_S = 900;
/** A unit running at its minimum for storage's sake stops once storage could cover its share this long (s). */
const STOP_ABOVE_COVER_S = 3600;

export function dispatch(d: Dispatcher, inputs: DispatchInputs): void {
  const { units, plants, order } = d;
  const heat = inputs.heatJPerKg;
  const ts = inputs.supplySetpointC;
  sortMeritOrder(d);
  for (const u of units) u.requestW = 0;
  let mainPlant = -1;
  for (let p = 0; p < plants.length; p++) {
    const plant = plants[p];
    plant.flowKgS = 0;
    if (plant.isMain) mainPlant = p;
  }
  let remainingFlow = inputs.networkFlowKgS > 0 ? inputs.networkFlowKgS : 0;

  // Satellites take flow while they are cheaper than what the main plant would burn for it.
  for (let i = 0; i < order.length; i++) {
    const u = units[order[i]];
    if (u.kind === UNIT_STORAGE || u.plant === mainPlant || u.reserve || remainingFlow <= 0) continue;
    const plant = plants[u.plant];
    const outletC = Math.min(ts, u.outletMaxC);
    const liftK = outletC - plant.returnC;
    if (liftK < MIN_LIFT_K || u.availableW <= 0) continue;
    const mainNeedW = remainingFlow * heat(plants[mainPlant].returnC, ts);
    if (u.costEurPerMWh > marginalMainCost(d, mainPlant, mainNeedW)) continue;
    const liftJPerKg = heat(plant.returnC, outletC);
    const heatW = Math.min(u.availableW, remainingFlow * liftJPerKg);
    if (heatW < u.minW) continue; // a satellite that cannot run this low leaves the flow to the main plant
    u.requestW = heatW;
    const flow = u.readyW > 0 ? Math.min(heatW, u.readyW) / liftJPerKg : 0;
    plant.flowKgS += flow;
    remainingFlow -= flow;
  }

  remainingFlow = carryRunningSatellites(d, mainPlant, remainingFlow, inputs);
  const main = plants[mainPlant];
  main.flowKgS = remainingFlow;
  let needW = Math.max(0, remainingFlow * heat(main.returnC, ts));
  let hpCapW = Math.max(0, remainingFlow * heat(main.returnC, Math.min(ts, hottestHeatPumpOutlet(d, mainPlant))));
  let storageRoomW = 0;
  let storageOutW = 0;
  let storedJ = 0;
  for (const u of units) {
    if (u.plant !== mainPlant || u.kind !== UNIT_STORAGE) continue;
    storageRoomW += u.chargeableW;
    storageOutW += u.availableW;
    storedJ += u.storedJ;
  }
  let tooSmallFor: DispatchUnit | null = null;
  /** Heat left to storage in place of units that would run below their minimum. */
  let storageCoverW = 0;
  for (let pass = 0; pass < 2 && needW > 0; pass++) {
    const reservePass = pass === 1;
    for (let i = 0; i < order.length && needW > 0; i++) {
      const u = units[order[i]];
      if (u.plant !== mainPlant || u.kind === UNIT_STORAGE || u.reserve !== reservePass) continue;
      let heatW = Math.min(u.availableW, needW);
      if (u.kind === UNIT_HEAT_PUMP) heatW = Math.min(heatW, hpCapW);
      if (heatW <= 0 || u.availableW < u.minW) continue;
      if (heatW < u.minW) {
        // Below its minimum a unit can only run at the minimum. Heat in storage covers the rest instead while
        // it holds enough; else the unit runs at its minimum with the surplus going into storage: a boiler
        // cycling on its buffer tank, with a hysteresis in seconds of cover so the cycle is set by the heat,
        // not by the step.
        const coverS = storedJ / heatW;
        if (heatW <= storageOutW && coverS > (u.running ? STOP_ABOVE_COVER_S : START_BELOW_COVER_S)) {
          storageOutW -= heatW;
          storageCoverW += heatW;
          needW -= heatW;
          continue;
        }
        if (u.minW - heatW > storageRoomW) {
          tooSmallFor ??= u;
          continue;
        }
        storageRoomW -= u.minW - heatW;
      }
      u.requestW = Math.max(heatW, u.minW);
      needW -= heatW;
      if (u.kind === UNIT_HEAT_PUMP) hpCapW -= heatW;
    }
  }
  // Nothing small enough and no stored heat to cover it: run the first candidate at its minimum (the outlet
  // runs a little hot) rather than send cold water out.
  if (needW > storageOutW && tooSmallFor !== null) {
    tooSmallFor.requestW = tooSmallFor.minW;
    needW -= Math.min(needW, tooSmallFor.minW);
  }
  if (needW > 0) needW = runSatelliteReserves(d, mainPlant, needW, inputs);
  planStorage(d, mainPlant, needW + storageCoverW, inputs);
  coverRampGaps(d, mainPlant, hpCapW, inputs);
}

/**
 * A satellite unit asked for nothing that is still running (its minimum on-time, or stopping later in the step)
 * makes heat all the same: it gets the flow that carries its minimum output to the network, rather than have
 * that heat dumped in its cooler. Returns the flow left to the main plant (kg/s).
 */
function carryRunningSatellites(d: Dispatcher, mainPlant: number, remainingFlow: number, inputs: DispatchInputs): number {
  const { units, plants } = d;
  const ts = inputs.supplySetpointC;
  for (const u of units) {
    if (u.plant === mainPlant || u.kind === UNIT_STORAGE || !u.running || u.requestW > 0 || remainingFlow <= 0) continue;
    const plant = plants[u.plant];
    const outletC = Math.min(ts, u.outletMaxC);
    if (outletC - plant.returnC < MIN_LIFT_K) continue;
    const flow = Math.min(remainingFlow, Math.min(u.minW, u.readyW) / inputs.heatJPerKg(plant.returnC, outletC));
    plant.flowKgS += flow;
    remainingFlow -= flow;
  }
  return remainingFlow;
}

/**
 * The plan above is in targets, what each unit would give once it has started and ramped; that the tank takes
 * a dear unit's place is decided on them, so the decision does not depend on how far a unit ramps within one
 * step. Units still starting or ramping give less this step: a charge planned from them waits, the main plant's
 * storage covers the rest while it may discharge, and what it cannot passes down the merit order to units that
 * can give more this step (boilers cover a heat pump's start-up); heat pumps within what they can still preheat.
 */
function coverRampGaps(d: Dispatcher, mainPlant: number, hpCapW: number, inputs: DispatchInputs): void {
  const { units, order } = d;
  const mode = inputs.storageMode;
  let gapW = 0;
  for (const u of units) {
    if (u.plant === mainPlant && u.kind !== UNIT_STORAGE && u.requestW > u.readyW) gapW += u.requestW - u.readyW;
  }
  if (gapW <= 0) return;
  const mayDischarge = mode === 'auto' || mode === 'discharge';
  for (const s of units) {
    if (s.kind !== UNIT_STORAGE || s.plant !== mainPlant) continue;
    // A charge planned from units still ramping waits for them; then stored heat covers the rest.
    const waitW = Math.min(gapW, s.requestW < 0 ? -s.requestW : 0);
    s.requestW += waitW;
    gapW -= waitW;
    if (!mayDischarge || gapW <= 0) continue;
    const coverW = Math.min(gapW, s.availableW - s.requestW);
    if (coverW <= 0) continue;
    s.requestW += coverW;
    gapW -= coverW;
  }
  for (let pass = 0; pass < 2 && gapW > 0; pass++) {
    const reservePass = pass === 1;
    for (let i = 0; i < order.length && gapW > 0; i++) {
      const u = units[order[i]];
      if (u.plant !== mainPlant || u.kind === UNIT_STORAGE || u.reserve !== reservePass) continue;
      let w = Math.min(gapW, u.readyW - u.requestW, u.availableW - u.requestW);
      if (u.kind === UNIT_HEAT_PUMP) w = Math.min(w, hpCapW);
      if (w <= 0 || u.requestW + w < u.minW) continue;
      u.requestW += w;
      gapW -= w;
      if (u.kind === UNIT_HEAT_PUMP) hpCapW -= w;
    }
  }
  if (gapW > 0) coverGapAtSatelliteReserves(d, mainPlant, gapW, inputs);
}

/**
 * What the main plant cannot give this step even so (a heat pump back from a trip, still in its off time or
 * starting, with the boilers at full load) goes to the reserves at satellites, as the plan's shortfall does:
 * they keep, or take over, the flow that heat would have heated, so the supply holds while the unit comes back.
 */
function coverGapAtSatelliteReserves(d: Dispatcher, mainPlant: number, gapW: number, inputs: DispatchInputs): void {
  const { units, plants, order } = d;
  const main = plants[mainPlant];
  for (let i = 0; i < order.length && gapW > 0; i++) {
    const u = units[order[i]];
    if (!u.reserve || u.plant === mainPlant || u.kind === UNIT_STORAGE || u.availableW < u.minW) continue;
    const plant = plants[u.plant];
    const outletC = Math.min(inputs.supplySetpointC, u.outletMaxC);
    if (outletC - plant.returnC < MIN_LIFT_K) continue;
    const w = Math.min(gapW, u.availableW - u.requestW);
    if (w <= 0 || u.requestW + w < u.minW) continue;
    const readyBeforeW = Math.min(u.requestW, u.readyW);
    u.requestW += w;
    const liftJPerKg = inputs.heatJPerKg(plant.returnC, outletC);
    const flow = Math.min(main.flowKgS, (Math.min(u.requestW, u.readyW) - readyBeforeW) / liftJPerKg);
    plant.flowKgS += flow;
    main.flowKgS -= flow;
    gapW -= flow * liftJPerKg;
  }
}

/**
 * Units on outlet-temperature control follow the water that does arrive: `errorW` is the heat the plant needs
 * beyond its plan (negative: less) once its return is known. Running units of the plant take it in merit
 * order up to what they have available, or give it up dearest first down to their minimum part load; none
 * starts or stops for it. Returns what they could not follow (W), which the plant's storage floats on.
 */
export function followReturn(d: Dispatcher, plant: number, errorW: number): number {
  const { units, order } = d;
  if (errorW > 0) {
    for (let i = 0; i < order.length && errorW > 0; i++) {
      const u = units[order[i]];
      if (u.plant !== plant || u.kind === UNIT_STORAGE || u.requestW <= 0) continue;
      const w = Math.min(errorW, u.availableW - u.requestW);
      if (w <= 0) continue;
      u.requestW += w;
      errorW -= w;
    }
  } else {
    for (let i = order.length - 1; i >= 0 && errorW < 0; i--) {
      const u = units[order[i]];
      if (u.plant !== plant || u.kind === UNIT_STORAGE || u.requestW <= 0) continue;
      const w = Math.min(-errorW, u.requestW - u.minW);
      if (w <= 0) continue;
      u.requestW -= w;
      errorW += w;
    }
  }
  return errorW;
}

/**
 * When the main plant is short, reserve units at satellite plants take over part of its flow: moving flow f
 * from the main plant to a satellite moves f·(h(T_s) - h(T_r)) of heat with it. Returns what is still short (W).
 */
function runSatelliteReserves(d: Dispatcher, mainPlant: number, shortW: number, inputs: DispatchInputs): number {
  const { units, plants, order } = d;
  const heat = inputs.heatJPerKg;
  const ts = inputs.supplySetpointC;
  const main = plants[mainPlant];
  for (let i = 0; i < order.length && shortW > 0; i++) {
    const u = units[order[i]];
    if (!u.reserve || u.plant === mainPlant || u.kind === UNIT_STORAGE || u.availableW < u.minW) continue;
    const plant = plants[u.plant];
    const outletC = Math.min(ts, u.outletMaxC);
    if (outletC - plant.returnC < MIN_LIFT_K) continue;
    const liftJPerKg = heat(plant.returnC, outletC);
    const heatW = Math.max(u.minW, Math.min(u.availableW, shortW));
    u.requestW = heatW;
    const ready = Math.min(heatW, u.readyW);
    const flow = Math.min(main.flowKgS, ready / liftJPerKg);
    plant.flowKgS += flow;
    main.flowKgS -= flow;
    shortW -= flow * liftJPerKg;
  }
  return Math.max(0, shortW);
}

/** Cost of the dearest non-reserve main unit needed to cover needW. */
function marginalMainCost(d: Dispatcher, mainPlant: number, needW: number): number {
  let cost = Infinity;
  for (let i = 0; i < d.order.length && needW > 0; i++) {
    const u = d.units[d.order[i]];
    if (u.plant !== mainPlant || u.kind === UNIT_STORAGE || u.reserve || u.availableW <= 0) continue;
    cost = u.costEurPerMWh;
    needW -= u.availableW;
  }
  return needW > 0 ? Infinity : cost;
}

function hottestHeatPumpOutlet(d: Dispatcher, plant: number): number {
  let c = -Infinity;
  for (const u of d.units) if (u.plant === plant && u.kind === UNIT_HEAT_PUMP && u.outletMaxC > c) c = u.outletMaxC;
  return c;
}

function planStorage(d: Dispatcher, mainPlant: number, shortW: number, inputs: DispatchInputs): void {
  const { units, order } = d;
  const v = inputs.storageValueEurPerMWh;
  for (const s of units) {
    if (s.kind !== UNIT_STORAGE || s.plant !== mainPlant || inputs.storageMode === 'idle') continue;
    if (inputs.storageMode !== 'charge') {
      // Discharge: cover what is short, then displace dear units, dearest first, at a rate that would take
      // DISPLACE_OVER_S to empty the tank: displacing all it holds within one step would make the rate, and
      // the cycles of emptying and refilling, follow the step.
      let dischargeW = Math.min(shortW, s.availableW);
      const displaceToW = Math.max(dischargeW, Math.min(s.availableW, dischargeW + s.storedJ / DISPLACE_OVER_S));
      for (let i = order.length - 1; i >= 0 && dischargeW < displaceToW; i--) {
        const u = units[order[i]];
        if (u.plant !== mainPlant || u.kind === UNIT_STORAGE || u.requestW <= 0) continue;
        if (inputs.storageMode === 'auto' && !u.reserve && u.costEurPerMWh <= 1.15 * v) continue;
        // A unit is displaced entirely or kept at its minimum part load at least: a unit pushed below it stops,
        // and the tank would then cover a gap it had not planned for.
        let take = Math.min(u.requestW, displaceToW - dischargeW);
        if (take < u.requestW && u.requestW - take < u.minW) take = Math.max(0, u.requestW - u.minW);
        u.requestW -= take;
        dischargeW += take;
      }
      if (inputs.storageMode === 'discharge' || dischargeW > 0) {
        s.requestW = dischargeW;
        continue;
      }
    }
    // Charge from spare capacity of cheap units, cheapest first.
    let chargeW = 0;
    for (let i = 0; i < order.length && chargeW < s.chargeableW; i++) {
      const u = units[order[i]];
      if (u.plant !== mainPlant || u.kind === UNIT_STORAGE || u.reserve) continue;
      if (inputs.storageMode === 'auto' && u.costEurPerMWh >= 0.85 * v) break;
      const spare = Math.min(u.availableW - u.requestW, s.chargeableW - chargeW);
      if (spare <= 0) continue;
      u.requestW += spare;
      chargeW += spare;
    }
    s.requestW = -chargeW;
  }
}

/** Insertion sort by (priority, reserve, cost): a few dozen units, no allocation. */
function sortMeritOrder(d: Dispatcher): void {
  const { order, units } = d;
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let i = 1; i < order.length; i++) {
    const key = order[i];
    let j = i - 1;
    while (j >= 0 && before(units[key], units[order[j]])) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = key;
  }
}

function before(a: DispatchUnit, b: DispatchUnit): boolean {
  if (a.priorityRank !== b.priorityRank) return a.priorityRank < b.priorityRank;
  if (a.reserve !== b.reserve) return !a.reserve;
  return a.costEurPerMWh < b.costEurPerMWh;
}
