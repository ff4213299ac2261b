/**
 * Prosumer buildings: a building with its own heat pump on its own waste heat (cooling, refrigeration,
 * wastewater). The heat pump serves the building first; what is left over is sold into the network: the
 * building then draws water from the return at its node, heats it and feeds it into the supply, so the flow in
 * its service pipe reverses (a bidirectional network).
 *   own use  Q_own = min(Q_hp, demand)                                       (W)
 *   export   Q_x = Q_hp - Q_own                                              (W)
 *   settled  h(T_x) = h(T_r) + Q_x / m_x with T_r the return water the export took this step (°C, J/kg)
 * The condenser heats two streams, so its inlet is their mix by enthalpy (kg/s, J/kg, °C):
 *   own use  m_own = Q_own / (h(T_out) - h(T_heat)), T_heat the building's radiator return at its load: the
 *            heat pump heats the building's own circuit, not district water;
 *   export   the return water at the node: first the building's own return injection m_b at T_b (a covered
 *            building's substation passes little more than its fault leak, water near the supply temperature),
 *            then, for an export flow above m_b, water drawn along the return main at T_main (the return at the
 *            node the main brings it from). So with Q_x = m_x·(h(T_out) - h_in):
 *              m_x ≤ m_b:  h_in = h(T_b),                      m_x = Q_x / (h(T_out) - h(T_b))
 *              m_x > m_b:  h_in = (m_b·h(T_b) + (m_x - m_b)·h(T_main)) / m_x,
 *                          m_x = (Q_x + m_b·(h(T_b) - h(T_main))) / (h(T_out) - h(T_main))
 *   inlet    h(T_in) = (m_own·h(T_heat) + m_x·h_in) / (m_own + m_x).
 * A heat pump that saw only its node's last return (the leak water while it covers its building) would trip for
 * "return too hot" whenever a short step caught it between covering its building and exporting. The plan reads
 * the substation's flow of the last step (kept in `water`), the run this step's; the settlement uses the water the return network
 * actually handed over at the node (its transport mixes the same two streams), so the books balance exactly.
 * Exports are capped by what the rest of the network draws (the engine passes the cap), so the district's
 * main plant never has to swallow water; heat the building's heat pump cannot place is not made (its
 * request is cut) or, if it was made while ramping down, curtailed and counted. A tripped heat pump restarts by
 * itself once its min off time has passed and the cause has gone (nobody on site resets a building's unit).
 */
import type { HeatPumpSpec, SourceSpec } from '../../../shared/scenario/schema';
import {
  availableHeatW,
  createHeatPumpState,
  reachableSinkOutC,
  readyMeanHeatW,
  resetHeatPump,
  stepHeatPump,
  tripHasCleared,
  type HeatPumpConditions,
  type HeatPumpState,
} from '../plant/heatPump';
import { createSourceOutput, evaluateSource, type SourceOutput } from '../sources';
import { waterEnthalpyJPerKg, waterHeatedC, waterHeatJPerKg, waterTemperatureFromEnthalpyC } from '../water';
import { FLOW } from '../ledger';

/** The same margin plants keep above the set-point before curtailing (K). */
const EXPORT_MARGIN_K = 15;

/** The return water an export draws at the prosumer's node (see the header). */
export interface ReturnWater {
  /** The building's own substation flow into the return (kg/s) and its temperature (°C). */
  buildingKgS: number;
  buildingC: number;
  /** Return water the main brings to the node (°C). */
  mainC: number;
}

export interface Prosumer {
  building: number;
  node: number;
  source: SourceSpec;
  spec: HeatPumpSpec;
  exports: boolean;
  state: HeatPumpState;
  cond: HeatPumpConditions;
  /** The return water at its node, set by the engine before planning and before running. */
  water: ReturnWater;
  /** The building's radiator return at its present load, where the heat pump's own-use water comes from (°C). */
  heatingReturnC: number;
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
    water: { buildingKgS: 0, buildingC: 45, mainC: 45 },
    heatingReturnC: 45,
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

/** Temperature (°C) of the return water an export flow of m kg/s draws at the node. */
export function exportInletC(w: ReturnWater, m: number): number {
  if (m <= w.buildingKgS) return w.buildingC;
  const hJ = w.buildingKgS * waterEnthalpyJPerKg(w.buildingC) + (m - w.buildingKgS) * waterEnthalpyJPerKg(w.mainC);
  return waterTemperatureFromEnthalpyC(hJ / m);
}

/** Export flow (kg/s) that carries exportW (W) from the node's return water up to outC (°C); 0 if none can. */
export function exportFlowKgS(w: ReturnWater, exportW: number, outC: number): number {
  if (!(exportW > 0)) return 0;
  const hOut = waterEnthalpyJPerKg(outC);
  const hb = waterEnthalpyJPerKg(w.buildingC);
  if (hOut > hb && exportW <= w.buildingKgS * (hOut - hb)) return exportW / (hOut - hb);
  const hm = waterEnthalpyJPerKg(w.mainC);
  return hOut > hm ? (exportW + w.buildingKgS * (hb - hm)) / (hOut - hm) : 0;
}

/** The condenser's inlet (°C) when it gives ownW to the building and exportW to the network at outC. */
export function condenserInletC(p: Prosumer, ownW: number, exportW: number, outC: number): number {
  const hOut = waterEnthalpyJPerKg(outC);
  const hHeat = waterEnthalpyJPerKg(p.heatingReturnC);
  const mOwn = ownW > 0 && hOut > hHeat ? ownW / (hOut - hHeat) : 0;
  const mX = p.exports ? exportFlowKgS(p.water, exportW, outC) : 0;
  // Nothing to heat: the unit would start on its building's own circuit.
  if (!(mOwn + mX > 0)) return p.heatingReturnC;
  const hX = waterEnthalpyJPerKg(exportInletC(p.water, mX));
  return waterTemperatureFromEnthalpyC((mOwn * hHeat + mX * hX) / (mOwn + mX));
}

/** Sets the condenser inlet for a heat pump making heatW, its building's use served first. */
function seeCondenserInlet(p: Prosumer, heatW: number, demandW: number): void {
  const ownW = Math.min(heatW, demandW);
  p.cond.sinkInC = condenserInletC(p, ownW, p.exports ? heatW - ownW : 0, reachableSinkOutC(p.spec, p.cond));
}

/**
 * Before the substations: what the heat pump can give now and how much of the building it will cover, with
 * `p.water` holding the node's return of the last step and `heatingReturnC` the building's radiator return (°C).
 */
export function planProsumer(p: Prosumer, heatingReturnC: number, demandW: number, c: ProsumerConditions, dtS: number): void {
  evaluateSource(p.source, c.timeS, c.outdoorC, c.ghiWm2, p.sourceOut);
  const cond = p.cond;
  cond.sourceInC = p.sourceOut.temperatureC;
  cond.sourceAvailableW = p.sourceOut.availableW;
  cond.sinkOutTargetC = c.supplySetpointC;
  cond.outdoorC = c.outdoorC;
  cond.powerAvailable = c.powerAvailable;
  p.heatingReturnC = heatingReturnC;
  // The inlet depends on the heat made and the heat on the inlet: first the water at full capacity (what a
  // restarting unit would draw), then the water at the heat it can give this step.
  seeCondenserInlet(p, p.spec.capacityW, demandW);
  // The building's own controller restarts its heat pump once the trip has cleared: a trip caused by a
  // passing disturbance costs the min off time, not the rest of the run.
  if (tripHasCleared(p.spec, p.state, cond)) resetHeatPump(p.state);
  p.availableW = availableHeatW(p.spec, p.state, cond);
  p.readyW = readyMeanHeatW(p.spec, p.state, p.availableW, dtS);
  if (p.readyW > 0) {
    seeCondenserInlet(p, p.readyW, demandW);
    p.availableW = availableHeatW(p.spec, p.state, cond);
    p.readyW = readyMeanHeatW(p.spec, p.state, p.availableW, dtS);
  }
  p.ownPlanW = Math.min(p.readyW, demandW);
}

/**
 * Runs the heat pump for the building's own use plus up to `exportCapW` for the network, with `p.water` holding
 * this step's substation flow of the building.
 */
export function runProsumer(p: Prosumer, demandW: number, exportCapW: number, dtS: number): void {
  const cap = p.exports ? Math.max(0, exportCapW) : 0;
  p.cond.requestW = Math.min(p.availableW, demandW + cap);
  seeCondenserInlet(p, Math.min(p.readyW, p.cond.requestW), p.ownPlanW);
  stepHeatPump(p.spec, p.state, p.cond, dtS);
  p.ownW = Math.min(p.state.heatW, p.ownPlanW);
  const surplusW = p.state.heatW - p.ownW;
  const m = p.exports ? exportFlowKgS(p.water, surplusW, p.state.sinkOutC) : 0;
  const liftK = m > 0 ? p.state.sinkOutC - exportInletC(p.water, m) : 0;
  p.exportFlowKgS = liftK > 0.5 ? m : 0;
  p.exportW = p.exportFlowKgS > 0 ? surplusW : 0;
  p.curtailedW = surplusW - p.exportW;
}

/**
 * With the return water the export actually took at the node this step (°C): the export's temperature,
 * curtailing any excess.
 */
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
