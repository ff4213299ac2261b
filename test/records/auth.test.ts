/**
 * Instructor credentials: scrypt password hashes (salted, verified in constant time), accounts, and logins whose
 * tokens are stored only as hashes and end on logout or after 12 hours.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/records/database';
import { hashPassword, verifyPassword } from '../../server/auth/passwords';
import { InstructorExistsError, Instructors } from '../../server/auth/instructors';
import { AuthSessions, LOGIN_TTL_MS } from '../../server/auth/authSessions';
import { parseCookies, requestToken, sessionCookie } from '../../server/auth/requestAuth';
import { tokenHash } from '../../server/auth/tokens';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash, so one password gives different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('refuses, without throwing, a hash it cannot read', async () => {
    expect(await verifyPassword('x', 'plain text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$AAAA$AAAA')).toBe(false);
  });
});

describe('instructor accounts and logins', () => {
  let dir: string;
  let db: Database;
  let nowMs: number;
  let auth: AuthSessions;
  let instructors: Instructors;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'heattwin-auth-'));
    db = openDatabase(dir);
    nowMs = Date.UTC(2025, 0, 1);
    auth = new AuthSessions(db, () => nowMs);
    instructors = new Instructors(db);
    await instructors.add('ann', 'ann-password-1');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds, lists and removes accounts; a name is taken once', async () => {
    await instructors.add('bob', 'bob-password-1');
    expect(instructors.list().map((i) => i.name)).toEqual(['ann', 'bob']);
    await expect(instructors.add('ann', 'another-password')).rejects.toThrow(InstructorExistsError);
    expect(instructors.remove('bob')).toBe(true);
    expect(instructors.remove('bob')).toBe(false);
    expect(instructors.list().map((i) => i.name)).toEqual(['ann']);
  });

  it('logs in with the right password only, the same null for an unknown name', async () => {
    expect(await auth.login('ann', 'wrong-password')).toBeNull();
    expect(await auth.login('nobody', 'ann-password-1')).toBeNull();
    const login = await auth.login('ann', 'ann-password-1');
    expect(login?.instructor.name).toBe('ann');
    expect(login?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(login?.expiresMs).toBe(nowMs + LOGIN_TTL_MS);
    expect(auth.authenticate(login!.token)?.instructor.name).toBe('ann');
  });

  it('stores only the SHA-256 of a login token', async () => {
    const { token } = (await auth.login('ann', 'ann-password-1'))!;
    const stored = db.prepare<[], { token_hash: string }>('SELECT token_hash FROM auth_sessions').all();
    expect(stored).toEqual([{ token_hash: tokenHash(token) }]);
    expect(JSON.stringify(db.prepare('SELECT * FROM auth_sessions').all())).not.toContain(token);
  });

  it('ends a login on logout and after 12 hours', async () => {
    const a = (await auth.login('ann', 'ann-password-1'))!;
    const b = (await auth.login('ann', 'ann-password-1'))!;
    expect(auth.logout(a.token)).toBe(true);
    expect(auth.authenticate(a.token)).toBeUndefined();
    expect(auth.logout(a.token)).toBe(false);
    expect(auth.authenticate(b.token)).toBeDefined();
    nowMs += LOGIN_TTL_MS - 1;
    expect(auth.authenticate(b.token)).toBeDefined();
    nowMs += 1;
    expect(auth.authenticate(b.token)).toBeUndefined();
    expect(auth.authenticate(undefined)).toBeUndefined();
  });

  it('ends the logins of a removed account', async () => {
    const { token } = (await auth.login('ann', 'ann-password-1'))!;
    instructors.remove('ann');
    expect(auth.authenticate(token)).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) AS n FROM auth_sessions').get()).toEqual({ n: 0 });
  });
});

describe('tokens in requests', () => {
  it('takes a bearer token before the cookie', () => {
    expect(requestToken({ authorization: 'Bearer abc_DEF-1', cookie: 'heattwin_session=zzz' })).toBe('abc_DEF-1');
    expect(requestToken({ cookie: 'other=1; heattwin_session=zzz; x=y' })).toBe('zzz');
    expect(requestToken({ authorization: 'Basic abc' })).toBeUndefined();
    expect(requestToken({})).toBeUndefined();
  });

  it('parses cookies, quoted and percent-encoded values, the first of a name', () => {
    const c = parseCookies('a=1; b="two"; c=%41%42; d=%ZZ; a=again; junk');
    expect([...c]).toEqual([
      ['a', '1'],
      ['b', 'two'],
      ['c', 'AB'],
      ['d', '%ZZ'],
    ]);
  });

  it('sets an HttpOnly, SameSite=Strict, Path=/ cookie, and clears it', () => {
    const cookie = sessionCookie('tok', 3_600_000);
    expect(cookie).toBe('heattwin_session=tok; Max-Age=3600; Path=/; HttpOnly; SameSite=Strict');
    expect(sessionCookie('', 0)).toMatch(/^heattwin_session=; Max-Age=0;/);
  });
});
