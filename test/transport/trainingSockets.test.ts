/**
 * A training run over sockets on a real server: the instructor and a trainee join the run's session with their
 * tokens and get their roles; the instructor injects a malfunction; the trainee's commands are acknowledged and
 * are in the run's record by the time the ack arrives; what the instructor made go wrong reaches neither the
 * trainee's socket nor the trainee's view of the record; a trainee's clock command is refused for its role, a
 * viewer without a token may command nothing, and a trainee's token gives nothing in another run's session; a
 * biased transmitter's reading reaches the trainee without the truth, which only the instructor gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { client, connected, joined, joinSession, sendCommand } from '../server/helpers';
import { api, EXERCISE_ID, HEAT_PUMP, PASSWORD, startTrainingServer } from './trainingHarness';
import { EVENTS } from '../../shared/protocol/events';
import type { CreatedRun, JoinedRun, LoginAnswer, RunDetail } from '../../shared/protocol/runs';
import type { Readings, RunEvent } from '../../shared/protocol/training';
import { decodeFrame } from '../../shared/protocol/frame';

/** The main plant's index in the small city's plants. */
const MAIN_PLANT = 0;

function nextReadings(socket: Socket, accept: (r: Readings) => boolean): Promise<Readings> {
  return new Promise((resolve) => {
    const on = (r: Readings) => {
      if (!accept(r)) return;
      socket.off(EVENTS.readings, on);
      resolve(r);
    };
    socket.on(EVENTS.readings, on);
  });
}

function nextFrame(socket: Socket, accept: (f: ReturnType<typeof decodeFrame>) => boolean): Promise<ArrayBuffer> {
  return new Promise((resolve) => {
    const on = (buf: ArrayBuffer) => {
      if (!accept(decodeFrame(buf))) return;
      socket.off(EVENTS.frame, on);
      resolve(buf);
    };
    socket.on(EVENTS.frame, on);
  });
}

type Server = Awaited<ReturnType<typeof startTrainingServer>>;

describe('a training run over sockets', () => {
  let server: Server;
  let ann: string;
  let run: CreatedRun;
  let other: CreatedRun;
  let tina: JoinedRun;
  let instructor: Socket;
  let trainee: Socket;
  let viewer: Socket;
  const seen = { instructor: [] as RunEvent[], trainee: [] as RunEvent[] };

  beforeAll(async () => {
    server = await startTrainingServer(['ann']);
    ann = (await api<LoginAnswer>(server.url, 'POST', '/api/login', { name: 'ann', password: PASSWORD })).body.token;
    const start = () =>
      api<CreatedRun>(server.url, 'POST', '/api/runs', { exerciseId: EXERCISE_ID, paused: true }, ann);
    run = (await start()).body;
    other = (await start()).body;
    tina = (await api<JoinedRun>(server.url, 'POST', '/api/runs/join', { code: run.joinCode, name: 'tina' })).body;
    [instructor, trainee, viewer] = [client(server.url), client(server.url), client(server.url)];
    await Promise.all([instructor, trainee, viewer].map(connected));
    instructor.on(EVENTS.runEvent, (e: RunEvent) => seen.instructor.push(e));
    trainee.on(EVENTS.runEvent, (e: RunEvent) => seen.trainee.push(e));
  });
  afterAll(async () => {
    for (const s of [instructor, trainee, viewer]) s?.close();
    await server?.close();
  });

  it('gives the instructor login and the trainee token their roles in the run\'s session', async () => {
    expect(joined(await joinSession(instructor, { sessionId: run.sessionId, token: ann })).role).toBe('instructor');
    expect(joined(await joinSession(trainee, { sessionId: run.sessionId, token: tina.token })).role).toBe('operator');
    expect(joined(await joinSession(viewer, { sessionId: run.sessionId })).role).toBe('viewer');
  });

  it('records the trainee\'s acknowledged commands before the ack, and the instructor reads them back', async () => {
    const inject = { type: 'malfunction', action: 'inject', malfunction: { kind: 'heatPumpTrip', unitId: HEAT_PUMP } };
    const injected = await sendCommand(instructor, inject);
    expect(injected.ok).toBe(true);
    const reset = { type: 'heatPump', unitId: HEAT_PUMP, action: 'reset' };
    const ack = await sendCommand(trainee, reset);
    expect(ack.ok).toBe(true);
    expect(typeof ack.simTimeS).toBe('number');
    // In the database at the moment of the ack: read straight from the records, no wait.
    const actions = server.records.getRun(run.runId)!.actions;
    expect(actions.at(-1)).toMatchObject({
      who: { kind: 'trainee', name: 'tina' },
      command: reset,
      ok: true,
      simTimeS: ack.simTimeS,
    });
    expect(actions.at(-2)).toMatchObject({ who: { kind: 'instructor', name: 'ann' }, command: inject, ok: true });

    const asAnn = (await api<RunDetail>(server.url, 'GET', `/api/runs/${run.runId}`, undefined, ann)).body;
    expect(asAnn.actions.map((a) => a.command)).toEqual([inject, reset]);
    expect(asAnn.events.some((e) => e.kind === 'malfunction')).toBe(true);
    expect(asAnn.events.some((e) => e.kind === 'action' && e.command?.type === 'heatPump')).toBe(true);
  });

  it('keeps what the instructor made go wrong from the trainee, on the socket and in the record', async () => {
    // The instructor's socket saw the injection; the trainee's socket saw its own action but not the injection.
    expect(seen.instructor.some((e) => e.kind === 'malfunction')).toBe(true);
    expect(seen.trainee.some((e) => e.kind === 'action')).toBe(true);
    expect(seen.trainee.filter((e) => e.kind === 'malfunction' || e.kind === 'cleared')).toEqual([]);

    const asTina = await api<RunDetail>(server.url, 'GET', `/api/runs/${run.runId}`, undefined, tina.token);
    expect(asTina.status).toBe(200);
    expect(asTina.body.events.length).toBeGreaterThan(0);
    expect(asTina.body.events.filter((e) => e.kind === 'malfunction' || e.kind === 'cleared')).toEqual([]);
    expect(asTina.body.actions.map((a) => a.command.type)).toEqual(['heatPump']);
  });

  it('refuses the trainee\'s clock command and a viewer\'s, records the refusals the session answered', async () => {
    const clock = await sendCommand(trainee, { type: 'clock', action: 'resume' });
    expect(clock).toEqual({ ok: false, error: 'role: operator may not send clock commands (needs instructor)' });
    const byViewer = await sendCommand(viewer, { type: 'storage', mode: 'charge' });
    expect(byViewer.ok).toBe(false);
    expect(byViewer).toMatchObject({ error: expect.stringMatching(/^role: viewer may not send/) as unknown });
    // Refused for the role before reaching the session: nothing was done, nothing is recorded.
    expect(server.records.getRun(run.runId)!.actions).toHaveLength(2);
    const refused = await sendCommand(trainee, { type: 'heatPump', unitId: 'no-such-unit', action: 'start' });
    expect(refused.ok).toBe(false);
    const last = server.records.getRun(run.runId)!.actions.at(-1);
    expect(last).toMatchObject({ ok: false, error: refused.ok ? null : refused.error });
  });

  it('gives a trainee\'s token nothing in another run\'s session', async () => {
    const intruder = client(server.url);
    await connected(intruder);
    const withToken = await joinSession(intruder, { sessionId: other.sessionId, token: tina.token });
    expect(withToken).toEqual({ ok: false, error: `token: not valid for session "${other.sessionId}"` });
    expect(joined(await joinSession(intruder, { sessionId: other.sessionId })).role).toBe('viewer');
    const cmd = await sendCommand(intruder, { type: 'heatPump', unitId: HEAT_PUMP, action: 'reset' });
    expect(cmd.ok).toBe(false);
    expect(server.records.getRun(other.runId)!.actions).toEqual([]);
    expect((await api(server.url, 'GET', `/api/runs/${other.runId}`, undefined, tina.token)).status).toBe(403);
    intruder.close();
  });

  it('shows the trainee what a biased transmitter reads, and the instructor the truth beside it', async () => {
    const bias = { kind: 'sensorFault', sensor: 'supplyTemperature', fault: 'bias', value: 4 };
    expect((await sendCommand(instructor, { type: 'malfunction', action: 'inject', malfunction: bias })).ok).toBe(true);
    // The step's ack carries its target: readings from then on were taken with the bias in force.
    const t1 = (await sendCommand(instructor, { type: 'clock', action: 'step', steps: 1 })).simTimeS!;
    const after = (r: Readings) => r.simTimeS >= t1;
    const [forAnn, forTina] = await Promise.all([nextReadings(instructor, after), nextReadings(trainee, after)]);
    const supply = (r: Readings) => r.transmitters.find((t) => t.sensor === 'supplyTemperature')!;
    // The instructor: the reading 4 K above the truth.
    expect(supply(forAnn).measured! - supply(forAnn).truth!).toBeCloseTo(4, 9);
    // The trainee: the same reading, no truth anywhere in what arrives.
    expect(forTina.transmitters.every((t) => !('truth' in t))).toBe(true);
    expect(supply(forTina).measured).toBe(supply(forAnn).measured);
    // The trainee's frames show the main plant's outlet as the transmitter reads it (0.01 K frame steps).
    const frame = decodeFrame(await nextFrame(trainee, (f) => f.header.simTimeS === forTina.simTimeS));
    expect(frame.plants.outletC[MAIN_PLANT]).toBeCloseTo(supply(forTina).measured!, 1);
    expect(Math.abs(frame.plants.outletC[MAIN_PLANT] - supply(forAnn).truth!)).toBeGreaterThan(3.9);
    const clear = { type: 'malfunction', action: 'clear', kind: 'sensorFault', sensor: 'supplyTemperature' };
    expect((await sendCommand(instructor, clear)).ok).toBe(true);
  });

  it('takes the trainee\'s role away once the run has finished', async () => {
    expect((await api(server.url, 'POST', `/api/runs/${other.runId}/finish`, {}, ann)).status).toBe(200);
    const late = client(server.url);
    await connected(late);
    const tom = (await api<JoinedRun>(server.url, 'POST', '/api/runs/join', { code: run.joinCode, name: 'tom' })).body;
    expect(joined(await joinSession(late, { sessionId: run.sessionId, token: tom.token })).role).toBe('operator');
    server.records.finishRun(run.runId);
    const again = client(server.url);
    await connected(again);
    expect(await joinSession(again, { sessionId: run.sessionId, token: tom.token })).toMatchObject({ ok: false });
    late.close();
    again.close();
  });
});
