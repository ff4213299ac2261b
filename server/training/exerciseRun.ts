/**
 * Runs an exercise headless, the way the engine runs everywhere: the scenario from a settled state (the
 * automation runs it for warmUpH before the start, resetting trips as unattended plants do), then from the start
 * the trainee's commands and the instructor's malfunctions enter between steps at their minutes, trips are left
 * to the trainee, and the objectives are watched. The run is a pure function of the exercise and the actions: the
 * same ones give the same record, bit for bit, and a replay is the same call.
 */
import type { Exercise, ScriptedAction } from '../../shared/training/exercise';
import type { RunEvent } from '../../shared/protocol/training';
import { loadScenario } from '../scenarios/load';
import { compileScenario, type CompiledModel } from '../sim/compile';
import { dateTimeToS } from '../sim/calendar';
import { createOperatorInputs, createSimulation, stepSimulation, type Simulation } from '../sim';
import type { OperatorInputs } from '../sim/operator';
import { decodeSavedState, restoreState } from '../sim/savedState';
import { ExerciseDirector, type ExerciseRecord } from './director';
import type { ProcessAlarm } from '../alarms/processAlarms';

export type { ExerciseRecord } from './director';

export interface PreparedExercise {
  exercise: Exercise;
  model: CompiledModel;
  /** The exercise's initial condition (a saved state, savedState.ts), when it names one. */
  initialState?: Uint8Array;
}

export class InitialConditionError extends Error {
  override name = 'InitialConditionError';
}

/** The exercise with its scenario compiled; `initialState` the bytes of the initial condition it names. */
export function prepareExercise(exercise: Exercise, initialState?: Uint8Array): PreparedExercise {
  if (exercise.initialCondition !== undefined && initialState === undefined)
    throw new InitialConditionError(`initialCondition: "${exercise.initialCondition}" is not given`);
  const loaded = loadScenario(exercise.scenario);
  return { exercise, model: compileScenario(loaded.scenario, { epwText: loaded.epwText }), initialState };
}

/**
 * The city at the exercise's start: its initial condition, or the scenario that the automation has run for
 * warmUpH hours, resetting trips as unattended plants do; from here trips are left to the trainee.
 */
export function settleForExercise(prepared: PreparedExercise): { sim: Simulation; inputs: OperatorInputs } {
  const { exercise, model, initialState } = prepared;
  const startS = dateTimeToS(exercise.start);
  const dtS = model.scenario.simulation.stepS;
  const inputs = createOperatorInputs(model);
  if (initialState !== undefined) {
    const saved = decodeSavedState(initialState);
    if (Math.abs(saved.sim.timeS - startS) > 1e-6)
      throw new InitialConditionError(`initialCondition: "${exercise.initialCondition ?? ''}" is of another moment than start ${exercise.start}`);
    const sim = createSimulation(model, { startS });
    try {
      restoreState(sim, inputs, saved);
    } catch (err) {
      throw new InitialConditionError(`initialCondition: "${exercise.initialCondition ?? ''}" ${(err as Error).message}`);
    }
    inputs.autoResetTrips = false;
    return { sim, inputs };
  }
  const sim = createSimulation(model, { startS: startS - exercise.warmUpH * 3600 });
  while (sim.outputs.timeS < startS - 1e-9) stepSimulation(sim, inputs, Math.min(dtS, startS - sim.outputs.timeS));
  inputs.autoResetTrips = false;
  return { sim, inputs };
}

/** A director for a settled simulation (the model's supply curve and dp set-point for objectives and alarms). */
export function directExercise(
  prepared: PreparedExercise,
  sim: Simulation,
  inputs: OperatorInputs,
  onEvent?: (e: RunEvent) => void,
  onAlarmChange?: (alarm: ProcessAlarm) => void,
): ExerciseDirector {
  const { exercise, model } = prepared;
  return new ExerciseDirector(exercise, model.supplyCurve, model.scenario.network.dpSetpointPa, sim, inputs, onEvent, onAlarmChange);
}

/**
 * Runs the exercise with the scripted actions (none: nobody responds). At a minute, the schedule's malfunctions
 * enter first, then its ends, then the trainee's actions. onStep hears the record after every step (the live
 * score holds a run against the reference's record at the same moment).
 */
export function runExercise(
  prepared: PreparedExercise,
  actions: ReadonlyArray<ScriptedAction> = [],
  onStep?: (record: ExerciseRecord) => void,
): ExerciseRecord {
  const { sim, inputs } = settleForExercise(prepared);
  const director = directExercise(prepared, sim, inputs);
  const dtS = prepared.model.scenario.simulation.stepS;
  const timeline = actions.map((a, i) => ({ a, i })).sort((x, y) => x.a.atMin - y.a.atMin || x.i - y.i);
  let next = 0;
  while (!director.finished) {
    director.beforeStep();
    const elapsedS = director.books.elapsedS;
    while (next < timeline.length && timeline[next].a.atMin * 60 <= elapsedS + 1e-9) {
      const a = timeline[next++].a;
      if ('alarm' in a) director.trainee(a.alarm);
      else if ('hint' in a) director.trainee({ type: 'hint', action: 'ask' });
      else director.trainee(a.command);
    }
    const stepS = director.nextStepS(dtS);
    stepSimulation(sim, inputs, stepS);
    director.afterStep(stepS);
    onStep?.(director.record());
  }
  return director.record();
}
