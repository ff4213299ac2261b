/**
 * Plant commands (shared/protocol/commands.ts, already validated by zod) -> the simulation's OperatorInputs
 * (server/sim/operator.ts), applied between steps in the worker. Clock commands are the clock's (clock.ts).
 *   supplySetpoint  offsetK -> supplyOffsetK (K); overrideC -> supplyOverrideC (°C), null -> NaN (back to the curve)
 *   heatPump        start/stop/auto -> unitForce 'on'/'off'/'auto'; reset -> unitReset = 1 (the step clears it)
 *   boiler          start/stop/auto -> unitForce
 *   storage         mode -> storageMode
 *   priority        listed units get ranks 0, 1, ... in order, the rest Infinity (merit order); [] resets
 *   standbyPump     start/stop -> standbyPumpOn
 *   makeUp          pumps -> makeUpPumps (make-up pumps in service)
 *   valve           close/open -> valveClosed of the pipe (1/0); only a pipe in no loop has section valves
 * A unit or pipe id that is unknown or of the wrong kind is refused naming the field and changes nothing.
 */
import type { CommandAck, PlantCommand } from '../../shared/protocol/commands';
import type { SimulationOutputs } from '../sim';
import type { ForceMode, OperatorInputs } from '../sim/operator';

const FORCE: Record<'start' | 'stop' | 'auto', ForceMode> = { start: 'on', stop: 'off', auto: 'auto' };

function unitIndex(out: SimulationOutputs, id: string, kind?: 'heatPump' | 'boiler'): number {
  return out.units.findIndex((u) => u.id === id && (kind === undefined || u.kind === kind));
}

export function applyPlantCommand(cmd: PlantCommand, out: SimulationOutputs, inputs: OperatorInputs): CommandAck {
  switch (cmd.type) {
    case 'supplySetpoint': {
      if (cmd.offsetK === undefined && cmd.overrideC === undefined) return { ok: false, error: 'offsetK: give offsetK or overrideC' };
      if (cmd.offsetK !== undefined) inputs.supplyOffsetK = cmd.offsetK;
      if (cmd.overrideC !== undefined) inputs.supplyOverrideC = cmd.overrideC === null ? NaN : cmd.overrideC;
      return { ok: true };
    }
    case 'heatPump': {
      const i = unitIndex(out, cmd.unitId, 'heatPump');
      if (i < 0) return { ok: false, error: `unitId: no heat pump "${cmd.unitId}"` };
      if (cmd.action === 'reset') inputs.unitReset[i] = 1;
      else inputs.unitForce[i] = FORCE[cmd.action];
      return { ok: true };
    }
    case 'boiler': {
      const i = unitIndex(out, cmd.unitId, 'boiler');
      if (i < 0) return { ok: false, error: `unitId: no boiler "${cmd.unitId}"` };
      inputs.unitForce[i] = FORCE[cmd.action];
      return { ok: true };
    }
    case 'storage': {
      if (!out.units.some((u) => u.kind === 'storage')) return { ok: false, error: 'mode: this scenario has no storage' };
      inputs.storageMode = cmd.mode;
      return { ok: true };
    }
    case 'standbyPump':
      inputs.standbyPumpOn = cmd.action === 'start';
      return { ok: true };
    case 'makeUp':
      inputs.makeUpPumps = cmd.pumps;
      return { ok: true };
    case 'valve': {
      const e = out.pipes.ids.indexOf(cmd.pipeId);
      if (e < 0) return { ok: false, error: `pipeId: no pipe "${cmd.pipeId}"` };
      if (!out.pipes.hasSectionValve[e]) {
        return {
          ok: false,
          error: `pipeId: "${cmd.pipeId}" lies in a loop, so it has no section valves (closing it cuts nothing off)`,
        };
      }
      inputs.valveClosed[e] = cmd.action === 'close' ? 1 : 0;
      return { ok: true };
    }
    case 'priority': {
      const idx: number[] = [];
      for (let k = 0; k < cmd.unitIds.length; k++) {
        const i = unitIndex(out, cmd.unitIds[k]);
        if (i < 0) return { ok: false, error: `unitIds.${k}: no unit "${cmd.unitIds[k]}"` };
        if (idx.includes(i)) return { ok: false, error: `unitIds.${k}: "${cmd.unitIds[k]}" listed twice` };
        idx.push(i);
      }
      inputs.unitPriority.fill(Infinity);
      idx.forEach((i, rank) => (inputs.unitPriority[i] = rank));
      return { ok: true };
    }
  }
}
