/**
 * `npm run instructor` as a user runs it: a child process on a temp DATA_DIR, the password piped in; its exit
 * code and messages for good and bad arguments.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/records/database';
import { AuthSessions } from '../../server/auth/authSessions';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CLI = join(process.cwd(), 'server', 'cli', 'instructor.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'heattwin-cli-'));

function instructor(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(TSX, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run instructor', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds an instructor with the piped password, who can then log in', async () => {
    const added = await instructor(['add', 'Ann Lee'], 'a-long-password\nignored second line\n');
    expect(added).toMatchObject({ code: 0, stdout: 'instructor "Ann Lee" added\n' });
    const db = openDatabase(dataDir);
    const auth = new AuthSessions(db);
    expect((await auth.login('Ann Lee', 'a-long-password'))?.instructor.name).toBe('Ann Lee');
    expect(await auth.login('Ann Lee', 'ignored second line')).toBeNull();
    db.close();
  });

  it('lists and removes instructors', async () => {
    expect((await instructor(['add', 'bob'], 'bobs-password-1\n')).code).toBe(0);
    const listed = await instructor(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0])).toEqual(['Ann Lee', 'bob']);
    expect((await instructor(['remove', 'bob'])).code).toBe(0);
    expect((await instructor(['list'])).stdout).not.toMatch(/^bob\t/m);
  });

  it('refuses bad arguments, short passwords, taken and unknown names, exiting 1 with a reason', async () => {
    const cases: Array<[string[], string, RegExp]> = [
      [[], '', /^usage: npm run instructor -- add NAME \| list \| remove NAME/],
      [['add'], '', /^usage: /],
      [['list', 'extra'], '', /^usage: /],
      [['delete', 'ann'], '', /^usage: /],
      [['add', '   '], 'a-long-password\n', /^name: /],
      [['add', 'carol'], 'short\n', /^password: at least 10 characters/],
      [['add', 'carol'], '', /^password: at least 10 characters/],
      [['add', 'Ann Lee'], 'another-password\n', /^name: an instructor "Ann Lee" exists already/],
      [['remove', 'nobody'], '', /^name: no instructor "nobody"/],
    ];
    for (const [args, stdin, error] of cases) {
      const r = await instructor(args, stdin);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(error);
      expect(r.stdout).toBe('');
    }
  });
});
