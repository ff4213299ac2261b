/**
 * Instructor accounts in the records database: the people who start training runs and see every run they
 * started. Added, listed and removed with `npm run instructor` (server/cli/instructor.ts); there is no sign-up
 * over the network. Removing an account ends its logins and leaves its runs' records without an owner.
 */
import type { Database } from 'better-sqlite3';
import { hashPassword, verifyPassword } from './passwords';

export interface Instructor {
  id: number;
  name: string;
  /** ISO 8601 wall time. */
  createdAt: string;
}

export class InstructorExistsError extends Error {
  override name = 'InstructorExistsError';
}

interface Row {
  id: number;
  name: string;
  password_hash: string;
  created_ms: number;
}

const toInstructor = (r: Row): Instructor => ({
  id: r.id,
  name: r.name,
  createdAt: new Date(r.created_ms).toISOString(),
});

/** Checked against when the name is unknown, so that an unknown name takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

export class Instructors {
  constructor(private readonly db: Database) {}

  /** Name and password are validated by the caller (shared/protocol/runs.ts). */
  async add(name: string, password: string): Promise<Instructor> {
    if (this.byName(name)) throw new InstructorExistsError(`name: an instructor "${name}" exists already`);
    const hash = await hashPassword(password);
    try {
      const info = this.db
        .prepare('INSERT INTO instructors (name, password_hash, created_ms) VALUES (?, ?, ?)')
        .run(name, hash, Date.now());
      return this.byId(Number(info.lastInsertRowid))!;
    } catch (err) {
      // Another process added the same name while the hash was computed.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new InstructorExistsError(`name: an instructor "${name}" exists already`);
      throw err;
    }
  }

  list(): Instructor[] {
    return this.db.prepare<[], Row>('SELECT * FROM instructors ORDER BY name').all().map(toInstructor);
  }

  /** False when there is no such instructor. */
  remove(name: string): boolean {
    return this.db.prepare('DELETE FROM instructors WHERE name = ?').run(name).changes > 0;
  }

  byId(id: number): Instructor | undefined {
    const row = this.db.prepare<[number], Row>('SELECT * FROM instructors WHERE id = ?').get(id);
    return row && toInstructor(row);
  }

  /** The instructor when name and password match, else null; as slow for an unknown name as for a wrong password. */
  async verify(name: string, password: string): Promise<Instructor | null> {
    const row = this.db.prepare<[string], Row>('SELECT * FROM instructors WHERE name = ?').get(name);
    if (!row) {
      await verifyPassword(password, await (decoyHash ??= hashPassword('decoy password, never valid')));
      return null;
    }
    return (await verifyPassword(password, row.password_hash)) ? toInstructor(row) : null;
  }

  private byName(name: string): Row | undefined {
    return this.db.prepare<[string], Row>('SELECT * FROM instructors WHERE name = ?').get(name);
  }
}
