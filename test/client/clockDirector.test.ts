/**
 * The presentation's clock director against a scripted server (fake timers): a jump is answered at once with its
 * target and an estimate (ClockMoveResult); the director waits for the session to report the target, however
 * much longer than a request's 10 s that takes, before it sets the chapter's speed; it gives up only when the
 * clock stops getting closer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command, CommandAck } from '../../shared/protocol/commands';
import { ARRIVAL_GRACE_MS, createClockDirector } from '../../client/src/story/clockDirector';

const TARGET_S = 1_000_000;

function scripted(estimatedWallMs: number) {
  const sent: Command[] = [];
  const errors: string[] = [];
  const moving: boolean[] = [];
  const watchers = new Set<(t: number) => void>();
  const director = createClockDirector({
    send: (c) => {
      sent.push(c);
      const ack: CommandAck = c.type === 'clock' && c.action === 'jump' ? { ok: true, result: { accepted: true, targetS: TARGET_S, estimatedWallMs } } : { ok: true };
      return Promise.resolve(ack);
    },
    watchSimTime: (onTime) => {
      watchers.add(onTime);
      return () => watchers.delete(onTime);
    },
    onMoving: (m) => moving.push(m),
    onError: (m) => errors.push(m),
  });
  /** The session reports a simulated time (as a KPI sample would). */
  const report = (t: number) => watchers.forEach((w) => w(t));
  return { director, sent, errors, moving, watchers, report };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('clock director', () => {
  it('waits past 10 s for a jump the server says takes 40 s, then sets the speed', async () => {
    const s = scripted(40_000);
    s.director.want({ at: '2025-02-10T08:00', speed: 1440 });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.sent.map((c) => c.type === 'clock' && c.action)).toEqual(['jump']);
    for (let k = 1; k <= 35; k++) {
      await vi.advanceTimersByTimeAsync(1000);
      s.report(TARGET_S - 100_000 + k * 2000);
    }
    // 35 s on: still waiting, no speed yet, no error.
    expect(s.sent).toHaveLength(1);
    expect(s.errors).toEqual([]);
    expect(s.moving).toEqual([true]);
    await vi.advanceTimersByTimeAsync(5000);
    s.report(TARGET_S);
    await s.director.idle();
    expect(s.sent.at(-1)).toEqual({ type: 'clock', action: 'speed', speed: 1440 });
    expect(s.errors).toEqual([]);
    expect(s.moving).toEqual([true, false]);
    expect(s.watchers.size).toBe(0);
  });

  it('keeps waiting beyond the estimate while the clock moves, gives up once it stops', async () => {
    const s = scripted(5_000);
    s.director.want({ at: '2025-02-10', speed: 60 });
    await vi.advanceTimersByTimeAsync(0);
    // Slower than estimated but moving: 30 s of reports every 3 s.
    for (let k = 1; k <= 10; k++) {
      await vi.advanceTimersByTimeAsync(3000);
      s.report(TARGET_S - 50_000 + k * 1000);
    }
    expect(s.sent).toHaveLength(1);
    expect(s.errors).toEqual([]);
    // Then nothing moves: after the grace the director says so and still sets the chapter's speed.
    await vi.advanceTimersByTimeAsync(ARRIVAL_GRACE_MS + 1);
    await s.director.idle();
    expect(s.errors).toEqual(['jump: the clock did not reach 2025-02-10']);
    expect(s.sent.at(-1)).toEqual({ type: 'clock', action: 'speed', speed: 60 });
  });

  it('a chapter chosen during a jump is carried out once the jump lands', async () => {
    const s = scripted(20_000);
    s.director.want({ at: '2025-02-10', speed: 60 });
    await vi.advanceTimersByTimeAsync(0);
    s.director.want({ at: '2025-03-01', speed: 3600 });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(s.sent).toHaveLength(1); // no second jump while the first runs
    s.report(TARGET_S);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.sent.at(-1)).toEqual({ type: 'clock', action: 'jump', to: '2025-03-01' });
    s.report(TARGET_S);
    await s.director.idle();
    expect(s.sent.at(-1)).toEqual({ type: 'clock', action: 'speed', speed: 3600 });
    expect(s.errors).toEqual([]);
  });
});
