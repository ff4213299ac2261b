/**
 * The records database file: made from nothing with every table and the settings that make a write durable,
 * reopened without change, and refused when a newer HeatTwin has migrated it past what this code knows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, dataDirFromEnv, openDatabase } from '../../server/records/database';
import { DatabaseVersionError, MIGRATIONS, migrate, schemaVersion } from '../../server/records/migrations';

const TABLES = [
  'actions',
  'auth_sessions',
  'backtracks',
  'initial_conditions',
  'instructors',
  'run_events',
  'run_readings',
  'run_samples',
  'runs',
  'scores',
  'trainees',
];
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heattwin-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tables = (db: Database.Database): string[] =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);

describe('records database', () => {
  it('is made from an empty directory at the newest schema, durable settings on', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const db = openDatabase(dir);
    expect(db.name).toBe(join(dir, DATABASE_FILE));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(TABLES);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('reopens without migrating again, its rows kept', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    db.prepare("INSERT INTO instructors (name, password_hash, created_ms) VALUES ('ann', 'x', 1)").run();
    db.close();
    const again = openDatabase(dir);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    expect(again.prepare('SELECT name FROM instructors').all()).toEqual([{ name: 'ann' }]);
    again.close();
  });

  it('applies only the steps a database lacks, each with its version', () => {
    const db = new Database(':memory:');
    migrate(db, ['CREATE TABLE a (x)']);
    expect(schemaVersion(db)).toBe(1);
    migrate(db, ['CREATE TABLE a (x)', 'CREATE TABLE b (y)']);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(['a', 'b']);
    db.close();
  });

  it('leaves a database at the version before a step that fails', () => {
    const db = new Database(':memory:');
    const steps = ['CREATE TABLE a (x)', 'CREATE TABLE b (y); CREATE TABLE b (z)'];
    expect(() => migrate(db, steps)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a']);
    db.close();
  });

  it('refuses a database newer than the code, saying so', () => {
    const dir = tempDir();
    const raw = new Database(join(dir, DATABASE_FILE));
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(dir)).toThrow(DatabaseVersionError);
    const n = MIGRATIONS.length;
    expect(() => openDatabase(dir)).toThrow(`schema version ${n + 1} is newer than this HeatTwin knows (${n})`);
  });

  it('takes DATA_DIR from the environment, ./data by default', () => {
    expect(dataDirFromEnv({ DATA_DIR: '/srv/heattwin' })).toBe('/srv/heattwin');
    expect(dataDirFromEnv({})).toBe(join(process.cwd(), 'data'));
  });
});
