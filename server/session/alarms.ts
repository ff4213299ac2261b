/**
 * Alarms raised by watching the simulation after each step (Alarm, shared/protocol/session.ts); in sessions that
 * keep a control-room alarm list (server/alarms/processAlarms.ts) only the solver's health is watched here:
 *  - a heat pump whose mode changes to tripped (heatPump.ts HP_TRIPPED): warning; back from tripped: info;
 *  - significant unmet heat: unmet > UNMET_SHARE of demand and > UNMET_MIN_W for UNMET_HOLD_S simulated
 *    seconds in a row: warning; cleared (info) once unmet stays below half the share for the same time, so a
 *    flickering value does not flood viewers;
 *  - hydraulics that stop converging (the engine's hydraulicHealth): warning with the loop residual, once when the
 *    solve stops converging; info once it converges again. A solve that keeps failing raises nothing more, so a
 *    struggling network does not flood viewers; only a recovery re-arms the warning;
 *  - a failed simulation: raised by the session on the main thread (`failureAlarm`), critical.
 * Per-step work is a loop over the units with no allocation; an Alarm object is made only when one fires.
 */
import type { Alarm } from '../../shared/protocol/session';
import type { SimulationOutputs } from '../sim';
import { FLOW } from '../sim/ledger';
import { HP_TRIPPED } from '../sim/plant/heatPump';
import { formatTime } from '../sim/calendar';

export const UNMET_SHARE = 0.05;
export const UNMET_MIN_W = 50e3;
export const UNMET_HOLD_S = 900;

export interface AlarmWatch {
  lastMode: Int8Array;
  unmetActive: boolean;
  /** Simulated seconds the unmet condition (or its clearing) has held. */
  heldS: number;
  /** The hydraulic solve was not converging at the last check. */
  hydraulicsFailing: boolean;
}

export function createAlarmWatch(out: SimulationOutputs): AlarmWatch {
  const w: AlarmWatch = { lastMode: new Int8Array(out.units.length), unmetActive: false, heldS: 0, hydraulicsFailing: false };
  syncAlarmWatch(w, out);
  return w;
}

/** Takes the simulation's current state as known (after a restore or a new simulation): no alarms for it. */
export function syncAlarmWatch(w: AlarmWatch, out: SimulationOutputs): void {
  for (let i = 0; i < out.units.length; i++) {
    const u = out.units[i];
    w.lastMode[i] = u.kind === 'heatPump' ? u.state.mode : 0;
  }
  w.unmetActive = false;
  w.heldS = 0;
  w.hydraulicsFailing = !out.hydraulicHealth.converged;
}

export function checkAlarms(w: AlarmWatch, out: SimulationOutputs, dtS: number, raise: (a: Alarm) => void): void {
  checkHydraulics(w, out, raise);
  checkTripsAndUnmet(w, out, dtS, raise);
}

/** The solver's health alone: where the control room's process alarms (processAlarms.ts) watch the plant. */
export function checkSolverAlarms(w: AlarmWatch, out: SimulationOutputs, raise: (a: Alarm) => void): void {
  checkHydraulics(w, out, raise);
}

function checkTripsAndUnmet(w: AlarmWatch, out: SimulationOutputs, dtS: number, raise: (a: Alarm) => void): void {
  for (let i = 0; i < out.units.length; i++) {
    const u = out.units[i];
    if (u.kind !== 'heatPump') continue;
    const mode = u.state.mode;
    const last = w.lastMode[i];
    if (mode === last) continue;
    w.lastMode[i] = mode;
    if (mode === HP_TRIPPED)
      raise({ simTimeS: out.timeS, severity: 'warning', source: u.id, message: `Heat pump ${u.name} tripped at ${formatTime(out.timeS)}` });
    else if (last === HP_TRIPPED)
      raise({ simTimeS: out.timeS, severity: 'info', source: u.id, message: `Heat pump ${u.name} trip cleared` });
  }
  const step = out.ledger.step;
  const demand = step[FLOW.heatDemandW];
  const unmet = step[FLOW.unmetHeatW];
  const bad = unmet > UNMET_MIN_W && unmet > UNMET_SHARE * demand;
  const good = unmet < 0.5 * UNMET_SHARE * demand || unmet < 0.5 * UNMET_MIN_W;
  const changing = w.unmetActive ? good : bad;
  w.heldS = changing ? w.heldS + dtS : 0;
  if (w.heldS < UNMET_HOLD_S) return;
  w.heldS = 0;
  w.unmetActive = !w.unmetActive;
  raise(
    w.unmetActive
      ? {
          simTimeS: out.timeS,
          severity: 'warning',
          source: 'network',
          message: `Unmet heat ${(unmet / 1e6).toFixed(2)} MW (${((100 * unmet) / Math.max(demand, 1)).toFixed(0)} % of demand)`,
        }
      : { simTimeS: out.timeS, severity: 'info', source: 'network', message: 'Heat demand met again' },
  );
}

function checkHydraulics(w: AlarmWatch, out: SimulationOutputs, raise: (a: Alarm) => void): void {
  const health = out.hydraulicHealth;
  if (health.converged !== w.hydraulicsFailing) return;
  w.hydraulicsFailing = !health.converged;
  raise(
    w.hydraulicsFailing
      ? {
          simTimeS: out.timeS,
          severity: 'warning',
          source: 'hydraulics',
          message: `Network hydraulics not converging at ${formatTime(out.timeS)}: loop residual ${health.residualPa.toPrecision(3)} Pa`,
        }
      : { simTimeS: out.timeS, severity: 'info', source: 'hydraulics', message: 'Network hydraulics converge again' },
  );
}

export function failureAlarm(simTimeS: number, error: string): Alarm {
  return { simTimeS, severity: 'critical', source: 'simulation', message: `Simulation failed: ${error}` };
}
