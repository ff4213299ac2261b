/**
 * The session's step loop driven in-process with a fake wall clock and fake timers (fakeLoopEnv.ts), on the small
 * test city (60 s steps). Expectations come from the clock's definition (speed = simulated s per wall s, frames
 * at a fixed wall rate), from node's event loop (one pending tick keeps one step chain) and from the clock
 * command contract (ClockMoveResult: step and jump answer at once, then run to their target).
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../server/sim/compile';
import { parseScenario } from '../../shared/scenario/validate';
import { dateToS, DAY_S } from '../../server/sim/calendar';
import { decodeFrame } from '../../shared/protocol/frame';
import type { ClockMoveResult, Command } from '../../shared/protocol/commands';
import type { Speed } from '../../server/session/clock';
import type { WorkerConfig } from '../../server/session/protocol';
import { StepLoop } from '../../server/session/stepLoop';
import { createKpiMeter, sampleKpi } from '../../server/session/kpi';
import { createOperatorInputs, createSimulation, stepSimulation } from '../../server/sim';
import { smallCity } from '../fixtures/smallCity';
import { FakeLoopEnv } from './fakeLoopEnv';

const scenario = parseScenario(smallCity());
const SEED = 1;
const model = compileScenario(scenario, { seed: SEED });
const START_S = dateToS('2025-01-10');

function makeLoop(speed: Speed, paused: boolean, backtrack: WorkerConfig['backtrack'] = null): { loop: StepLoop; env: FakeLoopEnv } {
  const config: WorkerConfig = {
    scenario,
    startS: START_S,
    seed: SEED,
    speed,
    paused,
    frameHz: 10,
    kpiIntervalMs: 250,
    loop: null,
    autoResetTrips: false,
    backtrack,
    processAlarms: true,
    training: null,
  };
  const env = new FakeLoopEnv();
  const loop = new StepLoop(model, config, env);
  loop.start();
  return { loop, env };
}

let nextId = 1;
const command = (loop: StepLoop, c: Command) => loop.receive({ type: 'command', id: nextId++, command: c });

describe('StepLoop scheduling', () => {
  it('keeps exactly one tick pending however many commands arrive while flat out', () => {
    const { loop, env } = makeLoop('max', false);
    env.runUntil(100);
    for (let i = 0; i < 20; i++) {
      // A command between two turns of the event loop, as messages arrive in the worker.
      command(loop, { type: 'supplySetpoint', offsetK: i % 5 });
      expect(env.pendingTimers).toBe(1);
      env.runNext();
    }
    expect(env.pendingTimers).toBe(1);
    expect(env.of('reply').every((r) => r.ack?.ok)).toBe(true);
  });

  it('a command while waiting for the next real-time step brings the tick forward instead of adding one', () => {
    const { loop, env } = makeLoop(60, false);
    env.runUntil(500);
    expect(env.pendingTimers).toBe(1);
    command(loop, { type: 'clock', action: 'speed', speed: 3600 });
    command(loop, { type: 'clock', action: 'pause' });
    command(loop, { type: 'clock', action: 'resume' });
    expect(env.pendingTimers).toBe(1);
    env.runUntil(1500);
    expect(env.pendingTimers).toBe(1);
  });
});

describe('StepLoop pacing (fake clock)', () => {
  it('x3600: frames at 10 Hz and 7200 simulated s in 2 wall s', () => {
    const { env } = makeLoop(3600, false);
    env.runUntil(300);
    const before = env.of('frame').length;
    env.runUntil(2300);
    const frames = env.of('frame').slice(before).map((m) => decodeFrame(m.buffer).header);
    // 10 Hz over 2 s, give or take the frame on the boundary.
    expect(frames.length).toBeGreaterThanOrEqual(20);
    expect(frames.length).toBeLessThanOrEqual(21);
    const a = frames[0];
    const b = frames.at(-1)!;
    const rate = (b.simTimeS - a.simTimeS) / ((b.sentAtMs - a.sentAtMs) / 1000);
    // Whole 60 s steps: within one step over the interval.
    expect(Math.abs(rate - 3600)).toBeLessThanOrEqual(60 / ((b.sentAtMs - a.sentAtMs) / 1000));
    expect(b.speed).toBe(3600);
  });

  it('paused: the time holds while frames keep coming', () => {
    const { env } = makeLoop(60, true);
    env.runUntil(1000);
    const frames = env.of('frame').map((m) => decodeFrame(m.buffer).header);
    expect(frames.length).toBeGreaterThanOrEqual(10);
    expect(frames.every((h) => h.simTimeS === START_S && h.speed === 0)).toBe(true);
  });
});

describe('StepLoop clock moves', () => {
  it('a jump answers before the target is reached; progress then reaches the target', () => {
    const { loop, env } = makeLoop(60, true);
    const targetS = START_S + 2 * DAY_S;
    command(loop, { type: 'clock', action: 'jump', to: '2025-01-12' });
    const reply = env.of('reply').at(-1)!;
    expect(reply.ack?.ok).toBe(true);
    const result = (reply.ack as { result: ClockMoveResult }).result;
    expect(result).toMatchObject({ accepted: true, targetS });
    expect(result.estimatedWallMs).toBeGreaterThan(0);
    expect(reply.status!.simTimeS).toBeLessThan(targetS);
    expect(reply.status!.clockTarget).toEqual({ fromS: reply.status!.simTimeS, targetS });

    const answeredAtMs = env.nowMs;
    env.runUntil(60_000, () => env.of('status').length > 0);
    const done = env.of('status')[0].status;
    expect(done.simTimeS).toBe(targetS);
    expect(done.clockTarget).toBeNull();
    // KPI status under way shows the clock moving towards the target, not yet there.
    const under = env.of('kpi').map((k) => k.status).filter((s) => s.clockTarget);
    expect(under.length).toBeGreaterThan(0);
    for (let k = 1; k < under.length; k++) expect(under[k].simTimeS).toBeGreaterThan(under[k - 1].simTimeS);
    expect(under.every((s) => s.clockTarget!.targetS === targetS && s.simTimeS < targetS)).toBe(true);
    // The estimate is the measured step time times the steps to go: the right order of magnitude.
    const tookMs = env.nowMs - answeredAtMs;
    expect(result.estimatedWallMs).toBeGreaterThan(tookMs / 4);
    expect(result.estimatedWallMs).toBeLessThan(tookMs * 4);
    // Paused before, paused after.
    env.runUntil(env.nowMs + 1000);
    expect(env.of('frame').at(-1) && decodeFrame(env.of('frame').at(-1)!.buffer).header.simTimeS).toBe(targetS);
  });

  it('a step while the clock moves is refused naming the action; a step moves by whole steps', () => {
    const { loop, env } = makeLoop(60, true);
    command(loop, { type: 'clock', action: 'step', steps: 500 });
    command(loop, { type: 'clock', action: 'step', steps: 5 });
    expect(env.of('reply').at(-1)!.ack).toMatchObject({ ok: false, error: 'action: the clock is already moving to a target' });
    env.runUntil(60_000, () => env.of('status').length > 0);
    expect(env.of('status')[0].status.simTimeS).toBe(START_S + 500 * 60);
  });

  it('a restore while the clock moves ends the move where the snapshot was', () => {
    const { loop, env } = makeLoop(60, true);
    command(loop, { type: 'clock', action: 'snapshot' });
    const { snapshotId } = (env.of('reply').at(-1)!.ack as { result: { snapshotId: string } }).result;
    command(loop, { type: 'clock', action: 'jump', to: '2025-01-12' });
    env.runNext();
    command(loop, { type: 'clock', action: 'restore', snapshotId });
    const reply = env.of('reply').at(-1)!;
    expect(reply.ack).toEqual({ ok: true, result: { simTimeS: START_S }, simTimeS: START_S });
    expect(reply.status).toMatchObject({ simTimeS: START_S, clockTarget: null, paused: true });
    env.runUntil(env.nowMs + 1000);
    expect(decodeFrame(env.of('frame').at(-1)!.buffer).header.simTimeS).toBe(START_S);
  });

  it('the first KPI sample at the end of a jump is of the moment arrived at, not a mean over the hours flown past', () => {
    const { loop, env } = makeLoop(60, true);
    const targetS = START_S + 2 * DAY_S;
    command(loop, { type: 'clock', action: 'jump', to: '2025-01-12' });
    env.runUntil(60_000, () => env.of('status').length > 0);
    const arrival = env.of('kpi').find((m) => m.kpi.simTimeS === targetS && m.status.clockTarget === null);
    expect(arrival).toBeDefined();
    // The same two days simulated directly: a sample over no elapsed time is the last step's flows.
    const sim = createSimulation(model, { startS: START_S, seed: SEED });
    const inputs = createOperatorInputs(model);
    while (sim.outputs.timeS < targetS - 1e-9) stepSimulation(sim, inputs, scenario.simulation.stepS);
    const moment = sampleKpi(createKpiMeter(sim.outputs), sim.outputs);
    for (const k of ['heatDemandMW', 'heatDeliveredMW', 'networkLossMW', 'electricityMW', 'co2TonnesPerH'] as const)
      expect(arrival!.kpi[k], k).toBeCloseTo(moment[k], 9);
  });

  it('backtracks: a snapshot every 10 simulated minutes, the last 3 kept; jumping back drops the later ones', () => {
    const { loop, env } = makeLoop(60, true, { everyS: 600, keep: 3 });
    const list = (): Array<{ snapshotId: string; simTimeS: number }> => {
      command(loop, { type: 'clock', action: 'backtracks' });
      return (env.of('reply').at(-1)!.ack as { result: Array<{ snapshotId: string; simTimeS: number }> }).result;
    };
    command(loop, { type: 'clock', action: 'step', steps: 50 });
    env.runUntil(60_000, () => env.of('status').length > 0);
    // 50 minutes: backtracks at 10, 20, 30, 40 and 50 minutes, the last three kept.
    expect(list().map((b) => b.simTimeS - START_S)).toEqual([1800, 2400, 3000]);
    const at30 = list()[0];
    command(loop, { type: 'clock', action: 'restore', snapshotId: at30.snapshotId });
    expect(env.of('reply').at(-1)!.ack).toEqual({ ok: true, result: { simTimeS: START_S + 1800 }, simTimeS: START_S + 1800 });
    // The backtracks after the one jumped back to are gone: that future may not happen again.
    expect(list().map((b) => b.simTimeS - START_S)).toEqual([1800]);
    const before = env.of('status').length;
    command(loop, { type: 'clock', action: 'step', steps: 20 });
    env.runUntil(120_000, () => env.of('status').length > before);
    // Taken again on the way forward (a restored snapshot continues bit for bit: test/session/snapshot.test.ts).
    expect(list().map((b) => b.simTimeS - START_S)).toEqual([1800, 2400, 3000]);
    expect(list()[0].snapshotId).toBe(at30.snapshotId);
  });

  it('a jump while the clock moves takes over the target', () => {
    const { loop, env } = makeLoop(60, true);
    command(loop, { type: 'clock', action: 'step', steps: 2000 });
    command(loop, { type: 'clock', action: 'jump', to: '2025-01-10T02:00' });
    expect(env.of('reply').at(-1)!.ack).toMatchObject({ ok: true, result: { targetS: START_S + 7200 } });
    env.runUntil(60_000, () => env.of('status').length > 0);
    expect(env.of('status')).toHaveLength(1);
    expect(env.of('status')[0].status.simTimeS).toBe(START_S + 7200);
  });
});
