/**
 * `server/main.ts` as a process (graceful shutdown on SIGTERM): it starts with the default
 * scenario on PORT (0 = any free port), prints its URL, serves, and on SIGTERM closes its sockets, stops the
 * simulation workers and exits with code 0. Bad configuration (PORT=abc) exits 1 with a message naming PORT.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { client, connected, joinSession, nextEvent } from './helpers';

const DATA_DIR = mkdtempSync(join(tmpdir(), 'heattwin-shutdown-'));
afterAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, out: () => out, err: () => err };
}

describe('server process', () => {
  it('starts, serves and exits 0 on SIGTERM', async () => {
    const p = run({ PORT: '0', HOST: '127.0.0.1' });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${p.out()} ${p.err()}`)), 30_000);
      p.child.stdout.on('data', () => {
        const m = /HeatTwin live twin: (http:\/\/127\.0\.0\.1:\d+)/.exec(p.out());
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    const c = client(url);
    await connected(c);
    expect(await joinSession(c, { sessionId: 'public' })).toMatchObject({ ok: true, role: 'viewer' });
    await nextEvent(c, 'frame', 5000);
    const disconnected = nextEvent<string>(c, 'disconnect', 10_000);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(await disconnected).toMatch(/disconnect|close/);
    c.close();
  });

  it('refuses a bad PORT with exit code 1 naming the variable', async () => {
    const p = run({ PORT: 'abc' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toMatch(/^PORT: /m);
  });
});
