/**
 * Malfunction commands (shared/protocol/commands.ts, already validated by zod; instructors only) -> the
 * simulation's OperatorInputs.malfunctions (server/sim/malfunctions.ts), applied between steps in the worker:
 *   inject heatPumpTrip         unitTrip = 1 (the step trips the unit and clears it)
 *   inject failedStart          unitStartFails = 1 (heat pumps and boilers)
 *   inject compressorStageLoss  unitStagesLost = stages (no more than the unit has)
 *   inject sourceOutage         sourceOut = 1
 *   inject circulationPumpFailure  circulationPumpFailed = true
 *   inject sensorFault          sensorFault/sensorValue of the sensor, a drift from now (sensorSinceS)
 *   inject storageValveStuck    storageStuckW = the tank's exchange now (W, + discharge)
 *   inject priceSpike           priceAddEurPerMWh = addEurPerMWh
 *   inject coldSnap             outdoorOffsetK = -dropK
 *   inject pipeLeak             leakPipe = the pipe, leakHoleAreaM2 = holeAreaMm2·1e-6 (replaces any leak)
 *   clear <kind>                back to normal; list: the malfunctions in force
 * Every answer lists the malfunctions in force. A unit, source or pipe that is unknown or of the wrong kind is
 * refused naming the field and changes nothing.
 */
import type { CommandAck, Malfunction, MalfunctionCommand } from '../../shared/protocol/commands';
import type { Simulation } from '../sim';
import type { OperatorInputs } from '../sim/operator';
import { SENSOR_BIAS, SENSOR_DRIFT, SENSOR_FAILED, SENSOR_OK, SENSOR_SUPPLY_TEMPERATURE, SENSOR_WORST_DP } from '../sim/malfunctions';

const SENSORS = { supplyTemperature: SENSOR_SUPPLY_TEMPERATURE, worstDp: SENSOR_WORST_DP } as const;
const SENSOR_NAMES = ['supplyTemperature', 'worstDp'] as const;
const FAULTS = { bias: SENSOR_BIAS, drift: SENSOR_DRIFT, failed: SENSOR_FAILED } as const;
const FAULT_NAMES = ['ok', 'bias', 'drift', 'failed'] as const;

type UnitKind = 'heatPump' | 'boiler' | 'storage';

/** The units each unit malfunction acts on. */
const UNIT_KINDS = {
  heatPumpTrip: ['heatPump'],
  failedStart: ['heatPump', 'boiler'],
  compressorStageLoss: ['heatPump'],
  storageValveStuck: ['storage'],
} as const satisfies Record<string, ReadonlyArray<UnitKind>>;

function unitIndex(sim: Simulation, id: string | undefined, kinds: ReadonlyArray<UnitKind>): number {
  return sim.outputs.units.findIndex((u) => u.id === id && kinds.includes(u.kind));
}

function sourceIndex(sim: Simulation, id: string | undefined): number {
  return sim.model.scenario.sources.findIndex((s) => s.id === id);
}

function pipeIndex(sim: Simulation, id: string | undefined): number {
  return id === undefined ? -1 : sim.model.pipeIds.indexOf(id);
}

/** The malfunctions in force, as an instructor would inject them. */
export function activeMalfunctions(sim: Simulation, inputs: OperatorInputs): Malfunction[] {
  const f = inputs.malfunctions;
  const list: Malfunction[] = [];
  sim.outputs.units.forEach((u, i) => {
    if (f.unitStartFails[i]) list.push({ kind: 'failedStart', unitId: u.id });
    if (f.unitStagesLost[i]) list.push({ kind: 'compressorStageLoss', unitId: u.id, stages: f.unitStagesLost[i] });
    if (!Number.isNaN(f.storageStuckW[i])) list.push({ kind: 'storageValveStuck', unitId: u.id });
  });
  sim.model.scenario.sources.forEach((s, i) => {
    if (f.sourceOut[i]) list.push({ kind: 'sourceOutage', sourceId: s.id });
  });
  if (f.circulationPumpFailed) list.push({ kind: 'circulationPumpFailure' });
  SENSOR_NAMES.forEach((sensor) => {
    const fault = FAULT_NAMES[f.sensorFault[SENSORS[sensor]]];
    if (fault !== 'ok') list.push({ kind: 'sensorFault', sensor, fault, value: f.sensorValue[SENSORS[sensor]] });
  });
  if (f.leakPipe >= 0) {
    list.push({ kind: 'pipeLeak', pipeId: sim.model.pipeIds[f.leakPipe], holeAreaMm2: f.leakHoleAreaM2 * 1e6 });
  }
  if (f.priceAddEurPerMWh !== 0) list.push({ kind: 'priceSpike', addEurPerMWh: f.priceAddEurPerMWh });
  if (f.outdoorOffsetK !== 0) list.push({ kind: 'coldSnap', dropK: -f.outdoorOffsetK });
  return list;
}

export function applyMalfunctionCommand(cmd: MalfunctionCommand, sim: Simulation, inputs: OperatorInputs): CommandAck {
  if (cmd.action === 'schedule') return { ok: false, error: 'action: only a training run schedules malfunctions; inject it when due' };
  let refusal: string | null = null;
  if (cmd.action === 'inject') refusal = inject(cmd.malfunction, sim, inputs);
  else if (cmd.action === 'clear') refusal = clear(cmd, sim, inputs);
  if (refusal !== null) return { ok: false, error: refusal };
  return { ok: true, result: { active: activeMalfunctions(sim, inputs) } };
}

/** Why a malfunction cannot enter this simulation (naming the field), or null when it can. */
export function malfunctionRefusal(m: Malfunction, sim: Simulation): string | null {
  switch (m.kind) {
    case 'heatPumpTrip':
      return unitIndex(sim, m.unitId, UNIT_KINDS.heatPumpTrip) < 0 ? `malfunction.unitId: no heat pump "${m.unitId}"` : null;
    case 'failedStart':
      return unitIndex(sim, m.unitId, UNIT_KINDS.failedStart) < 0
        ? `malfunction.unitId: no heat pump or boiler "${m.unitId}"`
        : null;
    case 'compressorStageLoss': {
      const i = unitIndex(sim, m.unitId, UNIT_KINDS.compressorStageLoss);
      if (i < 0) return `malfunction.unitId: no heat pump "${m.unitId}"`;
      const unit = sim.outputs.units[i];
      const stages = unit.kind === 'heatPump' ? unit.spec.stages : 0;
      return m.stages > stages ? `malfunction.stages: "${m.unitId}" has ${stages} stages` : null;
    }
    case 'sourceOutage':
      return sourceIndex(sim, m.sourceId) < 0 ? `malfunction.sourceId: no source "${m.sourceId}"` : null;
    case 'storageValveStuck':
      return unitIndex(sim, m.unitId, UNIT_KINDS.storageValveStuck) < 0 ? `malfunction.unitId: no storage "${m.unitId}"` : null;
    case 'pipeLeak':
      return pipeIndex(sim, m.pipeId) < 0 ? `malfunction.pipeId: no pipe "${m.pipeId}"` : null;
    default:
      return null;
  }
}

/** Applies one malfunction; returns why not (naming the field) or null. */
function inject(m: Malfunction, sim: Simulation, inputs: OperatorInputs): string | null {
  const refusal = malfunctionRefusal(m, sim);
  if (refusal !== null) return refusal;
  const f = inputs.malfunctions;
  switch (m.kind) {
    case 'heatPumpTrip':
      f.unitTrip[unitIndex(sim, m.unitId, UNIT_KINDS.heatPumpTrip)] = 1;
      return null;
    case 'failedStart':
      f.unitStartFails[unitIndex(sim, m.unitId, UNIT_KINDS.failedStart)] = 1;
      return null;
    case 'compressorStageLoss':
      f.unitStagesLost[unitIndex(sim, m.unitId, UNIT_KINDS.compressorStageLoss)] = m.stages;
      return null;
    case 'sourceOutage':
      f.sourceOut[sourceIndex(sim, m.sourceId)] = 1;
      return null;
    case 'storageValveStuck': {
      const i = unitIndex(sim, m.unitId, UNIT_KINDS.storageValveStuck);
      f.storageStuckW[i] = sim.outputs.units[i].heatW;
      return null;
    }
    case 'circulationPumpFailure':
      f.circulationPumpFailed = true;
      return null;
    case 'sensorFault': {
      const k = SENSORS[m.sensor];
      f.sensorFault[k] = FAULTS[m.fault];
      f.sensorValue[k] = m.value;
      f.sensorSinceS[k] = sim.outputs.timeS;
      return null;
    }
    case 'priceSpike':
      f.priceAddEurPerMWh = m.addEurPerMWh;
      return null;
    case 'coldSnap':
      f.outdoorOffsetK = -m.dropK;
      return null;
    case 'pipeLeak':
      f.leakPipe = pipeIndex(sim, m.pipeId);
      f.leakHoleAreaM2 = m.holeAreaMm2 * 1e-6;
      return null;
  }
}

function clear(cmd: Extract<MalfunctionCommand, { action: 'clear' }>, sim: Simulation, inputs: OperatorInputs): string | null {
  const f = inputs.malfunctions;
  switch (cmd.kind) {
    case 'failedStart':
    case 'compressorStageLoss':
    case 'storageValveStuck': {
      const i = unitIndex(sim, cmd.unitId, UNIT_KINDS[cmd.kind]);
      if (i < 0) return `unitId: no ${UNIT_KINDS[cmd.kind].join(' or ')} "${cmd.unitId ?? ''}"`;
      if (cmd.kind === 'failedStart') f.unitStartFails[i] = 0;
      else if (cmd.kind === 'compressorStageLoss') f.unitStagesLost[i] = 0;
      else f.storageStuckW[i] = NaN;
      return null;
    }
    case 'sourceOutage': {
      const s = sourceIndex(sim, cmd.sourceId);
      if (s < 0) return `sourceId: no source "${cmd.sourceId ?? ''}"`;
      f.sourceOut[s] = 0;
      return null;
    }
    case 'circulationPumpFailure':
      f.circulationPumpFailed = false;
      return null;
    case 'sensorFault': {
      if (cmd.sensor === undefined) return 'sensor: which sensor (supplyTemperature or worstDp)';
      f.sensorFault[SENSORS[cmd.sensor]] = SENSOR_OK;
      return null;
    }
    case 'priceSpike':
      f.priceAddEurPerMWh = 0;
      return null;
    case 'coldSnap':
      f.outdoorOffsetK = 0;
      return null;
    case 'pipeLeak': {
      const e = pipeIndex(sim, cmd.pipeId);
      if (e < 0) return `pipeId: no pipe "${cmd.pipeId ?? ''}"`;
      if (f.leakPipe !== e) return `pipeId: "${cmd.pipeId}" does not leak`;
      f.leakPipe = -1;
      f.leakHoleAreaM2 = 0;
      return null;
    }
  }
}
