/**
 * Isolation: one heavy or failing simulation never stalls or kills the others; a failed session
 * reports an alarm and can be restarted. Session A's worker is made to throw (Session.injectFailure, the
 * test hook of server/session); A's viewers get a critical alarm and its commands are refused, while session
 * B and the public session keep streaming at 10 Hz; restarting A over REST brings its frames back.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { SessionInfo } from '../../server/session/session';
import { startSmallServer, SMALL_ID } from './harness';
import { client, connected, http, joinSession, nextEvent, postJson, refusal, sendCommand, sleep, type CreatedSession } from './helpers';

type Server = Awaited<ReturnType<typeof startSmallServer>>;

describe('a failing simulation does not disturb the others', () => {
  let server: Server;
  const open: Socket[] = [];
  beforeAll(async () => {
    server = await startSmallServer();
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.close();
  });

  it('fails session A alone, then restarts it', async () => {
    const a = (await postJson<CreatedSession>(server.url, '/api/sessions', { scenario: SMALL_ID })).body;
    const b = (await postJson<CreatedSession>(server.url, '/api/sessions', { scenario: SMALL_ID })).body;
    const watch = async (sessionId: string, token?: string) => {
      const c = client(server.url);
      open.push(c);
      await connected(c);
      expect((await joinSession(c, token ? { sessionId, token } : { sessionId })).ok).toBe(true);
      return c;
    };
    const [ca, cb, cp] = await Promise.all([watch(a.id, a.tokens.operator), watch(b.id), watch('public')]);
    const count = { a: 0, b: 0, p: 0 };
    ca.on('frame', () => count.a++);
    cb.on('frame', () => count.b++);
    cp.on('frame', () => count.p++);

    const alarm = nextEvent<{ severity: string; source: string; message: string }>(ca, 'alarm', 5000);
    server.registry.get(a.id)!.injectFailure('boom');
    const got = await alarm;
    expect(got.severity).toBe('critical');
    expect(got.message).toContain('boom');
    expect((await http<SessionInfo>(server.url, `/api/sessions/${a.id}`)).body.status).toBe('failed');
    const refused = await sendCommand(ca, { type: 'storage', mode: 'idle' });
    expect(refused.ok).toBe(false);
    expect(refusal(refused)).toMatch(/failed/);

    count.a = count.b = count.p = 0;
    await sleep(1500);
    expect(count.a).toBe(0);
    // 10 Hz for 1.5 s: ~15 frames each; allow scheduling slack.
    expect(count.b).toBeGreaterThanOrEqual(11);
    expect(count.p).toBeGreaterThanOrEqual(11);
    expect((await http<SessionInfo>(server.url, `/api/sessions/${b.id}`)).body.status).toBe('running');

    // Restart needs the instructor token; then A streams again to the viewers still in its room.
    expect((await http(server.url, `/api/sessions/${a.id}/restart`, { method: 'POST' })).status).toBe(403);
    const restarted = await http(server.url, `/api/sessions/${a.id}/restart`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.tokens.instructor}` },
    });
    expect(restarted).toMatchObject({ status: 200, body: { restarted: a.id } });
    await nextEvent(ca, 'frame', 3000);
    expect(await sendCommand(ca, { type: 'storage', mode: 'idle' })).toMatchObject({ ok: true });
  });
});
