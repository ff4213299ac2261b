/**
 * Operator-training exercises (shared/training/exercise.ts, server/training/): the shipped files validate and a
 * bad one is refused naming the field; a good scripted response scores clearly better than a poor one and than
 * nobody responding; a run replays bit for bit; the objective meter and the response score against hand counts;
 * and `npm run exercise` prints the score.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { exerciseSchema } from '../../shared/training/exercise';
import { issueMessage } from '../../shared/protocol/issueMessage';
import { EXERCISE_DIR, ExerciseFileError, listExerciseIds, loadActions, loadExercise } from '../../server/training/exerciseFiles';
import { directExercise, prepareExercise, runExercise, settleForExercise } from '../../server/training/exerciseRun';
import { responseScore, scoreRun } from '../../server/training/score';
import { createObjectiveMeter, watchObjectives } from '../../server/training/objectives';
import { stepSimulation, type SimulationOutputs } from '../../server/sim';
import { createSupplyCurve } from '../../server/sim/control/supplyCurve';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'heattwin-exercise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const responses = (id: string, kind: 'good' | 'poor') => loadActions(join(EXERCISE_DIR, 'responses', `${id}.${kind}.json`));

describe('exercise files', () => {
  it('ships exercises that validate, each with a good and a poor scripted response', () => {
    const ids = listExerciseIds();
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const id of ids) {
      const e = loadExercise(id);
      expect(e.id).toBe(id);
      expect(responses(id, 'good').length).toBeGreaterThan(0);
      expect(responses(id, 'poor').length).toBeGreaterThan(0);
    }
  });

  it('refuses a bad exercise naming the field', () => {
    const good = loadExercise('circulation-pump-failure');
    const error = (patch: Record<string, unknown>): string => {
      const parsed = exerciseSchema.safeParse({ ...good, ...patch });
      expect(parsed.success).toBe(false);
      return parsed.success ? '' : issueMessage(parsed.error);
    };
    expect(error({ start: '2025-02-30T07:00' })).toMatch(/^start: /);
    expect(error({ malfunctions: [{ ...good.malfunctions[0], atMin: 500 }] })).toMatch(/^malfunctions\[0\]\.atMin: must be within/);
    expect(error({ malfunctions: [{ ...good.malfunctions[0], malfunction: { kind: 'meteorStrike' } }] })).toMatch(/^malfunctions\[0\]\.malfunction/);
    const trip = loadExercise('heat-pump-trip-cold-morning').malfunctions[0];
    expect(error({ malfunctions: [{ ...trip, clearAtMin: 60 }] })).toBe('malfunctions[0].clearAtMin: a trip is not cleared but reset by the trainee');
    expect(error({ objectives: {} })).toMatch(/^objectives: give at least one objective/);
    expect(error({ weights: { dp: -1 } })).toMatch(/^weights\.dp: /);
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...good, durationMin: 'long' }));
    expect(() => loadExercise(file)).toThrow(ExerciseFileError);
    expect(() => loadExercise(file)).toThrow(/durationMin: /);
    expect(() => loadExercise('no-such-exercise')).toThrow(/unknown exercise "no-such-exercise"/);
  });
});

describe('scoring the shipped exercises', () => {
  for (const id of listExerciseIds()) {
    it(`${id}: the good response scores clearly above the poor one and above nobody responding`, () => {
      const prepared = prepareExercise(loadExercise(id));
      const reference = runExercise(prepared);
      const score = (kind: 'good' | 'poor' | 'none') =>
        scoreRun(prepared.exercise, kind === 'none' ? reference : runExercise(prepared, responses(id, kind)), reference).total;
      const [good, poor, none] = [score('good'), score('poor'), score('none')];
      expect(good, `good ${good.toFixed(1)}, poor ${poor.toFixed(1)}`).toBeGreaterThan(poor + 10);
      expect(good, `good ${good.toFixed(1)}, none ${none.toFixed(1)}`).toBeGreaterThan(none + 10);
    });
  }

  it('replays bit for bit: the same exercise and actions give the same record and score', () => {
    const prepared = prepareExercise(loadExercise('heat-pump-trip-cold-morning'));
    const actions = responses('heat-pump-trip-cold-morning', 'poor');
    const [a, b] = [runExercise(prepared, actions), runExercise(prepared, actions)];
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const reference = runExercise(prepared);
    expect(scoreRun(prepared.exercise, b, reference)).toEqual(scoreRun(prepared.exercise, a, reference));
    expect(a.events.map((e) => e.kind)).toEqual([
      'malfunction',
      'alarm',
      'alarm',
      'hint',
      'acknowledged',
      'acknowledged',
      'action',
      'alarm cleared',
      'alarm cleared',
    ]);
    expect(a.ackS).toEqual([74 * 60, 37 * 60]); // the trip raised at 16 min, supply low at 53 min, both acknowledged at 90
    expect(a.responseS).toEqual([85 * 60]);
  });
});

describe('scheduled ends', () => {
  it('end the malfunction they name: a leak stops at its clearAtMin', () => {
    const burst = loadExercise('burst-in-branch-main');
    const exercise = exerciseSchema.parse({
      ...burst,
      durationMin: 20,
      malfunctions: [{ ...burst.malfunctions[0], atMin: 5, clearAtMin: 15 }],
    });
    const prepared = prepareExercise(exercise);
    const { sim, inputs } = settleForExercise(prepared);
    const director = directExercise(prepared, sim, inputs);
    const leakingAt: number[] = [];
    while (!director.finished) {
      director.beforeStep();
      if (inputs.malfunctions.leakPipe >= 0) leakingAt.push(director.books.elapsedS);
      const stepS = director.nextStepS(prepared.model.scenario.simulation.stepS);
      stepSimulation(sim, inputs, stepS);
      director.afterStep(stepS);
    }
    expect(leakingAt[0]).toBe(5 * 60);
    expect(leakingAt[leakingAt.length - 1]).toBeLessThan(15 * 60);
    expect(director.record().events.map((e) => [e.kind, e.atS])).toContainEqual(['cleared', 15 * 60]);
  });
});

describe('malfunctions that wait for a condition', () => {
  const base = loadExercise('heat-pump-trip-cold-morning');
  const withCondition = (when: Record<string, unknown>) =>
    exerciseSchema.parse({ ...base, malfunctions: [{ ...base.malfunctions[0], atMin: 5, when }] });

  it('enters at the first step boundary after its condition has held for forMin, not before atMin', () => {
    // The outdoor air is above -100 °C from the first step: held 20 min after 40 steps of 30 s, later than atMin 5.
    const run = runExercise(prepareExercise(withCondition({ measure: 'outdoorC', above: -100, forMin: 20 })));
    expect(run.injectedAtS).toEqual([20 * 60]);
    expect(run.events[0]).toMatchObject({ kind: 'malfunction', atS: 20 * 60, text: 'heatPumpTrip, unitId dc-hp-1 (when outdoorC above -100 for 20 min)' });
    // With no forMin, it waits for atMin alone.
    expect(runExercise(prepareExercise(withCondition({ measure: 'outdoorC', above: -100 }))).injectedAtS).toEqual([5 * 60]);
  });

  it('never enters when its condition never holds, and then its response is left out of the score', () => {
    const prepared = prepareExercise(withCondition({ measure: 'outdoorC', below: -100, forMin: 0 }));
    const run = runExercise(prepared);
    expect(run.injectedAtS).toEqual([null]);
    expect(run.events.some((e) => e.kind === 'malfunction')).toBe(false);
    expect(scoreRun(prepared.exercise, run, run).parts.map((p) => p.part)).not.toContain('response');
  });

  it('is refused with both bounds, with none, or with an end at a minute', () => {
    const error = (m: Record<string, unknown>): string => {
      const parsed = exerciseSchema.safeParse({ ...base, malfunctions: [{ ...base.malfunctions[0], ...m }] });
      return parsed.success ? '' : issueMessage(parsed.error);
    };
    expect(error({ when: { measure: 'supplyC', below: 70, above: 90 } })).toBe('malfunctions[0].when: give exactly one of below and above');
    expect(error({ when: { measure: 'supplyC' } })).toBe('malfunctions[0].when: give exactly one of below and above');
    expect(error({ when: { measure: 'windMS', below: 3 } })).toMatch(/^malfunctions\[0\]\.when\.measure: /);
    const circulation = loadExercise('circulation-pump-failure').malfunctions[0];
    expect(
      issueMessage(
        exerciseSchema.safeParse({ ...base, malfunctions: [{ ...circulation, clearAtMin: 60, when: { measure: 'supplyC', below: 70 } }] }).error!,
      ),
    ).toBe('malfunctions[0].clearAtMin: a malfunction that waits for a condition ends only when the instructor clears it');
  });
});

describe('score parts against hand counts', () => {
  it('response: within its time 1, then falling to 0 at three times it, never 0', () => {
    expect(responseScore(300, 600)).toBe(1);
    expect(responseScore(600, 600)).toBe(1);
    expect(responseScore(1200, 600)).toBeCloseTo(0.5, 12);
    expect(responseScore(1800, 600)).toBe(0);
    expect(responseScore(null, 600)).toBe(0);
  });

  it('objectives: seconds below the supply band, below the dp limit, and cold past the grace time', () => {
    // A flat curve at 82 °C; the operator's offset (in supplySetpointC) does not move the limit.
    const curve = createSupplyCurve([[-10, 82], [10, 82]], 60, 100);
    const meter = createObjectiveMeter({ supplyBelowSetpointK: 3, worstConsumerDpPa: 80e3, indoor: { belowC: 18, graceMin: 2 } }, curve, [20, 17]);
    const out = {
      plants: [{ isMain: true, outletC: 80 }],
      outdoorC: 0,
      supplySetpointC: 90,
      pump: { headPa: 500e3, worstCircuitDropPa: 400e3 },
      indoorC: Float64Array.of(20, 17),
    };
    const step = (outletC: number, headPa: number, indoorC: number) => {
      out.plants[0].outletC = outletC;
      out.pump.headPa = headPa;
      out.indoorC[0] = indoorC;
      watchObjectives(meter, out as unknown as SimulationOutputs, 60);
    };
    step(80, 500e3, 20); // 2 K below, dp 100 kPa, warm: nothing broken
    step(78.5, 470e3, 17.9); // 3.5 K below, dp 70 kPa, cold 1 min
    step(79.5, 490e3, 17.9); // cold 2 min: not past the grace
    step(79, 490e3, 17.5); // 3 min: past it
    step(80, 490e3, 18.2); // warm again
    expect(meter.brokenS).toEqual({ supply: 60, dp: 60, indoor: 60 });
    // Building 1 was below 18 °C from the start: left out, however long it stays there.
    expect(meter.coldAtStart).toEqual(Uint8Array.of(0, 1));
  });
});

describe('npm run exercise', () => {
  const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const CLI = join(process.cwd(), 'server', 'cli', 'exercise.ts');

  it('prints the score, its breakdown and the timeline; --json the records', async () => {
    const good = join(EXERCISE_DIR, 'responses', 'circulation-pump-failure.good.json');
    const [text, json] = await Promise.all([
      run(TSX, [CLI, '--exercise', 'circulation-pump-failure', '--actions', good]),
      run(TSX, [CLI, '--exercise', 'circulation-pump-failure', '--actions', good, '--json']),
    ]);
    expect(text.stdout).toMatch(/^The circulation pump fails\nScore \d+\.\d of 100\n/);
    expect(text.stdout).toMatch(/response\s+100 %/);
    expect(text.stdout).toMatch(/12 min {2}action {6}standbyPump, action start\n/);
    const parsed = JSON.parse(json.stdout) as { score: { total: number }; run: { responseS: number[]; ackS: Array<number | null> } };
    expect(parsed.run.responseS).toEqual([120]);
    // The pump failure raises the dp and supply alarms; the good response acknowledges every alarm raised.
    expect(text.stdout).toMatch(/alarm {7}high DP-WORST-LOW/);
    expect(parsed.run.ackS.length).toBeGreaterThanOrEqual(2);
    expect(parsed.run.ackS.every((s) => s !== null && s <= 180)).toBe(true);
    expect(parsed.score.total).toBeGreaterThan(50);
  }, 60_000);

  it('exits 1 with a one-line reason naming the field', async () => {
    const bad = join(dir, 'actions.json');
    writeFileSync(bad, JSON.stringify({ actions: [{ atMin: 5, command: { type: 'heatPump', unitId: 'dc-hp-1', action: 'explode' } }] }));
    for (const [args, reason] of [
      [[], /exercise: required: --exercise/],
      [['--exercise', 'nope'], /unknown exercise "nope"/],
      [['--exercise', 'circulation-pump-failure', '--actions', bad], /actions\[0\]\.command\.action: /],
      [['--exercise', 'circulation-pump-failure', '--speed', '3'], /Unknown option '--speed'/],
    ] as const) {
      const r = await run(TSX, [CLI, ...args]).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(reason);
    }
  }, 60_000);
});
