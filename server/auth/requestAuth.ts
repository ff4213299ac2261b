/**
 * Where a request carries its token: `Authorization: Bearer <token>` (scripts, the trainee's page) or the
 * instructor's login cookie, which is HttpOnly (page scripts cannot read it), SameSite=Strict (other sites'
 * pages cannot send it) and Path=/. The Cookie header is parsed here: a few lines, no session middleware.
 */
import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'heattwin_session';
const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]{1,256}=*)$/;

/** name -> value of a Cookie header; values are percent-decoded where they decode, kept as sent where not. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      /* not percent-encoding: the raw value */
    }
    if (name && !out.has(name)) out.set(name, value);
  }
  return out;
}

/** The bearer token, else the login cookie's; undefined when there is neither. */
export function requestToken(headers: IncomingHttpHeaders): string | undefined {
  const bearer = BEARER.exec(headers.authorization ?? '');
  if (bearer) return bearer[1];
  return parseCookies(headers.cookie).get(SESSION_COOKIE) || undefined;
}

/** Set-Cookie for a login that lasts maxAgeMs; 0 clears the cookie. */
export function sessionCookie(token: string, maxAgeMs: number): string {
  const maxAgeS = Math.max(0, Math.floor(maxAgeMs / 1000));
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Max-Age=${maxAgeS}; Path=/; HttpOnly; SameSite=Strict`;
}
