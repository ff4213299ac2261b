/**
 * A heat pump unit as hardware: what it can deliver under the present conditions, and a state machine
 * (off -> starting -> running, tripped, maintenance) with ramp limits, min on/off times and compressor stages.
 *
 * Physics (SI: W, °C, s; docs/reference-figures.md, Heat pumps):
 *   sink outlet   T_out = min(target, maxSinkC, T_source,out + maxLiftK)   (can't reach the set-point: preheat,
 *                 the boilers top up; that is the dispatcher's job)
 *   COP           Lorenz on sink in/out and source in/out (source out = in - sourceGlideK; air: air both), or
 *                 Carnot on the outlet temperatures (cop.ts)
 *   balance       Q_sink = Q_source + P_el, P_el = Q_sink / COP; cooling delivered = Q_source if deliversCooling
 *   source limit  Q_source = Q·(1 - 1/COP) <= sourceAvailableW
 * Air source (assumptions, stylised; the reference says only "capacity and COP fall with air temperature;
 * defrost losses near 0 °C"; Fortum Vermo's air-water plant works down to -15 °C):
 *   capacity factor 1 at +7 °C (the EN 14511 A7 rating point) and above, falling linearly to 0.6 at -15 °C and on
 *   below (0.42 at -25 °C), never below 0.2;
 *   defrost penalty on both COP and capacity: 0 below -10 °C (air too dry to frost the coil), rising linearly to
 *   10 % at 0 °C, 10 % up to +3 °C, back to 0 at +7 °C. The COP therefore flattens between -10 and 0 °C (the
 *   well-known defrost dip) and falls outside that band.
 * Stages: `stages` equal compressors; output Q uses n = ceil(Q / stage capacity) of them at an equal share.
 *   Part-load COP = COP · (1 - 0.15·(1 - stageLoad)^2): no loss at full stage load, 15 % with a stage idling.
 *   Assumption (stylised): capacity-controlled screw/centrifugal compressors lose isentropic efficiency
 *   progressively as they unload, little near full load; staging keeps stages near full load.
 * The source limit uses the full-load COP: part load only lowers the COP, so the source is never over-drawn.
 * State machine (auto): OFF -> STARTING when request >= minPartLoad·cap, min off time elapsed and the unit can
 *   deliver at least that; STARTING gives no heat for startupDelayS -> RUNNING; output follows the request in
 *   [minPartLoad·cap, available], changed by at most rampPerS·capacityW per second (from 0 at the start of
 *   RUNNING, so full load takes 1/rampPerS s), but cut at once to what is available; stops when request <
 *   minPartLoad·cap and the min on time (counted from the start command) has elapsed, or at once when it can no
 *   longer make its minimum. Force 'on' runs at the maximum available (through the start-up delay, the ramp and
 *   the min off time, which protect the compressor); force 'off' stops at once, ignoring min on time.
 *   Every timer acts in seconds: a start, the end of the start-up delay or a stop that falls inside a step takes
 *   effect at its moment, and the outputs are the step's means (the ramp integrated over the step), so neither
 *   the timing nor the energy depends on the step length; `levelW` keeps where the ramp stands.
 * Trips latch until resetHeatPump: power loss, source below minSourceC, return water above maxSinkC - 2 K (too hot
 *   to cool the condenser), and a lift so large that no output is possible (source out + maxLiftK <= sink in).
 *   They are checked while the unit is on or asked to start.
 * Faults (malfunctions.ts): a protection trip (tripHeatPump) stops the unit at once and latches like the others;
 *   with `startFails` a start attempt ends in a trip when its start-up delay runs out; `stagesLost` compressor
 *   stages out of service leave (stages - lost)/stages of the capacity, each remaining stage as rated.
 * The unit's state is one plain object updated in place (a city has a handful): no allocation per step.
 */
import type { HeatPumpSpec } from '../../../shared/scenario/schema';
import { carnotCop, lorenzCop, MIN_COP } from './cop';
import { rampOver } from './ramp';

export const HP_OFF = 0;
export const HP_STARTING = 1;
export const HP_RUNNING = 2;
export const HP_TRIPPED = 3;
export const HP_MAINTENANCE = 4;
export type HeatPumpMode = 0 | 1 | 2 | 3 | 4;
export const HEAT_PUMP_MODE_NAMES = ['off', 'starting', 'running', 'tripped', 'maintenance'] as const;

export const TRIP_POWER_LOSS = 'power loss';
export const TRIP_SOURCE_TOO_COLD = 'source too cold';
export const TRIP_SINK_TOO_HOT = 'return too hot to cool the condenser';
export const TRIP_LIFT = 'lift beyond limit';
export const TRIP_PROTECTION = 'protection trip';
export const TRIP_START_FAILED = 'failed to start';
export type TripReason =
  | ''
  | typeof TRIP_POWER_LOSS
  | typeof TRIP_SOURCE_TOO_COLD
  | typeof TRIP_SINK_TOO_HOT
  | typeof TRIP_LIFT
  | typeof TRIP_PROTECTION
  | typeof TRIP_START_FAILED;

export type ForceMode = 'auto' | 'on' | 'off';

/** The return water must stay this far below maxSinkC for the condenser to work. */
export const SINK_MARGIN_K = 2;
export const PART_LOAD_LOSS = 0.15;
/** Timer slack, so that sums of float step lengths hit their targets. */
const TIME_EPS_S = 1e-9;

export interface HeatPumpConditions {
  /** Heat asked of the unit (W). */
  requestW: number;
  /** Source stream inlet temperature (°C); ignored for air source (outdoorC is used). */
  sourceInC: number;
  /** Heat the source can give (W); Infinity for air. */
  sourceAvailableW: number;
  /** Water entering the condenser: the network return (°C). */
  sinkInC: number;
  /** Outlet temperature asked for (°C). */
  sinkOutTargetC: number;
  outdoorC: number;
  airSource: boolean;
  powerAvailable: boolean;
}

export interface HeatPumpState {
  mode: HeatPumpMode;
  timeInModeS: number;
  /** Min on (while on) or min off (while off/tripped) time left before the unit may stop/start (s). */
  holdS: number;
  force: ForceMode;
  tripReason: TripReason;
  /** Heat delivered to the sink (W), the mean over the last step. */
  heatW: number;
  /** Output at the end of the last step (W): where the ramp stands, and where the next step's ramp starts. */
  levelW: number;
  electricityW: number;
  /** Heat taken from the source (W) = heatW - electricityW. */
  sourceHeatW: number;
  /** Cooling counted as delivered (W): sourceHeatW when spec.deliversCooling, else 0. */
  coolingW: number;
  /** Heating COP in operation; 0 when not delivering. */
  cop: number;
  /** Actual outlet temperature (°C); the inlet when not heating. */
  sinkOutC: number;
  stagesOn: number;
  /** Faults in force this step (malfunctions.ts): compressor stages out of service; every start fails. */
  stagesLost: number;
  startFails: boolean;
}

export function createHeatPumpState(): HeatPumpState {
  return {
    mode: HP_OFF,
    timeInModeS: 0,
    holdS: 0,
    force: 'auto',
    tripReason: '',
    heatW: 0,
    levelW: 0,
    electricityW: 0,
    sourceHeatW: 0,
    coolingW: 0,
    cop: 0,
    sinkOutC: 0,
    stagesOn: 0,
    stagesLost: 0,
    startFails: false,
  };
}

/** Air-source capacity as a fraction of rated: 1 at +7 °C and above, 0.6 at -15 °C, linear, floor 0.2. */
export function airCapacityFactor(airC: number): number {
  if (airC >= 7) return 1;
  const f = 1 - (0.4 * (7 - airC)) / 22;
  return f < 0.2 ? 0.2 : f;
}

/** Air-source defrost factor on COP and capacity: 0.9 at 0..+3 °C, 1 below -10 and above +7, linear between. */
export function defrostFactor(airC: number): number {
  if (airC <= -10 || airC >= 7) return 1;
  if (airC < 0) return 1 - (0.1 * (airC + 10)) / 10;
  if (airC <= 3) return 0.9;
  return 1 - (0.1 * (7 - airC)) / 4;
}

function sourceInOf(cond: HeatPumpConditions): number {
  return cond.airSource ? cond.outdoorC : cond.sourceInC;
}

function sourceOutOf(spec: HeatPumpSpec, cond: HeatPumpConditions): number {
  return cond.airSource ? cond.outdoorC : cond.sourceInC - spec.sourceGlideK;
}

/** The outlet temperature the unit can make: min(target, maxSinkC, source out + maxLiftK), °C. */
export function reachableSinkOutC(spec: HeatPumpSpec, cond: HeatPumpConditions): number {
  const liftLimitC = sourceOutOf(spec, cond) + spec.maxLiftK;
  return Math.min(cond.sinkOutTargetC, spec.maxSinkC, liftLimitC);
}

/** The trip the present conditions would cause in a running unit, or '' if none. */
export function tripCause(spec: HeatPumpSpec, cond: HeatPumpConditions): TripReason {
  if (!cond.powerAvailable) return TRIP_POWER_LOSS;
  // Written as !(a >= b) so that a NaN temperature also trips rather than producing NaN heat.
  if (!(sourceInOf(cond) >= spec.minSourceC)) return TRIP_SOURCE_TOO_COLD;
  if (!(cond.sinkInC <= spec.maxSinkC - SINK_MARGIN_K)) return TRIP_SINK_TOO_HOT;
  if (!(sourceOutOf(spec, cond) + spec.maxLiftK > cond.sinkInC)) return TRIP_LIFT;
  return '';
}

/** Heating COP at full stage load for the given outlet temperature (defrost included for air). */
export function fullLoadCop(spec: HeatPumpSpec, cond: HeatPumpConditions, sinkOutC: number): number {
  const srcIn = sourceInOf(cond);
  const srcOut = sourceOutOf(spec, cond);
  let cop =
    spec.copModel === 'lorenz'
      ? lorenzCop(cond.sinkInC, sinkOutC, srcIn, srcOut, spec.efficiency)
      : carnotCop(sinkOutC, srcOut, spec.efficiency);
  if (cond.airSource) cop *= defrostFactor(cond.outdoorC);
  return cop < MIN_COP ? MIN_COP : cop;
}

/** Rated capacity derated for the air temperature (W); the rating for water sources. */
export function deratedCapacityW(spec: HeatPumpSpec, cond: HeatPumpConditions): number {
  if (!cond.airSource) return spec.capacityW;
  return spec.capacityW * airCapacityFactor(cond.outdoorC) * defrostFactor(cond.outdoorC);
}

/**
 * Heat (W) the unit could deliver now: derated capacity, limited by the source; 0 when the conditions would trip
 * it, when the outlet can't be above the inlet, or (given a state) when tripped, in maintenance or forced off.
 */
export function availableHeatW(
  spec: HeatPumpSpec,
  state: HeatPumpState | undefined,
  cond: HeatPumpConditions,
): number {
  if (state !== undefined) {
    if (state.mode === HP_TRIPPED || state.mode === HP_MAINTENANCE || state.force === 'off') return 0;
  }
  if (tripCause(spec, cond) !== '') return 0;
  const sinkOutC = reachableSinkOutC(spec, cond);
  if (!(sinkOutC > cond.sinkInC)) return 0;
  let heatW = deratedCapacityW(spec, cond);
  if (state !== undefined) heatW *= stagesInService(spec, state) / spec.stages;
  const sourceShare = 1 - 1 / fullLoadCop(spec, cond, sinkOutC);
  if (sourceShare > 0) {
    const sourceLimitW = cond.sourceAvailableW / sourceShare;
    if (sourceLimitW < heatW) heatW = sourceLimitW;
  }
  return heatW > 0 ? heatW : 0;
}

/** Compressor stages that may run (0 when every one is out of service). */
function stagesInService(spec: HeatPumpSpec, state: HeatPumpState): number {
  return state.stagesLost < spec.stages ? spec.stages - state.stagesLost : 0;
}

function zeroOutputs(state: HeatPumpState, sinkInC: number): void {
  state.heatW = 0;
  state.electricityW = 0;
  state.sourceHeatW = 0;
  state.coolingW = 0;
  state.cop = 0;
  state.sinkOutC = sinkInC;
  state.stagesOn = 0;
}

function enterMode(state: HeatPumpState, mode: HeatPumpMode): void {
  state.mode = mode;
  state.timeInModeS = 0;
}

function advanceClock(state: HeatPumpState, dtS: number): void {
  state.timeInModeS += dtS;
  state.holdS = state.holdS > dtS ? state.holdS - dtS : 0;
}

/**
 * Advance the unit by dtS seconds under the given conditions (held over the step); outputs, the means over the
 * step, are written into `state`. Each timer falls due at its own moment inside the step: the unit starts once its
 * min off time has run, runs once its start-up delay has passed and stops once its min on time has run, so the
 * heat it makes does not depend on the step length.
 */
export function stepHeatPump(
  spec: HeatPumpSpec,
  state: HeatPumpState,
  cond: HeatPumpConditions,
  dtS: number,
): void {
  if (state.mode === HP_TRIPPED || state.mode === HP_MAINTENANCE) {
    zeroOutputs(state, cond.sinkInC);
    state.levelW = 0;
    advanceClock(state, dtS);
    return;
  }
  const minW = spec.minPartLoad * spec.capacityW;
  const auto = state.force === 'auto';
  const wantsRun = state.force === 'on' || (auto && cond.requestW >= minW);
  const isOn = state.mode === HP_STARTING || state.mode === HP_RUNNING;

  if (isOn || wantsRun) {
    const cause = tripCause(spec, cond);
    if (cause !== '') {
      enterMode(state, HP_TRIPPED);
      state.tripReason = cause;
      state.holdS = spec.minOffS;
      zeroOutputs(state, cond.sinkInC);
      state.levelW = 0;
      advanceClock(state, dtS);
      return;
    }
  }

  const availW = availableHeatW(spec, state, cond);
  // Seconds into the step at which a running unit stops (Infinity: it runs on).
  let stopAtS = Infinity;
  let elapsedS = 0;
  if (isOn) {
    const cannotRun = availW <= 0 || (auto && availW < minW);
    if (state.force === 'off' || cannotRun) stopAtS = 0;
    else if (auto && cond.requestW < minW) stopAtS = state.holdS <= TIME_EPS_S ? 0 : state.holdS;
  } else {
    const canMake = availW > 0 && (!auto || availW >= minW);
    const startAtS = state.holdS <= TIME_EPS_S ? 0 : state.holdS;
    if (wantsRun && canMake && startAtS < dtS - TIME_EPS_S) {
      advanceClock(state, startAtS);
      elapsedS = startAtS;
      enterMode(state, HP_STARTING);
      state.holdS = spec.minOnS;
    }
  }
  const runUntilS = stopAtS < dtS ? stopAtS : dtS;
  if (state.mode === HP_STARTING) {
    const delayLeftS = spec.startupDelayS - state.timeInModeS;
    const runAtS = elapsedS + (delayLeftS > TIME_EPS_S ? delayLeftS : 0);
    if (runAtS < runUntilS - TIME_EPS_S) {
      advanceClock(state, runAtS - elapsedS);
      elapsedS = runAtS;
      if (state.startFails) {
        // The compressor does not come up: the start ends in a trip when its delay runs out.
        enterMode(state, HP_TRIPPED);
        state.tripReason = TRIP_START_FAILED;
        state.holdS = spec.minOffS;
        state.levelW = 0;
        zeroOutputs(state, cond.sinkInC);
        advanceClock(state, dtS - elapsedS);
        return;
      }
      enterMode(state, HP_RUNNING);
      state.levelW = 0; // the ramp starts from nothing
    }
  }

  // Output while running: follows the target, ramp limited, but never above what is available now.
  let runMeanW = 0;
  let runS = 0;
  if (state.mode === HP_RUNNING && runUntilS > elapsedS) {
    let targetW = auto ? Math.min(Math.max(cond.requestW, minW), availW) : availW;
    if (targetW < 0) targetW = 0;
    const fromW = state.levelW < availW ? state.levelW : availW;
    runS = runUntilS - elapsedS;
    const ramp = rampOver(fromW, targetW, spec.rampPerS * spec.capacityW, runS);
    runMeanW = ramp.meanW;
    state.levelW = ramp.endW;
    advanceClock(state, runS);
    elapsedS = runUntilS;
  }
  if (stopAtS < dtS - TIME_EPS_S) {
    advanceClock(state, stopAtS - elapsedS);
    elapsedS = stopAtS;
    enterMode(state, HP_OFF);
    state.holdS = spec.minOffS;
    state.levelW = 0;
  }
  advanceClock(state, dtS - elapsedS);

  if (!(runMeanW > 0)) {
    zeroOutputs(state, cond.sinkInC);
    return;
  }
  // Stages and COP at the mean output while running; the heat booked is that mean over the whole step.
  const sinkOutC = reachableSinkOutC(spec, cond);
  const stageW = deratedCapacityW(spec, cond) / spec.stages;
  let stagesOn = Math.ceil(runMeanW / stageW - 1e-9);
  if (stagesOn < 1) stagesOn = 1;
  const inService = stagesInService(spec, state);
  if (stagesOn > inService) stagesOn = inService;
  let stageLoad = runMeanW / (stagesOn * stageW);
  if (stageLoad > 1) stageLoad = 1;
  const unload = 1 - stageLoad;
  let cop = fullLoadCop(spec, cond, sinkOutC) * (1 - PART_LOAD_LOSS * unload * unload);
  if (cop < MIN_COP) cop = MIN_COP;

  const heatW = (runMeanW * runS) / dtS;
  state.heatW = heatW;
  state.electricityW = heatW / cop;
  state.sourceHeatW = heatW - state.electricityW;
  state.coolingW = spec.deliversCooling ? state.sourceHeatW : 0;
  state.cop = cop;
  state.sinkOutC = sinkOutC;
  state.stagesOn = stagesOn;
}

/**
 * Seconds of the next dtS the unit can run if asked for all it can give: a running unit all of them; a starting or
 * idle one what is left once its min off time and start-up delay have passed (0 if they outlast the step).
 */
function runnableS(spec: HeatPumpSpec, state: HeatPumpState, availW: number, dtS: number): number {
  if (!(availW > 0)) return 0;
  let runS = dtS;
  if (state.mode === HP_STARTING) runS -= Math.max(0, spec.startupDelayS - state.timeInModeS);
  else if (state.mode === HP_OFF) {
    if (state.force === 'auto' && availW < spec.minPartLoad * spec.capacityW) return 0;
    runS -= state.holdS + spec.startupDelayS;
  } else if (state.mode !== HP_RUNNING) return 0;
  return runS > TIME_EPS_S ? runS : 0;
}

/**
 * Output (W) the unit can reach by the end of the next dtS if asked for all of `availW`, ramping from where it
 * stands (from zero once a start inside the step has run its delay): what the dispatcher sizes a plant's flow by.
 */
export function readyHeatW(spec: HeatPumpSpec, state: HeatPumpState, availW: number, dtS: number): number {
  const runS = runnableS(spec, state, availW, dtS);
  if (runS <= 0) return 0;
  const fromW = state.mode === HP_RUNNING ? state.levelW : 0;
  return Math.min(availW, fromW + spec.rampPerS * spec.capacityW * runS);
}

/** Heat (W, the mean over the next dtS) the unit makes if asked for all of `availW`: what a building can count on. */
export function readyMeanHeatW(spec: HeatPumpSpec, state: HeatPumpState, availW: number, dtS: number): number {
  const runS = runnableS(spec, state, availW, dtS);
  if (runS <= 0) return 0;
  const fromW = state.mode === HP_RUNNING ? Math.min(state.levelW, availW) : 0;
  return (rampOver(fromW, availW, spec.rampPerS * spec.capacityW, runS).meanW * runS) / dtS;
}

/**
 * Whether a tripped unit may be reset automatically: its min off time has passed since the trip (counted in
 * seconds, so it does not depend on the step length) and the cause has gone.
 */
export function tripHasCleared(spec: HeatPumpSpec, state: HeatPumpState, cond: HeatPumpConditions): boolean {
  return state.mode === HP_TRIPPED && state.timeInModeS >= spec.minOffS - TIME_EPS_S && tripCause(spec, cond) === '';
}

/** A protection trip now: the unit stops at once and latches until reset. No effect in maintenance or tripped. */
export function tripHeatPump(spec: HeatPumpSpec, state: HeatPumpState): void {
  if (state.mode === HP_TRIPPED || state.mode === HP_MAINTENANCE) return;
  enterMode(state, HP_TRIPPED);
  state.tripReason = TRIP_PROTECTION;
  state.holdS = spec.minOffS;
  state.levelW = 0;
}

/** Clear a latched trip: the unit goes OFF (its min off time still runs). No effect unless tripped. */
export function resetHeatPump(state: HeatPumpState): void {
  if (state.mode !== HP_TRIPPED) return;
  state.tripReason = '';
  enterMode(state, HP_OFF);
}

/** Take the unit into maintenance (stops it at once) or hand it back (OFF, any trip cleared). */
export function setMaintenance(state: HeatPumpState, on: boolean): void {
  if (on) {
    if (state.mode === HP_MAINTENANCE) return;
    enterMode(state, HP_MAINTENANCE);
    state.heatW = 0;
    state.levelW = 0;
    state.electricityW = 0;
    state.sourceHeatW = 0;
    state.coolingW = 0;
    state.cop = 0;
    state.stagesOn = 0;
  } else if (state.mode === HP_MAINTENANCE) {
    state.tripReason = '';
    enterMode(state, HP_OFF);
  }
}
