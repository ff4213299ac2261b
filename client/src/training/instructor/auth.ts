/**
 * The instructor's login in this tab. The server answers a login with a token and an HttpOnly cookie: REST
 * calls work with either, but the socket's `join` needs the token itself, so it is kept in sessionStorage (this
 * tab only, gone when it closes). A tab that has only the cookie is logged in for REST and is asked to log in
 * again before it can take control of a run.
 */
import { api } from '../../net/api';
import type { LoginAnswer } from '../../../../shared/protocol/runs';

const KEY = 'heattwin.instructor';

export interface InstructorLogin {
  name: string;
  /** Null when only the login cookie holds the login (another tab logged in). */
  token: string | null;
}

function stored(): InstructorLogin | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<InstructorLogin>) : null;
    if (typeof parsed?.name !== 'string' || typeof parsed.token !== 'string') return null;
    return { name: parsed.name, token: parsed.token };
  } catch {
    return null;
  }
}

/** Token to send as Bearer: undefined lets the cookie speak for the login. */
export const bearer = (login: InstructorLogin): string | undefined => login.token ?? undefined;

/** The login this tab holds (token, else cookie), checked with the server; null when there is none. */
export async function currentLogin(): Promise<InstructorLogin | null> {
  const kept = stored();
  if (kept) {
    const me = await api<{ name: string }>('GET', '/api/me', undefined, kept.token ?? undefined);
    if (me.ok) return kept;
    sessionStorage.removeItem(KEY);
  }
  const me = await api<{ name: string }>('GET', '/api/me');
  return me.ok ? { name: me.body.name, token: null } : null;
}

export type LoginResult = { ok: true; login: InstructorLogin } | { ok: false; error: string };

export async function logIn(name: string, password: string): Promise<LoginResult> {
  const answer = await api<LoginAnswer>('POST', '/api/login', { name, password });
  if (!answer.ok) return answer;
  const login = { name: answer.body.name, token: answer.body.token };
  sessionStorage.setItem(KEY, JSON.stringify(login));
  return { ok: true, login };
}

export async function logOut(login: InstructorLogin): Promise<void> {
  sessionStorage.removeItem(KEY);
  await api('POST', '/api/logout', undefined, bearer(login));
}
