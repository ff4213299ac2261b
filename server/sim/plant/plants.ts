/**
 * Heat plants as the engine runs them: each plant is a network node with units (heat pumps, boilers, storage)
 * that heat the water it takes from the return. This module keeps the units' runtime records, tells the
 * dispatcher what each unit can give and at what marginal cost, steps the units, and settles each plant's
 * outlet temperature from the heat actually made:
 *   T_out = T_r + Q / (m·c_p)      (°C; Q plant heat W, m plant flow kg/s)
 * Heat that the plant's flow cannot carry without exceeding T_max = set-point + 15 K (units still ramping down
 * when the flow has dropped) is curtailed: bypassed to the units' coolers and counted, never lost from the books.
 * The storage at a plant floats on it, as an accumulator open to the plant's flow does: it covers the gap between
 * the heat needed to reach the set-point and what the units make, and takes their surplus, within its limits.
 * The dispatcher's deliberate charging (extra heat asked of cheap units) and discharging (dear units asked
 * for less) show up here as that surplus and gap.
 * Origin of the heat (the waste-heat share, ledger.ts): a plant's units make Q_u (W), Q_uw of it on waste-heat
 * sources. A tank charging Q_c draws first on what the plant itself makes this step (its units, and tanks that
 * discharged before it), at that mix's waste fraction, and for any more (a valve stuck open to charge) on the
 * network's water, at the waste fraction of all units' and prosumer exports' heat this step; its discharge goes
 * out at the waste fraction of the heat it holds (storage.ts). With Q_sw the tanks' waste part (+ out, - in):
 *   heatToNetwork = Q_u + Q_s - curtailed,   wasteHeatToNetwork = (Q_uw + Q_sw) · heatToNetwork / (Q_u + Q_s)
 * (W): curtailed heat leaves the plant's one mixed stream at its mix.
 */
import type { BoilerSpec, HeatPumpSpec, Scenario, StorageSpec } from '../../../shared/scenario/schema';
import {
  UNIT_BOILER,
  UNIT_HEAT_PUMP,
  UNIT_STORAGE,
  type DispatchPlant,
  type DispatchUnit,
  type StorageMode,
} from '../control/dispatch';
import { FLOW, WASTE_HEAT_FLOW } from '../ledger';
import type { HeatPumpSourceKey, HeatSourceKey } from '../../../shared/protocol/heatSources';
import type { OperatorInputs } from '../operator';
import type { SourceOutput } from '../sources';
import { boilerRampPerS, createBoilerState, stepBoiler, type BoilerState } from './boiler';
import {
  availableHeatW,
  createHeatPumpState,
  fullLoadCop,
  HP_RUNNING,
  HP_STARTING,
  reachableSinkOutC,
  readyHeatW,
  resetHeatPump,
  setMaintenance,
  stepHeatPump,
  tripHasCleared,
  tripHeatPump,
  type HeatPumpConditions,
  type HeatPumpState,
} from './heatPump';
import { createStorageState, stepStorage, type StorageState } from './storage';
import { WATER_CP_J_PER_KG_K, WATER_DENSITY_KG_PER_M3, waterHeatedC, waterHeatJPerKg } from '../water';

const RHO_CP = WATER_DENSITY_KG_PER_M3 * WATER_CP_J_PER_KG_K;

/** How far above the set-point a plant's outlet may go before heat is curtailed (K). */
const OUTLET_MARGIN_K = 15;

interface UnitBase {
  id: string;
  name: string;
  plant: number;
  /** Which heat source the ledger books its heat to, and that flow's index in the ledger. */
  sourceKey: HeatSourceKey;
  heatFlow: number;
  /** Ledger flow of its electricity by source kind (heat pumps; -1 for other units). */
  electricityFlow: number;
  dispatch: DispatchUnit;
  /** Outputs of the last step (W). */
  heatW: number;
  electricityW: number;
  fuelW: number;
}

export interface HeatPumpUnit extends UnitBase {
  kind: 'heatPump';
  spec: HeatPumpSpec;
  state: HeatPumpState;
  source: number;
  cond: HeatPumpConditions;
}

export interface BoilerUnit extends UnitBase {
  kind: 'boiler';
  spec: BoilerSpec;
  state: BoilerState;
}

export interface StorageUnit extends UnitBase {
  kind: 'storage';
  spec: StorageSpec;
  state: StorageState;
}

export type PlantUnit = HeatPumpUnit | BoilerUnit | StorageUnit;

export interface Plant {
  id: string;
  name: string;
  node: number;
  isMain: boolean;
  units: PlantUnit[];
  dispatch: DispatchPlant;
  /** Settled each step: flow through the plant (kg/s), its return and outlet temperature (°C). */
  flowKgS: number;
  returnC: number;
  outletC: number;
  /** Heat into the network (W): units plus storage discharge minus charge, less curtailment. */
  heatToNetworkW: number;
  /** Its waste-heat part (W, the header). */
  wasteHeatToNetworkW: number;
  curtailedW: number;
}

export function createPlants(scenario: Scenario, nodeIndex: Map<string, number>, sourceIndex: Map<string, number>) {
  const units: PlantUnit[] = [];
  const initialSupplyC = scenario.supplyCurve.points[0][1];
  const plants: Plant[] = scenario.plants.map((spec, p) => {
    const plantUnits = spec.units.map((u): PlantUnit => {
      const base = {
        id: u.id,
        name: u.name ?? u.id,
        plant: p,
        dispatch: createDispatchUnit(p),
        heatW: 0,
        electricityW: 0,
        fuelW: 0,
        heatFlow: 0,
        electricityFlow: -1,
      };
      if (u.kind === 'heatPump') {
        const source = sourceIndex.get(u.source)!;
        const cond: HeatPumpConditions = {
          requestW: 0,
          sourceInC: 10,
          sourceAvailableW: 0,
          sinkInC: 50,
          sinkOutTargetC: 80,
          outdoorC: 0,
          airSource: scenario.sources[source].kind === 'outdoorAir',
          powerAvailable: true,
        };
        base.dispatch.kind = UNIT_HEAT_PUMP;
        base.dispatch.minW = u.minPartLoad * u.capacityW;
        return { ...base, kind: 'heatPump', spec: u, state: createHeatPumpState(), source, cond, sourceKey: scenario.sources[source].kind };
      }
      if (u.kind === 'boiler') {
        base.dispatch.kind = UNIT_BOILER;
        base.dispatch.minW = u.minPartLoad * u.capacityW;
        base.dispatch.reserve = u.reserve;
        base.dispatch.outletMaxC = Infinity;
        return { ...base, kind: 'boiler', spec: u, state: createBoilerState(), sourceKey: u.fuel === 'electric' ? 'electricBoiler' : u.fuel };
      }
      base.dispatch.kind = UNIT_STORAGE;
      return { ...base, kind: 'storage', spec: u, state: createStorageState(u, initialSupplyC), sourceKey: 'storage' };
    });
    for (const u of plantUnits) {
      u.heatFlow = FLOW[`heat_${u.sourceKey}`];
      if (u.kind === 'heatPump') u.electricityFlow = FLOW[`hpElectricity_${u.sourceKey as HeatPumpSourceKey}`];
    }
    units.push(...plantUnits);
    return {
      id: spec.id,
      name: spec.name,
      node: nodeIndex.get(spec.node)!,
      isMain: spec.main,
      units: plantUnits,
      dispatch: { isMain: spec.main, returnC: 50, flowKgS: 0 },
      flowKgS: 0,
      returnC: 50,
      outletC: initialSupplyC,
      heatToNetworkW: 0,
      wasteHeatToNetworkW: 0,
      curtailedW: 0,
    };
  });
  return { plants, units };
}

function createDispatchUnit(plant: number): DispatchUnit {
  return {
    plant,
    kind: UNIT_HEAT_PUMP,
    reserve: false,
    priorityRank: Infinity,
    availableW: 0,
    readyW: 0,
    minW: 0,
    costEurPerMWh: 0,
    outletMaxC: 0,
    chargeableW: 0,
    storedJ: 0,
    running: false,
    requestW: 0,
  };
}

/** What the units face this step: prices, conditions, operator overrides. */
export interface UnitConditions {
  supplySetpointC: number;
  outdoorC: number;
  /** Spot + grid fee (EUR/MWh of electricity). */
  electricityEurPerMWh: number;
  /** Marginal fuel cost including CO2 (EUR/MWh of fuel) by fuel. */
  fuelCostEurPerMWh: Record<string, number>;
  sourceOutputs: SourceOutput[];
  /** Source heat already claimed by units stepped earlier this step (W), per source. */
  sourceTakenW: Float64Array;
  dtS: number;
}

/** Applies operator overrides and fills each unit's dispatch record (availability, readiness, cost). */
export function prepareUnits(units: PlantUnit[], plants: Plant[], inputs: OperatorInputs, c: UnitConditions): void {
  const faults = inputs.malfunctions;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const d = u.dispatch;
    d.priorityRank = inputs.unitPriority[i];
    const plant = plants[u.plant];
    if (u.kind === 'heatPump') {
      const st = u.state;
      const src = c.sourceOutputs[u.source];
      const cond = u.cond;
      cond.sourceInC = src.temperatureC;
      cond.sourceAvailableW = src.availableW - otherUnitsSourceW(units, u);
      cond.sinkInC = plant.dispatch.returnC;
      cond.sinkOutTargetC = c.supplySetpointC;
      cond.outdoorC = c.outdoorC;
      cond.powerAvailable = inputs.gridPowerAvailable;
      if (faults.unitTrip[i]) tripHeatPump(u.spec, st);
      else if (inputs.unitReset[i] || (inputs.autoResetTrips && tripHasCleared(u.spec, st, cond))) resetHeatPump(st);
      setMaintenance(st, inputs.unitMaintenance[i] === 1);
      st.force = inputs.unitForce[i];
      st.stagesLost = faults.unitStagesLost[i];
      st.startFails = faults.unitStartFails[i] === 1;
      const avail = availableHeatW(u.spec, st, cond);
      d.availableW = avail;
      d.readyW = readyHeatW(u.spec, st, avail, c.dtS);
      d.running = st.mode === HP_STARTING || st.mode === HP_RUNNING;
      const outletC = reachableSinkOutC(u.spec, cond);
      d.outletMaxC = outletC;
      d.costEurPerMWh = avail > 0 ? c.electricityEurPerMWh / fullLoadCop(u.spec, cond, outletC) : Infinity;
    } else if (u.kind === 'boiler') {
      const st = u.state;
      st.force = inputs.unitForce[i];
      st.startFails = faults.unitStartFails[i] === 1;
      st.available = inputs.unitMaintenance[i] === 0 && (u.spec.fuel !== 'electric' || inputs.gridPowerAvailable);
      const cap = u.spec.capacityW;
      d.availableW = st.available && st.force !== 'off' ? cap : 0;
      d.readyW = Math.min(d.availableW, st.levelW + boilerRampPerS(u.spec) * cap * c.dtS);
      d.running = st.levelW > 0;
      const energyCost = u.spec.fuel === 'electric' ? c.electricityEurPerMWh : c.fuelCostEurPerMWh[u.spec.fuel];
      d.costEurPerMWh = energyCost / u.spec.efficiency;
    } else {
      const st = u.state;
      const coldVolumeM3 = u.spec.volumeM3 - st.hotVolumeM3;
      const heldJ = RHO_CP * st.hotVolumeM3 * Math.max(0, st.hotC - u.spec.coldC);
      const roomJ = RHO_CP * coldVolumeM3 * Math.max(0, c.supplySetpointC - st.coldC);
      st.stuckW = faults.storageStuckW[i];
      // A tank out of service or with its valve stuck is no part of the plan: the dispatch cannot move it.
      const outOfPlan = inputs.unitMaintenance[i] === 1 || !Number.isNaN(st.stuckW);
      d.availableW = outOfPlan ? 0 : Math.min(u.spec.maxDischargeW, heldJ / c.dtS);
      d.chargeableW = outOfPlan ? 0 : Math.min(u.spec.maxChargeW, roomJ / c.dtS);
      d.readyW = d.availableW;
      d.storedJ = outOfPlan ? 0 : heldJ;
      d.costEurPerMWh = 0;
    }
  }
  inputs.unitReset.fill(0);
  faults.unitTrip.fill(0);
}


function otherUnitsSourceW(units: PlantUnit[], self: HeatPumpUnit): number {
  let w = 0;
  for (const u of units) if (u !== self && u.kind === 'heatPump' && u.source === self.source) w += u.state.sourceHeatW;
  return w;
}

/** Steps heat pumps and boilers towards the dispatcher's requests; sources are shared in unit order. */
export function stepProductionUnits(units: PlantUnit[], c: UnitConditions): void {
  c.sourceTakenW.fill(0);
  for (const u of units) {
    if (u.kind === 'heatPump') {
      const cond = u.cond;
      cond.requestW = u.dispatch.requestW;
      cond.sourceAvailableW = Math.max(0, c.sourceOutputs[u.source].availableW - c.sourceTakenW[u.source]);
      stepHeatPump(u.spec, u.state, cond, c.dtS);
      c.sourceTakenW[u.source] += u.state.sourceHeatW;
      u.heatW = u.state.heatW;
      u.electricityW = u.state.electricityW;
      u.fuelW = 0;
    } else if (u.kind === 'boiler') {
      u.heatW = stepBoiler(u.spec, u.state, u.dispatch.requestW, c.dtS);
      u.electricityW = u.state.electricityW;
      u.fuelW = u.state.fuelW;
    }
  }
}

/**
 * Settles a plant once its flow and the return temperature at its node are known: the storage floats on the
 * gap, the outlet temperature follows from the heat, and what the flow cannot carry is curtailed.
 * networkWasteFraction: the waste fraction of the network's water, for a tank charging more than the plant makes.
 */
export function settlePlant(
  plant: Plant,
  returnC: number,
  supplySetpointC: number,
  mode: StorageMode,
  networkWasteFraction: number,
  dtS: number,
): void {
  const m = plant.flowKgS > 0 ? plant.flowKgS : 0;
  plant.returnC = returnC;
  let unitsW = 0;
  let unitsWasteW = 0;
  for (const u of plant.units) {
    if (u.kind === 'storage') continue;
    unitsW += u.heatW;
    if (WASTE_HEAT_FLOW[u.heatFlow] === 1) unitsWasteW += u.heatW;
  }
  const needW = m * Math.max(0, waterHeatJPerKg(returnC, supplySetpointC));
  let storageW = 0;
  let storageWasteW = 0;
  // What the plant makes this step and no tank has taken yet: a charge draws on it before the network.
  let ownW = unitsW;
  let ownWasteW = unitsWasteW;
  for (const u of plant.units) {
    if (u.kind !== 'storage') continue;
    const gapW = needW - unitsW - storageW;
    // Floating on the plant: it takes any surplus and covers any gap, unless the operator pinned its direction.
    const canDischarge = mode === 'auto' || mode === 'discharge';
    const canCharge = mode === 'auto' || mode === 'charge';
    const floatW = gapW > 0 ? (canDischarge ? gapW : 0) : canCharge ? gapW : 0;
    const requestW = Number.isNaN(u.state.stuckW) ? floatW : u.state.stuckW;
    const ownFraction = ownW > 0 ? ownWasteW / ownW : 0;
    const chargeW = requestW < 0 ? -requestW : 0;
    const fromOwnW = chargeW < ownW ? chargeW : ownW;
    const chargeFraction =
      chargeW > 0 ? (fromOwnW * ownFraction + (chargeW - fromOwnW) * networkWasteFraction) / chargeW : 0;
    const actualW = stepStorage(u.spec, u.state, requestW, supplySetpointC, u.spec.ambientC, dtS, chargeFraction);
    u.heatW = actualW;
    storageW += actualW;
    storageWasteW += u.state.wasteHeatW;
    if (actualW > 0) {
      ownW += actualW;
      ownWasteW += u.state.wasteHeatW;
    } else if (actualW < 0) {
      const takenW = -actualW < ownW ? -actualW : ownW;
      ownW -= takenW;
      ownWasteW -= takenW * ownFraction;
    }
  }
  const heatW = unitsW + storageW;
  const wasteW = unitsWasteW + storageWasteW;
  const maxW = m * Math.max(0, waterHeatJPerKg(returnC, supplySetpointC + OUTLET_MARGIN_K));
  plant.curtailedW = heatW > maxW ? heatW - maxW : 0;
  plant.heatToNetworkW = heatW - plant.curtailedW;
  plant.wasteHeatToNetworkW = heatW > 0 ? (wasteW * plant.heatToNetworkW) / heatW : wasteW;
  plant.outletC = m > 0 ? waterHeatedC(returnC, plant.heatToNetworkW / m) : returnC;
}
