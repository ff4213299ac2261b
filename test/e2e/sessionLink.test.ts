/**
 * A private session's link with a role token, end to end: the real server and built client in Chromium. The
 * page reads the token from the fragment (`#token=`) or the query (`&token=`), joins with it, and takes it out
 * of its address at once, so it is neither kept in the browser's history nor on screen; the session stays in the
 * address.
 */
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/main';
import { launchChromium } from './browser';
import { openPage } from './twinPage';

describe('a session link with a role token', () => {
  let server: RunningServer;
  let browser: Browser;
  let sessionId = '';
  let tokens = { operator: '', instructor: '' };

  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent' });
    const session = await server.registry.create({ scenario: 'espoo-district', speed: 60, paused: true });
    sessionId = session.id;
    tokens = session.tokens!;
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const cases = [
    { link: 'the fragment', path: () => `/?session=${sessionId}#token=${tokens.instructor}`, role: 'instructor' },
    { link: 'the query', path: () => `/?session=${sessionId}&token=${tokens.instructor}`, role: 'instructor' },
    { link: 'the fragment, an operator', path: () => `/?session=${sessionId}#token=${tokens.operator}`, role: 'operator' },
    { link: 'no token', path: () => `/?session=${sessionId}`, role: 'viewer' },
  ] as const;

  for (const c of cases)
    it(`with ${c.link}: joins as ${c.role}, and the address keeps the session but no token`, async () => {
      const twin = await openPage(browser);
      try {
        await twin.page.goto(`${server.url}${c.path()}`);
        await expect.poll(() => twin.page.getByTestId('connection').innerText(), { timeout: 20_000 }).toMatch(/live/i);
        expect(await twin.page.evaluate(() => window.__twin.role)).toBe(c.role);
        const address = await twin.page.evaluate(() => ({ href: location.href, search: location.search, hash: location.hash }));
        expect(address.search).toBe(`?session=${sessionId}`);
        expect(address.hash).toBe('');
        for (const token of Object.values(tokens)) {
          expect(address.href).not.toContain(token);
          expect(twin.page.url()).not.toContain(token);
        }
        expect(twin.errors).toEqual([]);
      } finally {
        await twin.page.close();
      }
    });
});
