/**
 * Instructor logins: a login makes a random token (tokens.ts) that the instructor sends back as
 * `Authorization: Bearer <token>` or in the `heattwin_session` cookie (requestAuth.ts). Only the token's SHA-256
 * is stored, with its expiry 12 hours on; logout deletes it. Expired logins are swept on each new login.
 */
import type { Database } from 'better-sqlite3';
import { Instructors, type Instructor } from './instructors';
import { newToken, tokenHash } from './tokens';

export const LOGIN_TTL_MS = 12 * 3600 * 1000;

export interface Login {
  token: string;
  instructor: Instructor;
  expiresMs: number;
}

export class AuthSessions {
  private readonly instructors: Instructors;

  constructor(
    private readonly db: Database,
    /** Wall clock (ms since the epoch); tests move it to see logins expire. */
    private readonly now: () => number = Date.now,
  ) {
    this.instructors = new Instructors(db);
  }

  /** A new login, or null when the name or the password is wrong (the caller cannot tell which). */
  async login(name: string, password: string): Promise<Login | null> {
    const instructor = await this.instructors.verify(name, password);
    if (!instructor) return null;
    const now = this.now();
    const token = newToken();
    const expiresMs = now + LOGIN_TTL_MS;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM auth_sessions WHERE expires_ms <= ?').run(now);
      this.db
        .prepare('INSERT INTO auth_sessions (token_hash, instructor_id, expires_ms) VALUES (?, ?, ?)')
        .run(tokenHash(token), instructor.id, expiresMs);
    })();
    return { token, instructor, expiresMs };
  }

  /** The instructor a token is a live login of, with its expiry; undefined otherwise. */
  authenticate(token: string | undefined): { instructor: Instructor; expiresMs: number } | undefined {
    if (!token) return undefined;
    const row = this.db
      .prepare<[string, number], { instructor_id: number; expires_ms: number }>(
        'SELECT instructor_id, expires_ms FROM auth_sessions WHERE token_hash = ? AND expires_ms > ?',
      )
      .get(tokenHash(token), this.now());
    if (!row) return undefined;
    const instructor = this.instructors.byId(row.instructor_id);
    return instructor && { instructor, expiresMs: row.expires_ms };
  }

  /** Ends a login; false when the token was no live login. */
  logout(token: string | undefined): boolean {
    if (!token) return false;
    return this.db.prepare('DELETE FROM auth_sessions WHERE token_hash = ?').run(tokenHash(token)).changes > 0;
  }
}
