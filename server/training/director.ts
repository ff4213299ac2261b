/**
 * The exercise as it runs, step by step, around a simulation: the exercise's scheduled malfunctions and their
 * ends enter between steps at their minutes, and so do those the instructor schedules during the run, the trainee's commands, acknowledgements and hint requests go
 * through it, the objectives and the control room's alarms are watched after every step, and every one of these
 * becomes a line of the run's record (a RunEvent). The headless runner (exerciseRun.ts) and the live session's
 * step loop (server/session/stepLoop.ts) both drive it, so a run scores the same wherever it runs.
 *
 * Its books (DirectorBooks) are plain data: a backtrack saves them beside the simulation's state, so a run
 * restored from one goes on with the same record, bit for bit.
 */
import type { Exercise, ScheduledMalfunction, CommandPattern, TriggerCondition } from '../../shared/training/exercise';
import type {
  AlarmCommand,
  CommandAck,
  HintCommand,
  Malfunction,
  MalfunctionCommand,
  PlantCommand,
} from '../../shared/protocol/commands';
import type { RunEvent, RunEventKind } from '../../shared/protocol/training';
import { describeCommand, describeMalfunction } from '../../shared/protocol/describe';
import type { Simulation } from '../sim';
import type { OperatorInputs } from '../sim/operator';
import type { SupplyCurve } from '../sim/control/supplyCurve';
import { FLOW } from '../sim/ledger';
import { applyPlantCommand } from '../session/commands';
import { applyMalfunctionCommand, malfunctionRefusal } from '../session/malfunctionCommands';
import {
  acknowledgeAlarms,
  alarmsInLastWindow,
  createProcessAlarms,
  sortedAlarms,
  watchAlarms,
  type ProcessAlarm,
  type ProcessAlarms,
} from '../alarms/processAlarms';
import { createObjectiveMeter, watchObjectives, type ObjectiveMeter, type ObjectiveName } from './objectives';

/** What a run of an exercise did and what it came to, over its first durationS seconds. */
export interface ExerciseRecord {
  exerciseId: string;
  durationS: number;
  events: RunEvent[];
  /** Seconds each objective's limit was broken. */
  brokenS: Record<ObjectiveName, number>;
  /** Over the exercise: heat delivered to the buildings, heat they asked for and did not get, what the heat
   *  cost, its CO2. */
  heatDeliveredMWh: number;
  unmetHeatMWh: number;
  costEur: number;
  co2Tonnes: number;
  /** Per scheduled malfunction: seconds from the start when it entered (null: not yet, or its condition never held). */
  injectedAtS: Array<number | null>;
  /** Per scheduled malfunction: seconds from it to the trainee's first command that deals with it (null: none). */
  responseS: Array<number | null>;
  /** Per alarm raised: seconds until the trainee acknowledged it (null: not yet, or never). */
  ackS: Array<number | null>;
  /** Per alarm raised: seconds from the start when it was raised. */
  alarmRaisedAtS: number[];
  /** The most alarms raised within any 10 minutes (an alarm flood shows here). */
  peakAlarmsPer10Min: number;
  hintsUsed: number;
}

/** Everything the run has counted so far: what a backtrack saves beside the simulation. */
export interface DirectorBooks {
  /** Seconds from the exercise's start. */
  elapsedS: number;
  /** The next entry of the schedule to apply. */
  nextScheduled: number;
  events: RunEvent[];
  injectedAtS: Array<number | null>;
  /** Per malfunction waiting for a condition: seconds the condition has held without a break; -1 while it does
   *  not hold (it is first checked on the outputs of the first step). */
  conditionHeldS: Float64Array;
  responseS: Array<number | null>;
  ackS: Array<number | null>;
  alarmRaisedAtS: number[];
  /** Per alarm raised: its tag and simulation time, which name it on the list. */
  alarmKeys: string[];
  peakAlarmsPer10Min: number;
  hintsUsed: number;
  /** What the instructor scheduled during the run and has not entered yet, by time (entered in that order). */
  instructorSchedule: InstructorEntry[];
  /** The ledger's running totals when the trainee took over. */
  atStart: Float64Array;
  meter: ObjectiveMeter;
  alarms: ProcessAlarms;
}

/** A malfunction or its end that the instructor scheduled while the run goes on. */
export interface InstructorEntry {
  atS: number;
  kind: 'malfunction' | 'cleared';
  command: MalfunctionCommand;
  text: string;
}

/** A line of what is still to enter, as the instructor's list shows it. */
export interface PendingEntry {
  atMin: number;
  kind: 'malfunction' | 'cleared';
  text: string;
  by: 'exercise' | 'instructor';
}

const alarmKey = (alarm: ProcessAlarm): string => `${alarm.tag}@${alarm.raisedAtS}`;

interface ScheduleEntry {
  /** The scheduled malfunction it belongs to. */
  index: number;
  atS: number;
  command: MalfunctionCommand;
  kind: 'malfunction' | 'cleared';
  text: string;
}

/** Whether a command is one the pattern names: every field the pattern gives is the command's. */
function commandMatches(pattern: CommandPattern, command: PlantCommand): boolean {
  const fields = command as Record<string, unknown>;
  return Object.entries(pattern).every(([key, value]) => fields[key] === value);
}

function clearCommand(m: ScheduledMalfunction['malfunction']): MalfunctionCommand | null {
  if (m.kind === 'heatPumpTrip') return null;
  return {
    type: 'malfunction',
    action: 'clear',
    kind: m.kind,
    unitId: 'unitId' in m ? m.unitId : undefined,
    sourceId: 'sourceId' in m ? m.sourceId : undefined,
    pipeId: 'pipeId' in m ? m.pipeId : undefined,
    sensor: 'sensor' in m ? m.sensor : undefined,
  };
}

const injectCommand = (malfunction: Malfunction): MalfunctionCommand => ({
  type: 'malfunction',
  action: 'inject',
  malfunction,
});

/**
 * The malfunctions due at a minute and their ends in the order they enter: by time, injections before ends.
 * Those that wait for a condition are not in it.
 */
function scheduleOf(exercise: Exercise): ScheduleEntry[] {
  const entries: Array<ScheduleEntry & { order: number }> = [];
  exercise.malfunctions.forEach((m, index) => {
    if (m.when !== undefined) return;
    const text = describeMalfunction(m.malfunction);
    entries.push({ index, atS: m.atMin * 60, order: 0, kind: 'malfunction', text, command: injectCommand(m.malfunction) });
    const clear = clearCommand(m.malfunction);
    if (m.clearAtMin !== undefined && clear !== null) entries.push({ index, atS: m.clearAtMin * 60, order: 1, kind: 'cleared', text, command: clear });
  });
  return entries.sort((a, b) => a.atS - b.atS || a.order - b.order);
}

/** The true value a condition watches, from the outputs of the step just taken. */
function measureOf(c: TriggerCondition, out: Simulation['outputs']): number {
  if (c.measure === 'outdoorC') return out.outdoorC;
  if (c.measure === 'supplyC') return out.plants.find((p) => p.isMain)?.outletC ?? NaN;
  return out.pump.headPa - out.pump.worstCircuitDropPa;
}

function describeCondition(c: TriggerCondition): string {
  return `when ${c.measure} ${c.below !== undefined ? `below ${c.below}` : `above ${c.above}`} for ${c.forMin} min`;
}

export class ExerciseDirector {
  readonly books: DirectorBooks;
  private readonly schedule: ScheduleEntry[];
  private readonly durationS: number;

  /** Takes over a simulation at the exercise's start; onEvent hears every line of the record as it is written. */
  constructor(
    readonly exercise: Exercise,
    curve: SupplyCurve,
    dpSetpointPa: number,
    private readonly sim: Simulation,
    private readonly inputs: OperatorInputs,
    private readonly onEvent: (e: RunEvent) => void = () => {},
    /** Hears every alarm raised or cleared (the live session also streams them as alarm events). */
    private readonly onAlarmChange: (alarm: ProcessAlarm) => void = () => {},
  ) {
    this.schedule = scheduleOf(exercise);
    this.durationS = exercise.durationMin * 60;
    this.books = {
      elapsedS: 0,
      nextScheduled: 0,
      events: [],
      injectedAtS: exercise.malfunctions.map(() => null),
      conditionHeldS: new Float64Array(exercise.malfunctions.length).fill(-1),
      responseS: exercise.malfunctions.map(() => null),
      ackS: [],
      alarmRaisedAtS: [],
      alarmKeys: [],
      peakAlarmsPer10Min: 0,
      hintsUsed: 0,
      instructorSchedule: [],
      atStart: sim.outputs.ledger.total.slice(),
      meter: createObjectiveMeter(exercise.objectives, curve, sim.outputs.indoorC),
      alarms: createProcessAlarms(sim.outputs, dpSetpointPa),
    };
  }

  get finished(): boolean {
    return this.books.elapsedS >= this.durationS - 1e-9;
  }

  /** The length of the next step: the engine's, or less to end exactly at the exercise's end. */
  nextStepS(dtS: number): number {
    return Math.min(dtS, this.durationS - this.books.elapsedS);
  }

  /** Applies what the schedule has due by now, then what waited for a condition that has held; call before each
   *  step. */
  beforeStep(): void {
    const b = this.books;
    while (b.nextScheduled < this.schedule.length && this.schedule[b.nextScheduled].atS <= b.elapsedS + 1e-9) {
      const entry = this.schedule[b.nextScheduled++];
      applyMalfunctionCommand(entry.command, this.sim, this.inputs);
      if (entry.kind === 'malfunction') b.injectedAtS[entry.index] = b.elapsedS;
      this.write(entry.kind, entry.text);
    }
    const mine = b.instructorSchedule;
    while (mine.length > 0 && mine[0].atS <= b.elapsedS + 1e-9) {
      const entry = mine.shift()!;
      const ack = applyMalfunctionCommand(entry.command, this.sim, this.inputs);
      this.write(entry.kind, ack.ok ? entry.text : `${entry.text}: ${ack.error}`, entry.command);
    }
    this.exercise.malfunctions.forEach((m, i) => {
      if (m.when === undefined || b.injectedAtS[i] !== null || b.elapsedS < m.atMin * 60 - 1e-9) return;
      if (b.conditionHeldS[i] < 0 || b.conditionHeldS[i] < m.when.forMin * 60 - 1e-9) return;
      applyMalfunctionCommand(injectCommand(m.malfunction), this.sim, this.inputs);
      b.injectedAtS[i] = b.elapsedS;
      this.write('malfunction', `${describeMalfunction(m.malfunction)} (${describeCondition(m.when)})`);
    });
  }

  /** Books the step just taken (stepS seconds long). */
  afterStep(stepS: number): void {
    const b = this.books;
    b.elapsedS += stepS;
    this.exercise.malfunctions.forEach((m, i) => {
      if (m.when === undefined || b.injectedAtS[i] !== null) return;
      const v = measureOf(m.when, this.sim.outputs);
      const holds = m.when.below !== undefined ? v < m.when.below : v > m.when.above!;
      b.conditionHeldS[i] = holds ? Math.max(0, b.conditionHeldS[i]) + stepS : -1;
    });
    watchObjectives(b.meter, this.sim.outputs, stepS);
    watchAlarms(b.alarms, this.sim.outputs, stepS, this.onAlarm);
    b.peakAlarmsPer10Min = Math.max(b.peakAlarmsPer10Min, alarmsInLastWindow(b.alarms));
  }

  /** A command of the trainee: a plant command, an alarm acknowledgement or list, a request for a hint. */
  trainee(command: PlantCommand | AlarmCommand | Extract<HintCommand, { action: 'ask' }>): CommandAck {
    const b = this.books;
    if (command.type === 'alarm') {
      if (command.action === 'ack') {
        const done = acknowledgeAlarms(b.alarms, this.sim.outputs.timeS, command.tag);
        if (command.tag !== undefined && done.length === 0) return { ok: false, error: `tag: no unacknowledged alarm "${command.tag}"` };
        for (const acked of done) {
          const i = this.alarmIndex(acked);
          if (i >= 0) b.ackS[i] = this.sim.outputs.timeS - acked.raisedAtS;
          this.write('acknowledged', acked.tag);
        }
      }
      return { ok: true, result: { alarms: sortedAlarms(b.alarms), raisedLast10Min: alarmsInLastWindow(b.alarms) } };
    }
    if (command.type === 'hint') {
      const hint = this.exercise.hints[b.hintsUsed];
      if (hint === undefined) return { ok: false, error: 'action: no more hints in this exercise' };
      b.hintsUsed++;
      this.write('hint', hint);
      return { ok: true, result: { hint } };
    }
    const ack = applyPlantCommand(command, this.sim.outputs, this.inputs);
    this.write(ack.ok ? 'action' : 'refused', ack.ok ? describeCommand(command) : ack.error, command);
    if (!ack.ok) return ack;
    this.exercise.malfunctions.forEach((m, i) => {
      const at = b.injectedAtS[i];
      if (b.responseS[i] === null && at !== null && m.response.anyOf.some((p) => commandMatches(p, command))) b.responseS[i] = b.elapsedS - at;
    });
    return ack;
  }

  /** A command of the instructor: a malfunction injected, cleared or listed, or a hint in their own words. */
  instructor(command: MalfunctionCommand | Extract<HintCommand, { action: 'send' }>): CommandAck {
    if (command.type === 'hint') {
      this.write('hint', command.text);
      return { ok: true };
    }
    if (command.action === 'schedule') return this.scheduleByInstructor(command);
    const ack = applyMalfunctionCommand(command, this.sim, this.inputs);
    if (ack.ok && command.action === 'list')
      return { ok: true, result: { ...(ack.result as object), scheduled: this.pending() } };
    if (ack.ok && command.action === 'inject') this.write('malfunction', describeMalfunction(command.malfunction), command);
    if (ack.ok && command.action === 'clear') {
      const { kind, unitId, sourceId, pipeId, sensor } = command;
      this.write('cleared', [kind, unitId, sourceId, pipeId, sensor].filter(Boolean).join(', '), command);
    }
    return ack;
  }

  /** Schedules a malfunction (and its end) at minutes still to come within the exercise. */
  private scheduleByInstructor(c: Extract<MalfunctionCommand, { action: 'schedule' }>): CommandAck {
    const b = this.books;
    const nowMin = b.elapsedS / 60;
    if (c.atMin * 60 < b.elapsedS - 1e-9)
      return { ok: false, error: `atMin: minute ${c.atMin} has passed (the run is at minute ${nowMin})` };
    if (c.atMin * 60 >= this.durationS)
      return { ok: false, error: `atMin: the exercise ends at minute ${this.exercise.durationMin}` };
    const refusal = malfunctionRefusal(c.malfunction, this.sim);
    if (refusal !== null) return { ok: false, error: refusal };
    const clear = c.clearAtMin === undefined ? null : clearCommand(c.malfunction);
    if (c.clearAtMin !== undefined) {
      if (clear === null) return { ok: false, error: 'clearAtMin: a trip is not cleared but reset by the trainee' };
      if (c.clearAtMin <= c.atMin) return { ok: false, error: 'clearAtMin: must come after atMin' };
    }
    const text = describeMalfunction(c.malfunction);
    const entries: InstructorEntry[] = [
      { atS: c.atMin * 60, kind: 'malfunction', command: injectCommand(c.malfunction), text },
    ];
    if (clear !== null) entries.push({ atS: c.clearAtMin! * 60, kind: 'cleared', command: clear, text });
    for (const entry of entries) {
      // After every entry due at the same moment: they enter in the order they were scheduled.
      const at = b.instructorSchedule.findIndex((e) => e.atS > entry.atS);
      b.instructorSchedule.splice(at < 0 ? b.instructorSchedule.length : at, 0, entry);
    }
    const ends = c.clearAtMin === undefined ? '' : `, ends at minute ${c.clearAtMin}`;
    this.write('scheduled', `${text} at minute ${c.atMin}${ends}`, c);
    return { ok: true, result: { scheduled: this.pending() } };
  }

  /** What is still to enter or end: the exercise's timed schedule and the instructor's, by time. */
  private pending(): PendingEntry[] {
    const b = this.books;
    const fromExercise = this.schedule
      .slice(b.nextScheduled)
      .map((e): PendingEntry => ({ atMin: e.atS / 60, kind: e.kind, text: e.text, by: 'exercise' }));
    const fromInstructor = b.instructorSchedule.map(
      (e): PendingEntry => ({ atMin: e.atS / 60, kind: e.kind, text: e.text, by: 'instructor' }),
    );
    return [...fromExercise, ...fromInstructor].sort((x, y) => x.atMin - y.atMin);
  }

  /** The record so far (at the end: the run's record). */
  record(): ExerciseRecord {
    const b = this.books;
    const total = this.sim.outputs.ledger.total;
    const since = (flow: number): number => total[flow] - b.atStart[flow];
    return {
      exerciseId: this.exercise.id,
      durationS: b.elapsedS,
      events: b.events.slice(),
      brokenS: { ...b.meter.brokenS },
      heatDeliveredMWh: since(FLOW.heatDeliveredW) / 3.6e9,
      unmetHeatMWh: since(FLOW.unmetHeatW) / 3.6e9,
      costEur: since(FLOW.costEurPerS),
      co2Tonnes: since(FLOW.co2GPerS) / 1e6,
      injectedAtS: b.injectedAtS.slice(),
      responseS: b.responseS.slice(),
      ackS: b.ackS.slice(),
      alarmRaisedAtS: b.alarmRaisedAtS.slice(),
      peakAlarmsPer10Min: b.peakAlarmsPer10Min,
      hintsUsed: b.hintsUsed,
    };
  }

  private alarmIndex(alarm: ProcessAlarm): number {
    return this.books.alarmKeys.indexOf(alarmKey(alarm));
  }

  private readonly onAlarm = (alarm: ProcessAlarm): void => {
    this.onAlarmChange(alarm);
    const b = this.books;
    if (alarm.clearedAtS !== null) {
      this.write('alarm cleared', alarm.tag);
      return;
    }
    b.ackS.push(null);
    b.alarmRaisedAtS.push(b.elapsedS);
    b.alarmKeys.push(alarmKey(alarm));
    this.write('alarm', `${alarm.priority} ${alarm.tag}: ${alarm.message}`);
  };

  private write(kind: RunEventKind, text: string, command?: RunEvent['command']): void {
    const e: RunEvent = { simTimeS: this.sim.outputs.timeS, atS: this.books.elapsedS, kind, text };
    if (command !== undefined) e.command = command;
    this.books.events.push(e);
    this.onEvent(e);
  }
}
