/**
 * Security headers on every response (helmet): a Content-Security-Policy that fits the 3D client, nosniff,
 * and no framing by other sites.
 *
 * The client is all same-origin files: module scripts (no inline script), its CSS, Socket.IO on the same host
 * (connect-src 'self' covers ws: on it), three.js textures and workers from blob:/data: URLs. Inline <style>
 * elements of the pages served (the status page's, and the built client's index.html if it has any) are
 * allowed by their SHA-256 hashes rather than by 'unsafe-inline'. Style attributes that React and the HUD set
 * from script go through the CSSOM, which CSP does not restrict.
 * No HSTS and no upgrade-insecure-requests: the server speaks plain HTTP (a LAN exhibit, or behind a TLS
 * proxy that sets its own), and either would break a plain-HTTP deployment.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** CSP hash sources ('sha256-…') of every inline <style> element in an HTML text. */
function inlineStyleHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/gi))
    out.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  return out;
}

/** helmet with the client's policy; the inline styles of `htmlPages` (the pages served) are allowed. */
export function securityHeaders(htmlPages: readonly string[]): RequestHandler {
  const styleHashes = [...new Set(htmlPages.flatMap(inlineStyleHashes))];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", ...styleHashes],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    strictTransportSecurity: false,
  });
}
