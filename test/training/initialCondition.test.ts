/**
 * Initial conditions: a moment of a run saved as bytes (server/sim/savedState.ts) and started from. An exercise
 * started from the very state it would have settled to must run exactly as the settled one does; a live session
 * loaded with a state must step on exactly as the session it was saved from; a state of another moment, bytes
 * that are no state, and a training run asked to load one are refused naming the field.
 */
import { describe, expect, it } from 'vitest';
import { exerciseSchema } from '../../shared/training/exercise';
import { dateTimeToS } from '../../server/sim/calendar';
import { encodeSavedState, saveState } from '../../server/sim/savedState';
import { loadExercise } from '../../server/training/exerciseFiles';
import { InitialConditionError, prepareExercise, runExercise, settleForExercise } from '../../server/training/exerciseRun';
import { StepLoop } from '../../server/session/stepLoop';
import type { WorkerConfig } from '../../server/session/protocol';
import { decodeFrame } from '../../shared/protocol/frame';
import { FakeLoopEnv } from '../session/fakeLoopEnv';

const base = loadExercise('circulation-pump-failure');
const settled = prepareExercise(base);
const { sim, inputs } = settleForExercise(settled);
const atStart = encodeSavedState(saveState(sim, inputs));
const withCondition = exerciseSchema.parse({ ...base, initialCondition: 'circulation-start' });

describe('an exercise started from an initial condition', () => {
  it('runs exactly as the settled start it was saved from', () => {
    const fromState = runExercise(prepareExercise(withCondition, atStart));
    expect(JSON.stringify({ ...fromState, exerciseId: '' })).toBe(JSON.stringify({ ...runExercise(settled), exerciseId: '' }));
  });

  it('is refused when the state is missing, of another moment, or not a state', () => {
    expect(() => prepareExercise(withCondition)).toThrow(/^initialCondition: "circulation-start" is not given/);
    const later = exerciseSchema.parse({ ...withCondition, start: '2025-02-12T09:00' });
    expect(dateTimeToS(later.start)).not.toBe(sim.outputs.timeS);
    expect(() => runExercise(prepareExercise(later, atStart))).toThrow(InitialConditionError);
    expect(() => runExercise(prepareExercise(later, atStart))).toThrow(/^initialCondition: "circulation-start" is of another moment/);
    expect(() => runExercise(prepareExercise(withCondition, Uint8Array.of(1, 2, 3)))).toThrow(/not a saved state/);
  });
});

describe('a live session loaded with a saved state', () => {
  const model = settled.model;
  const config = (training: WorkerConfig['training']): WorkerConfig => ({
    scenario: model.scenario,
    startS: dateTimeToS(base.start) - 86400,
    seed: model.scenario.simulation.seed,
    speed: 'max',
    paused: true,
    frameHz: 10,
    kpiIntervalMs: 250,
    loop: null,
    autoResetTrips: false,
    backtrack: null,
    processAlarms: true,
    training,
  });
  const start = (training: WorkerConfig['training'] = null) => {
    const env = new FakeLoopEnv();
    const loop = new StepLoop(model, config(training), env);
    loop.start();
    return { loop, env };
  };
  let nextId = 1;
  const ask = (loop: StepLoop, env: FakeLoopEnv, m: { type: 'saveState' } | { type: 'loadState'; state: Uint8Array }) => {
    const id = nextId++;
    loop.receive({ ...m, id });
    return env.of('reply').find((r) => r.id === id)!;
  };
  const stepAndFrame = (loop: StepLoop, env: FakeLoopEnv, steps: number) => {
    const before = env.of('status').length;
    loop.receive({ type: 'command', id: nextId++, command: { type: 'clock', action: 'step', steps } });
    env.runUntil(env.nowMs + 600_000, () => env.of('status').length > before);
    env.runUntil(env.nowMs + 200); // a frame of the moment reached
    const frame = decodeFrame(env.of('frame').at(-1)!.buffer);
    return { ...frame, header: { ...frame.header, sequence: 0, sentAtMs: 0 } };
  };

  it('steps on exactly as the session it was saved from', () => {
    const a = start();
    stepAndFrame(a.loop, a.env, 20);
    const saved = ask(a.loop, a.env, { type: 'saveState' }).state!;
    expect(saved.simTimeS).toBe(dateTimeToS(base.start) - 86400 + 20 * model.scenario.simulation.stepS);
    const b = start();
    expect(ask(b.loop, b.env, { type: 'loadState', state: saved.state }).ack).toMatchObject({ ok: true, simTimeS: saved.simTimeS });
    expect(stepAndFrame(b.loop, b.env, 30)).toEqual(stepAndFrame(a.loop, a.env, 30));
  });

  it('refuses bytes that are no state, and a training run asked to load one', () => {
    const a = start();
    expect(ask(a.loop, a.env, { type: 'loadState', state: Uint8Array.of(7) }).ack).toMatchObject({ ok: false, error: expect.stringMatching(/^state: not a saved state/) as unknown });
    const t = start({ exercise: base, initialState: null, resume: null });
    expect(ask(t.loop, t.env, { type: 'loadState', state: atStart }).ack).toMatchObject({ ok: false, error: expect.stringMatching(/^state: a training run/) as unknown });
  });
});
