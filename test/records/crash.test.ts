/**
 * The records survive a crash: the real server as a child process on a temp DATA_DIR, an instructor added with
 * `npm run instructor`, a run started over REST and joined by a trainee over socket.io; the server is killed with
 * SIGKILL right after the last command's ack, and every acknowledged command must be in the database. Restarted on
 * the same DATA_DIR, the server marks the run interrupted; resumed, the run goes on in a new session at the
 * simulated moment of its newest backtrack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { client, connected, joined, joinSession, sendCommand, sleep } from '../server/helpers';
import { api } from '../transport/trainingHarness';
import type { Command, CommandAck } from '../../shared/protocol/commands';
import type { CreatedRun, JoinedRun, LoginAnswer, RunDetail } from '../../shared/protocol/runs';
import type { SessionInfo } from '../../server/session/session';

const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = join(ROOT, 'server', 'main.ts');
const PASSWORD = 'crash-test-password';
const dataDir = mkdtempSync(join(tmpdir(), 'heattwin-crash-'));
const dbFile = join(dataDir, 'heattwin.db');
const children: ChildProcess[] = [];

function addInstructor(name: string): Promise<number | null> {
  const child = spawn(TSX, [join(ROOT, 'server', 'cli', 'instructor.ts'), 'add', name], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  child.stdin.end(`${PASSWORD}\n`);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

/** Starts server/main.ts and resolves with its URL once it listens. */
function startServer(): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += String(d)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out} ${err}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = /HeatTwin live twin: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], exited });
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

/** The database as another process sees it. */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('records across a SIGKILL', () => {
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds every acknowledged command, and the run resumes from its newest backtrack', async () => {
    expect(await addInstructor('ann')).toBe(0);
    const first = await startServer();
    const login = (await api<LoginAnswer>(first.url, 'POST', '/api/login', { name: 'ann', password: PASSWORD })).body;
    // 300 simulated s per wall s: a backtrack every 2 s, the 180-minute exercise over in 36 s.
    const created = await api<CreatedRun>(
      first.url,
      'POST',
      '/api/runs',
      { exerciseId: 'heat-pump-trip-cold-morning', speed: 300 },
      login.token,
    );
    expect(created.status, created.text).toBe(201);
    const run = created.body;
    const tina = (await api<JoinedRun>(first.url, 'POST', '/api/runs/join', { code: run.joinCode, name: 'tina' })).body;
    const socket = client(first.url);
    await connected(socket);
    expect(joined(await joinSession(socket, { sessionId: run.sessionId, token: tina.token })).role).toBe('operator');

    // At least one backtrack after the one at the start, so the resume has somewhere to go on from.
    const backtracks = () =>
      query<{ n: number }>('SELECT COUNT(*) AS n FROM backtracks WHERE run_id = ?', run.runId)[0].n;
    for (let i = 0; i < 100 && backtracks() < 2; i++) await sleep(200);
    expect(backtracks()).toBeGreaterThanOrEqual(2);

    const commands: Command[] = [
      { type: 'supplySetpoint', offsetK: 2 },
      { type: 'storage', mode: 'discharge' },
      { type: 'boiler', unitId: 'gas-1', action: 'start' },
      { type: 'alarm', action: 'ack' },
      { type: 'hint', action: 'ask' },
      { type: 'heatPump', unitId: 'no-such-unit', action: 'start' },
      { type: 'supplySetpoint', offsetK: 3 },
    ];
    const acks: CommandAck[] = [];
    for (const c of commands) acks.push(await sendCommand(socket, c));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    socket.close();
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(5);

    const rows = query<{ command: string; ok: number; error: string | null; sim_time_s: number; who_name: string }>(
      'SELECT command, ok, error, sim_time_s, who_name FROM actions WHERE run_id = ? ORDER BY id',
      run.runId,
    );
    expect(rows.map((r) => JSON.parse(r.command) as Command)).toEqual(commands);
    expect(rows.map((r) => r.ok === 1)).toEqual(acks.map((a) => a.ok));
    expect(rows.map((r) => r.error)).toEqual(acks.map((a) => (a.ok ? null : a.error)));
    expect(rows.map((r) => r.sim_time_s)).toEqual(acks.map((a) => a.simTimeS));
    expect(new Set(rows.map((r) => r.who_name))).toEqual(new Set(['tina']));
    const [newest] = query<{ sim_time_s: number }>(
      'SELECT sim_time_s FROM backtracks WHERE run_id = ? ORDER BY id DESC LIMIT 1',
      run.runId,
    );

    const second = await startServer();
    const relogin = await api<LoginAnswer>(second.url, 'POST', '/api/login', { name: 'ann', password: PASSWORD });
    const token = relogin.body.token;
    const before = await api<RunDetail>(second.url, 'GET', `/api/runs/${run.runId}`, undefined, token);
    expect(before.body.status).toBe('interrupted');
    expect(before.body.actions).toHaveLength(commands.length);

    const resumed = await api<CreatedRun>(second.url, 'POST', `/api/runs/${run.runId}/resume`, { paused: true }, token);
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.body.runId).toBe(run.runId);
    expect(resumed.body.joinCode).toBe(run.joinCode);
    expect(resumed.body.sessionId).not.toBe(run.sessionId);
    const info = (await api<SessionInfo>(second.url, 'GET', `/api/sessions/${resumed.body.sessionId}`)).body;
    expect(info.status).toBe('paused');
    expect(info.simTimeS).toBe(newest.sim_time_s);
    const after = (await api<RunDetail>(second.url, 'GET', `/api/runs/${run.runId}`, undefined, token)).body;
    expect(after).toMatchObject({ status: 'open', sessionId: resumed.body.sessionId });

    // The trainee's token still works: it makes an operator in the run's new session.
    const again = client(second.url);
    await connected(again);
    const rejoined = await joinSession(again, { sessionId: resumed.body.sessionId, token: tina.token });
    expect(joined(rejoined).role).toBe('operator');
    again.close();

    // A clean stop interrupts the run too: its session goes with the server.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const status = query<{ status: string }>('SELECT status FROM runs WHERE id = ?', run.runId);
    expect(status).toEqual([{ status: 'interrupted' }]);
  }, 180_000);
});
