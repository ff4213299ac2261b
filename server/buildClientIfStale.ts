/**
 * Builds the 3D client (`vite build client` -> client/dist) when client/dist is missing or older than its
 * sources (client/src, client/index.html, client/vite.config.ts and shared/, which the client imports), so
 * `npm start` always serves the current client. Run as a script before the server; the end-to-end test and
 * the render benchmark call `ensureClientBuilt()`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLIENT = join(ROOT, 'client');
const BUILT_INDEX = join(CLIENT, 'dist', 'index.html');
// The exhibit's message files (assets/i18n) are bundled into the client too.
const SOURCES = [
  join(CLIENT, 'src'),
  join(CLIENT, 'index.html'),
  join(CLIENT, 'vite.config.ts'),
  join(ROOT, 'shared'),
  join(ROOT, 'assets', 'i18n'),
];

function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows only as a newer directory
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

export function clientIsStale(): boolean {
  if (!existsSync(BUILT_INDEX)) return true;
  const builtMs = statSync(BUILT_INDEX).mtimeMs;
  return SOURCES.some((s) => newestMtimeMs(s) > builtMs);
}

/** Runs the Vite build in a child process; throws with its output when it fails. */
export function buildClient(): void {
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  // Always a production build: under vitest NODE_ENV is "test", which would give React's development build
  // (StrictMode double renders, warnings, a bigger bundle) to whoever runs `npm start` next.
  const env = { ...process.env, NODE_ENV: 'production' };
  const r = spawnSync(process.execPath, [viteBin, 'build', CLIENT, '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`client build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** Builds when stale; returns whether it built. */
export function ensureClientBuilt(): boolean {
  if (!clientIsStale()) return false;
  buildClient();
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    if (ensureClientBuilt()) console.log('client built: client/dist');
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
