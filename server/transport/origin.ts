/**
 * Which web pages may open a socket: a browser sends the page's Origin with the handshake, so a page on any
 * other site could otherwise drive a session with a token it got hold of, or just load the server. Allowed:
 * the origins on the allow-list (env ALLOWED_ORIGINS, comma-separated), or without a list the server's own
 * origin (the Origin's host equals the Host the request was sent to). A request without an Origin is not from
 * a web page (a script, the benchmark) and is allowed; `Origin: null` (sandboxed or file pages) is not.
 */
import { z } from 'zod';

/** ALLOWED_ORIGINS: `https://a.example,http://localhost:5173` -> normalised origins; empty means same origin. */
export const allowedOriginsSchema = z
  .string()
  .transform((s) => s.split(',').map((o) => o.trim()).filter((o) => o.length > 0))
  .pipe(
    z.array(
      z
        .string()
        .refine((o) => URL.canParse(o) && new URL(o).origin !== 'null', 'expected origins like https://twin.example or http://localhost:5173')
        .transform((o) => new URL(o).origin),
    ),
  );

export function originAllowed(origin: string | undefined, host: string | undefined, allowList: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (allowList.length > 0) return allowList.includes(url.origin);
  return host !== undefined && url.host === host.toLowerCase();
}
