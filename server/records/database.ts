/**
 * The one SQLite file that keeps what must survive the server: instructor accounts, their logins, and every
 * training run's record (server/records/runRecords.ts). better-sqlite3 is synchronous, so a row is in the file
 * when the call that writes it returns; with `synchronous = FULL` in WAL mode that write has been fsynced, so
 * a SIGKILL or a power loss after it loses nothing.
 *
 *   <DATA_DIR>/heattwin.db    DATA_DIR from the environment, default ./data (relative to the working
 *                             directory), made on start if missing
 *
 * WAL lets readers (a test, a backup, sqlite3 on the command line) read while the server writes; busy_timeout
 * makes a writer wait for another process's lock instead of failing at once. Schema: migrations.ts.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type { Database } from 'better-sqlite3';

export const DATABASE_FILE = 'heattwin.db';
const BUSY_TIMEOUT_MS = 5000;

/** DATA_DIR as the server and the instructor command read it. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR || './data');
}

/**
 * Opens (creating it and its directory if need be) and migrates the records database; `null` keeps the records
 * in memory only, for tests and benchmarks that need none kept.
 */
export function openDatabase(dataDir: string | null): Database.Database {
  let file = ':memory:';
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, DATABASE_FILE);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
