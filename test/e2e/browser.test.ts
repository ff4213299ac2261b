/**
 * The browser the end-to-end tests fall back to on a machine without one: the Chromium inside the
 * @sparticuz/chromium npm package, unpacked into an empty directory as on a fresh machine, must launch headless
 * and give WebGL 2 through SwiftShader with the flags the tests use and a language tag Intl accepts, loading its
 * NSS libraries from the package rather than the system.
 */
/// <reference lib="dom" />
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium, unpackPackagedChromium } from './browser';

describe('the Chromium from npm', () => {
  const root = mkdtempSync(join(tmpdir(), 'heattwin-browser-test-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('unpacks once, launches headless and renders WebGL 2 through SwiftShader', async () => {
    const [first, second] = await Promise.all([unpackPackagedChromium(root), unpackPackagedChromium(root)]);
    expect(second).toEqual(first);
    expect(first.executablePath.startsWith(root)).toBe(true);

    const browser = await launchChromium(first);
    try {
      const page = await browser.newPage();
      const gl = await page.evaluate(() => {
        const ctx = document.createElement('canvas').getContext('webgl2');
        const info = ctx?.getExtension('WEBGL_debug_renderer_info');
        return ctx && info ? String(ctx.getParameter(info.UNMASKED_RENDERER_WEBGL)) : null;
      });
      expect(gl).toMatch(/SwiftShader/);
      // The client formats numbers for navigator.language, so it must be a tag Intl accepts.
      expect(await page.evaluate(() => Intl.getCanonicalLocales(navigator.language))).toEqual(['en-US']);
      const nss = librariesOf(first.executablePath).filter((lib) => lib.endsWith('/libnss3.so'));
      expect(nss).toEqual([join(root, `heattwin-chromium-${packageVersion()}`, 'al2023', 'lib', 'libnss3.so')]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../node_modules/@sparticuz/chromium/package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Shared libraries mapped by the running processes of this executable (Linux /proc). */
function librariesOf(executablePath: string): string[] {
  const libs = new Set<string>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) !== executablePath) continue;
      for (const line of readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
        const path = line.split(/\s+/)[5];
        if (path?.endsWith('.so') || path?.includes('.so.')) libs.add(path);
      }
    } catch {
      // The process ended, or is not ours to read.
    }
  }
  return [...libs];
}
