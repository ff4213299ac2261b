/**
 * Malfunctions the instructor schedules while a run goes on: they enter and end at their minutes between steps,
 * in the order scheduled, show on the instructor's list until then, are refused naming the field when they
 * cannot be (a minute passed or past the end, an unknown pipe, an end before the start or for a trip), are
 * saved with the run's books, and are scheduled only in a training run.
 */
import { describe, expect, it } from 'vitest';
import { exerciseSchema } from '../../shared/training/exercise';
import type { Malfunction, MalfunctionCommand } from '../../shared/protocol/commands';
import { loadExercise } from '../../server/training/exerciseFiles';
import { directExercise, prepareExercise, settleForExercise } from '../../server/training/exerciseRun';
import type { ExerciseDirector, PendingEntry } from '../../server/training/director';
import { stepSimulation } from '../../server/sim';
import { applyState, captureState } from '../../server/sim/snapshot';
import { applyMalfunctionCommand } from '../../server/session/malfunctionCommands';

const burst = loadExercise('burst-in-branch-main');
/** The burst exercise, 20 minutes long, whose own malfunction (a price spike) enters only at minute 19. */
const spike = { kind: 'priceSpike', addEurPerMWh: 50 } as const;
const quiet = exerciseSchema.parse({
  ...burst,
  durationMin: 20,
  malfunctions: [{ atMin: 19, malfunction: spike, response: { anyOf: [{ type: 'storage' }], withinMin: 5 } }],
});
const theExercises: PendingEntry = { atMin: 19, kind: 'malfunction', text: 'priceSpike, addEurPerMWh 50', by: 'exercise' };
const leak = { kind: 'pipeLeak', pipeId: 'S189', holeAreaMm2: 500 } as const;
const schedule = (atMin: number, clearAtMin?: number, malfunction: Malfunction = leak): MalfunctionCommand => ({
  type: 'malfunction',
  action: 'schedule',
  atMin,
  clearAtMin,
  malfunction,
});

function start() {
  const prepared = prepareExercise(quiet);
  const { sim, inputs } = settleForExercise(prepared);
  return { sim, inputs, director: directExercise(prepared, sim, inputs) };
}

/** Runs the director to minute `toMin`, noting at each step boundary whether the pipe leaks. */
function runTo(run: ReturnType<typeof start>, toMin: number, leaking: number[] = []): number[] {
  const { sim, inputs, director } = run;
  while (director.books.elapsedS < toMin * 60 - 1e-9) {
    director.beforeStep();
    if (inputs.malfunctions.leakPipe >= 0) leaking.push(director.books.elapsedS / 60);
    const stepS = director.nextStepS(30);
    stepSimulation(sim, inputs, stepS);
    director.afterStep(stepS);
  }
  return leaking;
}

const pendingOf = (director: ExerciseDirector): PendingEntry[] => {
  const ack = director.instructor({ type: 'malfunction', action: 'list' });
  expect(ack.ok).toBe(true);
  return (ack as { result: { scheduled: PendingEntry[] } }).result.scheduled;
};

describe('malfunctions the instructor schedules', () => {
  it('enter and end at their minutes, and wait on the list until then', () => {
    const run = start();
    expect(run.director.instructor(schedule(5, 12))).toMatchObject({ ok: true });
    expect(pendingOf(run.director)).toEqual([
      { atMin: 5, kind: 'malfunction', text: 'pipeLeak, pipeId S189, holeAreaMm2 500', by: 'instructor' },
      { atMin: 12, kind: 'cleared', text: 'pipeLeak, pipeId S189, holeAreaMm2 500', by: 'instructor' },
      theExercises,
    ]);
    const leaking = runTo(run, 18);
    expect(leaking[0]).toBe(5);
    expect(leaking.at(-1)).toBe(11.5);
    expect(leaking).toHaveLength(14);
    expect(pendingOf(run.director)).toEqual([theExercises]);
    const events = run.director
      .record()
      .events.filter((e) => e.kind === 'scheduled' || e.kind === 'malfunction' || e.kind === 'cleared')
      .map((e) => [e.kind, e.atS, e.text]);
    expect(events).toEqual([
      ['scheduled', 0, 'pipeLeak, pipeId S189, holeAreaMm2 500 at minute 5, ends at minute 12'],
      ['malfunction', 300, 'pipeLeak, pipeId S189, holeAreaMm2 500'],
      ['cleared', 720, 'pipeLeak, pipeId S189, holeAreaMm2 500'],
    ]);
  });

  it('enter in the order scheduled when due at the same minute: the later leak replaces the earlier', () => {
    const run = start();
    run.director.instructor(schedule(3));
    run.director.instructor(schedule(3, undefined, { ...leak, holeAreaMm2: 40 }));
    runTo(run, 4);
    expect(run.inputs.malfunctions.leakHoleAreaM2).toBeCloseTo(40e-6, 15);
  });

  it('are refused naming the field, and change nothing', () => {
    const run = start();
    runTo(run, 6);
    const error = (c: MalfunctionCommand) => {
      const ack = run.director.instructor(c);
      return ack.ok ? '' : ack.error;
    };
    expect(error(schedule(5))).toBe('atMin: minute 5 has passed (the run is at minute 6)');
    expect(error(schedule(20))).toBe('atMin: the exercise ends at minute 20');
    expect(error(schedule(8, 8))).toBe('clearAtMin: must come after atMin');
    expect(error(schedule(8, undefined, { ...leak, pipeId: 'nowhere' }))).toBe('malfunction.pipeId: no pipe "nowhere"');
    expect(error(schedule(8, 9, { kind: 'heatPumpTrip', unitId: 'dc-hp-1' }))).toBe(
      'clearAtMin: a trip is not cleared but reset by the trainee',
    );
    expect(pendingOf(run.director)).toEqual([theExercises]);
    expect(run.director.record().events).toEqual([]);
  });

  it('are kept with the books a backtrack saves: restored, they still enter', () => {
    const run = start();
    run.director.instructor(schedule(5));
    runTo(run, 2);
    const saved = captureState(run.director.books);
    runTo(run, 6);
    expect(run.director.books.instructorSchedule).toEqual([]);
    applyState(run.director.books, saved);
    expect(pendingOf(run.director)).toMatchObject([{ atMin: 5, by: 'instructor' }, theExercises]);
  });

  it('are scheduled only in a training run', () => {
    const { sim, inputs } = start();
    expect(applyMalfunctionCommand(schedule(5), sim, inputs)).toEqual({
      ok: false,
      error: 'action: only a training run schedules malfunctions; inject it when due',
    });
  });
});
