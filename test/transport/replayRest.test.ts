/**
 * A recorded run replayed for its debrief on a real server. The run: the small city's heat pump trips at minute
 * 30 (the exercise's malfunction), the trainee resets it at minute 31, and the run is finished at minute 35. Its
 * replay, moved to a moment, must show what the run itself showed at that moment (the simulation is
 * deterministic, and the replay enters the trainee's command again at its time): the same units, heat for heat,
 * state for state, whether the replay started from a backtrack or, with none kept before the moment, from the
 * exercise's start. Then: seeking back
 * starts a new replay, forward moves the same one; nobody's token gives a role in a replay; who may replay,
 * errors naming the field, and the cap on replays at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { client, connected, joined, joinSession, refusal, sendCommand, sleep, type ApiError } from '../server/helpers';
import { api, EXERCISE_ID, HEAT_PUMP, PASSWORD, startTrainingServer } from './trainingHarness';
import { openDatabase } from '../../server/records/database';
import { EVENTS } from '../../shared/protocol/events';
import { decodeFrame } from '../../shared/protocol/frame';
import type { CreatedRun, JoinedRun, LoginAnswer } from '../../shared/protocol/runs';
import type { ReplayAnswer } from '../../shared/protocol/replay';
import { MAX_REPLAYS } from '../../server/records/runReplays';

type Server = Awaited<ReturnType<typeof startTrainingServer>>;

/** The small city's step (s). */
const STEP_S = 60;
/** Heat-pump mode in frames (shared/protocol/frame.ts). */
const TRIPPED = 3;

/** What a session's join snapshot shows of its units: heat out and mode of each. */
async function unitsSeen(url: string, sessionId: string): Promise<{ simTimeS: number; heatW: number[]; mode: number[] }> {
  const socket = client(url);
  try {
    await connected(socket);
    const snapshot = new Promise<ArrayBuffer>((resolve) => socket.once(EVENTS.snapshot, resolve));
    joined(await joinSession(socket, { sessionId }));
    const f = decodeFrame(await snapshot);
    const n = f.counts.units;
    return { simTimeS: f.header.simTimeS, heatW: [...f.units.heatW.slice(0, n)], mode: [...f.units.mode.slice(0, n)] };
  } finally {
    socket.close();
  }
}

describe('a recorded run replayed', () => {
  let server: Server;
  let ann: string;
  let bob: string;
  let run: CreatedRun;
  let tina: JoinedRun;
  let others: JoinedRun[];
  let startS: number;
  const live: Record<number, Awaited<ReturnType<typeof unitsSeen>>> = {};

  const login = async (name: string) =>
    (await api<LoginAnswer>(server.url, 'POST', '/api/login', { name, password: PASSWORD })).body.token;
  const replay = (body: unknown, token?: string) =>
    api<ReplayAnswer & ApiError>(server.url, 'POST', `/api/runs/${run.runId}/replay`, body, token);

  beforeAll(async () => {
    server = await startTrainingServer(['ann', 'bob']);
    [ann, bob] = [await login('ann'), await login('bob')];
    run = (await api<CreatedRun>(server.url, 'POST', '/api/runs', { exerciseId: EXERCISE_ID, paused: true }, ann)).body;
    const join = async (name: string) =>
      (await api<JoinedRun>(server.url, 'POST', '/api/runs/join', { code: run.joinCode, name })).body;
    tina = await join('tina');
    others = [await join('tom'), await join('uma'), await join('val')];
    const session = server.registry.get(run.sessionId)!;
    startS = session.info().simTimeS;
    const [instructor, trainee]: Socket[] = [client(server.url), client(server.url)];
    await Promise.all([instructor, trainee].map(connected));
    joined(await joinSession(instructor, { sessionId: run.sessionId, token: ann }));
    joined(await joinSession(trainee, { sessionId: run.sessionId, token: tina.token }));
    const runTo = async (minute: number) => {
      const steps = Math.round((startS + minute * 60 - session.info().simTimeS) / STEP_S);
      expect(refusal(await sendCommand(instructor, { type: 'clock', action: 'step', steps }))).toBeUndefined();
      while (session.info().clockTarget !== null || session.info().simTimeS < startS + minute * 60) await sleep(20);
      live[minute] = await unitsSeen(server.url, run.sessionId);
    };
    await runTo(5);
    await runTo(31);
    const reset = await sendCommand(trainee, { type: 'heatPump', unitId: HEAT_PUMP, action: 'reset' });
    expect(refusal(reset)).toBeUndefined();
    await runTo(35);
    for (const s of [instructor, trainee]) s.close();
    expect((await api(server.url, 'POST', `/api/runs/${run.runId}/finish`, undefined, ann)).status).toBe(200);
  }, 60_000);
  afterAll(() => server?.close());

  it('saw the heat pump tripped at minute 31 and running again after the reset', () => {
    expect(live[31].mode).toContain(TRIPPED);
    expect(live[35].mode).not.toContain(TRIPPED);
  });

  let first: ReplayAnswer;

  it('shows at minute 35 what the run showed there, the trainee\'s reset entered again', async () => {
    const answer = await replay({ atMin: 35 }, ann);
    expect(answer.status).toBe(200);
    first = answer.body;
    expect(first).toMatchObject({ atMin: 35, untilMin: 35, playing: false });
    expect(first.sessionId).not.toBe(run.sessionId);
    expect(await unitsSeen(server.url, first.sessionId)).toEqual(live[35]);
  }, 30_000);

  it('starts a new replay to go back, from a backtrack, and shows the trip there', async () => {
    const back = (await replay({ atMin: 31 }, ann)).body;
    expect(back.atMin).toBe(31);
    expect(back.sessionId).not.toBe(first.sessionId);
    const listed = (back.alarms as { alarms: Array<{ tag: string; state: string }> }).alarms;
    expect(listed.filter((a) => a.state === 'active').map((a) => a.tag)).toContain(`${HEAT_PUMP.toUpperCase()}-TRIP`);
    expect(server.registry.get(first.sessionId)).toBeUndefined();
    expect(await unitsSeen(server.url, back.sessionId)).toEqual(live[31]);
    const on = (await replay({ atMin: 35 }, ann)).body;
    expect(on.sessionId).toBe(back.sessionId);
    expect(await unitsSeen(server.url, on.sessionId)).toEqual(live[35]);
  }, 30_000);

  it('starts from the exercise\'s start when the record keeps no backtrack before the moment', async () => {
    const db = openDatabase(server.dataDir);
    db.prepare('DELETE FROM backtracks WHERE run_id = ? AND sim_time_s < ?').run(run.runId, startS + 600);
    db.close();
    const early = (await replay({ atMin: 5 }, ann)).body;
    expect(early.atMin).toBe(5);
    expect(await unitsSeen(server.url, early.sessionId)).toEqual(live[5]);
  }, 30_000);

  it('holds a moment past the record to its end, and plays from a moment before it', async () => {
    expect((await replay({ atMin: 50 }, ann)).body).toMatchObject({ atMin: 35, untilMin: 35, playing: false });
    const playing = (await replay({ atMin: 32, playing: true, speed: 60 }, ann)).body;
    expect(playing).toMatchObject({ atMin: 32, playing: true });
    expect(server.registry.get(playing.sessionId)!.info().status).toBe('running');
  }, 30_000);

  it('gives nobody a role in a replay: a token other than none is refused there', async () => {
    const { sessionId } = (await replay({ atMin: 32 }, ann)).body;
    for (const token of [ann, tina.token]) {
      const socket = client(server.url);
      await connected(socket);
      expect(refusal(await joinSession(socket, { sessionId, token }))).toMatch(/^token: not valid/);
      socket.close();
    }
  }, 30_000);

  it('gives the trainee a replay of their own, without touching the instructor\'s', async () => {
    const annSession = (await replay({ atMin: 33 }, ann)).body.sessionId;
    const tinaAnswer = await replay({ atMin: 33 }, tina.token);
    expect(tinaAnswer.status).toBe(200);
    expect(tinaAnswer.body.sessionId).not.toBe(annSession);
    expect(server.registry.get(annSession)).toBeDefined();
    expect(await unitsSeen(server.url, tinaAnswer.body.sessionId)).toEqual(
      await unitsSeen(server.url, annSession),
    );
  }, 30_000);

  it('answers 401 without a token, 403 to another instructor, 400 naming a bad field; DELETE ends it', async () => {
    expect((await replay({ atMin: 1 })).status).toBe(401);
    expect((await replay({ atMin: 1 }, bob)).status).toBe(403);
    const bad = await replay({ atMin: -1 }, ann);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^atMin: /);
    const extra = await replay({ atMin: 1, at: 2 }, ann);
    expect(extra.status).toBe(400);
    expect(extra.body.error).toMatch(/unknown key "at"/);
    const del = () => api(server.url, 'DELETE', `/api/runs/${run.runId}/replay`, undefined, tina.token);
    const now = await api<ReplayAnswer>(server.url, 'GET', `/api/runs/${run.runId}/replay`, undefined, tina.token);
    expect(now.body).toMatchObject({ atMin: 33, untilMin: 35, playing: false });
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(404);
  });

  it(`keeps at most ${MAX_REPLAYS} replays at once: the next reader is told to try later`, async () => {
    expect(others.length + 1).toBe(MAX_REPLAYS);
    for (const t of others) expect((await replay({ atMin: 2 }, t.token)).status).toBe(200);
    const refused = await replay({ atMin: 2 }, tina.token);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatch(new RegExp(`^replays: all ${MAX_REPLAYS} replay slots are in use`));
    expect((await api(server.url, 'DELETE', `/api/runs/${run.runId}/replay`, undefined, ann)).status).toBe(204);
    expect((await replay({ atMin: 2 }, tina.token)).status).toBe(200);
  }, 30_000);
});
