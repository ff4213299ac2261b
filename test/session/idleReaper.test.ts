/** Idle private sessions are deleted after idleMs without a client; watched and public sessions stay. */
import { describe, expect, it } from 'vitest';
import { createIdleReaper } from '../../server/session/idleReaper';
import type { SessionDirectory, TwinSession } from '../../server/transport/types';

function directory(privateIds: string[]): SessionDirectory & { ids: Set<string> } {
  const ids = new Set(['public', ...privateIds]);
  const session = (id: string) => ({ id, isPublic: id === 'public' }) as TwinSession;
  return {
    ids,
    get: (id) => (ids.has(id) ? session(id) : undefined),
    list: () => [...ids].map(session),
    create: () => Promise.reject(new Error('not used')),
    delete: (id) => Promise.resolve(ids.delete(id)),
  };
}

describe('idle session reaper', () => {
  it('deletes a private session unwatched for idleMs, keeps watched and public ones', async () => {
    const dir = directory(['watched', 'abandoned']);
    const clients = new Map([['watched', 1], ['abandoned', 0], ['public', 0]]);
    let t = 0;
    const reaped: string[] = [];
    const reaper = createIdleReaper({ sessions: dir, clientsOf: (id) => clients.get(id) ?? 0, idleMs: 1000, now: () => t, onReaped: (id) => reaped.push(id) });

    await reaper.sweep(); // first sighting starts the idle clock
    t = 999;
    await reaper.sweep();
    expect([...dir.ids].sort()).toEqual(['abandoned', 'public', 'watched']);
    t = 1000;
    await reaper.sweep();
    expect(reaped).toEqual(['abandoned']);
    expect([...dir.ids].sort()).toEqual(['public', 'watched']);

    // The watched session was last seen watched at t = 1000.
    clients.set('watched', 0);
    t = 1999;
    await reaper.sweep();
    expect(dir.ids.has('watched')).toBe(true);
    t = 2000;
    await reaper.sweep();
    expect([...dir.ids]).toEqual(['public']);
  });

  it('a client coming back resets the idle clock', async () => {
    const dir = directory(['s']);
    let watchers = 0;
    let t = 0;
    const reaper = createIdleReaper({ sessions: dir, clientsOf: () => watchers, idleMs: 1000, now: () => t });
    await reaper.sweep();
    t = 900;
    watchers = 1;
    await reaper.sweep();
    watchers = 0;
    t = 1500;
    await reaper.sweep();
    expect(dir.ids.has('s')).toBe(true);
    t = 1900;
    await reaper.sweep();
    expect(dir.ids.has('s')).toBe(false);
  });
});
