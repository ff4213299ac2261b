/**
 * Runs an exercise headless, the way the engine runs everywhere: the scenario from a settled state (the
 * automation runs it for warmUpH before the start, resetting trips as unattended plants do), then from the start
 * the trainee's commands and the instructor's malfunctions enter between steps at their minutes, trips are left
 * to the trainee, and the objectives are watched. The run is a pure function of the exercise and the actions: the
 * same ones give the same record, bit for bit, and a replay is the same call.
 */
import type { Exercise, ScheduledMalfunction, ScriptedAction, CommandPattern } from '../../shared/training/exercise';
import type { MalfunctionCommand, PlantCommand } from '../../shared/protocol/commands';
import { loadScenario } from '../scenarios/load';
import { compileScenario, type CompiledModel } from '../sim/compile';
import { dateTimeToS } from '../sim/calendar';
import { createOperatorInputs, createSimulation, stepSimulation } from '../sim';
import { FLOW } from '../sim/ledger';
import { applyPlantCommand } from '../session/commands';
import { applyMalfunctionCommand } from '../session/malfunctionCommands';
import { createObjectiveMeter, watchObjectives, type ObjectiveName } from './objectives';
import { acknowledgeAlarms, alarmsInLastWindow, createProcessAlarms, watchAlarms, type ProcessAlarm } from '../alarms/processAlarms';

export interface ExerciseEvent {
  /** Seconds from the exercise's start. */
  atS: number;
  kind: 'malfunction' | 'cleared' | 'action' | 'refused' | 'hint' | 'alarm' | 'alarm cleared' | 'acknowledged';
  text: string;
}

/** What a run of an exercise did and what it came to. */
export interface ExerciseRecord {
  exerciseId: string;
  durationS: number;
  events: ExerciseEvent[];
  /** Seconds each objective's limit was broken. */
  brokenS: Record<ObjectiveName, number>;
  /** Over the exercise: heat delivered to the buildings, heat they asked for and did not get, what the heat
   *  cost, its CO2. */
  heatDeliveredMWh: number;
  unmetHeatMWh: number;
  costEur: number;
  co2Tonnes: number;
  /** Per scheduled malfunction: seconds from it to the trainee's first command that deals with it (null: none). */
  responseS: Array<number | null>;
  /** Per alarm raised: seconds until the trainee acknowledged it (null: never). */
  ackS: Array<number | null>;
  /** The most alarms raised within any 10 minutes (an alarm flood shows here). */
  peakAlarmsPer10Min: number;
  hintsUsed: number;
}

export interface PreparedExercise {
  exercise: Exercise;
  model: CompiledModel;
}

export function prepareExercise(exercise: Exercise): PreparedExercise {
  const loaded = loadScenario(exercise.scenario);
  return { exercise, model: compileScenario(loaded.scenario, { epwText: loaded.epwText }) };
}

/** Whether a command is one the pattern names: every field the pattern gives is the command's. */
function commandMatches(pattern: CommandPattern, command: PlantCommand): boolean {
  const fields = command as Record<string, unknown>;
  return Object.entries(pattern).every(([key, value]) => fields[key] === value);
}

function describeMalfunction(m: ScheduledMalfunction['malfunction']): string {
  return Object.entries(m)
    .map(([k, v]) => (k === 'kind' ? String(v) : `${k} ${String(v)}`))
    .join(', ');
}

function clearCommand(m: ScheduledMalfunction['malfunction']): MalfunctionCommand | null {
  if (m.kind === 'heatPumpTrip') return null;
  return {
    type: 'malfunction',
    action: 'clear',
    kind: m.kind,
    unitId: 'unitId' in m ? m.unitId : undefined,
    sourceId: 'sourceId' in m ? m.sourceId : undefined,
    sensor: 'sensor' in m ? m.sensor : undefined,
  };
}

interface TimedInput {
  atS: number;
  /** Malfunctions come before clears and clears before the trainee's actions at the same minute. */
  order: number;
  apply: () => void;
}

export function runExercise(prepared: PreparedExercise, actions: ReadonlyArray<ScriptedAction> = []): ExerciseRecord {
  const { exercise, model } = prepared;
  const startS = dateTimeToS(exercise.start);
  const durationS = exercise.durationMin * 60;
  const dtS = model.scenario.simulation.stepS;
  const sim = createSimulation(model, { startS: startS - exercise.warmUpH * 3600 });
  const inputs = createOperatorInputs(model);
  while (sim.outputs.timeS < startS - 1e-9) stepSimulation(sim, inputs, Math.min(dtS, startS - sim.outputs.timeS));
  inputs.autoResetTrips = false;
  const alarms = createProcessAlarms(sim.outputs, model.scenario.network.dpSetpointPa);

  const events: ExerciseEvent[] = [];
  const injectedAtS = exercise.malfunctions.map((m) => m.atMin * 60);
  const responseS: Array<number | null> = exercise.malfunctions.map(() => null);
  let hintsUsed = 0;
  let elapsedS = 0;
  const timeline: TimedInput[] = [];
  exercise.malfunctions.forEach((m) => {
    timeline.push({
      atS: m.atMin * 60,
      order: 0,
      apply: () => {
        applyMalfunctionCommand({ type: 'malfunction', action: 'inject', malfunction: m.malfunction }, sim, inputs);
        events.push({ atS: elapsedS, kind: 'malfunction', text: describeMalfunction(m.malfunction) });
      },
    });
    const clear = clearCommand(m.malfunction);
    if (m.clearAtMin !== undefined && clear !== null) {
      timeline.push({
        atS: m.clearAtMin * 60,
        order: 1,
        apply: () => {
          applyMalfunctionCommand(clear, sim, inputs);
          events.push({ atS: elapsedS, kind: 'cleared', text: describeMalfunction(m.malfunction) });
        },
      });
    }
  });
  for (const a of actions) {
    timeline.push({
      atS: a.atMin * 60,
      order: 2,
      apply: () => {
        if ('alarm' in a) {
          if (a.alarm.action !== 'ack') return;
          for (const acked of acknowledgeAlarms(alarms, sim.outputs.timeS, a.alarm.tag)) {
            const i = alarmIndex.get(acked);
            if (i !== undefined) ackS[i] = sim.outputs.timeS - acked.raisedAtS;
            events.push({ atS: elapsedS, kind: 'acknowledged', text: acked.tag });
          }
          return;
        }
        if ('hint' in a) {
          const hint = exercise.hints[hintsUsed];
          if (hint === undefined) return;
          hintsUsed++;
          events.push({ atS: elapsedS, kind: 'hint', text: hint });
          return;
        }
        const ack = applyPlantCommand(a.command, sim.outputs, inputs);
        events.push({ atS: elapsedS, kind: ack.ok ? 'action' : 'refused', text: ack.ok ? JSON.stringify(a.command) : ack.error });
        if (!ack.ok) return;
        exercise.malfunctions.forEach((m, i) => {
          if (responseS[i] === null && elapsedS >= injectedAtS[i] && m.response.anyOf.some((p) => commandMatches(p, a.command))) {
            responseS[i] = elapsedS - injectedAtS[i];
          }
        });
      },
    });
  }
  timeline.sort((a, b) => a.atS - b.atS || a.order - b.order);

  const meter = createObjectiveMeter(exercise.objectives, model.supplyCurve, sim.outputs.indoorC);
  const ackS: Array<number | null> = [];
  const alarmIndex = new Map<object, number>();
  let peakAlarmsPer10Min = 0;
  const onAlarm = (alarm: ProcessAlarm): void => {
    if (alarm.clearedAtS !== null) {
      events.push({ atS: elapsedS, kind: 'alarm cleared', text: alarm.tag });
      return;
    }
    alarmIndex.set(alarm, ackS.length);
    ackS.push(null);
    events.push({ atS: elapsedS, kind: 'alarm', text: `${alarm.priority} ${alarm.tag}: ${alarm.message}` });
  };
  const total = sim.outputs.ledger.total;
  const atStart = total.slice();
  let next = 0;
  while (elapsedS < durationS - 1e-9) {
    while (next < timeline.length && timeline[next].atS <= elapsedS + 1e-9) timeline[next++].apply();
    const stepS = Math.min(dtS, durationS - elapsedS);
    stepSimulation(sim, inputs, stepS);
    elapsedS += stepS;
    watchObjectives(meter, sim.outputs, stepS);
    watchAlarms(alarms, sim.outputs, stepS, onAlarm);
    peakAlarmsPer10Min = Math.max(peakAlarmsPer10Min, alarmsInLastWindow(alarms));
  }
  const since = (flow: number): number => total[flow] - atStart[flow];
  return {
    exerciseId: exercise.id,
    durationS,
    events,
    brokenS: meter.brokenS,
    heatDeliveredMWh: since(FLOW.heatDeliveredW) / 3.6e9,
    unmetHeatMWh: since(FLOW.unmetHeatW) / 3.6e9,
    costEur: since(FLOW.costEurPerS),
    co2Tonnes: since(FLOW.co2GPerS) / 1e6,
    responseS,
    ackS,
    peakAlarmsPer10Min,
    hintsUsed,
  };
}
