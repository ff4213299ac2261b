/**
 * SimClock pacing against the analytic rule: at speed v the simulation time due after w wall seconds is
 * t0 + v·w, taken in whole steps of dt; paused nothing is due; a fast-forward runs to its target and stops.
 */
import { describe, expect, it } from 'vitest';
import { SimClock, MAX_LAG_WALL_S } from '../../server/session/clock';

/** Steps taken when the worker polls every pollMs from 0 to wallMs (as its loop does). */
function run(clock: SimClock, t0: number, dt: number, wallMs: number, pollMs: number): number {
  let t = t0;
  for (let now = 0; now <= wallMs; now += pollMs) while (clock.stepDue(now, t, dt)) t += dt;
  return t;
}

describe('SimClock', () => {
  it('x3600 for 2 s of wall time advances 7200 s (dt 60 s)', () => {
    const clock = new SimClock(3600, false, 0, 1000);
    expect(run(clock, 1000, 60, 2000, 10) - 1000).toBe(7200);
  });

  it('x1 with 1 s steps: 10 steps in 10 s; x60 with 60 s steps: one step per wall second', () => {
    expect(run(new SimClock(1, false, 0, 0), 0, 1, 10_000, 50)).toBe(10);
    expect(run(new SimClock(60, false, 0, 0), 0, 60, 5_000, 50)).toBe(300);
  });

  it('paused: nothing due; resume re-anchors so the pause is not made up', () => {
    const clock = new SimClock(3600, true, 0, 0);
    expect(clock.stepDue(10_000, 0, 60)).toBe(false);
    clock.resume(10_000, 0);
    let t = 0;
    for (let now = 10_000; now <= 11_000; now += 10) while (clock.stepDue(now, t, 60)) t += 60;
    expect(t).toBe(3600);
  });

  it('a slow machine slips instead of owing more than MAX_LAG_WALL_S of wall time', () => {
    const clock = new SimClock(3600, false, 0, 0);
    // 10 s of wall time passed with no step taken: at most the lag plus a step is owed.
    let steps = 0;
    let t = 0;
    while (clock.stepDue(10_000, t, 60)) {
      t += 60;
      steps++;
    }
    expect(t).toBeLessThanOrEqual(MAX_LAG_WALL_S * 3600 + 60);
    expect(steps).toBeGreaterThan(0);
  });

  it('fast-forward runs to its target whatever the speed, then stops and resumes pacing', () => {
    const clock = new SimClock(1, true, 0, 0);
    clock.fastForwardTo(600);
    let t = 0;
    while (clock.stepDue(0, t, 60)) t += 60;
    expect(t).toBe(600);
    expect(clock.fastForwarding).toBe(false);
    expect(clock.stepDue(1_000_000, t, 60)).toBe(false); // still paused
  });

  it("'max' is flat out and never waits", () => {
    const clock = new SimClock('max', false, 0, 0);
    expect(clock.flatOut).toBe(true);
    expect(clock.msUntilDue(0, 0, 60)).toBe(0);
    expect(clock.stepDue(0, 1e12, 60)).toBe(true);
  });
});
