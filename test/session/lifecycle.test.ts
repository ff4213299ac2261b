/**
 * A session's lifecycle with real worker threads (small test city): at most one worker is alive at any time,
 * overlapping restarts join, a stop during a restart wins, and a stopped session stays stopped. Workers are
 * counted through the session's worker factory, from the threads' own exit events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { parseScenario } from '../../shared/scenario/validate';
import { dateToS } from '../../server/sim/calendar';
import { Session } from '../../server/session/session';
import { SessionStateError } from '../../server/session/lifecycle';
import type { WorkerConfig } from '../../server/session/protocol';
import { smallCity } from '../fixtures/smallCity';

const ENTRY = new URL('../../server/session/worker-entry.mjs', import.meta.url);
const scenario = parseScenario(smallCity());

interface Census {
  spawned: number;
  live: number;
  maxLive: number;
}

function countedSession(): { session: Session; census: Census } {
  const census: Census = { spawned: 0, live: 0, maxLive: 0 };
  const spawnWorker = (workerData: WorkerConfig): Worker => {
    const w = new Worker(ENTRY, { workerData });
    census.spawned++;
    census.maxLive = Math.max(census.maxLive, ++census.live);
    w.once('exit', () => census.live--);
    return w;
  };
  const session = new Session({
    id: 'lifecycle',
    isPublic: false,
    scenario,
    startS: dateToS('2025-01-10'),
    seed: 1,
    speed: 3600,
    paused: false,
    frameHz: 10,
    kpiIntervalMs: 250,
    loop: null,
    backtrack: null,
    tokens: { operator: 'o'.repeat(24), instructor: 'i'.repeat(24) },
    spawnWorker,
  });
  return { session, census };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(fn: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(10);
  }
}

const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
});

function started(): { session: Session; census: Census } {
  const made = countedSession();
  sessions.push(made.session);
  return made;
}

describe('session lifecycle (real workers)', () => {
  it('two overlapping restarts make one new worker; the old one is gone', async () => {
    const { session, census } = started();
    await session.ready;
    const statuses: string[] = [];
    session.on('status', (i) => statuses.push(i.status));
    await Promise.all([session.restart(), session.restart()]);
    expect(census.spawned).toBe(2);
    expect(census.live).toBe(1);
    expect(census.maxLive).toBe(1);
    expect(session.info().status).toBe('running');
    expect(statuses).toEqual(['restarting', 'running']);
    const n = session.stats().framesSent;
    await until(() => session.stats().framesSent > n + 2); // the new worker streams
  });

  it('a stop while a restart waits for the old worker wins: no worker survives, the restart says why', async () => {
    const { session, census } = started();
    await session.ready;
    const restart = session.restart();
    await session.stop();
    await expect(restart).rejects.toBeInstanceOf(SessionStateError);
    await sleep(300);
    expect(census.spawned).toBe(1);
    expect(census.live).toBe(0);
    expect(session.info().status).toBe('stopped');
  });

  it('a stop while the restarted worker is starting ends it too', async () => {
    const { session, census } = started();
    await session.ready;
    const restart = session.restart();
    await until(() => census.spawned === 2);
    await session.stop();
    await expect(restart).rejects.toThrow(/stopped/);
    await until(() => census.live === 0);
    expect(census.maxLive).toBe(1);
    expect(session.info().status).toBe('stopped');
  });

  it('a stopped session refuses a restart and commands', async () => {
    const { session, census } = started();
    await session.ready;
    await session.stop();
    await expect(session.restart()).rejects.toThrow('session is stopped: it cannot restart');
    expect(await session.command({ type: 'clock', action: 'pause' })).toEqual({ ok: false, error: 'session is stopped' });
    await sleep(300);
    expect(census.spawned).toBe(1);
    expect(census.live).toBe(0);
  });
});
