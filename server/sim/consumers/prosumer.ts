/**
 * Prosumer buildings: a building with its own heat pump on its own waste heat (cooling, refrigeration,
 * wastewater). The heat pump serves the building first; what is left over is sold into the network: the
 * building then draws water from the return at its node, heats it and feeds it into the supply, so the flow in
 * its service pipe reverses (a bidirectional network).
 *   own use  Q_own = min(Q_hp, demand)                                       (W)
 *   export   Q_x = Q_hp - Q_own, m_x = Q_x / (c_p·(T_hp,out - T_r))           (W, kg/s)
 *   settled  T_x = T_r + Q_x / (m_x·c_p) with the return temperature of this step (°C)
 * Exports are capped by what the rest of the network draws (the engine passes the cap), so the district's
 * main plant never has to swallow water; heat the building's heat pump cannot place is not made (its
 * request is cut) or, if it was made while ramping down, curtailed and counted. A tripped heat pump restarts by
 * itself once its min off time has passed and the cause has gone (nobody on site resets a building's unit).
 */
import type { HeatPumpSpec, SourceSpec } from '../../../shared/scenario/schema';
import {
  availableHeatW,
  createHeatPumpState,
  readyMeanHeatW,
  resetHeatPump,
  stepHeatPump,
  tripHasCleared,
  type HeatPumpConditions,
  type HeatPumpState,
} from '../plant/heatPump';
import { createSourceOutput, evaluateSource, type SourceOutput } from '../sources';
import { waterHeatedC, waterHeatJPerKg } from '../water';
import { FLOW } from '../ledger';

/** The same margin plants keep above the set-point before curtailing (K). */
const EXPORT_MARGIN_K = 15;

export interface Prosumer {
  building: number;
  node: number;
  source: SourceSpec;
  spec: HeatPumpSpec;
  exports: boolean;
  state: HeatPumpState;
  cond: HeatPumpConditions;
  /** Ledger flow its heat is booked to (by its source kind). */
  heatFlow: number;
  /** Ledger flow of its heat pump's electricity by source kind. */
  electricityFlow: number;
  sourceOut: SourceOutput;
  /** Heat the heat pump can give this step (W), known before the substations run. */
  readyW: number;
  availableW: number;
  /** The building's own use planned and served (W). */
  ownPlanW: number;
  ownW: number;
  /** Heat sold into the network (W), its flow (kg/s) and temperature (°C); curtailed heat (W). */
  exportW: number;
  exportFlowKgS: number;
  exportC: number;
  curtailedW: number;
}

export interface ProsumerSpec {
  building: number;
  node: number;
  source: SourceSpec;
  heatPump: HeatPumpSpec;
  exports: boolean;
}

export function createProsumer(p: ProsumerSpec): Prosumer {
  return {
    building: p.building,
    node: p.node,
    source: p.source,
    spec: p.heatPump,
    exports: p.exports,
    state: createHeatPumpState(),
    heatFlow: FLOW[`heat_${p.source.kind}`],
    electricityFlow: FLOW[`hpElectricity_${p.source.kind}`],
    cond: {
      requestW: 0,
      sourceInC: 10,
      sourceAvailableW: 0,
      sinkInC: 45,
      sinkOutTargetC: 80,
      outdoorC: 0,
      airSource: p.source.kind === 'outdoorAir',
      powerAvailable: true,
    },
    sourceOut: createSourceOutput(),
    readyW: 0,
    availableW: 0,
    ownPlanW: 0,
    ownW: 0,
    exportW: 0,
    exportFlowKgS: 0,
    exportC: 45,
    curtailedW: 0,
  };
}

export interface ProsumerConditions {
  timeS: number;
  outdoorC: number;
  ghiWm2: number;
  supplySetpointC: number;
  powerAvailable: boolean;
}

/** Before the substations: what the heat pump can give now and how much of the building it will cover. */
export function planProsumer(p: Prosumer, returnC: number, demandW: number, c: ProsumerConditions, dtS: number): void {
  evaluateSource(p.source, c.timeS, c.outdoorC, c.ghiWm2, p.sourceOut);
  const cond = p.cond;
  cond.sourceInC = p.sourceOut.temperatureC;
  cond.sourceAvailableW = p.sourceOut.availableW;
  cond.sinkInC = returnC;
  cond.sinkOutTargetC = c.supplySetpointC;
  cond.outdoorC = c.outdoorC;
  cond.powerAvailable = c.powerAvailable;
  // The building's own controller restarts its heat pump once the trip has cleared: a trip caused by a
  // passing disturbance costs the min off time, not the rest of the run.
  if (tripHasCleared(p.spec, p.state, cond)) resetHeatPump(p.state);
  p.availableW = availableHeatW(p.spec, p.state, cond);
  p.readyW = readyMeanHeatW(p.spec, p.state, p.availableW, dtS);
  p.ownPlanW = Math.min(p.readyW, demandW);
}

/** Runs the heat pump for the building's own use plus up to `exportCapW` for the network. */
export function runProsumer(p: Prosumer, demandW: number, exportCapW: number, dtS: number): void {
  const cap = p.exports ? Math.max(0, exportCapW) : 0;
  p.cond.requestW = Math.min(p.availableW, demandW + cap);
  stepHeatPump(p.spec, p.state, p.cond, dtS);
  p.ownW = Math.min(p.state.heatW, p.ownPlanW);
  const surplusW = p.state.heatW - p.ownW;
  const liftK = p.state.sinkOutC - p.cond.sinkInC;
  p.exportFlowKgS = p.exports && surplusW > 0 && liftK > 0.5 ? surplusW / waterHeatJPerKg(p.cond.sinkInC, p.state.sinkOutC) : 0;
  p.exportW = p.exportFlowKgS > 0 ? surplusW : 0;
  p.curtailedW = surplusW - p.exportW;
}

/** With this step's return temperature at the node: the export's actual temperature, curtailing any excess. */
export function settleProsumer(p: Prosumer, returnC: number, supplySetpointC: number): void {
  const m = p.exportFlowKgS;
  if (m <= 0) {
    p.exportC = returnC;
    return;
  }
  const maxW = m * Math.max(0, waterHeatJPerKg(returnC, supplySetpointC + EXPORT_MARGIN_K));
  if (p.exportW > maxW) {
    p.curtailedW += p.exportW - maxW;
    p.exportW = maxW;
  }
  p.exportC = waterHeatedC(returnC, p.exportW / m);
}
