/**
 * Commands and roles (shared/protocol/commands.ts): viewers watch only, operators run the plant,
 * instructors also run the clock and inject malfunctions; the public session accepts no commands from anyone. Each command is sent
 * with the right role (ok), the wrong role and no token (refused naming `role`), against a private session
 * of the small test city (units: dc-hp1, dc-hp2, air-hp heat pumps; eboiler, gas boilers; tank storage).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startSmallServer, SMALL_ID } from './harness';
import { client, commandResult, connected, http, joinSession, postJson, refusal, sendCommand, type CreatedSession } from './helpers';

type Server = Awaited<ReturnType<typeof startSmallServer>>;

const CLOCK = [
  { type: 'clock', action: 'pause' },
  { type: 'clock', action: 'step', steps: 2 },
  { type: 'clock', action: 'resume' },
  { type: 'clock', action: 'speed', speed: 3600 },
  { type: 'clock', action: 'speed', speed: 60 },
  { type: 'clock', action: 'jump', to: '2025-01-02T06:00' },
  { type: 'clock', action: 'snapshot', label: 'before' },
];
const PLANT = [
  { type: 'supplySetpoint', offsetK: 3 },
  { type: 'supplySetpoint', overrideC: 90 },
  { type: 'supplySetpoint', overrideC: null },
  { type: 'heatPump', unitId: 'dc-hp1', action: 'stop' },
  { type: 'heatPump', unitId: 'dc-hp1', action: 'start' },
  { type: 'heatPump', unitId: 'dc-hp1', action: 'reset' },
  { type: 'heatPump', unitId: 'dc-hp1', action: 'auto' },
  { type: 'boiler', unitId: 'gas', action: 'start' },
  { type: 'boiler', unitId: 'gas', action: 'stop' },
  { type: 'boiler', unitId: 'gas', action: 'auto' },
  { type: 'storage', mode: 'charge' },
  { type: 'storage', mode: 'auto' },
  { type: 'priority', unitIds: ['air-hp', 'dc-hp2'] },
  { type: 'priority', unitIds: [] },
  { type: 'standbyPump', action: 'start' },
  { type: 'standbyPump', action: 'stop' },
  { type: 'alarm', action: 'list' },
  { type: 'alarm', action: 'ack' },
];

const MALFUNCTION = [
  { type: 'malfunction', action: 'inject', malfunction: { kind: 'heatPumpTrip', unitId: 'dc-hp1' } },
  { type: 'malfunction', action: 'inject', malfunction: { kind: 'failedStart', unitId: 'gas' } },
  { type: 'malfunction', action: 'inject', malfunction: { kind: 'compressorStageLoss', unitId: 'dc-hp2', stages: 1 } },
  { type: 'malfunction', action: 'inject', malfunction: { kind: 'sourceOutage', sourceId: 'dc' } },
  { type: 'malfunction', action: 'inject', malfunction: { kind: 'circulationPumpFailure' } },
  { type: 'malfunction', action: 'inject', malfunction: { kind: 'sensorFault', sensor: 'worstDp', fault: 'bias', value: 20e3 } },
  { type: 'malfunction', action: 'inject', malfunction: { kind: 'storageValveStuck', unitId: 'tank' } },
  { type: 'malfunction', action: 'inject', malfunction: { kind: 'priceSpike', addEurPerMWh: 300 } },
  { type: 'malfunction', action: 'inject', malfunction: { kind: 'coldSnap', dropK: 8 } },
  { type: 'malfunction', action: 'list' },
  { type: 'malfunction', action: 'clear', kind: 'failedStart', unitId: 'gas' },
  { type: 'malfunction', action: 'clear', kind: 'compressorStageLoss', unitId: 'dc-hp2' },
  { type: 'malfunction', action: 'clear', kind: 'sourceOutage', sourceId: 'dc' },
  { type: 'malfunction', action: 'clear', kind: 'circulationPumpFailure' },
  { type: 'malfunction', action: 'clear', kind: 'sensorFault', sensor: 'worstDp' },
  { type: 'malfunction', action: 'clear', kind: 'storageValveStuck', unitId: 'tank' },
  { type: 'malfunction', action: 'clear', kind: 'priceSpike' },
  { type: 'malfunction', action: 'clear', kind: 'coldSnap' },
];

describe('commands and roles', () => {
  let server: Server;
  let id: string;
  let tokens: { operator: string; instructor: string };
  const open: Socket[] = [];
  const joined = async (sessionId: string, token?: string): Promise<Socket> => {
    const c = client(server.url);
    open.push(c);
    await connected(c);
    const ack = await joinSession(c, token ? { sessionId, token } : { sessionId });
    expect(ack.ok).toBe(true);
    return c;
  };

  beforeAll(async () => {
    // The default limit (10/s, burst 20) is tested in stream.test.ts; here each client sends ~25 requests.
    server = await startSmallServer({ requestRate: { ratePerS: 100, burst: 100 } });
    const res = await postJson<CreatedSession>(server.url, '/api/sessions', { scenario: SMALL_ID, speed: 600 });
    expect(res.status).toBe(201);
    ({ id, tokens } = res.body);
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.close();
  });

  it('gives each token its role', async () => {
    const c = client(server.url);
    open.push(c);
    await connected(c);
    expect(await joinSession(c, { sessionId: id, token: tokens.instructor })).toMatchObject({ ok: true, role: 'instructor', scenarioSent: true });
    // Joining the session it is in again changes the role and sends nothing more.
    expect(await joinSession(c, { sessionId: id, token: tokens.operator })).toMatchObject({ ok: true, role: 'operator', scenarioSent: false });
    expect(await joinSession(c, { sessionId: id })).toMatchObject({ ok: true, role: 'viewer', scenarioSent: false });
    // A private session's token means nothing in another session.
    expect((await joinSession(c, { sessionId: 'public', token: tokens.instructor })).ok).toBe(false);
  });

  it('clock commands: instructor ok; operator and no token refused', async () => {
    const [instructor, operator, viewer] = await Promise.all([joined(id, tokens.instructor), joined(id, tokens.operator), joined(id)]);
    for (const cmd of CLOCK) {
      expect(await sendCommand(viewer, cmd), JSON.stringify(cmd)).toEqual({
        ok: false,
        error: 'role: viewer may not send clock commands (needs instructor)',
      });
      expect(await sendCommand(operator, cmd), JSON.stringify(cmd)).toEqual({
        ok: false,
        error: 'role: operator may not send clock commands (needs instructor)',
      });
      const ack = await sendCommand(instructor, cmd, 20_000);
      expect(ack.ok, `${JSON.stringify(cmd)} -> ${JSON.stringify(ack)}`).toBe(true);
    }
    // Restore the snapshot taken last.
    const snap = await sendCommand(instructor, { type: 'clock', action: 'snapshot' });
    expect(snap.ok).toBe(true);
    // A clock snapshot's result: { snapshotId, simTimeS, label }.
    const { snapshotId } = commandResult(snap) as { snapshotId: string };
    expect((await sendCommand(operator, { type: 'clock', action: 'restore', snapshotId })).ok).toBe(false);
    expect(await sendCommand(instructor, { type: 'clock', action: 'restore', snapshotId }, 20_000)).toMatchObject({ ok: true });
  });

  it('plant commands: operator and instructor ok; no token refused', async () => {
    const [instructor, operator, viewer] = await Promise.all([joined(id, tokens.instructor), joined(id, tokens.operator), joined(id)]);
    for (const cmd of PLANT) {
      expect(await sendCommand(viewer, cmd), JSON.stringify(cmd)).toEqual({
        ok: false,
        error: `role: viewer may not send ${cmd.type} commands (needs operator)`,
      });
      const a = await sendCommand(operator, cmd);
      expect(a.ok, `${JSON.stringify(cmd)} -> ${JSON.stringify(a)}`).toBe(true);
      const b = await sendCommand(instructor, cmd);
      expect(b.ok, `${JSON.stringify(cmd)} -> ${JSON.stringify(b)}`).toBe(true);
    }
  });

  it('malfunction commands: instructor ok, answered with the malfunctions in force; operator and no token refused', async () => {
    const [instructor, operator, viewer] = await Promise.all([joined(id, tokens.instructor), joined(id, tokens.operator), joined(id)]);
    for (const cmd of MALFUNCTION) {
      for (const [who, role] of [
        [viewer, 'viewer'],
        [operator, 'operator'],
      ] as const) {
        expect(await sendCommand(who, cmd), JSON.stringify(cmd)).toEqual({
          ok: false,
          error: `role: ${role} may not send malfunction commands (needs instructor)`,
        });
      }
      const ack = await sendCommand(instructor, cmd);
      expect(ack.ok, `${JSON.stringify(cmd)} -> ${JSON.stringify(ack)}`).toBe(true);
    }
    const list = await sendCommand(instructor, { type: 'malfunction', action: 'list' });
    expect(commandResult(list)).toEqual({ active: [] });
    const spike = await sendCommand(instructor, MALFUNCTION[7]);
    expect(commandResult(spike)).toEqual({ active: [{ kind: 'priceSpike', addEurPerMWh: 300 }] });
    await sendCommand(instructor, { type: 'malfunction', action: 'clear', kind: 'priceSpike' });
    expect(refusal(await sendCommand(instructor, { type: 'malfunction', action: 'inject', malfunction: { kind: 'heatPumpTrip', unitId: 'gas' } }))).toBe(
      'malfunction.unitId: no heat pump "gas"',
    );
    expect(
      refusal(await sendCommand(instructor, { type: 'malfunction', action: 'inject', malfunction: { kind: 'compressorStageLoss', unitId: 'dc-hp1', stages: 5 } })),
    ).toBe('malfunction.stages: "dc-hp1" has 2 stages');
    expect(refusal(await sendCommand(instructor, { type: 'malfunction', action: 'inject', malfunction: { kind: 'coldSnap', dropK: -3 } }))).toMatch(
      /^malfunction\.dropK: /,
    );
    expect(refusal(await sendCommand(instructor, { type: 'malfunction', action: 'clear', kind: 'sourceOutage', sourceId: 'moon' }))).toBe(
      'sourceId: no source "moon"',
    );
  });

  it('a bad command gets an error naming the field', async () => {
    const operator = await joined(id, tokens.operator);
    expect(refusal(await sendCommand(operator, { type: 'heatPump', unitId: 5, action: 'stop' }))).toMatch(/^unitId: /);
    expect(refusal(await sendCommand(operator, { type: 'heatPump', unitId: 'dc-hp1', action: 'explode' }))).toMatch(/^action: /);
    expect(refusal(await sendCommand(operator, { type: 'supplySetpoint', overrideC: 500 }))).toMatch(/^overrideC: /);
    expect(refusal(await sendCommand(operator, { type: 'heatPump', unitId: 'gas', action: 'stop' }))).toBe('unitId: no heat pump "gas"');
    expect(refusal(await sendCommand(operator, { type: 'boiler', unitId: 'nope', action: 'stop' }))).toBe('unitId: no boiler "nope"');
    expect((await sendCommand(operator, 'stop everything')).ok).toBe(false);
  });

  it('the public session refuses every command, whoever sends it', async () => {
    const viewer = await joined('public');
    for (const cmd of [...CLOCK, ...PLANT, ...MALFUNCTION]) {
      expect(await sendCommand(viewer, cmd)).toEqual({ ok: false, error: 'role: the public session accepts no commands' });
    }
  });

  it('counts command outcomes in /metrics', async () => {
    const m = await http(server.url, '/metrics');
    expect(m.text).toMatch(/heattwin_commands_total\{result="ok"\} [1-9]/);
    expect(m.text).toMatch(/heattwin_commands_total\{result="refused"\} [1-9]/);
  });
});
