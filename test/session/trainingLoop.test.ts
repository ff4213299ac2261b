/**
 * A training run in the live session's step loop, driven in-process with a fake wall clock (fakeLoopEnv.ts). The
 * loop and the headless runner (server/training/exerciseRun.ts) drive the same director, so the same actions at the
 * same minutes must give the same score in both, bit for bit; and a run resumed from one of its backtracks with the
 * acknowledged commands after it must end exactly where the uninterrupted run ended.
 */
import { describe, expect, it } from 'vitest';
import { dateTimeToS } from '../../server/sim/calendar';
import type { Command, CommandAck } from '../../shared/protocol/commands';
import type { ScriptedAction } from '../../shared/training/exercise';
import type { LiveScore, RunEvent } from '../../shared/protocol/training';
import type { TrainingResume, WorkerConfig } from '../../server/session/protocol';
import { StepLoop } from '../../server/session/stepLoop';
import { loadActions, loadExercise, EXERCISE_DIR } from '../../server/training/exerciseFiles';
import { prepareExercise, runExercise } from '../../server/training/exerciseRun';
import { scoreRun } from '../../server/training/score';
import { FakeLoopEnv } from './fakeLoopEnv';

const ID = 'heat-pump-trip-cold-morning';
const prepared = prepareExercise(loadExercise(ID));
const { exercise, model } = prepared;
const START_S = dateTimeToS(exercise.start);
const DT_S = model.scenario.simulation.stepS;
const actions = loadActions(`${EXERCISE_DIR}/responses/${ID}.good.json`);

function makeLoop(resume: TrainingResume | null = null): { loop: StepLoop; env: FakeLoopEnv } {
  const config: WorkerConfig = {
    scenario: model.scenario,
    startS: START_S,
    seed: model.scenario.simulation.seed,
    speed: 'max',
    paused: true,
    frameHz: 10,
    kpiIntervalMs: 250,
    loop: null,
    autoResetTrips: false,
    backtrack: { everyS: 600, keep: 12 },
    processAlarms: true,
    training: { exercise, initialState: null, resume },
  };
  const env = new FakeLoopEnv();
  const loop = new StepLoop(model, config, env);
  loop.start();
  return { loop, env };
}

let nextId = 1;
function send(loop: StepLoop, env: FakeLoopEnv, c: Command): CommandAck {
  const id = nextId++;
  loop.receive({ type: 'command', id, command: c });
  return env.of('reply').find((r) => r.id === id)!.ack!;
}

/** Steps the clock to the exercise's minute (flat out) and waits until it is there. */
function stepTo(loop: StepLoop, env: FakeLoopEnv, minute: number): void {
  const withStatus = env.posted.flatMap((m) => ('status' in m && m.status ? [m.status] : []));
  const now = withStatus.at(-1)?.simTimeS ?? START_S;
  const steps = Math.round((START_S + minute * 60 - now) / DT_S);
  if (steps <= 0) return;
  const before = env.of('status').length;
  expect(send(loop, env, { type: 'clock', action: 'step', steps }).ok).toBe(true);
  env.runUntil(env.nowMs + 600_000, () => env.of('status').length > before);
}

function asCommand(a: ScriptedAction): Command {
  if ('alarm' in a) return a.alarm;
  if ('hint' in a) return { type: 'hint', action: 'ask' };
  return a.command;
}

/** Plays the scripted actions live at their minutes, then runs to the end; the acknowledged commands with their times. */
function playLive(): { env: FakeLoopEnv; final: LiveScore; acked: TrainingResume['actions'] } {
  const { loop, env } = makeLoop();
  const acked: TrainingResume['actions'] = [];
  for (const a of actions) {
    stepTo(loop, env, a.atMin);
    const command = asCommand(a);
    const ack = send(loop, env, command);
    if (ack.ok) acked.push({ simTimeS: ack.simTimeS!, command });
  }
  stepTo(loop, env, exercise.durationMin);
  const final = env.of('score').at(-1)!.score;
  return { env, final, acked };
}

const events = (env: FakeLoopEnv): RunEvent[] => env.of('runEvent').map((m) => m.event);

describe('a training run in the live step loop', () => {
  const live = playLive();

  it('scores the same as the headless run of the same actions, and says the score is final', () => {
    const reference = runExercise(prepared);
    const headless = scoreRun(exercise, runExercise(prepared, actions), reference);
    expect(live.final.finished).toBe(true);
    expect(live.final.atS).toBe(exercise.durationMin * 60);
    expect({ total: live.final.total, parts: live.final.parts, hintPoints: live.final.hintPoints }).toEqual(headless);
    expect(live.final.total).toBeGreaterThan(80);
  });

  it('writes the run record as it goes: the trip, the alarms, the reset and the acknowledgements, in time order', () => {
    const record = events(live.env);
    const kinds = record.map((e) => e.kind);
    expect(kinds[0]).toBe('malfunction');
    expect(record[0].atS).toBe(15 * 60);
    expect(record[0].simTimeS).toBe(START_S + 15 * 60);
    expect(kinds).toContain('alarm');
    expect(kinds).toContain('acknowledged');
    const reset = record.find((e) => e.kind === 'action')!;
    expect(reset.command).toEqual({ type: 'heatPump', unitId: 'dc-hp-1', action: 'reset' });
    expect(reset.atS).toBe(17 * 60);
    for (let i = 1; i < record.length; i++) expect(record[i].simTimeS).toBeGreaterThanOrEqual(record[i - 1].simTimeS);
  });

  it('sends a live score while it runs: before the trip no response part, after the reset a full one', () => {
    const { loop, env } = makeLoop();
    const scoreAfterAWhile = (): LiveScore => {
      env.runUntil(env.nowMs + 300); // the clock stands; the score goes out at the kpi interval
      return env.of('score').at(-1)!.score;
    };
    stepTo(loop, env, 10);
    const early = scoreAfterAWhile();
    expect(early).toMatchObject({ atS: 600, finished: false });
    expect(early.parts.some((p) => p.part === 'response')).toBe(false);
    stepTo(loop, env, 17);
    send(loop, env, { type: 'heatPump', unitId: 'dc-hp-1', action: 'reset' });
    stepTo(loop, env, 25);
    const later = scoreAfterAWhile();
    expect(later.atS).toBe(25 * 60);
    expect(later.parts.find((p) => p.part === 'response')?.score).toBe(1);
  });

  it('resumed from a backtrack with the acknowledged commands after it, ends exactly where the run ended', () => {
    const backtracks = live.env.of('backtrack').map((m) => m.backtrack);
    expect(backtracks[0].simTimeS).toBe(START_S); // the start is the first backtrack
    const from = backtracks.find((b) => b.simTimeS === START_S + 60 * 60)!;
    expect(from).toBeDefined();
    const { loop, env } = makeLoop({ state: from.state, actions: live.acked.filter((a) => a.simTimeS >= from.simTimeS) });
    stepTo(loop, env, exercise.durationMin);
    expect(env.of('score').at(-1)!.score).toEqual(live.final);
    const after = (e: RunEvent[]) => e.filter((x) => x.simTimeS > from.simTimeS);
    expect(after(events(env))).toEqual(after(events(live.env)));
  });

  it('takes hints from the exercise and from the instructor, keeps its own time, and stops at its end', () => {
    const { loop, env } = makeLoop();
    const asked = send(loop, env, { type: 'hint', action: 'ask' });
    expect(asked).toMatchObject({ ok: true, result: { hint: exercise.hints[0] }, simTimeS: START_S });
    expect(send(loop, env, { type: 'hint', action: 'send', text: 'Look at the heat pumps.' }).ok).toBe(true);
    expect(events(env).filter((e) => e.kind === 'hint').map((e) => e.text)).toEqual([exercise.hints[0], 'Look at the heat pumps.']);
    const jump = send(loop, env, { type: 'clock', action: 'jump', to: '2025-03-01T00:00' });
    expect(!jump.ok && jump.error).toMatch(/^action: a training run keeps its own time/);
    stepTo(loop, env, exercise.durationMin);
    const resume = send(loop, env, { type: 'clock', action: 'resume' });
    expect(!resume.ok && resume.error).toMatch(/the exercise has ended/);
    const final = env.of('score').at(-1)!.score;
    expect(final.finished).toBe(true);
    expect(final.hintPoints).toBe(exercise.hintPenalty);
  });
});
